"""The portal's abuse limits (zfxxgk.portal.limits): per address and per agency per day, a CAPTCHA
after the first application and after failed lookups, the attachments' total size, the storage
quota with its alert. A refused submission says why in Chinese and stores nothing."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from captcha.models import CaptchaStore
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from zfxxgk.cases.models import Application, Attachment, Event
from zfxxgk.portal import limits

from .conftest import PDF, PNG

pytestmark = pytest.mark.django_db
URL = reverse("portal:apply", args=["xtxsfj"])
STATUS = reverse("portal:status")


def _files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _captcha_answer(html: str) -> dict:
    """What a person reads off the picture: the stored answer for the page's challenge."""
    key = re.search(r'name="captcha_0" value="([0-9a-f]+)"', html).group(1)
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def test_per_address_limit_refuses_before_storing_anything(client, settings, agency, person):
    settings.ZFXXGK_APPLY_PER_ADDRESS_PER_DAY = 2
    for _ in range(2):
        assert client.post(URL, person).status_code == 302
    scan = SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf")
    refused = client.post(URL, {**person, "attachments": [scan]})
    html = refused.content.decode()
    assert refused.status_code == 429 and "同一网络地址每天最多在线提交2件申请" in html and "信函" in html
    assert Application.objects.count() == 2 and Event.objects.count() == 2
    assert Attachment.objects.count() == 0 and _files(settings) == []
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post(URL, person).status_code == 302  # another address is not affected
    assert Application.objects.count() == 3


def test_per_agency_limit(client, settings, agency, person):
    settings.ZFXXGK_APPLY_PER_AGENCY_PER_DAY = 3
    for n in range(3):
        assert Client(REMOTE_ADDR=f"10.0.1.{n}").post(URL, person).status_code == 302
    refused = Client(REMOTE_ADDR="10.0.2.1").post(URL, person)
    assert refused.status_code == 429 and "今天收到的在线申请已达到系统上限（3件）" in refused.content.decode()
    assert Application.objects.count() == 3


def test_limits_follow_the_client_behind_a_trusted_proxy(settings, agency, person):
    settings.ZFXXGK_APPLY_PER_ADDRESS_PER_DAY = 1
    settings.ZFXXGK_TRUSTED_PROXIES = 1
    first = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert first.post(URL, person).status_code == 302
    assert first.post(URL, person).status_code == 429
    # Another citizen behind the same nginx is a different client …
    assert Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6").post(URL, person).status_code == 302
    # … and a forged header in front of nginx's entry changes nothing.
    forged = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.5")
    assert forged.post(URL, person).status_code == 429


def test_captcha_after_the_first_application(client, settings, agency, person):
    settings.ZFXXGK_CAPTCHA = "after_first"
    assert 'name="captcha_1"' not in client.get(URL).content.decode()
    assert client.post(URL, person).status_code == 302
    page = client.get(URL).content.decode()
    assert 'name="captcha_1"' in page and "验证码" in page

    wrong = client.post(URL, {**person, "captcha_0": _captcha_answer(page)["captcha_0"], "captcha_1": "9999"})
    assert wrong.status_code == 200 and "验证码不正确" in wrong.content.decode()
    missing = client.post(URL, person)
    assert missing.status_code == 200 and "请填写验证码" in missing.content.decode()
    assert Application.objects.count() == 1

    page = client.get(URL).content.decode()
    assert client.post(URL, {**person, **_captcha_answer(page)}).status_code == 302
    assert Application.objects.count() == 2


def test_captcha_always(client, settings, agency, person):
    settings.ZFXXGK_CAPTCHA = "always"
    page = client.get(URL).content.decode()
    assert 'name="captcha_1"' in page
    assert client.post(URL, person).status_code == 200 and Application.objects.count() == 0
    assert client.post(URL, {**person, **_captcha_answer(page)}).status_code == 302


def test_captcha_image_is_served(client, settings, agency, person):
    settings.ZFXXGK_CAPTCHA = "always"
    page = client.get(URL).content.decode()
    src = re.search(r'<img src="([^"]+)"[^>]*class="captcha"', page).group(1)
    image = client.get(src)
    assert image.status_code == 200 and image["Content-Type"] == "image/png"


def test_status_lookup_asks_for_a_captcha_after_failures(client, settings, agency, person):
    settings.ZFXXGK_CAPTCHA = "after_first"
    settings.ZFXXGK_LOOKUP_CAPTCHA_AFTER = 2
    client.post(URL, person)
    app = Application.objects.get()
    assert 'name="captcha_1"' not in client.get(STATUS).content.decode()
    for _ in range(2):
        html = client.post(STATUS, {"number": app.number, "code": "WRONGWRONG22"}).content.decode()
        assert "编号或查询码不正确" in html
    assert 'name="captcha_1"' in html  # the page after the second failure already asks
    no_captcha = client.post(STATUS, {"number": app.number, "code": app.query_code}).content.decode()
    assert "办理情况" not in no_captcha and "请填写验证码" in no_captcha
    page = client.get(STATUS).content.decode()
    found = client.post(STATUS, {"number": app.number, "code": app.query_code, **_captcha_answer(page)}).content.decode()
    assert "办理情况" in found and app.query_code not in found


def test_total_attachment_size_per_application(client, settings, agency, person):
    settings.ZFXXGK_ATTACHMENTS_MAX_TOTAL_MB = 1
    big = PDF + b"0" * (600 * 1024)
    files = [SimpleUploadedFile(f"{n}.pdf", big, content_type="application/pdf") for n in range(2)]
    response = client.post(URL, {**person, "attachments": files})
    html = response.content.decode()
    assert response.status_code == 200 and "超过每件申请1MB的上限" in html
    assert Application.objects.count() == 0 and _files(settings) == []


def test_oversized_body_is_refused_unread(client, agency, person, settings):
    settings.ZFXXGK_ATTACHMENTS_MAX_TOTAL_MB = 1  # the body may then hold 1 MB of files and 1 MB of text
    scan = SimpleUploadedFile("scan.png", PNG + b"\x00" * (2 * 1024 * 1024 + 1), content_type="image/png")
    response = client.post(URL, {**person, "attachments": [scan]})
    assert response.status_code == 413 and "提交的内容过大" in response.content.decode()
    assert Application.objects.count() == 0


def test_storage_quota_refuses_attachments_and_alerts_the_administrator(client, settings, agency, person, caplog):
    settings.ZFXXGK_STORAGE_QUOTA_MB = 1
    settings.ZFXXGK_STORAGE_ALERT_PERCENT = 50
    settings.ADMINS = [("系统管理员", "admin@example.cn")]
    half = PDF + b"0" * (400 * 1024)
    ok = client.post(URL, {**person, "attachments": [SimpleUploadedFile("a.pdf", half, content_type="application/pdf")]})
    assert ok.status_code == 302 and Attachment.objects.count() == 1
    assert len(mail.outbox) == 0  # below the alert level
    second = client.post(URL, {**person, "attachments": [SimpleUploadedFile("b.pdf", half, content_type="application/pdf")]})
    assert second.status_code == 302 and len(mail.outbox) == 1 and "附件存储空间已用" in mail.outbox[0].subject
    assert "attachment storage at" in caplog.text
    full = client.post(URL, {**person, "attachments": [SimpleUploadedFile("c.pdf", half, content_type="application/pdf")]})
    assert full.status_code == 200 and "附件存储空间已满" in full.content.decode()
    assert Attachment.objects.count() == 2 and len(_files(settings)) == 2
    assert len(mail.outbox) == 1  # told once a day, not on every upload
    # Without the attachment the application is still accepted.
    assert client.post(URL, person).status_code == 302


def test_limit_settings_of_zero_turn_limits_off(client, settings, agency, person):
    settings.ZFXXGK_APPLY_PER_ADDRESS_PER_DAY = 0
    settings.ZFXXGK_APPLY_PER_AGENCY_PER_DAY = 0
    for _ in range(12):
        assert client.post(URL, person).status_code == 302
    assert limits.applied_today(client.get(URL).wsgi_request) == 12


def test_a_refused_address_is_answered_before_any_work(client, settings, agency, person, django_assert_num_queries):
    settings.ZFXXGK_APPLY_PER_ADDRESS_PER_DAY = 1
    assert client.post(URL, person).status_code == 302
    first = client.post(URL, person)
    assert first.status_code == 429
    with django_assert_num_queries(0):  # no session, no count, no agency: the page it was shown
        again = client.post(URL, person)
    assert again.status_code == 429 and again.content == first.content
    assert "no-store" in again["Cache-Control"] and "script-src 'self'" in again["Content-Security-Policy"]
    # Raising the limit lets the address in again the same day.
    settings.ZFXXGK_APPLY_PER_ADDRESS_PER_DAY = 2
    assert client.post(URL, person).status_code == 302
    assert Application.objects.count() == 2
