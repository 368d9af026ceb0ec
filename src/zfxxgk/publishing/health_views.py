"""The office's 网站运维监测 page (/workspace/publishing/health/): its agency's findings by kind, with
links to fix them, and the same as XLSX or CSV.

Whose page: the agency of the user's clerk/head/leader role (one of them chosen with ``?agency=`` when
there are several); any agency the user may read (:mod:`zfxxgk.agencies.access`) with ``?agency=``,
so a supervisor or an administrator can open one; 404 for any other agency. The county-wide view is
the supervisor's (:mod:`zfxxgk.oversight.views.health`).
"""
from __future__ import annotations

from collections import Counter

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from ..agencies import access
from ..agencies.models import Agency
from ..cases import services as clock
from . import health
from . import health_export as export

NOT_STAFF = "网站运维监测页面供本机关的经办人、政府信息公开工作机构负责人和分管领导使用；县级监督人员请在“监督”页面查看各机关的情况。"


def _url(name: str, *args) -> str | None:
    """A page's URL, or None while that page does not exist (the staff pages come from another module)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def grouped(found: list[health.Finding], agency: Agency) -> list[dict]:
    """[{kind, label, findings: [(finding, where to fix it)]}] for every kind, in order (empty ones
    too). A publication is fixed on its staff page; a column by publishing in it (its public page
    shows what it holds)."""
    codes = _column_codes(found)
    by_kind: dict[str, list] = {k: [] for k in health.KIND_ORDER}
    for f in found:
        if f.publication_id:
            url = _url("publishing:detail", f.publication_id)
        elif f.column_id:
            url = _url("publishing_public:column", agency.code, codes.get(f.column_id, ""))
        else:
            url = None
        by_kind[f.kind].append((f, url))
    return [{"kind": k, "label": health.Kind(k).label, "findings": by_kind[k]} for k in health.KIND_ORDER]


def _column_codes(found) -> dict[int, str]:
    from .models import Column

    ids = {f.column_id for f in found if f.column_id}
    return dict(Column.objects.filter(pk__in=ids).values_list("pk", "code")) if ids else {}


def _agency_for(request) -> Agency | None:
    """The page's agency, None when the user must choose; Http404 for one not readable."""
    wanted = request.GET.get("agency", "").strip()
    if wanted:  # the agency's code, as on the other 主动公开 pages (or its id)
        found = Agency.objects.filter(pk=int(wanted)) if wanted.isdigit() else Agency.objects.filter(code=wanted)
        agency = found.first()
        if agency is None or agency.pk not in access.readable_agency_ids(request.user):
            raise Http404("agency not readable")
        return agency
    mine = sorted(access.writable_agency_ids(request.user))
    return Agency.objects.get(pk=mine[0]) if len(mine) == 1 else None


def _office(view):
    @login_required
    @require_GET
    def wrapper(request):
        agency = _agency_for(request)
        if agency is None:
            mine = Agency.objects.filter(pk__in=access.writable_agency_ids(request.user)).order_by("name")
            if not mine:
                return render(request, "workspace/forbidden.html", {"message": NOT_STAFF}, status=403)
            return render(request, "publishing/health/choose.html", {"agencies": mine})
        return view(request, agency)
    wrapper.__name__ = wrapper.__qualname__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@_office
def page(request, agency):
    """The agency's findings, grouped by kind with their counts."""
    found = health.findings([agency.pk], clock.today())
    counts = Counter(f.kind for f in found)
    return render(request, "publishing/health/office.html", {
        "agency": agency, "groups": grouped(found, agency), "total": len(found),
        "counts": [(k, health.Kind(k).label, counts[k]) for k in health.KIND_ORDER],
        "external_on": health.external_checks_on(), "today": clock.today(),
    })


def file_response(data: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=export.XLSX_TYPE if fmt == "xlsx" else export.CSV_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.{fmt}")
    return response


def export_format(request) -> str:
    fmt = request.GET.get("fmt", "xlsx")
    if fmt not in ("xlsx", "csv"):
        raise Http404("no such format")
    return fmt


@_office
def download(request, agency):
    """The findings as XLSX (``?fmt=xlsx``, the default) or CSV (``?fmt=csv``)."""
    fmt = export_format(request)
    today = clock.today()
    found = health.findings([agency.pk], today)
    title = f"{agency.name}网站运维监测问题清单（{today:%Y-%m-%d}）"
    data = export.findings_xlsx(found, title) if fmt == "xlsx" else export.findings_csv(found)
    return file_response(data, fmt, title)
