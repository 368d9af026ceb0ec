"""`zfxxgk serve`: one command from an empty folder to a running site.

Migrates the database (SQLite in ./zfxxgk-data unless DATABASE_URL says otherwise), creates the
sample county on the first run and prints how to log in, then serves with gunicorn.
"""
from __future__ import annotations

import os
import sys


def serve(host: str = "127.0.0.1", port: int = 8000, workers: int = 2, sample: bool = True) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zfxxgk.site.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from ..agencies.models import Agency

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    logins_file = settings.DATA_DIR / "sample-logins.txt"
    if sample and not Agency.objects.exists():
        from .sample import load_sample

        logins = load_sample()
        lines = [f"{u:<16} {p:<18} {who}" for u, p, who in logins]
        logins_file.write_text("用户名           密码               角色\n" + "\n".join(lines) + "\n", "utf-8")
        logins_file.chmod(0o600)
        print("已创建示例数据：湘潭县及其部门、各类工作人员和各种状态的申请。")
    if logins_file.exists():
        print(f"示例账户（保存在 {logins_file}）：")
        print(logins_file.read_text("utf-8"))
    print(f"政府信息公开平台已启动：http://{host}:{port}/  （工作台 /workspace/，系统管理 /admin/，接口文档 /api/docs）")
    sys.stdout.flush()
    from gunicorn.app.wsgiapp import WSGIApplication

    sys.argv = ["gunicorn", "zfxxgk.site.wsgi:application", "--bind", f"{host}:{port}", "--workers", str(workers),
                "--threads", "4", "--access-logfile", "-", "--log-level", "warning"]
    WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").run()
    return 0
