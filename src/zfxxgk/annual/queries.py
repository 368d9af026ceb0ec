"""One queryset per question about annual reports: who may read them, which year, how they stand.

The oversight dashboard, the API and the CLI call these, never their own filters. Whether a
report is late depends on the agency's deadline (:mod:`.deadlines`, inherited up the parent chain),
so it is answered per report by :func:`status`, not in SQL.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import models

STATUS_LABELS = {
    "not_started": "未开始",
    "draft": "草稿",
    "failing": "校验有错误",
    "pending": "待审核",
    "published": "已发布",
    "corrected": "已更正",
    "late": "逾期未发布",
}


class AnnualReportQuerySet(models.QuerySet):
    def readable_by(self, user) -> "AnnualReportQuerySet":
        """The reports of the agencies ``user`` may read (zfxxgk.agencies.access)."""
        from ..agencies import access

        return self.filter(agency_id__in=access.readable_agency_ids(user))

    def for_year(self, year: int) -> "AnnualReportQuerySet":
        return self.filter(year=int(year))

    def public(self) -> "AnnualReportQuerySet":
        """What the public site shows: every report with a published version — also while a
        correction is being drafted (state 草稿, the current version still public)."""
        return self.filter(versions__isnull=False).distinct()

    def failing(self) -> "AnnualReportQuerySet":
        """Drafts the checker finds errors in (they cannot be submitted)."""
        return self.filter(state="draft", errors__gt=0)

    def with_first_published(self) -> "AnnualReportQuerySet":
        """Annotates ``first_published_on`` (the first version's day), which :func:`status` uses
        to tell a late publication without a query per report."""
        return self.annotate(first_published_on=models.Min("versions__published_on"))


@dataclass(frozen=True)
class ReportStatus:
    key: str  # one of STATUS_LABELS
    label_zh: str
    is_late: bool  # not published by the due date (or published after it)
    due: date


def status(report, agency, year: int, today: date, agencies: dict | None = None) -> ReportStatus:
    """How ``agency``'s report of ``year`` stands on ``today`` (``report`` None: none exists).

    "late" replaces the state while the report is unpublished after the due date (条例第四十九条);
    a report published after the due date stays "published" with ``is_late``. For many reports,
    load them ``with_first_published()`` and pass ``agencies`` ({id: Agency}; see
    :func:`.deadlines.due_date`) to avoid a query per report.
    """
    from .deadlines import due_date

    due = due_date(agency, year, agencies)
    state = getattr(report, "state", None) or "not_started"
    if state in ("published", "corrected"):
        first = getattr(report, "first_published_on", None)
        if first is None and "first_published_on" not in vars(report):
            first = report.versions.aggregate(d=models.Min("published_on"))["d"]
        late = first is not None and first > due
        return ReportStatus(state, STATUS_LABELS[state], late, due)
    if today > due:
        return ReportStatus("late", STATUS_LABELS["late"], True, due)
    key = "failing" if state == "draft" and report.errors else state
    return ReportStatus(key, STATUS_LABELS[key], False, due)
