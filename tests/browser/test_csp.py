"""The Content-Security-Policy blocks nothing the platform's own pages need: the portal, the
workspace, the admin and the API documentation load without a single violation in the console."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser.helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_no_page_violates_the_policy(live_server, page, agency, staff, clock):
    from zfxxgk.agencies.models import Role
    from zfxxgk.cases import services as s

    from django.contrib.auth.models import User

    staff("clerk", "李经办", (agency, Role.CLERK))
    User.objects.create_superuser("root", password="browser-Test-2025")
    app = s.register(agency, s.NewApplication("natural_person", "张伟", "2024年法律援助经费", "in_person", clock["day"], phone="13800000000"))
    violations: list[str] = []
    page.on("console", lambda m: violations.append(f"{page.url}: {m.text}") if "Content Security Policy" in m.text else None)

    for path in ("/", "/status/", f"/guide/{agency.code}/", f"/apply/{agency.code}/", "/api/docs"):
        response = page.goto(live_server.url + path)
        assert response.status == 200 and "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator(".swagger-ui")).to_be_visible()  # the API documentation rendered (its scripts ran)

    login(page, live_server.url, "clerk")
    page.goto(live_server.url + f"/workspace/cases/{app.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(app.number)
    page.context.clear_cookies()
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("用户名").fill("root")
    page.get_by_label("密码").fill("browser-Test-2025")
    page.get_by_role("button", name=re.compile("登录")).click()
    page.goto(live_server.url + "/admin/cases/application/")
    expect(page.locator("#result_list")).to_be_visible()
    page.goto(live_server.url + f"/admin/cases/application/{app.pk}/change/")
    assert violations == [], violations
