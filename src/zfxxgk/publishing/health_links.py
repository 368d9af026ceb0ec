"""What a reader finds, now, at each link of the agencies' public bodies: the page (OK), the notice
of a withdrawn item (GONE) or nothing (BROKEN). :mod:`.health` turns the answers into findings.

The links were read in the background (:class:`~.models.health.BodyLink`, what ``resolve()`` saw);
whether the page they name is public is asked here of the public querysets each time, so a link
breaks the moment its target stops being public.

A fixed handful of queries answers any number of links: the links, then one query per kind of page
they name (the series' public versions, their other versions, the attachments, the annual reports,
the agencies, the columns), each selecting only what the links name, and the judging in Python.
Asking in SQL, row by row, makes PostgreSQL plan a correlated subquery per link; over a county's
hundred thousand links its JIT compiler alone then takes seconds.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate

from .columns import DEFAULT_COLUMNS
from .models import Attachment, Column, Publication, PubState
from .models.health import BodyLink, FileProblem, LinkTarget

OK, GONE, BROKEN = "ok", "gone", "broken"
SERIES_TARGETS = (LinkTarget.PUBLICATION, LinkTarget.VERSION, LinkTarget.ATTACHMENT)
DEFAULT_COLUMN_CODES = frozenset(code for top in DEFAULT_COLUMNS for code in [top[0], *(c[0] for c in top[4])])
FIELDS = ("pk", "url", "text", "target", "target_code", "target_slug", "target_number", "target_version", "target_attachment",
          "found_on", "error", "failing_on", "publication_id", "publication__title", "publication__agency_id",
          "publication__agency__name")


@dataclass
class Series:
    """What the public pages show of one series (public_views.series, read for many at once)."""

    current_version: int | None = None
    shown_ids: set = field(default_factory=set)  # versions whose attachments may be downloaded
    older_versions: set = field(default_factory=set)
    withdrawn_at: datetime | None = None
    withdrawn_title: str = ""
    withdrawn: bool = False

    def shows_version(self, number) -> bool:
        return number == self.current_version or number in self.older_versions


def links_of(ids, *, external: bool) -> QuerySet:
    """The links of the public bodies of agencies ``ids`` that may lead nowhere (external ones only
    when they are checked)."""
    qs = BodyLink.objects.filter(publication__in=Publication.objects.public().filter(agency_id__in=list(ids)).values("pk"))
    qs = qs.exclude(target=LinkTarget.OTHER)
    return qs if external else qs.exclude(target=LinkTarget.EXTERNAL)


def _named(links: QuerySet, targets, column: str) -> QuerySet:
    return links.filter(target__in=targets).values(column)


def _series(links: QuerySet) -> dict[tuple[str, int], Series]:
    """{(agency code, series id): Series} of every series the links name."""
    numbers = _named(links, SERIES_TARGETS, "target_number")
    named = Q(series_id__in=numbers) | Q(pk__in=numbers, series__isnull=True)
    out: dict[tuple[str, int], Series] = {}
    fields = ("pk", "series_id", "agency__code", "state", "version", "withdrawn_at", "title")
    current = Publication.objects.public().filter(named).order_by().values_list(*fields)
    others = Publication.objects.filter(named, state__in=(PubState.SUPERSEDED, PubState.WITHDRAWN)).order_by().values_list(*fields)
    for pk, series_id, code, state, version, withdrawn_at, title in [*current, *others]:
        s = out.setdefault((code, series_id or pk), Series())
        if state == PubState.PUBLISHED:
            s.current_version = version
            s.shown_ids.add(pk)
        elif state == PubState.SUPERSEDED:
            s.older_versions.add(version)
            s.shown_ids.add(pk)
        elif not s.withdrawn or (withdrawn_at and (s.withdrawn_at is None or withdrawn_at > s.withdrawn_at)):
            s.withdrawn, s.withdrawn_at, s.withdrawn_title = True, withdrawn_at, title  # the last withdrawal
    for s in out.values():
        if s.current_version is not None:  # superseded versions are shown only beside a current one
            s.older_versions = {v for v in s.older_versions if v < s.current_version}
        else:
            s.older_versions, s.shown_ids = set(), set()
    return out


def _attachments(links: QuerySet) -> dict[int, tuple[int, bool]]:
    """{attachment id: (publication id, file missing)} of the attachments the links name."""
    missing = Exists(FileProblem.objects.filter(attachment_id=OuterRef("pk"), problem=FileProblem.Kind.MISSING))
    rows = (Attachment.objects.filter(pk__in=_named(links, [LinkTarget.ATTACHMENT], "target_attachment"))
            .annotate(missing=missing).values_list("pk", "publication_id", "missing"))
    return {pk: (pub, lost) for pk, pub, lost in rows}


def _annual(links: QuerySet) -> set[tuple[str, int]]:
    from ..annual.models import AnnualReport

    codes = _named(links, [LinkTarget.ANNUAL], "target_code")
    return set(AnnualReport.objects.public().filter(agency__code__in=codes).values_list("agency__code", "year"))


def _agencies(links: QuerySet) -> dict[str, bool]:
    """{code: has columns} of the agencies the links name."""
    from ..agencies.models import Agency

    codes = _named(links, [LinkTarget.AGENCY, LinkTarget.COLUMN], "target_code")
    has = Exists(Column.objects.filter(agency_id=OuterRef("pk")))
    return dict(Agency.objects.filter(code__in=codes).annotate(has=has).values_list("code", "has"))


def _columns(links: QuerySet) -> set[tuple[str, str]]:
    codes = _named(links, [LinkTarget.COLUMN], "target_code")
    return set(Column.objects.filter(agency__code__in=codes).values_list("agency__code", "code"))


def judge(ids, *, external: bool) -> list[dict]:
    """The links that do not lead to a public page, as dicts of :data:`FIELDS` (``found_on`` and
    ``failing_on``: local days) with ``state`` (GONE or BROKEN) and, for GONE, ``withdrawn_at`` and
    ``withdrawn_title``."""
    links = links_of(ids, external=external)
    days = {"found_on": TruncDate("found_at"), "failing_on": TruncDate("failing_since")}  # dates load faster than datetimes
    rows = list(links.order_by("publication_id", "pk").annotate(**days).values_list(*FIELDS))
    kinds = {values[FIELDS.index("target")] for values in rows}
    series = _series(links) if kinds & set(SERIES_TARGETS) else {}
    attachments = _attachments(links) if LinkTarget.ATTACHMENT in kinds else {}
    annual = _annual(links) if LinkTarget.ANNUAL in kinds else set()
    agencies = _agencies(links) if kinds & {LinkTarget.AGENCY, LinkTarget.COLUMN} else {}
    columns = _columns(links) if LinkTarget.COLUMN in kinds else set()
    out = []
    for values in rows:
        r = dict(zip(FIELDS, values))
        target, code = r["target"], r["target_code"]
        state = BROKEN
        if target == LinkTarget.EXTERNAL:
            state = OK if not r["error"] else BROKEN
        elif target in SERIES_TARGETS:
            s = series.get((code, r["target_number"]))
            if s is None or s.current_version is None:
                state = GONE if s is not None and s.withdrawn else BROKEN
                if state == GONE:
                    r["withdrawn_at"], r["withdrawn_title"] = s.withdrawn_at, s.withdrawn_title
            elif target == LinkTarget.PUBLICATION:
                state = OK
            elif target == LinkTarget.VERSION:
                state = OK if s.shows_version(r["target_version"]) else BROKEN
            else:
                found = attachments.get(r["target_attachment"])
                state = OK if found and found[0] in s.shown_ids and not found[1] else BROKEN
        elif target == LinkTarget.ANNUAL:
            state = OK if (code, r["target_number"]) in annual else BROKEN
        elif target == LinkTarget.AGENCY:
            state = OK if code in agencies else BROKEN
        elif target == LinkTarget.COLUMN:
            default_tree = code in agencies and not agencies[code] and r["target_slug"] in DEFAULT_COLUMN_CODES
            state = OK if (code, r["target_slug"]) in columns or default_tree else BROKEN
        if state != OK:
            r["state"] = state
            out.append(r)
    return out
