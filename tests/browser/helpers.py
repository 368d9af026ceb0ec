"""Helpers of the browser tests (fixtures are in conftest.py)."""
from __future__ import annotations

import re

PASSWORD = "browser-Test-2025"  # every staff account of these tests
PHONE = {"width": 390, "height": 844}  # the portal's phone layout
TIMEOUT_MS = 10_000  # a page that needs longer than this is a failure, not a slow pass


def login(page, base_url: str, username: str) -> None:
    """Log in through Django's login page as a person would, and land on the workspace queue."""
    from playwright.sync_api import expect

    page.goto(base_url + "/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/workspace/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("待办申请")


def resident_id(first17: str = "43032119900307123") -> str:
    """A resident ID number with a correct check character (GB 11643)."""
    from zfxxgk.portal import checks

    return first17 + checks.resident_id_check_char(first17)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
