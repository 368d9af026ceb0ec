"""`zfxxgk serve`: one command from an empty folder to a running site.

Migrates the database (SQLite in ./zfxxgk-data unless DATABASE_URL says otherwise), creates the
sample county on the first run and prints how to log in, then serves with gunicorn beside one
background worker (:mod:`.worker`: the batch audits), both stopped when this command stops.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time


def serve(host: str = "127.0.0.1", port: int = 8000, workers: int = 2, sample: bool = True) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zfxxgk.site.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    first_run(sample)
    print(f"政府信息公开平台已启动：http://{host}:{port}/  （工作台 /workspace/，系统管理 /admin/，接口文档 /api/docs）")
    sys.stdout.flush()
    from .worker import die_with_parent

    # Two children, the web server and the background worker (batch audits), and this process
    # waiting on them: gunicorn's arbiter reaps every child of its process, so the worker cannot
    # be its sibling inside it, and its run() leaves by sys.exit.
    web = subprocess.Popen([sys.executable, "-m", "gunicorn", "zfxxgk.site.wsgi:application", "--bind", f"{host}:{port}",
                            "--workers", str(workers), "--threads", "4", "--access-logfile", "-", "--log-level", "warning"],
                           preexec_fn=die_with_parent)
    return supervise(web, start_worker(), restart=start_worker)


def start_worker():
    """The one background worker of ``serve``: tasks a previous worker left half-done (killed)
    are resumed first — with this worker the only one, RUNNING means abandoned."""
    from ..oversight.tasks import recover_interrupted
    from .worker import start_background_worker

    recover_interrupted()
    return start_background_worker()


def supervise(web: subprocess.Popen, worker: subprocess.Popen | None, restart=None, poll: float = 0.5) -> int:
    """Wait for the web server; restart a worker that dies (at most 5 times in 10 minutes); on
    SIGTERM/SIGINT/SIGHUP stop the web server, and stop the worker whenever the web server ends.
    Returns the web server's exit status."""
    from .worker import stop

    stopping = False

    def on_signal(signum, frame) -> None:
        nonlocal stopping
        stopping = True
        if web.poll() is None:
            web.terminate()  # gunicorn: graceful shutdown

    handled = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
    previous = {s: signal.signal(s, on_signal) for s in handled}
    restarts: list[float] = []
    try:
        while (code := web.poll()) is None:
            if worker is not None and restart is not None and not stopping and worker.poll() is not None:
                restarts = [t for t in restarts if time.monotonic() - t < 600] + [time.monotonic()]
                if len(restarts) > 5:
                    print("后台任务程序反复退出，已停止重启；批量审核将停留在“排队中”，请查看日志。", file=sys.stderr)
                    worker = None
                else:
                    print(f"后台任务程序意外退出（状态 {worker.returncode}），正在重新启动。", file=sys.stderr)
                    worker = restart()
            time.sleep(poll)
    finally:
        stop(worker)
        if web.poll() is None:
            web.terminate()
            web.wait()
        for s, handler in previous.items():
            signal.signal(s, handler)
    return code


def first_run(sample: bool = True, out=print) -> None:
    """Close the data folder, and on the very first run create the sample county and print its logins.

    The logins (the superuser's password among them) are printed once, when they are made; later
    starts only say where the file is, readable by this user alone, so no service log keeps them.
    """
    from django.conf import settings

    from ..agencies.models import Agency

    secure_data_dir(settings.DATA_DIR)
    logins_file = settings.DATA_DIR / "sample-logins.txt"
    if sample and not Agency.objects.exists():
        from .sample import load_sample

        logins = load_sample()
        lines = [f"{u:<16} {p:<18} {who}" for u, p, who in logins]
        logins_file.write_text("用户名           密码               角色\n" + "\n".join(lines) + "\n", "utf-8")
        logins_file.chmod(0o600)
        out("已创建示例数据：湘潭县及其部门、各类工作人员、各种状态的申请、主动公开信息和规范性文件登记、年度报告。")
        out(f"示例账户（只显示这一次，另存于 {logins_file}，仅本机当前用户可读）：")
        out(logins_file.read_text("utf-8"))
    elif logins_file.exists():
        out(f"示例账户保存在 {logins_file}（仅本机当前用户可读）。")


def secure_data_dir(root) -> None:
    """Folders 0700 and files 0600 in the data folder (the database, uploads, the secret key):
    installations made before the process set its umask are closed on the next start."""
    from pathlib import Path

    root = Path(root)
    root.chmod(0o700)
    for path in root.rglob("*"):
        if path.is_symlink():
            continue
        path.chmod(0o700 if path.is_dir() else 0o600)
