"""The annual-report staff pages: who sees and does what (clerk, head, leader, supervisor, superuser,
another agency, anonymous), the editor's messages for bad input, and that a refused change
changes nothing."""
from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from zfxxgk.annual.models import AnnualReport, Dismissal, ReportState

from annual import test_views_kit as kit
from annual.test_views_kit import NEW, cell_html, form_data, login, page_of, snapshot

users, other, generated, warned = kit.users, kit.other, kit.generated, kit.warned  # fixtures

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

# --- the list --------------------------------------------------------------------------------------

def test_anonymous_is_sent_to_the_login_page(client, generated):
    for url in (reverse("annual:list"), reverse("annual:report", args=[generated.pk])):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(reverse("annual:save", args=[generated.pk]), form_data(generated, **{NEW: "9"}))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert generated.figures[NEW]["value"] == 0


@pytest.mark.parametrize(("day", "year"), [(date(2026, 1, 20), 2025), (date(2026, 2, 1), 2026), (date(2025, 6, 30), 2025)])
def test_the_list_shows_the_year_whose_report_is_due_next(client, users, clock, day, year):
    clock["day"] = day
    response = login(client, users["clerk"]).get(reverse("annual:list"))
    assert response.status_code == 200
    assert f"<h1>{year}年度政府信息公开工作年度报告</h1>" in response.content.decode()


def test_a_clerk_lists_the_agencys_report_and_may_generate(client, users, agency, clock):
    clock["day"] = date(2026, 1, 5)
    html = login(client, users["clerk"]).get(reverse("annual:list")).content.decode()
    assert "湘潭县司法局" in html and "湘潭县自然资源局" not in html
    assert "生成草稿" in html and "未开始" in html and "2026-01-31" in html


def test_the_supervisor_reads_every_agency_of_the_county_without_buttons(client, users, agency, other, generated, clock):
    clock["day"] = date(2026, 2, 3)  # after 司法局's deadline: the missing report is late
    html = login(client, users["supervisor"]).get(reverse("annual:list") + "?year=2025").content.decode()
    assert "湘潭县司法局" in html and "湘潭县自然资源局" in html and "湘潭县人民政府" in html
    assert "生成草稿" not in html and "<form method=\"post\"" not in html
    assert html.count("已逾期未发布") == 2  # 司法局 and 自然资源局 (the 本级政府's is due 3月31日)
    assert "2026-03-31" in html


def test_generating_from_the_list_creates_the_report_and_shows_the_changes_once(client, users, agency):
    client = login(client, users["clerk"])
    response = client.post(reverse("annual:create"), {"agency": agency.pk, "year": 2025})
    report = AnnualReport.objects.get(agency=agency, year=2025)
    assert response.status_code == 302 and response["Location"] == reverse("annual:report", args=[report.pk])
    assert report.state == ReportState.DRAFT and report.generated_at
    html = client.get(response["Location"]).content.decode()
    assert "本次生成草稿的变化" in html and "首次统计了 190 个单元格（表三、表四）" in html and "按模板重新生成的正文" in html
    assert "已生成湘潭县司法局2025年度报告草稿" in html
    assert "本次生成草稿的变化" not in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("who", ["supervisor", "superuser", "other_clerk"])
def test_only_the_agencys_staff_generate(client, users, agency, who):
    response = login(client, users[who]).post(reverse("annual:create"), {"agency": agency.pk, "year": 2025})
    assert response.status_code == 403
    assert not AnnualReport.objects.exists()


def test_a_wrong_year_is_refused_with_a_message(client, users, agency):
    response = login(client, users["clerk"]).post(reverse("annual:create"), {"agency": agency.pk, "year": "19999"})
    assert response.status_code == 400
    assert "年度不正确" in response.content.decode()
    assert not AnnualReport.objects.exists()


# --- reading the report -------------------------------------------------------------------------------

def test_the_clerk_sees_the_editor(client, users, generated):
    html = page_of(login(client, users["clerk"]), generated).content.decode()
    assert 'name="requests.new_received.natural_person"' in html and 'name="overview"' in html
    assert "保存并校验" in html and "重新生成草稿" in html and "导入数据" in html and "上传上年度已发布报告" in html
    assert "自动统计" in html and "人工填报" in html  # table 三 counted, table 二 entered
    assert reverse("annual:submit", args=[generated.pk]) not in html  # only the office head submits


def test_the_head_is_offered_the_submission(client, users, generated):
    html = page_of(login(client, users["head"]), generated).content.decode()
    assert reverse("annual:submit", args=[generated.pk]) in html


@pytest.mark.parametrize("who", ["supervisor", "superuser"])
def test_read_only_users_see_the_report_without_forms_and_get_403_on_every_change(client, users, generated, who):
    client = login(client, users[who])
    response = page_of(client, generated)
    html = response.content.decode()
    assert response.status_code == 200
    assert "湘潭县司法局2025年度政府信息公开工作年度报告" in html
    assert "<input" not in html.split("an-findings")[1] and "<textarea" not in html and "保存并校验</button>" not in html
    before = snapshot(generated)
    key = generated.findings[0]["key"] if generated.findings else "x"
    posts = {
        "save": form_data(generated, **{NEW: "5"}), "generate": {}, "dismiss": {"key": key, "reason": "理由很充分的说明"},
        "submit": {}, "decide": {"verdict": "approve"}, "correct": {"reason": "更正"},
    }
    for name, data in posts.items():
        response = client.post(reverse(f"annual:{name}", args=[generated.pk]), data)
        assert response.status_code == 403, name
        assert "您只能查看这份年度报告" in response.content.decode()
    assert snapshot(generated) == before


def test_another_agencys_report_is_404_by_any_url(client, users, generated):
    client = login(client, users["other_clerk"])
    before = snapshot(generated)
    assert page_of(client, generated).status_code == 404
    for name in ("save", "generate", "dismiss", "import", "upload_previous", "submit", "decide", "correct"):
        assert client.post(reverse(f"annual:{name}", args=[generated.pk]), {}).status_code == 404, name
    assert snapshot(generated) == before
    assert "湘潭县司法局" not in client.get(reverse("annual:list") + "?year=2025").content.decode()


def test_the_menu_offers_the_annual_pages(client, users):
    html = login(client, users["clerk"]).get(reverse("workspace:queue")).content.decode()
    nav = html.split('aria-label="工作台"')[1].split("</nav>")[0]
    assert "年度报告" in nav and "待我审核" in nav and "监督" not in nav
    html = login(client, users["supervisor"]).get(reverse("workspace:queue")).content.decode()
    nav = html.split('aria-label="工作台"')[1].split("</nav>")[0]
    assert "年度报告" in nav and "监督" in nav and "待我审核" not in nav


# --- saving -----------------------------------------------------------------------------------------

def test_a_hand_entry_over_a_computed_figure_keeps_both_and_says_so(client, users, generated):
    client = login(client, users["clerk"])
    text = "2025年，湘潭县司法局依法做好政府信息公开工作，全年未收到政府信息公开申请以外的投诉。"
    response = client.post(reverse("annual:save", args=[generated.pk]),
                           form_data(generated, **{"active.licensing": "12", "overview": text}))
    assert response.status_code == 302
    generated.refresh_from_db()
    assert generated.figures["active.licensing"] == {"value": 12, "source": "manual", "computed": None}
    assert generated.sections["overview"] == text
    assert generated.figures[NEW]["source"] == "cases"  # untouched cells keep their source
    html = client.get(response["Location"]).content.decode()
    assert "已保存并校验" in html

    client.post(reverse("annual:save", args=[generated.pk]), form_data(generated, **{
        "requests.new_received.natural_person": "2", "requests.new_received.total": "2",
        "requests.granted.natural_person": "2", "requests.granted.total": "2",
        "requests.total.natural_person": "2", "requests.total.total": "2"}))
    generated.refresh_from_db()
    assert generated.figures[NEW] == {"value": 2, "source": "manual", "computed": 0}
    html = page_of(client, generated).content.decode()
    cell = cell_html(html, NEW)
    assert "人工填报" in cell and "自动统计为0" in cell


@pytest.mark.parametrize(("typed", "message"), [("abc", "应填写非负整数"), ("-3", "不能为负数"), ("1.5", "应填写非负整数")])
def test_a_rejected_save_changes_nothing_and_says_why_beside_the_cell(client, users, generated, typed, message):
    client = login(client, users["clerk"])
    before = snapshot(generated)
    response = client.post(reverse("annual:save", args=[generated.pk]),
                           form_data(generated, **{NEW: typed, "overview": "改过的总体情况，不应被保存"}))
    assert response.status_code == 400
    html = response.content.decode()
    assert "处填写不正确" in html and "报告没有保存" in html
    cell = cell_html(html, NEW)
    assert message in cell and f'value="{typed}"' in cell and "an-invalid" in cell
    assert "改过的总体情况，不应被保存" in html  # what was typed is shown again, not lost
    assert snapshot(generated) == before


def test_fee_amounts_take_four_decimals_at_most(client, users, generated):
    client = login(client, users["clerk"])
    before = snapshot(generated)
    response = client.post(reverse("annual:save", args=[generated.pk]), form_data(generated, **{"active.fees_wan_yuan": "1.23456"}))
    assert response.status_code == 400 and "最多保留4位小数" in response.content.decode()
    assert snapshot(generated) == before
    client.post(reverse("annual:save", args=[generated.pk]), form_data(generated, **{"active.fees_wan_yuan": "1.2345"}))
    generated.refresh_from_db()
    assert generated.figures["active.fees_wan_yuan"]["value"] == "1.2345"


def test_clearing_a_hand_entry_goes_back_to_the_computed_figure(client, users, generated):
    client = login(client, users["clerk"])
    client.post(reverse("annual:save", args=[generated.pk]), form_data(generated, **{NEW: "4"}))
    generated.refresh_from_db()
    assert generated.figures[NEW]["source"] == "manual"
    client.post(reverse("annual:save", args=[generated.pk]), form_data(generated, **{NEW: ""}))
    generated.refresh_from_db()
    assert generated.figures[NEW] == {"value": 0, "source": "cases", "computed": 0}


def test_an_unbalanced_table_is_marked_at_its_cells_and_blocks_submission(client, users, generated):
    client = login(client, users["clerk"])
    client.post(reverse("annual:save", args=[generated.pk]), form_data(generated, **{"requests.carried_forward.natural_person": "3",
                                                                                    "requests.carried_forward.total": "3"}))
    generated.refresh_from_db()
    assert generated.errors > 0
    balance = next(f for f in generated.findings if f["rule"] == "T3-BAL")
    html = page_of(client, generated).content.decode()
    for path in balance["cells"]:
        if path.startswith("requests.") and path.endswith(".total"):
            cell = cell_html(html, path)
            assert "an-error" in cell and "title=" in cell
    panel = html.split('id="findings"')[1].split("</section>")[0]
    assert "错误（必须改正，否则不能提交审核）" in panel and balance["message"] in panel

    head = login(client, users["head"])
    assert "改正并保存后才能提交审核" in page_of(head, generated).content.decode()
    response = head.post(reverse("annual:submit", args=[generated.pk]))
    assert response.status_code == 422
    assert "不能提交" in response.content.decode()
    generated.refresh_from_db()
    assert generated.state == ReportState.DRAFT


def test_a_finding_that_quotes_a_sentence_marks_its_section(client, users, generated):
    client = login(client, users["clerk"])
    text = generated.sections["overview"] + "\n2024年，我局共办理政府信息公开申请3件。"
    client.post(reverse("annual:save", args=[generated.pk]), form_data(generated, overview=text))
    generated.refresh_from_db()
    assert any(f["rule"] == "W-YEAR" for f in generated.findings)
    html = page_of(client, generated).content.decode()
    section = re.search(r'<section class="an-section ([^"]*)" aria-labelledby="h-overview">', html)
    assert section and "an-warning" in section.group(1)
    assert 'aria-labelledby="h-requests">' in html and 'class="an-section an-warning" aria-labelledby="h-requests"' not in html


# --- warnings answered with a reason ----------------------------------------------------------------

def test_a_warning_is_dismissed_with_a_reason_that_is_shown_with_who_gave_it(client, users, warned):
    report, finding = warned
    client = login(client, users["clerk"])
    html = page_of(client, report).content.decode()
    assert "说明理由后忽略" in html and 'value="%s"' % finding["key"] in html
    reason = "本年制发的1件规范性文件已在年内被新文件替代，现行有效2件无误。"
    response = client.post(reverse("annual:dismiss", args=[report.pk]), {"key": finding["key"], "reason": reason})
    assert response.status_code == 302
    dismissal = Dismissal.objects.get(report=report)
    assert (dismissal.key, dismissal.reason, dismissal.user) == (finding["key"], reason, users["clerk"])
    html = client.get(response["Location"]).content.decode()
    panel = html.split('id="findings"')[1].split("</section>")[0]
    assert "已说明理由的警告" in panel and reason in panel and "clerk" in panel
    assert "说明理由后忽略" not in panel


@pytest.mark.parametrize(("reason", "message"), [("", "请填写说明理由"), ("太短", "请用至少5个字说明理由")])
def test_a_dismissal_needs_a_real_reason(client, users, warned, reason, message):
    report, finding = warned
    client = login(client, users["clerk"])
    before = snapshot(report)
    response = client.post(reverse("annual:dismiss", args=[report.pk]), {"key": finding["key"], "reason": reason})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert re.search(r'<details class="an-dismiss" open>', html)  # that warning's form stays open
    assert snapshot(report) == before


def test_an_error_cannot_be_dismissed(client, users, generated):
    client = login(client, users["clerk"])
    client.post(reverse("annual:save", args=[generated.pk]), form_data(generated, **{"requests.carried_forward.total": "3"}))
    generated.refresh_from_db()
    error = next(f for f in generated.findings if f["severity"] == "error")
    response = client.post(reverse("annual:dismiss", args=[generated.pk]), {"key": error["key"], "reason": "我认为这不是错误"})
    assert response.status_code == 422 and "错误不能忽略" in response.content.decode()
    assert not Dismissal.objects.exists()


def test_the_supervisor_reads_the_reason_a_warning_was_dismissed(client, users, warned):
    report, finding = warned
    from zfxxgk.annual import services

    services.dismiss(report, users["clerk"], finding["key"], "文件已于年内被替代，数字无误。")
    html = page_of(login(client, users["supervisor"]), report).content.decode()
    panel = html.split('id="findings"')[1].split("</section>")[0]
    assert "已说明理由的警告" in panel and "文件已于年内被替代，数字无误。" in panel and "clerk" in panel
    assert "说明理由后忽略" not in html


def test_text_sent_back_unchanged_with_browser_line_ends_is_not_a_hand_edit(client, users, generated):
    from zfxxgk.annual.forms import ReportForm

    crlf = {k: v.replace("\n", "\r\n") + "\r\n" for k, v in generated.sections.items()}
    assert any("\r\n" in v for v in crlf.values())
    form = ReportForm(form_data(generated, **crlf), report=generated)
    assert form.is_valid(), form.errors
    assert form.changes() == ({}, {})  # nothing to send: 生成草稿 may still rewrite every section
    form = ReportForm(form_data(generated, **{**crlf, "overview": "改写的总体情况\r\n第二行"}), report=generated)
    assert form.is_valid() and form.changes() == ({"overview": "改写的总体情况\r\n第二行"}, {})


def test_a_menu_entry_whose_page_does_not_exist_is_left_out(users, monkeypatch):
    from zfxxgk.annual.templatetags import annual_nav

    assert annual_nav._url("no_such_app:page") is None
    real = annual_nav._url
    monkeypatch.setattr(annual_nav, "_url", lambda name: None if name == "oversight:dashboard" else real(name))
    assert [e["label"] for e in annual_nav.entries(users["supervisor"])] == ["年度报告", "主动公开"]
    assert [e["label"] for e in annual_nav.entries(users["superuser"])] == ["年度报告", "主动公开"]


def test_regenerating_keeps_hand_edits_and_shows_the_new_template_text_to_copy(client, users, generated, agency, clock):
    from zfxxgk.cases import services as cases
    from workspace.helpers import new

    client = login(client, users["clerk"])
    edited = "我们自己写的总体情况。"
    client.post(reverse("annual:save", args=[generated.pk]), form_data(generated, overview=edited, **{NEW: "5"}))
    cases.register(agency, new(date(2025, 6, 2)), users["clerk"])  # a case the first draft did not count
    response = client.post(reverse("annual:generate", args=[generated.pk]))
    assert response.status_code == 302
    generated.refresh_from_db()
    assert generated.sections["overview"] == edited and generated.figures[NEW] == {"value": 5, "source": "manual", "computed": 1}
    html = client.get(response["Location"]).content.decode()
    changes = html.split('id="an-changes-h"')[1].split("</section>")[0]
    assert "保留了人工填报的数字" in changes and "按台账自动统计为 <strong>1</strong>" in changes
    assert "统计数字有变化" in changes and "表三 本年新收政府信息公开申请数量·总计：0 → <strong>1</strong>" in changes
    assert "保留了您修改过的正文" in changes and "一、总体情况" in changes
    template_text = generated.generated["overview"]
    assert "本年度新收政府信息公开申请1件" in template_text
    assert f"readonly>\n{template_text}</textarea>" in changes
    assert 'name="overview"' in html and edited in html
