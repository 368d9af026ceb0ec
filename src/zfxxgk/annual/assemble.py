"""生成草稿: tables 三 and 四 from the cases, table 二 第（一）项 from the registry of 规章 and
规范性文件, the narrative's facts, and what changed since last time.

The counting rules are :mod:`zfxxgk.cases.stats`' (条例第三十一条 for the day of receipt; the 2021
format's notes for R01 本年新收, R02 上年结转, R03–R24 closed in the year, R25 结转下年度, and table 四
by filing and decision dates) and :func:`zfxxgk.publishing.registry.table2`'s (制发, 废止 incl. 失效,
现行有效 at year end) — one definition each, not restated here.

When the registry speaks for a year (:func:`zfxxgk.publishing.registry.in_use`: the agency has
registered a document issued by that 31 December), its six figures enter with source
``registry`` exactly as the cases' figures do: a hand entry over one is kept with the registry's
count beside it. Before an agency has registered anything for the year the six cells stay as staff
enter them: an empty registry cannot tell "issued none" from "not using the registry yet", and
zeros over hand-entered figures would be wrong for every agency that has not started.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from django.db.models import Count

from ..agencies.models import Membership
from ..cases import stats
from ..cases.choices import EventKind
from ..cases.models import Event
from ..publishing import registry
from ..publishing.queries import counts_by_column
from . import figures as fig
from .models import FigureSource
from .narrative import OUTCOME_GROUPS, Facts

HAND = (FigureSource.MANUAL, FigureSource.IMPORT, FigureSource.UPLOAD)
REGISTRY_PATHS = frozenset(registry.PATHS)


@dataclass(frozen=True)
class Change:
    """One difference 生成草稿 made (or, ``kept``, would have made over a hand edit)."""

    kind: str  # "figure" | "section"
    key: str  # spec §6 path or section key
    label_zh: str
    old: object
    new: object
    kept: bool  # the hand-entered value or edited text stays; ``new`` is what the cases/template give

    def to_dict(self) -> dict:
        return asdict(self)


def source_of(path: str) -> str:
    """Where a computed figure comes from: the registry for table 二 第（一）项, else the cases."""
    return (FigureSource.REGISTRY if path in REGISTRY_PATHS else FigureSource.CASES).value


def computed(agency, year: int) -> dict[str, int]:
    """Tables 三 and 四 of the agency's cases, and table 二 第（一）项 of its registry when the
    registry speaks for ``year`` (spec §6 paths)."""
    out = stats.request_table(agency, year) | stats.appeal_table(agency, year)
    if registry.in_use(agency, year):
        out |= registry.table2(agency, year)
    return out


def merge_figures(old: dict, fresh: dict[str, int]) -> tuple[dict, list[Change]]:
    """The figures after regeneration: computed cells take the new count unless entered by hand
    (then the hand value stays and ``computed`` is updated, so both are kept); the rest of table 二
    and any other cell not computed stay as they are. A registry figure the registry no longer
    gives (its documents were re-dated out of the year) is dropped; a hand entry there loses its
    ``computed``."""
    out = {p: dict(e) for p, e in old.items()}
    changes: list[Change] = []
    for path, value in fresh.items():
        entry = old.get(path)
        if entry and entry.get("source") in HAND:
            out[path] = {**entry, "computed": value}
            if entry.get("computed") != value:
                changes.append(Change("figure", path, fig.label(path), entry.get("computed"), value, True))
            continue
        out[path] = {"value": value, "source": source_of(path), "computed": value}
        before = entry.get("value") if entry else None
        if before != value:
            changes.append(Change("figure", path, fig.label(path), before, value, False))
    for path in sorted(REGISTRY_PATHS - fresh.keys()):
        entry = old.get(path)
        if not entry or entry.get("computed") is None:
            continue
        if entry.get("source") in HAND:
            out[path] = {**entry, "computed": None}
        else:
            del out[path]
            changes.append(Change("figure", path, fig.label(path), entry.get("value"), None, False))
    return out, changes


def merge_sections(current: dict, generated: dict, fresh: dict[str, str]) -> tuple[dict, list[Change]]:
    """A section whose text differs from what was generated last time is a hand edit and is kept."""
    out = dict(current)
    changes: list[Change] = []
    for key, text in fresh.items():
        label = fig.TEXT_LABELS.get(key, key)
        had = current.get(key)
        if had is not None and had != generated.get(key):
            if text != generated.get(key):
                changes.append(Change("section", key, label, generated.get(key), text, True))
            continue
        out[key] = text
        if had != text:
            changes.append(Change("section", key, label, had, text, False))
    return out, changes


def _total(figures: dict, path: str) -> int:
    entry = figures.get(path)
    try:
        return int(entry["value"]) if entry else 0
    except (TypeError, ValueError):
        return 0


def fee_facts(agency, year: int) -> tuple[int, int, int]:
    """(收费通知 sent in the year, fees paid in the year, amount paid in 元) from the fee events
    (国办函〔2020〕109号; the amount is the notice's, computed by cases.fees)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    events = Event.objects.filter(application__agency=agency, kind__in=(EventKind.FEE_NOTICE, EventKind.FEE_PAID))
    notices = events.filter(kind=EventKind.FEE_NOTICE, on__gte=start, on__lte=end).count()
    paid_apps = list(events.filter(kind=EventKind.FEE_PAID, on__gte=start, on__lte=end).values_list("application_id", flat=True).distinct())
    amount = 0
    for data in events.filter(kind=EventKind.FEE_NOTICE, application_id__in=paid_apps).values_list("data", flat=True):
        amount += int((data or {}).get("amount") or 0)
    return notices, len(paid_apps), amount


def staff_count(agency) -> int:
    """The people working on disclosure in the agency: its members (any role), each once."""
    return Membership.objects.filter(agency=agency).aggregate(n=Count("user", distinct=True))["n"]


def documents_facts(figures: dict) -> dict[str, tuple[int, int, int]]:
    """{"规章" | "规范性文件": (made, repealed, in_force)} as table 二 第（一）项 of the report says
    (hand entries included); an item whose three cells are not all filled is left out."""
    out = {}
    for name, item in (("规章", "regulations"), ("规范性文件", "normative_documents")):
        paths = [f"active.{item}.{m}" for m in registry.MEASURES]
        if all((figures.get(p) or {}).get("value") is not None for p in paths):
            out[name] = tuple(_total(figures, p) for p in paths)
    return out


def facts(agency, year: int, figures: dict) -> Facts:
    """The year's facts for the templates, read from the report's own figures (and, for section
    一's 主动公开 sentence, the publications first published in the year)."""
    t = lambda row: _total(figures, f"requests.{row}.total")  # noqa: E731
    notices, paid, amount = fee_facts(agency, year)
    return Facts(
        year=year,
        agency=agency.name,
        new_received=t("new_received"),
        carried_over=t("carried_over"),
        closed=t("total"),
        carried_forward=t("carried_forward"),
        outcomes={name: sum(t(k) for k in keys) for name, keys in OUTCOME_GROUPS},
        reconsideration=_total(figures, "appeals.reconsideration.total"),
        litigation=_total(figures, "appeals.litigation_direct.total") + _total(figures, "appeals.litigation_after_reconsideration.total"),
        staff=staff_count(agency),
        fee_notices=notices,
        fees_paid=paid,
        fee_amount=amount,
        no_fee_payment=t("other_no_fee_payment"),
        is_government=agency.is_government,
        publications=counts_by_column(agency, year),
        documents=documents_facts(figures),
    )
