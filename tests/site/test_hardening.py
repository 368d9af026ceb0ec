"""Site-wide rules: the client address behind trusted proxies (one rule for axes, portal and API),
NUL refused in URLs, no-store and a Content-Security-Policy on every page, private data files, and
sample logins printed once."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client, RequestFactory
from django.urls import reverse

from zfxxgk.site.clientip import client_ip
from zfxxgk.site.serve import first_run, secure_data_dir


@pytest.mark.parametrize("proxies, remote, forwarded, expected", [
    (0, "203.0.113.9", "", "203.0.113.9"),
    (0, "127.0.0.1", "198.51.100.1", "127.0.0.1"),  # no proxy configured: the header is the client's word
    (1, "127.0.0.1", "198.51.100.1", "198.51.100.1"),  # nginx: proxy_set_header X-Forwarded-For $remote_addr
    (1, "127.0.0.1", "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # a forged entry left of nginx's is ignored
    (2, "127.0.0.1", "6.6.6.6, 198.51.100.1, 10.0.0.2", "198.51.100.1"),  # CDN + nginx
    (1, "127.0.0.1", "", "127.0.0.1"),  # a request that bypassed the proxy
    (1, "127.0.0.1", "not-an-address", "127.0.0.1"),
    (1, "127.0.0.1", "[2001:db8::1]:443", "2001:db8::1"),
    (1, "127.0.0.1", "198.51.100.1:51234", "198.51.100.1"),
])
def test_client_ip(settings, proxies, remote, forwarded, expected):
    settings.ZFXXGK_TRUSTED_PROXIES = proxies
    extra = {"REMOTE_ADDR": remote}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_ip(RequestFactory().get("/", **extra)) == expected


@pytest.mark.django_db
def test_wrong_passwords_behind_the_proxy_lock_only_that_client(settings):
    """Behind nginx every request comes from 127.0.0.1: the lockout must follow the real client."""
    settings.ZFXXGK_TRUSTED_PROXIES = 1
    User.objects.create_user("clerk", password="a-good-password-1")
    attacker = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.66")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attacker.post(reverse("login"), {"username": "clerk", "password": "wrong-password"})
    locked = attacker.post(reverse("login"), {"username": "clerk", "password": "a-good-password-1"})
    assert locked.status_code == 429
    colleague = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    ok = colleague.post(reverse("login"), {"username": "clerk", "password": "a-good-password-1"})
    assert ok.status_code == 302 and ok.url == reverse("workspace:queue")


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/status/?x=%00", "/workspace/?q=%00", "/apply/x%00/", "/guide/%00/"])
def test_nul_in_a_url_is_400(client, url):
    r = client.get(url)
    assert r.status_code == 400 and "空字符" in r.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/status/", "/accounts/login/"])
def test_pages_carry_no_store_and_csp(client, url):
    r = client.get(url)
    assert r.status_code == 200
    assert "no-store" in r["Cache-Control"]
    csp = r["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp and "frame-ancestors 'none'" in csp


def test_data_files_are_private(tmp_path):
    root = tmp_path / "data"
    (root / "uploads" / "attachments").mkdir(parents=True)
    (root / "zfxxgk.sqlite3").write_text("x")
    (root / "uploads" / "attachments" / "scan.png").write_text("x")
    for p in [root, *root.rglob("*")]:
        p.chmod(0o777 if p.is_dir() else 0o644)
    secure_data_dir(root)
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    assert stat.S_IMODE((root / "uploads").stat().st_mode) == 0o700
    assert stat.S_IMODE((root / "zfxxgk.sqlite3").stat().st_mode) == 0o600
    assert stat.S_IMODE((root / "uploads" / "attachments" / "scan.png").stat().st_mode) == 0o600


def test_the_process_creates_private_files(tmp_path):
    """Settings set the umask: files the platform creates (the SQLite file, uploads) are 0600."""
    path = tmp_path / "new.db"
    path.write_text("x")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert os.umask(0o077) == 0o077  # (and put it back)


@pytest.mark.django_db
def test_uploads_are_stored_private(client, settings, tmp_path):
    from django.core.files.base import ContentFile
    from django.core.files.storage import FileSystemStorage

    storage = FileSystemStorage(location=tmp_path / "uploads")
    name = storage.save("attachments/2025/x.pdf", ContentFile(b"%PDF-1.4"))
    assert stat.S_IMODE(Path(storage.path(name)).stat().st_mode) == 0o600
    assert stat.S_IMODE(Path(storage.path(name)).parent.stat().st_mode) == 0o700


@pytest.mark.django_db
def test_sample_logins_are_printed_once(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    printed: list[str] = []
    first_run(out=printed.append)
    first = "\n".join(printed)
    password = next(line.split()[1] for line in (tmp_path / "sample-logins.txt").read_text().splitlines() if line.startswith("admin"))
    assert password in first
    printed.clear()
    first_run(out=printed.append)
    again = "\n".join(printed)
    assert password not in again and "sample-logins.txt" in again
    assert stat.S_IMODE((tmp_path / "sample-logins.txt").stat().st_mode) == 0o600


def test_deploy_check_warns_about_an_untrusted_proxy(settings):
    from zfxxgk.site.checks import proxy_configured

    settings.HTTPS, settings.ZFXXGK_TRUSTED_PROXIES = True, 0
    assert [w.id for w in proxy_configured(None)] == ["zfxxgk.W001"]
    settings.ZFXXGK_TRUSTED_PROXIES = 1
    assert proxy_configured(None) == []


def test_django_wording_wins_over_other_apps_catalogues():
    """django-simple-captcha's catalogue translates Django's required-field message too, differently."""
    from django import forms
    from django.utils import translation

    with translation.override("zh-hans"):
        assert str(forms.CharField().error_messages["required"]) == "这个字段是必填项。"


@pytest.mark.django_db
def test_a_request_without_an_address_can_log_in(client):
    """django-axes stores the address in an IP column: "unknown" was refused by PostgreSQL."""
    User.objects.create_user("clerk", password="a-good-password-1")
    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]
    assert client_ip(request) == ""
    client.force_login(User.objects.get())
    assert client.get(reverse("workspace:queue")).status_code == 200
