"""Generate a county of 500 agencies and 1,000,000 applications on PostgreSQL, for bench/annual.py.

    .venv/bin/python bench/gen_county.py                # 500 agencies, 1,000,000 applications (+ appeals)
    .venv/bin/python bench/gen_county.py --quick        # 50 agencies, 50,000 applications
    .venv/bin/python bench/gen_county.py --keep         # leave the database for bench/annual.py --reuse

The database is its own (``zfxxgk_bench_annual`` on ``ZFXXGK_BENCH_PG``, default
postgresql://postgres@127.0.0.1:5432), created and migrated here and dropped at the end unless
``--keep``. Rows go in with PostgreSQL's COPY (psycopg), not through the ORM: ~1M rows a minute
on 2 cores, indexes and constraints in place (they are part of what a live database pays).

What is generated (``TODAY`` is the engine's clock, fixed so every run sees the same data):

* one county (本级人民政府) with ``n`` departments under it, and a supervisor (``jiandu``);
* the applications received from 2024-01-01 to TODAY, interleaved across agencies as they arrive in
  life; answered within 40 days with an outcome of table 三 drawn with realistic weights, except
  0.2 % left open (overdue: due 30 days after receipt) and those of the last weeks (open, some
  overdue); a third of the last 5 days' awaiting confirmation; every 50th has an appeal
  (行政复议/诉讼) with a result;
* department 0 (“大机关”) has ``BIG`` = 10,000 of them, received in REPORT_YEAR, on top of its
  share (bench/annual.py assembles its report);
* the tallies of the dashboard's live count (zfxxgk.cases.tally), rebuilt from the cases as after
  any import past the models;
* annual reports of REPORT_YEAR: 40 % published (a frozen Version of the live tables), 40 % drafts
  (figures computed from the cases), 20 % none — the dashboard shows every kind.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from web import PG_SERVER, pg_admin  # noqa: E402  (the bench scripts' one PostgreSQL server)

DB_NAME = "zfxxgk_bench_annual"
TODAY = date(2026, 6, 30)  # the engine's clock during the benchmark
START = date(2024, 1, 1)
REPORT_YEAR = 2025
BIG = 10_000
BATCH = 50_000


# --- the database ------------------------------------------------------------------------------------

def create_database(name: str = DB_NAME) -> None:
    pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    pg_admin(f'CREATE DATABASE "{name}"')


def drop_database(name: str = DB_NAME) -> None:
    from django.db import connections

    connections.close_all()
    pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django(name: str = DB_NAME, migrate: bool = True) -> None:
    """Django on the benchmark database (the test settings: no real mail, tasks run at once)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "zfxxgk.site.test_settings"
    os.environ["ZFXXGK_TEST_DB"] = "postgres"
    os.environ["ZFXXGK_TEST_PG_URL"] = f"{PG_SERVER}/{name}"
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test Client's host is allowed
    from zfxxgk.cases import services

    services.today = lambda: TODAY  # the engine's one clock (what tests/conftest.py's clock fixture does)
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


# --- COPY --------------------------------------------------------------------------------------------

def _template(model, overrides: tuple[str, ...]):
    """(columns, a row of defaults, index of each overridden field) for COPY into ``model``'s table."""
    from django.utils import timezone

    fields = [f for f in model._meta.concrete_fields]
    columns = [f.column for f in fields]
    row = []
    for f in fields:
        if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False):
            row.append(timezone.now())
        elif f.has_default():
            row.append(f.get_default())
        elif f.null:
            row.append(None)
        else:
            row.append("")
    index = {name: next(i for i, f in enumerate(fields) if f.name == name or f.attname == name) for name in overrides}
    return columns, row, index


def _copy(model, columns: list[str], rows) -> None:
    from django.db import connection

    table = model._meta.db_table
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor under Django's wrapper
        with raw.copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)


def load_applications(departments, big, n: int, rng: random.Random) -> tuple[int, int]:
    """``n`` applications: the first BIG for ``big`` in REPORT_YEAR, the rest over ``departments``; every
    50th appealed."""
    from django.db import connection

    from zfxxgk.cases.models import Appeal, Application
    from zfxxgk.standard import format2021 as f21

    app_fields = ("id", "agency_id", "year", "seq", "number", "query_code", "applicant_kind", "applicant_name", "phone",
                  "channel", "submitted_on", "received_on", "description", "state", "due_on", "outcome", "closed_on")
    columns, template, ix = _template(Application, app_fields)
    ap_columns, ap_template, ap_ix = _template(Appeal, ("id", "application_id", "kind", "filed_on", "result", "decided_on"))
    kinds, kind_weights = list(f21.APPLICANT_KEYS), [70, 12, 3, 3, 6, 6]
    leaves = list(f21.LEAF_KEYS)
    leaf_weights = [30, 10] + [1] * 8 + [15, 3, 2] + [2] * 5 + [3, 1, 5]
    groups = [g for g, _ in f21.APPEAL_GROUPS]
    results = ["upheld", "corrected", "other", "pending"]
    span = (TODAY - START).days
    year_start, year_days = date(REPORT_YEAR, 1, 1), 365
    appeals: list[list] = []

    def rows():
        for i in range(1, n + 1):
            if i <= BIG:
                agency = big
                submitted = year_start + timedelta(days=rng.randrange(year_days))
            else:
                agency = departments[i % len(departments)]
                submitted = START + timedelta(days=rng.randrange(span + 1))
            # Awaiting confirmation (条例第三十一条) only days after submission; then answered within
            # 40 days, a few (0.2 %) left open and overdue; the last weeks' ones still open.
            received = None if (TODAY - submitted).days < 5 and rng.random() < 0.3 else submitted
            closed = outcome = due = None
            state = "awaiting_confirmation"
            if received is not None:
                state = "processing"
                due = received + timedelta(days=30)
                day = received + timedelta(days=rng.randint(1, 40))
                if day <= TODAY and rng.random() < 0.998:
                    closed, outcome, due, state = day, rng.choices(leaves, leaf_weights)[0], None, "closed"
            row = list(template)
            for name, value in (("id", i), ("agency_id", agency.pk), ("year", submitted.year), ("seq", i),
                                ("number", f"{agency.code}-{i}"), ("query_code", f"B{i:011d}"),
                                ("applicant_kind", rng.choices(kinds, kind_weights)[0]), ("applicant_name", "申请人"),
                                ("phone", "13800000000"), ("channel", "in_person" if received else "internet"),
                                ("submitted_on", submitted), ("received_on", received), ("description", "某项政府信息"),
                                ("state", state), ("due_on", due), ("outcome", outcome), ("closed_on", closed)):
                row[ix[name]] = value
            if i % 50 == 0:
                filed = min(TODAY, (closed or submitted) + timedelta(days=rng.randint(0, 60)))
                result = rng.choice(results)
                decided = None if result == "pending" else filed + timedelta(days=rng.randint(10, 200))
                appeal = list(ap_template)
                for name, value in (("id", len(appeals) + 1), ("application_id", i), ("kind", rng.choice(groups)),
                                    ("filed_on", filed), ("result", result), ("decided_on", decided)):
                    appeal[ap_ix[name]] = value
                appeals.append(appeal)
            yield row

    _copy(Application, columns, rows())
    _copy(Appeal, ap_columns, appeals)
    with connection.cursor() as cursor:
        for table in ("cases_application", "cases_appeal"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    return n, len(appeals)


# --- annual reports --------------------------------------------------------------------------------

TABLE_2 = {"active.regulations.made": 0, "active.regulations.repealed": 0, "active.regulations.in_force": 0,
           "active.normative_documents.made": 1, "active.normative_documents.repealed": 0,
           "active.normative_documents.in_force": 5, "active.licensing": 20, "active.penalty": 4,
           "active.coercion": 0, "active.fees_wan_yuan": 0}


def make_reports(departments, year: int) -> tuple[int, int]:
    """40 % published, 40 % drafts, 20 % none: tables 三/四 from the tallies (two grouped queries)."""
    from zfxxgk.annual.models import AnnualReport, ReportState, Version
    from zfxxgk.annual.tables import pack
    from zfxxgk.cases.tally import tables_by_agency
    from zfxxgk.reports.model import Cell, ReportDocument

    chosen = [a for i, a in enumerate(departments) if i % 5 != 4 and i != 0]  # the big one stays untouched
    tables = tables_by_agency([a.pk for a in chosen], year)
    published, drafts = [], []
    for i, agency in enumerate(chosen):
        cells = {**tables[agency.pk], **TABLE_2}
        (published if i % 2 == 0 else drafts).append((agency, cells))
    # bulk_create bypasses save(): the packed tables (annual.tables) are given here
    AnnualReport.objects.bulk_create(
        [AnnualReport(agency=a, year=year, state=ReportState.PUBLISHED, sections={"overview": f"{a.name}{year}年工作概述。"},
                      figures={p: {"value": v, "source": "cases", "computed": v} for p, v in cells.items()}, tables=pack(cells))
         for a, cells in published]
        + [AnnualReport(agency=a, year=year, state=ReportState.DRAFT, errors=int(i % 3 == 0), warnings=i % 2,
                        figures={p: {"value": v, "source": "cases", "computed": v} for p, v in cells.items()})
           for i, (a, cells) in enumerate(drafts)], batch_size=1000)
    reports = {r.agency_id: r for r in AnnualReport.objects.filter(year=year, state=ReportState.PUBLISHED)}
    versions = []
    for a, cells in published:
        doc = ReportDocument(agency=a.name, year=year, published_on=date(year + 1, 1, 10 + a.pk % 20))
        doc.sections["overview"] = f"{a.name}{year}年工作概述。"
        doc.cells = {p: Cell(v) for p, v in cells.items()}
        versions.append(Version(report=reports[a.pk], number=1, published_on=doc.published_on,
                                document=doc.to_dict(with_sources=True), tables=pack(cells)))
    Version.objects.bulk_create(versions, batch_size=1000)
    return len(published), len(drafts)


def generate(n_agencies: int, n_apps: int, seed: int = 2025) -> dict:
    """Everything bench/annual.py needs, on a migrated empty database; prints what it did."""
    from django.contrib.auth.models import User
    from django.db import connection

    from zfxxgk.agencies.models import Agency, Membership, Role
    from zfxxgk.cases import tally

    rng = random.Random(seed)
    started = time.perf_counter()
    county = Agency.objects.create(name="某某县人民政府", code="county", is_government=True)
    Agency.objects.bulk_create([Agency(name="大机关" if i == 0 else f"某某县第{i:03d}局", code=f"d{i:03d}", parent=county)
                                for i in range(n_agencies)])
    departments = list(Agency.objects.filter(parent=county).order_by("code"))
    supervisor = User.objects.create_user("jiandu")
    Membership.objects.create(user=supervisor, agency=county, role=Role.SUPERVISOR)
    apps, appeals = load_applications(departments, departments[0], n_apps, rng)
    loaded = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # what autovacuum does to a freshly loaded table
    started_tallies = time.perf_counter()
    tally.rebuild()  # COPY went past the models: count the cases as `zfxxgk manage rebuild_tallies` does
    tallies = time.perf_counter() - started_tallies
    published, drafts = make_reports(departments, REPORT_YEAR)
    total = time.perf_counter() - started
    print(f"generated: {n_agencies} agencies, {apps:,} applications, {appeals:,} appeals "
          f"(COPY {loaded:.1f} s, {apps / loaded:,.0f} rows/s; tallies rebuilt in {tallies:.1f} s); {REPORT_YEAR} reports: {published} published, "
          f"{drafts} drafts, {n_agencies - published - drafts} none; {total:.1f} s in all")
    return {"county": county, "big": departments[0], "supervisor": supervisor, "departments": departments}


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="50 agencies and 50,000 applications")
    ap.add_argument("--agencies", type=int)
    ap.add_argument("--applications", type=int)
    ap.add_argument("--keep", action="store_true", help=f"keep the database {DB_NAME} (for bench/annual.py --reuse)")
    return ap.parse_args(argv)


def sizes(args) -> tuple[int, int]:
    default = (50, 50_000) if args.quick else (500, 1_000_000)
    return getattr(args, "agencies", None) or default[0], getattr(args, "applications", None) or default[1]


def main() -> None:
    args = parse_args()
    create_database()
    try:
        setup_django()
        generate(*sizes(args))
    finally:
        if not args.keep:
            drop_database()
        else:
            print(f"kept database {DB_NAME}")


if __name__ == "__main__":
    main()
