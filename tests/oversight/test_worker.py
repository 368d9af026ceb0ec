"""The real background path: django-tasks-db's DatabaseBackend stores the task, ``db_worker``
(the command ``zfxxgk worker`` and ``zfxxgk serve`` run) picks it up and audits the batch.

Runs on SQLite and, with ZFXXGK_TEST_DB=postgres, on PostgreSQL (transactional tests: the worker
claims the task in its own transaction, as in production).
"""
from __future__ import annotations

import signal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from zfxxgk.agencies.models import Membership, Role
from zfxxgk.oversight import batch as b
from zfxxgk.oversight.models import AuditBatch, BatchState
from zfxxgk.site import worker

SEEDS = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "seeds").glob("*.txt"))
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS
    # db_worker installs its own SIGINT/SIGTERM handlers in this process: put ours back after.
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for s, handler in saved.items():
        signal.signal(s, handler)


@pytest.fixture
def supervisor(county):
    user = User.objects.create_user("jiandu")
    Membership.objects.create(user=user, agency=county, role=Role.SUPERVISOR)
    return user


def uploads() -> list[b.Upload]:
    return [b.Upload(p.name, p.read_bytes()) for p in SEEDS] + [b.Upload("截断.docx", b"PK\x03\x04\x14\x00broken")]


def test_db_worker_audits_an_uploaded_batch(database_tasks, client, county, agency, supervisor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(supervisor)
    response = client.post("/workspace/oversight/batches/new/", {
        "county": county.pk, "year": 2024, "files": [SimpleUploadedFile(u.name, u.content) for u in uploads()]})
    assert response.status_code == 302
    batch = AuditBatch.objects.get()
    assert (batch.state, batch.done, batch.total) == (BatchState.QUEUED, 0, 6)
    task = DBTaskResult.objects.get()
    assert str(task.id) == batch.task_id and task.status == "READY" and task.args_kwargs["args"] == [batch.pk]
    progress = client.get(f"/workspace/oversight/batches/{batch.pk}/progress.json").json()
    assert (progress["state"], progress["done"], progress["finished"]) == ("queued", 0, False)

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", verbosity=0)

    batch.refresh_from_db()
    assert (batch.state, batch.done, batch.error) == (BatchState.DONE, 6, "") and batch.finished_at
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert batch.reports.filter(read_ok=True).count() == 5
    assert batch.reports.get(agency=agency).agency_name == "湘潭县司法局"
    assert "DOCX" in batch.reports.get(filename="截断.docx").error
    assert client.get(f"/workspace/oversight/batches/{batch.pk}/progress.json").json()["finished"] is True


def test_run_worker_is_db_worker_in_batch_mode(database_tasks, county, supervisor):
    batch = b.create_batch(county, 2024, uploads()[:2], supervisor)
    assert batch.state == BatchState.QUEUED
    assert worker.run_worker(batch=True, interval=0, verbosity=0) == 0
    batch.refresh_from_db()
    assert (batch.state, batch.done) == (BatchState.DONE, 2)


def test_run_worker_refuses_without_the_database_backend(settings, capsys):
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
    assert worker.run_worker(batch=True) == 1
    assert "无需运行 zfxxgk worker" in capsys.readouterr().err
    assert worker.start_background_worker() is None


def test_a_task_the_worker_reports_failed_fails_the_batch(database_tasks, client, county, supervisor):
    batch = b.create_batch(county, 2024, uploads()[:1], supervisor)
    DBTaskResult.objects.filter(id=batch.task_id).update(status="FAILED")  # e.g. killed mid-file
    client.force_login(supervisor)
    progress = client.get(f"/workspace/oversight/batches/{batch.pk}/progress.json").json()
    assert (progress["state"], progress["finished"]) == ("failed", True) and "后台任务中断" in progress["error"]
    # 继续审核 enqueues a new task for the remaining file; the worker finishes it
    assert client.post(f"/workspace/oversight/batches/{batch.pk}/resume/").status_code == 302
    batch.refresh_from_db()
    assert batch.state == BatchState.QUEUED and batch.task_id and batch.error == ""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", verbosity=0)
    batch.refresh_from_db()
    assert (batch.state, batch.done) == (BatchState.DONE, 1)


def test_a_task_dying_in_the_worker_fails_the_batch(database_tasks, county, supervisor, monkeypatch):
    def gone(batch):
        raise ConnectionError("database went away")

    monkeypatch.setattr(b, "mark_progress", gone)
    batch = b.create_batch(county, 2024, uploads()[:2], supervisor)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", verbosity=0)
    batch.refresh_from_db()
    assert batch.state == BatchState.FAILED and batch.error == "后台任务中断：ConnectionError"
    assert DBTaskResult.objects.get().status == "FAILED"


def test_a_batch_left_running_by_a_killed_worker_is_resumed_without_the_file_in_hand(database_tasks, county, supervisor):
    from zfxxgk.oversight.tasks import INTERRUPTED, recover_interrupted

    batch = b.create_batch(county, 2024, uploads()[:3], supervisor)
    # what a worker killed while reading the second file leaves behind
    first, second, third = batch.reports.order_by("pk")
    b.audit_report(first, county, 2024)
    b.mark_progress(batch)
    AuditBatch.objects.filter(pk=batch.pk).update(state=BatchState.RUNNING)
    DBTaskResult.objects.filter(id=batch.task_id).update(status="RUNNING")
    old_task = batch.task_id

    assert recover_interrupted() == [batch.pk]
    second.refresh_from_db()
    assert (second.read_ok, second.error) == (False, INTERRUPTED)
    assert DBTaskResult.objects.get(id=old_task).status == "FAILED"
    batch.refresh_from_db()
    assert batch.state == BatchState.QUEUED and batch.task_id != old_task and batch.done == 2
    assert recover_interrupted() == []  # the new task is READY, not abandoned

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", verbosity=0)
    batch.refresh_from_db()
    assert (batch.state, batch.done) == (BatchState.DONE, 3)
    third.refresh_from_db()
    assert third.read_ok is True
