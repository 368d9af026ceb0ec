"""The editor's sign-off and data actions: the head submits, the leader approves or returns (a
comment required), a correction needs its reason; figures imported from CSV, last year's report
uploaded; every refusal is a message on the page with its status, and changes nothing."""
from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zfxxgk.annual import services
from zfxxgk.annual.models import ReportState, Version
from zfxxgk.approvals import queries as approval_queries
from zfxxgk.approvals import services as approvals
from zfxxgk.approvals.models import State as ApprovalState

from annual import test_views_kit as kit
from annual.test_views_kit import SEED_SFJ, form_data, login, page_of, snapshot

users, other, generated = kit.users, kit.other, kit.generated  # fixtures

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


def post(client, name: str, report, data=None):
    return client.post(reverse(f"annual:{name}", args=[report.pk]), data or {})


@pytest.fixture
def pending(generated, users):
    services.submit(generated, users["head"])
    generated.refresh_from_db()
    assert generated.state == ReportState.PENDING
    return generated


def test_the_head_submits_and_the_report_is_locked_while_pending(client, users, generated):
    head = login(client, users["head"])
    response = post(head, "submit", generated)
    assert response.status_code == 302
    generated.refresh_from_db()
    assert generated.state == ReportState.PENDING
    html = head.get(response["Location"]).content.decode()
    assert "已提交审核，等待分管领导审核" in html and "保存并校验</button>" not in html and 'name="overview"' not in html

    before = snapshot(generated)
    response = post(head, "upload_previous", generated, {"file": SimpleUploadedFile(SEED_SFJ.name, SEED_SFJ.read_bytes())})
    assert response.status_code == 409 and "不能再上传上年度报告" in response.content.decode()
    response = post(head, "save", generated, form_data(generated, overview="审核期间的修改"))
    assert response.status_code == 409 and "审核期间不能修改" in response.content.decode()
    response = post(head, "generate", generated)
    assert response.status_code == 409
    response = post(head, "submit", generated)
    assert response.status_code == 409 and "只有草稿可以提交审核" in response.content.decode()
    assert snapshot(generated) == before
    assert not Version.objects.exists()


def test_a_clerk_cannot_submit(client, users, generated):
    response = post(login(client, users["clerk"]), "submit", generated)
    assert response.status_code == 403 and "只有本机关政府信息公开工作机构负责人" in response.content.decode()
    generated.refresh_from_db()
    assert generated.state == ReportState.DRAFT


def test_only_the_leader_is_offered_the_decision(client, users, pending):
    html = page_of(login(client, users["leader"]), pending).content.decode()
    assert "同意发布" in html and "退回修改" in html
    for who in ("clerk", "head", "supervisor"):
        html = page_of(login(client, users[who]), pending).content.decode()
        assert reverse("annual:decide", args=[pending.pk]) not in html, who


def test_returning_needs_a_comment_and_then_goes_back_to_draft_with_it(client, users, pending):
    leader = login(client, users["leader"])
    before = snapshot(pending)
    response = post(leader, "decide", pending, {"verdict": "return", "comment": "  "})
    assert response.status_code == 400 and "退回修改时请写明需要修改的地方" in response.content.decode()
    assert snapshot(pending) == before
    response = post(leader, "decide", pending, {"verdict": "return", "comment": "第三部分的数字请再核对"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.state == ReportState.DRAFT
    html = leader.get(response["Location"]).content.decode()
    assert "已退回修改" in html and "第三部分的数字请再核对" in html  # in the history of decisions


def test_a_clerk_or_the_head_cannot_decide(client, users, pending):
    for who in ("clerk", "head"):
        response = post(login(client, users[who]), "decide", pending, {"verdict": "approve"})
        assert response.status_code == 403, who
        assert "分管领导" in response.content.decode()
    pending.refresh_from_db()
    assert pending.state == ReportState.PENDING


def test_the_leader_approves_and_the_report_is_published(client, users, pending):
    leader = login(client, users["leader"])
    response = post(leader, "decide", pending, {"verdict": "approve", "comment": ""})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.state == ReportState.PUBLISHED
    assert approval_queries.approvals_of(pending).get().state == ApprovalState.APPROVED
    html = leader.get(response["Location"]).content.decode()
    assert "已同意发布" in html and "报告已公开" in html and "第1版" in html
    assert "更正已发布的报告" in html and "保存并校验</button>" not in html
    # deciding again: nothing waits any more
    response = post(leader, "decide", pending, {"verdict": "approve"})
    assert response.status_code == 409 and "没有待审核的提交" in response.content.decode()


def test_a_correction_needs_a_reason_and_reopens_the_editor(client, users, pending):
    approvals.decide(approval_queries.pending_for(pending), users["leader"], approve=True)
    pending.refresh_from_db()
    assert pending.state == ReportState.PUBLISHED
    clerk = login(client, users["clerk"])
    before = snapshot(pending)
    response = post(clerk, "correct", pending, {"reason": ""})
    assert response.status_code == 400 and "请填写更正原因" in response.content.decode()
    assert snapshot(pending) == before
    response = post(clerk, "correct", pending, {"reason": "表二行政许可数字填错"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.correcting and pending.correction_reason == "表二行政许可数字填错"
    html = clerk.get(response["Location"]).content.decode()
    assert "更正中" in html and "保存并校验</button>" in html and "表二行政许可数字填错" in html


def test_figures_imported_from_csv_are_marked_as_imported(client, users, generated):
    clerk = login(client, users["clerk"])
    data = "active.licensing,7\nactive.penalty,3\n".encode()
    response = post(clerk, "import", generated, {"file": SimpleUploadedFile("数据.csv", data, "text/csv")})
    assert response.status_code == 302
    generated.refresh_from_db()
    assert generated.figures["active.licensing"]["value"] == 7 and generated.figures["active.licensing"]["source"] == "import"
    html = clerk.get(response["Location"]).content.decode()
    assert "已导入“数据.csv”中的数据" in html
    assert "导入</span>" in kit.cell_html(html, "active.licensing")


def test_a_bad_import_is_refused_and_changes_nothing(client, users, generated):
    clerk = login(client, users["clerk"])
    before = snapshot(generated)
    response = post(clerk, "import", generated, {"file": SimpleUploadedFile("数据.csv", "active.licensing,很多\n".encode(), "text/csv")})
    assert response.status_code == 422 and "应填写非负整数" in response.content.decode()
    response = post(clerk, "import", generated, {})
    assert response.status_code == 400 and "请选择要导入的文件" in response.content.decode()
    assert snapshot(generated) == before


def test_last_years_published_report_is_uploaded_for_the_cross_year_checks(client, users, generated):
    clerk = login(client, users["clerk"])
    response = post(clerk, "upload_previous", generated, {"file": SimpleUploadedFile(SEED_SFJ.name, SEED_SFJ.read_bytes())})
    assert response.status_code == 302, response.content.decode()[:500]
    version = Version.objects.get(report__agency=generated.agency, report__year=2024)
    assert version.origin == "upload"
    html = clerk.get(response["Location"]).content.decode()
    assert "已读取上传的2024年度报告" in html


def test_an_upload_of_the_wrong_year_is_refused_with_the_readers_words(client, users, agency, generated):
    report = services.get(agency, 2026)
    services.generate(report, users["clerk"])
    clerk = login(client, users["clerk"])
    response = post(clerk, "upload_previous", report, {"file": SimpleUploadedFile(SEED_SFJ.name, SEED_SFJ.read_bytes())})
    assert response.status_code == 422
    assert "上传的文件是2024年度的报告，这里需要2025年度的报告" in response.content.decode()
    assert not Version.objects.exists()


def test_a_corrected_report_lists_both_versions_with_their_public_pages(client, users, pending):
    approvals.decide(approval_queries.pending_for(pending), users["leader"], approve=True)
    services.start_correction(pending, users["clerk"], "表二行政许可数字填错")
    services.save(pending, users["clerk"], figures={"active.licensing": 9})
    services.submit(pending, users["head"])
    leader = login(client, users["leader"])
    response = post(leader, "decide", pending, {"verdict": "approve"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.state == ReportState.CORRECTED and pending.versions.count() == 2
    html = leader.get(response["Location"]).content.decode()
    assert "已更正" in html and "当前为第2版" in html
    assert 'href="/zfxxgk/xtxsfj/ndbg/2025/"' in html
    assert 'href="/zfxxgk/xtxsfj/ndbg/2025/v1/">第1版' in html and 'href="/zfxxgk/xtxsfj/ndbg/2025/v2/">第2版' in html
    assert "表二行政许可数字填错" in html  # the reason beside version 2


@pytest.mark.parametrize(("action", "name", "data"), [
    ("import", "数据.xlsx", b"PK\x03\x04 not really a workbook"),
    ("import", "数据.csv", b"\xff\xfe\x00\x00garbage\x00"),
    ("upload_previous", "2024年报.docx", b"PK\x03\x04 not really a document"),
    ("upload_previous", "2024年报.pdf", b"%PDF-1.4 truncated"),
])
def test_an_unreadable_file_is_a_message_not_a_500(client, users, generated, action, name, data):
    clerk = login(client, users["clerk"])
    before = snapshot(generated)
    response = post(clerk, action, generated, {"file": SimpleUploadedFile(name, data)})
    assert response.status_code in (400, 422)
    assert 'class="msg-error"' in response.content.decode()
    assert snapshot(generated) == before
    assert not Version.objects.exists()


def test_before_the_year_is_over_the_head_is_told_when_to_submit(client, clock, users, generated):
    """In December the report can be drafted and checked; the submit form waits for 1 January."""
    from datetime import date

    clock["day"] = date(generated.year, 12, 3)
    html = page_of(login(client, users["head"]), generated).content.decode()
    assert f"{generated.year + 1}年1月1日起可以提交审核" in html
    assert reverse("annual:submit", args=[generated.pk]) not in html
    clock["day"] = date(generated.year + 1, 1, 2)
    assert reverse("annual:submit", args=[generated.pk]) in page_of(client, generated).content.decode()
