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
