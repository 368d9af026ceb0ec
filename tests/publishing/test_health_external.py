"""External links, tried against a local web server: 200 is fine, 404 and a timeout are findings —
and nothing of it happens or is reported unless ZFXXGK_HEALTH_CHECK_EXTERNAL_LINKS is on."""
from __future__ import annotations

import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

import pytest
from django.core.management import CommandError, call_command

from zfxxgk.publishing import health, health_checks, tasks
from zfxxgk.publishing.models.health import BodyLink, LinkTarget

from publishing.test_health_helpers import pub

pytestmark = pytest.mark.django_db
SLOW = 1.5  # seconds the /slow page takes; the checks below wait 0.3


class Handler(BaseHTTPRequestHandler):
    seen: list = []

    def _answer(self, body: bool):
        type(self).seen.append((self.command, self.path))
        if self.path == "/slow":
            time.sleep(SLOW)
        if self.path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
        else:
            self.send_response({"/ok": 200, "/slow": 200, "/no-head": 200, "/moved": 301, "/通知": 200}.get(unquote(self.path), 404))
        if self.path == "/moved":
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    Handler.seen = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def linking(agency, base):
    body = "".join(f'<a href="{base}{p}">{p}</a>' for p in ("/ok", "/missing", "/slow", "/no-head", "/moved"))
    p = pub(agency, title="外链", body=body)
    health_checks.refresh(p)
    return p


def test_probe_answers_status_and_reason(server):
    assert health_checks.probe(server + "/ok", 0.3) == (200, "")
    assert health_checks.probe(server + "/missing", 0.3) == (404, "网站返回 HTTP 404")
    status, error = health_checks.probe(server + "/slow", 0.3)
    assert status is None and "超时" in error
    assert health_checks.probe(server + "/no-head", 0.3) == (200, "")  # HEAD refused, GET answers
    assert health_checks.probe(server + "/moved", 0.3) == (200, "")  # redirects are followed
    assert health_checks.probe(server + "/通知#第二段", 0.3) == (200, "")  # Chinese paths are percent-encoded
    assert health_checks.probe("ftp://127.0.0.1/x", 0.3)[1] == "不是 http(s) 链接"
    status, error = health_checks.probe("http://127.0.0.1:1/", 0.3)
    assert status is None and error.startswith("无法连接")


def test_failing_links_are_reported_when_the_check_is_on(agency, server, settings):
    settings.ZFXXGK_HEALTH_CHECK_EXTERNAL_LINKS = True
    settings.ALLOWED_HOSTS = ["testserver"]  # 127.0.0.1 is another site here
    p = linking(agency, server)
    assert health.broken_links([agency.pk]) == []  # nothing tried yet: nothing known to fail
    assert health_checks.check_external([agency.pk], timeout=0.3) == {"urls": 5, "failed": 2}
    found = health.broken_links([agency.pk])
    assert sorted(f.message for f in found) == sorted([
        f"正文中的外部链接“/missing”（{server}/missing）无法访问：网站返回 HTTP 404。",
        f"正文中的外部链接“/slow”（{server}/slow）无法访问：连接超时（超过0.3秒无响应）。",
    ])
    assert all(f.publication_id == p.pk and f.since == date.today() for f in found)
    rows = {r.url[len(server):]: r for r in BodyLink.objects.filter(target=LinkTarget.EXTERNAL)}
    assert (rows["/ok"].status, rows["/missing"].status, rows["/slow"].status) == (200, 404, None)
    first_failure = rows["/missing"].failing_since
    health_checks.check_external([agency.pk], timeout=0.3)  # failing again: still failing since the first time
    assert BodyLink.objects.get(pk=rows["/missing"].pk).failing_since == first_failure


def test_nothing_is_tried_or_reported_when_the_check_is_off(agency, server, settings):
    settings.ZFXXGK_HEALTH_CHECK_EXTERNAL_LINKS = False
    settings.ALLOWED_HOSTS = ["testserver"]
    p = linking(agency, server)
    tasks.refresh_publication.enqueue(p.pk)
    assert Handler.seen == []
    BodyLink.objects.filter(url=server + "/missing").update(error="网站返回 HTTP 404")  # an answer from when it was on
    assert health.broken_links([agency.pk]) == []
    with pytest.raises(CommandError, match="外部链接检查未开启"):
        call_command("publishing_health", "--external")


def test_publishing_tries_the_new_items_links_when_the_check_is_on(agency, server, settings, monkeypatch):
    settings.ZFXXGK_HEALTH_CHECK_EXTERNAL_LINKS = True
    settings.ALLOWED_HOSTS = ["testserver"]
    monkeypatch.setattr(health_checks, "TIMEOUT", 0.3)
    p = pub(agency, body=f'<a href="{server}/missing">坏</a><a href="{server}/ok">好</a>')
    result = tasks.refresh_publication.enqueue(p.pk).return_value
    assert result["external"] == {"urls": 2, "failed": 1}
    assert {path for _method, path in Handler.seen} == {"/missing", "/ok"}
    assert len(health.broken_links([agency.pk])) == 1
