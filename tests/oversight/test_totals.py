"""County totals: the sum of the agencies' tables, each agency's figures from the right source."""
from __future__ import annotations

from datetime import date

import pytest

from zfxxgk.agencies.models import Agency
from zfxxgk.cases import services as s
from zfxxgk.cases import stats, tally
from zfxxgk.oversight import totals
from zfxxgk.oversight.totals import TABLE_PATHS, county_totals
from zfxxgk.reports.model import Cell
from zfxxgk.standard import format2021 as f21

from oversight import test_dashboard_helpers
from oversight.test_dashboard_helpers import AUDITED, DRAFT, PUBLISHED, YEAR, audited, publish
from workspace.helpers import new

pytestmark = pytest.mark.django_db
world = test_dashboard_helpers.world  # the fixture: the county of tests/oversight/test_dashboard_helpers.py


def test_county_totals_are_the_sum_of_published_draft_live_and_audited_reports(world):
    doc = county_totals(world.county, YEAR)
    live = stats.report_tables(world.live, YEAR)
    assert doc.agency == world.county.name and doc.year == YEAR
    assert set(doc.cells) == set(TABLE_PATHS)
    for path in TABLE_PATHS:
        expected = PUBLISHED.get(path, 0) + DRAFT.get(path, 0) + AUDITED.get(path, 0) + live.value(path)
        assert doc.value(path) == expected, path
    # the figures themselves, spelled out: 7 + 3 + 11 + 4 received, 5 + 2 + 9 + 3 granted
    assert doc.value("requests.new_received.total") == 25
    assert doc.value("requests.granted.total") == 19
    assert doc.value("requests.carried_over.total") == 1
    assert doc.value("appeals.reconsideration.corrected") == 2


def test_each_agency_figures_say_where_they_came_from(world):
    agencies = totals.county_agencies(world.county)
    figures = {f.name: f for f in totals.agency_figures(agencies, YEAR)}
    assert figures[world.agency.name].source == totals.PUBLISHED
    assert figures[world.draft_agency.name].source == totals.DRAFT
    assert figures[world.live.name].source == totals.LIVE
    assert figures[world.county.name].source == totals.LIVE
    assert [a.name for a in agencies][0] == world.county.name  # the county first, then below it


def test_the_latest_published_version_counts(world):
    publish(world.agency, YEAR, {**PUBLISHED, "requests.granted.total": 50}, number=2)
    figures = totals.agency_figures([world.agency], YEAR)[0]
    assert figures.version == 2 and figures.value("requests.granted.total") == 50
    assert "第2版" in figures.source_label


def test_a_report_row_without_figures_is_counted_live(world):
    from zfxxgk.annual.models import AnnualReport

    AnnualReport.objects.create(agency=world.live, year=YEAR)  # 未开始: created on demand, nothing in it
    figures = totals.agency_figures([world.live], YEAR)[0]
    assert figures.source == totals.LIVE and figures.value("requests.new_received.total") == 4


def test_an_uploaded_report_of_a_platform_agency_is_not_counted_twice(world):
    copy = audited(world.county, YEAR, world.agency.name, PUBLISHED)
    copy.agency = world.agency  # the batch matched the file to the platform's agency
    copy.save()
    doc = county_totals(world.county, YEAR)
    assert doc.value("requests.new_received.total") == 25


def test_another_county_is_not_summed(world, db):
    top = Agency.objects.create(name="韶山市人民政府", code="ssz")
    other = Agency.objects.create(name="韶山市司法局", code="sssfj", parent=top)
    publish(other, YEAR, {"requests.new_received.total": 100})
    audited(top, YEAR, "韶山市某镇", {"requests.new_received.total": 100})
    assert county_totals(world.county, YEAR).value("requests.new_received.total") == 25
    assert county_totals(top, YEAR).value("requests.new_received.total") == 200


def test_the_grouped_live_count_equals_cases_stats_agency_by_agency(county, clock, django_user_model):
    """The dashboard counts all agencies at once; cases.stats counts one: the two must agree."""
    clerk = django_user_model.objects.create_user("c")
    agencies = [Agency.objects.create(name=f"局{i}", code=f"j{i}", parent=county) for i in range(3)]
    kinds = ["natural_person", "commercial", "research", "legal_service"]
    outcomes = ["granted", "partially_granted", "denied_state_secret", "not_handled_duplicate", "other_other"]
    clock["day"] = date(2026, 1, 20)
    n = 0
    for i, a in enumerate(agencies):
        for j in range(7 + 3 * i):
            n += 1
            submitted = date(2024 + (j % 3 == 0), 1 + (j * 5) % 12, 1 + j % 27)
            app = s.register(a, new(submitted, kind=kinds[(i + j) % 4], name=f"申{n}"), clerk)
            if j % 4:
                closing = date(min(submitted.year + (j % 5 == 0), 2026), 12 if j % 5 == 0 else min(submitted.month + 1, 12), 28)
                closing = min(closing, date(2026, 1, 20))
                s.answer(app, max(closing, app.received_on), outcomes[(i * j) % 5], clerk)
            if j % 6 == 1:
                s.add_appeal(app, "litigation_direct", date(2025, 7, 1), *(("upheld", date(2026, 1, 5)) if j % 4 else ()))
    ids = [a.pk for a in agencies]
    for year in (2024, 2025):
        grouped = tally.tables_by_agency(ids, year)
        for a in agencies:
            expected = stats.report_tables(a, year)
            assert grouped[a.pk] == {p: expected.value(p) for p in TABLE_PATHS}, (a.name, year)
        assert any(grouped[a.pk]["requests.total.total"] for a in agencies)
        together = stats.report_tables(agencies, year)
        assert tally.tables_together(ids, year) == {p: together.value(p) for p in TABLE_PATHS}, year
    # the received-per-year counts (the dashboard's chart)
    counted = totals.county_figures(agencies, [2025], {}, [2023, 2024, 2025, 2026])
    for year in (2023, 2024, 2025, 2026):
        assert counted.received[year] == sum(stats.report_tables(a, year).value("requests.new_received.total") for a in agencies), year
    assert counted.received[2024] > 0


def test_the_live_count_follows_every_change_of_the_cases(world, clock):
    """The live figures are read from the tallies in every call: a new case, an answer, an appeal
    show at once, in the agency's cells and in the county's sum."""
    agencies = totals.county_agencies(world.county)

    def live_value(path):
        figures = totals.county_figures(agencies, [YEAR], {}).by_year[YEAR]
        assert figures[2].source == totals.LIVE  # 湘潭县教育局
        return figures[2].value(path), totals.sum_figures(figures)[path]

    received, county_received = live_value("requests.new_received.total")
    granted, county_granted = live_value("requests.granted.total")
    assert received == 4
    app = s.register(world.live, new(date(2025, 7, 1), name="新来的"), world.clerk)
    assert live_value("requests.new_received.total") == (received + 1, county_received + 1)
    s.answer(app, date(2025, 7, 10), "granted", world.clerk)
    assert live_value("requests.granted.total") == (granted + 1, county_granted + 1)
    s.add_appeal(app, "litigation_direct", date(2025, 8, 1))
    assert live_value("appeals.litigation_direct.pending")[0] == 1


def test_the_county_sum_of_the_live_agencies_is_counted_without_reading_each_agency(world, django_assert_num_queries):
    """The dashboard shows the county's sum only: the live agencies are summed by the database, and
    each agency's cells are read (all together, in one query per table) only when someone asks."""
    agencies = totals.county_agencies(world.county)
    figures = totals.county_figures(agencies, [YEAR], {}).by_year[YEAR]
    live = [f for f in figures if f.source == totals.LIVE]
    assert len(live) >= 2
    with django_assert_num_queries(2):  # table 三, table 四
        summed = totals.sum_figures(figures)
    assert all("by_agency" not in vars(f.cells.live) for f in live)
    with django_assert_num_queries(2):
        cells = [dict(f.cells) for f in live]
    with django_assert_num_queries(0):
        assert totals.sum_figures(figures) == summed  # now added up from the cells read
    by_hand = dict.fromkeys(TABLE_PATHS, 0)
    for f in figures:
        for p in TABLE_PATHS:
            by_hand[p] += f.value(p)
    assert summed == by_hand
    assert cells[0] == {p: stats.report_tables(live[0].agency, YEAR).value(p) for p in TABLE_PATHS}


def test_the_cells_of_a_stored_document_are_read_as_report_document_reads_them():
    from zfxxgk.reports.model import ReportDocument

    doc = ReportDocument(format=f21.FORMAT_2021, agency="局", year=2025)
    for k, p in enumerate(TABLE_PATHS):
        if k % 7:
            doc.cells[p] = Cell(k)
    data = doc.to_dict(with_sources=True)
    expected = {p: c.value for p, c in ReportDocument.from_dict(data).cells.items() if p in TABLE_PATHS}
    assert totals.cells_of_document(data) == expected and len(expected) > 150
    assert totals.cells_of_document(data | {"published_on": "2025-13-40"}) == {}  # unreadable, as from_dict
    assert totals.cells_of_document(data | {"requests": {"granted": {"total": "x"}}}) == {}
    assert totals.cells_of_document(None) == {}
