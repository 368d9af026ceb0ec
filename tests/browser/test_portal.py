"""A citizen on a phone: choose the agency, apply online, get the number and query code, look the
application up — and the same form done with the keyboard alone."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser.helpers import PHONE, no_horizontal_scroll, resident_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_applies_online_and_looks_up_the_status(live_server, page, shot, agency, clock):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("政府信息依申请公开")
    expect(page.get_by_role("heading", name="湘潭县司法局")).to_be_visible()
    assert no_horizontal_scroll(page), "the home page scrolls sideways at 390 px"
    shot("portal-home")

    card = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name="湘潭县司法局", exact=True))
    card.get_by_role("link", name=re.compile(r"^在线申请")).click()
    page.wait_for_url(re.compile(r"/apply/xtxsfj/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("在线申请政府信息公开")

    # Submitted empty: a summary of what to fix, and the message beside each field.
    page.get_by_role("button", name="提交申请").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("请修改以下内容后重新提交")
    expect(summary.get_by_role("link", name=re.compile("^姓名或名称："))).to_be_visible()
    expect(summary).to_contain_text("请填写所需政府信息的名称或者特征性描述")
    expect(page.locator(".pf-field.pf-invalid")).not_to_have_count(0)
    assert no_horizontal_scroll(page), "the apply form scrolls sideways at 390 px"
    shot("portal-apply-errors")

    page.get_by_label("姓名或名称").fill("张伟")
    page.get_by_label("证件号码").fill(resident_id())
    page.get_by_label("联系电话").fill("13812345678")
    page.get_by_label("电子邮箱").fill("zhangwei@example.cn")
    page.get_by_label("所需政府信息的名称或者特征性描述").fill("2024年本县法律援助经费预算及执行情况")
    expect(page.get_by_role("radio", name="自然人")).to_be_checked()
    page.get_by_role("radio", name="电子文件").check()
    page.get_by_role("radio", name="电子邮件").check()
    page.get_by_role("button", name="提交申请").click()

    page.wait_for_url(re.compile(r"/applied/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("申请已提交")
    number = page.locator("dt:text-is('依申请公开编号') + dd").inner_text().strip()
    code = page.locator("dt:text-is('查询码') + dd").inner_text().strip()
    assert number == "湘司依申〔2025〕1号"
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{12}", code), code
    assert no_horizontal_scroll(page), "the confirmation page scrolls sideways at 390 px"
    shot("portal-applied")

    page.get_by_role("main").get_by_role("link", name="查询办理进度").click()
    page.wait_for_url(re.compile(r"/status/$"))
    page.get_by_label("依申请公开编号").fill(number)
    page.get_by_label("查询码").fill(code.lower())  # 不区分大小写
    page.get_by_role("button", name="查询").click()
    result = page.get_by_role("region", name=re.compile("办理情况"))
    expect(result).to_contain_text("待确认收到")
    expect(result).to_contain_text(number)
    expect(result).to_contain_text("张*")  # the name is masked on a public page
    expect(result).not_to_contain_text("13812345678")
    expect(page.get_by_label("查询码")).to_have_value("")  # the code is not echoed back
    assert no_horizontal_scroll(page), "the status page scrolls sideways at 390 px"
    shot("portal-status")


def _tab_to(page, target, limit: int = 40) -> int:
    """Press Tab until ``target`` has the focus; the number of presses it took."""
    for n in range(1, limit + 1):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return n
    raise AssertionError(f"{target} is not reachable with Tab")


def test_apply_form_with_the_keyboard_only(live_server, page, agency, clock):
    page.goto(live_server.url + "/apply/xtxsfj/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("在线申请政府信息公开")

    # The first Tab reaches the skip link; Enter on it moves into the page's content.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="跳到正文")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    # Space on the submit button sends the empty form: the error summary lists what is missing.
    _tab_to(page, page.get_by_role("button", name="提交申请"))
    page.keyboard.press("Space")
    expect(page.get_by_role("alert")).to_contain_text("请修改以下内容后重新提交")

    # The form was sent from .../#main, so focus navigation resumes at the content, past the header.
    # Space keeps a radio group's choice (and would pick a focused option).
    _tab_to(page, page.get_by_role("radio", name="自然人"))
    page.keyboard.press("Space")
    expect(page.get_by_role("radio", name="自然人")).to_be_checked()
    for label, text in (
        ("姓名或名称", "李娜"),
        ("证件号码", resident_id("43032119851112002")),
        ("联系电话", "0731-57812345"),
        ("电子邮箱", "lina@example.cn"),
        ("所需政府信息的名称或者特征性描述", "本村2023年土地征收补偿安置方案及补偿标准"),
    ):
        field = page.get_by_label(label)
        _tab_to(page, field)
        page.keyboard.type(text)
        expect(field).to_have_value(text)
    # Radio groups are one Tab stop each, on the chosen option.
    _tab_to(page, page.get_by_role("radio", name="电子文件"))
    _tab_to(page, page.get_by_role("radio", name="电子邮件"))
    _tab_to(page, page.get_by_role("button", name="提交申请"))
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/applied/(#main)?$"))  # a redirect keeps the fragment
    expect(page.get_by_role("heading", level=1)).to_have_text("申请已提交")
    expect(page.locator("dt:text-is('依申请公开编号') + dd")).to_have_text("湘司依申〔2025〕1号")
