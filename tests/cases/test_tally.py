"""The tallies (zfxxgk.cases.tally) equal cases.stats: random case histories through the services —
every channel of receipt, confirmation, 补正 requested, received and lapsed, consultation, extension,
fee notices paid and lapsed, deferral, answers, appeals filed and decided, 更正 (a step voided, the
applicant's kind corrected) and 重新答复 after 结果纠正 — with the admin's edits
and deletions of appeals and of an applicant's kind, and refused actions among them; then every
agency's tables 三 and 四 of every year from the tallies equal cases.stats' count of the cases, and
the tallies equal a recount from scratch (the management command, the data migration)."""
from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zfxxgk.agencies.models import Agency
from zfxxgk.cases import corrections, stats, tally
from zfxxgk.cases import services as s
from zfxxgk.cases.models import Appeal, AppealTally, Application, ApplicationTally, ReceiptTally
from zfxxgk.standard import format2021 as f21

from testkit import parallel, run_parallel

TODAY = date(2026, 3, 31)
BASE = date(2023, 10, 1)
YEARS = (2023, 2024, 2025, 2026)
TABLES = f21.request_paths() + f21.appeal_paths()
GROUPS = tuple(g for g, _ in f21.APPEAL_GROUPS)
RESULTS = ("upheld", "corrected", "other")
ANSWERS = tuple(k for k in f21.LEAF_KEYS if k not in ("other_no_correction", "other_no_fee_payment"))

# Days before and after New Year, where a count by year would go wrong by one.
EDGES = sorted((d - BASE).days for y in (2023, 2024, 2025) for d in (date(y, 12, 31), date(y + 1, 1, 1)))
starts = st.one_of(st.integers(0, (TODAY - BASE).days), st.sampled_from(EDGES))
gaps = st.one_of(st.integers(0, 60), st.sampled_from((0, 1)), st.integers(100, 400))
steps = st.one_of(
    st.tuples(st.sampled_from((
        "confirm", "correct", "corrected", "lapse_correction", "consult", "consulted", "extend", "fee", "pay",
        "lapse_fee", "defer", "decide", "edit_appeal", "delete_appeal", "edit_kind", "void", "correct_kind",
    )), gaps, st.just(None)),
    st.tuples(st.sampled_from(("answer", "reanswer")), gaps, st.sampled_from(ANSWERS)),
    st.tuples(st.just("appeal"), gaps, st.tuples(st.sampled_from(GROUPS), st.sampled_from((*RESULTS, "pending")), st.integers(0, 200))),
)
histories = st.lists(
    st.tuples(
        st.integers(0, 2),  # agency
        st.sampled_from(f21.APPLICANT_KEYS),
        st.sampled_from(("in_person", "in_person", "internet")),
        starts,  # submitted
        st.lists(steps, max_size=5),
    ),
    min_size=1, max_size=10,
)


def act(app: Application, step: str, day: date, arg) -> None:
    """One step of a history; a step the case's state refuses raises CaseError (and changes nothing)."""
    if step == "confirm":
        s.confirm_receipt(app, day)
    elif step == "correct":
        s.request_correction(app, day, day + timedelta(days=10), "请写明文件名称")
    elif step == "corrected":
        s.receive_correction(app, day)
    elif step == "lapse_correction":
        s.lapse_correction(app, day)
    elif step == "consult":
        s.start_consultation(app, day, "third_party", "涉及第三方")
    elif step == "consulted":
        s.end_consultation(app, day)
    elif step == "extend":
        s.request_extension(app, day, 10, "需要调取档案")
    elif step == "fee":
        s.issue_fee_notice(app, day, "per_page", 200)
    elif step == "pay":
        s.record_payment(app, day)
    elif step == "lapse_fee":
        s.lapse_fee(app, day)
    elif step == "defer":
        s.defer(app, day, day + timedelta(days=30), "申请数量明显超过合理范围")
    elif step == "answer":
        s.answer(app, day, arg)
    elif step == "reanswer":
        corrections.reanswer(app, day, arg)
    elif step == "void":
        latest = corrections.latest_voidable(app)
        if latest is not None:
            corrections.void_event(app, latest.pk, "录入错误")
    elif step == "correct_kind":
        kind = Application.objects.get(pk=app.pk).applicant_kind
        corrections.correct_details(app, {"applicant_kind": f21.APPLICANT_KEYS[(f21.APPLICANT_KEYS.index(kind) + 2) % 6]}, "类型录错")
    elif step == "appeal":
        kind, result, after = arg
        decided = None if result == "pending" else min(day + timedelta(days=after), TODAY)
        s.add_appeal(app, kind, day, result, decided)
    elif step == "decide":
        pending = app.appeals.filter(result="pending").first()
        if pending is not None:
            s.decide_appeal(pending, "corrected", max(day, pending.filed_on))
    elif step == "edit_appeal":  # the admin's change form: any field, through the model
        appeal = app.appeals.order_by("pk").last()
        if appeal is not None:
            appeal.kind = GROUPS[(GROUPS.index(appeal.kind) + 1) % len(GROUPS)]
            appeal.result, appeal.decided_on = ("pending", None) if appeal.result != "pending" else ("other", appeal.filed_on)
            appeal.save()
    elif step == "delete_appeal":  # the admin's delete: one object, or the list's bulk action
        appeal = app.appeals.order_by("pk").first()
        if appeal is not None:
            if appeal.pk % 2:
                appeal.delete()
            else:
                Appeal.objects.filter(pk=appeal.pk).delete()
    elif step == "edit_kind":
        app = Application.objects.get(pk=app.pk)
        app.applicant_kind = f21.APPLICANT_KEYS[(f21.APPLICANT_KEYS.index(app.applicant_kind) + 1) % 6]
        app.save()


def run(agencies: list[Agency], history) -> None:
    for ag, kind, channel, start, script in history:
        day = BASE + timedelta(days=start)
        new = s.NewApplication(kind, "申请人", "某项政府信息", channel, day, phone="13800000000")
        app = s.register(agencies[ag], new)
        for step, gap, arg in script:
            day += timedelta(days=gap)
            if day > TODAY:
                break
            try:
                act(app, step, day, arg)
            except s.CaseError:
                pass


def stored() -> tuple[dict, ...]:
    """The tallies as {key: n}, rows of 0 left out (a count moved away leaves its row at 0)."""
    return tuple(
        {k[:-1]: k[-1] for k in model.objects.values_list(*columns, "n") if k[-1]}
        for model, columns in ((ApplicationTally, ("agency_id", "applicant_kind", "outcome", "received_on", "closed_on")),
                               (ReceiptTally, ("agency_id", "applicant_kind", "received_on")),
                               (AppealTally, ("agency_id", "kind", "result", "filed_on", "decided_on")))
    )


def assert_equal_to_stats(agencies: list[Agency]) -> None:
    ids = [a.pk for a in agencies]
    for year in YEARS:
        by_agency = tally.tables_by_agency(ids, year)
        for a in agencies:
            expected = stats.report_tables(a, year)
            assert by_agency[a.pk] == {p: expected.value(p) for p in TABLES}, (a.name, year)
        together = stats.report_tables(agencies, year)
        assert tally.tables_together(ids, year) == {p: together.value(p) for p in TABLES}, year
    received = tally.received_per_year(ids, YEARS)
    assert received == {y: stats.report_tables(agencies, y).value("requests.new_received.total") for y in YEARS}


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(histories)
def test_tallies_equal_stats_over_random_histories(clock, history):
    clock["day"] = TODAY
    with transaction.atomic():
        agencies = [Agency.objects.create(name=f"随机局{i}", code=f"sjj{i}") for i in range(3)]
        run(agencies, history)
        assert_equal_to_stats(agencies)
        kept = stored()
        tally.rebuild()
        assert stored() == kept
        transaction.set_rollback(True)


# --- by hand -------------------------------------------------------------------------------------------

def paths(agency, year) -> dict:
    return tally.tables_by_agency([agency.pk], year)[agency.pk]


@pytest.mark.django_db
def test_a_case_moves_between_rows_as_it_is_confirmed_answered_and_appealed(agency, clock):
    clock["day"] = date(2025, 3, 1)
    app = s.register(agency, s.NewApplication("commercial", "某公司", "某文件", "internet", date(2024, 12, 30), email="a@b.cn"))
    assert paths(agency, 2024)["requests.new_received.total"] == 0  # awaiting confirmation: counted nowhere
    s.confirm_receipt(app, date(2024, 12, 31))
    assert paths(agency, 2024)["requests.carried_forward.commercial"] == 1
    s.answer(app, date(2025, 1, 2), "granted")
    t24, t25 = paths(agency, 2024), paths(agency, 2025)
    assert (t24["requests.new_received.commercial"], t24["requests.carried_forward.commercial"]) == (1, 1)
    assert (t25["requests.carried_over.commercial"], t25["requests.granted.commercial"], t25["requests.carried_forward.total"]) == (1, 1, 0)
    appeal = s.add_appeal(app, "reconsideration", date(2025, 1, 20))
    assert paths(agency, 2025)["appeals.reconsideration.pending"] == 1
    s.decide_appeal(appeal, "corrected", date(2025, 2, 10))
    t25 = paths(agency, 2025)
    assert (t25["appeals.reconsideration.pending"], t25["appeals.reconsideration.corrected"], t25["appeals.reconsideration.total"]) == (0, 1, 1)
    assert sum(n for n in ApplicationTally.objects.values_list("n", flat=True)) == 1  # one case, one count


@pytest.mark.django_db
def test_a_refused_action_moves_nothing(agency, clock):
    app = s.register(agency, s.NewApplication("natural_person", "张三", "某文件", "in_person", date(2025, 6, 2), phone="1"))
    s.answer(app, date(2025, 6, 10), "granted")
    kept = stored()
    with pytest.raises(s.CaseStateError):
        s.answer(app, date(2025, 6, 11), "denied_state_secret")
    assert stored() == kept


@pytest.mark.django_db
def test_a_save_that_writes_no_counted_field_reads_nothing_more(agency, clock, django_assert_num_queries):
    app = s.register(agency, s.NewApplication("natural_person", "张三", "某文件", "in_person", date(2025, 6, 2), phone="1"))
    app.description = "另一项政府信息"
    with django_assert_num_queries(1):
        app.save(update_fields=["description"])


@pytest.mark.django_db
def test_a_deleted_application_leaves_its_count(agency):
    app = Application.objects.create(
        agency=agency, year=2025, seq=1, number="X-1", query_code="Q1", applicant_kind="research", applicant_name="某所",
        channel="in_person", submitted_on=date(2025, 3, 3), received_on=date(2025, 3, 3), description="某项信息", state="processing",
    )
    assert paths(agency, 2025)["requests.new_received.research"] == 1
    app.delete()
    assert paths(agency, 2025)["requests.new_received.research"] == 0


def _bulk(agency) -> None:
    """Cases written past the models (a bulk import): the tallies do not see them."""
    apps = Application.objects.bulk_create([
        Application(agency=agency, year=2024, seq=i, number=f"B-{i}", query_code=f"QB{i}", applicant_kind=f21.APPLICANT_KEYS[i % 6],
                    applicant_name="申请人", channel="in_person", submitted_on=date(2024, 1 + i % 12, 5), received_on=date(2024, 1 + i % 12, 5),
                    description="某项信息", state="closed" if i % 3 else "processing",
                    outcome=f21.LEAF_KEYS[i % 21] if i % 3 else None, closed_on=date(2024 + i % 2, 12, 20) if i % 3 else None)
        for i in range(1, 40)
    ])
    Appeal.objects.bulk_create([Appeal(application=a, kind=GROUPS[a.seq % 3], filed_on=date(2025, 1, 8)) for a in apps[::5]])


@pytest.mark.django_db(transaction=True)  # the command in a transaction of its own, as from the shell
def test_cases_written_past_the_models_are_counted_by_the_rebuild_command(agency, county, capsys):
    _bulk(agency)
    assert paths(agency, 2024)["requests.new_received.total"] == 0
    call_command("rebuild_tallies")
    assert "申请计数" in capsys.readouterr().out
    assert_equal_to_stats([agency, county])
    assert paths(agency, 2024)["requests.new_received.total"] == 39


@pytest.mark.django_db
def test_the_data_migration_counts_the_cases_on_the_historical_models(agency, county):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from zfxxgk.cases.migrations import __name__ as package

    _bulk(agency)
    migration = __import__(f"{package}.0011_receipt_tally", fromlist=["count_existing_cases"])
    historical = MigrationExecutor(connection).loader.project_state(("cases", "0011_receipt_tally")).apps
    migration.count_existing_cases(historical, SimpleNamespace(connection=connection))  # all it reads of the schema editor
    assert_equal_to_stats([agency, county])


@parallel
@pytest.mark.django_db(transaction=True)
def test_parallel_actions_on_one_agency_keep_the_tallies_right(agency, clock):
    """Answers, confirmations and appeals of one agency at the same moment take the same tally rows:
    each waits its turn (no deadlock, no count lost)."""
    apps = [s.register(agency, s.NewApplication("natural_person", f"申{i}", "某文件", "internet" if i % 2 else "in_person",
                                                date(2025, 6, 2), phone="1")) for i in range(24)]

    def work(i: int) -> None:
        app = apps[i]
        if app.received_on is None:
            s.confirm_receipt(app, date(2025, 6, 3))
        s.answer(app, date(2025, 6, 20), ("granted", "partially_granted")[i % 2])
        s.add_appeal(app, "reconsideration", date(2025, 6, 25))

    _, errors, _ = run_parallel(len(apps), work)
    assert errors == []
    assert_equal_to_stats([agency])
    assert paths(agency, 2025)["requests.total.total"] == 24 and paths(agency, 2025)["appeals.reconsideration.pending"] == 24
