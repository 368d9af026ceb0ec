"""The applicant online (issue 11, item 2): after looking the case up with number and query code,
they submit the 补正 (text and files, the portal's upload checks), see the fee notice with its
payment instructions and an extension with its reason, download every notice issued to them and —
for 网上获取 — the files released with the answer."""
from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zfxxgk.agencies.models import Membership, OfficeSettings, Role
from zfxxgk.cases import services as s
from zfxxgk.cases.models import Attachment, Event

from .conftest import PDF, PNG, resident_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(clock):
    clock["day"] = date(2025, 6, 3)
    return clock


@pytest.fixture
def app(agency, today):
    OfficeSettings.objects.create(agency=agency, payment_method="湘潭县财政局非税收入账户 1234\n到本机关窗口刷卡缴纳")
    new = s.NewApplication("natural_person", "张伟", "2024年本县法律援助经费预算及执行情况", "in_person", date(2025, 6, 3),
                           id_number=resident_id(), phone="13812345678", delivery="online")
    return s.register(agency, new)


def _lookup(client, app):
    response = client.post(reverse("portal:status"), {"number": app.number, "code": app.query_code})
    assert response.status_code == 200
    return response.content.decode()


def test_applicant_submits_the_correction_online(client, app, today):
    s.request_correction(app, date(2025, 6, 3), date(2025, 6, 17), "请写明所需信息的年份")
    html = _lookup(client, app)
    assert "在线提交补正" in html and "补正告知书" in html
    today["day"] = date(2025, 6, 5)
    url = reverse("portal:correction")
    refused = client.post(url, {"text": "2024年", "attachments": [SimpleUploadedFile("x.pdf", b"MZ" + b"\x00" * 40)]})
    assert refused.status_code == 400 and "不是PDF、JPEG、PNG文件" in refused.content.decode()
    assert not Event.objects.filter(kind="correction_received").exists() and not Attachment.objects.exists()
    assert client.post(url, {"text": ""}).status_code == 400
    done = client.post(url, {"text": "所需信息为2024年度的预算和决算", "attachments": [SimpleUploadedFile("身份证.png", PNG)]})
    assert done.status_code == 200 and "已收到您的补正" in done.content.decode()
    event = Event.objects.get(kind="correction_received")
    assert (event.on, event.reason, event.data, event.actor) == (date(2025, 6, 5), "所需信息为2024年度的预算和决算", {"online": True}, None)
    att = Attachment.objects.get()
    assert att.role == "correction" and att.application == app
    app.refresh_from_db()
    assert app.state == "processing" and app.due_on == date(2025, 7, 3)  # 20 working days from the 补正 (条例第三十条)
    again = client.post(url, {"text": "再补一次"})
    assert again.status_code == 409 and "不在待补正状态" in again.content.decode()


def test_correction_needs_a_lookup_first(client, app):
    s.request_correction(app, date(2025, 6, 3), date(2025, 6, 17), "x")
    assert client.post(reverse("portal:correction"), {"text": "补正"}).status_code == 404
    assert not Event.objects.filter(kind="correction_received").exists()


def test_fee_notice_and_extension_shown_with_instructions(client, app, agency):
    head = _head(agency)
    s.request_extension(app, date(2025, 6, 3), 10, "需要调取历史档案", None)
    s.approve_extension(app, date(2025, 6, 3), head)
    s.issue_fee_notice(app, date(2025, 6, 3), "per_page", 45)
    html = _lookup(client, app)
    assert "延期答复" in html and "延长10个工作日" in html and "需要调取历史档案" in html
    assert "金额150元" in html and "计算方法：31—45页×10元，共150元。" in html
    assert "湘潭县财政局非税收入账户 1234<br>到本机关窗口刷卡缴纳" in html
    assert "延期答复告知书" in html and "收费通知书" in html


def _head(agency):
    from django.contrib.auth.models import User

    user = User.objects.create_user("head")
    Membership.objects.create(user=user, agency=agency, role=Role.HEAD)
    return user


def test_notices_downloaded_with_the_masked_name(client, app, today):
    s.request_correction(app, date(2025, 6, 3), date(2025, 6, 17), "请写明年份")
    s.receive_correction(app, date(2025, 6, 3))
    s.start_consultation(app, date(2025, 6, 3), "third_party", "涉及商业秘密", party_name="湘潭某某公司", party_address="某路1号")
    s.answer(app, date(2025, 6, 3), "granted")
    html = _lookup(client, app)
    notices = {n.kind: n for n in app.notices.all()}
    assert set(notices) == {"correction", "consultation", "reply"}
    assert reverse("portal:notice", args=[notices["reply"].pk, "pdf"]) in html
    assert reverse("portal:notice", args=[notices["consultation"].pk, "pdf"]) not in html  # written to the third party
    assert client.get(reverse("portal:notice", args=[notices["consultation"].pk, "docx"])).status_code == 404
    response = client.get(reverse("portal:notice", args=[notices["reply"].pk, "docx"]))
    from docx import Document

    texts = [p.text for p in Document(BytesIO(response.content)).paragraphs]
    assert response.status_code == 200 and texts[1] == notices["reply"].number and texts[2] == "张*："
    assert "张伟" not in "".join(texts)
    page = client.get(reverse("portal:notice", args=[notices["correction"].pk, "html"])).content.decode()
    assert "补正告知书" in page and "请写明年份" in page


def test_notices_of_another_case_are_not_reachable(client, app, agency, today):
    s.answer(app, date(2025, 6, 3), "granted")
    other = s.register(agency, s.NewApplication("natural_person", "李四", "某信息的名称", "in_person", date(2025, 6, 3), phone="13800000000"))
    s.answer(other, date(2025, 6, 3), "granted")
    _lookup(client, app)
    assert client.get(reverse("portal:notice", args=[other.notices.get().pk, "pdf"])).status_code == 404
    client.cookies.clear()
    assert client.get(reverse("portal:notice", args=[app.notices.get().pk, "pdf"])).status_code == 404


def test_released_files_online_after_the_answer_only(client, app, today):
    Attachment.objects.create(application=app, role="released", original_name="预算.pdf", content_type="application/pdf", size=len(PDF),
                              file=SimpleUploadedFile("a.pdf", PDF))
    att = Attachment.objects.get()
    html = _lookup(client, app)
    assert "预算.pdf" not in html  # not answered yet
    assert client.get(reverse("portal:released", args=[att.pk])).status_code == 404
    s.answer(app, date(2025, 6, 3), "granted")
    html = _lookup(client, app)
    assert "公开的政府信息（网上获取）" in html and "预算.pdf" in html
    response = client.get(reverse("portal:released", args=[att.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    app.delivery = "email"
    app.save(update_fields=["delivery"])
    assert client.get(reverse("portal:released", args=[att.pk])).status_code == 404  # only for 网上获取
