"""The background worker: django-tasks-db's ``db_worker`` running the tasks the site enqueues
(the batch audit of :mod:`zfxxgk.oversight.tasks`).

``zfxxgk serve`` starts one beside the web server (:func:`start_background_worker`), so a
newcomer's ``./start.sh`` audits batches with nothing else to run; a production installation runs
``zfxxgk worker`` (:func:`run_worker`) as its own service, as many as it likes, on the same
database (SQLite or PostgreSQL) and the same settings and environment as the site.
"""
from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time

log = logging.getLogger(__name__)

PARENT_ENV = "ZFXXGK_WORKER_PARENT"  # set by start_background_worker: the worker leaves with serve


def run_worker(*, batch: bool = False, interval: float = 1.0, queue: str = "default", verbosity: int = 1) -> int:
    """Run ``db_worker`` in this process until SIGTERM/SIGINT (after the task in hand), or with
    ``batch=True`` until the queue is empty. Returns the exit status (0)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zfxxgk.site.settings")
    import django

    django.setup()
    from django.core.management import call_command

    if not uses_database_backend():
        print("后台任务未使用数据库后端（TASKS 设置），无需运行 zfxxgk worker。", file=sys.stderr)
        return 1
    _leave_with_parent()
    args = ["db_worker", "--queue-name", queue, "--interval", str(interval), "--no-reload"]
    if batch:
        args.append("--batch")
    call_command(*args, verbosity=verbosity)
    return 0


def uses_database_backend(alias: str = "default") -> bool:
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends[alias], DatabaseBackend)


def start_background_worker() -> subprocess.Popen | None:
    """Start ``python -m zfxxgk.site.worker`` as a child with this process's settings and
    environment; None when the tasks do not go through the database (nothing to run)."""
    if not uses_database_backend():
        return None
    env = {**os.environ, PARENT_ENV: str(os.getpid())}
    env.setdefault("DJANGO_SETTINGS_MODULE", "zfxxgk.site.settings")
    return subprocess.Popen([sys.executable, "-m", "zfxxgk.site.worker"], env=env, preexec_fn=die_with_parent)


def stop(process: subprocess.Popen | None, grace: float = 3.0, timeout: float = 15.0) -> None:
    """SIGTERM: an idle worker leaves at once. A second SIGTERM after ``grace`` seconds stops a
    task in hand (a batch is marked failed and can be resumed, :mod:`zfxxgk.oversight.tasks`);
    SIGKILL after ``timeout`` more."""
    if process is None or process.poll() is not None:
        return
    for signum, wait in ((signal.SIGTERM, grace), (signal.SIGTERM, timeout)):
        process.send_signal(signum)
        try:
            process.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue
    log.warning("worker %s did not stop: killing it", process.pid)
    process.kill()
    process.wait()


def die_with_parent() -> None:
    """preexec_fn of a child: on Linux, the kernel sends it SIGTERM when its parent dies (even by
    SIGKILL), so no orphan keeps the port or the queue."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _leave_with_parent() -> None:
    """Elsewhere than Linux: a thread that notices the serving process has gone and stops the
    worker the way Ctrl-C would (after the task in hand)."""
    parent = os.environ.get(PARENT_ENV)
    if not parent or not parent.isdigit():
        return

    def watch() -> None:
        while os.getppid() == int(parent):
            time.sleep(2)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="zfxxgk-parent-watch", daemon=True).start()


if __name__ == "__main__":
    sys.exit(run_worker())
