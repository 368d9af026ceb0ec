"""What a hostile applicant or a careless import can put into the database never breaks a page,
an export or a letter; what staff type passes the same boundary rule as the portal."""
from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from zfxxgk.cases import services as s
from zfxxgk.cases.models import Application, Attachment

from workspace.helpers import login

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
# Strings that no form accepts today but that older records or direct imports may hold.
HOSTILE = "张\ufffe三\uffff\x07\u202e丰"  # (NUL and lone surrogates cannot be stored at all)


@pytest.fixture
def poisoned(make_case, agency, users):
    """A closed case whose stored name, description and reason contain characters XML cannot hold."""
    app = make_case(agency, submitted=date(2025, 6, 25))
    s.answer(app, date(2025, 6, 26), "granted", users["clerk"], reason=f"已提供{HOSTILE}")
    Application.objects.filter(pk=app.pk).update(applicant_name=HOSTILE, description=f"需要{HOSTILE}的文件")
    return Application.objects.get(pk=app.pk)


def test_ledger_exports_do_not_fail_on_stored_noncharacters(client, users, poisoned):
    c = login(client, users["clerk"])
    xlsx = c.get(reverse("workspace:ledger"), {"format": "xlsx", "closed": "on"})
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v]
    assert any("张三" in v and "丰" in v for v in cells)  # the printable part is kept
    csv = c.get(reverse("workspace:ledger"), {"format": "csv", "closed": "on"})
    assert csv.status_code == 200


def test_reply_letter_does_not_fail_on_stored_noncharacters(client, users, poisoned):
    c = login(client, users["clerk"])
    response = c.get(reverse("workspace:letter", args=[poisoned.pk, "docx"]))
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "张三" in text and "\ufffe" not in text


def test_case_page_and_queue_show_a_poisoned_case(client, users, poisoned):
    c = login(client, users["clerk"])
    assert c.get(reverse("workspace:case", args=[poisoned.pk])).status_code == 200
    assert c.get(reverse("workspace:queue"), {"closed": "on"}).status_code == 200


@pytest.mark.parametrize("name, words", [
    ("张\u202e三", "改变文字显示方向"), ("张\ufffe三", "U+FFFE"), ("\u200b\u3164", "只包含空白或不可见字符"),
])
def test_registration_refuses_hostile_names(client, users, agency, name, words):
    c = login(client, users["clerk"])
    response = c.post(reverse("workspace:register"), {
        "agency": agency.pk, "channel": "in_person", "submitted_on": "2025-06-30", "applicant_kind": "natural_person",
        "applicant_name": name, "id_type": "resident_id", "phone": "13800000000", "description": "2024年法律援助经费",
        "requested_form": "paper", "delivery": "in_person",
    })
    assert words in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.parametrize("params", [
    {"agency": "99999999999999999999"}, {"year": "99999999999999999999"}, {"agency": "-99999999999999999999"},
    {"page": "99999999999999999999"}, {"q": "x\x00y"},
])
def test_queue_filters_out_of_range_are_not_500(client, users, params):
    response = login(client, users["clerk"]).get(reverse("workspace:queue"), params)
    assert response.status_code in (200, 400)


def test_attachment_is_served_with_the_extension_of_what_it_is(client, users, make_case, agency, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    app = make_case(agency)
    att = Attachment(application=app, original_name="update.bat", content_type="application/pdf", size=len(PDF))
    att.file.save("upload", ContentFile(PDF), save=True)
    assert att.file.name.endswith(".pdf")
    response = login(client, users["clerk"]).get(reverse("workspace:attachment", args=[app.pk, att.pk]))
    disposition = response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="update.pdf"' in disposition and ".bat" not in disposition


@pytest.mark.parametrize("original, served", [
    ("身份证.png", "身份证.png"), ("scan", "scan.png"), (".bashrc", ".bashrc.png"), ("a.b.exe", "a.b.png"),
])
def test_download_names(original, served):
    assert Attachment(original_name=original, content_type="image/png").download_name == served


def test_case_page_names_the_attachment_as_it_downloads(client, users, make_case, agency, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    app = make_case(agency)
    att = Attachment(application=app, original_name="update.bat", content_type="application/pdf", size=len(PDF))
    att.file.save("upload", ContentFile(PDF), save=True)
    html = login(client, users["clerk"]).get(reverse("workspace:case", args=[app.pk])).content.decode()
    assert '>update.pdf</a>' in html and "申请人上传时名为“update.bat”" in html
