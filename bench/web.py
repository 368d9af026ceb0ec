"""Load benchmark of the platform over HTTP, on loopback only, beside a baseline measured in the same run.

    .venv/bin/python bench/web.py               # SQLite in a fresh data folder (about 3 minutes)
    .venv/bin/python bench/web.py --postgres    # the same on PostgreSQL (database zfxxgk_bench, dropped after)
    .venv/bin/python bench/web.py --quick       # small sizes and short runs, for a smoke run
    .venv/bin/python bench/web.py --flood-only  # the static baseline and the flood, at --rate lookups/s

The platform runs as in production: `zfxxgk serve --no-sample` (gunicorn, 2 workers x 4 threads, access
log on) on 127.0.0.1, after a few thousand applications in every state were registered through the
case services. The load generator is our own: threads with keep-alive `http.client` connections.

* fixed rate (open loop): request i is due at start + i/rate whatever happened before, and its
  latency is counted from that due time, so a server that falls behind is not excused (no
  coordinated omission);
* max throughput (closed loop): N connections send back to back.

Scenarios: the baseline, a static file served by whitenoise (/static/zfxxgk/site.css); public status
lookups by the JSON API (POST /api/status with correct number/code pairs: only failed lookups are
throttled) and by the portal's HTML page (POST /status/ with its CSRF token, as a browser does);
application submissions (POST /api/applications with an API token made by `create_api_token`); and a
flood: one address posts 1,000 applications to the portal's form as fast as 4 connections can, while
other citizens look up their cases at a fixed rate and apply from their own addresses. The server runs
behind a simulated proxy (ZFXXGK_TRUSTED_PROXIES=1, each client's address in X-Forwarded-For) with the
CAPTCHA off, so that what stops the flood is the per-address limit (ZFXXGK_APPLY_PER_ADDRESS_PER_DAY,
default 10).
Targets: p99 < 50 ms for lookups at 200 requests/s; during the flood, exactly the limit accepted from
the flooding address and p99 < 50 ms for everyone else's lookups.

`--tuned` runs the same with the database settings this benchmark recommended (a settings module of its
own on top of zfxxgk.site.settings): persistent connections (CONN_MAX_AGE=60 with health checks) and, for
SQLite, WAL with synchronous=NORMAL and IMMEDIATE transactions. These are now the shipped defaults, so
both runs should agree; the flag stays to compare against future changes.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"  # loopback only
PG_SERVER = os.environ.get("ZFXXGK_BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
PG_ADMIN_DB = "test"  # an existing database to connect to while creating and dropping ours
PG_DB = "zfxxgk_bench"
HARD_LIMIT_S = 900  # the whole run stops by itself after this, whatever happens
TARGET_P99_MS = 50.0


# --- the load generator ------------------------------------------------------------------------------

@dataclass
class Result:
    name: str
    mode: str  # "rate 200/s" or "max, 8 conn"
    latencies: list[float] = field(default_factory=list)  # ms, successful requests
    statuses: dict[int, int] = field(default_factory=dict)  # answers by HTTP status
    errors: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0
    target: float | None = None

    @property
    def ok(self) -> int:
        return len(self.latencies)

    @property
    def failed(self) -> int:
        return sum(self.errors.values())

    def pct(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        s = sorted(self.latencies)
        return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]

    @property
    def throughput(self) -> float:
        return self.ok / self.elapsed if self.elapsed else 0.0


class Client:
    """One keep-alive connection with its own cookies (a browser tab, or an integrating system)."""

    def __init__(self, port: int):
        self.port = port
        self.conn: http.client.HTTPConnection | None = None
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> tuple[int, bytes]:
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):  # a keep-alive connection the server closed is reopened once
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=10)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
            except (ConnectionError, http.client.HTTPException, OSError):
                self.close()
                if attempt == 2:
                    raise
                continue
            for value in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return response.status, data
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


# A request maker: (client, i) -> (status expected, status, body). Makes one request on the client.
def run_rate(name: str, port: int, make, rate: float, duration: float, threads: int = 16, prepare=None) -> Result:
    """Open loop: request i is due at t0 + i/rate; latency runs from its due time."""
    total = int(rate * duration)
    result = Result(name, f"rate {rate:g}/s", target=rate)
    lock = threading.Lock()
    counter = iter(range(total))
    clients = [Client(port) for _ in range(threads)]
    if prepare:
        for c in clients:
            prepare(c)
    t0 = time.perf_counter() + 0.05
    deadline = t0 + duration + 10  # nothing is sent after this, whatever the backlog

    def work(client: Client) -> None:
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            due = t0 + i / rate
            now = time.perf_counter()
            if now < due:
                time.sleep(due - now)
            elif now > deadline:
                with lock:
                    result.errors["not sent (generator behind)"] = result.errors.get("not sent (generator behind)", 0) + 1
                continue
            _one(client, make, i, result, lock, due)

    _run_threads(work, clients)
    result.elapsed = time.perf_counter() - t0
    return result


def run_max(name: str, port: int, make, duration: float, connections: int = 8, prepare=None, total: int | None = None) -> Result:
    """Closed loop: each connection sends its next request when the previous one is answered, for
    ``duration`` seconds or, with ``total``, until that many requests have been answered."""
    result = Result(name, f"{total} req, {connections} conn" if total else f"max, {connections} conn")
    lock = threading.Lock()
    clients = [Client(port) for _ in range(connections)]
    if prepare:
        for c in clients:
            prepare(c)
    counter = iter(range(total or 10**9))
    t0 = time.perf_counter()
    stop = t0 + duration

    def work(client: Client) -> None:
        while time.perf_counter() < stop:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            _one(client, make, i, result, lock, time.perf_counter())

    _run_threads(work, clients)
    result.elapsed = time.perf_counter() - t0
    return result


def _one(client: Client, make, i: int, result: Result, lock, start: float) -> None:
    try:
        expected, status, body = make(client, i)
    except Exception as exc:  # noqa: BLE001 - any failure is counted, the run goes on
        key = type(exc).__name__
    else:
        key = None if status == expected else f"HTTP {status}"
    ms = (time.perf_counter() - start) * 1000
    with lock:
        if key is None or key.startswith("HTTP"):
            result.statuses[status] = result.statuses.get(status, 0) + 1
        if key is None:
            result.latencies.append(ms)
        else:
            result.errors[key] = result.errors.get(key, 0) + 1


def _run_threads(work, clients) -> None:
    pool = [threading.Thread(target=work, args=(c,), daemon=True) for c in clients]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    for c in clients:
        c.close()


# --- the requests ------------------------------------------------------------------------------------

def static_file(client: Client, i: int):
    status, _ = client.request("GET", "/static/zfxxgk/site.css")
    return 200, status, b""


def api_status(pairs):
    def make(client: Client, i: int):
        number, code = pairs[(i * 7919) % len(pairs)]
        body = json.dumps({"number": number, "code": code}, ensure_ascii=False).encode()
        status, data = client.request("POST", "/api/status", body, {"Content-Type": "application/json"})
        return 200, status, data
    return make


_CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def html_prepare(client: Client) -> None:
    """Open the status page once, as a browser does: a CSRF cookie and the form's token."""
    status, body = client.request("GET", "/status/")
    found = _CSRF.search(body)
    if status != 200 or not found:
        raise RuntimeError(f"GET /status/ answered {status} without a CSRF token")
    client.csrf = found.group(1).decode()


def html_status(pairs):
    def make(client: Client, i: int):
        number, code = pairs[(i * 7919) % len(pairs)]
        form = urlencode({"csrfmiddlewaretoken": client.csrf, "number": number, "code": code}).encode()
        status, body = client.request("POST", "/status/", form, {
            "Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://{HOST}:{client.port}/status/"})
        if status == 200 and "办理情况".encode() not in body:
            status = 599  # a page without the result is a failure
        return 200, status, body
    return make


def api_submit(token: str):
    kinds = ["natural_person", "commercial", "research", "legal_service"]

    def make(client: Client, i: int):
        body = json.dumps({
            "applicant_kind": kinds[i % len(kinds)], "applicant_name": f"压测申请人{i}", "contact_person": "联系人",
            "phone": "0731-57800000", "email": f"bench{i}@example.cn",
            "description": f"压测：2024年第{i}号文件的公开", "channel": "internet",
        }, ensure_ascii=False).encode()
        status, data = client.request("POST", "/api/applications", body, {
            "Content-Type": "application/json", "Authorization": f"Bearer {token}"})
        return 201, status, data
    return make


def _resident_id(i: int) -> str:
    from zfxxgk.portal.checks import resident_id_check_char

    first17 = f"43032119900101{i % 1000:03d}"
    return first17 + resident_id_check_char(first17)


def apply_prepare(agency: str, address: str | None):
    """Open the agency's application form once, as a browser does (CSRF cookie and token); the
    client's address travels in X-Forwarded-For (the server trusts one proxy, as behind nginx)."""
    def prepare(client: Client) -> None:
        client.address = address or f"198.51.100.{id(client) % 250 + 1}"
        status, body = client.request("GET", f"/apply/{agency}/", headers={"X-Forwarded-For": client.address})
        found = _CSRF.search(body)
        if status != 200 or not found:
            raise RuntimeError(f"GET /apply/{agency}/ answered {status} without a CSRF token")
        client.csrf = found.group(1).decode()
    return prepare


def portal_apply(agency: str, expected: int):
    def make(client: Client, i: int):
        form = urlencode({
            "csrfmiddlewaretoken": client.csrf, "applicant_kind": "natural_person", "applicant_name": f"压测{i}",
            "id_type": "resident_id", "id_number": _resident_id(i), "phone": "13800000000", "email": "",
            "address": "", "contact_person": "", "description": f"压测：2024年第{i}号文件的公开", "document_number": "",
            "requested_form": "electronic", "delivery": "pickup",
        }).encode()
        status, body = client.request("POST", f"/apply/{agency}/", form, {
            "Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://{HOST}:{client.port}/apply/{agency}/",
            "X-Forwarded-For": client.address})
        return expected, status, body
    return make


def flood(p: "Platform", rate: float, seconds: float) -> list[Result]:
    """1,000 applications from one address, while others look up (fixed rate) and apply (2/s)."""
    out: dict[str, Result] = {}
    jobs = {
        # Refusals are what the flood should get: their latency is the one measured.
        "flood": lambda: run_max("flood: 1 address, 1000 x", p.port, portal_apply("yx2", 429), HARD_LIMIT_S / 3, 4,
                                 prepare=apply_prepare("yx2", "203.0.113.66"), total=1000),
        "lookups": lambda: run_rate("others: POST /api/status", p.port, api_status(p.pairs), rate, seconds),
        "apply": lambda: run_rate("others: apply (own addr.)", p.port, portal_apply("yx3", 302), 2, seconds, threads=4,
                                  prepare=apply_prepare("yx3", None)),
    }
    threads = [threading.Thread(target=lambda k=k, job=job: out.__setitem__(k, job()), daemon=True) for k, job in jobs.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [out["flood"], out["lookups"], out["apply"]]


# --- the platform under test -------------------------------------------------------------------------

SETUP = r'''
import json, random, sys
from datetime import date, timedelta
import django
django.setup()
from django.core.management import call_command
from django.db import transaction
from zfxxgk.agencies.models import Agency
from zfxxgk.cases import services as s

call_command("migrate", verbosity=0)
n = int(sys.argv[1])
rng = random.Random(7)
with transaction.atomic():
    county = Agency.objects.create(name="压测县人民政府", code="yxz", is_government=True, number_pattern="压县依申〔{year}〕{seq}号")
    agencies = [county] + [Agency.objects.create(name=f"压测县第{k}局", code=f"yx{k}", parent=county,
                                                 number_pattern=f"压{k}依申〔{{year}}〕{{seq}}号") for k in range(1, 6)]
    today = s.today()
    pairs = []
    for i in range(n):
        agency = agencies[i % len(agencies)]
        submitted = today - timedelta(days=rng.randrange(0, 120))
        channel = "internet" if i % 5 == 0 else "in_person"
        app = s.register(agency, s.NewApplication(
            "natural_person" if i % 3 else "commercial", f"申请人{i}", f"第{i}件：某年度某项目的立项批复文件",
            channel, submitted, phone="13800000000", contact_person="联系人"))
        kind = i % 10
        if channel == "in_person" and kind in (1, 2, 3, 4) and app.received_on <= today:
            s.answer(app, min(today, app.received_on + timedelta(days=rng.randrange(0, 25))), "granted", None, "已提供")
        elif channel == "in_person" and kind == 5:
            s.request_correction(app, app.received_on, app.received_on + timedelta(days=15), "请说明文件名称")
        elif channel == "internet" and kind == 0 and i % 2:
            s.confirm_receipt(app, submitted)
        pairs.append((app.number, app.query_code))
json.dump(pairs, sys.stdout, ensure_ascii=False)
'''


TUNED_SETTINGS = """from zfxxgk.site.settings import *  # noqa: F401,F403

_db = DATABASES["default"]  # noqa: F405
_db["CONN_MAX_AGE"] = 60  # a PostgreSQL backend per request costs ~12 ms of server CPU (fork, catalogue caches)
_db["CONN_HEALTH_CHECKS"] = True
if _db["ENGINE"].endswith("sqlite3"):
    # WAL: readers never wait for the writer, and a commit is not an fsync; IMMEDIATE: writers queue
    # on busy_timeout instead of failing with "database is locked" when a read turns into a write.
    _db.setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
"""


def machine_busy(seconds: float = 1.0) -> float:
    """The share of all CPUs busy over ``seconds`` (/proc/stat): other work on the machine skews every figure."""
    def sample():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return sum(v), v[3] + v[4]
    try:
        t0, i0 = sample()
        time.sleep(seconds)
        t1, i1 = sample()
    except OSError:
        return float("nan")
    return 1 - (i1 - i0) / max(1, t1 - t0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/{PG_ADMIN_DB}", autocommit=True) as conn:
        conn.execute(sql)


class Platform:
    """A data folder, its database, and `zfxxgk serve` on a free loopback port."""

    def __init__(self, postgres: bool, applications: int, tuned: bool = False):
        self.postgres = postgres
        self.applications = applications
        self.dir = Path(tempfile.mkdtemp(prefix="zfxxgk-bench-"))
        self.port = free_port()
        self.env = {**os.environ, "ZFXXGK_DATA": str(self.dir), "DJANGO_SETTINGS_MODULE": "zfxxgk.site.settings",
                    "ZFXXGK_SECRET_KEY": "bench-" + "x" * 50, "ZFXXGK_LOG_LEVEL": "ERROR",
                    "PYTHONPATH": str(ROOT / "src"),
                    # Each load client stands for one citizen behind a proxy (X-Forwarded-For); the CAPTCHA is
                    # off so that the flood meets the per-address limit rather than the picture.
                    "ZFXXGK_TRUSTED_PROXIES": "1", "ZFXXGK_CAPTCHA": "off"}
        self.env.pop("ZFXXGK_DEBUG", None)
        if tuned:
            (self.dir / "bench_tuned_settings.py").write_text(TUNED_SETTINGS)
            self.env["PYTHONPATH"] += os.pathsep + str(self.dir)
            self.env["DJANGO_SETTINGS_MODULE"] = "bench_tuned_settings"
        if postgres:
            self.env["DATABASE_URL"] = f"{PG_SERVER}/{PG_DB}"
        else:
            self.env.pop("DATABASE_URL", None)
        self.server: subprocess.Popen | None = None
        self.pairs: list[tuple[str, str]] = []
        self.token = ""

    def __enter__(self) -> "Platform":
        try:
            self._start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _start(self) -> None:
        if self.postgres:
            pg_admin(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
            pg_admin(f"CREATE DATABASE {PG_DB}")
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", SETUP, str(self.applications)], env=self.env, cwd=self.dir,
                             capture_output=True, text=True, timeout=600)
        if out.returncode:
            raise RuntimeError(f"loading the applications failed:\n{out.stderr[-3000:]}")
        self.pairs = [tuple(p) for p in json.loads(out.stdout)]
        token = subprocess.run([str(BIN / "zfxxgk"), "manage", "create_api_token", "yx1", "压测系统"], env=self.env,
                               cwd=self.dir, capture_output=True, text=True, timeout=120)
        if token.returncode:
            raise RuntimeError(f"create_api_token failed:\n{token.stderr[-3000:]}")
        self.token = token.stdout.strip().splitlines()[-1]
        print(f"   {len(self.pairs)} applications loaded in {time.perf_counter() - t:.1f} s; API token created")
        self.log = open(self.dir / "server.log", "w")
        self.server = subprocess.Popen([str(BIN / "zfxxgk"), "serve", "--no-sample", "--host", HOST, "--port", str(self.port)],
                                       env=self.env, cwd=self.dir, stdout=self.log, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.server.poll() is not None:
                raise RuntimeError(f"the server stopped:\n{(self.dir / 'server.log').read_text()[-3000:]}")
            try:
                status, _ = Client(self.port).request("GET", "/static/zfxxgk/site.css")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("the server did not answer within 60 s")

    def count_online(self, agency: str) -> int:
        code = ("from zfxxgk.cases.models import Application; import django; "
                f"print(Application.objects.filter(agency__code='{agency}', channel='internet', applicant_name__startswith='压测').count())")
        out = subprocess.run([str(BIN / "zfxxgk"), "manage", "shell", "-c", code], env=self.env, cwd=self.dir,
                             capture_output=True, text=True, timeout=120)
        return int(out.stdout.strip().splitlines()[-1]) if out.returncode == 0 else -1

    def __exit__(self, *exc) -> None:
        if self.server is not None and self.server.poll() is None:
            os.killpg(self.server.pid, signal.SIGTERM)  # gunicorn's master and its workers, our own process group
            try:
                self.server.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.server.pid, signal.SIGKILL)
                self.server.wait(5)
        if getattr(self, "log", None):
            self.log.close()
        if self.postgres:
            try:
                pg_admin(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
            except Exception as e:  # noqa: BLE001
                print(f"   (could not drop database {PG_DB}: {e})")
        shutil.rmtree(self.dir, ignore_errors=True)


# --- the run -----------------------------------------------------------------------------------------

def table(results: list[Result], baselines: dict[str, Result]) -> None:
    head = f"{'scenario':<26} {'mode':<14} {'ok':>6} {'errors':>6} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} {'p99 / static':>12}"
    print(head)
    print("-" * len(head))
    for r in results:
        base = baselines.get(r.mode)
        ratio = f"{r.pct(99) / base.pct(99):.1f}x" if base and base is not r and base.latencies and r.latencies else ""
        print(f"{r.name:<26} {r.mode:<14} {r.ok:>6} {r.failed:>6} {r.throughput:>7.1f} {r.pct(50):>7.1f} {r.pct(99):>7.1f} "
              f"{max(r.latencies, default=float('nan')):>7.1f} {ratio:>12}")
        if r.errors:
            print(f"{'':<26} errors: {', '.join(f'{k} x{v}' for k, v in r.errors.items())}")


def _too_long(signum, frame):
    raise TimeoutError(f"bench/web.py ran over {HARD_LIMIT_S} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="500 applications, 5-second runs")
    parser.add_argument("--postgres", action="store_true", help=f"PostgreSQL ({PG_SERVER}/{PG_DB}) instead of SQLite")
    parser.add_argument("--tuned", action="store_true", help="with the recommended database settings (see the module's doc)")
    parser.add_argument("--rate", type=float, default=200.0, help="fixed rate of the lookups (requests/s)")
    parser.add_argument("--submit-rate", type=float, default=20.0, help="fixed rate of the submissions (requests/s)")
    parser.add_argument("--flood-only", action="store_true", help="only the static baseline and the flood")
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _too_long)  # the server is stopped (and the database dropped) on the way out
    signal.alarm(HARD_LIMIT_S)

    n = 500 if args.quick else 3000
    rate_s = 5.0 if args.quick else 20.0  # each fixed-rate run
    max_s = 4.0 if args.quick else 10.0  # each max-throughput run
    db = "PostgreSQL" if args.postgres else "SQLite"
    conf = "recommended settings (--tuned)" if args.tuned else f"settings as shipped (CONN_MAX_AGE={os.environ.get('ZFXXGK_CONN_MAX_AGE', '60')} on PostgreSQL)"
    print(f"== web: zfxxgk serve (gunicorn 2 workers x 4 threads) on {db}, {conf}, {os.cpu_count()} CPUs, loopback only")
    print(f"   machine busy before the run (other processes): {machine_busy() * 100:.0f}% of the CPUs")
    results: list[Result] = []
    with Platform(args.postgres, n, args.tuned) as p:
        pairs = p.pairs
        run_rate("warm-up", p.port, api_status(pairs), 100, 1.0, threads=4)  # workers import lazily; not reported
        plan = [
            lambda: run_rate("static site.css (baseline)", p.port, static_file, args.rate, rate_s),
            lambda: run_rate("POST /api/status", p.port, api_status(pairs), args.rate, rate_s),
            lambda: run_rate("POST /status/ (HTML)", p.port, html_status(pairs), args.rate, rate_s, prepare=html_prepare),
            lambda: run_max("static site.css (baseline)", p.port, static_file, max_s),
            lambda: run_max("POST /api/status", p.port, api_status(pairs), max_s),
            lambda: run_max("POST /status/ (HTML)", p.port, html_status(pairs), max_s, prepare=html_prepare),
            lambda: run_rate("POST /api/applications", p.port, api_submit(p.token), args.submit_rate, rate_s, threads=8),
        ]
        for step in plan[:1] if args.flood_only else plan:
            r = step()
            print(f"   {r.name:<26} {r.mode:<14} done: {r.ok} ok, {r.failed} failed, {r.throughput:.0f} req/s")
            results.append(r)
        flooded = flood(p, args.rate, rate_s)
        for r in flooded:
            print(f"   {r.name:<26} {r.mode:<14} done: {r.ok} ok, {r.failed} failed, {r.throughput:.0f} req/s")
        results.extend(flooded)
        accepted = p.count_online("yx2")
    print(f"   machine busy after the run (other processes): {machine_busy() * 100:.0f}% of the CPUs")
    baselines = {r.mode: r for r in results if r.name.startswith("static")}
    for r in results:  # the submissions run at their own rate: compare with the static file at the lookups' rate
        if r.mode not in baselines and r.mode.startswith("rate"):
            baselines[r.mode] = baselines.get(f"rate {args.rate:g}/s")
    print()
    table(results, baselines)
    lookups = [r for r in results if "status" in r.name and r.mode.startswith("rate")]
    print()
    for r in lookups:
        verdict = "met" if r.pct(99) < TARGET_P99_MS and r.throughput >= 0.95 * args.rate and not r.failed else "MISSED"
        print(f"target p99 < {TARGET_P99_MS:g} ms at {args.rate:g} req/s, {r.name}: {verdict} (p99 {r.pct(99):.1f} ms, {r.throughput:.0f} req/s)")
    fl = flooded[0]
    limit = int(os.environ.get("ZFXXGK_APPLY_PER_ADDRESS_PER_DAY", "10"))
    answers = ", ".join(f"HTTP {k} x{v}" for k, v in sorted(fl.statuses.items()))
    verdict = "met" if accepted == limit and fl.statuses.get(429, 0) == 1000 - limit else "MISSED"
    print(f"flood: {answers}; stored {accepted} applications from the flooding address (limit {limit}): {verdict}; "
          f"refusals p50 {fl.pct(50):.1f} ms")
    signal.alarm(0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
