"""Where every agency of a county stands: its casework and this year's annual report.

    rows = agency_rows(agencies, year, today)     # one AgencyRow per agency, in the given order
    outside = audited_rows(county, year)          # reports of agencies not on the platform

Each figure is answered by ONE grouped query for all the agencies (never a query per agency), so
the dashboard costs the same handful of queries for 5 agencies or 500:

* open applications: ``Application.objects.open()`` grouped by agency;
* overdue: ``Application.objects.overdue(today)`` — the one definition (:mod:`zfxxgk.cases.queries`);
* awaiting confirmation too long: ``Application.objects.awaiting_confirmation_longer_than`` (条例第三十一条:
  the day of receipt is the day of confirmation with the applicant, so nothing runs until staff
  confirm), more than ``settings.ZFXXGK_CONFIRM_WARN_DAYS`` working days (default 3) — the rule the
  office head's queue and the reminders use;
* the annual reports of the year with their dismissed-warning count and first publication day
  (one query), their status from :func:`zfxxgk.annual.queries.status`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count
from django.urls import reverse

from ..agencies.models import Agency
from ..annual import queries
from ..annual.models import AnnualReport
from ..cases.calendar import current_calendar
from ..cases.models import Application
from ..cases.queries import confirm_warn_days
from .models import AuditedReport


STATUS_LABELS = queries.STATUS_LABELS  # not_started draft failing pending published corrected late
STATUS_CSS = {
    "not_started": "st-none", "draft": "st-draft", "failing": "st-bad", "pending": "st-pending",
    "published": "st-ok", "corrected": "st-ok", "late": "st-bad",
}


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
    late: bool = False  # not published by the due date, or published after it
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
    # COUNT(*), not COUNT(id): the partial indexes of the open and the running cases (cases 0007)
    # then answer alone (an index-only scan), without reading ~16,000 table pages for the ids.
    return dict(qs.order_by().values_list("agency_id").annotate(n=Count("*")))


def _report_urls():
    """The staff page of a report (annual:report) for many reports: the URL pattern reversed once,
    the id put in by str.replace."""
    pattern = reverse("annual:report", args=[987654321])
    return lambda report: None if report is None else pattern.replace("987654321", str(report.pk))


def agency_rows(agencies: list[Agency], year: int, today: date, depths: dict[int, int] | None = None) -> list[AgencyRow]:
    """One :class:`AgencyRow` per agency (in the order given): four grouped queries in all.

    Deadlines are inherited up the hierarchy: the agencies' parents are looked up among ``agencies``
    (and their cached ``parent``), so pass a whole county to avoid a query per agency."""
    ids = [a.pk for a in agencies]
    by_id = {a.pk: a for a in agencies}
    # The agencies as a subquery, not a literal list: PostgreSQL then estimates them right and
    # counts each agency's cases from the (agency, state, due_on) index alone.
    apps = Application.objects.filter(agency_id__in=Agency.objects.filter(pk__in=ids).values("pk"))
    open_n = _by_agency(apps.open())
    overdue_n = _by_agency(apps.overdue(today))
    stale_n = _by_agency(apps.awaiting_confirmation_longer_than(current_calendar(), today, confirm_warn_days()))
    reports = {
        r.agency_id: r
        for r in AnnualReport.objects.filter(agency_id__in=ids, year=year)
        .with_first_published().annotate(dismissed_n=Count("dismissals", distinct=True)).order_by()
        .defer("figures", "sections", "generated", "findings")  # large JSON the rows do not show
    }
    url = _report_urls()
    rows = []
    for a in agencies:
        report = reports.get(a.pk)
        st = queries.status(report, a, year, today, by_id)
        rows.append(AgencyRow(
            agency=a, depth=(depths or {}).get(a.pk, 0),
            open=open_n.get(a.pk, 0), overdue=overdue_n.get(a.pk, 0), stale=stale_n.get(a.pk, 0),
            report=report, status=st.key, late=st.is_late,
            errors=report.errors if report else 0, dismissed=report.dismissed_n if report else 0,
            report_url=url(report), due=st.due,
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


def batch_url(report: AuditedReport) -> str:
    """The report's place on its batch's page of the batch audit."""
    return reverse("batch:detail", args=[report.batch_id]) + f"#report-{report.pk}"


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
