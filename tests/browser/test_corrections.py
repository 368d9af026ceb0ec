"""Corrections and sign-off in the browser (issue 11): the office head refuses an extension from the
queue of what awaits approval; a clerk voids a mistyped step, and the history and the due date show it."""
from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from zfxxgk.agencies.models import Role
from zfxxgk.cases import services

from browser.helpers import login
from browser.test_workspace import _action

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _new(day: date) -> services.NewApplication:
    return services.NewApplication("natural_person", "王芳", "本村土地征收补偿方案", "in_person", day, phone="13907321234")


def test_the_office_head_refuses_an_extension(live_server, page, shot, agency, staff, clock):
    clerk = staff("jb", "李经办", (agency, Role.CLERK))
    staff("fzr", "王主任", (agency, Role.HEAD))
    clock["day"] = date(2025, 6, 20)
    app = services.register(agency, _new(date(2025, 6, 3)), clerk)
    services.request_extension(app, date(2025, 6, 20), 15, "涉及多年档案，需调取", clerk)

    login(page, live_server.url, "fzr")
    menu = page.get_by_role("navigation", name="工作台")
    expect(menu.get_by_role("link", name=re.compile("待我审核"))).to_contain_text("1")
    menu.get_by_role("link", name=re.compile("待我审核")).click()
    expect(page.get_by_text("共 1 件等待您审核。")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="延长答复期限 15 个工作日")
    expect(row).to_contain_text("延期答复")
    expect(row).to_contain_text("李经办")
    row.get_by_role("link", name=f"{app.number} 延长答复期限 15 个工作日", exact=True).click()
    page.wait_for_url(re.compile(r"/workspace/cases/\d+/$"))

    box = _action(page, "审批延期（负责人）")
    expect(box).to_contain_text("申请延长 15 个工作日，理由：涉及多年档案，需调取")
    box.get_by_role("radio", name="不同意延期").check()
    box.get_by_role("button", name="审批延期（负责人）").click()
    expect(page.get_by_role("status")).to_contain_text("请按提示修改后再提交")
    expect(page.locator("details#act-approve_extension")).to_contain_text("缩短或不同意延期时，请说明理由")
    box = page.locator("details#act-approve_extension")
    box.get_by_role("radio", name="不同意延期").check()
    box.get_by_label("意见和理由").fill("档案已数字化，可按期答复")
    box.get_by_role("button", name="审批延期（负责人）").click()

    expect(page.get_by_role("status")).to_contain_text("已不同意延期，答复期限不变。答复期限现为 2025-07-01")
    expect(page.locator(".due-card")).to_contain_text("答复期限：2025-07-01")
    history = page.locator("ol.history")
    expect(history).to_contain_text("不同意延期")
    expect(history).to_contain_text("王主任（政府信息公开工作机构负责人）")
    expect(history).to_contain_text("档案已数字化，可按期答复")
    expect(page.get_by_role("navigation", name="工作台").get_by_role("link", name=re.compile("待我审核"))).to_have_text("待我审核")
    shot("workspace-extension-refused")


def test_a_clerk_voids_a_mistyped_step(live_server, page, shot, agency, staff, clock):
    clerk = staff("jb", "李经办", (agency, Role.CLERK))
    clock["day"] = date(2025, 6, 25)
    app = services.register(agency, _new(date(2025, 6, 3)), clerk)
    services.request_correction(app, date(2025, 6, 5), date(2025, 6, 20), "请写明是哪个村", clerk)
    services.receive_correction(app, date(2025, 6, 25), clerk)  # the clerk typed 25 for 12

    login(page, live_server.url, "jb")
    page.goto(f"{live_server.url}/workspace/cases/{app.pk}/")
    expect(page.locator(".due-card")).to_contain_text("答复期限：2025-07-23")

    box = _action(page, "更正：作废一项记录")
    expect(box.get_by_label("作废哪一项记录")).to_contain_text("2025-06-25 收到补正材料")
    box.get_by_label("更正理由").fill("日期录错，实际为6月12日收到")
    box.get_by_role("button", name="更正：作废一项记录").click()
    expect(page.get_by_role("status")).to_contain_text("已作废该记录")
    expect(page.locator(".due-card")).to_contain_text("待申请人补正")

    box = _action(page, "收到补正材料")
    box.get_by_label("收到补正材料的日期").fill("2025-06-12")
    box.get_by_role("button", name="收到补正材料").click()
    expect(page.get_by_role("status")).to_contain_text("答复期限现为 2025-07-10")
    expect(page.locator(".due-card")).to_contain_text("答复期限：2025-07-10")

    history = page.locator("ol.history")
    voided = history.locator("li.voided")
    expect(voided).to_have_count(1)
    expect(voided).to_contain_text("2025-06-25 收到补正材料")
    expect(voided).to_contain_text("已作废")
    expect(history).to_contain_text("作废 2025-06-25 的“收到补正材料”记录")
    expect(history).to_contain_text("日期录错，实际为6月12日收到")
    expect(history).to_contain_text("李经办（经办人）")
    expect(page.locator("ul.working")).to_contain_text("2025-06-12 收到补正后的申请")
    shot("workspace-event-voided")
