"""Due dates (条例第四十九条, a jurisdiction's earlier date inherited down the hierarchy) and the
status the dashboard, API and CLI show for a report."""
from __future__ import annotations

from datetime import date

import pytest
from django.db.models import Count

from zfxxgk.agencies.models import Agency
from zfxxgk.annual import services as annual
from zfxxgk.annual.deadlines import due_date
from zfxxgk.annual.models import AnnualReport, ReportState, Version
from zfxxgk.annual.queries import status

pytestmark = pytest.mark.django_db


def test_statutory_dates(county, agency):
    assert due_date(agency, 2024) == date(2025, 1, 31)  # a department
    assert due_date(county, 2024) == date(2025, 3, 31)  # the 本级人民政府


def test_a_jurisdiction_date_is_inherited_unless_overridden(county, agency):
    town = Agency.objects.create(name="易俗河镇人民政府", code="ysh", parent=county, is_government=True)
    office = Agency.objects.create(name="易俗河镇党政综合办", code="yshzh", parent=town)
    county.report_deadline = "01-28"
    county.save()
    for a in (agency, town, office):
        a.refresh_from_db()
    assert [due_date(a, 2024) for a in (county, agency, town, office)] == [date(2025, 1, 28)] * 4
    town.report_deadline = "02-29"  # a common year: the last day of February
    town.save()
    office.refresh_from_db()
    assert due_date(office, 2024) == date(2025, 2, 28) and due_date(office, 2023) == date(2024, 2, 29)
    everyone = {a.pk: a for a in Agency.objects.all()}
    assert due_date(Agency.objects.get(pk=office.pk), 2024, everyone) == date(2025, 2, 28)


def test_status_through_the_year(agency, casework, clerk, table2):
    before, after = date(2025, 1, 31), date(2025, 2, 1)
    s = status(None, agency, 2024, before)
    assert (s.key, s.label_zh, s.is_late, s.due) == ("not_started", "未开始", False, date(2025, 1, 31))
    assert status(None, agency, 2024, after).key == "late"
    report = annual.get(agency, 2024)
    assert status(report, agency, 2024, before).key == "not_started"
    annual.generate(report, clerk)
    assert status(report, agency, 2024, before).key == "failing"  # table 二 missing
    annual.save(report, clerk, figures=table2)
    assert status(report, agency, 2024, before).key == "draft"
    late = status(report, agency, 2024, after)
    assert (late.key, late.label_zh, late.is_late) == ("late", "逾期未发布", True)
    report.state = ReportState.PENDING
    assert status(report, agency, 2024, before).key == "pending"
    report.state = ReportState.PUBLISHED
    report.save()
    Version.objects.create(report=report, number=1, published_on=date(2025, 2, 3), document={})
    s = status(report, agency, 2024, date(2025, 3, 1))
    assert (s.key, s.is_late) == ("published", True)  # published, but after the due date
    loaded = AnnualReport.objects.with_first_published().get(pk=report.pk)
    assert loaded.first_published_on == date(2025, 2, 3) and status(loaded, agency, 2024, date(2025, 3, 1)).is_late
    report.state = ReportState.CORRECTED
    assert status(report, agency, 2024, date(2026, 1, 1)).key == "corrected"


def test_querysets(agency, county, clerk, supervisor):
    annual.generate(annual.get(agency, 2024), clerk)
    annual.get(county, 2024)
    annual.get(agency, 2023)
    assert AnnualReport.objects.for_year(2024).count() == 2
    assert list(AnnualReport.objects.failing().values_list("agency__name", flat=True)) == ["湘潭县司法局"]
    assert not AnnualReport.objects.public().exists()
    assert AnnualReport.objects.readable_by(supervisor).count() == 3
    assert AnnualReport.objects.readable_by(clerk).aggregate(n=Count("agency", distinct=True))["n"] == 1


def test_public_keeps_a_report_whose_correction_is_being_drafted(agency):
    """The public page shows the current version while its correction is drafted (state 草稿)."""
    report = AnnualReport.objects.create(agency=agency, year=2024, state=ReportState.DRAFT, correcting=True)
    assert not AnnualReport.objects.public().exists()
    Version.objects.create(report=report, number=1, published_on=date(2025, 1, 20), document={})
    Version.objects.create(report=report, number=2, published_on=date(2025, 3, 2), document={}, reason="更正表三")
    assert list(AnnualReport.objects.public()) == [report]  # once, however many versions


def test_working_year_is_last_years_until_it_is_past_due(agency, county):
    from zfxxgk.annual.deadlines import working_year

    assert working_year(date(2026, 3, 31)) == 2025 and working_year(date(2026, 4, 1)) == 2026  # 本级政府: 3月31日
    assert working_year(date(2026, 1, 31), [agency]) == 2025  # a department: 1月31日
    assert working_year(date(2026, 2, 1), [agency]) == 2026
    assert working_year(date(2026, 2, 1), [agency, county]) == 2025  # the county's own report is not yet due
