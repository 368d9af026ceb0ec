"""Concurrent transactions: numbering, explicit numbers and appeal decisions under real parallel
writers (PostgreSQL: SQLite serialises every writer, so there the parallel tests skip), and the
holiday-schedule refresh after a rolled-back transaction (both databases)."""
from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction

from zfxxgk.cases import services as s
from zfxxgk.cases.choices import EventKind
from zfxxgk.cases.models import Appeal, Application, Event, NumberSequence, ScheduleDay

from testkit import parallel, run_parallel
from workspace.helpers import new

# On the engine's clock (tests/conftest.py: TODAY); ``agency`` is the root conftest's, created in the
# transactional database every test here asks for.
pytestmark = pytest.mark.usefixtures("clock")


@parallel
@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_get_numbers_1_to_n(agency):
    n = 50
    results, errors, took = run_parallel(n, lambda i: s.register(agency, new()).number)
    print(f"\n{n} parallel registrations in {took:.2f} s")
    assert errors == []
    assert sorted(results) == sorted(f"湘司依申〔2025〕{i}号" for i in range(1, n + 1))
    assert sorted(Application.objects.filter(agency=agency).values_list("seq", flat=True)) == list(range(1, n + 1))
    assert NumberSequence.objects.get(agency=agency, year=2025).last == n


@parallel
@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_interleaved_with_imports_stay_gapless(agency):
    n = 30

    def work(i: int) -> str:
        if i % 3 == 0:
            return "imported:" + s.register(agency, new(), number=f"旧台账-{i}", source="台账").number
        return s.register(agency, new()).number

    results, errors, took = run_parallel(n, work)
    assert errors == []
    handed_out = [r for r in results if not r.startswith("imported:")]
    assert sorted(handed_out) == sorted(f"湘司依申〔2025〕{i}号" for i in range(1, n - n // 3 + 1))


@parallel
@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_with_the_same_number_one_wins(agency):
    n = 12

    def work(i: int) -> str:
        # Different years, so the registrations do not queue on one year's counter: the unique index decides.
        submitted = date(2024, 12, 2) if i % 2 else date(2025, 6, 2)
        return s.register(agency, new(submitted), number="旧台账第1号", source="台账").number

    results, errors, took = run_parallel(n, work)
    print(f"\n{n} parallel registrations of one number in {took:.2f} s")
    assert results == ["旧台账第1号"]
    assert len(errors) == n - 1
    assert all(type(e) is s.CaseStateError for e in errors), errors  # no IntegrityError (a 500)
    assert {e.message for e in errors} == {"本机关已有编号为“旧台账第1号”的申请。"}
    assert Application.objects.filter(agency=agency).count() == 1


@parallel
@pytest.mark.django_db(transaction=True)
def test_parallel_appeal_decisions_record_one(agency):
    app = s.register(agency, new())
    appeal = s.add_appeal(app, "reconsideration", date(2025, 6, 10))
    n = 10

    def work(i: int) -> str:
        mine = Appeal.objects.get(pk=appeal.pk)  # each thread read it while still pending
        return s.decide_appeal(mine, "upheld" if i % 2 else "corrected", date(2025, 6, 20)).result

    results, errors, took = run_parallel(n, work)
    print(f"\n{n} parallel decisions of one appeal in {took:.2f} s")
    assert len(results) == 1 and len(errors) == n - 1
    assert all(isinstance(e, s.CaseStateError) and "已经审结" in e.message for e in errors), errors
    assert Event.objects.filter(application=app, kind=EventKind.APPEAL_DECIDED).count() == 1
    appeal.refresh_from_db()
    assert appeal.result == results[0]


# --- the schedule refresh after a rollback (any database) ---------------------------------------

@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_schedule_edit_does_not_stop_later_refreshes(agency):
    """A schedule edit whose transaction rolls back must not leave the "refresh queued" mark behind:
    the next, committed edit recomputes open cases' due dates."""
    app = s.register(agency, new(date(2025, 6, 2)))
    before = app.due_on
    assert before == date(2025, 6, 30)

    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        with transaction.atomic():
            ScheduleDay.objects.create(day=date(2025, 6, 10), is_workday=False, name="试错")
            raise Boom
    app.refresh_from_db()
    assert app.due_on == before

    with transaction.atomic():
        ScheduleDay.objects.create(day=date(2025, 6, 10), is_workday=False, name="临时放假")
        ScheduleDay.objects.create(day=date(2025, 6, 11), is_workday=False, name="临时放假")
    app.refresh_from_db()
    assert app.due_on == date(2025, 7, 2)  # two working days fewer before it


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_savepoint_does_not_stop_the_outer_refresh(agency):
    app = s.register(agency, new(date(2025, 6, 2)))
    with transaction.atomic():
        try:
            with transaction.atomic():
                ScheduleDay.objects.create(day=date(2025, 6, 9), is_workday=False, name="试错")
                raise RuntimeError
        except RuntimeError:
            pass
        ScheduleDay.objects.create(day=date(2025, 6, 10), is_workday=False, name="临时放假")
    app.refresh_from_db()
    assert app.due_on == date(2025, 7, 1)


@pytest.mark.django_db(transaction=True)
def test_one_refresh_per_transaction(agency, monkeypatch):
    s.register(agency, new(date(2025, 6, 2)))
    calls = []
    real = s.refresh_open_cases
    monkeypatch.setattr(s, "refresh_open_cases", lambda *a, **kw: calls.append(1) or real(*a, **kw))
    with transaction.atomic():
        for d in (9, 10, 11):
            ScheduleDay.objects.create(day=date(2025, 6, d), is_workday=False, name="临时放假")
    assert calls == [1]
    ScheduleDay.objects.create(day=date(2025, 6, 12), is_workday=False, name="临时放假")  # autocommit: at once
    assert calls == [1, 1]
