"""Applying online (条例第二十九条): a valid application is registered with its attachments in one
transaction; every invalid one shows a Chinese error on its field and creates nothing."""
from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zfxxgk.cases.models import Application, Attachment, Event

from .conftest import JPEG, PDF, PNG, credit_code, resident_id

pytestmark = pytest.mark.django_db
URL = reverse("portal:apply", args=["xtxsfj"])


def _files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _refused(client, settings, data, *messages):
    response = client.post(URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    for message in messages:
        assert message in html, message
    assert 'role="alert"' in html and 'aria-invalid="true"' in html
    assert Application.objects.count() == 0 and Attachment.objects.count() == 0 and Event.objects.count() == 0
    assert _files(settings) == []
    return html


def test_valid_application_with_attachment(client, settings, agency, person):
    scan = SimpleUploadedFile("身份证 正面.png", PNG, content_type="image/png")
    response = client.post(URL, {**person, "attachments": [scan]})
    assert response.status_code == 302 and response.url == reverse("portal:applied")

    app = Application.objects.get()
    assert app.agency == agency and app.state == "awaiting_confirmation" and app.channel == "internet"
    assert app.submitted_on == timezone.localdate() and app.received_on is None and app.created_by is None
    assert app.applicant_name == "张伟" and app.id_number == resident_id() and app.delivery == "email"

    att = Attachment.objects.get()
    assert att.application == app and att.original_name == "身份证 正面.png"
    assert att.content_type == "image/png" and att.size == len(PNG)
    year = timezone.localdate().year
    assert att.file.name.startswith(f"attachments/{year}/") and att.file.name.endswith(".png")
    assert "身份证" not in att.file.name
    stored = Path(settings.MEDIA_ROOT) / att.file.name
    assert stored.read_bytes() == PNG

    page = client.get(response.url)
    html = page.content.decode()
    assert page.status_code == 200 and app.number in html and app.query_code in html
    assert len(app.query_code) == 12
    assert "第三十一条第（三）项" in html and "双方确认之日" in html and "20个工作日" in html and "第三十三条" in html
    assert app.query_code not in response.url


def test_organisation_with_credit_code_and_three_files(client, agency, person):
    data = {**person, "applicant_kind": "commercial", "applicant_name": "湘潭某某建材有限公司", "id_type": "credit_code",
            "id_number": credit_code().lower(), "contact_person": "李娜", "email": "", "delivery": "post"}
    files = [SimpleUploadedFile(n, b, content_type="application/octet-stream") for n, b in (("a.pdf", PDF), ("b.jpeg", JPEG), ("c.png", PNG))]
    assert client.post(URL, {**data, "attachments": files}).status_code == 302
    app = Application.objects.get()
    assert app.applicant_kind == "commercial" and app.id_type == "credit_code" and app.id_number == credit_code()
    assert app.contact_person == "李娜"
    assert sorted(Attachment.objects.values_list("content_type", flat=True)) == ["application/pdf", "image/jpeg", "image/png"]


def test_bad_resident_id_checksum(client, settings, agency, person):
    good = resident_id()
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    html = _refused(client, settings, {**person, "id_number": bad}, "居民身份证号码校验位不正确")
    assert 'aria-describedby="id_id_number_helptext id_id_number_error"' in html
    assert 'id="id_id_number_error"' in html and 'href="#id_id_number"' in html


def test_resident_id_shape_and_birth_date(client, settings, agency, person):
    _refused(client, settings, {**person, "id_number": "43032119900307"}, "居民身份证号码应为18位")
    _refused(client, settings, {**person, "id_number": resident_id("43032119901332123")}, "出生日期")


def test_missing_contact(client, settings, agency, person):
    _refused(client, settings, {**person, "phone": "", "email": "", "address": "", "delivery": "pickup"}, "请至少填写一种联系方式")


def test_bad_phone(client, settings, agency, person):
    _refused(client, settings, {**person, "phone": "12345"}, "联系电话格式不正确")


def test_landline_accepted(client, agency, person):
    assert client.post(URL, {**person, "phone": "0731-58581234"}).status_code == 302
    assert Application.objects.get().phone == "0731-58581234"


def test_email_delivery_needs_an_email(client, settings, agency, person):
    _refused(client, settings, {**person, "email": ""}, "选择以电子邮件获取信息的，请填写电子邮箱")


def test_wrong_file_type_by_content_although_named_jpg(client, settings, agency, person):
    fake = SimpleUploadedFile("scan.jpg", b"MZ\x90\x00\x03\x00 this is a program" + b"\x00" * 64, content_type="image/jpeg")
    _refused(client, settings, {**person, "attachments": [fake]}, "不是PDF、JPEG、PNG文件", "scan.jpg")


def test_too_large_file(client, settings, agency, person):
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.7\n" + b"0" * (5 * 1024 * 1024), content_type="application/pdf")
    _refused(client, settings, {**person, "attachments": [big]}, "超过5MB")


def test_more_than_three_files(client, settings, agency, person):
    files = [SimpleUploadedFile(f"{i}.png", PNG, content_type="image/png") for i in range(4)]
    _refused(client, settings, {**person, "attachments": files}, "附件最多3个")


def test_description_too_short(client, settings, agency, person):
    _refused(client, settings, {**person, "description": "经 费 "}, "请至少填写5个字")


def test_description_missing(client, settings, agency, person):
    _refused(client, settings, {**person, "description": ""}, "请填写所需政府信息的名称或者特征性描述")


def test_organisation_needs_credit_code_and_contact_person(client, settings, agency, person):
    data = {**person, "applicant_kind": "research", "applicant_name": "湘潭大学法学院", "id_type": "resident_id", "contact_person": ""}
    _refused(client, settings, data, "法人或者其他组织请选择“统一社会信用代码”", "法人或者其他组织请填写联系人姓名")
    data.update(id_type="credit_code", id_number=credit_code()[:17] + "0" if credit_code()[17] != "0" else credit_code()[:17] + "1")
    _refused(client, settings, data, "统一社会信用代码校验位不正确")
    data.update(id_number="91430321MA4L1234")
    _refused(client, settings, data, "统一社会信用代码应为18位")
    data.update(id_number="9143032IMA4L1234XX")
    _refused(client, settings, data, "统一社会信用代码格式不正确")


def test_natural_person_needs_an_id(client, settings, agency, person):
    _refused(client, settings, {**person, "id_number": ""}, "请填写证件号码")


def test_unknown_choice(client, settings, agency, person):
    _refused(client, settings, {**person, "applicant_kind": "robot"}, "请从列出的申请人类型中选择")


def test_failed_attachment_rolls_everything_back(client, settings, agency, person, monkeypatch):
    def broken(self, *args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(Attachment, "save", broken)
    client.raise_request_exception = True
    with pytest.raises(OSError):
        client.post(URL, {**person, "attachments": [SimpleUploadedFile("a.png", PNG)]})
    assert Application.objects.count() == 0 and Event.objects.count() == 0
    assert _files(settings) == []


def test_csrf_enforced(agency, person):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(URL, person).status_code == 403
    assert strict.post(reverse("portal:status"), {"number": "x", "code": "y"}).status_code == 403
    assert Application.objects.count() == 0
