"""The HTML writer: a self-contained official-layout page that reads back exactly."""
from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from zfxxgk.reports.model import expected_paths
from zfxxgk.reports.read import read
from reports.factories import distinct_document, sample_document
from zfxxgk.reports.write import render


def _page(doc) -> str:
    return render(doc, "html").decode("utf-8")


def test_page_is_self_contained_and_print_ready():
    page = _page(sample_document())
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in page and '<meta charset="utf-8">' in page
    assert not re.search(r"""(?:src|href)\s*=|@import|url\(|https?://""", page)
    assert "@page" in page and "size: A4" in page
    assert '"SimSun", "宋体", "Noto Serif CJK SC", serif' in page and "font-size: 12pt" in page  # the template's 小四
    assert "border: 1px solid #000" in page


def test_outline_order_and_real_spans():
    doc = sample_document()
    tree = lxml_html.document_fromstring(_page(doc).encode())
    assert tree.findtext(".//h1") == "某某县司法局2024年政府信息公开工作年度报告"
    assert [h.text for h in tree.iter("h2")][0] == "一、总体情况" and len(list(tree.iter("h2"))) == 6
    tables = tree.findall(".//table")
    assert [t.get("class") for t in tables] == ["active", "requests", "appeals"]
    note = tables[1].find(".//tr").getchildren()[0]
    assert (note.get("rowspan"), note.get("colspan")) == ("3", "3") and note.text.startswith("（本列数据")
    level1 = tables[1].xpath(".//th[text()='三、本年度办理结果']")[0]
    assert level1.get("rowspan") == "22"
    assert tables[1].xpath(".//td[@data-path='requests.granted.total']")[0].text == str(doc["requests.granted.total"])
    assert len(tables[2].findall(".//td")) == 15


def test_all_text_is_escaped():
    doc = sample_document(agency="<script>alert(1)</script>某局")
    doc.sections["other"] = "A & B <b>不是标签</b>\n第二段"
    page = _page(doc)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;某局" in page
    assert "<p>A &amp; B &lt;b&gt;不是标签&lt;/b&gt;</p>\n<p>第二段</p>" in page


@pytest.mark.parametrize("fmt", ["2021", "2019"])
@pytest.mark.parametrize("make", [sample_document, distinct_document], ids=["consistent", "distinct"])
def test_round_trip(fmt, make):
    doc = make(fmt)
    assert len(doc.cells) == len(expected_paths(fmt))
    got = read(render(doc, "html"), "html")
    assert got.values() == doc.values()
    assert got.source_kind == "html"


def test_round_trip_without_naming_the_kind():
    doc = distinct_document("2021")
    assert read(render(doc, "html")).values() == doc.values()
