"""Tables 三 and 四 of the annual report, counted from the 依申请公开台账 by SQL aggregation.

    doc = report_tables(agency, 2024)          # a ReportDocument with the 175 + 15 cells
    doc = report_tables(Agency.objects.filter(parent=county), 2024)
    cells = request_table([a1, a2], 2024)       # {"requests.granted.natural_person": 3, ...}
    cells = appeal_table(agency.pk, 2024)       # {"appeals.reconsideration.upheld": 1, ...}
    qs = cell_cases(agency, 2024, "requests.granted.total")  # the applications behind one cell

``agencies`` is one :class:`~zfxxgk.agencies.models.Agency` or its id, a queryset of agencies,
or a list (any iterable) of agencies or ids; several agencies are counted together.

What is counted (spec §4, §5; year Y runs from Jan 1 to Dec 31 inclusive):

* An application counts only once it has a day of receipt (``received_on``, 条例第三十一条).
  Applications still awaiting confirmation (``received_on`` NULL) are counted nowhere.
* Every row is split by ``applicant_kind`` (the columns 自然人 … 其他); 总计 is the sum of the
  six columns.
* R01 本年新收: received in Y.
* R02 上年结转: received before Jan 1 of Y and not closed before it (``closed_on`` NULL or on or
  after Jan 1) — the applications open when the year began.
* R03–R23: closed in Y (``closed_on`` in Y), in the row of their ``outcome``.
  A 重新答复 after 结果纠正 moves an application's row only within the year of its first answer;
  a later one leaves that year's count as reported (``deadlines.replay``), so it is counted once.
* R24 （七）总计: the sum of R03–R23.
* R25 结转下年度: received by Dec 31 of Y and not closed by then (``closed_on`` NULL or later).

  So R01 + R02 = R24 + R25 in every column (T3-BAL) by construction: the applications received
  by Dec 31 and not closed before Jan 1 are each either closed in Y or carried forward; and R25
  of Y equals R02 of Y + 1 (T3-XYEAR). Both hold for any data, even a row closed before its day
  of receipt. A closed application without an outcome, or with an outcome that is not one of the
  21 leaves, cannot come from :mod:`.services`; such rows are logged and left out of R03–R24, so
  the checker then reports T3-BAL for the table rather than a wrong row silently balancing.

* Table 四: the appeals (行政复议、行政诉讼) filed in Y about applications of the agencies, by
  kind, with their result as known on Dec 31 of Y: an appeal decided after Dec 31, or without a
  ``decided_on``, counts as 尚未审结 whatever its result now is. 总计 = 维持 + 纠正 + 其他 + 尚未审结.

Cost: table 三 is one grouped query (conditional ``COUNT … FILTER`` grouped by applicant kind and
outcome over the applications open at some time in Y); table 四 is one grouped query; a third,
tiny one fetches the agency's name when the caller passed an id or a queryset. Nothing loops
over applications in Python. Several agencies, as a queryset or a list, become a subquery on
the agencies table.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date

from django.db.models import Count, Q, QuerySet

from ..agencies.models import Agency
from ..reports.model import Cell, ReportDocument
from ..standard import format2021 as f21
from .choices import AppealResult
from .models import Appeal, Application

log = logging.getLogger(__name__)

SOURCE = "依申请公开台账"

_DECIDED = tuple(r.value for r in (AppealResult.UPHELD, AppealResult.CORRECTED, AppealResult.OTHER))
assert f21.APPEAL_PARTS == _DECIDED + (AppealResult.PENDING.value,)


# --- which agencies -------------------------------------------------------------------------------

def _agencies(agencies) -> QuerySet | list:
    """``agencies`` as a queryset or a list of agencies and ids (an iterator is read once here)."""
    if isinstance(agencies, QuerySet):
        return agencies
    if isinstance(agencies, (Agency, int)):
        return [agencies]
    if not isinstance(agencies, Iterable) or isinstance(agencies, (str, bytes)):
        raise TypeError(f"agencies: expected an Agency, an id, a queryset or a list, not {type(agencies).__name__}")
    return list(agencies)


def _agency_filter(agencies: QuerySet | list, field: str) -> Q:
    """A filter on ``field``, the agency foreign key of the queried model."""
    if isinstance(agencies, QuerySet):
        # A subquery: no round trip, and no parameter-count limit however many agencies.
        return Q(**{f"{field}__in": agencies.values("pk") if agencies.model is Agency else agencies})
    ids = sorted({a.pk if isinstance(a, Agency) else int(a) for a in agencies})
    if len(ids) > 1:
        # A subquery too: SQLite then plans as for a queryset (1.5× faster than a literal IN list
        # over 300,000 rows of 200 agencies; PostgreSQL is indifferent).
        return Q(**{f"{field}__in": Agency.objects.filter(pk__in=ids).values("pk")})
    return Q(**{f"{field}__in": ids})


def _agency_name(agencies: QuerySet | list) -> str | None:
    """The agency's name when exactly one agency is meant, else None."""
    if isinstance(agencies, QuerySet):
        if agencies.model is not Agency:
            agencies = Agency.objects.filter(pk__in=agencies)
        names = list(agencies.values_list("name", flat=True).distinct()[:2])
        return names[0] if len(names) == 1 else None
    if len({a.pk if isinstance(a, Agency) else int(a) for a in agencies}) != 1:
        return None
    if isinstance(agencies[0], Agency):
        return agencies[0].name
    return Agency.objects.filter(pk=int(agencies[0])).values_list("name", flat=True).first()


def _year_bounds(year: int) -> tuple[date, date]:
    year = int(year)
    return date(year, 1, 1), date(year, 12, 31)


# --- one definition per cell: the filters behind tables 三 and 四 --------------------------------------
# request_table, appeal_table and cell_cases (the dashboard's drill-down) all build on these, so a
# figure and the list of cases behind it can never disagree.

def q_received(start: date, end: date) -> Q:
    """R01 本年新收: a day of receipt in the year (条例第三十一条)."""
    return Q(received_on__isnull=False, received_on__gte=start, received_on__lte=end)


def q_carried_over(start: date) -> Q:
    """R02 上年结转: received before Jan 1 and not closed before it."""
    return Q(received_on__isnull=False, received_on__lt=start) & (Q(closed_on__isnull=True) | Q(closed_on__gte=start))


def q_closed(start: date, end: date) -> Q:
    """R03–R24: closed in the year (the outcome row is the application's ``outcome``)."""
    return Q(received_on__isnull=False, closed_on__gte=start, closed_on__lte=end)


def q_carried_forward(end: date) -> Q:
    """R25 结转下年度: received by Dec 31 and not closed by then."""
    return Q(received_on__isnull=False, received_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=end))


def q_open_in_year(start: date, end: date) -> Q:
    """Every application any row of the year counts: received by Dec 31, not closed before Jan 1."""
    return Q(received_on__isnull=False, received_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gte=start))


def q_request_row(row: str, start: date, end: date) -> Q:
    """The applications of one row of table 三 (all applicant kinds)."""
    if row == "new_received":
        return q_received(start, end)
    if row == "carried_over":
        return q_carried_over(start)
    if row == "carried_forward":
        return q_carried_forward(end)
    if row == "total":  # R24 （七）总计: closed in Y with one of the 21 leaves
        return q_closed(start, end) & Q(outcome__in=f21.LEAF_KEYS)
    if row in f21.LEAF_KEYS:
        return q_closed(start, end) & Q(outcome=row)
    raise ValueError(f"unknown table 三 row {row!r}")


def q_applicant(column: str) -> Q:
    """One column of table 三; 总计 is the six applicant kinds together."""
    if column == "total":
        return Q(applicant_kind__in=f21.APPLICANT_KEYS)
    if column in f21.APPLICANT_KEYS:
        return Q(applicant_kind=column)
    raise ValueError(f"unknown table 三 column {column!r}")


def q_filed(start: date, end: date) -> Q:
    """Table 四 counts the appeals filed in the year."""
    return Q(filed_on__gte=start, filed_on__lte=end)


def q_appeal_measure(measure: str, end: date) -> Q:
    """An appeal's result as known on Dec 31: decided later (or not at all) is 尚未审结."""
    if measure in _DECIDED:
        return Q(result=measure, decided_on__isnull=False, decided_on__lte=end)
    if measure == "pending":
        return ~Q(result__in=_DECIDED) | Q(decided_on__isnull=True) | Q(decided_on__gt=end)
    if measure == "total":
        return Q()
    raise ValueError(f"unknown table 四 measure {measure!r}")


# --- table 三 ----------------------------------------------------------------------------------------

def request_table(agencies, year: int) -> dict[str, int]:
    """Table 三 of ``year``: every ``requests.<row>.<column>`` path (175) with its count."""
    start, end = _year_bounds(year)
    rows = (
        Application.objects
        .filter(_agency_filter(_agencies(agencies), "agency_id"), q_open_in_year(start, end))
        .order_by()
        .values("applicant_kind", "outcome")
        .annotate(
            new=Count("id", filter=q_received(start, end)),
            carried=Count("id", filter=q_carried_over(start)),
            closed=Count("id", filter=q_closed(start, end)),
            forward=Count("id", filter=q_carried_forward(end)),
        )
    )
    counts = {(r, c): 0 for r in f21.ROW_KEYS for c in f21.APPLICANT_KEYS}
    leaves = set(f21.LEAF_KEYS)
    for row in rows:  # at most 6 kinds × 22 outcomes
        kind, outcome = row["applicant_kind"], row["outcome"]
        if kind not in f21.APPLICANT_KEYS:
            log.warning("table 三 %s: %d applications with unknown applicant kind %r left out", year, row["new"] + row["carried"], kind)
            continue
        counts["new_received", kind] += row["new"]
        counts["carried_over", kind] += row["carried"]
        counts["carried_forward", kind] += row["forward"]
        if row["closed"]:
            if outcome in leaves:
                counts[outcome, kind] += row["closed"]
            else:
                log.warning("table 三 %s: %d applications closed without a valid outcome (%r) left out of R03–R24", year, row["closed"], outcome)
    for kind in f21.APPLICANT_KEYS:
        counts["total", kind] = sum(counts[leaf, kind] for leaf in f21.LEAF_KEYS)
    out: dict[str, int] = {}
    for r in f21.ROW_KEYS:
        for c in f21.COLUMN_KEYS:
            out[f"requests.{r}.{c}"] = (
                sum(counts[r, k] for k in f21.APPLICANT_KEYS) if c == "total" else counts[r, c]
            )
    return out


# --- table 四 ----------------------------------------------------------------------------------------

def appeal_table(agencies, year: int) -> dict[str, int]:
    """Table 四 of ``year``: every ``appeals.<group>.<measure>`` path (15) with its count."""
    start, end = _year_bounds(year)
    measures = {m: Count("id", filter=q_appeal_measure(m, end)) for m in f21.APPEAL_PARTS}
    rows = (
        Appeal.objects
        .filter(_agency_filter(_agencies(agencies), "application__agency_id"), q_filed(start, end))
        .order_by()
        .values("kind")
        .annotate(all=Count("id"), **{f"n_{m}": c for m, c in measures.items()})
    )
    groups = {g for g, _ in f21.APPEAL_GROUPS}
    out = {p: 0 for p in f21.appeal_paths()}
    for row in rows:
        kind = row["kind"]
        if kind not in groups:
            log.warning("table 四 %s: %d appeals of unknown kind %r left out", year, row["all"], kind)
            continue
        for m in f21.APPEAL_PARTS:
            out[f"appeals.{kind}.{m}"] = row[f"n_{m}"]
        out[f"appeals.{kind}.total"] = row["all"]
    return out


# --- the cases behind one cell (the dashboard's drill-down) ------------------------------------------

def cell_cases(agencies, year: int, path: str) -> QuerySet:
    """The applications (``requests.*``) or appeals (``appeals.*``) counted in one cell of ``year``.

    Built from the same filters as :func:`request_table` and :func:`appeal_table`, so
    ``cell_cases(a, y, p).count() == request_table(a, y)[p]`` (likewise for table 四) for any data.
    """
    start, end = _year_bounds(year)
    parts = path.split(".")
    if len(parts) == 3 and parts[0] == "requests":
        _, row, column = parts
        return Application.objects.filter(
            _agency_filter(_agencies(agencies), "agency_id"), q_request_row(row, start, end), q_applicant(column),
        )
    if len(parts) == 3 and parts[0] == "appeals":
        _, group, measure = parts
        if group not in {g for g, _ in f21.APPEAL_GROUPS}:
            raise ValueError(f"unknown table 四 group {group!r}")
        return Appeal.objects.filter(
            _agency_filter(_agencies(agencies), "application__agency_id"), q_filed(start, end), q_appeal_measure(measure, end), kind=group,
        )
    raise ValueError(f"not a cell of table 三 or 四: {path!r}")


# --- the document ------------------------------------------------------------------------------------

def report_tables(agencies, year: int) -> ReportDocument:
    """A :class:`ReportDocument` (format 2021) holding tables 三 and 四 of ``year``.

    The agency's name is set when exactly one agency is counted. Table 二 and the narrative are
    not the 台账's business and are left empty.
    """
    agencies = _agencies(agencies)
    doc = ReportDocument(format=f21.FORMAT_2021, agency=_agency_name(agencies), year=int(year))
    for path, value in (request_table(agencies, year) | appeal_table(agencies, year)).items():
        doc.cells[path] = Cell(value, raw=None, source=SOURCE)
    return doc
