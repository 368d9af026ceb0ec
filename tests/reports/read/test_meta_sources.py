"""Agency, year and publication facts from every source a published page carries (read/meta),
over generated site pages (sitepages.py) in HTML and as a crawler's text: each source alone,
none at all (empty + W-META), and sources in conflict."""
from __future__ import annotations

import json
from datetime import date

import pytest

from zfxxgk.cli import main
from zfxxgk.reports.check import check
from zfxxgk.reports.read import read

from reports.read.sitepages import AGENCY, Page, crawler_text, html_page, title_of

KINDS = ("html", "text")


def _read(page: Page, kind: str):
    data = (html_page(page) if kind == "html" else crawler_text(page)).encode("utf-8")
    return read(data, kind)


def _meta(doc) -> list[str]:
    return [f.message for f in check(doc) if f.rule == "W-META"]


def _sources(doc, item: str) -> set[str]:
    return {e.source for e in doc.evidence if e.item == item and e.chosen}


# Each source alone: (what the page prints, the source that must have given agency / year).
ALONE = {
    "title": (Page(title=(AGENCY, 2024)), "title", "title"),
    "field_title": (Page(field_title=(AGENCY, 2024)), "field_title", "field_title"),
    "citation": (Page(citation=(AGENCY, 2024)), "citation", "citation"),
    "attachment": (Page(attachment=(AGENCY, 2024)), "attachment", "attachment"),
    "page_title": (Page(page_title=(AGENCY, 2024)), None, None),  # <title> in HTML, first line of crawler text
    "field_agency+period": (Page(field_agency=AGENCY, period=2024), "field_agency", "period"),
    "signature+period": (Page(signature=AGENCY, period=2024), "signature", "period"),
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("case", list(ALONE))
def test_each_source_alone_gives_agency_and_year(case: str, kind: str):
    page, agency_source, year_source = ALONE[case]
    doc = _read(page, kind)
    assert (doc.agency, doc.year) == (AGENCY, 2024)
    assert _meta(doc) == []
    if agency_source:
        assert agency_source in _sources(doc, "agency")
        assert year_source in _sources(doc, "year")
    assert doc["requests.new_received.total"] >= 0  # the tables read as well


@pytest.mark.parametrize("kind", KINDS)
def test_no_source_leaves_agency_and_year_empty_with_w_meta(kind: str):
    # The sidebar still lists the agency's 2023/2022/2021 reports: none of them is this report.
    doc = _read(Page(), kind)
    assert (doc.agency, doc.year) == (None, None)
    messages = _meta(doc)
    assert any(m.startswith("未能识别报告机关") for m in messages)
    assert any(m.startswith("未能识别报告年度") for m in messages)
    assert {e.value for e in doc.evidence if e.item == "year" and e.source == "list"} == {2023, 2022, 2021}


@pytest.mark.parametrize("kind", KINDS)
def test_every_source_agreeing(kind: str):
    page = Page(published=date(2025, 1, 20), written=date(2025, 1, 18), signed_on=date(2025, 1, 18),
                index_no="11350300MB1234567X/2025-00012", doc_no="莆城管〔2025〕3号").all_sources()
    doc = _read(page, kind)
    assert (doc.agency, doc.year, doc.title) == (AGENCY, 2024, title_of(AGENCY, 2024))
    assert (doc.published_on, doc.written_on) == (date(2025, 1, 20), date(2025, 1, 18))
    assert (doc.index_no, doc.doc_no) == ("11350300MB1234567X/2025-00012", "莆城管〔2025〕3号")
    assert doc.agency_normalised == AGENCY  # 莆田市 is in the 行政区划 list
    assert {"title", "field_title", "citation", "field_agency", "signature", "attachment"} <= _sources(doc, "agency")
    assert min(doc.meta_confidence.values()) > 0.99  # agreeing sources add up
    assert _meta(doc) == []


@pytest.mark.parametrize("kind", KINDS)
def test_the_title_line_beats_a_citation_and_the_conflict_is_reported(kind: str):
    doc = _read(Page(title=(AGENCY, 2024), citation=(AGENCY, 2023), period=2023), kind)
    assert doc.year == 2024
    (msg,) = _meta(doc)
    assert msg == "报告年度的来源不一致：采用2024年（标题行），另有2023年（首段引述）"


@pytest.mark.parametrize("kind", KINDS)
def test_sources_that_agree_outweigh_the_title_line(kind: str):
    # A field title, a citation and the period all say 2023; only the title line says 2024.
    doc = _read(Page(title=(AGENCY, 2024), field_title=(AGENCY, 2023), citation=(AGENCY, 2023), period=2023), kind)
    assert doc.year == 2023 and doc.title == title_of(AGENCY, 2023)
    assert "标题行" in _meta(doc)[0]


@pytest.mark.parametrize("kind", KINDS)
def test_a_citation_beats_the_field_agency_and_the_reporting_year_is_not_the_publication_year(kind: str):
    page = Page(citation=("三明市人民政府", 2021), field_agency="三明市人民政府办公室", published=date(2022, 2, 10))
    doc = _read(page, kind)
    assert (doc.agency, doc.year) == ("三明市人民政府", 2021)
    assert doc.published_on == date(2022, 2, 10)
    (meta,) = _meta(doc)
    assert "三明市人民政府办公室" in meta and "页面“发布机构”栏" in meta
    # 本级人民政府 report: due 2022-03-31 (条例第四十九条第二款), so 2022-02-10 is in time
    assert not [f for f in check(doc) if f.rule == "W-DEADLINE"]


@pytest.mark.parametrize("kind", KINDS)
def test_w_deadline_uses_the_publication_date_the_page_prints(kind: str):
    page = Page(title=(AGENCY, 2024), published=date(2025, 2, 3), written=date(2025, 1, 15))
    doc = _read(page, kind)
    (late,) = [f for f in check(doc) if f.rule == "W-DEADLINE"]
    assert late.message == ("报告发布日期2025-02-03晚于法定期限2025-01-31（条例第四十九条，政府部门年度报告）"
                            "；依据页面“发布日期”栏")
    # Without a 发布日期 the signature's date (成文日期) stands in, and says so.
    doc = _read(Page(title=(AGENCY, 2024), signature=AGENCY, signed_on=date(2025, 2, 5)), kind)
    assert (doc.written_on, doc.published_on) == (date(2025, 2, 5), date(2025, 2, 5))
    (late,) = [f for f in check(doc) if f.rule == "W-DEADLINE"]
    assert late.message.endswith("；未见发布日期，依据落款日期（发布不早于成文）")


def test_the_pages_meta_tags_give_title_agency_date_and_address():
    page = Page(meta_tags=True, field_agency=None, published=date(2025, 1, 22))
    page.title = (AGENCY, 2024)
    markup = html_page(page).replace(f"<h1>{title_of(AGENCY, 2024)}</h1>", "")  # the body prints no title
    doc = read(markup.encode("utf-8"), "html")
    assert (doc.agency, doc.year, doc.published_on, doc.url) == (AGENCY, 2024, date(2025, 1, 22), page.url)
    assert {e.where for e in doc.evidence if e.chosen and e.item in ("url", "published_on")} == {"网页元数据"}


@pytest.mark.parametrize("kind", KINDS)
def test_other_years_in_the_sidebar_never_become_the_year(kind: str):
    # The sidebar lists 2025 (a later report) above the article; only the field block states 2024.
    doc = _read(Page(field_title=(AGENCY, 2024), siblings=[2025, 2023]), kind)
    assert doc.year == 2024 and _meta(doc) == []


def test_a_sentence_fragment_is_never_the_agency():
    text = crawler_text(Page(period=2024)).replace("\n政府信息公开年报\n", "\n以前2024年政府信息公开工作年度报告\n", 1)
    doc = read(text.encode("utf-8"), "text")
    assert doc.agency is None and doc.year == 2024
    (msg,) = _meta(doc)
    assert msg.startswith("未能识别报告机关：“以前”") and "不是机关名称" in msg


def test_the_file_name_is_evidence_too(tmp_path):
    path = tmp_path / "莆田市城市管理局2024年度政府信息公开工作年度报告.html"
    path.write_text(html_page(Page()), "utf-8")
    doc = read(path)
    assert (doc.agency, doc.year) == (AGENCY, 2024)
    assert _sources(doc, "agency") == {"file_name"}


def test_parse_json_sources_shows_where_each_fact_came_from(tmp_path, capsys):
    path = tmp_path / "page.html"
    path.write_text(html_page(Page(citation=(AGENCY, 2024), field_agency=AGENCY, published=date(2025, 1, 20),
                                   doc_no="莆城管〔2025〕3号")), "utf-8")
    assert main(["report", "parse", str(path), "--json", "--sources"]) in (0, 1)
    data = json.loads(capsys.readouterr().out)
    assert (data["agency"], data["year"], data["published_on"], data["doc_no"]) == (AGENCY, 2024, "2025-01-20", "莆城管〔2025〕3号")
    chosen = {(s["item"], s["source"]) for s in data["meta_sources"] if s["chosen"]}
    assert {("agency", "citation"), ("agency", "field_agency"), ("year", "citation"), ("published_on", "field_published"),
            ("doc_no", "field")} <= chosen
    assert 0.9 < data["meta_confidence"]["agency"] <= 1
    assert main(["report", "parse", str(path), "--json"]) in (0, 1)
    assert "meta_sources" not in json.loads(capsys.readouterr().out)


def test_publication_facts_survive_the_json_contract():
    doc = _read(Page(title=("沐阳县人民政府", 2024), written=date(2025, 1, 18), index_no="1132/2025-00031",
                     doc_no="沐政〔2025〕5号", meta_tags=True), "html")
    data = doc.to_dict()
    assert (data["written_on"], data["index_no"], data["doc_no"], data["agency_normalised"]) == (
        "2025-01-18", "1132/2025-00031", "沐政〔2025〕5号", "沭阳县人民政府")
    back = type(doc).from_dict(data)
    assert (back.written_on, back.index_no, back.doc_no, back.url, back.agency_normalised) == (
        doc.written_on, doc.index_no, doc.doc_no, doc.url, doc.agency_normalised)
    data["written_on"] = "2025-13-45"  # a stored fact that no longer parses is dropped, the document still reads
    assert type(doc).from_dict(data).written_on is None
