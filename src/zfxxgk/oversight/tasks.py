"""Background tasks of the oversight app (django-tasks; the database backend's ``db_worker`` runs
them in production and under ``zfxxgk serve``, the immediate backend in tests)."""
from __future__ import annotations

import logging

from django_tasks import task

from . import batch as b
from .models import AuditBatch, BatchState

log = logging.getLogger(__name__)


@task()
def audit_batch(batch_id: int) -> dict:
    """Read and check every file of a batch not read yet, one at a time, moving ``done`` after each
    so that the progress bar moves. Files already read (a task run again after a crash) are kept.
    A file that fails is recorded on its row (:func:`.batch.audit_report`); only the task itself
    dying marks the batch failed."""
    batch = AuditBatch.objects.select_related("county").get(pk=batch_id)
    AuditBatch.objects.filter(pk=batch.pk).update(state=BatchState.RUNNING)
    try:
        pending = batch.reports.filter(read_ok=None).order_by("pk").values_list("pk", flat=True)
        for report_id in list(pending):
            report = batch.reports.get(pk=report_id)  # one file's bytes in memory at a time
            b.audit_report(report, batch.county, batch.year)
            b.mark_progress(batch)
    except BaseException as exc:
        log.exception("batch %s: the audit task died", batch.pk)
        b.finish(batch, BatchState.FAILED, f"后台任务中断：{type(exc).__name__}")
        raise
    b.finish(batch, BatchState.DONE)
    batch.refresh_from_db()
    return {"batch": batch.pk, "done": batch.done, "total": batch.total}


def notice_dead_task(batch: AuditBatch) -> None:
    """A batch still queued or running whose task the backend reports FAILED (the worker was killed
    mid-file, the task could not be loaded): mark it failed so the page says so, not "审核中" forever."""
    if batch.state not in (BatchState.QUEUED, BatchState.RUNNING) or not batch.task_id:
        return
    backend = audit_batch.get_backend()
    if not backend.supports_get_result:
        return
    from django_tasks import TaskResultStatus

    try:
        status = audit_batch.get_result(batch.task_id).status
    except Exception:  # noqa: BLE001 - no result row (deleted by an administrator): nothing to tell
        log.warning("batch %s: task %s not found", batch.pk, batch.task_id)
        return
    if status == TaskResultStatus.FAILED:
        b.finish(batch, BatchState.FAILED, "后台任务中断，未能审核完所有文件。")
        batch.refresh_from_db()


INTERRUPTED = "读取此文件时后台任务中断（可能是文件过大、内存不足或进程被终止），已跳过此文件。"


def recover_interrupted() -> list[int]:
    """Batches whose task the database still calls RUNNING although no worker runs: the worker was
    killed mid-file (out of memory on a large scan, SIGKILL). The file in hand — the first not yet
    read, files go in order — is marked unreadable so that it cannot kill the next worker too,
    the old task is marked failed and a new one audits the rest.

    Only for a caller that knows no worker is running: ``zfxxgk serve`` before it starts or
    restarts its one worker. With several ``zfxxgk worker`` services a RUNNING task may be alive.
    Returns the ids of the batches resumed."""
    from django.core.exceptions import ValidationError
    from django_tasks_db.models import DBTaskResult

    if not _database_backend():
        return []
    resumed = []
    for batch in AuditBatch.objects.filter(state__in=[BatchState.QUEUED, BatchState.RUNNING]).exclude(task_id=""):
        try:
            result = DBTaskResult.objects.get(id=batch.task_id)
        except (DBTaskResult.DoesNotExist, ValidationError):
            continue
        if result.status != "RUNNING":
            continue
        result.set_failed(RuntimeError("worker died while running the task"))
        culprit = batch.reports.filter(read_ok=None).order_by("pk").first()
        if culprit is not None:
            culprit.read_ok, culprit.error = False, INTERRUPTED
            culprit.save(update_fields=["read_ok", "error"])
        log.warning("batch %s: task %s was interrupted; skipping %s and resuming", batch.pk, batch.task_id,
                    culprit.filename if culprit else "-")
        b.mark_progress(batch)
        b.finish(batch, BatchState.FAILED, "后台任务中断。")
        b.resume_batch(batch)
        resumed.append(batch.pk)
    return resumed


def _database_backend() -> bool:
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(audit_batch.get_backend(), DatabaseBackend)
