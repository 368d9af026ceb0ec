"""The annual report in the reviewer's generic queue, and the late flag staff see (never the public)."""
from __future__ import annotations

from datetime import date

from zfxxgk.annual import signoff
from zfxxgk.approvals.models import Approval, State

from annual import test_signoff_kit as kit
from annual.test_signoff_kit import make_report

staff = kit.staff


def test_the_leaders_queue_links_to_the_report_and_approving_there_publishes(client, agency, staff):
    report = make_report(agency, 2025)
    approval = signoff.submit(report, staff["head"])
    client.force_login(staff["leader"])
    page = client.get("/workspace/approvals/").content.decode()
    assert "湘潭县司法局 2025年度政府信息公开工作年度报告" in page and f"/workspace/annual/{report.pk}/" in page
    response = client.post(f"/workspace/approvals/{approval.pk}/decide/", {"verdict": "approve"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == "published" and Approval.objects.get(pk=approval.pk).state == State.APPROVED
    assert client.get("/zfxxgk/xtxsfj/ndbg/2025/").status_code == 200


def test_the_head_does_not_see_his_own_submission_in_the_queue(client, agency, staff):
    signoff.submit(make_report(agency, 2025), staff["head"])
    client.force_login(staff["head"])
    assert "没有等待您审核的事项" in client.get("/workspace/approvals/").content.decode()


def _publish_on(agency, staff, clock, day):
    from zfxxgk.approvals import services as approvals

    clock["day"] = day
    report = make_report(agency, 2025)
    approvals.decide(signoff.submit(report, staff["head"]), staff["leader"], approve=True)
    return report


def test_a_version_after_the_deadline_is_late_for_staff_only(client, agency, staff, clock):
    report = _publish_on(agency, staff, clock, date(2026, 2, 2))  # a department's deadline: 1月31日 (条例第四十九条)
    assert report.current_version().late is True
    page = client.get("/zfxxgk/xtxsfj/ndbg/2025/").content.decode()
    assert "发布日期：2026年2月2日" in page and "逾期发布" not in page and "late" not in page.split("<article")[0]


def test_on_the_deadline_is_not_late(agency, staff, clock):
    assert _publish_on(agency, staff, clock, date(2026, 1, 31)).current_version().late is False


def test_a_jurisdictions_earlier_deadline_applies(agency, county, staff, clock):
    county.report_deadline = "01-28"
    county.save()
    assert _publish_on(agency, staff, clock, date(2026, 1, 29)).current_version().late is True
