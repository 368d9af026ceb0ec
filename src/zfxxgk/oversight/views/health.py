"""The county supervisor's 网站运维监测: for each agency they supervise, how many findings of each
kind its public catalogue has (:mod:`zfxxgk.publishing.health`), one agency's findings on a click,
and both as XLSX or CSV.

    /workspace/oversight/health/                   ?agency=<county>: the table of agencies
    /workspace/oversight/health/agency/?of=<id>    one agency's findings (&kind=… one kind)
    /workspace/oversight/health/export/            ?fmt=xlsx|csv (&of=<id>: one agency)

The county and who may open it are :func:`.scoped`'s (403 for those who supervise nothing, 404 for a
county not theirs); the agencies are the county and those below it that the user supervises
(:func:`zfxxgk.agencies.access.supervised_agency_ids`) — an agency outside them is 404. Read only.
"""
from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from ...agencies import access
from ...cases import services as clock
from ...publishing import health
from ...publishing import health_export as export
from ...publishing.health_views import export_format, file_response, grouped
from . import page, scoped


def _agencies(request, county):
    agencies, depths = page.scoped_agencies(county, access.supervised_agency_ids(request.user))
    return agencies, depths


def _one(request, agencies):
    """The agency of ``?of=`` among the page's agencies; 404 for any other."""
    wanted = request.GET.get("of", "")
    found = next((a for a in agencies if str(a.pk) == wanted), None)
    if found is None:
        raise Http404("agency not supervised here")
    return found


_ROW = ('<tr data-agency="{pk}"><th scope="row" class="depth-{depth}">{name}</th>{cells}'
        '<td class="num" data-col="total" data-label="合计">{total}</td></tr>\n')
_LABELS = {k: escape(health.Kind(k).label) for k in health.KIND_ORDER}


def rows_html(agencies, depths, counts, drill: str) -> SafeString:
    """One ``<tr>`` per agency: each kind's count, linked to that agency's findings of the kind
    (written here rather than in the template: a county has hundreds of agencies, see rows.py)."""
    out = []
    for a in agencies:
        by_kind = counts.get(a.pk, {})
        cells = []
        for k in health.KIND_ORDER:
            n = by_kind.get(k, 0)
            link = format_html('<a href="{}&amp;of={}&amp;kind={}">{}</a>', drill, a.pk, k, n) if n else "0"
            cells.append(f'<td class="num{" bad" if n else ""}" data-col="{k}" data-label="{_LABELS[k]}">{link}</td>')
        out.append(_ROW.format(pk=a.pk, depth=depths.get(a.pk, 0), name=escape(a.name), cells="".join(cells), total=sum(by_kind.values())))
    return mark_safe("".join(out))  # noqa: S308 - names escaped, kinds are our constants, numbers


@scoped
def county(request, county, _year, message):
    agencies, depths = _agencies(request, county)
    counts = health.counts(health.findings([a.pk for a in agencies], clock.today()))
    drill = escape(reverse("oversight:health_agency") + "?" + urlencode({"agency": county.pk}))
    totals = {k: sum(c.get(k, 0) for c in counts.values()) for k in health.KIND_ORDER}
    return render(request, "publishing/health/county.html", {
        "county": county, "message": message, "today": clock.today(), "agency_count": len(agencies),
        "kinds": [(k, health.Kind(k).label, totals[k]) for k in health.KIND_ORDER], "total": sum(totals.values()),
        "rows": rows_html(agencies, depths, counts, drill), "with_findings": len(counts),
        "external_on": health.external_checks_on(),
    })


@scoped
def agency(request, county, _year, _message):
    agencies, _depths = _agencies(request, county)
    one = _one(request, agencies)
    kind = request.GET.get("kind") or None
    if kind is not None and kind not in health.KIND_ORDER:
        raise Http404("no such kind")
    found = health.findings([one.pk], clock.today(), kinds=[kind] if kind else None)
    groups = [g for g in grouped(found, one) if kind is None or g["kind"] == kind]
    return render(request, "publishing/health/county_agency.html", {
        "county": county, "agency": one, "groups": groups, "total": len(found), "kind": kind, "today": clock.today(),
    })


@scoped
def download(request, county, _year, _message):
    fmt = export_format(request)
    agencies, _depths = _agencies(request, county)
    today = clock.today()
    if request.GET.get("of"):
        one = _one(request, agencies)
        found = health.findings([one.pk], today)
        title = f"{one.name}网站运维监测问题清单（{today:%Y-%m-%d}）"
        data = export.findings_xlsx(found, title) if fmt == "xlsx" else export.findings_csv(found)
    else:
        found = health.findings([a.pk for a in agencies], today)
        title = f"{county.name}各机关网站运维监测（{today:%Y-%m-%d}）"
        data = (export.findings_xlsx(found, title, agencies=agencies, counts=health.counts(found)) if fmt == "xlsx"
                else export.findings_csv(found))
    return file_response(data, fmt, title)


# oversight/urls.py: path("health/", include("zfxxgk.oversight.views.health"))
urlpatterns = [
    path("", county, name="health"),
    path("agency/", agency, name="health_agency"),
    path("export/", download, name="health_export"),
]
