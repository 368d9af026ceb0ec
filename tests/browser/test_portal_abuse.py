"""A citizen on a phone meets the portal's abuse limits as a person would: the second application of
the day asks for a CAPTCHA (a picture that loads under the Content-Security-Policy), the limit of the
day is explained in Chinese, and nothing the page needs is blocked by the policy."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser.helpers import PHONE, no_horizontal_scroll, resident_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill(page) -> None:
    page.get_by_label("姓名或名称").fill("张伟")
    page.get_by_label("证件号码").fill(resident_id())
    page.get_by_label("联系电话").fill("13812345678")
    page.get_by_label("电子邮箱").fill("zhangwei@example.cn")
    page.get_by_label("所需政府信息的名称或者特征性描述").fill("2024年本县法律援助经费预算及执行情况")


def test_second_application_asks_for_a_captcha_then_the_daily_limit(live_server, page, shot, agency, clock, settings):
    from captcha.models import CaptchaStore

    settings.ZFXXGK_CAPTCHA = "after_first"
    settings.ZFXXGK_APPLY_PER_ADDRESS_PER_DAY = 2
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.set_viewport_size(PHONE)
    url = live_server.url + "/apply/xtxsfj/"

    page.goto(url)
    expect(page.get_by_label("验证码")).to_have_count(0)
    _fill(page)
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url(re.compile(r"/applied/$"))

    page.goto(url)
    captcha = page.get_by_role("img", name=re.compile("验证码图片"))
    expect(captcha).to_be_visible()
    assert page.evaluate("document.querySelector('img.captcha').naturalWidth") > 0, "the CAPTCHA picture did not load"
    assert no_horizontal_scroll(page), "the form with its CAPTCHA scrolls sideways at 390 px"
    shot("portal-apply-captcha")
    _fill(page)
    page.get_by_label("验证码").fill("999")
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_role("alert")).to_contain_text("验证码不正确")
    _fill(page)
    key = page.locator("input[name=captcha_0]").input_value()
    page.get_by_label("验证码").fill(CaptchaStore.objects.get(hashkey=key).response)  # what a person reads off the picture
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url(re.compile(r"/applied/$"))

    page.goto(url)
    _fill(page)
    key = page.locator("input[name=captcha_0]").input_value()
    page.get_by_label("验证码").fill(CaptchaStore.objects.get(hashkey=key).response)
    page.get_by_role("button", name="提交申请").click()
    refused = page.get_by_role("alert")
    expect(refused).to_contain_text("同一网络地址每天最多在线提交2件申请")
    expect(refused.get_by_role("link", name=re.compile("政府信息公开指南"))).to_be_visible()
    shot("portal-apply-limit")
    assert violations == [], violations

    from zfxxgk.cases.models import Application

    assert Application.objects.count() == 2
