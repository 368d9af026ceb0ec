"""Issue 11, item 2 in a browser: the applicant looks the case up, reads the 补正告知书's items and
submits the 补正 online with a file; the clerk uploads the released file on the case page and
answers; the applicant downloads the 答复告知书 and the released file (网上获取)."""
from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from zfxxgk.agencies.models import Role
from zfxxgk.cases import services
from zfxxgk.cases.models import Attachment, Event

from browser.helpers import login, resident_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 32
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"


def _look_up(page, base_url: str, app) -> None:
    page.goto(base_url + "/status/")
    page.get_by_label("依申请公开编号").fill(app.number)
    page.get_by_label("查询码").fill(app.query_code)
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_role("heading", name=re.compile("办理情况"))).to_be_visible()


def test_applicant_corrects_online_and_downloads_the_released_files(live_server, page, shot, agency, staff, clock):
    clock["day"] = date(2025, 6, 3)
    clerk = staff("jb", "李经办", (agency, Role.CLERK))
    app = services.register(agency, services.NewApplication(
        "natural_person", "王芳", "法律援助经费", "in_person", date(2025, 6, 3), id_number=resident_id(),
        phone="13800000000", delivery="online"))
    services.request_correction(app, date(2025, 6, 3), date(2025, 6, 17), "请写明所需信息的年度和具体项目", clerk)

    # The applicant: the 补正 items, the notice to download, the form to answer it.
    _look_up(page, live_server.url, app)
    expect(page.get_by_text("请写明所需信息的年度和具体项目").first).to_be_visible()
    expect(page.get_by_role("link", name="PDF").first).to_be_visible()
    clock["day"] = date(2025, 6, 5)
    page.get_by_label("补正内容").fill("所需信息为2024年度法律援助经费的预算和执行情况")
    page.get_by_label("补正材料（附件）").set_input_files([{"name": "身份证.png", "mimeType": "image/png", "buffer": PNG}])
    page.get_by_role("button", name="提交补正").click()
    expect(page.get_by_role("status").filter(has_text="已收到您的补正")).to_be_visible()
    shot("portal-correction-submitted")
    event = Event.objects.get(kind="correction_received")
    assert event.on == date(2025, 6, 5) and event.data == {"online": True}
    assert Attachment.objects.get(role="correction").original_name == "身份证.png"

    # The clerk: uploads the released file on the case page, then answers (网上获取).
    page.context.clear_cookies()
    login(page, live_server.url, "jb")
    page.goto(f"{live_server.url}/workspace/cases/{app.pk}/")
    expect(page.get_by_text("在网上提交")).to_be_visible()  # the history says where the 补正 came from
    page.get_by_text("上传公开的文件", exact=True).click()
    page.get_by_label("公开的政府信息（文件）").set_input_files([{"name": "2024年法律援助经费.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.get_by_role("button", name="上传", exact=True).click()
    expect(page.get_by_text("已上传1个公开的文件")).to_be_visible()
    services.answer(app, date(2025, 6, 5), "granted", clerk, "该政府信息详见网上获取的附件。")

    # The applicant again: the reply with its 文号 and the released file.
    page.context.clear_cookies()
    _look_up(page, live_server.url, app)
    reply = app.notices.get(kind="reply")
    expect(page.get_by_text(f"答复告知书（{reply.number}）")).to_be_visible()
    shot("portal-status-answered")
    with page.expect_download() as download:
        page.get_by_role("link", name="2024年法律援助经费.pdf").click()
    assert download.value.suggested_filename == "2024年法律援助经费.pdf"
    assert open(download.value.path(), "rb").read() == PDF
    with page.expect_download() as letter:
        page.locator(f"li:has-text('{reply.number}')").get_by_role("link", name="Word").click()
    assert letter.value.suggested_filename.endswith(".docx")
