"""What every annual-report page shares: reaching a report (404 outside the user's agencies),
the write check (403 for read-only users), and how a refusal is shown.

Who may read or change an agency's report is :mod:`zfxxgk.agencies.access`' answer, as for cases:
reports are reached only through ``AnnualReport.objects.readable_by(user)``.
"""
from __future__ import annotations

import logging
from datetime import date

from django.shortcuts import get_object_or_404, render

from ...agencies import access
from ..models import AnnualReport

audit = logging.getLogger("zfxxgk.audit")  # English; user and agency


def today() -> date:
    from ...cases import services  # the engine's clock (tests move it)

    return services.today()


def reports_for(user):
    return AnnualReport.objects.readable_by(user).select_related("agency")


def report_for(user, pk: int) -> AnnualReport:
    """The report ``pk`` if ``user`` may read it; 404 otherwise (its existence is not revealed)."""
    return get_object_or_404(reports_for(user), pk=pk)


def may_write(user, report: AnnualReport) -> bool:
    return access.can_write(user, report.agency_id)


def show(request, template: str, context: dict, status: int = 200):
    """Render a page in the workspace frame (the menu's writer entries as on the other workspace pages)."""
    context.setdefault("nav_writer", bool(access.writable_agency_ids(request.user)))
    return render(request, template, context, status=status)


def forbidden(request, message: str):
    return show(request, "workspace/forbidden.html", {"message": message}, status=403)


READ_ONLY = "您只能查看这份年度报告：只有本机关的经办人、政府信息公开工作机构负责人和分管领导可以编辑、提交和审核。"


def who(user) -> str:
    return f"user={user.pk}:{user.get_username()}"


def due_date(agency, year: int) -> date:
    """The publication deadline of ``agency``'s report for ``year`` (条例第四十九条; per jurisdiction)."""
    from ..deadlines import due_date as rule

    return rule(agency, year)
