"""The Markdown front end, including the shapes PDF/OCR converters produce."""
from __future__ import annotations

import pytest

from zfxxgk.reports.errors import ReportReadError
from zfxxgk.reports.read.blocks import PARAGRAPH, ROW
from zfxxgk.reports.read.markdown import blocks


def rows(bs):
    return [b.cells for b in bs if b.kind == ROW]


def texts(bs):
    return [b.cells[0] for b in bs if b.kind == PARAGRAPH]


def test_pipe_table_rows_and_rule_skipped():
    md = "## 二、主动公开政府信息情况\n\n| 信息内容 | 本年制发件数 |\n|:---|---:|\n| 规章 | 1 |\n| 行政规范性文件 | 2 |\n"
    bs = blocks(md.encode())
    assert [b.kind for b in bs] == [PARAGRAPH, ROW, ROW, ROW]
    assert rows(bs) == [["信息内容", "本年制发件数"], ["规章", "1"], ["行政规范性文件", "2"]]
    assert bs[1].table == 1 and [bs[3].loc(i) for i in range(2)] == ["表格1 第3行第1列", "表格1 第3行第2列"]


def test_placeholder_header_rows_are_kept_and_real_first_rows_not_dropped():
    md = ("| 数据1 | 数据2 | 数据3 |\n| --- | --- | --- |\n| 规章 | 1 | 2 |\n\n"
          "| Column1 | Column2 |\n|---|---|\n| 行政许可 | 5 |\n\n"
          "| 一、本年新收政府信息公开申请数量 | 3 | 4 |\n|---|---|---|\n| 二、上年结转政府信息公开申请数量 | 0 | 0 |\n")
    assert rows(blocks(md.encode())) == [
        ["数据1", "数据2", "数据3"], ["规章", "1", "2"],
        ["Column1", "Column2"], ["行政许可", "5"],
        ["一、本年新收政府信息公开申请数量", "3", "4"], ["二、上年结转政府信息公开申请数量", "0", "0"],
    ]


def test_each_small_table_keeps_its_own_number():
    md = ("| （一）予以公开 | 1 | 2 |\n|---|---|---|\n\n第2页\n\n"
          "| （二）部分公开 | 3 | 4 |\n|---|---|---|\n| （三）不予公开 | | |\n")
    bs = blocks(md.encode())
    assert [(b.kind, b.table) for b in bs] == [(ROW, 1), (PARAGRAPH, None), (ROW, 2), (ROW, 2)]
    assert bs[3].where[0] == "表格2 第2行第1列"


def test_br_escaped_pipes_and_empty_cells():
    md = "| 商业<br>企业 | 科研<br/>机构 | a \\| b |  |\n|---|---|---|---|\n|  | 1 |  | 2 |\n"
    assert rows(blocks(md.encode())) == [["商业\n企业", "科研\n机构", "a | b", ""], ["", "1", "", "2"]]


def test_row_widths_are_left_as_printed():
    # Padding a short OCR row would invent blank number cells; the matcher takes the row as is.
    md = "| 结果维持 | 结果纠正 | 其他结果 |\n|---|---|---|\n| 1 | 2 |\n"
    assert rows(blocks(md.encode())) == [["结果维持", "结果纠正", "其他结果"], ["1", "2"]]


def test_table_without_outer_pipes():
    md = "信息内容 | 本年处理决定数量\n--- | ---\n行政许可 | 12\n\n后文\n"
    bs = blocks(md.encode())
    assert rows(bs) == [["信息内容", "本年处理决定数量"], ["行政许可", "12"]] and texts(bs) == ["后文"]


def test_paragraph_markup_is_stripped_but_numbering_kept():
    md = ("# 某某县司法局2024年政府信息公开工作年度报告 #\n\n**一、总体情况**\n\n> 引用\n\n- 列表项\n* [x] 任务\n"
          "1. 属于国家秘密\n（一）主动公开方面。\n\n---\n\n见[附件](http://x/y.pdf)![图](a.png)\n"
          "\\# 不是标题 \\*星号\\* R&amp;D\n")
    assert texts(blocks(md.encode())) == [
        "某某县司法局2024年政府信息公开工作年度报告", "一、总体情况", "引用", "列表项", "任务",
        "1. 属于国家秘密", "（一）主动公开方面。", "见附件", "# 不是标题 *星号* R&D",
    ]


def test_paragraph_where_is_the_line_number():
    bs = blocks("标题\n\n一、总体情况\n".encode())
    assert [b.where for b in bs] == [["第1行"], ["第3行"]]


def test_html_table_islands_are_expanded():
    md = ("三、收到和处理政府信息公开申请情况\n\n<table><tr><td rowspan=\"2\">三、本年度办理结果</td>"
          "<td>（一）予以公开</td><td>1</td></tr>\n<tr><td>（二）部分公开</td><td>2</td></tr></table>\n\n"
          "| 行政复议 | 1 |\n|---|---|\n")
    bs = blocks(md.encode())
    assert rows(bs) == [["三、本年度办理结果", "（一）予以公开", "1"], ["", "（二）部分公开", "2"], ["行政复议", "1"]]
    assert [b.table for b in bs if b.kind == ROW] == [1, 1, 2]


def test_comments_and_fences_are_not_text():
    md = "<!-- page 1 -->\n<!--\n多行注释\n-->\n```\n围栏内文字\n```\n正文\n"
    assert texts(blocks(md.encode())) == ["围栏内文字", "正文"]


def test_gbk_markdown():
    md = "一、总体情况\n\n| 规章 | 1 |\n|---|---|\n"
    bs = blocks(md.encode("gbk"))
    assert texts(bs) == ["一、总体情况"] and rows(bs) == [["规章", "1"]]


@pytest.mark.parametrize("data", [b"\n\n   \n", b"---\n\n<!-- x -->\n"])
def test_nothing_to_read_is_a_chinese_error(data):
    with pytest.raises(ReportReadError, match="Markdown"):
        blocks(data)


@pytest.mark.parametrize("fmt", ["2021", "2019"])
def test_converter_style_markdown_reads_back_exactly(fmt):
    """Tables cut into small pieces, each under a placeholder header; <br> inside labels."""
    from zfxxgk.reports.read import read
    from zfxxgk.reports.sample import sample_document
    from zfxxgk.reports.write import render

    doc = sample_document(fmt, seed=3)
    md = render(doc, "md").decode().replace("| 商业企业 |", "| 商业<br>企业 |").replace("结果维持", "结果<br>维持")
    parts = []
    for part in md.split("\n\n"):
        if not part.startswith("|"):
            parts.append(part)
            continue
        lines = part.splitlines()
        placeholder = "| " + " | ".join(f"数据{i + 1}" for i in range(lines[1].count("---"))) + " |"
        body = [lines[0]] + lines[2:]
        parts += ["\n".join([placeholder, lines[1], *body[i:i + 6]]) for i in range(0, len(body), 6)]
    assert read("\n\n".join(parts).encode(), "markdown").values() == doc.values()
