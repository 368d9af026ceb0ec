"""The Markdown writer: dense pipe tables, escaped text, and an exact read-back."""
from __future__ import annotations


import pytest

from zfxxgk.reports.model import expected_paths
from zfxxgk.reports.read import read
from zfxxgk.reports.read.blocks import PARAGRAPH
from zfxxgk.reports.read.markdown import blocks, split_row
from reports.factories import distinct_document, sample_document
from zfxxgk.reports.write import render


def _md(doc) -> str:
    return render(doc, "md").decode("utf-8")


def _tables(md: str) -> list[list[str]]:
    return [part.splitlines() for part in md.split("\n\n") if part.startswith("|")]


def test_title_headings_and_paragraphs():
    md = _md(sample_document())
    assert md.startswith("# 某某县司法局2024年政府信息公开工作年度报告\n\n## 一、总体情况\n\n2024年，")
    assert "\n\n## 六、其他需要报告的事项\n\n本年度未实际收取信息处理费。\n" in md


@pytest.mark.parametrize("fmt, sizes", [("2021", [(14, 4), (28, 10), (4, 15)]), ("2019", [(18, 4), (26, 10), (4, 15)])])
def test_tables_are_dense_grids_with_one_rule_line(fmt, sizes):
    tables = _tables(_md(sample_document(fmt)))
    assert len(tables) == 3
    for lines, (height, width) in zip(tables, sizes):
        assert lines[1] == "|" + "|".join([" --- "] * width) + "|"
        body = [lines[0]] + lines[2:]
        assert len(body) == height
        assert all(len(split_row(line)) == width for line in body)


def test_merged_labels_only_at_their_origin():
    table3 = _tables(_md(sample_document()))[1]
    cells = lambda line: [c.strip() for c in split_row(line)]  # noqa: E731
    assert cells(table3[0])[:5] == ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况", ""]
    level1 = [line for line in table3 if "三、本年度办理结果" in line]
    assert len(level1) == 1 and cells(level1[0])[:3] == ["三、本年度办理结果", "（一）予以公开", ""]
    assert cells(table3[7])[:3] == ["", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""]


def test_text_that_looks_like_markdown_is_escaped_and_reads_back():
    doc = sample_document()
    tricky = ["# 不是标题", "- 不是列表", "1. 不是有序列表", "| 不是表格 |", "a*b*c_d_ `x` [y](z) \\ 反斜杠",
              "<b>不是标签</b> &amp; 实体", "> 不是引用", "+ 加号", "=== 等号"]
    doc.sections["problems"] = "\n".join(tricky)
    md = _md(doc)
    got = [b.cells[0] for b in blocks(md.encode()) if b.kind == PARAGRAPH]
    start = got.index("五、存在的主要问题及改进情况") + 1
    assert got[start:start + len(tricky)] == tricky


@pytest.mark.parametrize("fmt", ["2021", "2019"])
@pytest.mark.parametrize("make", [sample_document, distinct_document], ids=["consistent", "distinct"])
def test_round_trip(fmt, make):
    doc = make(fmt)
    assert len(doc.cells) == len(expected_paths(fmt))
    got = read(render(doc, "md"), "markdown")
    assert got.values() == doc.values()
    assert got.source_kind == "markdown"


def test_round_trip_detects_markdown_by_content():
    doc = distinct_document("2021")
    assert read(render(doc, "md")).values() == doc.values()
