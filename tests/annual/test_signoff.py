"""Submitting, approving, publishing and correcting an annual report through the one approval mechanism."""
from __future__ import annotations

from datetime import date

import pytest

from zfxxgk.annual import signoff
from zfxxgk.annual.errors import AnnualForbidden, AnnualInvalid, AnnualStateError
from zfxxgk.annual.models import AnnualReport, ReportState, Version
from zfxxgk.approvals import queries as approval_queries
from zfxxgk.approvals import services as approvals
from zfxxgk.approvals.models import Kind
from zfxxgk.approvals.models import State as ApprovalState
from zfxxgk.reports.model import ReportDocument
from zfxxgk.reports.read import read

from annual import test_signoff_kit as kit
from annual.test_signoff_kit import make_report, seed_document

staff = kit.staff  # a fixture shared with the upload, render and public-page tests


@pytest.fixture
def report(agency):
    return make_report(agency, 2025)


def test_the_office_head_submits_to_the_leader(report, staff, clock):
    approval = signoff.submit(report, staff["head"])
    assert report.state == ReportState.PENDING
    assert (approval.kind, approval.steps, approval.title) == (Kind.ANNUAL_REPORT, ["leader"], "湘潭县司法局 2025年度政府信息公开工作年度报告")
    assert list(approval_queries.waiting_for(staff["leader"])) == [approval]
    assert approval_queries.pending_for(report) == approval


@pytest.mark.parametrize("day", [date(2025, 6, 30), date(2025, 12, 31)])
def test_the_year_must_be_over_before_its_report_is_submitted(report, staff, clock, day):
    clock["day"] = day
    with pytest.raises(AnnualStateError, match="2025年尚未结束.*2026年1月1日起才能提交审核"):
        signoff.submit(report, staff["head"])
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT and not approval_queries.pending_for(report)
    clock["day"] = date(2026, 1, 1)
    signoff.submit(report, staff["head"])
    assert report.state == ReportState.PENDING


@pytest.mark.parametrize("who", ["clerk", "leader", "supervisor", "other_head"])
def test_only_the_office_head_submits(report, staff, who):
    with pytest.raises(AnnualForbidden):
        signoff.submit(report, staff[who])
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT and approval_queries.pending_for(report) is None


def test_an_error_finding_blocks_submission(report, staff):
    figures = dict(report.figures)
    total = figures["requests.new_received.total"]["value"]
    figures["requests.new_received.total"] = {"value": total + 5, "source": "manual", "computed": total}  # table 三 no longer adds up
    report.figures = figures
    report.save()
    with pytest.raises(AnnualInvalid) as err:
        signoff.submit(report, staff["head"])
    assert err.value.message.startswith("还有") and "项错误，不能提交" in err.value.message
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT and report.errors > 0
    assert approval_queries.pending_for(report) is None


def test_only_a_draft_is_submitted(report, staff):
    signoff.submit(report, staff["head"])
    with pytest.raises(AnnualStateError):
        signoff.submit(report, staff["head"])
    assert approval_queries.approvals_of(report).count() == 1


def test_returned_goes_back_to_draft_with_the_comment(report, staff):
    approval = signoff.submit(report, staff["head"])
    approvals.decide(approval, staff["leader"], approve=False, comment="第二部分数字与去年不衔接")
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT and not report.versions.exists()
    assert [d.comment for d in approval_queries.history(report)][-1] == "第二部分数字与去年不衔接"
    signoff.submit(report, staff["head"])  # and may be submitted again
    report.refresh_from_db()
    assert report.state == ReportState.PENDING


def _publish(report, staff):
    approval = signoff.submit(report, staff["head"])
    approvals.decide(approval, staff["leader"], approve=True, comment="同意发布")
    report.refresh_from_db()
    return report.versions.order_by("-number").first()


def test_the_leaders_approval_publishes_four_renderings_that_read_back_equal(report, staff, clock):
    clock["day"] = date(2026, 1, 20)
    version = _publish(report, staff)
    assert report.state == ReportState.PUBLISHED and report.is_public
    assert (version.number, version.origin, version.published_on, version.published_by) == (1, "platform", date(2026, 1, 20), staff["leader"])
    frozen = ReportDocument.from_dict(version.document)
    assert frozen.values()["cells"] == seed_document().values()["cells"]
    assert version.findings == report.findings and not any(f["severity"] == "error" for f in version.findings)
    assert bytes(version.pdf).startswith(b"%PDF")
    for fmt, data in (("html", version.html.encode()), ("docx", bytes(version.docx)), ("xlsx", bytes(version.xlsx))):
        back = read(data, name=f"report.{fmt}")
        assert back.values() == frozen.values(), fmt


def test_publishing_is_refused_when_a_new_error_appeared_meanwhile(report, staff):
    approval = signoff.submit(report, staff["head"])
    figures = dict(report.figures)
    figures["requests.new_received.total"] = {"value": figures["requests.new_received.total"]["value"] + 1, "source": "manual", "computed": None}
    AnnualReport.objects.filter(pk=report.pk).update(figures=figures)
    with pytest.raises(AnnualInvalid):
        approvals.decide(approval, staff["leader"], approve=True)
    report.refresh_from_db()
    approval.refresh_from_db()
    assert report.state == ReportState.PENDING and approval.state == ApprovalState.PENDING
    assert not Version.objects.exists()


def test_a_correction_is_version_2_with_its_reason_and_version_1_stays(report, staff, clock):
    clock["day"] = date(2026, 1, 20)
    first = _publish(report, staff)
    with pytest.raises(AnnualInvalid):
        signoff.start_correction(report, staff["clerk"], "  ")
    with pytest.raises(AnnualInvalid, match="更正原因"):  # printed on the public page: zfxxgk.text's rule
        signoff.start_correction(report, staff["clerk"], "数字\u202e有误")
    with pytest.raises(AnnualForbidden):
        signoff.start_correction(report, staff["supervisor"], "数字有误")
    signoff.start_correction(report, staff["clerk"], "第五部分行政复议数据填报有误")
    assert (report.state, report.correcting, report.is_public) == (ReportState.DRAFT, True, True)
    assert report.current_version() == first
    with pytest.raises(AnnualStateError):
        signoff.start_correction(report, staff["clerk"], "再次更正")
    sections = dict(report.sections)
    sections["problems"] = sections.get("problems", "") + "（已更正）"
    report.sections = sections
    report.save()
    clock["day"] = date(2026, 2, 3)
    second = _publish(report, staff)
    assert (second.number, second.reason, second.published_on) == (2, "第五部分行政复议数据填报有误", date(2026, 2, 3))
    assert report.state == ReportState.CORRECTED and not report.correcting
    assert report.current_version() == second
    assert Version.objects.get(pk=first.pk).html == first.html  # never rewritten
    assert "（已更正）" in second.html and "（已更正）" not in first.html


def test_correction_only_after_publishing(report, staff):
    with pytest.raises(AnnualStateError):
        signoff.start_correction(report, staff["clerk"], "数字有误")


def test_a_withdrawn_submission_is_a_draft_again(report, staff):
    approval = signoff.submit(report, staff["head"])
    approvals.withdraw(approval, staff["head"])
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
