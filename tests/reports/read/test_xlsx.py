"""The XLSX front end: merged ranges, numbers as printed, narrative sheets, regions, bad input."""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook

from zfxxgk.reports.errors import ReportReadError
from zfxxgk.reports.read import read
from zfxxgk.reports.read.blocks import PARAGRAPH, ROW
from zfxxgk.reports.read.xlsx import blocks, cell_text
from zfxxgk.standard.format2021 import COLUMN_KEYS


def save(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def table4_sheet(ws) -> None:
    """表四's header with its horizontal and vertical merges, then 15 numbers."""
    ws.append(["行政复议", None, None, None, None, "行政诉讼"] + [None] * 9)
    ws.append(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉"] + [None] * 4 + ["复议后起诉"] + [None] * 4)
    ws.append([None] * 5 + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)
    ws.append([1, 2.0, 0, 3, 6] + list(range(10)))
    ws.merge_cells("A1:E1")
    ws.merge_cells("F1:O1")
    ws.merge_cells("F2:J2")
    ws.merge_cells("K2:O2")
    for col in "ABCDE":
        ws.merge_cells(f"{col}2:{col}3")


def test_merged_ranges_leave_their_text_at_the_origin_only():
    wb = Workbook()
    table4_sheet(wb.active)
    bs = blocks(save(wb))
    assert [b.kind for b in bs] == [ROW] * 4
    assert {len(b.cells) for b in bs} == {15}
    assert bs[0].cells == ["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9
    assert bs[1].cells[4:7] == ["总计", "未经复议直接起诉", ""]
    assert bs[2].cells[:6] == ["", "", "", "", "", "结果维持"]  # A3:E3 covered by the vertical merges
    assert bs[3].cells[:5] == ["1", "2", "0", "3", "6"]
    assert bs[3].where[1] == "工作表“Sheet”B4单元格"
    assert {b.table for b in bs} == {1}


def test_covered_positions_are_blank_even_if_the_file_holds_a_value_there():
    wb = Workbook()
    ws = wb.active
    ws.append(["信息内容", "本年处理决定数量"])
    ws.merge_cells("B1:D1")
    # a sloppy writer may leave text in a covered cell; Excel hides it, so must we
    src, out = io.BytesIO(save(wb)), io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b"</c></row>", b'</c><c r="C1" t="inlineStr"><is><t>old</t></is></c></row>')
            zout.writestr(item, body)
    assert blocks(out.getvalue())[0].cells == ["信息内容", "本年处理决定数量", "", ""]


@pytest.mark.parametrize(
    "value, text",
    [
        (5, "5"), (5.0, "5"), (0.25, "0.25"), (12.5, "12.5"), (0.1 + 0.2, "0.3"), (1e20, "100000000000000000000"),
        (-0.0, "0"), (-3, "-3"), (Decimal("12.50"), "12.5"), ("  规章 ", "规章"), (None, ""), (True, "是"),
        (dt.datetime(2025, 1, 20), "2025-01-20"), (dt.date(2025, 1, 20), "2025-01-20"), (1234567.891, "1234567.891"),
    ],
)
def test_cell_text_prints_numbers_as_a_reader_sees_them(value, text):
    assert cell_text(value) == text


def test_single_text_cell_rows_are_paragraphs_and_empty_rows_are_skipped():
    wb = Workbook()
    ws = wb.active
    ws.title = "报告"
    ws["A1"] = "某某县司法局2024年政府信息公开工作年度报告"
    ws["A3"] = "一、总体情况"
    ws["B4"] = "2024年，我局认真贯彻落实条例。"  # indented one column: still prose
    t = wb.create_sheet("表二")
    t.append(["第二十条第（一）项"])
    t.merge_cells("A1:D1")
    t.append(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"])
    t.append([])
    t.append([None, None, None, None])
    t.append(["规章", 0, 1, 2])
    bs = blocks(save(wb))
    assert [(b.kind, b.cells) for b in bs[:3]] == [
        (PARAGRAPH, ["某某县司法局2024年政府信息公开工作年度报告"]),
        (PARAGRAPH, ["一、总体情况"]),
        (PARAGRAPH, ["2024年，我局认真贯彻落实条例。"]),
    ]
    assert bs[2].where == ["工作表“报告”B4单元格"]
    rows = [b for b in bs if b.kind == ROW]
    assert [r.cells for r in rows] == [
        ["第二十条第（一）项", "", "", ""],  # a single-cell row inside a table stays a row
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "0", "1", "2"],
    ]
    # the empty rows split the sheet into two regions, i.e. two tables
    assert [r.table for r in rows] == [1, 1, 2]


def test_tables_stacked_on_one_sheet_keep_their_own_width():
    wb = Workbook()
    ws = wb.active
    ws.append([None, "信息内容", "本年处理决定数量"])  # starts in column B
    ws.append([None, "行政许可", 7])
    ws.append([])
    ws.append(["行政复议"] + [None] * 4)
    ws.merge_cells("A4:E4")
    ws.append([1, 2, 3, 4, 10])
    bs = blocks(save(wb))
    assert [b.cells for b in bs] == [
        ["信息内容", "本年处理决定数量"],
        ["行政许可", "7"],
        ["行政复议", "", "", "", ""],
        ["1", "2", "3", "4", "10"],
    ]
    assert bs[0].where == ["工作表“Sheet”B1单元格", "工作表“Sheet”C1单元格"]


def test_formulas_read_as_their_cached_values_and_hidden_sheets_are_skipped():
    wb = Workbook()
    ws = wb.active
    ws.append(["自然人", 1])
    ws.append(["总计", "=SUM(1,2)"])  # written by openpyxl, never calculated: no cached value
    hidden = wb.create_sheet("lookup")
    hidden.append(["隐藏", 1])
    hidden.sheet_state = "hidden"
    assert [b.cells for b in blocks(save(wb))] == [["自然人", "1"], ["总计", ""]]


@pytest.mark.parametrize("data", [b"PK\x03\x04 broken", b"not a zip at all"])
def test_corrupt_input_is_a_chinese_error(data):
    with pytest.raises(ReportReadError) as err:
        blocks(data)
    assert "Excel" in err.value.message and err.value.detail


def test_a_word_document_is_not_a_workbook_through_read():
    import docx

    out = io.BytesIO()
    docx.Document().save(out)
    with pytest.raises(ReportReadError):
        read(out.getvalue(), "xlsx")


def test_a_styled_but_empty_cell_far_down_costs_nothing():
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.append(["规章", 1])
    ws.cell(500_000, 20).font = Font(bold=True)  # formatting only: no value, no block
    assert [b.cells for b in blocks(save(wb))] == [["规章", "1"]]


def test_a_label_merged_over_two_columns_never_shifts_the_values():
    wb = Workbook()
    ws = wb.active
    ws.append([None, None, "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"])
    ws.append(["（一）予以公开", None, 258, 12, None, None, 1, 1, None])
    ws.merge_cells("A2:B2")
    doc = read(save(wb), "xlsx")
    cols = COLUMN_KEYS
    assert [doc[f"requests.granted.{c}"] for c in cols] == [258, 12, 0, 0, 1, 1, 0]
