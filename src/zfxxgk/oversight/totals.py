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
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import ExtractYear
from django.utils import timezone

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
_ZEROS = dict.fromkeys(TABLE_PATHS, 0)
_SPLIT_PATHS = tuple((p, tuple(p.split("."))) for p in TABLE_PATHS)

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


def live_tables(ids: list[int], years: list[int]) -> dict[int, dict[int, dict[str, int]]]:
    """{year: {agency id: tables 三 and 四}} counted from the cases: per year ONE grouped query over
    the applications and one over the appeals, for all the agencies together.

    :func:`zfxxgk.cases.stats.request_table` and :func:`~zfxxgk.cases.stats.appeal_table`, grouped
    by agency as well: the same filters (``stats.q_*``), so the same figures;
    tests/oversight/test_totals.py holds them equal.
    """
    return _live({y: list(ids) for y in years})


def _live(ids_by_year: dict[int, list[int]]) -> dict[int, dict[int, dict[str, int]]]:
    """Each year's tables of its own agencies: a year reads only the applications open at some
    time in it (``stats.q_open_in_year``), not the whole history."""
    out = {}
    for y, ids in ids_by_year.items():
        requests, appeals = live_request_tables(ids, y), live_appeal_tables(ids, y)
        out[y] = {i: requests[i] | appeals[i] for i in ids}
    return out


def received_per_year(ids: list[int], years) -> dict[int, int]:
    """R01 本年新收 of each of ``years``, for all of ``ids`` together (the dashboard's chart): one
    grouped count on the day of receipt, with table 三's own filters (``q_received``, ``q_applicant``)."""
    years = sorted(years)
    if not years or not ids:
        return dict.fromkeys(years, 0)
    (first, _), (_, last) = _year_bounds(years[0]), _year_bounds(years[-1])
    rows = (
        Application.objects.filter(stats._agency_filter(list(ids), "agency_id"), stats.q_received(first, last), stats.q_applicant("total"))
        .order_by().annotate(y=ExtractYear("received_on")).values_list("y").annotate(n=Count("*"))
    )
    counted = dict(rows)
    return {y: counted.get(y, 0) for y in years}


CACHE_SECONDS = 3600  # default of settings.ZFXXGK_OVERSIGHT_CACHE_SECONDS (open and overdue counts are always live)


def _casework_stamp() -> tuple:
    """Changes whenever any case does: every action on a case appends an Event (append-only,
    cases/services.py), and registering or appealing adds a row. Three index look-ups, one query."""
    tables = ", ".join(f"(SELECT MAX(id) FROM {connection.ops.quote_name(m._meta.db_table)})" for m in (Event, Application, Appeal))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {tables}")
        return tuple(cursor.fetchone())


def _live_cached(ids_by_year: dict[int, list[int]], ids: list[int], received_years: list[int]) -> tuple[dict, dict[int, int], datetime | None]:
    """(:func:`_live` of ``ids_by_year``, :func:`received_per_year` of ``ids``, when they were
    counted), from Django's cache: stale-while-revalidate.

    The live count reads every application of the years once; with a million of them that is
    most of the dashboard's time, while between two views of the page little changes. So:

    * nothing changed since the count (:func:`_casework_stamp`): the kept count, counted-at None;
    * a case changed: the kept count is served at once, with the time it was counted (the page
      says so), while a background task (:func:`zfxxgk.oversight.tasks.recount_live`) recounts —
      as long as the kept count is younger than ``settings.ZFXXGK_OVERSIGHT_CACHE_SECONDS``
      (default 3600; 0: always counted in the request), else it is counted in the request;
    * nothing kept (the first view of these agencies and years, or the cache emptied): counted in the request.

    Each agency's cells are kept as a tuple of numbers in the order of TABLE_PATHS: the entry stays
    small and quick to unpickle (path strings, one per cell, took 100 ms for 500 agencies).
    """
    seconds = int(getattr(settings, "ZFXXGK_OVERSIGHT_CACHE_SECONDS", CACHE_SECONDS))
    if seconds <= 0:
        counted, received = count_live(ids_by_year, ids, received_years)
        return counted, received, None
    key = _live_key(ids_by_year, ids, received_years)
    stamp = _casework_stamp()
    kept = cache.get(key)
    fresh = kept is not None and kept[0] == stamp
    young = kept is not None and (timezone.now() - kept[3]).total_seconds() < seconds
    if kept is not None and not fresh and young:
        from .tasks import recount_live

        if cache.add(key + ":recounting", 1, 120):  # one recount at a time
            recount_live.enqueue([[y, list(i)] for y, i in sorted(ids_by_year.items())], list(ids), list(received_years))
        again = cache.get(key)  # the immediate backend (tests) has recounted already
        if again is not None and again[0] == stamp:
            kept, fresh = again, True
    elif not fresh:
        kept = recount(ids_by_year, ids, received_years, stamp)
        fresh = True
    _, compact, received, counted_at = kept
    counted = {y: {i: dict(zip(TABLE_PATHS, values)) for i, values in by_id.items()} for y, by_id in compact.items()}
    return counted, received, (None if fresh else counted_at)


def count_live(ids_by_year: dict[int, list[int]], ids: list[int], received_years: list[int]) -> tuple[dict, dict[int, int]]:
    return (_live(ids_by_year) if ids_by_year else {}), (received_per_year(ids, received_years) if received_years else {})


def _live_key(ids_by_year: dict[int, list[int]], ids: list[int], received_years: list[int]) -> str:
    args = (tuple((int(y), tuple(sorted(i))) for y, i in sorted(ids_by_year.items())), tuple(sorted(ids)), tuple(received_years))
    return "zfxxgk:oversight:live:" + hashlib.sha256(repr(args).encode()).hexdigest()


def recount(ids_by_year: dict[int, list[int]], ids: list[int], received_years: list[int], stamp: tuple | None = None) -> tuple:
    """Count now and keep the count (with the casework stamp it matches) for the next views."""
    stamp = _casework_stamp() if stamp is None else stamp  # taken before counting: a change meanwhile makes it stale
    counted, received = count_live(ids_by_year, ids, received_years)
    compact = {y: {i: tuple(cells[p] for p in TABLE_PATHS) for i, cells in by_id.items()} for y, by_id in counted.items()}
    kept = (stamp, compact, received, timezone.now())
    key = _live_key(ids_by_year, ids, received_years)
    cache.set(key, kept, 7 * 24 * 3600)  # served stale only while younger than the setting (above)
    cache.delete(key + ":recounting")
    return kept


def live_request_tables(ids: list[int], year: int) -> dict[int, dict[str, int]]:
    """Table 三 of ``year`` per agency: the grouped form of :func:`zfxxgk.cases.stats.request_table`."""
    out = {i: dict.fromkeys(_REQUEST_PATHS, 0) for i in ids}
    if not ids:
        return out
    start, end = _year_bounds(year)
    counts = {
        "new": Count("received_on", filter=stats.q_received(start, end)),
        "carried": Count("received_on", filter=stats.q_carried_over(start)),
        "closed": Count("received_on", filter=stats.q_closed(start, end)),
        "forward": Count("received_on", filter=stats.q_carried_forward(end)),
    }
    # The applications open at some time in the year are those still open and those closed since
    # Jan 1: two ranges of the index application_year_counts, which holds every column read here
    # (COUNT(received_on): each filter requires one), so PostgreSQL reads the index alone.
    taken = Application.objects.filter(stats._agency_filter(list(ids), "agency_id"), stats.q_open_in_year(start, end)).order_by()
    still_open, closed_since = (
        part.values_list("agency_id", "applicant_kind", "outcome").annotate(**counts)
        for part in (taken.filter(closed_on__isnull=True), taken.filter(closed_on__gte=start))
    )
    # Fetched as plain tuples: ~35,000 groups for 500 agencies, whose Django converters alone took
    # 0.2 s (counts are integers on every backend).
    sql, params = still_open.union(closed_since, all=True).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    leaves, paths = _LEAVES, _PATH_PAIRS
    for agency_id, kind, outcome, new, carried, closed, forward in rows:
        if kind not in _KINDS:
            continue  # cases.stats logs these; they are counted nowhere
        cells = out[agency_id]
        for row, v in (("new_received", new), ("carried_over", carried), ("carried_forward", forward)):
            if v:
                path, total = paths[row, kind]
                cells[path] += v
                cells[total] += v
        if closed and outcome in leaves:
            for row in (outcome, "total"):
                path, total = paths[row, kind]
                cells[path] += closed
                cells[total] += closed
    return out


_REQUEST_PATHS = f21.request_paths()
_LEAVES, _KINDS = frozenset(f21.LEAF_KEYS), frozenset(f21.APPLICANT_KEYS)
# (row, applicant kind) → (the cell's path, its row's 总计 path)
_PATH_PAIRS = {(r, k): (f"requests.{r}.{k}", f"requests.{r}.total") for r in f21.ROW_KEYS for k in f21.APPLICANT_KEYS}


def live_appeal_tables(ids: list[int], year: int) -> dict[int, dict[str, int]]:
    """Table 四 of ``year`` per agency: the grouped form of :func:`zfxxgk.cases.stats.appeal_table`
    (the few appeals of the year, joined to their applications by key)."""
    out = {i: dict.fromkeys(_APPEAL_PATHS, 0) for i in ids}
    if not ids:
        return out
    start, end = _year_bounds(year)
    counts = {f"n_{m}": Count("id", filter=stats.q_appeal_measure(m, end)) for m in f21.APPEAL_PARTS}
    rows = (
        Appeal.objects.filter(stats._agency_filter(list(ids), "application__agency_id"), stats.q_filed(start, end))
        .order_by().values("application__agency_id", "kind").annotate(all=Count("*"), **counts)
    )
    groups = {g for g, _ in f21.APPEAL_GROUPS}
    for row in rows:
        kind = row["kind"]
        if kind not in groups:
            continue
        cells = out[row["application__agency_id"]]
        for m in f21.APPEAL_PARTS:
            cells[f"appeals.{kind}.{m}"] = row[f"n_{m}"]
        cells[f"appeals.{kind}.total"] = row["all"]
    return out


_APPEAL_PATHS = f21.appeal_paths()


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
    """Tables 三 and 四 of a stored spec §6 document (missing cells left out).

    A format-2021 document is read straight from its JSON, the 190 cells only (what
    :meth:`ReportDocument.from_dict` would give for them, and None where it would fail: the
    dashboard reads hundreds of documents); other formats through ReportDocument."""
    if not data:
        return {}
    try:
        if str(data.get("format") or f21.FORMAT_2021) == f21.FORMAT_2021:
            return _table_cells(data)
        doc = ReportDocument.from_dict(data)
    except (TypeError, ValueError, ArithmeticError, AttributeError) as exc:
        log.warning("oversight: unreadable stored document left out: %s", exc)
        return {}
    return {p: c.value for p, c in doc.cells.items() if p in _PATHS}


def _table_cells(data: dict) -> dict[str, int]:
    if data.get("published_on"):
        date.fromisoformat(data["published_on"])  # as from_dict: a bad date makes the document unreadable
    out = {}
    for path, (table, row, column) in _SPLIT_PATHS:
        node = data.get(table)
        node = node.get(row) if isinstance(node, dict) else None
        node = node.get(column) if isinstance(node, dict) else None
        if node is not None:
            out[path] = int(node)
    return out


def _latest_documents(report_ids: list[int]) -> dict[int, tuple[int, dict]]:
    """{report id: (its latest version's number, that document's tables 三 and 四)}: of a format-2021
    document only the two tables are fetched (a tenth of it); other formats whole."""
    latest = Version.objects.filter(report=OuterRef("report")).order_by("-number").values("number")[:1]
    versions = Version.objects.filter(report_id__in=report_ids).filter(number=Subquery(latest)).order_by()
    out, whole = {}, []
    for report_id, number, fmt, published_on, requests, appeals in versions.values_list(
            "report_id", "number", "document__format", "document__published_on", "document__requests", "document__appeals"):
        if str(fmt or f21.FORMAT_2021) == f21.FORMAT_2021:
            out[report_id] = number, cells_of_document({"published_on": published_on, "requests": requests, "appeals": appeals})
        else:
            whole.append(report_id)
    if whole:
        for report_id, number, document in versions.filter(report_id__in=whole).values_list("report_id", "number", "document"):
            out[report_id] = number, cells_of_document(document)
    return out


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
    return county_figures(agencies, [year], {year: audited}).by_year[year]


@dataclass
class CountyFigures:
    by_year: dict[int, list[AgencyFigures]]
    received: dict[int, int]  # applications received per year by all the agencies, from the cases
    counted_at: datetime | None = None  # the live figures are this old and being recounted (None: current)


def county_figures(agencies: list[Agency], years: list[int], audited: dict | None = None, received_years=()) -> CountyFigures:
    """Each agency's figures of each of ``years`` (then those of ``audited[year]``), and the
    applications the agencies received in each of ``received_years`` (the dashboard's chart).

    Queries, whatever the number of agencies: the reports with their current version number,
    those versions' documents, the live count of the agencies without figures (per year one query
    over the applications open in it and one over its appeals, for those agencies only) and one
    grouped count for the received per year (:func:`received_per_year`).
    """
    ids = [a.pk for a in agencies]
    reports = {
        (r.agency_id, r.year): r for r in AnnualReport.objects.filter(agency_id__in=ids, year__in=years)
        .annotate(current=Max("versions__number")).only("id", "agency_id", "year", "state").order_by()
    }
    # The large JSON only where it is read: a draft's figures, a version's tables.
    drafts = dict(AnnualReport.objects.filter(pk__in=[r.pk for r in reports.values() if not r.current]).values_list("pk", "figures"))
    documents = _latest_documents([r.pk for r in reports.values() if r.current])
    out: dict[tuple[int, int], AgencyFigures] = {}
    live: dict[int, list[int]] = {y: [] for y in years}
    for y in years:
        for a in agencies:
            report = reports.get((a.pk, y))
            version = documents.get(report.pk) if report else None
            if version is not None:
                number, cells = version
                out[a.pk, y] = AgencyFigures(a.name, PUBLISHED, cells, agency=a, version=number)
                continue
            draft = cells_of_draft(drafts.get(report.pk)) if report else {}
            if draft:
                out[a.pk, y] = AgencyFigures(a.name, DRAFT, draft, agency=a)
            else:
                live[y].append(a.pk)
    by_id = {a.pk: a for a in agencies}
    counted, received, counted_at = {}, {}, None
    if any(live.values()) or received_years:
        counted, received, counted_at = _live_cached({y: i for y, i in live.items() if i}, ids, list(received_years))
    for y, ids_ in live.items():
        for i in ids_:
            out[i, y] = AgencyFigures(by_id[i].name, LIVE, counted[y][i], agency=by_id[i])
    result = {}
    for y in years:
        result[y] = [out[a.pk, y] for a in agencies]
        for r in (audited or {}).get(y, ()):
            result[y].append(AgencyFigures(r.agency_name or r.filename, AUDITED, cells_of_document(r.document), audited=r))
    return CountyFigures(result, received, counted_at)


def sum_figures(figures: list[AgencyFigures]) -> dict[str, int | Decimal]:
    out: dict[str, int | Decimal] = dict(_ZEROS)
    for f in figures:
        for p, v in f.cells.items():
            if v and p in out:
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
