"""The notices on the case page (download, 送达), the files released with an answer, the office's
settings page (who may change it) and the 指南 that shows its contact facts."""
from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zfxxgk.agencies.models import OfficeSettings
from zfxxgk.cases import services as s
from zfxxgk.cases.models import Attachment, Event, NoticeDelivery

from testkit import TODAY
from workspace.helpers import login

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def _files(isolated):
    """Notices and released files are written to the test's own upload folder."""


@pytest.fixture
def corrected(agency, make_case, users):
    app = make_case(agency, date(2025, 6, 25))
    s.request_correction(app, date(2025, 6, 26), date(2025, 7, 10), "请写明所需信息的年份", users["clerk"])
    return app


def test_case_page_lists_notices_and_downloads_them(client, corrected, users):
    login(client, users["clerk"])
    notice = corrected.notices.get()
    html = client.get(reverse("workspace:case", args=[corrected.pk])).content.decode()
    assert "补正告知书" in html and notice.number in html and "未记录" in html
    assert reverse("workspace:notice_file", args=[corrected.pk, notice.pk, "docx"]) in html
    response = client.get(reverse("workspace:notice_file", args=[corrected.pk, notice.pk, "docx"]))
    from docx import Document

    texts = [p.text for p in Document(BytesIO(response.content)).paragraphs]
    assert response.status_code == 200 and texts[0] == "政府信息公开申请补正告知书" and texts[1] == notice.number
    assert "请写明所需信息的年份" in texts


def test_notice_of_another_agency_is_not_found(client, corrected, users):
    login(client, users["other_clerk"])
    notice = corrected.notices.get()
    assert client.get(reverse("workspace:notice_file", args=[corrected.pk, notice.pk, "docx"])).status_code == 404


def test_delivery_recorded_by_clerk_refused_to_supervisor(client, corrected, users):
    notice = corrected.notices.get()
    url = reverse("workspace:add_delivery", args=[corrected.pk, notice.pk])
    p = f"delivery-{notice.pk}"
    login(client, users["supervisor"])
    assert client.post(url, {f"{p}-method": "in_person", f"{p}-delivered_on": "2025-06-27"}).status_code == 403
    login(client, users["clerk"])
    response = client.post(url, {f"{p}-method": "post", f"{p}-delivered_on": "2025-06-28"}, follow=True)
    assert "邮寄单号" in response.content.decode() and not NoticeDelivery.objects.exists()
    response = client.post(url, {f"{p}-method": "post", f"{p}-delivered_on": "2025-06-28", f"{p}-tracking_number": "1180 2233 4455"}, follow=True)
    delivery = NoticeDelivery.objects.get()
    assert (delivery.method, delivery.delivered_on, delivery.tracking_number, delivery.recorded_by) == ("post", date(2025, 6, 28), "118022334455", users["clerk"])
    assert "邮寄送达 2025-06-28（单号 118022334455）" in response.content.decode()


def test_consultation_with_a_third_party_needs_name_and_address(client, agency, make_case, users):
    app = make_case(agency, date(2025, 6, 25))
    login(client, users["clerk"])
    url = reverse("workspace:start_consultation", args=[app.pk])
    data = {"start_consultation-on": "2025-06-27", "start_consultation-party": "third_party", "start_consultation-reason": "涉及商业秘密"}
    response = client.post(url, data)
    assert response.status_code == 400 and "请填写被征求意见的第三方名称" in response.content.decode()
    assert not Event.objects.filter(kind="consultation_started").exists()
    data.update({"start_consultation-party_name": "湘潭某某公司", "start_consultation-party_address": "湘潭县某路1号"})
    html = client.post(url, data, follow=True).content.decode()
    assert "已生成征求第三方意见书" in html and "湘潭某某公司（湘潭县某路1号）" in html
    assert app.notices.get().kind == "consultation"


def test_released_files_checked_by_content(client, agency, make_case, users):
    app = make_case(agency, date(2025, 6, 25))
    url = reverse("workspace:add_released", args=[app.pk])
    login(client, users["clerk"])
    client.post(url, {"files": [SimpleUploadedFile("run.pdf", b"MZ\x90\x00" + b"\x00" * 64)]})
    assert not Attachment.objects.exists()
    client.post(url, {"files": [SimpleUploadedFile("预算.pdf", PDF)]})
    att = Attachment.objects.get()
    assert (att.role, att.content_type, att.download_name) == ("released", "application/pdf", "预算.pdf")
    login(client, users["supervisor"])
    assert client.post(url, {"files": [SimpleUploadedFile("b.pdf", PDF)]}).status_code == 403


@pytest.mark.parametrize("role, status", [("clerk", 403), ("leader", 403), ("supervisor", 403), ("head", 200), ("superuser", 200)])
def test_settings_page_for_the_office_head_only(client, users, agency, role, status):
    login(client, users[role])
    response = client.get(reverse("workspace:office_settings") + f"?agency={agency.pk}")
    assert response.status_code == status
    if status == 403:
        response = client.post(reverse("workspace:office_settings"), {"agency": agency.pk, "court": "某法院"})
        assert response.status_code == 403 and not OfficeSettings.objects.exists()


def test_head_saves_settings_and_the_guide_shows_them(client, users, agency, other):
    login(client, users["head"])
    url = reverse("workspace:office_settings")
    # the head of 司法局 is not the head of another agency
    assert client.get(url + f"?agency={other.pk}").status_code == 404
    data = {
        "agency": agency.pk, "notice_number_pattern": "湘县司依申{kind}〔{year}〕{seq}号", "reconsideration_body": "湘潭县人民政府",
        "court": "湘潭县人民法院", "payment_method": "到本机关窗口缴纳", "contact_person": "李明", "contact_phone": "0731-57812345",
        "office_address": "湘潭县易俗河镇天易大道1号", "office_hours": "工作日9:00—17:00", "phone": "0731-57800000",
        "fax": "0731-57811111", "email": "gk@example.gov.cn", "postal_address": "湘潭县易俗河镇天易大道1号 411228",
    }
    bad = client.post(url, {**data, "notice_number_pattern": "依申{year}"})
    assert bad.status_code == 400 and "{kind}" in bad.content.decode() and not OfficeSettings.objects.exists()
    assert client.post(url, data).status_code == 302
    office = OfficeSettings.objects.get(agency=agency)
    assert office.court == "湘潭县人民法院" and office.updated_by == users["head"]
    guide = client.get(reverse("portal:guide", args=[agency.code])).content.decode()
    for fact in ("工作日9:00—17:00", "0731-57800000", "0731-57811111", "gk@example.gov.cn", "411228", "向湘潭县人民政府提出", "向湘潭县人民法院提起"):
        assert fact in guide, fact


def test_reply_letter_download_is_the_issued_notice(client, agency, make_case, users):
    app = make_case(agency, date(2025, 6, 25))
    s.answer(app, TODAY, "granted", users["clerk"])
    login(client, users["clerk"])
    response = client.get(reverse("workspace:letter", args=[app.pk, "docx"]))
    from docx import Document

    texts = [p.text for p in Document(BytesIO(response.content)).paragraphs]
    assert texts[1] == app.notices.get().number == "依申复〔2025〕1号"


def test_admin_shows_issued_notices_read_only(client, corrected, users):
    login(client, users["superuser"])
    notice = corrected.notices.get()
    listing = client.get(reverse("admin:cases_notice_changelist"))
    assert listing.status_code == 200 and notice.number in listing.content.decode()
    page = client.get(reverse("admin:cases_notice_change", args=[notice.pk]))
    assert page.status_code == 200 and 'name="number"' not in page.content.decode()  # nothing to edit
    assert client.post(reverse("admin:cases_notice_delete", args=[notice.pk]), {"post": "yes"}).status_code == 403
    assert corrected.notices.count() == 1


def test_head_requires_the_leaders_signoff_from_the_settings_page(client, users, agency):
    """条例第四十五条: the office decides in the workspace (not only in the admin) that replies wait for 审签."""
    login(client, users["head"])
    url = reverse("workspace:office_settings")
    page = client.get(url + f"?agency={agency.pk}").content.decode()
    assert 'name="rules-reply_signoff"' in page and "答复须经分管领导审签" in page
    data = {"agency": agency.pk, "notice_number_pattern": OfficeSettings.of(agency).notice_number_pattern}
    assert client.post(url, {**data, "rules-reply_signoff": "on"}).status_code == 302
    agency.refresh_from_db()
    assert agency.reply_signoff is True
    assert client.post(url, {**data, "notice_number_pattern": "依申{year}"}).status_code == 400
    agency.refresh_from_db()
    assert agency.reply_signoff is True  # a refused form changes nothing
    assert client.post(url, data).status_code == 302
    agency.refresh_from_db()
    assert agency.reply_signoff is False
