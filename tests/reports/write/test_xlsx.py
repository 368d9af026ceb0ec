"""The XLSX writer: sheets, merges from the grids, numbers as numbers, round trips."""
from __future__ import annotations

import functools
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from reports.factories import distinct_document, sample_document
from zfxxgk.reports.model import ReportDocument
from zfxxgk.reports.read import read
from zfxxgk.reports.write import render
from zfxxgk.reports.write.layout import table2, table3, table4

@functools.lru_cache(maxsize=None)
def rendered(fmt: str) -> bytes:
    return render(distinct_document(fmt), "xlsx")


def workbook(fmt: str):
    return load_workbook(io.BytesIO(rendered(fmt)))


@pytest.mark.parametrize("fmt", ["2021", "2019"])
def test_round_trip_every_cell_distinct(fmt):
    assert read(rendered(fmt), "xlsx").values() == distinct_document(fmt).values()


@pytest.mark.parametrize("fmt, seed", [("2021", 1), ("2019", 2)])
def test_round_trip_sample_document(fmt, seed):
    doc = sample_document(fmt, seed)
    back = read(render(doc, "xlsx"), "xlsx")
    assert back.values() == doc.values()
    assert back.source_kind == "xlsx"


def test_sheets_and_the_prose_sheet():
    wb = workbook("2021")
    assert wb.sheetnames == ["报告", "表二", "表三", "表四"]
    prose = [row[0] for row in wb["报告"].iter_rows(values_only=True)]
    assert prose[:3] == ["某某县司法局2024年政府信息公开工作年度报告", "一、总体情况", distinct_document("2021").sections["overview"].split("\n")[0]]
    assert "六、其他需要报告的事项" in prose and prose[-1] == distinct_document("2021").sections["other"]
    assert wb.properties.creator == "某某县司法局"


@pytest.mark.parametrize("fmt", ["2021", "2019"])
def test_merges_follow_the_grids(fmt):
    doc, wb = distinct_document(fmt), workbook(fmt)
    for name, grid in zip(("表二", "表三", "表四"), (table2(doc), table3(doc), table4(doc))):
        ws = wb[name]
        assert (ws.max_row, ws.max_column) == (len(grid.rows), grid.width)
        spans = sorted((r.max_row - r.min_row + 1, r.max_col - r.min_col + 1) for r in ws.merged_cells.ranges)
        expected = sorted((c.rowspan, c.colspan) for line in grid.rows for c in line if c.rowspan > 1 or c.colspan > 1)
        assert spans == expected
        assert ws.cell(ws.max_row, ws.max_column).border.right.style == "thin"  # merged edges too
        assert ws.cell(ws.max_row, 1).alignment.wrap_text


def test_values_are_numbers_and_the_fee_is_a_decimal_number():
    wb = workbook("2021")
    t2, t3, t4 = wb["表二"], wb["表三"], wb["表四"]
    assert t2["B3"].value == 1 and isinstance(t2["B3"].value, int)
    assert t2["B14"].value == 12.5 and t2["B14"].data_type == "n"
    assert t3["A1"].value.startswith("（本列数据的勾稽关系为")
    assert t3["D4"].value == 11  # 一、本年新收 自然人: the 11th path
    assert all(isinstance(c.value, int) for c in t4[4])
    assert t3.column_dimensions["C"].width > t3.column_dimensions["D"].width  # labels get room


def test_fee_with_more_than_four_places_is_rounded_blank_stays_blank():
    doc = ReportDocument(agency="某某县司法局", year=2024)
    doc.set("active.fees_wan_yuan", Decimal("1.234567"))
    wb = load_workbook(io.BytesIO(render(doc, "xlsx")))
    assert wb["表二"]["B14"].value == pytest.approx(1.2346)
    assert wb["表二"]["B3"].value is None  # not reported: no made-up 0


def test_pre2019_has_only_the_prose_sheet():
    old = ReportDocument(format="pre2019", agency="某某县", year=2015, sections={"overview": "概述。"})
    wb = load_workbook(io.BytesIO(render(old, "xlsx")))
    assert wb.sheetnames == ["报告"]


def test_text_is_text_even_when_it_looks_like_a_formula():
    doc = ReportDocument(agency="某某县司法局", year=2024, sections={"other": "=SUM(A1)\n含控制符\x08的段落"})
    wb = load_workbook(io.BytesIO(render(doc, "xlsx")))
    prose = [row[0] for row in wb["报告"].iter_rows(values_only=True)]
    assert prose[-2:] == ["=SUM(A1)", "含控制符的段落"]
    assert wb["报告"].cell(len(prose) - 1, 1).data_type == "s"
