"""主动公开 in the browser: a drafter submits a notice with a spreadsheet that hides a sheet of ID
numbers; the scan blocks it; the drafter replaces the file with a clean one, declares and submits;
the office head and the leader approve, each in their own browser; the office publishes; a
citizen on a phone finds the notice by a word that occurs only inside the attachment, and the
agency's feed lists it."""
from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect

from zfxxgk.agencies.models import Role
from zfxxgk.publishing.columns import ensure_catalogue
from zfxxgk.publishing.models import Publication, PubState

from browser.helpers import PHONE, TIMEOUT_MS, login, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "湘潭县司法局关于2025年“法律明白人”培训安排的公告"
WORD = "鹞子岭"  # a village name found only in the attachment's table
ID = "430321199003071234"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def spreadsheet(hidden: bool) -> bytes:
    """The training schedule; the first upload still holds the sheet of trainees' ID numbers."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.properties.creator = None
    sheet = wb.active
    sheet.title = "培训安排"
    sheet.append(["场次", "地点", "日期"])
    sheet.append(["第一场", f"易俗河镇{WORD}村村部", "2025-07-08"])
    sheet.append(["第二场", "花石镇司法所", "2025-07-15"])
    if hidden:
        names = wb.create_sheet("学员名单")
        names.append(["姓名", "身份证号码"])
        names.append(["张三", ID])
        names.sheet_state = "hidden"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def open_publication(page, base_url: str) -> None:
    """From the publishing list, filtered to what waits for review, to the notice."""
    page.goto(base_url + "/workspace/publishing/")
    page.get_by_role("list", name="各状态条数").get_by_role("link", name=re.compile("^审核中")).click()
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url(re.compile(r"/workspace/publishing/\d+/$"))


def approve(browser, browser_context_args, base_url: str, username: str, shot, name: str) -> None:
    context = browser.new_context(**browser_context_args)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    login(page, base_url, username)
    open_publication(page, base_url)
    expect(page.locator("#review")).to_contain_text("审核中")
    shot(name, page)
    page.get_by_label("审核意见").fill("同意公开。")
    page.get_by_role("button", name="同意", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("已同意")
    context.close()


def test_a_hidden_sheet_blocks_the_notice_until_replaced_then_a_citizen_finds_it_by_the_attachments_word(
        live_server, page, browser, browser_context_args, shot, staff, agency, clock):
    staff("jb", "李经办", (agency, Role.CLERK))
    staff("zr", "王主任", (agency, Role.HEAD))
    staff("ld", "赵局长", (agency, Role.LEADER))
    ensure_catalogue(agency)
    base = live_server.url

    # The drafter writes the notice.
    login(page, base, "jb")
    page.goto(base + "/workspace/publishing/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("主动公开")
    page.get_by_role("link", name="新建主动公开信息").click()
    page.get_by_label("栏目").select_option(label="工作动态")
    page.get_by_label("标题").fill(TITLE)
    page.get_by_label("文号").fill("湘司公告〔2025〕5号")
    expect(page.get_by_label("成文日期")).to_have_value("2025-06-30")
    page.get_by_label("正文", exact=True).fill("为提升基层依法治理能力，现将培训安排公告如下。\n具体场次和地点见附件。")
    shot("publishing-new")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url(re.compile(r"/workspace/publishing/\d+/$"))
    expect(page.get_by_role("status")).to_contain_text("已保存草稿")

    # The spreadsheet with a hidden sheet: found at once, and the submission is refused.
    page.get_by_label("上传附件").set_input_files({"name": "培训安排.xlsx", "mimeType": XLSX, "buffer": spreadsheet(hidden=True)})
    page.get_by_role("button", name="上传", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("检查发现其中有1项需要处理的内容")
    hits = page.locator("#hits")
    expect(hits).to_contain_text("隐藏工作表")
    expect(hits).to_contain_text("附件“培训安排.xlsx”：工作表“学员名单”")
    expect(hits).not_to_contain_text(ID)
    page.get_by_role("checkbox", name=re.compile("^保密审查声明")).check()
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_role("status")).to_contain_text("发布前检查还有1项待处理，不能提交审核")
    shot("publishing-blocked")
    assert Publication.objects.get().state == PubState.DRAFT

    # Replaced by the clean file: the finding is 已删除, and the submission goes through.
    page.get_by_role("button", name=re.compile("^删除.*培训安排.xlsx")).click()
    expect(page.get_by_role("status")).to_contain_text("已删除附件")
    expect(hits).to_contain_text("已从正文/附件中删除")
    page.get_by_label("上传附件").set_input_files({"name": "培训安排.xlsx", "mimeType": XLSX, "buffer": spreadsheet(hidden=False)})
    page.get_by_role("button", name="上传", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("检查未发现个人信息或隐藏内容")
    page.get_by_role("checkbox", name=re.compile("^保密审查声明")).check()
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_role("status")).to_contain_text("已提交审核")
    expect(page.locator("#review")).to_contain_text("第1环节（共2环节）")

    # The office head, then the leader, each in their own browser.
    approve(browser, browser_context_args, base, "zr", shot, "publishing-head")
    approve(browser, browser_context_args, base, "ld", shot, "publishing-leader")

    # The office publishes.
    page.reload()
    expect(page.locator("#review")).to_contain_text("审核已全部通过，待发布")
    page.get_by_role("button", name="发布", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("已发布，索引号 xtxsfj/2025-00001")
    history = page.locator("#review .timeline")
    expect(history).to_contain_text("王主任")
    expect(history).to_contain_text("赵局长")
    shot("publishing-published")
    pub = Publication.objects.get()
    assert pub.state == PubState.PUBLISHED and pub.index_number == "xtxsfj/2025-00001"
    expect(page.get_by_role("link", name="查看公开页面")).to_have_attribute("href", pub.get_absolute_url())

    # A citizen on a phone searches for the word that only the attachment holds.
    citizen = browser.new_context(**browser_context_args, viewport=PHONE, is_mobile=True, has_touch=True)
    citizen.set_default_timeout(TIMEOUT_MS)
    phone = citizen.new_page()
    phone.goto(base + "/zfxxgk/search/")
    phone.get_by_role("searchbox").fill(WORD)
    phone.get_by_role("searchbox").press("Enter")
    result = phone.get_by_role("link", name=TITLE)
    expect(result).to_be_visible()
    assert no_horizontal_scroll(phone)
    shot("publishing-citizen-search", phone)
    result.click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("法律明白人")
    expect(phone.get_by_text("培训安排.xlsx")).to_be_visible()
    assert no_horizontal_scroll(phone)
    shot("publishing-citizen-page", phone)
    feed = phone.request.get(base + "/zfxxgk/xtxsfj/feed/")
    assert feed.status == 200 and TITLE in feed.text()
    citizen.close()
