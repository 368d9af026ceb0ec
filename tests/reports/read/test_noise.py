"""Noise a reader meets in real published reports (spec §8.5 last paragraph, §9, §10).

Each case is a small realistic input — a seed or a generated report written by our own writers,
then mutated the way real exports are — that must still read back the right numbers.
"""
from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from testkit import need
from reports.factories import sample_document
from zfxxgk.reports.read import read
from zfxxgk.reports.write import render
from zfxxgk.reports.write.layout import outline
from zfxxgk.standard import format2021 as f21

SEEDS = Path(__file__).parents[2] / "fixtures" / "seeds"
SEED_A = SEEDS / "003_e8025cd57936e9f9.txt"  # layout A (one cell per line), noisy
SEED_B = SEEDS / "001_1b29eabe76958ce6.txt"  # layout B (tab separated)


def _expected(seed: Path) -> dict:
    return json.loads((seed.parents[1] / "seeds-expected" / f"{seed.stem}.expected.json").read_text("utf-8"))


def _doc(seed: int = 7, fmt: str = "2021", **kw):
    return sample_document(fmt, seed, **kw)


def _text(doc, layout: str) -> str:
    return render(doc, layout).decode("utf-8")


def _read_text(text: str, encoding: str = "utf-8"):
    return read(text.encode(encoding), "text")


def _same(got, doc) -> None:
    g, w = got.values(), doc.values()
    diff = {k: (g.get(k), w[k]) for k in w if g.get(k) != w[k]}
    if "cells" in diff:
        cells_g, cells_w = g["cells"], w["cells"]
        diff["cells"] = {p: (cells_g.get(p), cells_w.get(p)) for p in set(cells_g) | set(cells_w) if cells_g.get(p) != cells_w.get(p)}
    assert not diff, diff


def _sub_line(text: str, startswith: str, new: str, count: int = 1) -> str:
    """Replace the first ``count`` lines starting with ``startswith`` by ``new``."""
    lines = text.split("\n")
    done = 0
    for i, line in enumerate(lines):
        if line.startswith(startswith) and done < count:
            lines[i] = new(line) if callable(new) else new
            done += 1
    assert done, startswith
    return "\n".join(lines)


def _tsv_row(doc, label: str, row: str, lead: str = "\t\t") -> str:
    cols = "\t".join(str(doc[f"requests.{row}.{c}"]) for c in f21.COLUMN_KEYS)
    return f"{label}{lead}{cols}"


# --- page numbers, Word artefacts, spaces --------------------------------------------------

@pytest.mark.parametrize("page", ["1", "- 2 -", "第3页", "—3—", "第 4 页 共 9 页", "2/9"])
@pytest.mark.parametrize("layout", ["txt", "tsv"])
def test_page_numbers_between_tables_and_rows(page: str, layout: str):
    doc = _doc()
    text = _text(doc, layout)
    # before a table's heading, between tables, and between two rows of table 三
    text = text.replace("\n三、收到和处理", f"\n{page}\n\n三、收到和处理")
    text = text.replace("\n四、政府信息公开行政复议", f"\n\n{page}\n\n四、政府信息公开行政复议")
    if layout == "tsv":
        text = _sub_line(text, "\t（四）无法提供", lambda line: f"{page}\n{line}")
    else:
        text = text.replace("\n\n\t\n\t（四）无法提供", f"\n\n{page}\n\n\t\n\t（四）无法提供")
    got = _read_text(text)
    _same(got, doc)
    assert any("页码" in n for n in got.notes)


@pytest.mark.parametrize("page", ["3", "- 3 -", "第3页"])
def test_page_number_inside_a_layout_a_row(page: str):
    """Word lets a row break across pages: the page number lands between two cells of the row."""
    doc = _doc(8)
    text = _text(doc, "txt")
    value = doc["requests.unable_not_held.natural_person"]
    label = "\t1.本机关不掌握相关政府信息\n"
    assert f"{label}\t{value}\n" in text
    text = text.replace(f"{label}\t{value}\n", f"{label}\t{value}\n{page}\n")
    got = _read_text(text)
    _same(got, doc)
    assert any("页码" in n for n in got.notes)


@pytest.mark.parametrize("page", ["- 3 -", "第3页", "第 3 页 共 8 页"])
def test_page_number_in_shredded_text(page: str):
    doc = _doc(9)
    text = _shred(_text(doc, "txt"))
    value = doc["requests.unable_not_held.commercial"]
    text = text.replace("\n1.本机关不掌握相关政府信息\n", f"\n1.本机关不掌握相关政府信息\n{page}\n", 1)
    text = text.replace("\n四、政府信息公开行政复议", f"\n{page}\n四、政府信息公开行政复议", 1)
    assert value is not None
    _same(_read_text(text), doc)


def test_seed_with_page_number_and_bookmark_reads_back():
    """Seed 003 has both a stray page number and [bookmark: _GoBack]; add more of each."""
    text = SEED_A.read_text("utf-8")
    text = text.replace("\n四、政府信息公开行政复议", "\n- 3 -\n\n四、政府信息公开行政复议")
    text = text.replace("\t信息内容\n", "\t[bookmark: _GoBack]信息内容\n")
    got = _read_text(text).to_dict()
    want = _expected(SEED_A)
    for table in ("active", "requests", "appeals"):
        assert got[table] == want[table], table


@pytest.mark.parametrize("layout", ["txt", "tsv"])
def test_bookmark_in_labels_and_number_cells(layout: str):
    doc = _doc(11)
    text = _text(doc, layout)
    text = text.replace("二、上年结转政府信息公开申请数量", "[bookmark: _GoBack]二、上年结转政府信息公开申请数量")
    text = text.replace("行政复议", "[bookmark: _GoBack]行政复议", 1)
    value = str(doc["requests.granted.total"])
    if layout == "tsv":
        text = _sub_line(text, "三、本年度办理结果", lambda line: line[: -len(value)] + "[bookmark: _GoBack]" + value)
    got = _read_text(text)
    _same(got, doc)


@pytest.mark.parametrize("layout", ["txt", "tsv"])
def test_trailing_spaces_and_ideographic_spaces(layout: str):
    doc = _doc(12)
    text = _text(doc, layout)
    text = re.sub(r"(?m)(\d)$", r"\1 ", text)  # "0 " (seed 002)
    text = re.sub(r"(?m)(\d)\t", "\\1  \t", text)
    text = text.replace("规章", "规章\u3000").replace("行政许可", " 行政许可 ")
    _same(_read_text(text), doc)


@pytest.mark.parametrize("layout", ["txt", "tsv"])
def test_full_width_digits(layout: str):
    doc = _doc(13)
    text = _text(doc, layout)
    wide = str.maketrans("0123456789.", "０１２３４５６７８９．")
    if layout == "tsv":
        text = re.sub(r"\t([\d.]+)", lambda m: "\t" + m.group(1).translate(wide), text)
    else:
        text = re.sub(r"(?m)^\t([\d.]+)$", lambda m: "\t" + m.group(1).translate(wide), text)
    text = text.replace("1.属于国家秘密", "１．属于国家秘密")
    assert "０" in text or "１" in text
    _same(_read_text(text), doc)


# --- labels broken over lines ------------------------------------------------------------

def test_labels_broken_over_lines_layout_a():
    doc = _doc(14)
    text = _text(doc, "txt")
    for label in ("商业企业", "科研机构", "结果纠正", "结果维持", "尚未审结"):
        text = text.replace(f"\t{label}\n", f"\t{label[:2]}\n{label[2:]}\n")
    text = text.replace("\t二、上年结转政府信息公开申请数量\n", "\t二、上年结转政府信息公开申请\n数量\n")
    text = text.replace("\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\n",
                        "\t1.申请人无正当理由逾期不补正、行政机关不再\n处理其政府信息公开申请\n")
    assert "结果\n纠正" in text and "商业\n企业" in text
    _same(_read_text(text), doc)


def test_labels_broken_over_lines_layout_b():
    """A cell with a line break inside splits a TSV row over two lines."""
    doc = _doc(15)
    text = _text(doc, "tsv")
    text = text.replace("结果维持\t结果纠正\t", "结果\n维持\t结果\n纠正\t")
    text = text.replace("商业企业\t科研机构", "商业\n企业\t科研\n机构")
    text = text.replace("二、上年结转政府信息公开申请数量\t", "二、上年结转政府信息公开申请\n数量\t")
    text = text.replace("\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t",
                        "\t（二）部分公开（区分处理的，只计这一情形，\n不计其他情形）\t")
    assert "结果\n纠正" in text
    _same(_read_text(text), doc)


def test_seed_labels_with_spaces_and_breaks_read_back():
    text = SEED_B.read_text("utf-8").replace("结果 纠正", "结果\u3000纠正")
    got = _read_text(text).to_dict()
    assert got["appeals"] == _expected(SEED_B)["appeals"]


# --- blank, dash and annotated number cells ----------------------------------------------

@pytest.mark.parametrize("mark,status", [("", "blank"), ("-", "dash"), ("/", "dash"), ("—", "dash"), ("无", "dash"), ("－", "dash")])
@pytest.mark.parametrize("layout", ["txt", "tsv"])
def test_blank_and_dash_number_cells_read_as_zero_and_flagged(mark: str, status: str, layout: str):
    doc = _doc(16)
    for path in ("active.regulations.made", "active.regulations.repealed", "active.regulations.in_force",
                 "active.coercion", "requests.denied_state_secret.research", "appeals.litigation_after_reconsideration.pending"):
        doc.cells[path].value = 0
    _recompute(doc)  # keep the table identities: totals follow the zeroed cells
    text = _text(doc, layout)
    if layout == "tsv":
        text = _sub_line(text, "规章\t", f"规章\t{mark}\t{mark}\t{mark}")
        text = _sub_line(text, "行政强制\t", f"行政强制\t{mark}\t\t")
        text = _sub_line(text, "\t（三）不予公开\t1.属于国家秘密", lambda line: _set_col(line, -5, mark))
        text = _sub_line(text, _appeal_values_prefix(doc), lambda line: _set_col(line, -2, mark))
    else:
        text = re.sub(r"(\t规章\n)\t0\n\t0\n\t0\n", lambda m: m.group(1) + f"\t{mark}\n" * 3, text)
        text = re.sub(r"(\t行政强制\n)\t0\n", lambda m: m.group(1) + f"\t{mark}\n", text)
        text = _layout_a_cell(text, "\t1.属于国家秘密\n", 2, mark)
        text = _layout_a_last_appeal(text, mark)
    got = _read_text(text)
    _same(got, doc)
    for path in ("active.regulations.made", "active.regulations.in_force", "active.coercion",
                 "requests.denied_state_secret.research", "appeals.litigation_after_reconsideration.pending"):
        cell = got.cells[path]
        assert cell.value == 0 and cell.status == status, (path, cell)
    assert got.cells["active.penalty"].status == "ok"


def _recompute(doc) -> None:
    for col in f21.COLUMN_KEYS:
        doc.cells[f"requests.total.{col}"].value = sum(doc[f"requests.{leaf}.{col}"] for leaf in f21.LEAF_KEYS)
        doc.cells[f"requests.new_received.{col}"].value = (
            doc[f"requests.total.{col}"] + doc[f"requests.carried_forward.{col}"] - doc[f"requests.carried_over.{col}"]
        )
    for row in f21.ROW_KEYS:
        doc.cells[f"requests.{row}.total"].value = sum(doc[f"requests.{row}.{c}"] for c in f21.APPLICANT_KEYS)
    for group, _ in f21.APPEAL_GROUPS:
        doc.cells[f"appeals.{group}.total"].value = sum(doc[f"appeals.{group}.{m}"] for m in f21.APPEAL_PARTS)


def _set_col(line: str, index: int, value: str) -> str:
    cells = line.split("\t")
    cells[index] = value
    return "\t".join(cells)


def _appeal_values_prefix(doc) -> str:
    return "\t".join(str(doc[f"appeals.reconsideration.{m}"]) for m, _ in f21.APPEAL_MEASURES) + "\t"


def _layout_a_cell(text: str, label_line: str, index: int, mark: str) -> str:
    """Replace the index-th value cell after a layout-A label line."""
    at = text.index(label_line) + len(label_line)
    lines = text[at:].split("\n")
    lines[index] = "\t" + mark
    return text[:at] + "\n".join(lines)


def _layout_a_last_appeal(text: str, mark: str) -> str:
    head, _, tail = text.partition("四、政府信息公开行政复议、行政诉讼情况")
    cells = tail.split("\n")
    idx = [i for i, c in enumerate(cells) if re.fullmatch(r"\t\d+", c)]
    cells[idx[14] - 1] = "\t" + mark  # the 14th of the 15 values: 复议后起诉 · 尚未审结
    return head + "四、政府信息公开行政复议、行政诉讼情况" + "\n".join(cells)


@pytest.mark.parametrize("layout", ["txt", "tsv"])
def test_annotated_number_cells(layout: str):
    doc = _doc(17)
    made = doc["active.normative_documents.made"]
    in_force = doc["active.normative_documents.in_force"]
    text = _text(doc, layout)
    if layout == "tsv":
        text = _sub_line(text, "行政规范性文件\t", f"行政规范性文件\t{made}（其中修订3件）\t{doc['active.normative_documents.repealed']}\t{in_force}（含自然失效29件）")
    else:
        text = text.replace(f"\t行政规范性文件\n\t{made}\n", f"\t行政规范性文件\n\t{made}（其中修订3件）\n")
        text = re.sub(rf"(\t行政规范性文件\n[^\n]*\n[^\n]*\n)\t{in_force}\n", rf"\g<1>\t{in_force}（含自然失效29件）\n", text)
    got = _read_text(text)
    _same(got, doc)
    assert got.cells["active.normative_documents.made"].status == "annotated"
    assert got.cells["active.normative_documents.in_force"].status == "annotated"
    assert got.cells["active.normative_documents.made"].raw.startswith(f"{made}（其中修订3件")


def test_annotated_16_in_a_seed():
    text = SEED_B.read_text("utf-8").replace("行政规范性文件\t0\t0\t0", "行政规范性文件\t16（其中修订3件）\t0\t16")
    got = _read_text(text)
    cell = got.cells["active.normative_documents.made"]
    assert (cell.value, cell.status) == (16, "annotated")
    assert got["active.normative_documents.in_force"] == 16


# --- shifted rows and extra columns in tab layouts ---------------------------------------

def test_shifted_rows_and_extra_empty_columns():
    doc = _doc(18)
    text = _text(doc, "tsv")
    # a leaf row whose label starts in column 0, one whose label is followed by two empty columns
    text = _sub_line(text, "\t\t3.危及", lambda line: line.lstrip("\t"))
    text = _sub_line(text, "\t\t4.保护第三方合法权益\t", lambda line: line.replace("合法权益\t", "合法权益\t\t\t"))
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        if "\t" in line and i % 3 == 0:
            line = line.lstrip("\t")  # row labels starting in column 0 instead of 2
        elif "\t" in line and i % 3 == 1:
            line = "\t\t" + line + "\t\t\t"  # two extra leading and three trailing empty columns
        out.append(line)
    text = "\n".join(out)
    _same(_read_text(text), doc)


def test_tsv_row_label_in_column_zero_like_seed_004():
    doc = _doc(19)
    text = _text(doc, "tsv")
    text = _sub_line(text, "\t（七）总计", lambda line: "（七）总计\t\t" + line.split("\t", 3)[3] + "\t")
    text = _sub_line(text, "\t\t3.其他", lambda line: "3.其他\t\t" + line.split("\t", 3)[3] + "\t")
    _same(_read_text(text), doc)


# --- only 总计 filled ---------------------------------------------------------------------

@pytest.mark.parametrize("mark", ["", "/"])
@pytest.mark.parametrize("layout", ["txt", "tsv", "md"])
def test_table3_with_only_the_total_column_filled(mark: str, layout: str):
    doc = _doc(20)
    for row in f21.ROW_KEYS:
        for col in f21.APPLICANT_KEYS:
            doc.cells[f"requests.{row}.{col}"].value = 0
    text = _text(doc, layout)
    # blank out the six applicant columns: they were written as 0
    if layout == "tsv":
        lines = text.split("\n")
        for i, line in enumerate(lines):
            cells = line.split("\t")
            if len(cells) >= 10 and cells[-1].isdigit() and cells[-7:-1] == ["0"] * 6:
                lines[i] = "\t".join(cells[:-7] + [mark] * 6 + cells[-1:])
        text = "\n".join(lines)
    elif layout == "md":
        text = text.replace("| 0 | 0 | 0 | 0 | 0 | 0 | ", "| " + " | ".join([mark] * 6) + " | ")
    else:
        text = re.sub(r"(\n\t0){6}(\n\t\d+\n)", lambda m: f"\n\t{mark}" * 6 + m.group(2), text)
    got = read(text.encode(), "markdown" if layout == "md" else "text")
    _same(got, doc)
    status = "blank" if mark == "" else "dash"
    assert got.cells["requests.granted.natural_person"].status == status
    assert got.cells["requests.granted.total"].status == "ok"
    assert got["requests.new_received.total"] == doc["requests.new_received.total"]


# --- Markdown converted from PDF/OCR -----------------------------------------------------

def _ocr_markdown(doc) -> str:
    """Markdown as PDF/OCR converters print it: placeholder headers 数据1…数据N, and table 三
    split into one small table per block (a row whose first label cell is filled starts a block)."""
    out = []

    def table(rows: list[list[str]]) -> None:
        width = max(len(r) for r in rows)
        out.append("| " + " | ".join(f"数据{i}" for i in range(1, width + 1)) + " |")
        out.append("|" + "---|" * width)
        for r in rows:
            out.append("| " + " | ".join(r + [""] * (width - len(r))) + " |")
        out.append("")

    for kind, item in outline(doc):
        if kind != "table":
            out.extend([("# " if kind == "title" else "## " if kind == "heading" else "") + str(item), ""])
            continue
        rows = [["" if c is None else c.text for c in r] for r in item.dense()]
        if item.key != "requests":
            table(rows)
            continue
        chunk: list[list[str]] = []
        for r in rows:
            if chunk and (r[0] or r[1]) and not r[0].startswith("（本列"):
                table(chunk)
                chunk = []
            chunk.append(r)
        table(chunk)
    return "\n".join(out)


@pytest.mark.parametrize("fmt", ["2021", "2019"])
def test_markdown_from_ocr_with_placeholder_headers_and_split_table3(fmt: str):
    doc = _doc(21, fmt)
    text = _ocr_markdown(doc)
    assert "| 数据1 | 数据2 |" in text and text.count("| 数据1 |") > 8
    got = read(text.encode(), "markdown")
    _same(got, doc)
    assert read(text.encode(), name="report.md").values() == got.values()


# --- shredded text: one cell per line ----------------------------------------------------

def _shred(text: str) -> str:
    """Every cell on its own line: no tabs, no blank lines, empty cells gone."""
    return "\n".join(line.strip("\t ") for line in text.split("\n") if line.strip("\t "))


@pytest.mark.parametrize("fmt", ["2021", "2019"])
def test_shredded_text_one_cell_per_line(fmt: str):
    doc = _doc(22, fmt)
    text = _shred(_text(doc, "txt"))
    assert "\t" not in text and "\n\n" not in text
    _same(_read_text(text), doc)


def test_shredded_seed():
    seed = SEEDS / "000_65cb26a2bb932bdb.txt"
    got = _read_text(_shred(seed.read_text("utf-8"))).to_dict()
    want = _expected(seed)
    for table in ("active", "requests", "appeals"):
        assert got[table] == want[table], table
    assert got["agency"] == want["agency"] and got["year"] == want["year"]
    for key, text in want["sections"].items():
        assert "".join(got["sections"][key].split()) == "".join(text.split()), key


@pytest.mark.parametrize("layout", ["txt", "tsv", "shredded"])
def test_paragraphs_indented_with_tabs(layout: str):
    doc = _doc(30)
    text = _text(doc, "txt" if layout == "shredded" else layout)
    if layout == "shredded":
        text = _shred(text)
    lines = text.split("\n")
    heading = re.compile(r"^[一二三四五六]、(?:总体|主动|收到|政府|存在|其他)")
    text = "\n".join("\t" + x if ("。" in x or heading.match(x)) and "\t" not in x else x for x in lines)
    assert "\n\t2024年，我局" in text and "\n\t一、总体情况" in text
    _same(_read_text(text), doc)


def test_shredded_text_with_broken_labels():
    doc = _doc(23)
    text = _shred(_text(doc, "txt"))
    text = text.replace("\n二、上年结转政府信息公开申请数量\n", "\n二、上年结转政府信息\n公开申请数量\n")
    text = text.replace("\n结果纠正\n", "\n结果\n纠正\n")
    text = text.replace("\n商业企业\n", "\n商业\n企业\n")
    _same(_read_text(text), doc)


def _spaced(text: str) -> str:
    """A PDF text dump: each table row on one line, its cells separated by runs of spaces."""
    out = []
    for line in text.split("\n"):
        line = re.sub(r"\t+", lambda m: " " * (2 + len(m.group())), line).strip()
        if line:
            out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("fmt", ["2021", "2019"])
def test_text_dump_with_space_separated_cells(fmt: str):
    doc = _doc(29, fmt)
    text = _spaced(_text(doc, "tsv"))
    assert "\t" not in text
    _same(_read_text(text), doc)


def test_text_dump_with_spaces_inside_labels_like_seed_001():
    text = _spaced(SEED_B.read_text("utf-8").replace("行政处罚\t0", "行政处罚\t7").replace("(七) 总计\t\t0", "(七) 总计\t\t5"))
    got = _read_text(text).to_dict()
    want = _expected(SEED_B)
    assert got["active"]["penalty"] == 7
    assert got["requests"]["total"]["natural_person"] == 5
    got["active"]["penalty"], got["requests"]["total"]["natural_person"] = 0, 0
    for table in ("active", "requests", "appeals"):
        assert got[table] == want[table], table


# Table 三 of sample_document("2021", 1) as `pdftotext -raw` prints it from our PDF: labels wrapped
# inside their narrow cells, group labels shredded, numbers space-separated, a page number "1".
PDFTOTEXT_RAW_T3 = """\
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加
第四项之和）
申请人情况
自然
人
法人或其他组织
总
计
商业
企业
科研
机构
社会公
益组织
法律服
务机构
其
他
一、本年新收政府信息公开申请数量 101 84 111 105 114 126 641
二、上年结转政府信息公开申请数量 0 3 3 5 4 3 18
1
三、本年
度办理结
果
（一）予以公开 2 0 8 2 2 8 22
（二）部分公开（区分处理的，只计这一情形，不
计其他情形）
9 0 1 5 8 3 26
（三）
不予公
开
1.属于国家秘密 1 0 2 8 3 6 20
2.其他法律行政法规禁止公开 4 8 4 5 0 0 21
3.危及“三安全一稳定” 1 0 1 1 3 7 13
4.保护第三方合法权益 7 6 5 7 8 5 38
5.属于三类内部事务信息 7 3 8 8 8 9 43
6.属于四类过程性信息 7 6 6 1 3 8 31
7.属于行政执法案卷 6 0 8 2 6 3 25
8.属于行政查询事项 3 8 3 8 8 8 38
（四）
无法提
供
1.本机关不掌握相关政府信息 1 3 4 6 5 6 25
2.没有现成信息需要另行制作 7 7 4 5 9 7 39
3.补正后申请内容仍不明确 0 7 9 7 5 5 33
（五）
不予处
理
1.信访举报投诉类申请 6 8 7 0 7 6 34
2.重复申请 6 3 8 7 4 5 33
3.要求提供公开出版物 9 5 6 0 8 0 28
4.无正当理由大量反复申请 0 3 9 4 9 8 33
5.要求行政机关确认或重新出具已获取信
息
7 3 0 9 0 8 27
（六）
其他处
理
1.申请人无正当理由逾期不补正、行政机
关不再处理其政府信息公开申请
4 7 7 9 6 9 42
2.申请人逾期未按收费通知要求缴纳费
用、行政机关不再处理其政府信息公开
申请
3 4 3 9 8 9 36
3.其他 9 0 6 6 2 5 28
（七）总计 99 81 109 109 112 125 635
四、结转下年度继续办理 2 6 5 1 6 4 24
"""


def test_pdftotext_raw_table_3():
    doc = _doc(1)
    text = _text(doc, "tsv")
    start = text.index("（本列数据的勾稽关系为")
    stop = text.index("\n\n四、政府信息公开行政复议")
    text = _spaced(text[:start] + PDFTOTEXT_RAW_T3 + text[stop:])
    got = _read_text(text)
    _same(got, doc)


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["-raw", "-layout"])
@pytest.mark.parametrize("fmt", ["2021", "2019"])
def test_pdftotext_dump_of_our_pdf(fmt: str, mode: str, tmp_path):
    import subprocess

    pdftotext = need("pdftotext")  # skips without poppler-utils, fails under CI=true
    need("weasyprint")  # the PDF writer's extra; any error of the writer itself fails the test
    doc = _doc(31, fmt)
    pdf = render(doc, "pdf")
    (tmp_path / "r.pdf").write_bytes(pdf)
    dump = subprocess.run([pdftotext, mode, str(tmp_path / "r.pdf"), "-"], capture_output=True, check=True).stdout
    _same(read(dump, "text"), doc)


def test_label_wrapped_around_its_numbers_in_a_layout_dump():
    # `pdftotext -layout`: a long label wraps over three lines with the numbers on the middle one,
    # and the group label beside it (（六）其他处理) is cut into pieces between them.
    text = """三、收到和处理政府信息公开申请情况
           （六）     1.申请人无正当理由逾期不补正、行
                      政机关不再处理其政府信息公开申请        1     0      0    0         0    0        1
                      2.申请人逾期未按收费通知要求缴纳费
           其他处
                      用、行政机关不再处理其政府信息公开申            7     7      4    0         8    4       30
            理
                      请
                      3.其他                          6     2      9    4         0    6       27
"""
    doc = read(text.encode("utf-8"), "text")
    cols = f21.COLUMN_KEYS
    assert [doc[f"requests.other_no_fee_payment.{c}"] for c in cols] == [7, 7, 4, 0, 8, 4, 30]
    assert [doc[f"requests.other_other.{c}"] for c in cols] == [6, 2, 9, 4, 0, 6, 27]
    assert doc["requests.other_no_correction.total"] == 1


# --- encodings ---------------------------------------------------------------------------

@pytest.mark.parametrize("layout", ["txt", "tsv"])
def test_gbk_text(layout: str):
    doc = _doc(24)
    data = render(doc, layout).decode("utf-8").encode("gbk")
    _same(read(data, "text"), doc)
    _same(read(data, name="report.txt"), doc)


@pytest.mark.parametrize("declared", [True, False])
def test_gbk_html(declared: bool):
    doc = _doc(25)
    html = render(doc, "html").decode("utf-8")
    html = html.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=gbk">' if declared else "")
    data = html.encode("gbk")
    _same(read(data, "html"), doc)
    _same(read(data, name="report.html"), doc)


# --- titles and headings -----------------------------------------------------------------

@pytest.mark.parametrize("title,agency,year", [
    ("2024年XX局政府信息公开工作年度报告", "XX局", 2024),
    ("XX局关于2024年度政府信息公开工作的年度报告", "XX局", 2024),
    ("某某市自然资源和规划局2023年度政府信息公开工作年度报告", "某某市自然资源和规划局", 2023),
    ("××县人民政府办公室 2022 年政府信息公开工作年度报告", "××县人民政府办公室", 2022),
    ("某某街道办事处关于2025年政府信息公开工作年度报告", "某某街道办事处", 2025),
])
def test_title_forms(title: str, agency: str, year: int):
    doc = _doc(26, agency=agency, year=year)
    text = _text(doc, "tsv")
    first = text.split("\n", 1)[0]
    text = text.replace(first, title, 1)
    got = _read_text(text)
    assert (got.agency, got.year) == (agency, year)
    assert got.values()["cells"] == doc.values()["cells"]


@pytest.mark.parametrize("old,new", [
    ("一、总体情况", "1、 总体情况"),
    ("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况"),
    ("五、存在的主要问题及改进情况", "五、存在问题及改进情况"),
    ("三、收到和处理政府信息公开申请情况", "三、收到的处理政府信息公开申请情况"),
    ("四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况"),
    ("二、主动公开政府信息情况", "二、主动公开政府信息情况："),
    ("六、其他需要报告的事项", "六、其他需要报告的事项。"),
])
@pytest.mark.parametrize("layout", ["txt", "tsv"])
def test_heading_variants(old: str, new: str, layout: str):
    doc = _doc(27)
    text = _text(doc, layout)
    assert f"\n{old}\n" in text
    text = text.replace(f"\n{old}\n", f"\n{new}\n")
    got = _read_text(text)
    _same(got, doc)
    assert len(got.headings_found) == 6


# --- the 2019 试行 format ----------------------------------------------------------------

REPORT_2019 = """雁塔区某某局2019年政府信息公开工作年度报告

一、总体情况
2019年，我局认真贯彻落实新修订的《中华人民共和国政府信息公开条例》。
二、主动公开政府信息情况
第二十条第（一）项\t\t\t
信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量
规章\t0\t0\t0
规范性文件\t3\t3\t41
第二十条第（五）项\t\t\t
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政许可\t12\t+2\t1036
其他对外管理服务事项\t4\t-1\t58
第二十条第（六）项\t\t\t
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政处罚\t35\t+1036\t210
行政强制\t6\t0\t9
第二十条第（八）项\t\t\t
信息内容\t上一年项目数量\t本年增/减\t
行政事业性收费\t2\t-2\t
第二十条第（九）项\t\t\t
信息内容\t采购项目数量\t采购总金额\t
政府集中采购\t7\t251000元\t
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t申请人情况\t\t\t\t\t\t
\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计
\t\t\t\t商业企业\t科研企业\t社会公益组织\t法律服务机构\t其他\t
一、本年新收政府信息公开申请数量\t\t\t10\t2\t0\t0\t1\t0\t13
二、上年结转政府信息公开申请数量\t\t\t1\t0\t0\t0\t0\t0\t1
三、本年度办理结果\t（一）予以公开\t\t5\t1\t0\t0\t0\t0\t6
\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t\t1\t0\t0\t0\t0\t0\t1
\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0
\t\t2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0
\t\t3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0
\t\t4.保护第三方合法权益\t0\t0\t0\t0\t0\t0\t0
\t\t5.属于三类内部事务信息\t0\t0\t0\t0\t0\t0\t0
\t\t6.属于四类过程性信息\t1\t0\t0\t0\t0\t0\t1
\t\t7.属于行政执法案卷\t0\t0\t0\t0\t0\t0\t0
\t\t8.属于行政查询事项\t0\t0\t0\t0\t0\t0\t0
\t（四）无法提供\t1.本机关不掌握相关政府信息\t2\t0\t0\t0\t1\t0\t3
\t\t2.没有现成信息需要另行制作\t0\t0\t0\t0\t0\t0\t0
\t\t3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0
\t（五）不予处理\t1.信访举报投诉类申请\t1\t0\t0\t0\t0\t0\t1
\t\t2.重复申请\t0\t0\t0\t0\t0\t0\t0
\t\t3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0
\t\t4.无正当理由大量反复申请\t0\t0\t0\t0\t0\t0\t0
\t\t5.要求行政机关确认或重新出具已获取信息\t0\t0\t0\t0\t0\t0\t0
\t（六）其他处理\t\t1\t1\t0\t0\t0\t0\t2
\t（七）总计\t\t10\t2\t0\t0\t1\t0\t13
四、结转下年度继续办理\t\t\t1\t0\t0\t0\t0\t0\t1
四、政府信息公开行政复议、行政诉讼情况
行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t
结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t
\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计
1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0
五、政府信息公开工作存在的主要问题及改进情况
一是公开内容不够丰富；二是培训不足。下一步将加强培训。
六、其他需要报告的事项
无。
"""


@pytest.mark.parametrize("layout", ["tsv", "shredded", "md"])
def test_2019_trial_format_report(layout: str):
    text = REPORT_2019
    kind = "text"
    if layout == "shredded":
        text = _shred(text)
    elif layout == "md":
        kind = "markdown"
        lines = []
        for line in text.split("\n"):
            if "\t" in line:
                cells = line.split("\t")
                lines.append("| " + " | ".join(cells) + " |")
                if len(lines) == 1 or not lines[-2].startswith("|"):
                    lines.append("|" + "---|" * len(cells))
            else:
                lines.append(line)
        text = "\n".join(lines)
    got = read(text.encode(), kind)
    assert got.format == "2019"
    assert (got.agency, got.year) == ("雁塔区某某局", 2019)
    assert got["t2_2019.procurement.amount"] == Decimal("251000")
    assert got.cells["t2_2019.procurement.amount"].raw == "251000元"
    assert got["t2_2019.penalty.delta_items"] == 1036
    assert got["t2_2019.license.delta_items"] == 2
    assert got["t2_2019.other_service.delta_items"] == -1
    assert got["t2_2019.fee_items.delta_items"] == -2
    assert got["t2_2019.license.decisions"] == 1036
    assert got["t2_2019.nd.total_public"] == 41
    assert got["requests.other_subtotal.natural_person"] == 1
    assert got["requests.other_subtotal.total"] == 2
    assert got["requests.total.total"] == 13
    assert got["requests.new_received.research"] == 0
    assert got["appeals.reconsideration.total"] == 1
    assert not any(p.startswith(("active.", "requests.other_no_correction", "requests.other_other")) for p in got.cells)
    assert got.missing() == []
    assert "培训不足" in got.sections["problems"]
    assert got.sections["other"].strip("。") == "无"


def test_2019_report_written_by_us_with_units_and_signs():
    doc = _doc(28, "2019", year=2020)
    text = _text(doc, "tsv")
    amount = doc["t2_2019.procurement.amount"]
    text = _sub_line(text, "政府集中采购\t", f"政府集中采购\t{doc['t2_2019.procurement.items']}\t{amount}元\t")
    delta = doc["t2_2019.license.delta_items"]
    text = _sub_line(text, "行政许可\t", f"行政许可\t{doc['t2_2019.license.prev_items']}\t+{delta}\t{doc['t2_2019.license.decisions']}")
    got = _read_text(text)
    _same(got, doc)


@pytest.mark.parametrize("lost", ["one", "all"])
def test_layout_a_rows_run_together_when_blank_lines_are_lost(lost: str):
    # The blank line between two layout-A rows is lost: both rows are one block, and the
    # cells after each label, up to the next label of the format, are that label's row.
    doc = _doc(3)
    text = _text(doc, "txt")
    if lost == "one":
        joined = text.replace("\n\n\t行政规范性文件", "\n\t行政规范性文件", 1)
    else:
        joined = re.sub(r"\n\n(?=\t)", "\n", text)
    assert joined != text
    _same(_read_text(joined), doc)
