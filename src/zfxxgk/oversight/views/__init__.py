"""The county supervisor's oversight pages: the dashboard, the drill-down from a county figure to the
agencies and then to the cases behind it, and the XLSX export of the dashboard's tables.

Who sees which county is :mod:`.scope`'s (403 for those who supervise nothing, 404 for a county the
user does not supervise); which agencies and cases are readable is :mod:`zfxxgk.agencies.access`'s.
Every page only reads.
"""
from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from ...agencies import access
from ...cases import services
from .. import export as xlsx
from .. import totals
from ..status import audited_reports, audited_rows, confirm_warn_days
from . import page, scope
from .rows import agency_rows_html


def _forbidden(request, message: str) -> HttpResponse:
    return render(request, "workspace/forbidden.html", {"message": message}, status=403)


NOT_SUPERVISOR = "监督页面仅供县级监督人员使用：您没有被设为任何机关的“县级监督”角色。"


def scoped(view):
    """A page of one county and year: ``view(request, county, year, message)``. Answers 403 for
    someone who supervises nothing, and the county chooser when the user must pick one."""
    @login_required
    @require_GET
    @wraps(view)
    def wrapper(request):
        try:
            county = scope.county_for(request)
        except scope.NotSupervisor:
            return _forbidden(request, NOT_SUPERVISOR)
        year, message = scope.year_for(request, services.today())
        if county is None:
            return render(request, "oversight/choose.html",
                          {"counties": scope.counties(request.user), "year": year, "message": message})
        return view(request, county, year, message)
    return wrapper


@scoped
def dashboard(request, county, year, message):
    today = services.today()
    board = page.build(county, year, today, access.readable_agency_ids(request.user))
    queue = reverse("workspace:queue")
    return render(request, "oversight/dashboard.html", {
        "board": board, "message": message, "years": sorted({*range(today.year, today.year - 6, -1), year}, reverse=True),
        "charts_data": [c.as_dict() for c in board.charts],
        "counties": scope.counties(request.user), "confirm_days": confirm_warn_days(), "queue": queue,
        "agency_rows": agency_rows_html(board.rows, queue),
        "batches": reverse("batch:list"),
    })


@scoped
def compare(request, county, year, _message):
    """Year over year for every agency (the dashboard shows the county's row)."""
    board = page.build(county, year, services.today(), access.readable_agency_ids(request.user), with_rows=False)
    return render(request, "oversight/compare.html", {"board": board})


def _path(request) -> str:
    path = request.GET.get("path", "")
    if path not in totals.TABLE_PATHS:
        raise Http404("not a cell of tables 三/四")
    return path


@scoped
def cell(request, county, year, _message):
    """One county figure: each agency's value for that cell, and where the value came from."""
    path = _path(request)
    agencies, depths = page.scoped_agencies(county, access.readable_agency_ids(request.user))
    outside = audited_reports(county, year, {a.pk for a in agencies})
    figures = totals.agency_figures(agencies, year, outside)
    batch_links = {r.report.pk: r.batch_url for r in audited_rows(outside)}
    return render(request, "oversight/cell.html", {
        "county": county, "year": year, "path": path, "label": page.path_label(path),
        "figures": [(f, f.value(path), batch_links.get(f.audited.pk) if f.audited else None) for f in figures],
        "total": sum((f.value(path) for f in figures), 0),
    })


CASES_PAGE = 100


@scoped
def cell_cases(request, county, year, _message):
    """The cases behind one agency's value of a cell (cases.stats' queryset for that cell)."""
    path = _path(request)
    agencies, _depths = page.scoped_agencies(county, access.readable_agency_ids(request.user))
    agency = next((a for a in agencies if str(a.pk) == request.GET.get("of", "")), None)
    if agency is None:
        raise Http404("agency not in this county or not readable")
    figures = totals.agency_figures([agency], year)[0]
    qs = totals.cases_behind(agency, year, path)
    paginator = Paginator(qs, CASES_PAGE)
    listing = paginator.get_page(request.GET.get("page"))
    return render(request, "oversight/cell_cases.html", {
        "county": county, "year": year, "path": path, "label": page.path_label(path), "agency": agency,
        "figures": figures, "value": figures.value(path), "page": listing, "count": paginator.count,
        "appeals": qs.model.__name__ == "Appeal",
    })


@scoped
def export(request, county, year, _message):
    """The dashboard's tables as XLSX: ``table=agencies|county3|county4|compare`` or all (one sheet each)."""
    table = request.GET.get("table") or None
    if table is not None and table not in xlsx.SHEETS:
        raise Http404("no such table")
    board = page.build(county, year, services.today(), access.readable_agency_ids(request.user))
    data = xlsx.workbook(board, [table] if table else None)
    name = f"{county.name}{year}年度监督汇总{'-' + xlsx.SHEETS[table] if table else ''}.xlsx"
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
