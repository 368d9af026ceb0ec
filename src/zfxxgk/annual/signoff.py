"""Submitting, approving, publishing and correcting an annual report (条例第四十九条、第五十条).

    submit(report, head)            # 草稿 -> 待审核; blocked by any error finding
    (leader) approvals.services.decide(approval, leader, approve=True)  -> on_approved -> publish
    (leader) approvals.services.decide(approval, leader, approve=False, comment="…") -> on_returned: 草稿
    start_correction(report, user, reason)   # 已发布/已更正 -> 草稿 (correcting); the public page keeps
                                             # the current version until the correction is approved
    upload_published(agency, year, name, data, user)  # last year's report as the agency published it

Sign-off goes through the one approval mechanism (zfxxgk.approvals); this module only says what
the report does when it is submitted, approved or returned.
"""
from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Max

from ..agencies import access
from ..agencies.models import Membership, Role
from ..approvals import services as approvals
from ..approvals.models import Kind
from ..cases import services as cases
from ..publishing import annual_link
from ..reports import check as checker
from ..reports.errors import ReportError
from ..reports.model import ReportDocument
from ..reports.read import read
from ..text import InputError, clean_input
from . import draft, render
from .errors import AnnualForbidden, AnnualInvalid, AnnualStateError
from .models import AnnualReport, FigureSource, ReportState, Version

log = logging.getLogger(__name__)

STEPS = ["leader"]  # 机关分管领导 approves what the office head submits
UPLOAD_FORMATS = ("html",)  # an uploaded report is shown on our pages; its own file is kept as uploaded


def title(report: AnnualReport) -> str:
    return f"{report.agency.name} {report.year}年度政府信息公开工作年度报告"


def _severity(finding) -> str:
    return finding.severity if hasattr(finding, "severity") else finding.get("severity", "")


def _lock(report: AnnualReport) -> AnnualReport:
    locked = AnnualReport.objects.select_for_update().select_related("agency").get(pk=report.pk)
    return locked


# -- submit -------------------------------------------------------------------------------------

def may_submit(report: AnnualReport, user) -> bool:
    """Whether ``user`` may submit ``report``: the agency's office head (政府信息公开工作机构负责人)
    acting there. The state and the calendar are checked by :func:`submit`."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (Membership.objects.filter(user=user, agency_id=report.agency_id, role=Role.HEAD).exists()
            and access.can_write(user, report.agency_id))


def submit(report: AnnualReport, user):
    """The office head submits the draft to the leader; any error finding blocks it."""
    if not may_submit(report, user):
        raise AnnualForbidden("只有本机关政府信息公开工作机构负责人可以提交年度报告审核。")
    _require_draft(report)
    _require_year_over(report)
    # Checked again first (last year's report or a sibling's may have changed since the last save),
    # outside the lock's transaction so that the findings stay shown when the submission is refused.
    _refuse_errors(draft.recheck(report), "提交")
    with transaction.atomic():
        current = _lock(report)
        _require_draft(current)
        _refuse_errors(current.findings, "提交")  # every save since the recheck checked again
        approval = approvals.submit(current, kind=Kind.ANNUAL_REPORT, agency=current.agency, user=user,
                                    steps=STEPS, title=title(current),
                                    note=f"更正原因：{current.correction_reason}" if current.correcting else "")
        current.state = ReportState.PENDING
        current.updated_by = user
        current.save(update_fields=["state", "updated_by", "updated_at"])
    log.info("annual report %s submitted by user %s (approval %s)", current.pk, user.pk, approval.pk)
    draft.keep_in_step(report, current)
    return approval


def year_over(report: AnnualReport) -> bool:
    """The report covers 1 January to 31 December (spec §2.4): until the year is over its tables are
    not final, so it can be drafted and checked but not submitted."""
    return cases.today() > date(report.year, 12, 31)


def _require_year_over(report: AnnualReport) -> None:
    if not year_over(report):
        raise AnnualStateError(f"{report.year}年尚未结束，统计期限至{report.year}年12月31日，"
                               f"报告可以先起草和校验，{report.year + 1}年1月1日起才能提交审核。")


def _require_draft(report: AnnualReport) -> None:
    if report.state != ReportState.DRAFT:
        raise AnnualStateError(f"报告当前为“{report.get_state_display()}”，只有草稿可以提交审核。")


def _refuse_errors(findings, action: str, then: str = "请先修改报告中标出的错误。") -> None:
    errors = sum(1 for f in findings if _severity(f) == checker.ERROR)
    if errors:
        raise AnnualInvalid(f"还有{errors}项错误，不能{action}。{then}")


def on_returned(report: AnnualReport, approval, user) -> None:
    """Back to 草稿; the leader's comment is in the approval's Decision."""
    AnnualReport.objects.filter(pk=report.pk, state=ReportState.PENDING).update(state=ReportState.DRAFT)
    report.refresh_from_db()


def on_approved(report: AnnualReport, approval, user) -> None:
    publish(report, user)


# -- publish ------------------------------------------------------------------------------------

def publish(report: AnnualReport, user) -> Version:
    """Freeze the approved report into a new Version with its four renderings (the first is 已发布,
    later ones 已更正) and file it in the agency's 年报 column (publishing.annual_link). Called when
    the last approval step approves, in that transaction."""
    with transaction.atomic():
        current = _lock(report)
        if current.state != ReportState.PENDING:
            raise AnnualStateError(f"报告当前为“{current.get_state_display()}”，只有审核通过的报告可以发布。")
        # e.g. last year's report was uploaded after the submission: never publish an error
        _refuse_errors(draft.recheck(current), "发布", "请退回修改。")
        current.refresh_from_db()
        doc = draft.document(current)
        number = (current.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = _write_version(current, doc, number, user, findings=current.findings,
                                 reason=current.correction_reason if number > 1 else "")
        current.state = ReportState.PUBLISHED if number == 1 else ReportState.CORRECTED
        current.correcting = False
        current.save(update_fields=["state", "correcting", "updated_at"])
        # 条例第五十条: the report is also an item of the agency's 年报 column (a correction: its next version)
        annual_link.publish_annual_report(current, version)
    log.info("annual report %s published as version %s by user %s", current.pk, number, getattr(user, "pk", None))
    draft.keep_in_step(report, current)
    return version


def _write_version(report: AnnualReport, doc: ReportDocument, number: int, user, *, findings, reason="",
                   formats=render.FORMATS, origin="platform", original=b"", original_name="", published_on=None) -> Version:
    doc.published_on = published_on or cases.today()
    files = render.render_all(doc, formats)
    return Version.objects.create(
        report=report, number=number, origin=origin, published_on=doc.published_on, published_by=user,
        reason=reason, document=doc.to_dict(with_sources=True), findings=list(findings),
        html=files.get("html", b"").decode("utf-8"), docx=files.get("docx", b""), pdf=files.get("pdf", b""),
        xlsx=files.get("xlsx", b""), original=original, original_name=original_name[:200],
    )


# -- correct ------------------------------------------------------------------------------------

def start_correction(report: AnnualReport, user, reason: str) -> None:
    """A correction after publishing: back to 草稿 with its reason; the public page keeps the current
    version until the corrected one is approved (then it says 已更正 with the reason)."""
    if not access.can_write(user, report.agency_id):
        raise AnnualForbidden("您没有更正该机关年度报告的权限。")
    try:  # shown on the public page: the boundary's rule (zfxxgk.text), as for every typed text
        reason = clean_input(reason or "", multiline=True, label="更正原因").strip()
    except InputError as exc:
        raise AnnualInvalid(exc.message) from None
    if not reason:
        raise AnnualInvalid("请填写更正原因，更正原因将在公开页面上说明。")
    with transaction.atomic():
        current = _lock(report)
        if current.state not in (ReportState.PUBLISHED, ReportState.CORRECTED):
            raise AnnualStateError(f"报告当前为“{current.get_state_display()}”，只有已发布的报告可以更正。")
        current.state = ReportState.DRAFT
        current.correcting = True
        current.correction_reason = reason
        current.updated_by = user
        current.save(update_fields=["state", "correcting", "correction_reason", "updated_by", "updated_at"])
    log.info("annual report %s: correction started by user %s", current.pk, user.pk)
    draft.keep_in_step(report, current)


# -- last year's report as published elsewhere -----------------------------------------------------

def upload_published(agency, year: int, name: str, data: bytes, user) -> Version:
    """Last year's report as the agency published it (txt/html/docx/pdf/xlsx/md): read, checked and
    kept as a Version, so the cross-year rules (T3-XYEAR, T2-ROLL, W-CLONE) have it to compare."""
    if not access.can_write(user, agency.pk):
        raise AnnualForbidden("您没有为该机关上传年度报告的权限。")
    try:
        doc = read(data, name=name)  # the reader enforces reports/limits.py (size, pages, cells …)
    except ReportError as exc:
        log.info("upload of %s for agency %s refused: %s", name, agency.pk, exc.detail)
        raise AnnualInvalid(exc.message) from exc
    if doc.year and doc.year != year:
        raise AnnualInvalid(f"上传的文件是{doc.year}年度的报告，这里需要{year}年度的报告。")
    if doc.agency and not (doc.agency in agency.name or agency.name in doc.agency):
        raise AnnualInvalid(f"上传的文件是“{doc.agency}”的报告，不是“{agency.name}”的报告。")
    doc.agency, doc.year = agency.name, year
    findings = [f.to_dict() for f in checker.check(doc)]
    with transaction.atomic():
        report, _ = AnnualReport.objects.get_or_create(agency=agency, year=year)
        report = _lock(report)
        if report.versions.filter(origin="platform").exists():
            raise AnnualStateError(f"{year}年度报告已在本平台发布，不能再上传；如需修改请走更正程序。")
        if report.state == ReportState.PENDING:
            raise AnnualStateError(f"{year}年度报告正在审核中，不能上传。")
        number = (report.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        report.figures = {p: {"value": _plain(c.value), "source": FigureSource.UPLOAD, "computed": None} for p, c in doc.cells.items()}
        report.sections = dict(doc.sections)
        report.findings = findings
        report.errors = sum(1 for f in findings if f["severity"] == checker.ERROR)
        report.warnings = sum(1 for f in findings if f["severity"] == checker.WARNING)
        report.state = ReportState.PUBLISHED if number == 1 else ReportState.CORRECTED
        report.correcting = False
        report.updated_by = user
        report.save()
        # the date printed in the file when the reader found one (it was published elsewhere), else today
        version = _write_version(report, doc, number, user, findings=findings, formats=UPLOAD_FORMATS,
                                 origin="upload", original=bytes(data), original_name=name, published_on=doc.published_on,
                                 reason=f"重新上传已发布的报告文件（{name}）" if number > 1 else "")
    log.info("annual report %s: %s uploaded as version %s by user %s", report.pk, name, number, user.pk)
    return version


def _plain(value):
    return str(value) if isinstance(value, Decimal) else value  # figures hold decimals as text (JSON)
