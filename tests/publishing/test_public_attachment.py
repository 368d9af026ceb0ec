"""Attachment downloads: only of a public version (or an older version of a public series), as a
download under the original name (RFC 5987), with nosniff and never a type a browser renders."""
from __future__ import annotations

from urllib.parse import quote

import pytest

from zfxxgk.publishing.models import PubState
from zfxxgk.publishing.public_views.attachment import safe_name, safe_type

from publishing import test_public_kit as kit
from publishing.test_public_kit import make_pub, url

columns, other = kit.columns, kit.other


@pytest.fixture
def published(agency, columns, isolated):
    return make_pub(agency, columns["xzzf"], "行政处罚结果公示")


def test_a_public_attachment_is_a_download_under_its_original_name(client, published):
    att = kit.attach(published, name="2025年行政处罚决定书 汇总.pdf", data=b"%PDF-1.4 contents")
    page = client.get(url(published)).content.decode()
    assert f'href="{url(published, f"fj/{att.pk}/")}">2025年行政处罚决定书 汇总.pdf</a>' in page
    response = client.get(url(published, f"fj/{att.pk}/"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 contents"
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''" + quote("2025年行政处罚决定书 汇总.pdf")
    assert not att.file.name.endswith("汇总.pdf")  # the stored name is random; only the header carries the original


def test_an_ascii_name_is_quoted_and_cannot_break_the_header(client, published):
    att = kit.attach(published, name='a"b\r\nSet-Cookie: x.txt', data=b"x", content_type="text/plain")
    response = client.get(url(published, f"fj/{att.pk}/"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="a\\"bSet-Cookie: x.txt"'
    assert "Set-Cookie" not in {k for k, _ in response.items() if k.lower() == "set-cookie"}


@pytest.mark.parametrize("declared", ["text/html", "image/svg+xml", "application/xhtml+xml", "text/javascript", "", "bogus",
                                      "text/plain\nX-Evil: 1"])
def test_a_type_a_browser_would_render_is_sent_as_bytes(client, published, declared):
    att = kit.attach(published, name="page.html", data=b"<script>alert(1)</script>", content_type=declared)
    response = client.get(url(published, f"fj/{att.pk}/"))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize("state", [PubState.DRAFT, PubState.PENDING, PubState.APPROVED])
def test_an_unpublished_versions_attachment_is_404(client, agency, columns, isolated, state):
    pub = make_pub(agency, columns["gzdt"], state=state)
    att = kit.attach(pub)
    assert client.get(url(pub, f"fj/{att.pk}/")).status_code == 404


def test_a_withdrawn_items_attachment_is_404(client, published):
    att = kit.attach(published)
    assert client.get(url(published, f"fj/{att.pk}/")).status_code == 200
    kit.withdraw(published)
    assert client.get(url(published, f"fj/{att.pk}/")).status_code == 404


def test_an_older_versions_attachment_is_served_while_a_pending_correction_s_is_not(client, published):
    old = kit.attach(published, name="旧附件.xlsx", data=b"old", content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    second = kit.correct(published)
    new = kit.attach(second, name="新附件.xlsx", data=b"new")
    pending = make_pub(published.agency, published.column, state=PubState.PENDING, series=published, version=3)
    draft_att = kit.attach(pending, name="草稿附件.xlsx", data=b"draft")
    assert client.get(url(published, f"fj/{old.pk}/")).status_code == 200
    assert client.get(url(published, f"fj/{new.pk}/")).status_code == 200
    assert client.get(url(published, f"fj/{draft_att.pk}/")).status_code == 404
    assert "新附件.xlsx" in client.get(url(published)).content.decode()
    assert "旧附件.xlsx" in client.get(url(published, "v1/")).content.decode()


def test_an_attachment_under_another_series_or_agency_is_404(client, published, agency, columns, other):
    att = kit.attach(published)
    elsewhere = make_pub(agency, columns["gzdt"], "另一条")
    theirs = make_pub(other, other.columns.get(code="gzdt"), "他机关信息")
    assert client.get(url(elsewhere, f"fj/{att.pk}/")).status_code == 404
    assert client.get(f"/zfxxgk/xtxzrzyj/xxgk/{published.pk}/fj/{att.pk}/").status_code == 404
    assert client.get(url(theirs, f"fj/{att.pk}/")).status_code == 404


def test_a_file_missing_from_storage_is_404_not_500(client, published):
    att = kit.attach(published)
    att.file.storage.delete(att.file.name)
    assert client.get(url(published, f"fj/{att.pk}/")).status_code == 404


def test_safe_name_and_type():
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\张三\\名单.xlsx") == "名单.xlsx"
    assert safe_name("a\x00b\u202e.pdf") == "ab.pdf"
    assert safe_name("...") == "附件" and safe_name("") == "附件"
    assert safe_type("application/pdf") == "application/pdf" and safe_type("TEXT/HTML") == "application/octet-stream"
