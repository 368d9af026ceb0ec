"""Sending in the background: failures are retried with growing pauses, then given up where staff
see it; logs and error notes never hold a name, address, phone, e-mail or ID number."""
from __future__ import annotations

import json
import threading
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.utils import timezone

from zfxxgk.cases import services as s
from zfxxgk.notify import services as n, sms
from zfxxgk.notify.models import Message, MessageState
from zfxxgk.notify.tasks import deliver

from notify.helpers import EMAIL, ID_NUMBER, MOBILE, NAME, PHONE, FailingSms, FlakySms, new

pytestmark = pytest.mark.django_db

PERSONAL = (NAME, PHONE, MOBILE, EMAIL, ID_NUMBER, "1380731", "金桂路", "zhangxm")


@pytest.fixture
def failing_sms(settings):
    FailingSms.calls = 0
    settings.ZFXXGK_SMS_BACKEND = "notify.helpers.FailingSms"
    settings.ZFXXGK_NOTIFY_MAX_ATTEMPTS = 3
    settings.ZFXXGK_NOTIFY_RETRY_SECONDS = 60


def _no_personal_data(records):
    assert records, "the sends should have been logged"
    for r in records:
        text = r.getMessage() + (r.exc_text or "")
        for value in PERSONAL:
            assert value not in text, f"{value!r} in the log: {text}"


def test_a_failing_gateway_is_retried_with_backoff_then_given_up_visibly(agency, commit, mailoutbox, failing_sms, logs):
    app = s.register(agency, new())
    start = timezone.now()
    with commit():
        s.answer(app, date(2025, 6, 20), "granted")
    assert len(mailoutbox) == 1  # the e-mail went; only the SMS failed
    msg = Message.objects.get(channel="sms")
    assert (msg.state, msg.attempts, FailingSms.calls) == (MessageState.RETRYING, 1, 1)
    first_pause = msg.next_attempt_at - start
    assert timedelta(seconds=59) <= first_pause <= timedelta(seconds=90)
    assert msg.last_error == "ConnectionError: gateway refused ***: timeout"  # the number scrubbed

    # Not due yet: the sweep leaves it alone.
    assert n.send_due(start + timedelta(seconds=10)) == {}
    assert FailingSms.calls == 1
    # Second attempt when due; the pause grows ×4.
    second = msg.next_attempt_at
    assert n.send_due(second) == {MessageState.RETRYING: 1}
    msg.refresh_from_db()
    assert msg.attempts == 2 and msg.next_attempt_at - second == timedelta(seconds=240)
    # Third and last attempt: given up.
    assert n.send_due(msg.next_attempt_at) == {MessageState.FAILED: 1}
    msg.refresh_from_db()
    assert (msg.state, msg.attempts, msg.next_attempt_at, FailingSms.calls) == (MessageState.FAILED, 3, None, 3)
    assert n.send_due(timezone.now() + timedelta(days=1)) == {}  # bounded: no fourth attempt
    assert any("failed for good after 3 attempts" in r.getMessage() for r in logs)
    _no_personal_data(logs)


def test_a_retry_succeeds_when_the_gateway_comes_back(agency, commit, settings):
    FlakySms.calls = 0
    settings.ZFXXGK_SMS_BACKEND = "notify.helpers.FlakySms"
    app = s.register(agency, new(email=""))
    with commit():
        s.answer(app, date(2025, 6, 20), "granted")
    msg = Message.objects.get()
    assert msg.state == MessageState.RETRYING and sms.outbox == []
    n.send_due(msg.next_attempt_at)
    msg.refresh_from_db()
    assert (msg.state, msg.attempts, msg.last_error) == (MessageState.SENT, 2, "")
    assert msg.sent_at is not None and [t.to for t in sms.outbox] == [MOBILE]


def test_a_failing_mail_server_is_retried_too(agency, commit, settings, mailoutbox, logs):
    settings.EMAIL_BACKEND = "notify.test_sending.RefusingMail"
    settings.ZFXXGK_NOTIFY_MAX_ATTEMPTS = 2
    app = s.register(agency, new(phone=""))
    with commit():
        s.answer(app, date(2025, 6, 20), "granted")
    msg = Message.objects.get()
    assert msg.state == MessageState.RETRYING and EMAIL not in msg.last_error and "***" in msg.last_error
    n.send_due(msg.next_attempt_at)
    msg.refresh_from_db()
    assert msg.state == MessageState.FAILED and mailoutbox == []
    _no_personal_data(logs)


class RefusingMail:
    def __init__(self, fail_silently=False, **kwargs):
        pass

    def send_messages(self, messages):
        import smtplib

        raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (550, b"mailbox unavailable")})


def test_a_retry_is_deferred_through_the_task_backend_when_it_can_defer(agency, settings, failing_sms):
    """The database backend defers (run_after); the dummy backend stands in for it here."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    app = s.register(agency, new(email=""))
    [msg] = n.send_to_applicant(app, "answered", {"event": app.events.first()})
    assert n.attempt(msg.pk) == MessageState.RETRYING
    msg.refresh_from_db()
    [result] = deliver.get_backend().results
    assert result.args == [msg.pk] and result.task.run_after == msg.next_attempt_at


def test_the_sweep_sends_a_message_whose_task_was_lost(agency, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # nothing runs the tasks
    app = s.register(agency, new(email=""))
    [msg] = n.send_to_applicant(app, "answered", {"event": app.events.first()})
    assert n.send_due() == {}  # within its lease the worker may still come
    assert n.send_due(timezone.now() + n.LEASE + timedelta(seconds=1)) == {MessageState.SENT: 1}
    assert len(sms.outbox) == 1
    assert n.attempt(msg.pk) == MessageState.SENT and len(sms.outbox) == 1  # never twice


def test_staff_send_a_failed_message_again(agency, commit, failing_sms, settings):
    settings.ZFXXGK_NOTIFY_MAX_ATTEMPTS = 1
    app = s.register(agency, new(email=""))
    with commit():
        s.answer(app, date(2025, 6, 20), "granted")
    msg = Message.objects.get()
    assert msg.state == MessageState.FAILED
    settings.ZFXXGK_SMS_BACKEND = "zfxxgk.notify.sms.LocmemBackend"
    with commit():
        n.resend(msg)
    msg.refresh_from_db()
    assert (msg.state, msg.attempts) == (MessageState.SENT, 1) and len(sms.outbox) == 1


def test_the_admin_lists_messages_with_their_state_and_masked_contacts(agency, commit, failing_sms, settings, admin_client):
    settings.ZFXXGK_NOTIFY_MAX_ATTEMPTS = 1
    app = s.register(agency, new())
    with commit():
        s.answer(app, date(2025, 6, 20), "granted")
    page = admin_client.get("/admin/notify/message/").content.decode()
    assert "发送失败，已放弃" in page and "已发送" in page
    assert "zh***@example.com" in page and "138****5678" in page
    assert EMAIL not in page and MOBILE not in page
    failed = Message.objects.get(state=MessageState.FAILED)
    settings.ZFXXGK_SMS_BACKEND = "zfxxgk.notify.sms.LocmemBackend"
    with commit():
        admin_client.post("/admin/notify/message/", {"action": "send_again", "_selected_action": [failed.pk]})
    failed.refresh_from_db()
    assert failed.state == MessageState.SENT


# --- the SMS backends ------------------------------------------------------------------------------

def test_the_file_backend_writes_each_message_to_the_days_file(tmp_path):
    backend = sms.FileBackend(file_path=tmp_path / "sms")
    assert backend.send_messages([sms.SmsMessage(MOBILE, "【湘潭县司法局】您的申请已作出答复。")]) == 1
    [day] = (tmp_path / "sms").iterdir()
    text = day.read_text(encoding="utf-8")
    assert MOBILE in text and "【湘潭县司法局】您的申请已作出答复。" in text


class _Gateway(BaseHTTPRequestHandler):
    received: list = []
    status = 200

    def do_POST(self):  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.headers.get("Authorization"), json.loads(body)))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway():
    _Gateway.received, _Gateway.status = [], 200
    server = HTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/send", _Gateway
    server.shutdown()
    server.server_close()


def test_the_http_gateway_adapter_posts_json_and_fails_on_an_error_status(gateway):
    url, handler = gateway
    backend = sms.HttpGatewayBackend(url=url, token="t0k", sign="湘潭县司法局")
    assert backend.send_messages([sms.SmsMessage(MOBILE, "您的申请已作出答复。")]) == 1
    assert handler.received == [("Bearer t0k", {"to": MOBILE, "text": "您的申请已作出答复。", "sign": "湘潭县司法局"})]
    handler.status = 503
    with pytest.raises(Exception, match="503"):
        backend.send_messages([sms.SmsMessage(MOBILE, "再试一次")])


def test_the_http_gateway_needs_its_address(settings):
    settings.ZFXXGK_SMS_GATEWAY_URL = ""
    with pytest.raises(ValueError, match="ZFXXGK_SMS_GATEWAY_URL"):
        sms.HttpGatewayBackend()
