"""An applicant on the phone reads out the query code: the clerk types it into the queue's search box
(any case, with dashes) and lands on the case, without the code ever appearing in a URL; a clerk of
another agency finds nothing with the same code."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from zfxxgk.agencies.models import Agency, Role
from zfxxgk.cases import services

from browser.helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clerk_finds_a_case_by_the_code_read_out_on_the_phone(live_server, page, shot, agency, staff, clock):
    other = Agency.objects.create(name="湘潭县自然资源局", code="xtxzrzyj", parent=agency.parent)
    staff("jb", "李经办", (agency, Role.CLERK))
    staff("other", "孙经办", (other, Role.CLERK))
    app = services.register(agency, services.NewApplication(
        "natural_person", "王芳", "2024年法律援助经费预算", "in_person", clock["day"], phone="13800000000"))
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))

    login(page, live_server.url, "jb")
    spoken = "-".join(app.query_code[i:i + 4] for i in range(0, 12, 4)).lower()  # "abcd-efgh-jkmn"
    page.get_by_role("searchbox", name="按查询码查找").fill(spoken)
    page.get_by_role("button", name="查找").click()
    page.wait_for_url(re.compile(rf"/workspace/cases/{app.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(app.number)
    shot("workspace-found-by-code")
    assert not [u for u in urls if app.query_code.lower() in u.lower() or spoken in u], "the code travelled in a URL"

    page.context.clear_cookies()
    login(page, live_server.url, "other")
    page.get_by_role("searchbox", name="按查询码查找").fill(app.query_code)
    page.get_by_role("button", name="查找").click()
    page.wait_for_url(re.compile(r"/workspace/$"))
    expect(page.get_by_role("status")).to_contain_text("没有找到该查询码对应的申请")
