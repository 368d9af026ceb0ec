"""Tables 三 and 四 of many agencies at once, from running counts instead of the cases.

    cells = tables_by_agency([a.pk, b.pk], 2025)  # {agency id: {"requests.granted.natural_person": 3, …}}
    cells = tables_together([a.pk, b.pk], 2025)   # {"requests.granted.natural_person": 5, …}: the two summed
    received = received_per_year(ids, [2024, 2025])  # {2024: 812, 2025: 907}
    rebuild()                                      # recount everything from the cases

Why: the county dashboard shows tables 三 and 四 of hundreds of agencies; counting them from the
cases reads every application open at some time in the year (bench/annual.py: ~300,000 of a
1,000,000, over a second on PostgreSQL). The tallies (:mod:`.models.tally`) hold, per agency, how
many applications share an applicant kind, an outcome, a year of receipt and a year of closing (and
likewise for appeals): a county's year is then a sum over a few tens of thousands of small rows.

One definition: a tally row's ``received_on``/``closed_on`` (``filed_on``/``decided_on``) are the
case's days cut to 1 January of their year, and :data:`~.models.tally.OPEN` for "not yet"; every
filter of :mod:`.stats` is bounded by 1 January and 31 December, and cutting a day to its year keeps
which side of such a bound it is on. So the tables here are built from :mod:`.stats`' own filters
(``q_received``, ``q_carried_over``, ``q_closed``, ``q_carried_forward``, ``q_filed``,
``q_appeal_measure``), summing ``n`` where stats counts rows, and equal :func:`.stats.report_tables`
for any cases (tests/cases/test_tally.py holds them equal over random histories).

Kept in step by the models, not by each service (so that no action, import or admin edit can
forget it): every save of an :class:`~.models.Application` or :class:`~.models.Appeal` and every
deletion moves one count from the row of the case as stored to the row of the case as saved, in
the same transaction (:func:`kept_in_step`, called by the models' ``save``; :func:`forget`, by the
``post_delete`` signal). Two actions that move counts of the same rows wait for each other like any
two writers of one row; the row left is always taken before the row entered. Writes that bypass
the models — COPY, ``bulk_create``, ``QuerySet.update``, SQL — leave the tallies behind: run
``zfxxgk manage rebuild_tallies`` (:func:`rebuild`) after them.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import date

from django.apps import apps as installed_apps
from django.db import connections, router, transaction
from django.db.models import Count, F, Sum, Value
from django.db.models.functions import Coalesce, TruncYear

from ..standard import format2021 as f21
from . import stats
from .models.tally import OPEN, AppealTally, ApplicationTally, ReceiptTally

log = logging.getLogger(__name__)


def _year(day: date | None) -> date:
    return OPEN if day is None else date(day.year, 1, 1)


# --- which row a case is counted in ---------------------------------------------------------------------

def _application_key(values: tuple) -> tuple | None:
    """(agency, applicant kind, outcome, year of receipt, year of closing); None while awaiting
    confirmation of receipt (条例第三十一条: counted nowhere)."""
    agency_id, kind, outcome, received_on, closed_on = values
    if received_on is None:
        return None
    return agency_id, kind, outcome or "", _year(received_on), _year(closed_on)


def _appeal_key(values: tuple) -> tuple:
    """(agency of the application, kind, result, year of filing, year of decision)."""
    agency_id, kind, result, filed_on, decided_on = values
    return agency_id, kind, result, _year(filed_on), _year(decided_on)


def _receipt(key: tuple) -> tuple:
    """An application's :class:`ReceiptTally` key, of its :class:`ApplicationTally` key."""
    agency_id, kind, _outcome, received_on, _closed_on = key
    return agency_id, kind, received_on


@dataclass(frozen=True)
class _Counted:
    """How one model is tallied: the fields of its key (as a save names them, and as a query reads
    them stored), their values on an instance, the key made of such values, and the tallies it is
    counted in with each one's key of that key."""

    fields: tuple[str, ...]
    stored: tuple[str, ...]
    held: Callable[[object], tuple]
    key: Callable[[tuple], tuple | None]
    tallies: tuple[tuple[type, Callable[[tuple], tuple]], ...]


def _same(key: tuple) -> tuple:
    return key


_APPLICATIONS = _Counted(
    ("agency", "applicant_kind", "outcome", "received_on", "closed_on"),
    ("agency_id", "applicant_kind", "outcome", "received_on", "closed_on"),
    lambda app: (app.agency_id, app.applicant_kind, app.outcome, app.received_on, app.closed_on),
    _application_key,
    ((ApplicationTally, _same), (ReceiptTally, _receipt)),
)
_APPEALS = _Counted(
    ("application", "kind", "result", "filed_on", "decided_on"),
    ("application__agency_id", "kind", "result", "filed_on", "decided_on"),
    lambda appeal: (appeal.application.agency_id, appeal.kind, appeal.result, appeal.filed_on, appeal.decided_on),
    _appeal_key,
    ((AppealTally, _same),),
)
_KEY_COLUMNS = {  # by model name: the migration's historical models are other classes
    "ApplicationTally": ("agency_id", "applicant_kind", "outcome", "received_on", "closed_on"),
    "ReceiptTally": ("agency_id", "applicant_kind", "received_on"),
    "AppealTally": ("agency_id", "kind", "result", "filed_on", "decided_on"),
}


def _counted(instance) -> _Counted:
    return _APPLICATIONS if instance._meta.concrete_model._meta.model_name == "application" else _APPEALS


# --- keeping them in step ---------------------------------------------------------------------------------

@contextmanager
def kept_in_step(instance, update_fields: Iterable[str] | None = None, using: str | None = None):
    """Around the save of an application or an appeal: the stored row's key is read (and the row
    locked) before, the saved one's after, and a changed key moves one count — in the transaction
    of the save (one is opened if the caller has none)."""
    counted = _counted(instance)
    written = None if update_fields is None else {instance._meta.get_field(f).name for f in update_fields}
    if written is not None and written.isdisjoint(counted.fields):
        yield
        return
    using = using or router.db_for_write(type(instance), instance=instance)
    connection = connections[using]
    with nullcontext() if connection.in_atomic_block else transaction.atomic(using=using):
        stored = None
        if instance.pk is not None:
            # The stored row, not the instance: the instance may have been read before another change.
            stored = (type(instance)._default_manager.using(using).select_for_update(of=("self",))
                      .filter(pk=instance.pk).values_list(*counted.stored).first())
        yield
        after = counted.held(instance)
        if written is not None and stored is not None:  # the fields not written stay as stored
            after = tuple(new if f in written else old for f, new, old in zip(counted.fields, after, stored))
        _move(counted, None if stored is None else counted.key(stored), counted.key(after), using)


def forget(instance, using: str) -> None:
    """After the deletion of an application or an appeal (the ``post_delete`` signal, inside the
    deletion's transaction): its count goes."""
    counted = _counted(instance)
    _move(counted, counted.key(counted.held(instance)), None, using)


def _move(counted: _Counted, before: tuple | None, after: tuple | None, using: str) -> None:
    for tally, key in counted.tallies:
        left, entered = before and key(before), after and key(after)
        if left == entered:
            continue
        # The row left first, then the row entered: two actions each take the rows they share in one order.
        if left is not None:
            _add(tally, left, -1, using)
        if entered is not None:
            _add(tally, entered, 1, using)


def _add(tally: type, key: tuple, n: int, using: str) -> None:
    """``n`` more in the row of ``key``: one upsert (PostgreSQL and SQLite ≥ 3.24 alike), so two
    transactions creating the same row cannot both insert it."""
    connection = connections[using]
    quote = connection.ops.quote_name
    table = quote(tally._meta.db_table)
    columns = ", ".join(quote(c) for c in _KEY_COLUMNS[tally._meta.object_name])
    params = [connection.ops.adapt_datefield_value(v) if isinstance(v, date) else v for v in key]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}, {quote('n')}) VALUES ({', '.join(['%s'] * (len(key) + 1))}) "
            f"ON CONFLICT ({columns}) DO UPDATE SET {quote('n')} = {table}.{quote('n')} + EXCLUDED.{quote('n')}",
            [*params, n],
        )


# --- recounting from the cases -------------------------------------------------------------------------------

def rebuild(apps=installed_apps, using: str = "default") -> tuple[int, int]:
    """Recount the tallies from the cases (one grouped INSERT … SELECT each), replacing what they
    held. ``apps``: the migration's historical models, when a migration calls it. Returns the number
    of tally rows (applications by outcome and year of closing, appeals)."""
    Application, Appeal = apps.get_model("cases", "Application"), apps.get_model("cases", "Appeal")
    received = Application.objects.using(using).filter(received_on__isnull=False).order_by()
    grouped = {  # the tally, and its key columns' values, in the order of _KEY_COLUMNS
        "ApplicationTally": received.values(
            k0=F("agency_id"), k1=F("applicant_kind"), k2=Coalesce("outcome", Value("")),
            k3=TruncYear("received_on"), k4=Coalesce(TruncYear("closed_on"), Value(OPEN)),
        ),
        "ReceiptTally": received.values(k0=F("agency_id"), k1=F("applicant_kind"), k2=TruncYear("received_on")),
        "AppealTally": Appeal.objects.using(using).order_by().values(
            k0=F("application__agency_id"), k1=F("kind"), k2=F("result"),
            k3=TruncYear("filed_on"), k4=Coalesce(TruncYear("decided_on"), Value(OPEN)),
        ),
    }
    tallies = {name: apps.get_model("cases", name) for name in grouped}
    connection = connections[using]
    quote = connection.ops.quote_name
    made = {}
    own_transaction = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            # Emptied under a lock held to the commit: a case changed meanwhile waits to move its count until
            # the recount is in (counted by it, or moved after it). TRUNCATE leaves no dead rows behind, but
            # only a transaction of our own is sure to have no deferred checks pending on the tables.
            names = ", ".join(quote(t._meta.db_table) for t in tallies.values())
            with connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {names}" if own_transaction else f"LOCK TABLE {names} IN SHARE ROW EXCLUSIVE MODE")
        for name, source in grouped.items():
            tally = tallies[name]
            tally.objects.using(using).all().delete()  # (SQLite: its one writer at a time is the lock)
            columns = _KEY_COLUMNS[name]
            sql, params = source.annotate(n=Count("*")).query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {quote(tally._meta.db_table)} ({', '.join(quote(c) for c in (*columns, 'n'))}) {sql}", params,
                )
            made[name] = tally.objects.using(using).count()
        with connection.cursor() as cursor:
            for tally in tallies.values():  # the planner's statistics of the refilled tables (autovacuum may be hours away)
                cursor.execute(f"ANALYZE {quote(tally._meta.db_table)}")
    log.info("tallies rebuilt: %s", made)
    return made["ApplicationTally"], made["AppealTally"]


# --- reading: tables 三 and 四 ---------------------------------------------------------------------------------

def _bounds(year: int) -> tuple[date, date]:
    return date(int(year), 1, 1), date(int(year), 12, 31)


_TABLE_PATHS = f21.request_paths() + f21.appeal_paths()
_GROUPS = frozenset(g for g, _ in f21.APPEAL_GROUPS)
# The cells one grouped row adds to (tens of thousands of rows for a county, so looked up once here):
# applicant kind → the (cell, its row's 总计) of R01, R02 and R25;
_FLOWS = {k: tuple((f"requests.{r}.{k}", f"requests.{r}.total") for r in ("new_received", "carried_over", "carried_forward"))
          for k in f21.APPLICANT_KEYS}
# (outcome, applicant kind) → the outcome's cell and its 总计, and R24's (（七）总计: the sum of R03–R23).
_CLOSED = {(o, k): (f"requests.{o}.{k}", f"requests.{o}.total", f"requests.total.{k}", "requests.total.total")
           for o in f21.LEAF_KEYS for k in f21.APPLICANT_KEYS}


def tables_by_agency(ids: list[int], year: int) -> dict[int, dict[str, int]]:
    """Tables 三 and 四 of ``year`` for each of ``ids``: :func:`.stats.report_tables` of each agency,
    in one grouped sum per table."""
    out = {i: dict.fromkeys(_TABLE_PATHS, 0) for i in ids}
    if out:
        for agency_id, kind, outcome, new, carried, closed, forward in _request_rows(list(out), year, by_agency=True):
            _add_request_row(out[agency_id], kind, outcome, new, carried, closed, forward)
        for agency_id, *row in _appeal_rows(list(out), year, by_agency=True):
            _add_appeal_row(out[agency_id], *row)
    return out


# What a year-over-year comparison reads of an agency (oversight.totals.compare): the 总计 column of
# table 三 and all of table 四 — counted from rows grouped by outcome only, a seventh as many.
TOTAL_PATHS = tuple(p for p in f21.request_paths() if p.endswith(".total")) + f21.appeal_paths()
_CLOSED_TOTALS = {o: (f"requests.{o}.total", "requests.total.total") for o in f21.LEAF_KEYS}


def totals_by_agency(ids: list[int], year: int) -> dict[int, dict[str, int]]:
    """Of :func:`tables_by_agency`, the cells of TOTAL_PATHS only, for each of ``ids``."""
    out = {i: dict.fromkeys(TOTAL_PATHS, 0) for i in ids}
    if out:
        for agency_id, outcome, new, carried, closed, forward in _request_rows(list(out), year, by_agency=True, by_kind=False):
            cells = out[agency_id]
            cells["requests.new_received.total"] += new or 0
            cells["requests.carried_over.total"] += carried or 0
            cells["requests.carried_forward.total"] += forward or 0
            if closed:
                for path in _CLOSED_TOTALS.get(outcome, ()):  # closed without one of the 21 outcomes: in no row
                    cells[path] += closed
        for agency_id, *row in _appeal_rows(list(out), year, by_agency=True):
            _add_appeal_row(out[agency_id], *row)
    return out


def tables_together(ids: list[int], year: int) -> dict[str, int]:
    """Tables 三 and 四 of ``year`` of ``ids`` counted together (:func:`.stats.report_tables` of the
    list): the sum of :func:`tables_by_agency`, grouped in the database without the agency."""
    out = dict.fromkeys(_TABLE_PATHS, 0)
    if ids:
        for row in _request_rows(list(ids), year, by_agency=False):
            _add_request_row(out, *row)
        for row in _appeal_rows(list(ids), year, by_agency=False):
            _add_appeal_row(out, *row)
    return out


def _fetch(qs) -> list[tuple]:
    """The rows of ``qs`` as the driver gives them: tens of thousands of small integers, which
    Django's converters for the aggregates took longer to pass on than the database to sum."""
    sql, params = qs.query.sql_with_params()
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _request_rows(ids: list[int], year: int, by_agency: bool, by_kind: bool = True) -> list[tuple]:
    """([agency,] [applicant kind,] outcome, R01, R02, closed, R25) summed over the tally rows of the
    applications open at some time in the year, with stats' filters (without the kind: of the
    known kinds only, as :func:`_add_request_row` counts them)."""
    start, end = _bounds(year)
    sums = {
        "new": Sum("n", filter=stats.q_received(start, end)),
        "carried": Sum("n", filter=stats.q_carried_over(start)),
        "closed": Sum("n", filter=stats.q_closed(start, end)),
        "forward": Sum("n", filter=stats.q_carried_forward(end)),
    }
    group = ("agency_id",) * by_agency + ("applicant_kind",) * by_kind + ("outcome",)
    rows = ApplicationTally.objects.filter(stats._agency_filter(ids, "agency_id"), stats.q_open_in_year(start, end))
    if not by_kind:
        rows = rows.filter(applicant_kind__in=list(_FLOWS))
    return _fetch(rows.order_by().values_list(*group).annotate(**sums))


def _add_request_row(cells: dict, kind: str, outcome: str, new, carried, closed, forward) -> None:
    flows = _FLOWS.get(kind)
    if flows is None:
        return  # an unknown applicant kind: cases.stats logs these; they are counted nowhere
    (new_path, new_total), (carried_path, carried_total), (forward_path, forward_total) = flows
    if new:
        cells[new_path] += new
        cells[new_total] += new
    if carried:
        cells[carried_path] += carried
        cells[carried_total] += carried
    if forward:
        cells[forward_path] += forward
        cells[forward_total] += forward
    if closed:
        for path in _CLOSED.get((outcome, kind), ()):  # closed without one of the 21 outcomes: in no row
            cells[path] += closed


def _appeal_rows(ids: list[int], year: int, by_agency: bool) -> list[tuple]:
    """([agency,] kind, all, then one sum per measure of table 四) of the appeals filed in the year."""
    start, end = _bounds(year)
    sums = {f"n_{m}": Sum("n", filter=stats.q_appeal_measure(m, end)) for m in f21.APPEAL_PARTS}
    group = ("agency_id",) * by_agency + ("kind",)
    return _fetch(
        AppealTally.objects.filter(stats._agency_filter(ids, "agency_id"), stats.q_filed(start, end))
        .order_by().values_list(*group).annotate(all=Sum("n"), **sums)
    )


def _add_appeal_row(cells: dict, kind: str, everything, *measures) -> None:
    if kind not in _GROUPS:
        return
    for m, v in zip(f21.APPEAL_PARTS, measures):
        cells[f"appeals.{kind}.{m}"] += v or 0
    cells[f"appeals.{kind}.total"] += everything or 0


def received_per_year(ids: list[int], years: Iterable[int]) -> dict[int, int]:
    """R01 本年新收 (总计) of each of ``years``, for all of ``ids`` together (the dashboard's chart)."""
    years = sorted(int(y) for y in years)
    if not years or not ids:
        return dict.fromkeys(years, 0)
    (first, _), (_, last) = _bounds(years[0]), _bounds(years[-1])
    rows = (
        ReceiptTally.objects.filter(stats._agency_filter(list(ids), "agency_id"), stats.q_received(first, last), stats.q_applicant("total"))
        .order_by().values_list("received_on").annotate(n=Sum("n"))
    )
    counted = {day.year: n for day, n in rows}
    return {y: counted.get(y, 0) for y in years}
