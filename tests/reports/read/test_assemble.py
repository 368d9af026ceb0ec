"""The label-anchored matcher on blocks, independent of any front end."""
from __future__ import annotations

from decimal import Decimal

import pytest

from reports.factories import sample_document
from zfxxgk.reports.errors import ReportReadError
from zfxxgk.reports.read import labels as L
from zfxxgk.reports.read import read
from zfxxgk.reports.read.assemble import _TITLE, assemble
from zfxxgk.reports.read.blocks import LINE, Block, paragraph, row
from zfxxgk.reports.read.text import blocks_from_text, number_line
from zfxxgk.reports.write import render
from zfxxgk.standard import format2021 as f21
from zfxxgk.standard.labels import parse_number

COLS = f21.COLUMN_KEYS


def row_values(doc, key: str) -> list:
    """The seven numbers of one table 三 row, in column order."""
    return [doc[f"requests.{key}.{c}"] for c in COLS]


def line(*cells: str) -> Block:
    return Block(LINE, list(cells), ["第1页"] * len(cells))


def _table3(values: dict[str, list[str]], *, make=row) -> list[Block]:
    out = [paragraph("三、收到和处理政府信息公开申请情况")]
    for r in f21.REQUEST_ROWS:
        out.append(make(r.label, *values.get(r.key, ["0"] * 7)) if make is line else make([r.label, *values.get(r.key, ["0"] * 7)]))
    return out


def test_minimal_report_from_blocks():
    blocks = [paragraph("某某局2024年政府信息公开工作年度报告"), paragraph("一、总体情况"), paragraph("本年度工作。"),
              *_table3({"granted": ["1", "2", "0", "0", "0", "0", "3"]})]
    doc = assemble(blocks)
    assert (doc.agency, doc.year, doc.format) == ("某某局", 2024, "2021")
    assert doc["requests.granted.commercial"] == 2 and doc["requests.granted.total"] == 3
    assert doc.sections["overview"] == "本年度工作。"


def test_row_values_are_the_cells_after_the_label_whatever_the_column():
    blocks = [row(["", "", "", "一、本年新收政府信息公开申请数量", "", "", "4", "0", "0", "0", "0", "1", "5", ""]),
              row(["(七) 总计", "", "", "4", "0", "0", "0", "0", "1", "5"])]
    doc = assemble([*_table3({})[:1], *blocks, *_table3({})[2:]])
    assert row_values(doc, "new_received") == [4, 0, 0, 0, 0, 1, 5]


def test_values_on_following_lines_after_a_label_line():
    """Shredded PDF text: the label on one line, each number on its own."""
    blocks = [paragraph("三、收到和处理政府信息公开申请情况"), line("二、上年结转政府信息"), line("公开申请数量"),
              *[line(v) for v in "1234567"], line("（七）总计"), *[line("0") for _ in range(7)]]
    doc = assemble(blocks)
    assert row_values(doc, "carried_over") == [1, 2, 3, 4, 5, 6, 7]
    assert doc.sections.get("requests", "") == ""  # fragments and numbers are table cells, not prose


def test_a_paragraph_ends_an_open_row():
    blocks = [paragraph("三、收到和处理政府信息公开申请情况"), row(["一、本年新收政府信息公开申请数量", "1", "2"]),
              paragraph("说明：以上数据截至年底。"), row(["3", "4", "5", "6", "7"]), *_table3({})[3:]]
    doc = assemble(blocks)
    # "1 2" cannot be the row's seven cells in any reading: none is guessed, each is undetermined
    assert "requests.new_received.natural_person" not in doc.cells
    assert "requests.new_received.natural_person" in doc.undetermined
    assert "requests.new_received.research" not in doc.cells  # never filled from unrelated numbers


def test_first_occurrence_wins_over_a_repeated_header_row():
    blocks = _table3({"granted": ["1", "1", "1", "1", "1", "1", "6"]})
    blocks.append(row(["（一）予以公开", "9", "9", "9", "9", "9", "9", "54"]))
    assert assemble(blocks)["requests.granted.total"] == 6


@pytest.mark.parametrize("cell,value,status", [
    ("", 0, "blank"), ("-", 0, "dash"), ("/", 0, "dash"), ("—", 0, "dash"), ("无", 0, "dash"),
    ("１２", 12, "ok"), ("16（其中修订3件）", 16, "annotated"), ("3件", 3, "ok"), ("[bookmark: _GoBack]5", 5, "ok"),
])
def test_number_cells(cell: str, value: int, status: str):
    doc = assemble(_table3({"granted": [cell, "0", "0", "0", "0", "0", "1"]}))
    c = doc.cells["requests.granted.natural_person"]
    assert (c.value, c.status) == (value, status)


@pytest.mark.parametrize("text", ["2024年，我局", "- 2 -", "2/9", "第3页", "3:1", "2025年1月20日"])
def test_dates_pages_and_prose_are_not_numbers(text: str):
    assert parse_number(text, decimal=True, signed=True) is None
    assert not number_line(text)


def test_signed_and_money_cells_in_2019():
    assert parse_number("+1036", signed=True) == (1036, "ok")
    # 本年增/减 (2019 试行) typed with a dash, a minus sign or in words
    assert [parse_number(t, signed=True) for t in ("—3", "−3", "减3", "增2")] == [(-3, "ok")] * 3 + [(2, "ok")]
    assert parse_number("—3") is None  # a count cell is never signed
    assert parse_number("251000元", decimal=True) == (Decimal(251000), "ok")


def test_2019_detected_from_table_3_alone():
    """No old table 二 at all: （六）其他处理 carrying numbers marks the 试行 format."""
    values = {r.key: ["0"] * 7 for r in f21.REQUEST_ROWS}
    blocks = [paragraph("某某局2020年政府信息公开工作年度报告"), paragraph("三、收到和处理政府信息公开申请情况")]
    for r in f21.REQUEST_ROWS[:20]:
        blocks.append(row([r.label, *values[r.key]]))
    blocks.append(row(["（六）其他处理", "2", "0", "0", "0", "0", "0", "2"]))
    blocks.append(row(["（七）总计", "2", "0", "0", "0", "0", "0", "2"]))
    blocks.append(row(["四、结转下年度继续办理", *["0"] * 7]))
    doc = assemble(blocks)
    assert doc.format == "2019"
    assert doc["requests.other_subtotal.total"] == 2
    assert "requests.other_other.total" not in doc.cells


def test_missing_table_3_names_it():
    blocks = [paragraph("某某局2024年政府信息公开工作年度报告"), paragraph("二、主动公开政府信息情况"),
              row(["规章", "0", "0", "0"]), row(["行政许可", "3"])]
    with pytest.raises(ReportReadError) as info:
        assemble(blocks)
    assert "表三" in info.value.message


def test_no_table_at_all():
    with pytest.raises(ReportReadError) as info:
        assemble([paragraph("通知"), paragraph("请各单位做好工作。")])
    assert "年度报告" in info.value.message


@pytest.mark.parametrize("text,agency,year", [
    ("2024年XX局政府信息公开工作年度报告", "XX局", 2024),
    ("XX局关于2024年度政府信息公开工作的年度报告", "XX局", 2024),
    ("XX局2024年度政府信息公开工作情况的报告", "XX局", 2024),
    ("某某区人民政府2023年政府信息公开年报", "某某区人民政府", 2023),
])
def test_title_pattern(text: str, agency: str, year: int):
    m = _TITLE.search(text)
    assert m and int(m.group("y")) == year
    assert ((m.group("a") or m.group("b")).strip("关于的")) == agency


@pytest.mark.parametrize("text,index", [
    ("一、总体情况", 0), ("1、 总体情况", 0), ("五、政府信息公开工作存在的主要问题及改进情况", 4),
    ("五、存在问题及改进情况", 4), ("三、收到的处理政府信息公开申请情况", 2), ("六、其他需要报告的事项。", 5),
])
def test_heading_variants(text: str, index: int):
    assert L.heading_index(text)[0] == index


@pytest.mark.parametrize("text", ["一、本年新收政府信息公开申请数量", "三、本年度办理结果", "四、结转下年度继续办理", "二、上年结转政府信息公开申请数量"])
def test_table_3_row_labels_are_not_headings(text: str):
    assert L.heading_index(text) is None


def test_tabbed_text_keeps_lone_numbers_as_page_numbers():
    blocks = blocks_from_text("a\tb\n3\nc\td\n\n- 4 -\n")
    assert [b.kind for b in blocks] == ["row", "p", "row", "p"]


def test_tabbed_text_fragment_between_two_rows_is_a_line():
    blocks = blocks_from_text("行政复议\t\t行政诉讼\n结果\n维持\t结果\n")
    assert [b.kind for b in blocks] == ["row", "line", "row"]


def test_shredded_text_lines():
    blocks = blocks_from_text("某局2024年政府信息公开工作年度报告\n一、总体情况\n本年度工作顺利。\n规章\n0\n规章 0 0 0\n")
    assert [b.kind for b in blocks] == ["line", "line", "p", "line", "line", "line"]
    assert blocks[-1].cells == ["规章", "0", "0", "0"]


def test_a_dash_word_left_outside_tables_stays_prose():
    text = render(sample_document("2021", 2), "txt").decode()
    text = text.replace("本年度未实际收取信息处理费。", "无")
    shredded = "\n".join(x.strip("\t") for x in text.split("\n") if x.strip("\t"))
    for data in (text, shredded):
        assert read(data.encode(), "text").sections["other"] == "无"


def test_garbled_cell_among_numbers_is_missing_not_shifted():
    """OCR read "ε" for a digit: the row keeps its columns and the garbled cell is reported missing."""
    from zfxxgk.reports.read.assemble import assemble
    from zfxxgk.reports.read.blocks import paragraph, row

    blocks = [
        paragraph("某局2024年政府信息公开工作年度报告"),
        paragraph("三、收到和处理政府信息公开申请情况"),
        row(["", "", "8.属于行政查询事项", "5", "9", "3", "7", "6", "ε", "33"]),
    ]
    doc = assemble(blocks)
    row_cells = {p.split(".")[-1]: c.value for p, c in doc.cells.items() if p.startswith("requests.denied_administrative_query.")}
    assert row_cells == {"natural_person": 5, "commercial": 9, "research": 3, "social_welfare": 7, "legal_service": 6, "total": 33}
    assert any("ε" in n and "缺失" in n for n in doc.notes)


def test_an_added_org_subtotal_column_is_recognised_and_dropped():
    """Spec §4.2: some software prints 法人或其他组织小计 before 总计; it is derived, not a column of the format."""
    from zfxxgk.reports.read.assemble import assemble
    from zfxxgk.reports.read.blocks import paragraph, row

    blocks = [
        paragraph("某局2024年政府信息公开工作年度报告"),
        paragraph("三、收到和处理政府信息公开申请情况"),
        row(["", "", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "法人或其他组织小计", "总计"]),
        row(["一、本年新收政府信息公开申请数量", "", "5", "1", "0", "2", "0", "1", "4", "9"]),
        row(["二、上年结转政府信息公开申请数量", "", "0", "0", "0", "0", "0", "0", "0", "0"]),
    ]
    doc = assemble(blocks)
    got = [doc.value(f"requests.new_received.{c}") for c in
           ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")]
    assert got == [5, 1, 0, 2, 0, 1, 9]
    # all-zero rows are ambiguous but harmless: 0 is 0 in every column
    assert doc.value("requests.carried_over.total") == 0


def test_title_with_the_year_after_it():
    from zfxxgk.reports.read.assemble import assemble
    from zfxxgk.reports.read.text import blocks_from_text
    from pathlib import Path

    seed = (Path(__file__).parents[2] / "fixtures" / "seeds" / "001_1b29eabe76958ce6.txt").read_text("utf-8")
    text = seed.replace("殷都区科学技术局 2024 年政府信息公开工作年度报告", "殷都区科学技术局政府信息公开工作年度报告（2024年度）")
    doc = assemble(blocks_from_text(text))
    assert (doc.agency, doc.year) == ("殷都区科学技术局", 2024)


def test_a_blank_left_by_a_merged_label_never_slides_a_row_to_the_right():
    # Layout B from a Word table whose label spans two columns: the covered column comes out as an
    # empty cell right after the label, the blank 科研机构/社会公益组织 cells as empty cells too.
    text = ("三、收到和处理政府信息公开申请情况\n"
            "一、本年新收政府信息公开申请数量\t\t821\t35\t\t\t2\t1\t859\t\n"
            "二、上年结转政府信息公开申请数量\t\t18\t\t\t\t\t\t18\t\n")
    doc = assemble(blocks_from_text(text))
    assert row_values(doc, "new_received") == [821, 35, 0, 0, 2, 1, 859]
    assert row_values(doc, "carried_over") == [18, 0, 0, 0, 0, 0, 18]


def test_a_blank_first_cell_of_an_unbalanced_row_stays_in_its_column():
    # A real report's own arithmetic error must not move its numbers: 自然人 blank, 1 ≠ 2.
    text = ("三、本年度办理结果\t(一) 予以公开\t\t1\t0\t0\t0\t0\t2\t\n"
            "\t(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)\t0\t0\t0\t0\t0\t0\t0\t\n")
    doc = assemble(blocks_from_text(text))
    assert row_values(doc, "granted") == [0, 1, 0, 0, 0, 0, 2]
    assert doc.cells["requests.granted.natural_person"].status == "blank"


def test_a_leaf_numbered_with_its_digit_glued_on_reads():
    text = ("三、收到和处理政府信息公开申请情况\n（六）其他处理\t1 申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n"
            "\t③其他\t9\t0\t6\t6\t2\t5\t28\n")
    doc = assemble(blocks_from_text(text))
    assert row_values(doc, "other_other") == [9, 0, 6, 6, 2, 5, 28]


def test_a_group_and_its_first_leaf_in_one_cell():
    text = ("三、收到和处理政府信息公开申请情况\n"
            "三、本年度办理结果\t（三）不予公开1.属于国家秘密\t2\t0\t0\t0\t0\t0\t2\n"
            "\t2.其他法律行政法规禁止公开\t1\t0\t0\t0\t0\t0\t1\n")
    doc = assemble(blocks_from_text(text))
    assert doc["requests.denied_state_secret.total"] == 2 and doc["requests.denied_prohibited_by_law.total"] == 1


def test_a_covered_column_and_a_blank_total_do_not_slide_the_row():
    # Layout B of a real page's row (上海市人民政府办公厅 2019): a covered column after the label,
    # a blank 总计, a trailing tab. Trailing blanks first would give 总计 = 1 beside 自然人 = 258.
    text = ("（一）予以公开\t\t258\t12\t\t\t1\t1\t\t\n"
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t\t3\t\t\t\t\t\t\t\n")
    doc = assemble(blocks_from_text(text))
    assert row_values(doc, "granted") == [258, 12, 0, 0, 1, 1, 0]
    assert doc.cells["requests.granted.total"].status == "blank"


@pytest.mark.parametrize("lines", [("某某市某某区人民政府办公室2023年政府信息公", "开工作年度报告"),
                                   ("某某市某某区人民政府办公室 2023", "年政府信息公开工作年度报告")])
def test_a_title_wrapped_onto_a_second_line(lines):
    # A PDF prints a long title on two lines; neither line alone is a title.
    blocks = [paragraph(lines[0]), paragraph(lines[1]), paragraph("一、总体情况"), paragraph("本年度工作。"),
              *_table3({"granted": ["1", "2", "0", "0", "0", "0", "3"]})]
    doc = assemble(blocks)
    assert (doc.agency, doc.year) == ("某某市某某区人民政府办公室", 2023)
    assert doc.sections["overview"] == "本年度工作。" and "preamble" not in doc.sections
