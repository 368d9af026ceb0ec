"""The annual report and 主动公开 (issue 10): table 二 第（一）项 from the registry of 规章 and
规范性文件, section 一's 主动公开 sentence from the publications of the year, and the published
report filed in the agency's 年报 column (publishing.annual_link)."""
from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from zfxxgk.annual import narrative, signoff
from zfxxgk.annual import services as annual
from zfxxgk.annual.models import NarrativeTemplate, ReportState
from zfxxgk.annual.narrative import Facts
from zfxxgk.approvals import services as approvals
from zfxxgk.publishing import annual_link, registry
from zfxxgk.publishing.columns import ensure_catalogue
from zfxxgk.publishing.models import Column, ColumnKind, DocKind, NormativeDocument, Publication, PubState
from zfxxgk.publishing.queries import counts_by_column
from zfxxgk.reports import check as checker
from zfxxgk.reports.model import ReportDocument

from annual import test_signoff_kit as kit
from annual.conftest import TABLE2

pytestmark = pytest.mark.django_db

NARRATIVE_RULES = {"W-NARR-REQ", "W-NARR-NUM", "W-NARR-SUM", "W-CONTRA", "T4-NARR", "W-YEAR", "W-PERIOD"}
REG = "active.normative_documents"


def register(agency, number, issued, **kw):
    return NormativeDocument.objects.create(agency=agency, doc_number=number, title=f"文件{number}", issued_on=issued, **kw)


@pytest.fixture
def documents(agency):
    """2025: two made (one of them repealed the same year), one older one lapsed; 8 in force before."""
    for i in range(8):
        register(agency, f"旧{i}", date(2020, 1, 1 + i))
    register(agency, "旧失效", date(2020, 5, 1), expires_on=date(2025, 5, 1))
    register(agency, "新1", date(2025, 3, 1))
    register(agency, "新2", date(2025, 4, 1), repealed_on=date(2025, 10, 1))
    return agency


def generated(agency, year=2025, user=None):
    report = annual.get(agency, year)
    annual.generate(report, user)
    return report


def figures_of(report, prefix="active."):
    return {p: e for p, e in report.figures.items() if p.startswith(prefix)}


# --- table 二 第（一）项 -----------------------------------------------------------------------------------

def test_table2_first_item_comes_from_the_registry_with_its_source(documents, clock):
    report = generated(documents)
    want = registry.table2(documents, 2025)
    assert want[f"{REG}.made"] == 2 and want[f"{REG}.repealed"] == 2 and want[f"{REG}.in_force"] == 9
    assert figures_of(report) == {p: {"value": v, "source": "registry", "computed": v} for p, v in want.items()}
    assert annual.document(report).cells[f"{REG}.made"].source == "规章和规范性文件登记"
    # the rest of table 二 is still staff's: only those cells are missing
    assert {f["rule"] for f in report.findings if f["severity"] == "error"} == {"MISSING"}
    annual.save(report, None, figures={p: v for p, v in TABLE2.items() if p not in want})
    assert [f for f in report.findings if f["severity"] == "error"] == []
    assert [f["rule"] for f in report.findings if f["rule"].startswith("T2-")] == []


def test_an_agency_that_has_not_registered_keeps_its_hand_entries(agency, clock):
    report = annual.get(agency, 2025)
    annual.save(report, None, figures=TABLE2)
    annual.generate(report, None)
    assert figures_of(report, REG) == {p: {"value": TABLE2[p], "source": "manual", "computed": None} for p in figures_of(report, REG)}
    register(agency, "明年的", date(2026, 1, 5))  # registered, but nothing issued by 31 Dec 2025: still staff's
    annual.generate(report, None)
    assert {e["source"] for e in figures_of(report).values()} == {"manual"}


def test_a_hand_entry_over_the_registry_is_kept_with_the_count_beside_it(documents, clock):
    report = generated(documents)
    annual.save(report, None, figures={f"{REG}.made": 7})
    register(documents, "新3", date(2025, 11, 1))
    changes = annual.generate(report, None)
    assert report.figures[f"{REG}.made"] == {"value": 7, "source": "manual", "computed": 3}
    assert [(c.key, c.old, c.new, c.kept) for c in changes if c.key == f"{REG}.made"] == [(f"{REG}.made", 2, 3, True)]
    assert report.figures[f"{REG}.in_force"] == {"value": 10, "source": "registry", "computed": 10}
    annual.save(report, None, figures={f"{REG}.made": None})  # the hand entry removed: the registry's count again
    assert report.figures[f"{REG}.made"] == {"value": 3, "source": "registry", "computed": 3}


def test_registry_figures_leave_when_the_registry_no_longer_speaks_for_the_year(agency, clerk, clock):
    doc = registry.create(agency, clerk, doc_number="湘司发〔2025〕1号", title="唯一的文件", issued_on=date(2025, 6, 1))
    report = generated(agency)
    annual.save(report, None, figures={f"{REG}.made": 1})
    assert figures_of(report)[f"{REG}.in_force"]["source"] == "registry"
    registry.update(doc, clerk, issued_on=date(2026, 1, 2))  # a typing slip: it was issued this January
    changes = annual.generate(report, None)
    assert figures_of(report) == {f"{REG}.made": {"value": 1, "source": "manual", "computed": None}}
    assert {c.key for c in changes if c.kind == "figure" and c.new is None} == set(registry.PATHS) - {f"{REG}.made"}


def test_the_editor_shows_the_registry_as_the_source(documents, clerk, client, clock):
    report = generated(documents)
    annual.save(report, None, figures={f"{REG}.made": 7})
    client.force_login(clerk)
    html = client.get(reverse("annual:report", args=[report.pk])).content.decode()
    assert html.count('an-src-registry') == 5 and "文件登记为2" in html and 'an-badge">文件登记</span> 由本机关规章和规范性文件登记统计' in html


# --- section 一 -------------------------------------------------------------------------------------------

def publish_directly(agency, column_code, day, n=1, *, version=1, state=PubState.PUBLISHED):
    column = Column.objects.get(agency=agency, code=column_code)
    for i in range(n):
        Publication.objects.create(agency=agency, column=column, title=f"{column.name}{i}", written_on=day, published_on=day,
                                   state=state, version=version)


@pytest.fixture
def publications(agency):
    ensure_catalogue(agency)
    publish_directly(agency, "gkzn", date(2025, 1, 2))
    publish_directly(agency, "gfxwj", date(2025, 3, 1), 2)        # under 法定主动公开内容
    publish_directly(agency, "xzzf", date(2025, 12, 31))         # under 法定主动公开内容 too
    publish_directly(agency, "gzdt", date(2025, 6, 1), 4)
    publish_directly(agency, "gzdt", date(2025, 7, 1), state=PubState.WITHDRAWN)  # public that year: counted
    publish_directly(agency, "gzdt", date(2025, 8, 1), version=2)                 # a correction: not a new item
    publish_directly(agency, "gzdt", date(2024, 12, 31))                         # last year's
    return agency


def test_section_one_states_the_publications_and_the_documents(publications, documents, clock):
    report = generated(publications)
    annual.save(report, None, figures={p: v for p, v in TABLE2.items() if not p.startswith(REG)})
    assert counts_by_column(publications, 2025) == [("政府信息公开指南", 1), ("法定主动公开内容", 3), ("工作动态", 5)]
    assert ("\n（一）主动公开。本年度通过政府信息公开专栏主动公开政府信息9条，其中政府信息公开指南1条、法定主动公开内容3条、工作动态5条；"
            "制发规范性文件2件，废止2件，现行有效9件。\n（二）依申请公开。") in report.sections["overview"]
    assert [f["message"] for f in report.findings if f["rule"] in NARRATIVE_RULES] == []


def test_section_one_speaks_of_the_documents_as_the_table_says(publications, documents, clock):
    """A hand entry in table 二 is what the text says: they never disagree."""
    report = generated(publications)
    annual.save(report, None, figures={f"{REG}.made": 7, "active.regulations.in_force": 1})
    annual.generate(report, None)
    assert "制发规章0件，废止0件，现行有效1件；制发规范性文件7件，废止2件，现行有效9件。" in report.sections["overview"]


def test_without_publications_the_general_wording_stays(agency, clock):
    report = generated(agency)
    assert ("（一）主动公开。按照条例第十九条、第二十条的规定，通过政府信息公开专栏主动公开机构职能、政策文件、执法信息等政府信息，"
            "具体数据见第二部分。") in report.sections["overview"]
    annual.save(report, None, figures=TABLE2)
    annual.generate(report, None)
    assert "执法信息等政府信息；制发规范性文件2件，废止1件，现行有效9件，具体数据见第二部分。" in report.sections["overview"]


def facts(**kw) -> Facts:
    return Facts(year=2025, agency="湘潭县司法局", **kw)


def test_digits_in_a_column_name_are_not_read_as_counts():
    sentence = narrative.publications_sentence(facts(publications=[("2024年专题", 2), ("工作动态", 3), ("政务公开", 1)]))
    assert sentence == "本年度通过政府信息公开专栏主动公开政府信息6条，其中二〇二四年专题2条、工作动态3条、政务公开1条。"


def test_a_column_name_the_sum_rule_misreads_drops_the_breakdown():
    listed = [("政府信息公开指南", 1), ("年度总计划", 5), ("工作动态", 27), ("财政信息", 3)]
    breakdown = "本年度通过政府信息公开专栏主动公开政府信息36条，其中政府信息公开指南1条、年度总计划5条、工作动态27条、财政信息3条。"
    # the checker reads "总计划5条" as a total of 27 + 3: the guard is needed
    assert [f.rule for f in checker.check(ReportDocument(sections={"overview": breakdown}), rules=[checker.RULE_BY_ID["W-NARR-SUM"]])] == ["W-NARR-SUM"]
    assert narrative.publications_sentence(facts(publications=listed)) == "本年度通过政府信息公开专栏主动公开政府信息36条。"


def test_the_placeholder_is_offered_to_templates(publications, clock):
    assert "publications_sentence" in narrative.PLACEHOLDERS and "{publications_sentence}" in narrative.BUILT_IN["overview"]
    NarrativeTemplate.objects.create(section="overview", text="{year}年主动公开情况：{publications_sentence}")
    report = generated(publications)
    assert report.sections["overview"] == ("2025年主动公开情况：本年度通过政府信息公开专栏主动公开政府信息9条，"
                                           "其中政府信息公开指南1条、法定主动公开内容3条、工作动态5条。")


# --- the published report in the 年报 column --------------------------------------------------------------

@pytest.fixture
def indexed(monkeypatch):
    """The publications passed to publishing.search.update, in order."""
    from zfxxgk.publishing import search

    seen = []
    original = search.update
    monkeypatch.setattr(search, "update", lambda pub: (seen.append((pub.pk, pub.state)), original(pub)))
    return seen


staff = kit.staff


@pytest.fixture
def report(agency):
    return kit.make_report(agency, 2025)


def publish(report, staff):
    approval = signoff.submit(report, staff["head"])
    approvals.decide(approval, staff["leader"], approve=True, comment="同意发布")
    report.refresh_from_db()
    return report.versions.order_by("-number").first()


TITLE = "湘潭县司法局2025年政府信息公开工作年度报告"


def test_publishing_the_report_files_it_in_the_annual_column(report, staff, clock, indexed, client):
    clock["day"] = date(2026, 1, 20)
    version = publish(report, staff)
    pub = Publication.objects.get(title=TITLE)
    assert pub in Publication.objects.public()
    assert (pub.column.kind, pub.column.code, pub.state, pub.version, pub.series_id) == (ColumnKind.ANNUAL_REPORT, "ndbg", PubState.PUBLISHED, 1, pub.pk)
    assert (pub.written_on, pub.published_on, pub.published_by, pub.created_by) == (date(2026, 1, 20),) * 2 + (staff["leader"],) * 2
    assert pub.index_number == "xtxsfj/2026-00001"
    assert '<a href="/zfxxgk/xtxsfj/ndbg/2025/"' in pub.body and "于2026年1月20日发布" in pub.body
    assert '<a href="/zfxxgk/xtxsfj/ndbg/2025/v1.docx" rel="noopener noreferrer">Word（DOCX）</a>' in pub.body
    assert pub.body_text.startswith("一、总体情况\n") and "\n六、其他需要报告的事项\n" in pub.body_text
    assert report.sections["overview"][:30] in pub.body_text
    assert indexed == [(pub.pk, PubState.PUBLISHED)]
    assert version.number == 1
    assert counts_by_column(report.agency, 2026) == [("政府信息公开年报", 1)]
    page = client.get(pub.get_absolute_url())
    assert page.status_code == 200 and TITLE in page.content.decode()


def test_a_correction_is_the_next_version_of_the_same_series(report, staff, clock, indexed):
    clock["day"] = date(2026, 1, 20)
    publish(report, staff)
    first = Publication.objects.get(title=TITLE)
    clock["day"] = date(2026, 2, 3)
    signoff.start_correction(report, staff["head"], "表三数字录入有误，予以更正")
    publish(report, staff)
    first.refresh_from_db()
    second = Publication.objects.exclude(pk=first.pk).get(title=TITLE)
    assert first.state == PubState.SUPERSEDED
    assert (second.state, second.series_id, second.version, second.index_number) == (PubState.PUBLISHED, first.pk, 2, first.index_number)
    assert second.correction_reason == "表三数字录入有误，予以更正" and "更正原因：表三数字录入有误，予以更正" in second.body
    assert second.published_on == date(2026, 2, 3) and '<a href="/zfxxgk/xtxsfj/ndbg/2025/v2/"' in second.body
    assert list(Publication.objects.public().filter(title=TITLE)) == [second]
    assert indexed[-2:] == [(first.pk, PubState.SUPERSEDED), (second.pk, PubState.PUBLISHED)]
    assert counts_by_column(report.agency, 2026) == [("政府信息公开年报", 1)]  # one item, corrected


def test_filing_fails_with_the_publication_in_one_transaction(report, staff, clock, monkeypatch):
    def broken(report, version):
        raise RuntimeError("filing failed")

    monkeypatch.setattr(annual_link, "publish_annual_report", broken)
    approval = signoff.submit(report, staff["head"])
    with pytest.raises(RuntimeError):
        approvals.decide(approval, staff["leader"], approve=True)
    report.refresh_from_db()
    assert report.state == ReportState.PENDING and not report.versions.exists()
    assert not Publication.objects.exists()


def test_an_agency_without_an_annual_column_gets_one(report, staff, clock):
    Column.objects.create(agency=report.agency, code="ndbg", name="通知公告")  # its own tree, without a 年报 column
    publish(report, staff)
    pub = Publication.objects.get(title=TITLE)
    assert (pub.column.name, pub.column.kind, pub.column.code, pub.column.parent) == ("政府信息公开年报", ColumnKind.ANNUAL_REPORT, "ndbg2", None)


def test_a_report_uploaded_as_published_elsewhere_is_not_filed(agency, staff, clock):
    signoff.upload_published(agency, 2024, "report.txt", kit.SEED_SFJ.read_bytes(), staff["clerk"])
    assert not Publication.objects.exists()


def test_the_registrys_kind_names_match_table_two():
    assert {k.label for k in DocKind} == {"规章", "行政规范性文件"}
    assert registry.ITEM_OF_KIND == {DocKind.REGULATION: "regulations", DocKind.NORMATIVE: "normative_documents"}
