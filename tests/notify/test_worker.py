"""The real background path: the action commits, django-tasks-db stores the task, ``db_worker`` (what
``zfxxgk worker`` runs) sends; a failing gateway is retried through deferred tasks until given up."""
from __future__ import annotations

import signal
from datetime import date

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from zfxxgk.cases import services as s
from zfxxgk.notify import sms
from zfxxgk.notify.models import Message, MessageState

from notify.helpers import EMAIL, FailingSms, new

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    saved = {x: signal.getsignal(x) for x in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for x, handler in saved.items():
        signal.signal(x, handler)


def test_the_worker_sends_and_retries_until_it_gives_up(database_tasks, settings, agency, mailoutbox):
    FailingSms.calls = 0
    settings.ZFXXGK_SMS_BACKEND = "notify.helpers.FailingSms"
    settings.ZFXXGK_NOTIFY_MAX_ATTEMPTS = 3
    settings.ZFXXGK_NOTIFY_RETRY_SECONDS = 0  # retries due at once, so that one batch run sees them all
    app = s.register(agency, new())
    s.answer(app, date(2025, 6, 20), "granted")  # autocommit: the tasks are stored now
    assert mailoutbox == [] and DBTaskResult.objects.count() == 2  # nothing sent inside the request
    call_command("db_worker", "--batch", "--interval", "0", "--no-startup-delay", verbosity=0)
    email = Message.objects.get(channel="email")
    text = Message.objects.get(channel="sms")
    assert (email.state, email.attempts) == (MessageState.SENT, 1) and mailoutbox[0].to == [EMAIL]
    assert (text.state, text.attempts, FailingSms.calls) == (MessageState.FAILED, 3, 3)
    assert DBTaskResult.objects.count() == 4  # two first tries, two deferred retries
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert sms.outbox == []
