"""Benchmark of tables 三 and 四 from the 台账 (zfxxgk.cases.stats), beside a naive Python count.

    .venv/bin/python bench/stats.py                      # SQLite (a temporary file)
    .venv/bin/python bench/stats.py --postgres           # PostgreSQL (ZFXXGK_TEST_PG_URL, default
                                                         #   postgresql://postgres@127.0.0.1:5432/test)
    .venv/bin/python bench/stats.py --quick [--postgres] # 10,000 + 100,000 rows, for a smoke run

The script creates its own throw-away database (``test_zfxxgk_bench_stats`` on the PostgreSQL
server, a temporary file for SQLite) with Django's test-database machinery, migrates it, loads it
with ``bulk_create`` in batches of 10,000 (no COPY), runs ``(VACUUM) ANALYZE`` as a live
database's autovacuum would, and drops it at the end.

1. one agency with 100,000 applications (--quick: 10,000): ``report_tables(agency, 2024)``;
2. 200 more agencies with 1,000,000 applications between them (--quick: 100,000):
   ``report_tables(<queryset of the 200>, 2024)``, the same with a list of their ids, and again one
   agency (the big one, and one of the 200), now in a table of 1.1M rows.

Applications are received between 2022-01-01 and 2025-06-30, interleaved across agencies (as they
arrive in life, so an agency's rows are spread over the whole table), mostly answered within 60
days (a few stay open, 2 % await confirmation of receipt); every 50th has an appeal. Each timing
is the median of 3 runs after one warm-up. The baseline, measured in the same run over the same
rows, is the naive way: iterate ``values_list(applicant_kind, received_on, outcome, closed_on)``
of the agencies' applications (and their appeals) and count in Python. Both results must be
equal, or the script fails. Ratio = baseline / ours (how many times faster aggregation is).

``--explain`` prints the plan of the table-三 query; ``--covering-index`` then adds an index the
query can be answered from alone and times again (it helps SQLite, not PostgreSQL).

Loading is Django building INSERTs (~2,000–4,000 rows/s here): the 1M case takes about 4 minutes
on PostgreSQL and 5–8 on SQLite on a 2-core machine. That is slow but workable, so both sizes run on
both backends; use --quick for a smoke run.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

YEAR = 2024
START, END = date(2022, 1, 1), date(2025, 6, 30)  # END is "today" for the generated 台账
BATCH = 10_000


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="10,000 + 100,000 applications instead of 100,000 + 1,000,000")
    ap.add_argument("--postgres", action="store_true", help="run against PostgreSQL instead of SQLite")
    ap.add_argument("--explain", action="store_true", help="print the query plans of the table-三 query")
    ap.add_argument("--covering-index", action="store_true",
                    help="experiment: after the timings, add an index covering the table-三 query and time again")
    return ap.parse_args()


def setup_django(postgres: bool):
    os.environ["DJANGO_SETTINGS_MODULE"] = "zfxxgk.site.test_settings"
    if postgres:
        os.environ["ZFXXGK_TEST_DB"] = "postgres"
    else:
        os.environ.pop("ZFXXGK_TEST_DB", None)
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases

    tmp = None
    if postgres:
        connection.settings_dict["TEST"]["NAME"] = "test_zfxxgk_bench_stats"  # apart from pytest's test_test
    else:
        tmp = tempfile.mkdtemp(prefix="zfxxgk-bench-")
        connection.settings_dict["TEST"]["NAME"] = os.path.join(tmp, "bench.sqlite3")
    config = setup_databases(verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set())
    return config, tmp


# --- loading ---------------------------------------------------------------------------------------

def load(agencies, n: int, rng: random.Random, first_seq: int) -> float:
    """Bulk-load ``n`` applications spread over ``agencies`` (and every 50th one's appeal)."""
    from zfxxgk.cases.models import Appeal, Application
    from zfxxgk.standard import format2021 as f21

    kinds = list(f21.APPLICANT_KEYS)
    kind_weights = [70, 12, 3, 3, 6, 6]
    leaves = list(f21.LEAF_KEYS)
    leaf_weights = [30, 10] + [1] * 8 + [15, 3, 2] + [2] * 5 + [3, 1, 5]
    groups = ["reconsideration", "litigation_direct", "litigation_after_reconsideration"]
    results = ["upheld", "corrected", "other", "pending"]
    days = (END - START).days
    started = time.perf_counter()
    done = 0
    while done < n:
        objs = []
        for i in range(first_seq + done, first_seq + min(done + BATCH, n)):
            agency = agencies[i % len(agencies)]
            submitted = START + timedelta(days=rng.randrange(days + 1))
            received = None if rng.random() < 0.02 else submitted
            closed = outcome = None
            if received is not None and rng.random() < 0.95:
                closed = received + timedelta(days=rng.randint(1, 60))
                if closed > END:
                    closed = None
                else:
                    outcome = rng.choices(leaves, leaf_weights)[0]
            objs.append(Application(
                agency=agency, year=submitted.year, seq=i, number=f"{agency.code}-{i}", query_code=f"B{i:011d}",
                applicant_kind=rng.choices(kinds, kind_weights)[0], applicant_name="申请人", phone="13800000000",
                channel="in_person" if received else "internet", submitted_on=submitted, received_on=received,
                description="某项政府信息", state="closed" if outcome else ("processing" if received else "awaiting_confirmation"),
                outcome=outcome, closed_on=closed,
            ))
        Application.objects.bulk_create(objs, batch_size=BATCH)
        appeals = []
        for app in objs[::50]:
            filed = (app.closed_on or app.submitted_on) + timedelta(days=rng.randint(0, 60))
            result = rng.choice(results)
            decided = None if result == "pending" else filed + timedelta(days=rng.randint(10, 200))
            appeals.append(Appeal(application=app, kind=rng.choice(groups), filed_on=filed, result=result, decided_on=decided))
        Appeal.objects.bulk_create(appeals, batch_size=BATCH)
        done += len(objs)
    return time.perf_counter() - started


def add_covering_index() -> None:
    """An index the table-三 query can answer from alone (PostgreSQL: index-only scan)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("CREATE INDEX bench_app_stats ON cases_application (agency_id, received_on) "
                           "INCLUDE (closed_on, applicant_kind, outcome)")
            cursor.execute("VACUUM ANALYZE cases_application")
        else:
            cursor.execute("CREATE INDEX bench_app_stats ON cases_application "
                           "(agency_id, received_on, closed_on, applicant_kind, outcome)")
            cursor.execute("ANALYZE")


def analyze():
    from django.db import connection

    with connection.cursor() as cursor:  # PostgreSQL: what autovacuum does to a freshly loaded table
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


# --- the baseline ------------------------------------------------------------------------------------

def naive(agency_ids, year: int) -> dict[str, int]:
    """Iterate the agencies' rows and count in Python (what one writes without aggregation)."""
    from zfxxgk.cases.models import Appeal, Application
    from zfxxgk.standard import format2021 as f21

    start, end = date(year, 1, 1), date(year, 12, 31)
    c = Counter()
    rows = (Application.objects.filter(agency_id__in=agency_ids).order_by()
            .values_list("applicant_kind", "received_on", "outcome", "closed_on").iterator(chunk_size=BATCH))
    for kind, received, outcome, closed in rows:
        if received is None:
            continue
        if start <= received <= end:
            c["new_received", kind] += 1
        if received < start and (closed is None or closed >= start):
            c["carried_over", kind] += 1
        if closed is not None and start <= closed <= end and received <= end:
            c[outcome, kind] += 1
            c["total", kind] += 1
        if received <= end and (closed is None or closed > end):
            c["carried_forward", kind] += 1
    out = {}
    for r in f21.ROW_KEYS:
        for k in f21.APPLICANT_KEYS:
            out[f"requests.{r}.{k}"] = c[r, k]
        out[f"requests.{r}.total"] = sum(c[r, k] for k in f21.APPLICANT_KEYS)
    a = Counter()
    appeals = (Appeal.objects.filter(application__agency_id__in=agency_ids).order_by()
               .values_list("kind", "filed_on", "result", "decided_on").iterator(chunk_size=BATCH))
    for kind, filed, result, decided in appeals:
        if start <= filed <= end:
            known = result != "pending" and decided is not None and decided <= end
            a[kind, result if known else "pending"] += 1
            a[kind, "total"] += 1
    for g, _ in f21.APPEAL_GROUPS:
        for m, _ in f21.APPEAL_MEASURES:
            out[f"appeals.{g}.{m}"] = a[g, m]
    return out


def median_time(fn, runs: int = 3):
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def compare(label: str, agencies_arg, agency_ids, explain: bool) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zfxxgk.cases.stats import report_tables

    with CaptureQueriesContext(connection) as ctx:
        report_tables(agencies_arg, YEAR)  # warm-up, and the queries it sends
    ours, doc = median_time(lambda: report_tables(agencies_arg, YEAR))
    base, expected = median_time(lambda: naive(agency_ids, YEAR))
    got = {p: c.value for p, c in doc.cells.items()}
    if got != expected:
        diff = {p: (got.get(p), expected.get(p)) for p in expected if got.get(p) != expected.get(p)}
        raise SystemExit(f"{label}: report_tables differs from the naive count: {diff}")
    print(f"  {label:<44} report_tables {ours:8.3f} s ({len(ctx.captured_queries)} queries)   "
          f"naive {base:8.3f} s   ratio {base / ours:7.1f}×   "
          f"[R01+R02={doc['requests.new_received.total'] + doc['requests.carried_over.total']}]")
    if explain:
        table3 = next(q["sql"] for q in ctx.captured_queries if "cases_application" in q["sql"] and "COUNT" in q["sql"])
        with connection.cursor() as cursor:
            cursor.execute(("EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN ") + table3)
            for row in cursor.fetchall():
                print("      " + " ".join(str(x) for x in row))


def main() -> None:
    args = parse_args()
    config, tmp = setup_django(args.postgres)
    from django.db import connection
    from django.test.utils import teardown_databases

    from zfxxgk.agencies.models import Agency

    n_one, n_many, n_agencies = (10_000, 100_000, 200) if args.quick else (100_000, 1_000_000, 200)
    version = connection.cursor().connection.info.server_version if args.postgres else __import__("sqlite3").sqlite_version
    print(f"backend: {connection.vendor} {version}; database {connection.settings_dict['NAME']}")
    rng = random.Random(2024)
    try:
        big = Agency.objects.create(name="大机关", code="big")
        seconds = load([big], n_one, rng, 1)
        analyze()
        print(f"load 1: {n_one:>9,} applications, 1 agency      {seconds:7.1f} s ({n_one / seconds:,.0f} rows/s)")
        compare(f"1 agency, {n_one:,} rows", big, [big.pk], args.explain)

        many = Agency.objects.bulk_create([Agency(name=f"机关{i:03d}", code=f"a{i:03d}") for i in range(n_agencies)])
        many = list(Agency.objects.filter(code__startswith="a").order_by("code"))
        seconds = load(many, n_many, rng, n_one + 1)
        analyze()
        print(f"load 2: {n_many:>9,} applications, {n_agencies} agencies {seconds:7.1f} s ({n_many / seconds:,.0f} rows/s)")
        compare(f"{n_agencies} agencies, {n_many:,} rows (queryset)", Agency.objects.filter(code__startswith="a"),
                [a.pk for a in many], args.explain)
        compare(f"{n_agencies} agencies, {n_many:,} rows (list of ids)", [a.pk for a in many], [a.pk for a in many], False)
        compare(f"1 agency, {n_one:,} rows of {n_one + n_many:,}", big, [big.pk], args.explain)
        compare(f"1 agency, {n_many // n_agencies:,} rows of {n_one + n_many:,}", many[0], [many[0].pk], args.explain)
        if args.covering_index:
            add_covering_index()
            print("with a covering index on (agency_id, received_on) + closed_on, applicant_kind, outcome:")
            compare(f"{n_agencies} agencies, {n_many:,} rows (queryset)", Agency.objects.filter(code__startswith="a"),
                    [a.pk for a in many], args.explain)
            compare(f"1 agency, {n_one:,} rows of {n_one + n_many:,}", big, [big.pk], args.explain)
            compare(f"1 agency, {n_many // n_agencies:,} rows of {n_one + n_many:,}", many[0], [many[0].pk], args.explain)
    finally:
        teardown_databases(config, verbosity=0)
        if tmp:
            for f in Path(tmp).iterdir():
                f.unlink()
            os.rmdir(tmp)


if __name__ == "__main__":
    main()
