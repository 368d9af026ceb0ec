"""Last year's report as the agency published it: read, checked, kept as a version that feeds the cross-year rules."""
from __future__ import annotations

import pytest

from zfxxgk.annual import signoff
from zfxxgk.annual.errors import AnnualForbidden, AnnualInvalid, AnnualStateError
from zfxxgk.annual.models import AnnualReport, FigureSource, ReportState, Version
from zfxxgk.reports import limits
from zfxxgk.reports.model import ReportDocument
from zfxxgk.reports.write import render

from annual import test_signoff_kit as kit
from annual.test_signoff_kit import SEED_SFJ, SEEDS, make_report, seed_document

staff = kit.staff


def test_a_seed_uploaded_as_last_years_report(agency, staff):
    data = SEED_SFJ.read_bytes()
    version = signoff.upload_published(agency, 2024, "2024年报.txt", data, staff["clerk"])
    report = AnnualReport.objects.get(agency=agency, year=2024)
    assert (report.state, report.is_public, report.current_version()) == (ReportState.PUBLISHED, True, version)
    assert (version.number, version.origin, version.original_name, bytes(version.original)) == (1, "upload", "2024年报.txt", data)
    seed = seed_document()
    assert ReportDocument.from_dict(version.document).values()["cells"] == seed.values()["cells"]
    assert {f["source"] for f in report.figures.values()} == {FigureSource.UPLOAD}
    assert report.figures["requests.new_received.total"]["value"] == seed.value("requests.new_received.total")
    assert report.sections["overview"] == seed.sections["overview"]
    assert version.html.startswith("<!DOCTYPE html>") and seed.sections["other"].strip() in version.html
    assert isinstance(version.findings, list) and report.errors == 0


def test_any_format_the_reader_reads(agency, staff):
    data = render(seed_document(), "docx")
    version = signoff.upload_published(agency, 2024, "报告.docx", data, staff["head"])
    assert ReportDocument.from_dict(version.document).values()["cells"] == seed_document().values()["cells"]


def test_an_unreadable_file_is_refused_in_chinese_and_nothing_is_stored(agency, staff):
    with pytest.raises(AnnualInvalid) as err:
        signoff.upload_published(agency, 2024, "报告.txt", "这不是一份年度报告。".encode(), staff["clerk"])
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err.value.message)
    assert not AnnualReport.objects.exists() and not Version.objects.exists()


def test_the_readers_limits_apply(agency, staff):
    with limits.using(limits.Limits(max_input_mb=1)), pytest.raises(AnnualInvalid) as err:
        signoff.upload_published(agency, 2024, "报告.txt", b"x" * (2 << 20), staff["clerk"])
    assert "ZFXXGK_MAX_INPUT_MB" in err.value.message
    assert not Version.objects.exists()


def test_another_year_or_agency_is_refused(agency, staff):
    with pytest.raises(AnnualInvalid) as err:
        signoff.upload_published(agency, 2023, "报告.txt", SEED_SFJ.read_bytes(), staff["clerk"])
    assert "2024年度" in err.value.message
    other = (SEEDS / "000_65cb26a2bb932bdb.txt").read_bytes()  # 湘潭县科技和工业信息化局
    with pytest.raises(AnnualInvalid) as err:
        signoff.upload_published(agency, 2024, "报告.txt", other, staff["clerk"])
    assert "湘潭县科技和工业信息化局" in err.value.message
    assert not Version.objects.exists()


def test_only_staff_of_the_agency_upload(agency, staff):
    for who in ("supervisor", "other_head"):
        with pytest.raises(AnnualForbidden):
            signoff.upload_published(agency, 2024, "报告.txt", SEED_SFJ.read_bytes(), staff[who])
    assert not Version.objects.exists()


def test_refused_when_the_year_was_published_on_the_platform(agency, staff):
    from zfxxgk.approvals import services as approvals

    report = make_report(agency, 2024)
    approvals.decide(signoff.submit(report, staff["head"]), staff["leader"], approve=True)
    with pytest.raises(AnnualStateError):
        signoff.upload_published(agency, 2024, "报告.txt", SEED_SFJ.read_bytes(), staff["clerk"])
    assert Version.objects.count() == 1


def test_a_second_upload_replaces_the_first_as_a_new_version(agency, staff):
    signoff.upload_published(agency, 2024, "a.txt", SEED_SFJ.read_bytes(), staff["clerk"])
    second = signoff.upload_published(agency, 2024, "b.txt", SEED_SFJ.read_bytes(), staff["clerk"])
    assert second.number == 2 and "b.txt" in second.reason
    assert AnnualReport.objects.get(agency=agency, year=2024).current_version() == second


def test_the_upload_is_last_years_document_for_the_cross_year_rules(agency, staff):
    from zfxxgk.annual import draft

    this_year = make_report(agency, 2025)
    assert draft.previous_document(this_year) is None
    signoff.upload_published(agency, 2024, "2024年报.txt", SEED_SFJ.read_bytes(), staff["clerk"])
    previous = draft.previous_document(this_year)
    assert previous is not None and previous.values()["cells"] == seed_document().values()["cells"]
