"""cases.stats.cell_cases: the cases behind one cell of tables 三 and 四 (the dashboard's drill-down)
are exactly the ones the table counts, for every cell, totals included."""
from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from zfxxgk.agencies.models import Agency
from zfxxgk.cases import stats
from zfxxgk.cases.models import Appeal, Application
from zfxxgk.standard import format2021 as f21

pytestmark = pytest.mark.django_db

YEAR = 2024


def random_casework(agencies, seed: int = 7, n: int = 160):
    """Applications and appeals over 2023–2025 with every applicant kind, outcome and edge day."""
    rnd = random.Random(seed)
    edges = [date(y, m, d) for y in (2023, 2024, 2025) for m, d in ((1, 1), (12, 31))]
    apps = []
    for i in range(n):
        day = rnd.choice(edges) if rnd.random() < 0.3 else date(2023, 1, 1) + timedelta(days=rnd.randrange(3 * 365))
        status = rnd.choice(("awaiting", "open", "closed", "closed", "closed"))
        received = None if status == "awaiting" else day
        closed = day + timedelta(days=rnd.choice((0, 1, rnd.randrange(400)))) if status == "closed" else None
        outcome = rnd.choice(f21.LEAF_KEYS) if closed else None
        apps.append(Application(
            agency=rnd.choice(agencies), year=day.year, seq=i + 1, number=f"C-{i + 1}", query_code=f"C{i:011d}",
            applicant_kind=rnd.choice(f21.APPLICANT_KEYS), applicant_name="申请人",
            channel="in_person" if received else "internet", submitted_on=day, received_on=received,
            description="某项政府信息", state={"awaiting": "awaiting_confirmation", "open": "processing"}.get(status, "closed"),
            outcome=outcome, closed_on=closed))
    Application.objects.bulk_create(apps)
    appeals = []
    for _ in range(40):
        app = rnd.choice(apps)
        filed = app.submitted_on + timedelta(days=rnd.choice((0, rnd.randrange(300))))
        result = rnd.choice(("upheld", "corrected", "other", "pending"))
        decided = None if result == "pending" else filed + timedelta(days=rnd.randrange(200))
        appeals.append(Appeal(application=app, kind=rnd.choice([g for g, _ in f21.APPEAL_GROUPS]), filed_on=filed, result=result, decided_on=decided))
    Appeal.objects.bulk_create(appeals)


def test_every_cell_lists_the_cases_it_counts(county):
    agencies = [Agency.objects.create(name=f"单元格局{i}", code=f"dygj{i}", parent=county) for i in range(2)]
    random_casework(agencies)
    for selection in (agencies[0], Agency.objects.filter(parent=county)):
        for year in (2023, YEAR, 2025):
            table = stats.request_table(selection, year) | stats.appeal_table(selection, year)
            assert sum(table.values()) > 0
            for path, count in table.items():
                qs = stats.cell_cases(selection, year, path)
                assert qs.count() == count, (year, path)
                assert qs.model is (Application if path.startswith("requests.") else Appeal)


def test_the_cases_themselves(agency, county):
    a = Application.objects.create(
        agency=agency, year=2023, seq=1, number="X-1", query_code="X00000000001", applicant_kind="commercial",
        applicant_name="某公司", channel="in_person", submitted_on=date(2023, 12, 28), received_on=date(2023, 12, 28),
        description="某项政府信息", state="closed", outcome="granted", closed_on=date(2024, 1, 3))
    ap = Appeal.objects.create(application=a, kind="reconsideration", filed_on=date(2024, 3, 1), result="upheld", decided_on=date(2025, 1, 2))
    assert list(stats.cell_cases(agency, YEAR, "requests.carried_over.commercial")) == [a]
    assert list(stats.cell_cases(agency, YEAR, "requests.granted.total")) == [a]
    assert list(stats.cell_cases(agency, YEAR, "requests.total.commercial")) == [a]
    assert not stats.cell_cases(agency, YEAR, "requests.new_received.total").exists()
    assert not stats.cell_cases(county, YEAR, "requests.granted.total").exists()  # the county's own cases only
    assert list(stats.cell_cases(agency, YEAR, "appeals.reconsideration.pending")) == [ap]  # decided after 31 Dec
    assert list(stats.cell_cases(agency, 2025, "appeals.reconsideration.total")) == []


@pytest.mark.parametrize("path", ["requests.granted", "requests.nothing.total", "requests.granted.everyone",
                                  "appeals.elsewhere.total", "appeals.reconsideration.maybe", "active.licensing"])
def test_not_a_cell(agency, path):
    with pytest.raises(ValueError):
        stats.cell_cases(agency, YEAR, path)
