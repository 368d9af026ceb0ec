"""Degraded renderings of our own consistent documents, the way converters damage real reports
(issue 12 item 2). Each function takes a document and returns the text a converter would have
produced; the hypothesis strategy :func:`documents` draws consistent documents whose cells are
mostly 0 and small numbers, as in real reports (which is what makes merged lines common)."""
from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import strategies as st

from zfxxgk.reports.model import ReportDocument
from zfxxgk.reports.sample import SECTIONS, fill_consistent
from zfxxgk.reports.write import render
from zfxxgk.standard import format2021 as f21

AGENCIES = ["某某县司法局", "××市生态环境局", "某某街道办事处", "某某区市场监督管理局"]


@st.composite
def documents(draw, fmt: str = f21.FORMAT_2021, size: int = 40) -> ReportDocument:
    """A consistent document (every identity of the format holds): cells 0 half of the time."""
    year = 2020 if fmt == f21.FORMAT_2019 else draw(st.integers(2021, 2025))
    doc = ReportDocument(format=fmt, agency=draw(st.sampled_from(AGENCIES)), year=year,
                         sections={k: v.replace("{year}", str(year)) for k, v in SECTIONS.items()})
    pick = lambda lo, hi: draw(st.one_of(st.just(lo), st.integers(lo, hi)))  # noqa: E731
    fee = lambda: draw(st.sampled_from([Decimal("0"), Decimal("12.5"), Decimal("3")]))  # noqa: E731
    return fill_consistent(doc, pick, fee, size=size)


def _tsv_lines(doc: ReportDocument) -> list[str]:
    return render(doc, "tsv").decode().split("\n")


def _shredded_lines(doc: ReportDocument) -> list[str]:
    """A PDF text dump: every cell of layout A on its own line, no blank lines."""
    return [x.strip("\t ") for x in render(doc, "txt").decode().split("\n") if x.strip("\t ")]


def shredded(doc: ReportDocument) -> bytes:
    """The undamaged one-cell-per-line dump the other renderings start from."""
    return "\n".join(_shredded_lines(doc)).encode()


def glued(doc: ReportDocument) -> bytes:
    """A scraper's ``get_text()``: each table row's cells run together with no separator
    ("一、本年新收政府信息公开申请数量21710000218")."""
    return "\n".join("".join(line.split("\t")) for line in _tsv_lines(doc)).encode()


def merged(doc: ReportDocument) -> bytes:
    """One cell per line, then a converter merged consecutive identical lines
    (13, 0, 0, 0, 0, 0, 13 arrives as "13 / 0 / 13")."""
    lines = _shredded_lines(doc)
    return "\n".join(x for i, x in enumerate(lines) if i == 0 or x != lines[i - 1]).encode()


def split_numbers(doc: ReportDocument, cuts: list[int]) -> bytes:
    """One cell per line, with numbers broken over two lines ("1" / "62" for 162): ``cuts``
    gives, for the n-th number of two digits or more, where to break it (0: not at all)."""
    out, k = [], 0
    for x in _shredded_lines(doc):
        if x.isdigit() and len(x) > 1:
            cut = cuts[k % len(cuts)] % len(x) if cuts else 0
            k += 1
            if cut:
                out += [x[:cut], x[cut:]]
                continue
        out.append(x)
    return "\n".join(out).encode()


T4_CONVERTER_HEADER = ("复议维持 复议纠正 复议其他 复议未审结 复议总计 直诉维持 直诉纠正 直诉其他 直诉未审结 直诉总计 "
                       "复议后起诉维持 复议后起诉纠正 复议后起诉其他 复议后起诉未审结 复议后起诉总计")
T4_FOOTNOTE = "注：表中数据统计期限为当年1月1日至12月31日，行政诉讼含一审、二审案件。"


def flat_table4(doc: ReportDocument, header: str = "none", glue: bool = False, footnote: bool = False) -> bytes:
    """Table 四 flattened into one line of 15 numbers (separated by spaces, or ``glue``d), after
    no header (``none``), the converter's own column words (``converter``) or the template's
    header run together (``template``); optionally a footnote after it."""
    values = [str(doc[f"appeals.{g}.{m}"]) for g, _ in f21.APPEAL_GROUPS for m, _ in f21.APPEAL_MEASURES]
    row = ("" if glue else " ").join(values)
    table = {"none": [], "converter": [T4_CONVERTER_HEADER],
             "template": ["行政复议 行政诉讼", "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉"]}[header]
    table = table + [row] + ([T4_FOOTNOTE] if footnote else [])
    lines = _tsv_lines(doc)
    start = next(i for i, x in enumerate(lines) if x.startswith("\t行政复议") or x.startswith("行政复议"))
    end = next(i for i in range(start, len(lines)) if not lines[i].strip())
    return "\n".join(lines[:start] + table + lines[end:]).encode()


def annotated_table2(doc: ReportDocument, notes: dict[str, str]) -> bytes:
    """One cell per line with notes on their own lines after table 二's values ("（其中修订16件）",
    "（含自然失效29件）"): ``notes`` maps a measure (made / repealed / in_force) to its note."""
    out = []
    lines = _shredded_lines(doc)
    measure = {0: "made", 1: "repealed", 2: "in_force"}
    i = 0
    while i < len(lines):
        x = lines[i]
        out.append(x)
        if x in ("规章", "行政规范性文件"):
            for k in range(3):
                out.append(lines[i + 1 + k])
                if measure[k] in notes:
                    out.append(notes[measure[k]])
            i += 4
            continue
        i += 1
    return "\n".join(out).encode()


def single_other_row(doc: ReportDocument) -> bytes:
    """A 2021 report whose table 三 prints （六）其他处理 as one row (a common local variant)."""
    leaves = ("other_no_correction", "other_no_fee_payment", "other_other")
    sums = [sum(doc[f"requests.{leaf}.{c}"] for leaf in leaves) for c in f21.COLUMN_KEYS]
    out, skip = [], 0
    for line in _tsv_lines(doc):
        if skip:
            skip -= 1
            continue
        if "（六）其他处理" in line:
            out.append("\t".join(["", "（六）其他处理", "", *map(str, sums)]))
            skip = 2
            continue
        out.append(line)
    return "\n".join(out).encode()


NUMBER = re.compile(r"\d+")


def labels_then_values(doc: ReportDocument) -> bytes:
    """One cell per line, table 二's labels printed as a column before their values (a PDF
    conversion that took the table apart): "规章 / 行政规范性文件 / 1 / 2 / 27 / 1 / 0 / 20"."""
    lines = _shredded_lines(doc)
    out, i = [], 0
    while i < len(lines):
        if lines[i] == "规章" and lines[i + 4] == "行政规范性文件":
            out += [lines[i], lines[i + 4], *lines[i + 1:i + 4], *lines[i + 5:i + 8]]
            i += 8
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out).encode()


def markdown_fragments(doc: ReportDocument, pieces: int = 2, page: str = "3") -> bytes:
    """PDF-to-Markdown: table 三 comes as ``pieces`` pairs of fragments — a one-column table of
    row labels, then a table of their numbers under placeholder headers (数据1 … 数据7) — with a
    stray page number between the fragments."""
    lines = render(doc, "md").decode().split("\n")
    def numbers(x: str) -> bool:  # table 三's data rows: 3 label cells, 7 numbers
        cells = [c.strip() for c in x.strip().strip("|").split("|")]
        return len(cells) == 10 and all(c.isdigit() for c in cells[3:])

    rows = [i for i, x in enumerate(lines) if x.startswith("|") and numbers(x)]
    start, end = rows[0] - 5, rows[-1] + 1  # from the table's first header line
    body = []
    for i in rows:
        cells = [c.strip() for c in lines[i].strip("|").split("|")]
        body.append((next(c for c in reversed(cells[:3]) if c), cells[3:]))
    out: list[str] = []
    size = -(-len(body) // pieces)
    for k in range(0, len(body), size):
        part = body[k:k + size]
        out += ["| 项目 |", "| --- |", *[f"| {label} |" for label, _ in part], "", page, ""]
        out += ["| " + " | ".join(f"数据{n}" for n in range(1, 8)) + " |", "|" + " --- |" * 7,
                *["| " + " | ".join(nums) + " |" for _, nums in part], ""]
    return "\n".join(lines[:start] + out + lines[end:]).encode()


def vertical_table4(doc: ReportDocument, transposed: bool) -> bytes:
    """Table 四 printed vertically (tab-separated): one row per measure with the three groups
    across (``transposed``), or one row per group and measure ("行政复议 结果维持 0")."""
    value = lambda g, m: str(doc[f"appeals.{g}.{m}"])  # noqa: E731
    if transposed:
        table = ["\t".join(["", *(label for _, label in f21.APPEAL_GROUPS)])]
        table += ["\t".join([label, *(value(g, m) for g, _ in f21.APPEAL_GROUPS)]) for m, label in f21.APPEAL_MEASURES]
    else:
        table = []
        for gi, (g, glabel) in enumerate(f21.APPEAL_GROUPS):
            for mi, (m, mlabel) in enumerate(f21.APPEAL_MEASURES):
                lead = (["行政复议"] if gi == 0 else ["行政诉讼", glabel]) if mi == 0 else ([""] if gi == 0 else ["", ""])
                table.append("\t".join([*lead, mlabel, value(g, m)]))
    lines = _tsv_lines(doc)
    start = next(i for i, x in enumerate(lines) if x.startswith("\t行政复议") or x.startswith("行政复议"))
    end = next(i for i in range(start, len(lines)) if not lines[i].strip())
    return "\n".join(lines[:start] + table + lines[end:]).encode()


def org_subtotal_column(doc: ReportDocument) -> bytes:
    """Table 三 with an extra 法人或其他组织小计 column before 总计 (spec §4.2), tab-separated."""
    out = []
    for line in _tsv_lines(doc):
        cells = line.split("\t")
        if len(cells) == 10 and all(c.isdigit() for c in cells[3:]):
            cells.insert(9, str(sum(int(c) for c in cells[4:9])))
        elif len(cells) == 10 and cells[9] == "总计":
            cells.insert(9, "法人或其他组织小计")
        out.append("\t".join(cells))
    return "\n".join(out).encode()
