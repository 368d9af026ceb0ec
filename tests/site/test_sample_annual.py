"""The sample county shows the whole annual-report cycle on any day: last year published by every
agency (one through the full sign-off, one uploaded, two by the system), this year a draft."""
from datetime import date

import pytest

from zfxxgk.agencies.models import Agency
from zfxxgk.annual.models import AnnualReport, ReportState, Version
from zfxxgk.approvals.models import Approval, Decision
from zfxxgk.cases.models import Application
from zfxxgk.cases.stats import report_tables
from zfxxgk.reports.model import ReportDocument
from zfxxgk.site.sample import load_sample

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("day", [date(2026, 1, 1), date(2026, 2, 14), date(2026, 12, 31)], ids=str)
def test_sample_has_last_year_published_and_this_year_drafted(clock, day):
    clock["day"] = day
    load_sample()
    last, this = day.year - 1, day.year
    agencies = Agency.objects.all()
    assert agencies.count() == 5  # the county and its four departments

    for agency in agencies:
        report = AnnualReport.objects.get(agency=agency, year=last)
        assert report.state == ReportState.PUBLISHED and report.errors == 0, (agency, report.findings)
        version = report.versions.get()
        # published in January, before the deadline (or today, early in January), never later
        assert version.published_on == min(day, date(this, 1, 20)) and not version.late
        doc = ReportDocument.from_dict(version.document)
        # the published tables are the cases' own count: applications received and answered last year
        expected = report_tables(agency, last)
        assert {p: doc.value(p) for p in expected.cells} == {p: c.value for p, c in expected.cells.items()}
        assert doc["requests.new_received.total"] >= (4 if agency.parent_id else 0) and doc["active.licensing"] == 36

        draft = AnnualReport.objects.get(agency=agency, year=this)
        assert draft.state == ReportState.DRAFT and not draft.versions.exists() and draft.generated_at

    signed = AnnualReport.objects.get(agency__code="xtxsfj", year=last)
    approval = Approval.objects.get(object_id=signed.pk, kind="annual_report", state="approved")
    assert [d.verdict for d in Decision.objects.filter(approval=approval)] == ["submit", "approve"]
    assert {d.user.username for d in Decision.objects.filter(approval=approval)} == {"xtxsfj-fzr", "xtxsfj-ld"}
    assert signed.versions.get().docx and signed.versions.get().xlsx  # rendered on publishing
    assert all(f.get("dismissed") for f in signed.findings if f["severity"] == "warning")  # answered with a reason
    assert Version.objects.get(report__agency__code="xtxzrzyj", report__year=last).origin == "upload"
    # this year: 司法局's draft is ready to submit; the others still miss table 二 (an error to fix)
    assert AnnualReport.objects.get(agency__code="xtxsfj", year=this).errors == 0
    assert AnnualReport.objects.get(agency__code="xtxkgxj", year=this).errors > 0
    assert Application.objects.filter(received_on__year=last, state="closed").count() >= 16


def test_sample_cycle_is_visible_through_the_api_and_cli(client, clock, capsys):
    from zfxxgk.cli import main

    clock["day"] = date(2026, 6, 30)
    load_sample()
    body = client.get("/api/agencies/xtxsfj/annual/2025").json()
    assert body["state"] == "published" and body["version"] == 1 and body["findings"]["errors"] == 0
    assert client.get("/api/agencies/xtxsfj/annual/2026").status_code == 404  # a draft is not public
    assert main(["annual", "status", "2025"]) == 0
    out = capsys.readouterr().out
    assert out.count("已发布") == 6 and "逾期" not in out.split("\n", 2)[2].rsplit("\n", 2)[0]
    assert out.splitlines()[-1] == "共 5 个机关：已发布 5 个，逾期 0 个。"
