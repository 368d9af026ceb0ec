"""What the dashboard shows, gathered once for the page and for its XLSX export."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from urllib.parse import urlencode

from django.urls import reverse

from ...agencies.models import Agency
from ...reports.model import ReportDocument
from ...reports.write import layout
from ...standard import format2021 as f21
from .. import charts, status, totals


def path_label(path: str) -> str:
    """``requests.granted.total`` → "表三 （一）予以公开 · 总计" (the printed labels)."""
    parts = path.split(".")
    if parts[0] == "requests" and len(parts) == 3 and parts[1] in f21.ROW_BY_KEY and parts[2] in f21.COLUMN_BY_KEY:
        row, col = f21.ROW_BY_KEY[parts[1]], f21.COLUMN_BY_KEY[parts[2]]
        group = f"{row.group} " if row.group else ""
        return f"表三 {group}{row.label} · {col.label}"
    if parts[0] == "appeals" and len(parts) == 3:
        groups, measures = dict(f21.APPEAL_GROUPS), dict(f21.APPEAL_MEASURES)
        if parts[1] in groups and parts[2] in measures:
            return f"表四 {groups[parts[1]]} · {measures[parts[2]]}"
    return path


def grid_rows(grid: layout.Grid, href) -> list[list[dict]]:
    """A layout grid of the national format for the template, each value cell with its link."""
    return [[{"text": c.text, "rowspan": c.rowspan, "colspan": c.colspan, "header": c.header, "path": c.path,
              "href": href(c.path) if c.path else None, "label": path_label(c.path) if c.path else ""} for c in row]
            for row in grid.rows]


@dataclass
class Dashboard:
    county: Agency
    year: int
    today: date
    agencies: list[Agency]
    rows: list[status.AgencyRow]
    outside: list[status.AuditedRow]
    figures: list[totals.AgencyFigures]
    doc: ReportDocument
    previous: list[totals.AgencyFigures]  # last year's figures
    sums: tuple[dict, dict]  # the county's cells of this year and of last year
    charts: list[charts.Chart] = field(default_factory=list)

    @cached_property
    def comparisons(self) -> list[totals.Comparison]:
        """The county, then every agency, against last year (the compare page and the export)."""
        return totals.compare(self.figures, self.previous, self.county.name, self.year, self.sums)

    @cached_property
    def county_comparison(self) -> list[totals.Comparison]:
        """The county's row of :attr:`comparisons` alone (the dashboard shows just that row)."""
        if "comparisons" in vars(self):
            return self.comparisons[:1]
        return [totals.compare_cells(f"{self.county.name}（合计）", self.year, *self.sums)]

    @cached_property
    def _cell_url_base(self) -> str:
        return reverse("oversight:cell") + "?" + urlencode({"agency": self.county.pk, "year": self.year}) + "&"

    def cell_url(self, path: str) -> str:
        return self._cell_url_base + urlencode({"path": path})

    def table3(self) -> list[list[dict]]:
        return grid_rows(layout.table3(self.doc), self.cell_url)

    def table4(self) -> list[list[dict]]:
        return grid_rows(layout.table4(self.doc), self.cell_url)

    @property
    def totals(self) -> dict:
        return {
            "open": sum(r.open for r in self.rows), "overdue": sum(r.overdue for r in self.rows),
            "stale": sum(r.stale for r in self.rows), "errors": sum(r.errors for r in self.rows),
            "dismissed": sum(r.dismissed for r in self.rows),
            "published": sum(1 for r in self.rows if r.status in ("published", "corrected")),
            "late": sum(1 for r in self.rows if r.status == "late"),
        }


def scoped_agencies(county: Agency, readable: set[int]) -> tuple[list[Agency], dict[int, int]]:
    """The county and the agencies below it that the user may read, with their depth below the county."""
    agencies = [a for a in totals.county_agencies(county) if a.pk in readable]
    ids = {a.pk for a in agencies}
    depths: dict[int, int] = {}
    for a in agencies:
        depths[a.pk] = 0 if a.pk == county.pk else depths.get(a.parent_id, 0) + 1 if a.parent_id in ids else 1
    return agencies, depths


def build(county: Agency, year: int, today: date, readable: set[int], *, with_rows: bool = True) -> Dashboard:
    """Everything the dashboard shows (``with_rows=False``: the figures and comparisons only)."""
    agencies, depths = scoped_agencies(county, readable)
    ids = {a.pk for a in agencies}
    rows = status.agency_rows(agencies, year, today, depths) if with_rows else []
    audited = {y: status.audited_reports(county, y, ids) for y in (year, year - 1)}
    counted = totals.county_figures(agencies, [year, year - 1], audited, charts.received_years(year) if with_rows else ())
    figures, previous = counted.by_year[year], counted.by_year[year - 1]
    cells, cells_before = totals.sum_figures(figures), totals.sum_figures(previous)
    board = Dashboard(
        county=county, year=year, today=today, agencies=agencies, rows=rows, outside=status.audited_rows(audited[year]),
        figures=figures, doc=totals.document(county.name, year, cells),
        previous=previous, sums=(cells, cells_before),
    )
    if not with_rows:
        return board
    board.charts = [
        charts.per_year(counted.received, year), charts.outcome_mix(cells, year),
        charts.overdue_by_agency(rows), charts.report_status(rows, year),
    ]
    return board
