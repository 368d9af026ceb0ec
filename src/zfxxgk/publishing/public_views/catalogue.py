"""The 公开目录 pages: every agency (/zfxxgk/), one agency's catalogue (/zfxxgk/<code>/) and one
column's list (/zfxxgk/<code>/lm/<column>/).

条例第二十条 lists what an agency publishes proactively and 第二十三条 asks for it to be easy to find:
the catalogue shows each column with how many items it holds and when it was last updated, the
newest items, this year's and last year's counts by column (what section 一 of the annual report
says), a search box and the feeds. Only public items are counted or listed.
"""
from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Min
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ...agencies.models import Agency
from ...annual.models import AnnualReport
from ...cases import services as cases
from ..annual_link import title as report_title
from ..models import ColumnKind, Publication, PubState
from ..queries import counts_by_column
from .tree import Tree, agency_or_404

NEWEST = 10
PER_PAGE = 20
# A report filed in the 年报 column once (its filing public, corrected or withdrawn) is never listed again beside it.
FILED = (PubState.PUBLISHED, PubState.SUPERSEDED, PubState.WITHDRAWN)


@require_safe
def index(request):
    """Every agency, each under the one above it, linking its catalogue."""
    agencies = list(Agency.objects.order_by("name"))
    below: dict[int | None, list[Agency]] = {}
    known = {a.pk for a in agencies}
    for agency in agencies:
        below.setdefault(agency.parent_id if agency.parent_id in known else None, []).append(agency)
    rows = [(top, below.get(top.pk, [])) for top in below.get(None, [])]
    return render(request, "publishing/public/index.html", {"rows": rows})


@require_safe
def agency(request, code: str):
    agency = agency_or_404(code)
    tree = Tree(agency)
    year = cases.today().year
    context = {
        "agency": agency,
        "nodes": tree.nodes(),
        "has_columns": bool(tree.columns),
        "newest": Publication.objects.public().filter(agency=agency).select_related("column")[:NEWEST],
        "years": [_year_counts(agency, y, label) for y, label in ((year, "本年度"), (year - 1, "上年度"))],
        "guide": tree.of_kind(ColumnKind.GUIDE),
    }
    return render(request, "publishing/public/agency.html", context)


def _year_counts(agency, year: int, label: str) -> dict:
    """本年度主动公开信息N条：政府信息公开指南1条，工作动态27条 … (queries.counts_by_column: first
    publications of the year by top-level column, as the annual report counts them)."""
    counts = counts_by_column(agency, year)
    return {"year": year, "label": label, "total": sum(n for _, n in counts), "counts": counts}


@require_safe
def column(request, code: str, column: str):
    agency = agency_or_404(code)
    tree = Tree(agency)
    found = tree.by_code.get(column)
    if found is None:
        raise Http404
    items = Publication.objects.public().filter(agency=agency, column_id__in=tree.subtree_ids(found)).select_related("column")
    years = [d.year for d in items.dates("published_on", "year", order="DESC")]
    year = _year(request.GET.get("year"))
    if year is not None:
        items = items.of_year(year)
    context = {
        "agency": agency,
        "column": found,
        "lineage": tree.lineage(found),
        "children": tree.children(found),
        "page": Paginator(items, PER_PAGE).get_page(request.GET.get("page")),
        "years": years,
        "year": year,
        "reports": _unfiled_reports(agency) if found.kind == ColumnKind.ANNUAL_REPORT else None,
    }
    return render(request, "publishing/public/column.html", context)


def _year(raw: str | None) -> int | None:
    """The year filter: a four-digit year, anything else is no filter (never a 500)."""
    if raw and raw.isascii() and raw.isdigit() and len(raw) == 4:
        return int(raw)
    return None


def _unfiled_reports(agency) -> list[AnnualReport]:
    """The agency's public annual reports (条例第五十条) that are not items of the column already.

    A report published on the platform is filed in the 年报 column as an ordinary publication
    (:mod:`zfxxgk.publishing.annual_link`, found by its title as that module finds it) and is
    listed with the column's items; one uploaded as published elsewhere is not filed, and is listed
    here with the day it was first published, linking the annual reports' own pages."""
    reports = list(AnnualReport.objects.public().filter(agency=agency).annotate(first_on=Min("versions__published_on")).order_by("-year"))
    titles = {report_title(agency, r.year): r for r in reports}
    filed = set(Publication.objects.filter(agency=agency, title__in=titles, state__in=FILED).values_list("title", flat=True))
    return [r for t, r in titles.items() if t not in filed]
