"""Tables 三 and 四 from the 台账 (zfxxgk.cases.stats): hand-built histories through the services,
and a property test against a plain Python count over random histories."""
from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zfxxgk.agencies.models import Agency
from zfxxgk.cases import services as s
from zfxxgk.cases import stats
from zfxxgk.cases.models import Appeal, Application
from zfxxgk.reports.check import ERROR, check
from zfxxgk.standard import format2021 as f21

APPLICANTS = f21.APPLICANT_KEYS
GROUPS = tuple(g for g, _ in f21.APPEAL_GROUPS)
DECIDED = ("upheld", "corrected", "other")


def agency(n: int = 1) -> Agency:
    return Agency.objects.create(name=f"测试局{n}", code=f"csj{n}")


def register(ag: Agency, on: date, kind: str = "natural_person", channel: str = "in_person") -> Application:
    new = s.NewApplication(kind, "张三", "某项政府信息", channel, on, phone="13800000000")
    return s.register(ag, new)


def errors(doc, previous=None, findings=None) -> list:
    """Error findings, except MISSING for table 二 (the 台账 does not hold it)."""
    out = []
    for f in check(doc, previous) if findings is None else findings:
        if f.severity != ERROR:
            continue
        if f.rule == "MISSING" and all(p.startswith("active.") for p in f.cells):
            continue
        out.append(f)
    return out


def t3(doc, row: str, col: str = "total") -> int:
    return doc[f"requests.{row}.{col}"]


# --- hand-built histories --------------------------------------------------------------------------

@pytest.mark.django_db
def test_december_application_answered_in_january():
    ag = agency()
    app = register(ag, date(2023, 12, 20))
    s.answer(app, date(2024, 1, 10), "granted")
    d23, d24 = stats.report_tables(ag, 2023), stats.report_tables(ag, 2024)
    assert (t3(d23, "new_received"), t3(d23, "total"), t3(d23, "carried_forward")) == (1, 0, 1)
    assert t3(d24, "new_received") == 0
    assert t3(d24, "carried_over", "natural_person") == t3(d24, "carried_over") == 1
    assert t3(d24, "granted", "natural_person") == t3(d24, "total") == 1
    assert t3(d24, "carried_forward") == 0
    assert sum(d24.cells[f"requests.{r}.commercial"].value for r in f21.ROW_KEYS) == 0
    assert d24.agency == "测试局1" and d24.year == 2024 and d24.format == "2021"
    assert errors(d23) == [] and errors(d24, previous=d23) == []


@pytest.mark.django_db
def test_open_at_year_end_is_carried_forward_and_over():
    ag = agency()
    register(ag, date(2024, 12, 15), kind="legal_service")
    d24, d25 = stats.report_tables(ag, 2024), stats.report_tables(ag, 2025)
    assert t3(d24, "new_received", "legal_service") == t3(d24, "carried_forward", "legal_service") == 1
    assert t3(d25, "new_received") == 0
    assert t3(d25, "carried_over", "legal_service") == t3(d25, "carried_forward", "legal_service") == 1
    assert t3(stats.report_tables(ag, 2023), "carried_forward") == 0
    assert not [f for f in check(d25, d24) if f.rule == "T3-XYEAR"]


@pytest.mark.django_db
def test_awaiting_confirmation_counts_nowhere_until_confirmed():
    ag = agency()
    app = register(ag, date(2024, 3, 1), channel="internet")
    assert app.received_on is None
    for year in (2023, 2024, 2025):
        assert set(stats.request_table(ag, year).values()) == {0}
    s.confirm_receipt(app, date(2024, 3, 4))
    d24 = stats.report_tables(ag, 2024)
    assert t3(d24, "new_received") == t3(d24, "carried_forward") == 1


@pytest.mark.django_db
def test_lapsed_correction_and_outcomes_by_column():
    ag = agency()
    a = register(ag, date(2024, 3, 1), kind="commercial")
    s.request_correction(a, date(2024, 3, 5), date(2024, 3, 20), "请写明文件名称")
    s.lapse_correction(a, date(2024, 3, 25))
    b = register(ag, date(2024, 4, 1), kind="research")
    s.answer(b, date(2024, 4, 15), "unable_not_held")
    c = register(ag, date(2024, 5, 1), kind="research")
    s.answer(c, date(2025, 1, 6), "partially_granted")
    d = stats.report_tables(ag, 2024)
    assert t3(d, "other_no_correction", "commercial") == 1
    assert t3(d, "unable_not_held", "research") == 1
    assert t3(d, "partially_granted") == 0
    assert (t3(d, "new_received"), t3(d, "total"), t3(d, "carried_forward", "research")) == (3, 2, 1)
    assert t3(stats.report_tables(ag, 2025), "partially_granted", "research") == 1
    assert errors(d) == []


@pytest.mark.django_db
def test_appeals_result_as_known_at_year_end():
    ag = agency()
    app = register(ag, date(2023, 11, 1))
    s.answer(app, date(2023, 11, 20), "denied_third_party_rights")
    s.add_appeal(app, "reconsideration", date(2024, 1, 15), "corrected", date(2024, 3, 1))
    late = s.add_appeal(app, "litigation_after_reconsideration", date(2024, 6, 1))
    s.decide_appeal(late, "upheld", date(2025, 2, 1))  # decided next year: pending in 2024
    s.add_appeal(app, "litigation_direct", date(2023, 12, 1), "other", date(2024, 2, 1))  # filed in 2023
    a24 = stats.appeal_table(ag, 2024)
    assert a24["appeals.reconsideration.corrected"] == a24["appeals.reconsideration.total"] == 1
    assert a24["appeals.litigation_after_reconsideration.pending"] == 1
    assert a24["appeals.litigation_after_reconsideration.upheld"] == 0
    assert a24["appeals.litigation_after_reconsideration.total"] == 1
    assert a24["appeals.litigation_direct.total"] == 0
    a23 = stats.appeal_table(ag, 2023)
    assert a23["appeals.litigation_direct.pending"] == a23["appeals.litigation_direct.total"] == 1
    assert sum(stats.appeal_table(ag, 2025).values()) == 0
    # a result without a decision day cannot be stored at all (a database constraint)
    with pytest.raises(IntegrityError), transaction.atomic():
        Appeal.objects.create(application=app, kind="reconsideration", filed_on=date(2024, 7, 1), result="upheld")


@pytest.mark.django_db
def test_agency_arguments_and_document(django_assert_max_num_queries):
    a1, a2, a3 = agency(1), agency(2), agency(3)
    register(a1, date(2024, 2, 1))
    register(a2, date(2024, 2, 2), kind="other_org")
    register(a3, date(2024, 2, 3))
    total = lambda ags: stats.request_table(ags, 2024)["requests.new_received.total"]  # noqa: E731
    assert total(a1) == total(a1.pk) == total([a1]) == total(Agency.objects.filter(pk=a1.pk)) == 1
    assert total([a1, a2.pk]) == total(iter([a1, a2])) == 2
    assert total(Agency.objects.all()) == total([a1, a2, a3, a1]) == 3
    assert total([]) == total(Agency.objects.none()) == 0
    with pytest.raises(TypeError):
        stats.request_table("csj1", 2024)
    assert stats.report_tables(a1.pk, 2024).agency == "测试局1"
    assert stats.report_tables(Agency.objects.filter(code="csj2"), 2024).agency == "测试局2"
    assert stats.report_tables([a1, a2], 2024).agency is None
    assert stats.report_tables(Agency.objects.all(), 2024).agency is None
    with django_assert_max_num_queries(2):
        doc = stats.report_tables(a1, 2024)
    assert set(doc.cells) == set(f21.request_paths()) | set(f21.appeal_paths())
    assert all(c.raw is None and c.source == "依申请公开台账" and type(c.value) is int for c in doc.cells.values())
    assert doc.missing() == list(f21.active_paths())


# --- property: SQL = a plain Python count -------------------------------------------------------------

BASE = date(2022, 10, 1)
LAST = date(2025, 12, 31)
YEARS = (2023, 2024, 2025)
# Days as offsets from BASE: uniform, or on the edges of a year where an off-by-one would show.
EDGES = sorted((d - BASE).days for y in (2022, 2023, 2024, 2025) for d in (
    date(y, 12, 30), date(y, 12, 31), date(y + 1, 1, 1), date(y + 1, 1, 2)) if d <= LAST)
days = st.one_of(st.integers(0, (LAST - BASE).days), st.sampled_from(EDGES))
after = st.one_of(st.integers(0, 500), st.sampled_from((0, 1)), days.map(lambda d: -d - 1))  # < 0: an absolute day


def later(day: date, offset: int) -> date:
    """``offset`` days after ``day``, or (offset < 0) the absolute day -offset-1 if not before ``day``."""
    if offset < 0:
        absolute = BASE + timedelta(days=-offset - 1)
        return absolute if absolute >= day else day
    return day + timedelta(days=offset)


applications = st.lists(
    st.tuples(
        st.integers(0, 2),  # agency
        st.sampled_from(APPLICANTS),
        st.sampled_from(("awaiting", "open", "closed", "closed")),
        days,  # received
        after,  # closed
        st.sampled_from(f21.LEAF_KEYS),
    ),
    max_size=60,
)
appeals = st.lists(
    st.tuples(
        st.integers(0, 10_000),  # which application (modulo)
        st.sampled_from(GROUPS),
        after,  # filed, after the application's submission
        st.sampled_from(DECIDED + ("pending",)),
        st.one_of(st.none(), after),  # decided, after filing
    ),
    max_size=15,
)


def python_tables(rows, appeal_rows, agency_ids, year):
    """The reference: one pass over plain tuples, the semantics of stats' docstring."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    c = Counter()
    for ag, kind, received, outcome, closed in rows:
        if ag not in agency_ids or received is None:
            continue
        if start <= received <= end:
            c["new_received", kind] += 1
        if received < start and (closed is None or closed >= start):
            c["carried_over", kind] += 1
        if closed is not None and start <= closed <= end:
            c[outcome, kind] += 1
            c["total", kind] += 1
        if received <= end and (closed is None or closed > end):
            c["carried_forward", kind] += 1
    out = {}
    for r in f21.ROW_KEYS:
        for k in APPLICANTS:
            out[f"requests.{r}.{k}"] = c[r, k]
        out[f"requests.{r}.total"] = sum(c[r, k] for k in APPLICANTS)
    a = Counter()
    for ag, kind, filed, result, decided in appeal_rows:
        if ag not in agency_ids or not start <= filed <= end:
            continue
        known = result in DECIDED and decided is not None and decided <= end
        a[kind, result if known else "pending"] += 1
        a[kind, "total"] += 1
    for g in GROUPS:
        for m, _ in f21.APPEAL_MEASURES:
            out[f"appeals.{g}.{m}"] = a[g, m]
    return out


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(applications, appeals)
def test_sql_equals_python_count(app_specs, appeal_specs):
    with transaction.atomic():
        ags = [Agency.objects.create(name=f"随机局{i}", code=f"sjj{i}") for i in range(3)]
        objs, rows = [], []
        for i, (ag, kind, status, received, delay, outcome) in enumerate(app_specs):
            received_on = BASE + timedelta(days=received)
            closed_on = later(received_on, delay) if status == "closed" else None
            if status == "awaiting":
                received_on = None
            objs.append(Application(
                agency=ags[ag], year=(received_on or BASE).year, seq=i + 1, number=f"SJ-{i + 1}", query_code=f"Q{i:011d}",
                applicant_kind=kind, applicant_name="申请人", channel="in_person" if received_on else "internet",
                submitted_on=received_on or BASE + timedelta(days=received), received_on=received_on,
                description="某项信息", state={"awaiting": "awaiting_confirmation", "open": "processing", "closed": "closed"}[status],
                outcome=outcome if status == "closed" else None, closed_on=closed_on,
            ))
            rows.append((ags[ag].pk, kind, received_on, outcome if status == "closed" else None, closed_on))
        Application.objects.bulk_create(objs)
        appeal_objs, appeal_rows = [], []
        for which, kind, filed, result, decided in appeal_specs if objs else ():
            app = objs[which % len(objs)]
            filed_on = later(app.submitted_on, filed)
            decided_on = None if decided is None else later(filed_on, decided)
            if result == "pending" or decided_on is None:  # the model allows only these pairs
                result, decided_on = "pending", None
            appeal_objs.append(Appeal(application=app, kind=kind, filed_on=filed_on, result=result, decided_on=decided_on))
            appeal_rows.append((app.agency_id, kind, filed_on, result, decided_on))
        Appeal.objects.bulk_create(appeal_objs)

        ids = [a.pk for a in ags]
        selections = [
            ({ids[0]}, ags[0]),
            ({ids[1], ids[2]}, [ids[1], ags[2]]),
            (set(ids), Agency.objects.filter(code__startswith="sjj")),
        ]
        for wanted, arg in selections:
            previous = None
            for year in YEARS:
                doc = stats.report_tables(arg, year)
                got = {p: c.value for p, c in doc.cells.items()}
                assert got == python_tables(rows, appeal_rows, wanted, year), (year, wanted)
                assert doc.agency == (ags[ids.index(next(iter(wanted)))].name if len(wanted) == 1 else None)
                findings = check(doc, previous)
                assert errors(doc, findings=findings) == [], [str(f) for f in findings]
                if previous is not None:
                    for col in f21.COLUMN_KEYS:
                        assert previous[f"requests.carried_forward.{col}"] == doc[f"requests.carried_over.{col}"]
                    assert not [f for f in findings if f.rule == "T3-XYEAR"]
                previous = doc
        transaction.set_rollback(True)
