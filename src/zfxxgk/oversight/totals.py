"""The county's tables 三 and 四: the sum of its agencies' tables, and each agency's figures.

    doc = county_totals(county, 2025)              # a ReportDocument: the county's tables 三 and 四
    figures = agency_figures(agencies, 2025)       # [AgencyFigures]: each agency's cells and their source
    rows = compare(figures_now, figures_before)    # year-over-year deltas and the M-RATES rates

Which figures count for an agency (in this order):

1. its report's current published :class:`~zfxxgk.annual.models.Version` (what the agency printed —
   the figures of record, also while a correction is being prepared);
2. else its report's draft figures (``AnnualReport.figures``), once 生成草稿 or an entry filled them;
3. else its casework counted live (:mod:`zfxxgk.cases.stats`' filters), for all such agencies in
   one grouped query per table.

The county adds the reports of agencies that are not on the platform, read and checked by the batch
audit (:mod:`zfxxgk.oversight.batch`). Every cell of the county is the sum of that cell over the
agencies — a hand-entered figure that breaks an agency's table stays visible in the sum rather than
being recomputed away.
"""
from __future__ import annotations

import hashlib
import logging
import operator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import reduce

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, OuterRef, Subquery

from ..agencies.models import Agency
from ..annual.models import AnnualReport, Version
from ..cases import stats
from ..cases.models import Appeal, Application, Event
from ..reports.check import rates
from ..reports.model import Cell, ReportDocument
from ..standard import format2021 as f21
from .models import AuditedReport

log = logging.getLogger(__name__)

TABLE_PATHS: tuple[str, ...] = f21.request_paths() + f21.appeal_paths()
_PATHS = frozenset(TABLE_PATHS)

# Where an agency's figures came from (shown beside them).
PUBLISHED, DRAFT, LIVE, AUDITED = "published", "draft", "live", "audited"
SOURCE_LABELS = {
    PUBLISHED: "已发布的年度报告",
    DRAFT: "年度报告草稿",
    LIVE: "依申请公开台账（实时统计）",
    AUDITED: "上传的年度报告（批量审核）",
}


@dataclass
class AgencyFigures:
    """One agency's tables 三 and 四 (path → value) and where they came from."""

    name: str
    source: str
    cells: dict[str, int | Decimal] = field(default_factory=dict)
    agency: Agency | None = None  # None for an agency not on the platform
    audited: AuditedReport | None = None
    version: int | None = None  # the published version's number

    @property
    def source_label(self) -> str:
        label = SOURCE_LABELS[self.source]
        return f"{label}（第{self.version}版）" if self.version and self.version > 1 else label

    def value(self, path: str) -> int | Decimal:
        return self.cells.get(path, 0)

    def document(self, year: int) -> ReportDocument:
        doc = ReportDocument(format=f21.FORMAT_2021, agency=self.name, year=year)
        for p in TABLE_PATHS:
            doc.cells[p] = Cell(self.value(p), source=self.source_label)
        return doc


# --- the live count, grouped by agency ------------------------------------------------------------------

def _year_bounds(year: int) -> tuple[date, date]:
    return date(int(year), 1, 1), date(int(year), 12, 31)


def live_request_tables(ids: list[int], year: int) -> dict[int, dict[str, int]]:
    """Table 三 of ``year`` for each agency in ``ids`` (see :func:`live_tables`)."""
    return _live_requests(ids, [year])[0][year]


def live_appeal_tables(ids: list[int], year: int) -> dict[int, dict[str, int]]:
    """Table 四 of ``year`` for each agency in ``ids`` (see :func:`live_tables`)."""
    return _live_appeals(ids, [year])[year]


def live_tables(ids: list[int], years: list[int]) -> dict[int, dict[int, dict[str, int]]]:
    """{year: {agency id: tables 三 and 四}} counted from the cases: ONE grouped query over the
    applications and one over the appeals, for all the agencies and years together.

    :func:`zfxxgk.cases.stats.request_table` and :func:`~zfxxgk.cases.stats.appeal_table`, grouped
    by agency as well and with one set of conditional counts per year: the same filters
    (``stats.q_*``), so the same figures; tests/oversight/test_totals.py holds them equal.
    """
    return _live(ids, years)[0]


def _live(ids: list[int], years: list[int], received_years=()) -> tuple[dict, dict[int, int]]:
    (requests, received), appeals = _live_requests(ids, years, received_years), _live_appeals(ids, years)
    return {y: {i: requests[y][i] | appeals[y][i] for i in ids} for y in years}, received


CACHE_SECONDS = 600  # default of settings.ZFXXGK_OVERSIGHT_CACHE_SECONDS


def _casework_stamp() -> tuple:
    """Changes whenever any case does: every action on a case appends an Event (append-only,
    cases/services.py), and registering or appealing adds a row. Three index look-ups."""
    return tuple(
        model.objects.aggregate(m=Max("id"))["m"] for model in (Event, Application, Appeal)
    )


def _live_cached(ids: list[int], years: list[int], received_years: list[int]) -> tuple[dict, dict[int, int]]:
    """:func:`_live`, kept in Django's cache until any case changes (or for at most
    ``settings.ZFXXGK_OVERSIGHT_CACHE_SECONDS``, default 600; 0 turns the cache off).

    The live count reads every application of the years once; with a million of them that is
    most of the dashboard's time, while between two views of the page usually nothing changed.
    Only nonzero cells are kept, so the entry stays small.
    """
    seconds = int(getattr(settings, "ZFXXGK_OVERSIGHT_CACHE_SECONDS", CACHE_SECONDS))
    if seconds <= 0:
        return _live(ids, years, received_years)
    digest = hashlib.sha256(repr((sorted(ids), years, received_years, _casework_stamp())).encode()).hexdigest()
    key = f"zfxxgk:oversight:live:{digest}"
    hit = cache.get(key)
    if hit is None:
        counted, received = _live(ids, years, received_years)
        hit = ({y: {i: {p: v for p, v in cells.items() if v} for i, cells in by_id.items()} for y, by_id in counted.items()}, received)
        cache.set(key, hit, seconds)
    sparse, received = hit
    counted = {y: {i: dict.fromkeys(TABLE_PATHS, 0) | cells for i, cells in by_id.items()} for y, by_id in sparse.items()}
    return counted, received


def _live_requests(ids: list[int], years: list[int], received_years=()) -> tuple[dict[int, dict[int, dict[str, int]]], dict[int, int]]:
    """Table 三 per year and agency, and (in the same scan) the applications received in each of
    ``received_years`` by all of ``ids`` together (R01 本年新收 of those years)."""
    bounds = {y: _year_bounds(y) for y in years}
    extra = {y: _year_bounds(y) for y in received_years if y not in bounds}
    counts = {f"recv_{y}": Count("id", filter=stats.q_received(start, end)) for y, (start, end) in extra.items()}
    for y, (start, end) in bounds.items():
        counts |= {
            f"new_{y}": Count("id", filter=stats.q_received(start, end)),
            f"carried_{y}": Count("id", filter=stats.q_carried_over(start)),
            f"closed_{y}": Count("id", filter=stats.q_closed(start, end)),
            f"forward_{y}": Count("id", filter=stats.q_carried_forward(end)),
        }
    # Every application any of these counts takes is open at some time in one of the years.
    taken = [stats.q_open_in_year(start, end) for start, end in bounds.values()]
    taken += [stats.q_received(start, end) for start, end in extra.values()]
    rows = (
        Application.objects.filter(agency_id__in=Agency.objects.filter(pk__in=ids).values("pk"))
        .filter(reduce(operator.or_, taken)).order_by()
        .values_list("agency_id", "applicant_kind", "outcome").annotate(**counts)
    )
    leaves, kinds = set(f21.LEAF_KEYS), set(f21.APPLICANT_KEYS)
    tally = {y: {i: {} for i in ids} for y in years}
    received = dict.fromkeys(received_years, 0)
    for agency_id, kind, outcome, *numbers in rows:
        if kind not in kinds:
            continue  # cases.stats logs these; they are counted nowhere
        for k, y in enumerate(extra):
            received[y] += numbers[k]
        numbers = numbers[len(extra):]
        for k, y in enumerate(years):
            new, carried, closed, forward = numbers[4 * k: 4 * k + 4]
            c = tally[y][agency_id]
            for key, v in (("new_received", new), ("carried_over", carried), ("carried_forward", forward)):
                if v:
                    c[key, kind] = c.get((key, kind), 0) + v
            if closed and outcome in leaves:
                c[outcome, kind] = c.get((outcome, kind), 0) + closed
                c["total", kind] = c.get(("total", kind), 0) + closed
    out: dict[int, dict[int, dict[str, int]]] = {}
    for y in years:
        out[y] = {}
        for agency_id, c in tally[y].items():
            cells = dict.fromkeys(_REQUEST_PATHS, 0)
            for (row, kind), v in c.items():
                cells[f"requests.{row}.{kind}"] += v
                cells[f"requests.{row}.total"] += v
            out[y][agency_id] = cells
    for y in received:
        if y in bounds:
            received[y] = sum(cells["requests.new_received.total"] for cells in out[y].values())
    return out, received


_REQUEST_PATHS = f21.request_paths()


def _live_appeals(ids: list[int], years: list[int]) -> dict[int, dict[int, dict[str, int]]]:
    if not years:
        return {}
    bounds = {y: _year_bounds(y) for y in years}
    counts = {}
    for y, (start, end) in bounds.items():
        filed = stats.q_filed(start, end)
        counts[f"all_{y}"] = Count("id", filter=filed)
        counts |= {f"n_{m}_{y}": Count("id", filter=filed & stats.q_appeal_measure(m, end)) for m in f21.APPEAL_PARTS}
    # The agency by a correlated subquery rather than a join: the database then looks up the few
    # appeals' applications by key instead of reading all applications (a hash join on PostgreSQL).
    agency = Subquery(Application.objects.filter(pk=OuterRef("application_id")).order_by().values("agency_id")[:1])
    rows = (
        Appeal.objects.filter(reduce(operator.or_, (stats.q_filed(start, end) for start, end in bounds.values())))
        .annotate(application__agency_id=agency).filter(application__agency_id__in=ids)
        .order_by().values("application__agency_id", "kind").annotate(**counts)
    )
    groups = {g for g, _ in f21.APPEAL_GROUPS}
    out = {y: {i: dict.fromkeys(f21.appeal_paths(), 0) for i in ids} for y in years}
    for row in rows:
        kind = row["kind"]
        if kind not in groups:
            continue
        for y in years:
            cells = out[y][row["application__agency_id"]]
            for m in f21.APPEAL_PARTS:
                cells[f"appeals.{kind}.{m}"] = row[f"n_{m}_{y}"]
            cells[f"appeals.{kind}.total"] = row[f"all_{y}"]
    return out


# --- figures from documents ----------------------------------------------------------------------------

def _number(value) -> int | Decimal | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        try:
            return Decimal(str(value))
        except ArithmeticError:
            return None


def cells_of_document(data: dict | None) -> dict[str, int | Decimal]:
    """Tables 三 and 四 of a stored spec §6 document (missing cells left out)."""
    if not data:
        return {}
    try:
        doc = ReportDocument.from_dict(data)
    except (TypeError, ValueError, ArithmeticError, AttributeError) as exc:
        log.warning("oversight: unreadable stored document left out: %s", exc)
        return {}
    return {p: c.value for p, c in doc.cells.items() if p in _PATHS}


def cells_of_draft(figures: dict | None) -> dict[str, int | Decimal]:
    """Tables 三 and 四 of an AnnualReport's ``figures`` ({path: {"value": …}})."""
    out = {}
    for path, entry in (figures or {}).items():
        if path in _PATHS:
            value = _number(entry.get("value") if isinstance(entry, dict) else entry)
            if value is not None:
                out[path] = value
    return out


# --- every agency's figures ----------------------------------------------------------------------------

def agency_figures(agencies: list[Agency], year: int, audited: list[AuditedReport] = ()) -> list[AgencyFigures]:
    """Each agency's tables 三 and 四 of ``year`` (in the order given), then the audited outside reports."""
    return agency_figures_by_year(agencies, [year], {year: audited})[year]


def agency_figures_by_year(agencies: list[Agency], years: list[int], audited: dict | None = None) -> dict[int, list[AgencyFigures]]:
    """{year: each agency's figures, then those of ``audited[year]``} (see :func:`county_figures`)."""
    return county_figures(agencies, years, audited).by_year


@dataclass
class CountyFigures:
    by_year: dict[int, list[AgencyFigures]]
    received: dict[int, int]  # applications received per year by all the agencies, from the cases


def county_figures(agencies: list[Agency], years: list[int], audited: dict | None = None, received_years=()) -> CountyFigures:
    """Each agency's figures of each of ``years`` (then those of ``audited[year]``), and the
    applications the agencies received in each of ``received_years`` (the dashboard's chart).

    Queries, whatever the number of agencies and years: the reports with their current version
    number, those versions' documents, and the live count of the agencies without figures
    (:func:`live_tables`: one query over the applications, one over the appeals).
    """
    ids = [a.pk for a in agencies]
    reports = {
        (r.agency_id, r.year): r for r in AnnualReport.objects.filter(agency_id__in=ids, year__in=years)
        .annotate(current=Max("versions__number")).only("id", "agency_id", "year", "figures", "state").order_by()
    }
    latest = Version.objects.filter(report=OuterRef("report")).order_by("-number").values("number")[:1]
    documents = {
        v.report_id: v for v in Version.objects.filter(report_id__in=[r.pk for r in reports.values() if r.current])
        .filter(number=Subquery(latest)).only("id", "report_id", "number", "document")
    }
    out: dict[tuple[int, int], AgencyFigures] = {}
    live: dict[int, list[int]] = {y: [] for y in years}
    for y in years:
        for a in agencies:
            report = reports.get((a.pk, y))
            version = documents.get(report.pk) if report else None
            if version is not None:
                out[a.pk, y] = AgencyFigures(a.name, PUBLISHED, cells_of_document(version.document), agency=a, version=version.number)
                continue
            draft = cells_of_draft(report.figures) if report else {}
            if draft:
                out[a.pk, y] = AgencyFigures(a.name, DRAFT, draft, agency=a)
            else:
                live[y].append(a.pk)
    # Received per year counts every agency: then the one scan covers them all.
    need = ids if received_years else sorted({i for ids_ in live.values() for i in ids_})
    received: dict[int, int] = {}
    if need:
        by_id = {a.pk: a for a in agencies}
        counted, received = _live_cached(need, [y for y in years if live[y]], list(received_years))
        for y, ids_ in live.items():
            for i in ids_:
                out[i, y] = AgencyFigures(by_id[i].name, LIVE, counted[y][i], agency=by_id[i])
    result = {}
    for y in years:
        result[y] = [out[a.pk, y] for a in agencies]
        for r in (audited or {}).get(y, ()):
            result[y].append(AgencyFigures(r.agency_name or r.filename, AUDITED, cells_of_document(r.document), audited=r))
    return CountyFigures(result, received)


def sum_figures(figures: list[AgencyFigures]) -> dict[str, int | Decimal]:
    out: dict[str, int | Decimal] = dict.fromkeys(TABLE_PATHS, 0)
    for f in figures:
        for p, v in f.cells.items():
            if p in out:
                out[p] += v
    return out


def document(name: str | None, year: int, cells: dict) -> ReportDocument:
    doc = ReportDocument(format=f21.FORMAT_2021, agency=name, year=int(year))
    for p in TABLE_PATHS:
        doc.cells[p] = Cell(cells.get(p, 0), source="各机关合计")
    return doc


def county_agencies(county: Agency) -> list[Agency]:
    """The county and every agency below it, loaded in one query (parents cached, no query per agency)."""
    everyone = list(Agency.objects.order_by("name"))
    children: dict[int | None, list[Agency]] = {}
    by_id = {a.pk: a for a in everyone}
    for a in everyone:
        if a.parent_id in by_id:
            a.parent = by_id[a.parent_id]  # caches the foreign key: deadlines walk up without queries
        children.setdefault(a.parent_id, []).append(a)
    root = by_id.get(county.pk, county)
    out, stack = [], [root]
    while stack:
        node = stack.pop(0)
        out.append(node)
        stack[0:0] = children.get(node.pk, [])
    return out


def county_totals(county: Agency, year: int) -> ReportDocument:
    """The county's tables 三 and 四 of ``year``: the sum of its agencies' (the county itself and every
    agency below it, see :func:`agency_figures`) and of the audited reports of agencies not on the
    platform. Table 二 and the narrative are the agencies' own and are left empty."""
    from .status import audited_reports

    agencies = county_agencies(county)
    outside = audited_reports(county, year, {a.pk for a in agencies})
    return document(county.name, year, sum_figures(agency_figures(agencies, year, outside)))


# --- year-over-year ------------------------------------------------------------------------------------

KEY_ROWS: tuple[tuple[str, str], ...] = (
    ("requests.new_received.total", "本年新收"),
    ("requests.carried_over.total", "上年结转"),
    ("requests.total.total", "办理结果总计"),
    ("requests.carried_forward.total", "结转下年度"),
    ("appeals.reconsideration.total", "行政复议总计"),
    ("appeals.litigation_direct.total", "未经复议直接起诉总计"),
    ("appeals.litigation_after_reconsideration.total", "复议后起诉总计"),
)
RATES: tuple[tuple[str, str], ...] = (
    ("substantive_disclosure_rate", "实质公开率"),
    ("reconsideration_correction_rate", "行政复议纠错率"),
)


@dataclass
class Delta:
    label: str
    now: float | int | Decimal | None
    before: float | int | Decimal | None
    rate: bool = False

    @property
    def change(self):
        if self.now is None or self.before is None:
            return None
        return self.now - self.before

    @property
    def ratio(self) -> float | None:
        """The relative change of a count (None from 0 or for a rate, whose change is in points)."""
        if self.rate or self.change is None or not self.before:
            return None
        return float(self.change) / float(self.before)

    # -- as printed: a rate in per cent, its change in percentage points --
    def _text(self, value) -> str:
        if value is None:
            return "—"
        return f"{value:.1%}" if self.rate else str(value)

    @property
    def now_text(self) -> str:
        return self._text(self.now)

    @property
    def before_text(self) -> str:
        return self._text(self.before)

    @property
    def change_text(self) -> str:
        change = self.change
        if change is None:
            return ""
        if self.rate:
            return f"{change * 100:+.1f}个百分点"
        text = f"{change:+d}" if isinstance(change, int) else f"{change:+}"
        return text + (f"（{self.ratio:+.1%}）" if self.ratio is not None else "")


@dataclass
class Comparison:
    name: str
    deltas: list[Delta]
    now_source: str = ""
    before_source: str = ""


_RATE_PATHS = ("requests.granted.total", "requests.partially_granted.total", "requests.total.total",
               "appeals.reconsideration.corrected", "appeals.reconsideration.total", "appeals.reconsideration.pending")


def _rates(cells: dict) -> dict:
    """M-RATES of ``cells`` (:func:`zfxxgk.reports.check.rates` over just the cells it reads)."""
    doc = ReportDocument(format=f21.FORMAT_2021)
    for p in _RATE_PATHS:
        doc.cells[p] = Cell(cells.get(p, 0))
    return rates(doc)


def compare_cells(name: str, year: int, now: dict, before: dict | None) -> Comparison:
    """Deltas of the key rows and of the M-RATES rates (:func:`zfxxgk.reports.check.rates`)."""
    rates_now = _rates(now)
    rates_before = _rates(before) if before is not None else {}
    deltas = [Delta(label, now.get(p, 0), None if before is None else before.get(p, 0)) for p, label in KEY_ROWS]
    deltas += [Delta(label, rates_now.get(k), rates_before.get(k), rate=True) for k, label in RATES]
    return Comparison(name, deltas)


def compare(figures: list[AgencyFigures], previous: list[AgencyFigures], county_name: str, year: int,
            sums: tuple[dict, dict] | None = None) -> list[Comparison]:
    """The county first, then each agency: this year against the year before (``sums``: the two
    years' county cells when the caller has them already)."""
    before = {(f.agency.pk if f.agency else f.name): f for f in previous}
    now_sum, before_sum = sums or (sum_figures(figures), sum_figures(previous))
    out = [compare_cells(f"{county_name}（合计）", year, now_sum, before_sum)]
    for f in figures:
        prev = before.get(f.agency.pk if f.agency else f.name)
        c = compare_cells(f.name, year, f.cells, prev.cells if prev else None)
        c.now_source, c.before_source = f.source_label, prev.source_label if prev else "无"
        out.append(c)
    return out


# --- the cases behind a cell -----------------------------------------------------------------------------

def cases_behind(agency: Agency, year: int, path: str):
    """The applications (table 三) or appeals (table 四) counted in ``path`` for ``agency``:
    :func:`zfxxgk.cases.stats.cell_cases`, the same filters as the count, in a stable order."""
    qs = stats.cell_cases(agency, year, path)
    if qs.model is Appeal:
        return qs.select_related("application").order_by("filed_on", "pk")
    return qs.order_by("received_on", "pk")
