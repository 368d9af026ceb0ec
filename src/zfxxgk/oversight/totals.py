"""The county's tables 三 and 四: the sum of its agencies' tables, and each agency's figures.

    doc = county_totals(county, 2025)              # a ReportDocument: the county's tables 三 and 四
    figures = agency_figures(agencies, 2025)       # [AgencyFigures]: each agency's cells and their source
    rows = compare(figures_now, figures_before)    # year-over-year deltas and the M-RATES rates

Which figures count for an agency (in this order):

1. its report's current published :class:`~zfxxgk.annual.models.Version` (what the agency printed —
   the figures of record, also while a correction is being prepared);
2. else its report's draft figures (``AnnualReport.figures``), once 生成草稿 or an entry filled them;
   of both only the tables, as the 190 numbers each row keeps packed (:mod:`zfxxgk.annual.tables`);
3. else its casework counted live: :mod:`zfxxgk.cases.tally`, the running counts the case services
   keep in step with every case (equal to :mod:`zfxxgk.cases.stats`' counts by construction), so
   the figures are current in every view; for all such agencies one grouped sum per table.

The county adds the reports of agencies that are not on the platform, read and checked by the batch
audit (:mod:`zfxxgk.oversight.batch`). Every cell of the county is the sum of that cell over the
agencies — a hand-entered figure that breaks an agency's table stays visible in the sum rather than
being recomputed away.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Max, OuterRef, Subquery

from ..agencies.models import Agency
from ..annual.models import AnnualReport, Version
from ..annual.tables import TABLE_PATHS, unpack
from ..annual.tables import from_document as cells_of_document
from ..annual.tables import from_draft as cells_of_draft
from ..cases import stats, tally
from ..cases.models import Appeal
from ..reports.check import rates
from ..reports.model import Cell, ReportDocument
from ..standard import format2021 as f21
from .models import AuditedReport

_ZEROS = dict.fromkeys(TABLE_PATHS, 0)

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
    cells: Mapping[str, int | Decimal] = field(default_factory=dict)  # LiveCells for an agency counted live
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


# --- the live count, from the tallies ---------------------------------------------------------------------

class _Live:
    """The agencies of one year counted live, from :mod:`zfxxgk.cases.tally` (kept in step with every
    case, so always current): their tables summed in the database when only the sum is asked (the
    dashboard and the county totals: a few hundred grouped rows), each agency's in one grouped query
    the first time one agency's cells are read (the comparison per agency, the drill-down, the
    export: tens of thousands of rows for 500 agencies)."""

    def __init__(self, ids: list[int], year: int):
        self.ids, self.year = list(ids), int(year)
        self._sums: dict[frozenset[int], dict[str, int]] = {}

    @cached_property
    def by_agency(self) -> dict[int, dict[str, int]]:
        return tally.tables_by_agency(self.ids, self.year)

    @cached_property
    def totals_by_agency(self) -> dict[int, dict[str, int]]:
        """Each agency's cells of tally.TOTAL_PATHS (what a comparison reads), from the full count
        when it was made, else counted alone (a seventh of the rows)."""
        if "by_agency" in vars(self):
            return self.by_agency
        return tally.totals_by_agency(self.ids, self.year)

    def sum(self, ids: frozenset[int]) -> dict[str, int]:
        if "by_agency" in vars(self):  # counted agency by agency already
            return _summed(self.by_agency[i] for i in ids)
        if ids not in self._sums:
            self._sums[ids] = tally.tables_together(sorted(ids), self.year)
        return self._sums[ids]


class LiveCells(Mapping):
    """One agency's tables as counted live: read (with every other agency's of the year, in one
    query) when first asked, so that a page showing only the county's sum never reads them."""

    def __init__(self, live: _Live, agency_id: int):
        self.live, self.agency_id = live, agency_id

    def _cells(self) -> dict[str, int]:
        return self.live.by_agency[self.agency_id]

    def __getitem__(self, path: str) -> int:
        return self._cells()[path]

    def __iter__(self):
        return iter(self._cells())

    def __len__(self) -> int:
        return len(self._cells())

    def totals(self) -> Mapping[str, int]:
        """The cells a comparison reads (tally.TOTAL_PATHS), without counting every cell."""
        return self.live.totals_by_agency[self.agency_id]


def _compared(cells: Mapping) -> Mapping:
    return cells.totals() if isinstance(cells, LiveCells) else cells


# --- figures from documents ----------------------------------------------------------------------------

def _latest_documents(report_ids: list[int]) -> dict[int, tuple[int, dict]]:
    """{report id: (its latest version's number, that version's tables 三 and 四)}: the version's packed
    tables (annual.tables), or its document where the packed list does not fit."""
    latest = Version.objects.filter(report=OuterRef("report")).order_by("-number").values("number")[:1]
    versions = Version.objects.filter(report_id__in=report_ids).filter(number=Subquery(latest)).order_by()
    out, whole = {}, []
    for report_id, number, packed in versions.values_list("report_id", "number", "tables"):
        cells = unpack(packed)
        if cells is None:
            whole.append(report_id)
        else:
            out[report_id] = number, cells
    if whole:
        for report_id, number, document in versions.filter(report_id__in=whole).values_list("report_id", "number", "document"):
            out[report_id] = number, cells_of_document(document)
    return out


def _draft_tables(report_ids: list[int]) -> dict[int, dict]:
    """{report id: its draft's tables 三 and 四}: packed (annual.tables), or from the figures where the
    packed list does not fit."""
    out, whole = {}, []
    for pk, packed in AnnualReport.objects.filter(pk__in=report_ids).values_list("pk", "tables"):
        cells = unpack(packed)
        if cells is None:
            whole.append(pk)
        else:
            out[pk] = cells
    if whole:
        out.update((pk, cells_of_draft(figures)) for pk, figures in AnnualReport.objects.filter(pk__in=whole).values_list("pk", "figures"))
    return out


# --- every agency's figures ----------------------------------------------------------------------------

def agency_figures(agencies: list[Agency], year: int, audited: list[AuditedReport] = ()) -> list[AgencyFigures]:
    """Each agency's tables 三 and 四 of ``year`` (in the order given), then the audited outside reports."""
    return county_figures(agencies, [year], {year: audited}).by_year[year]


@dataclass
class CountyFigures:
    by_year: dict[int, list[AgencyFigures]]
    received: dict[int, int]  # applications received per year by all the agencies, from the cases


def county_figures(agencies: list[Agency], years: list[int], audited: dict | None = None, received_years=()) -> CountyFigures:
    """Each agency's figures of each of ``years`` (then those of ``audited[year]``), and the
    applications the agencies received in each of ``received_years`` (the dashboard's chart).

    Queries, whatever the number of agencies: the reports with their current version number,
    those versions' tables, the drafts' figures and one grouped sum of the tallies for the received
    per year; the agencies without figures are counted live (:class:`LiveCells`) when their cells or
    their sum are first read — per year one grouped sum per table.
    """
    ids = [a.pk for a in agencies]
    reports = {
        (r.agency_id, r.year): r for r in AnnualReport.objects.filter(agency_id__in=ids, year__in=years)
        .annotate(current=Max("versions__number")).only("id", "agency_id", "year", "state").order_by()
    }
    # The tables only, packed (annual.tables): not the drafts' figures nor the versions' documents.
    drafts = _draft_tables([r.pk for r in reports.values() if not r.current])
    documents = _latest_documents([r.pk for r in reports.values() if r.current])
    out: dict[tuple[int, int], AgencyFigures] = {}
    live: dict[int, list[Agency]] = {y: [] for y in years}
    for y in years:
        for a in agencies:
            report = reports.get((a.pk, y))
            version = documents.get(report.pk) if report else None
            if version is not None:
                number, cells = version
                out[a.pk, y] = AgencyFigures(a.name, PUBLISHED, cells, agency=a, version=number)
                continue
            draft = drafts.get(report.pk) if report else None
            if draft:
                out[a.pk, y] = AgencyFigures(a.name, DRAFT, draft, agency=a)
            else:
                live[y].append(a)
    for y, counted in live.items():
        count = _Live([a.pk for a in counted], y)
        for a in counted:
            out[a.pk, y] = AgencyFigures(a.name, LIVE, LiveCells(count, a.pk), agency=a)
    result = {}
    for y in years:
        result[y] = [out[a.pk, y] for a in agencies]
        for r in (audited or {}).get(y, ()):
            result[y].append(AgencyFigures(r.agency_name or r.filename, AUDITED, cells_of_document(r.document), audited=r))
    return CountyFigures(result, tally.received_per_year(ids, received_years) if received_years else {})


def _summed(cells_list) -> dict[str, int | Decimal]:
    out: dict[str, int | Decimal] = dict(_ZEROS)
    for cells in cells_list:
        for p, v in cells.items():
            if v and p in out:
                out[p] += v
    return out


def sum_figures(figures: list[AgencyFigures]) -> dict[str, int | Decimal]:
    """Every cell summed over ``figures``; the agencies counted live are summed by the database
    (:meth:`_Live.sum`) unless their cells were read already."""
    live: dict[_Live, list[int]] = {}
    stored = []
    for f in figures:
        if isinstance(f.cells, LiveCells):
            live.setdefault(f.cells.live, []).append(f.cells.agency_id)
        else:
            stored.append(f.cells)
    for count, ids in live.items():
        if len(set(ids)) == len(ids):
            stored.append(count.sum(frozenset(ids)))
        else:  # an agency twice: each time counted
            stored.extend(count.by_agency[i] for i in ids)
    return _summed(stored)


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
        c = compare_cells(f.name, year, _compared(f.cells), _compared(prev.cells) if prev else None)
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
