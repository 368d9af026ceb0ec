"""`zfxxgk serve` (what ./start.sh runs) audits batches with nothing else started: it runs gunicorn
and one ``db_worker`` as two children, restarts a worker that dies, and stops both when it stops.

A real process tree on a fresh SQLite data folder (Linux: children read from /proc).
"""
from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))

pytestmark = pytest.mark.slow

ENQUEUE = """
import django, sys
django.setup()
from pathlib import Path
from zfxxgk.agencies.models import Agency
from zfxxgk.oversight.batch import Upload, create_batch
county = Agency.objects.create(name="湘潭县人民政府", code="xtx", is_government=True)
Agency.objects.create(name="湘潭县司法局", code="xtxsfj", parent=county)
files = [Upload(Path(p).name, Path(p).read_bytes()) for p in sys.argv[1:]] + [Upload("坏.pdf", b"%PDF-1.4 garbage")]
print(create_batch(county, 2024, files, None).pk)
"""


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except FileNotFoundError:
        return ""


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


def until(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_runs_a_worker_that_audits_batches_and_stops_with_it(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(ZFXXGK_DATA=str(tmp_path / "data"), DJANGO_SETTINGS_MODULE="zfxxgk.site.settings",
               PYTHONPATH=str(ROOT / "src"), ZFXXGK_LOG_LEVEL="WARNING")
    port = free_port()
    log = (tmp_path / "serve.log").open("w+")
    serve = subprocess.Popen(
        [sys.executable, "-c", f"import sys; from zfxxgk.site.serve import serve; sys.exit(serve(port={port}, workers=1, sample=False))"],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path, start_new_session=True)
    try:
        def page_up():
            try:
                return urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2).status == 200
            except OSError:
                return False

        until(page_up, 90, "the web server")
        kids = until(lambda: len(children(serve.pid)) == 2 and children(serve.pid), 10, "two children")
        web = next(p for p in kids if "gunicorn" in cmdline(p))
        worker = next(p for p in kids if "zfxxgk.site.worker" in cmdline(p))

        out = subprocess.run([sys.executable, "-c", ENQUEUE, *map(str, SEEDS)], env=env, cwd=tmp_path,
                             capture_output=True, text=True, check=True)
        batch = int(out.stdout.split()[-1])
        db = tmp_path / "data" / "zfxxgk.sqlite3"

        def state():
            with sqlite3.connect(db, timeout=5) as con:
                return con.execute("select state, done, total from oversight_auditbatch where id=?", (batch,)).fetchone()

        assert until(lambda: state()[0] == "done" and state(), 60, "the batch to be audited") == ("done", 6, 6)
        with sqlite3.connect(db) as con:
            rows = dict(con.execute("select filename, read_ok from oversight_auditedreport where batch_id=?", (batch,)))
        assert rows.pop("坏.pdf") == 0 and set(rows.values()) == {1} and len(rows) == 5

        os.kill(worker, signal.SIGKILL)  # a worker that dies is started again
        until(lambda: [p for p in children(serve.pid) if "zfxxgk.site.worker" in cmdline(p) and p != worker], 15,
              "a new worker")
        worker = next(p for p in children(serve.pid) if "zfxxgk.site.worker" in cmdline(p))

        serve.send_signal(signal.SIGTERM)
        assert serve.wait(30) == 0
        until(lambda: not alive(web) and not alive(worker), 10, "both children to stop")
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGKILL)
            serve.wait()
        log.seek(0)
        print(log.read())
