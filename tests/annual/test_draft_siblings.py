"""The sibling reports W-CLONE compares a draft with (annual.documents.sibling_documents): the
published version where there is one, else the draft; two queries however many siblings."""
from __future__ import annotations

from datetime import date

import pytest

from zfxxgk.agencies.models import Agency
from zfxxgk.annual.documents import sibling_documents
from zfxxgk.annual.models import AnnualReport, Version

pytestmark = pytest.mark.django_db

TEXT = "本机关严格落实政府信息公开条例，主动公开各类信息。"


def _report(agency, sections, versions=()):
    report = AnnualReport.objects.create(agency=agency, year=2024, sections=sections)
    for number, document in versions:
        Version.objects.create(report=report, number=number, published_on=date(2025, 1, 20), document=document)
    return report


def test_siblings_are_the_latest_version_else_the_draft(agency, county, django_assert_num_queries):
    mine = _report(agency, {"requests": TEXT})
    published = Agency.objects.create(name="湘潭县民政局", code="mz", parent=county)
    drafted = Agency.objects.create(name="湘潭县教育局", code="jy", parent=county)
    silent = Agency.objects.create(name="湘潭县财政局", code="cz", parent=county)
    elsewhere = Agency.objects.create(name="韶山市民政局", code="ss")
    _report(published, {"requests": "草稿里改过的文字。"}, [
        (1, {"format": "2021", "agency": "民政局（旧名）", "year": 2024, "sections": {"requests": "第一版。"}}),
        (2, {"format": "2021", "agency": "湘潭县民政局", "year": 2024, "sections": {"requests": TEXT, "appeals": ""},
             "requests": {"granted": {"total": 3}}}),
    ])
    _report(drafted, {"preamble": "开头。", "proactive": TEXT, "not_a_section": "x", "appeals": ""})
    _report(silent, {"preamble": "只有开头。"})  # no narrative section: nothing to compare
    _report(elsewhere, {"requests": TEXT})  # another county
    with django_assert_num_queries(2):
        docs = sibling_documents(mine)
    assert [(d.agency, d.year) for d in docs] == [("湘潭县教育局", 2024), ("湘潭县民政局", 2024)]
    by_name = {d.agency: d for d in docs}
    assert by_name["湘潭县民政局"].sections == {"requests": TEXT}  # version 2's, empty sections dropped
    assert by_name["湘潭县教育局"].sections == {"preamble": "开头。", "proactive": TEXT}  # the draft's text keys


def test_an_agency_without_parent_has_no_siblings(county):
    assert sibling_documents(_report(county, {"requests": TEXT})) == []
