"""Staff in the workspace: a clerk handles an offline application from registration to the reply,
which the applicant then reads on the portal; a county supervisor sees an overdue case of a
department and can only read it."""
from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from zfxxgk.agencies.models import Agency, Role
from zfxxgk.cases import services

from browser.helpers import login, resident_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _action(page, title: str):
    """The case page's form for one action: open its disclosure, return the <details>."""
    box = page.locator("details").filter(has=page.locator("summary", has_text=re.compile(f"^{re.escape(title)}$")))
    box.locator("summary").click()
    expect(box).to_have_attribute("open", "")
    return box


def test_clerk_registers_corrects_and_answers_then_citizen_reads_the_reply(live_server, page, new_context, shot, agency, staff, clock):
    staff("jb", "李经办", (agency, Role.CLERK))
    clock["day"] = date(2025, 6, 3)
    login(page, live_server.url, "jb")
    expect(page.get_by_role("table")).to_have_count(0)  # nothing to do yet
    expect(page.get_by_text("没有符合条件的申请。")).to_be_visible()

    # Registration of an application handed in at the office (当面提交).
    page.get_by_role("link", name=re.compile("^登记一件申请")).click()
    page.wait_for_url(re.compile(r"/workspace/register/$"))
    page.get_by_role("radio", name="当面提交").check()
    expect(page.get_by_label("提交日期")).to_have_value("2025-06-03")
    page.get_by_label("申请人姓名或名称").fill("王芳")
    page.get_by_label("证件号码").fill(resident_id("43032119780521004"))
    page.get_by_label("联系电话").fill("13907321234")
    page.get_by_label("所需政府信息的名称、文号或者特征性描述").fill("本村土地征收补偿方案")
    page.get_by_label("获取信息的方式").select_option(label="当面领取")
    page.get_by_role("button", name="登记并取得编号").click()

    page.wait_for_url(re.compile(r"/workspace/cases/\d+/$"))
    message = page.get_by_role("status")
    expect(message).to_contain_text("已登记。编号：")
    found = re.search(r"编号：(\S+?)；查询码：([0-9A-Z]{12})", message.inner_text())
    assert found, message.inner_text()
    number, code = found.groups()
    assert number == "湘司依申〔2025〕1号"
    expect(page.get_by_role("heading", level=1)).to_contain_text(number)
    expect(page.locator(".due-card")).to_contain_text("答复期限：2025-07-01")
    shot("workspace-case")

    # The queue now lists it, due in 20 working days; from there back to the case, two days later.
    page.get_by_role("navigation", name="工作台").get_by_role("link", name="待办申请").click()
    page.wait_for_url(re.compile(r"/workspace/$"))
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=number))
    expect(row).to_contain_text("正常")
    expect(row).to_contain_text("2025-07-01")
    shot("workspace-queue")
    clock["day"] = date(2025, 6, 5)
    row.get_by_role("link", name=number).click()
    page.wait_for_url(re.compile(r"/workspace/cases/\d+/$"))

    # 补正 (条例第三十条).
    box = _action(page, "告知补正")
    expect(box.get_by_label("告知补正的日期")).to_have_value("2025-06-05")
    box.get_by_label("补正期限").fill("2025-06-20")
    box.get_by_label("需要补正的事项").fill("请写明是哪个村、哪一年的补偿方案")
    box.get_by_role("button", name="告知补正").click()
    expect(page.get_by_role("status")).to_contain_text("已记录补正告知，补正期限至 2025-06-20")
    expect(page.get_by_role("heading", level=1)).to_contain_text("待补正")

    # The corrected application arrives: the 20 working days start again.
    clock["day"] = date(2025, 6, 12)
    page.reload()
    box = _action(page, "收到补正材料")
    expect(box.get_by_label("收到补正材料的日期")).to_have_value("2025-06-12")
    box.get_by_role("button", name="收到补正材料").click()
    expect(page.get_by_role("status")).to_contain_text("已记录收到补正材料（2025-06-12）。答复期限现为 2025-07-10")

    # The reply.
    clock["day"] = date(2025, 6, 30)
    page.reload()
    box = _action(page, "答复并办结")
    box.get_by_label("办理结果").select_option(label="R03 （一）予以公开")
    box.get_by_label("答复说明").fill("已通过当面领取方式提供2023年易俗河镇某某村土地征收补偿方案。")
    box.get_by_role("button", name="答复并办结").click()  # not yet: answering asks for a confirmation
    expect(box.get_by_text("请勾选确认：答复后申请即办结，不能撤回。")).to_be_visible()
    box = page.locator("details#act-answer")
    box.get_by_label("我已核对无误，确认答复").check()
    box.get_by_role("button", name="答复并办结").click()
    expect(page.get_by_role("status")).to_contain_text("已答复并办结")
    expect(page.locator(".due-card")).to_contain_text("已于 2025-06-30 办结")
    expect(page.get_by_role("link", name="下载答复告知书（DOCX）")).to_be_visible()
    history = page.locator("ol.history")
    for step in ("登记", "告知补正", "收到补正材料", "答复"):
        expect(history).to_contain_text(step)
    shot("workspace-case-closed")

    # The applicant, in another browser, with the number and code the clerk gave.
    citizen = new_context().new_page()
    citizen.goto(live_server.url + "/status/")
    citizen.get_by_label("依申请公开编号").fill(number)
    citizen.get_by_label("查询码").fill(code)
    citizen.get_by_role("button", name="查询").click()
    expect(citizen.get_by_role("region", name=re.compile("办理情况"))).to_contain_text("已办结")
    reply = citizen.get_by_role("region", name="答复结果")
    expect(reply).to_contain_text("予以公开")
    expect(reply).to_contain_text("2025年6月30日")
    expect(citizen.get_by_role("region", name="补正告知")).to_contain_text("2025年6月12日已收到补正的申请")
    shot("portal-status-replied", citizen)

    reply.get_by_role("link", name="在线查看（可打印）").click()
    citizen.wait_for_url(re.compile(r"/status/letter\.html$"))
    expect(citizen).to_have_title(re.compile(re.escape(number)))
    expect(citizen.locator("body")).to_contain_text("王*")  # the portal copy is addressed with the masked name
    expect(citizen.locator("body")).to_contain_text("2025年6月30日")
    shot("portal-reply-letter", citizen)


def test_supervisor_sees_an_overdue_case_of_a_department_read_only(live_server, page, shot, county, agency, staff, clock):
    clerk = staff("jb", "李经办", (agency, Role.CLERK))
    staff("jiandu", "赵监督", (county, Role.SUPERVISOR))
    other = Agency.objects.create(name="湘潭县自然资源局", code="xtxzrzyj", parent=county)
    late = services.register(agency, services.NewApplication(
        "natural_person", "张伟", "2024年城区道路改造工程立项批复", "in_person", date(2025, 5, 6), phone="13800000000"), clerk)
    fresh = services.register(other, services.NewApplication(
        "commercial", "湘潭某某建材有限公司", "砂石开采权出让公告", "in_person", date(2025, 6, 27), phone="0731-5000000"), clerk)
    assert late.due_on < clock["day"] < fresh.due_on

    login(page, live_server.url, "jiandu")
    expect(page.get_by_role("link", name=re.compile("^登记一件申请"))).to_have_count(0)  # read-only: no registration
    late_row = page.get_by_role("row").filter(has=page.get_by_role("link", name=late.number))
    expect(late_row).to_contain_text("超期")
    expect(late_row).to_contain_text("湘潭县司法局")  # a department of the county
    expect(page.get_by_role("row").filter(has=page.get_by_role("link", name=fresh.number))).to_contain_text("正常")
    expect(page.get_by_role("list", name="各状态件数").get_by_role("link", name=re.compile("^超期"))).to_have_text("超期 1")
    shot("workspace-supervisor-queue")

    late_row.get_by_role("link", name=late.number).click()
    page.wait_for_url(re.compile(rf"/workspace/cases/{late.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("超期")
    expect(page.locator(".due-card")).to_contain_text("已超期")
    expect(page.get_by_text("您对这件申请只有查看权限，不能办理。")).to_be_visible()
    main = page.get_by_role("main")
    expect(main.get_by_role("button")).to_have_count(0)
    expect(main.locator("form")).to_have_count(0)
    expect(main.locator("details")).to_have_count(0)
    shot("workspace-supervisor-case")
