"""The back office shows a report's dismissals and versions read-only."""
from __future__ import annotations

from django.contrib.auth import get_user_model

from zfxxgk.annual.models import AnnualReport, Dismissal, Version


def test_report_admin_shows_dismissals_and_versions_without_inputs(client, agency, clerk):
    report = AnnualReport.objects.create(agency=agency, year=2025)
    Dismissal.objects.create(report=report, key="k1", rule="W-TEST", message="警告", reason="已核实无误的理由", user=clerk)
    Version.objects.create(report=report, number=1, origin="upload", published_on="2026-01-20", reason="首次发布", document={})
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    page = client.get(f"/admin/annual/annualreport/{report.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "已核实无误的理由" in html and "首次发布" in html
    assert 'name="dismissals-0-reason"' not in html and 'name="versions-0-reason"' not in html
