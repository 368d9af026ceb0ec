"""Each report and version keeps its tables 三 and 四 packed (annual.tables): what the dashboard sums.
The packed list follows every save, and a list that does not fit is never used: the JSON is read."""
from __future__ import annotations

from decimal import Decimal

import pytest

from zfxxgk.annual import tables
from zfxxgk.annual.models import AnnualReport, Version
from zfxxgk.oversight import totals
from zfxxgk.oversight.totals import TABLE_PATHS

from oversight import test_dashboard_helpers
from oversight.test_dashboard_helpers import DRAFT, PUBLISHED, YEAR

world = test_dashboard_helpers.world


def test_pack_and_unpack_keep_every_cell():
    cells = {p: k for k, p in enumerate(TABLE_PATHS) if k % 3}
    cells[TABLE_PATHS[1]] = Decimal("1.5")
    packed = tables.pack(cells)
    assert len(packed) == len(TABLE_PATHS) == 190
    assert packed[0] is None and packed[1] == "1.5" and packed[2] == 2
    assert tables.unpack(packed) == cells
    assert tables.unpack(packed[:-1]) is None  # another length: the format's paths changed
    assert tables.unpack({"requests.granted.total": 1}) is None
    assert tables.unpack(packed[:1] + ["x"] + packed[2:]) is None  # not a number: not used


@pytest.mark.django_db
def test_a_saved_report_and_version_carry_their_tables(world):
    report = AnnualReport.objects.get(agency=world.draft_agency, year=YEAR)
    assert tables.unpack(report.tables) == tables.from_draft(report.figures)
    assert tables.unpack(report.tables)["requests.new_received.total"] == DRAFT["requests.new_received.total"]
    report.figures = {**report.figures, "requests.granted.total": {"value": 77, "source": "manual", "computed": 2}}
    report.save(update_fields=["figures"])  # the packed list goes with the figures
    report.refresh_from_db()
    assert tables.unpack(report.tables)["requests.granted.total"] == 77
    version = Version.objects.filter(report__agency=world.agency, report__year=YEAR).latest("number")
    assert tables.unpack(version.tables) == tables.from_document(version.document)
    assert tables.unpack(version.tables)["requests.granted.total"] == PUBLISHED["requests.granted.total"]


@pytest.mark.django_db
def test_the_dashboard_reads_the_packed_tables_not_the_json(world):
    agencies = totals.county_agencies(world.county)
    # Packed lists that say something else prove which one is read …
    AnnualReport.objects.filter(agency=world.draft_agency, year=YEAR).update(
        tables=tables.pack({**tables.from_draft(AnnualReport.objects.get(agency=world.draft_agency, year=YEAR).figures),
                            "requests.granted.total": 1000}))
    figures = {f.name: f for f in totals.agency_figures(agencies, YEAR)}
    assert figures[world.draft_agency.name].value("requests.granted.total") == 1000


@pytest.mark.django_db
def test_rows_written_past_save_fall_back_to_their_json(world):
    agencies = totals.county_agencies(world.county)
    before = totals.sum_figures(totals.agency_figures(agencies, YEAR))
    AnnualReport.objects.update(tables=[])  # e.g. written by bulk_create or an older release
    Version.objects.update(tables=[1, 2, 3])
    figures = {f.name: f for f in totals.agency_figures(agencies, YEAR)}
    assert figures[world.agency.name].source == totals.PUBLISHED
    assert figures[world.draft_agency.name].source == totals.DRAFT
    assert totals.sum_figures(list(figures.values())) == before


@pytest.mark.django_db
def test_the_migration_packs_the_rows_already_stored(world):
    import importlib

    from django.apps import apps

    fill = importlib.import_module("zfxxgk.annual.migrations.0002_compact_tables").fill
    AnnualReport.objects.update(tables=[])
    Version.objects.update(tables=[])
    fill(apps, None)
    for report in AnnualReport.objects.all():
        assert report.tables == tables.pack(tables.from_draft(report.figures))
    assert Version.objects.exists()
    for version in Version.objects.all():
        assert version.tables == tables.pack(tables.from_document(version.document)) and len(version.tables) == 190
