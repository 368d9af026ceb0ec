"""Annual reports in the JSON API (issue 9 item 7): an agency's report of a year and a county's totals.

* ``GET /api/agencies/{code}/annual/{year}`` — the report as spec §6 JSON. A published report is
  public (its current version's frozen document, 条例第五十条); the draft is seen only by those who
  may read the agency: the agency's own token, or a signed-in staff user (zfxxgk.agencies.access).
  Anyone else gets 404, the same as for an agency or year that has no report.
* ``GET /api/counties/{code}/annual/{year}/totals`` — the county's tables 三 and 四 as the sum of its
  agencies' (zfxxgk.oversight.totals) and where each agency's report stands: for the county's own
  token or a supervisor who reads the county and every agency under it; 404 for anyone else.
"""
from __future__ import annotations

from datetime import date

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router
from ninja.errors import AuthenticationError, HttpError
from ninja.security import django_auth

from ..agencies import access
from ..agencies.models import Agency
from ..annual.deadlines import due_date  # 条例第四十九条, per jurisdiction
from ..annual.models import AnnualReport, ReportState, Version
from ..reports.model import ReportDocument
from .annual_schemas import AnnualReportOut, CountyTotalsOut
from .auth import token_auth
from .models import ApiToken
from .schemas import Error

router = Router(tags=["年度报告"])

ERRORS = {401: Error, 404: Error}
NO_REPORT = "没有找到该机关该年度已发布的政府信息公开工作年度报告。"
YEAR = Path(..., ge=2008, le=9999, description="报告年度")  # 条例 in force since 2008


# --- who is asking ------------------------------------------------------------------------------

def _strict_token(request: HttpRequest):
    """A token when the request carries one; a wrong token is 401, never silently public."""
    scheme, _, raw = request.headers.get("Authorization", "").partition(" ")
    if not scheme:
        return None
    token = token_auth(request)
    if token is None:
        raise AuthenticationError()
    return token


def _anyone(request: HttpRequest):
    return "public"  # truthy: the route is open; what it shows depends on the reader


def _reader_ids(request: HttpRequest) -> set[int]:
    """The agencies whose unpublished reports the caller may read."""
    if isinstance(request.auth, ApiToken):
        return {request.auth.agency_id}  # a token acts for its one agency only
    return access.readable_agency_ids(request.user)


def _agency(code: str) -> Agency:
    return get_object_or_404(Agency, code=code)


# --- one report ---------------------------------------------------------------------------------

def _summary(findings: list[dict], dismissed: int) -> dict:
    errors = sum(1 for f in findings if f.get("severity") == "error")
    warnings = sum(1 for f in findings if f.get("severity") == "warning" and not f.get("dismissed"))
    return {"errors": errors, "warnings": warnings, "dismissed": dismissed,
            "rules": sorted({str(f.get("rule")) for f in findings if f.get("rule")})}


def _report_json(report: AnnualReport, version: Version | None, versions: list[Version]) -> dict:
    from ..annual import services

    if version is not None:
        doc = ReportDocument.from_dict(version.document).to_dict()
        findings = _summary(version.findings or [], sum(1 for f in version.findings or [] if f.get("dismissed")))
    else:
        try:
            doc = services.document(report).to_dict()
        except services.AnnualError as exc:
            raise HttpError(exc.status, exc.message) from exc
        findings = _summary(report.findings or [], report.dismissals.count())
        findings["errors"], findings["warnings"] = report.errors, report.warnings  # as of the last save
    state = ReportState(report.state)
    if version is not None:  # the public state: a correction being drafted is nobody else's business yet
        state = ReportState.PUBLISHED if versions[-1].number == 1 else ReportState.CORRECTED
    return {
        "agency": {"code": report.agency.code, "name": report.agency.name}, "year": report.year,
        "state": state.value, "state_label": state.label, "draft": version is None,
        "version": version.number if version else None, "published_on": version.published_on if version else None,
        "corrected": bool(version and version.number > 1), "correction_reason": version.reason if version else "",
        "versions": [{"number": v.number, "published_on": v.published_on, "reason": v.reason, "origin": v.origin}
                     for v in versions],
        "due_on": due_date(report.agency, report.year), "findings": findings, "document": doc,
    }


@router.get("/agencies/{code}/annual/{year}", auth=[_strict_token, django_auth, _anyone],
            response={200: AnnualReportOut, **ERRORS}, summary="机关的政府信息公开工作年度报告",
            openapi_extra={"security": [{"TokenAuth": []}, {"SessionAuth": []}, {}]})
def agency_report(
    request, code: str, year: int = YEAR,
    draft: bool = Query(False, description="返回正在编辑的草稿（仅本机关令牌或有权查看该机关的工作人员）"),
    version: int | None = Query(None, ge=1, le=999, description="已发布的第几版（默认当前版本）"),
):
    """已发布的年度报告公开可读（当前版本；更正前的旧版本用 ?version=N）。草稿、待审核的报告只有
    本机关的令牌或有权查看该机关的工作人员（登录会话）可读，其他人一律返回 404。"""
    agency = _agency(code)
    report = AnnualReport.objects.select_related("agency").filter(agency=agency, year=year).first()
    if report is None:
        raise HttpError(404, NO_REPORT)
    staff = agency.pk in _reader_ids(request)
    versions = list(report.versions.order_by("number").defer("html", "docx", "pdf", "xlsx", "original"))
    if draft or (not versions and staff):
        if not staff or report.state == ReportState.NOT_STARTED:
            raise HttpError(404, "没有找到该机关该年度的年度报告草稿。" if staff else NO_REPORT)
        return _report_json(report, None, versions)
    if version is not None:
        chosen = next((v for v in versions if v.number == version), None)
        if chosen is None:
            raise HttpError(404, f"该年度报告没有第{version}版。")
    else:
        chosen = versions[-1] if versions else None
    if chosen is None:
        raise HttpError(404, NO_REPORT)
    return _report_json(report, chosen, versions)


# --- a county's totals --------------------------------------------------------------------------

def _may_read_county(request: HttpRequest, county: Agency, agencies: list[Agency]) -> bool:
    if isinstance(request.auth, ApiToken):
        return request.auth.agency_id == county.pk
    return {county.pk, *(a.pk for a in agencies)} <= access.readable_agency_ids(request.user)


@router.get("/counties/{code}/annual/{year}/totals", auth=[token_auth, django_auth],
            response={200: CountyTotalsOut, **ERRORS}, summary="本级合计（表三、表四）和所辖机关的年度报告状态")
def county_totals(request, code: str, year: int = YEAR):
    """本级政府信息公开工作年度报告的表三（收到和处理政府信息公开申请情况）、表四（行政复议、行政诉讼情况）
    为所辖机关之和；另列每个机关本年度报告的状态、错误数和逾期情况。仅本级机关的令牌或本级监督人员可读。"""
    from ..cases.services import today
    from ..oversight import totals
    from ..oversight.status import agency_rows

    county = _agency(code)
    agencies = totals.county_agencies(county)  # the county and every agency below it: the dashboard's set
    if not _may_read_county(request, county, agencies):
        raise Http404  # api.api: {"detail": "未找到。"}, as for an unknown code
    doc = totals.county_totals(county, year)
    rows = agency_rows(agencies, year, today())
    published = _published_days([r.report.pk for r in rows if r.report])
    return {
        "county": {"code": county.code, "name": county.name}, "year": year, "document": doc.to_dict(),
        "agencies": [_agency_status(r, published.get(r.report.pk) if r.report else None) for r in rows],
    }


def _published_days(report_ids: list[int]) -> dict[int, date]:
    """report id → its current version's publication day, in one query for all the county's reports.
    (Late or not is annual.queries.status's, through the dashboard's rows.)"""
    versions = Version.objects.filter(report_id__in=report_ids).order_by("report_id", "number")
    return dict(versions.values_list("report_id", "published_on"))  # the highest number wins


def _agency_status(row, published_on: date | None) -> dict:
    report = row.report
    return {
        "code": row.agency.code, "name": row.agency.name,
        "state": report.state if report else ReportState.NOT_STARTED.value,
        "state_label": report.get_state_display() if report else ReportState.NOT_STARTED.label,
        "status": row.status, "status_label": row.status_label,
        "errors": row.errors, "warnings": report.warnings if report else 0, "dismissed": row.dismissed,
        "published_on": published_on, "due_on": row.due, "late": row.late,
    }
