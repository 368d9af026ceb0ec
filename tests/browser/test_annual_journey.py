"""The annual report in the browser: a clerk generates the draft from a year of casework, fills
table 二, rewrites a sentence, answers a warning with a reason; the office head submits; the
leader approves; the public page shows the report. And a planted inconsistency — a hand-entered
table 三 figure that breaks the balance — is marked at its cells and blocks the submission."""
from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from zfxxgk.agencies.models import Role
from zfxxgk.annual.models import AnnualReport, ReportState
from zfxxgk.cases import services as cases

from browser.helpers import login
from workspace.helpers import new

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLE2 = {  # 表二, entered by hand (许可、处罚、强制、收费 are held by other systems)
    "active.regulations.made": "0", "active.regulations.repealed": "0", "active.regulations.in_force": "0",
    "active.normative_documents.made": "3", "active.normative_documents.repealed": "0",
    "active.normative_documents.in_force": "2",  # below 制发 − 废止: the T2-INFORCE-LB warning
    "active.licensing": "12", "active.penalty": "5", "active.coercion": "0", "active.fees_wan_yuan": "0",
}
PROBLEMS = ("存在的主要问题：一是依申请公开答复文书格式还不够统一；二是部分科室对公开属性认定把握不准。"
            "改进情况：2026年将制定答复文书范本，并组织一次全局业务培训。")


def a_year_of_casework(agency, clerk, clock) -> None:
    """Three applications of natural persons in 2025: one granted, one 不掌握, one still open on 31 December."""
    for submitted, outcome in ((date(2025, 3, 3), "granted"), (date(2025, 5, 6), "unable_not_held"), (date(2025, 12, 22), None)):
        clock["day"] = submitted
        app = cases.register(agency, new(submitted), clerk)
        if outcome:
            clock["day"] = submitted.replace(day=submitted.day + 7)
            cases.answer(app, clock["day"], outcome, clerk)


def logout(page) -> None:
    page.get_by_role("button", name=re.compile("^退出")).click()
    page.wait_for_url(re.compile(r"/$"))


def cell(page, path: str):
    return page.locator(f'td[data-path="{path}"]')


def open_report(page, base_url: str) -> None:
    """From the menu to the list to 司法局's report, as a person goes."""
    page.get_by_role("navigation", name="工作台").get_by_role("link", name="年度报告").click()
    page.wait_for_url(re.compile(r"/workspace/annual/$"))
    page.get_by_role("row").filter(has_text="湘潭县司法局").get_by_role("link", name="湘潭县司法局").click()
    page.wait_for_url(re.compile(r"/workspace/annual/\d+/$"))


def generate_and_fill(page, base_url: str, shot) -> None:
    page.get_by_role("navigation", name="工作台").get_by_role("link", name="年度报告").click()
    page.wait_for_url(re.compile(r"/workspace/annual/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("2025年度政府信息公开工作年度报告")
    row = page.get_by_role("row").filter(has_text="湘潭县司法局")
    expect(row).to_contain_text("未开始")
    expect(row).to_contain_text("2026-01-31")
    shot("annual-list")
    row.get_by_role("button", name="生成草稿").click()
    page.wait_for_url(re.compile(r"/workspace/annual/\d+/$"))
    expect(page.get_by_role("status")).to_contain_text("已生成湘潭县司法局2025年度报告草稿")
    expect(page.locator(".an-changes")).to_contain_text("首次统计了")

    # Table 三 counted from the cases: 3 received, 1 granted, 1 不掌握, 1 carried forward.
    expect(page.get_by_label("表三 本年新收政府信息公开申请数量·总计")).to_have_value("3")
    expect(page.locator('[name="requests.granted.natural_person"]')).to_have_value("1")
    expect(page.locator('[name="requests.carried_forward.total"]')).to_have_value("1")
    expect(cell(page, "requests.new_received.total")).to_contain_text("自动统计")
    # Table 二 is not counted by the platform: the checker says so, at its cells.
    expect(cell(page, "active.licensing")).to_have_class(re.compile(r"\ban-error\b"))
    expect(page.locator("#findings")).to_contain_text("表二")
    shot("annual-draft")

    for path, value in TABLE2.items():
        page.locator(f'[name="{path}"]').fill(value)
    expect(cell(page, "active.licensing")).to_have_class(re.compile(r"\ban-changed\b"))  # editor.js marks typed cells
    page.get_by_label("五、存在的主要问题及改进情况 正文").fill(PROBLEMS)
    page.get_by_role("button", name="保存并校验").click()
    page.wait_for_url(re.compile(r"/workspace/annual/\d+/$"))
    expect(page.get_by_role("status")).to_contain_text("已保存并校验：0 个错误")


def test_clerk_drafts_head_submits_leader_approves_and_the_public_page_shows_it(live_server, page, shot, staff, agency, clock):
    clerk = staff("jb", "李经办", (agency, Role.CLERK))
    staff("zr", "王主任", (agency, Role.HEAD))
    staff("ld", "赵局长", (agency, Role.LEADER))
    a_year_of_casework(agency, clerk, clock)
    clock["day"] = date(2026, 1, 12)

    login(page, live_server.url, "jb")
    generate_and_fill(page, live_server.url, shot)
    expect(cell(page, "active.licensing")).to_contain_text("人工填报")
    expect(page.get_by_label("五、存在的主要问题及改进情况 正文")).to_have_value(PROBLEMS)

    # The warning stands beside its cells and in the panel; answered with a reason.
    expect(cell(page, "active.normative_documents.in_force")).to_have_class(re.compile(r"\ban-warning\b"))
    warning = page.locator("#findings li.an-warning").filter(has_text="现行有效")
    expect(warning).to_have_count(1)
    shot("annual-warning")
    warning.locator("summary", has_text="说明理由后忽略").click()
    reason = "本年制发的1件规范性文件已于年内被新文件替代，现行有效2件经核对无误。"
    warning.get_by_label("说明理由").fill(reason)
    warning.get_by_role("button", name="确认忽略这条警告").click()
    page.wait_for_url(re.compile(r"/workspace/annual/\d+/$"))
    expect(page.get_by_role("status")).to_contain_text("已记录您的说明")
    dismissed = page.locator("#findings li.an-dismissed")
    expect(dismissed).to_contain_text(reason)
    expect(dismissed).to_contain_text("李经办")
    expect(page.locator("#findings li.an-warning")).to_have_count(0)
    shot("annual-dismissed")
    # The clerk edits; the office head submits.
    expect(page.get_by_role("button", name="提交审核")).to_have_count(0)
    logout(page)

    login(page, live_server.url, "zr")
    open_report(page, live_server.url)
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_role("status")).to_contain_text("已提交审核，等待分管领导审核")
    expect(page.get_by_role("button", name="保存并校验")).to_have_count(0)
    logout(page)

    login(page, live_server.url, "ld")
    open_report(page, live_server.url)
    expect(page.get_by_role("button", name="同意发布")).to_be_visible()
    shot("annual-leader")
    page.get_by_role("button", name="同意发布").click()
    expect(page.get_by_role("status")).to_contain_text("已同意发布")
    report = AnnualReport.objects.get(agency=agency, year=2025)
    assert report.state == ReportState.PUBLISHED
    shot("annual-published")

    page.get_by_role("link", name="查看公开页面").click()
    page.wait_for_url(re.compile(r"/zfxxgk/xtxsfj/ndbg/2025/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("湘潭县司法局2025年")
    body = page.locator("main")
    expect(body).to_contain_text("二、主动公开政府信息情况")
    expect(body).to_contain_text(PROBLEMS[:20])
    shot("annual-public")
    assert page.request.get(live_server.url + "/zfxxgk/xtxsfj/ndbg/2025/").status == 200

    # Back in the workspace, the list says it was published on time.
    page.goto(live_server.url + "/workspace/annual/")
    row = page.get_by_role("row").filter(has_text="湘潭县司法局")
    expect(row).to_contain_text("已发布")
    expect(row).to_contain_text("2026-01-12 发布")
    expect(row).not_to_contain_text("逾期")
    expect(row.get_by_role("link", name="公开页面")).to_have_attribute("href", "/zfxxgk/xtxsfj/ndbg/2025/")
    shot("annual-list-published")


def test_a_hand_entered_figure_that_breaks_table_three_is_marked_and_blocks_submission(live_server, page, shot, staff, agency, clock):
    clerk = staff("jb", "李经办", (agency, Role.CLERK))
    staff("zr", "王主任", (agency, Role.HEAD))
    a_year_of_casework(agency, clerk, clock)
    clock["day"] = date(2026, 1, 12)
    login(page, live_server.url, "jb")
    generate_and_fill(page, live_server.url, shot)

    # 结转下年度 typed as 2 (the cases say 1): 一+二 (3) no longer equals 三+四 (2+2).
    page.locator('[name="requests.carried_forward.natural_person"]').fill("2")
    page.locator('[name="requests.carried_forward.total"]').fill("2")
    page.get_by_role("button", name="保存并校验").click()
    # The balance fails in two columns (自然人 and 总计): two errors, and W-NARR-REQ on the text's 结转 figure.
    expect(page.get_by_role("status")).to_contain_text("已保存并校验：2 个错误")
    forward = cell(page, "requests.carried_forward.total")
    expect(forward).to_have_class(re.compile(r"\ban-error\b"))
    expect(forward).to_have_attribute("title", re.compile("三\\(七\\)总计\\+四"))
    expect(forward).to_contain_text("人工填报")
    expect(forward).to_contain_text("自动统计为1")
    errors = page.locator("#findings li.an-error")
    expect(errors).to_have_count(2)
    expect(errors.first).to_contain_text("表三 自然人列：一+二 = 3+0 = 3，而 三(七)总计+四 = 2+2 = 4")
    expect(errors.get_by_text("说明理由后忽略")).to_have_count(0)  # an error is corrected, not dismissed
    expect(cell(page, "requests.carried_forward.natural_person")).to_have_class(re.compile(r"\ban-error\b"))
    expect(cell(page, "requests.granted.natural_person")).not_to_have_class(re.compile(r"\ban-error\b"))
    # The sentence that still says 1 carried forward is marked where it stands.
    expect(page.locator('section[aria-labelledby="h-requests"]')).to_have_class(re.compile(r"\ban-warning\b"))  # an error is corrected, not dismissed
    forward.scroll_into_view_if_needed()
    shot("annual-inconsistent")
    logout(page)

    login(page, live_server.url, "zr")
    open_report(page, live_server.url)
    expect(page.locator(".an-signoff")).to_contain_text("还有 2 个错误，改正并保存后才能提交审核")
    page.get_by_role("button", name="提交审核").click()
    expect(page.locator(".messages")).to_contain_text("还有2项错误，不能提交")
    shot("annual-submit-refused")
    assert AnnualReport.objects.get(agency=agency, year=2025).state == ReportState.DRAFT
    expect(page.get_by_role("heading", level=1)).to_contain_text("草稿")
