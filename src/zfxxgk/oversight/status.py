"""Where every agency of a county stands: its casework and this year's annual report.

    rows = agency_rows(agencies, year, today)     # one AgencyRow per agency, in the given order
    outside = audited_rows(county, year)          # reports of agencies not on the platform

Each figure is answered by ONE grouped query for all the agencies (never a query per agency), so
the dashboard costs the same handful of queries for 5 agencies or 500:

* open applications: ``Application.objects.open()`` grouped by agency;
* overdue: ``Application.objects.overdue(today)`` — the one definition (:mod:`zfxxgk.cases.queries`);
* awaiting confirmation too long: state 待确认收到 (条例第三十一条: the day of receipt is the day of
  confirmation with the applicant, so nothing runs until staff confirm) and submitted more than
  ``settings.ZFXXGK_CONFIRM_WARN_DAYS`` calendar days ago (default 3);
* the annual reports of the year with their dismissed-warning count (one query), their status
  from :func:`zfxxgk.annual.queries.status`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Max
from django.urls import NoReverseMatch, reverse

from ..agencies.models import Agency
from ..annual.models import AnnualReport, ReportState
from ..cases.choices import State
from ..cases.models import Application
from .models import AuditedReport

CONFIRM_WARN_DAYS = 3  # default of settings.ZFXXGK_CONFIRM_WARN_DAYS

# The report statuses of annual.queries.status, in the order a supervisor reads them.
STATUS_LABELS = {
    "not_started": "未开始",
    "draft": "草稿",
    "failing": "校验有错误",
    "pending": "待审核",
    "published": "已发布",
    "corrected": "已更正",
    "late": "逾期未发布",
}
STATUS_CSS = {
    "not_started": "st-none", "draft": "st-draft", "failing": "st-bad", "pending": "st-pending",
    "published": "st-ok", "corrected": "st-ok", "late": "st-bad",
}


def confirm_warn_days() -> int:
    """Calendar days an application may wait for confirmation of receipt before the dashboard warns."""
    return int(getattr(settings, "ZFXXGK_CONFIRM_WARN_DAYS", CONFIRM_WARN_DAYS))


# --- the report's status and deadline ----------------------------------------------------------------

def _statutory_deadline(agency: Agency, year: int) -> date:
    """条例第四十九条: departments publish by 1月31日, the 本级人民政府 by 3月31日 of the next year; a
    jurisdiction may set an earlier date (Agency.report_deadline, inherited down the hierarchy)."""
    node = agency
    while node is not None:
        if node.report_deadline:
            month, day = map(int, node.report_deadline.split("-"))
            return date(year + 1, month, day)
        node = node.parent if node.parent_id else None
    return date(year + 1, 3, 31) if agency.is_government else date(year + 1, 1, 31)


def _due_date(agency: Agency, year: int) -> date:
    try:  # the drafting core's definition, once it has landed
        from ..annual.deadlines import due_date
    except ImportError:
        return _statutory_deadline(agency, year)
    return due_date(agency, year)


def _fallback_status(report, agency: Agency, year: int, today: date) -> str:
    state = report.state if report is not None else ReportState.NOT_STARTED
    if report is not None and (state in (ReportState.PUBLISHED, ReportState.CORRECTED) or report.versions_n):
        return ReportState.CORRECTED if state == ReportState.CORRECTED else "published"
    if today > _due_date(agency, year):
        return "late"
    if state == ReportState.PENDING:
        return "pending"
    if state == ReportState.DRAFT:
        return "failing" if report.errors else "draft"
    return "not_started"


def report_status(report, agency: Agency, year: int, today: date) -> str:
    try:  # one definition: annual.queries.status (the drafting core's), once it has landed
        from ..annual.queries import status
    except ImportError:
        return _fallback_status(report, agency, year, today)
    return str(status(report, agency, year, today))


# --- the rows ------------------------------------------------------------------------------------------

@dataclass
class AgencyRow:
    agency: Agency
    depth: int = 0
    open: int = 0
    overdue: int = 0
    stale: int = 0  # awaiting confirmation too long
    report: AnnualReport | None = None
    status: str = "not_started"
    errors: int = 0
    dismissed: int = 0
    report_url: str | None = None
    due: date | None = None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def status_css(self) -> str:
        return STATUS_CSS.get(self.status, "")


def _by_agency(qs) -> dict[int, int]:
    return dict(qs.order_by().values_list("agency_id").annotate(n=Count("id")))


def report_url(report: AnnualReport | None) -> str | None:
    """The staff page of the report (annual:report), once the staff pages have it."""
    if report is None:
        return None
    try:
        return reverse("annual:report", args=[report.pk])
    except NoReverseMatch:
        return None


def agency_rows(agencies: list[Agency], year: int, today: date, depths: dict[int, int] | None = None) -> list[AgencyRow]:
    """One :class:`AgencyRow` per agency (in the order given): four grouped queries in all."""
    ids = [a.pk for a in agencies]
    apps = Application.objects.filter(agency_id__in=ids)
    open_n = _by_agency(apps.open())
    overdue_n = _by_agency(apps.overdue(today))
    stale_n = _by_agency(apps.filter(state=State.AWAITING_CONFIRMATION, submitted_on__lt=today - timedelta(days=confirm_warn_days())))
    reports = {
        r.agency_id: r
        for r in AnnualReport.objects.filter(agency_id__in=ids, year=year)
        .annotate(dismissed_n=Count("dismissals", distinct=True), versions_n=Max("versions__number"))
        .order_by()
    }
    rows = []
    for a in agencies:
        report = reports.get(a.pk)
        rows.append(AgencyRow(
            agency=a, depth=(depths or {}).get(a.pk, 0),
            open=open_n.get(a.pk, 0), overdue=overdue_n.get(a.pk, 0), stale=stale_n.get(a.pk, 0),
            report=report, status=report_status(report, a, year, today),
            errors=report.errors if report else 0, dismissed=report.dismissed_n if report else 0,
            report_url=report_url(report), due=_due_date(a, year),
        ))
    return rows


# --- reports of agencies not on the platform (the batch audit) --------------------------------------

@dataclass
class AuditedRow:
    report: AuditedReport
    name: str
    errors: int
    warnings: int
    batch_url: str | None = None
    extra: dict = field(default_factory=dict)


def batch_url(report: AuditedReport) -> str | None:
    """The batch audit's page of this report (or of its batch), whichever URL the batch pages name."""
    for name, args in (("batch:report", [report.pk]), ("batch:detail", [report.batch_id]), ("batch:batch", [report.batch_id])):
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return None


def audited_reports(county: Agency, year: int, platform_ids: set[int] | None = None) -> list[AuditedReport]:
    """The readable reports of the county's batches of ``year`` for agencies not on the platform
    (no matched agency, or one outside ``platform_ids``); the latest upload per agency name wins."""
    qs = (AuditedReport.objects.filter(batch__county=county, batch__year=year, read_ok=True)
          .select_related("batch").order_by("-batch__created_at", "-pk"))
    seen: set[str] = set()
    out = []
    for r in qs:
        if r.agency_id is not None and platform_ids is not None and r.agency_id in platform_ids:
            continue  # the agency works on the platform: its own report counts, not an uploaded copy
        name = r.agency_name or r.filename
        if name in seen:
            continue
        seen.add(name)
        out.append(r)
    out.sort(key=lambda r: r.agency_name or r.filename)
    return out


def audited_rows(reports: list[AuditedReport]) -> list[AuditedRow]:
    return [AuditedRow(report=r, name=r.agency_name or r.filename, errors=r.errors, warnings=r.warnings, batch_url=batch_url(r))
            for r in reports]


def status_counts(rows: list[AgencyRow]) -> list[tuple[str, str, int]]:
    """(status, label, number of agencies) for every status, zeros included."""
    counts = {k: 0 for k in STATUS_LABELS}
    for r in rows:
        counts[r.status] = counts.get(r.status, 0) + 1
    return [(k, STATUS_LABELS.get(k, k), n) for k, n in counts.items()]
