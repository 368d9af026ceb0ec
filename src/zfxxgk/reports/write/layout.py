"""The official page layout as data: one outline and three table grids shared by all writers.

Every writer (HTML, DOCX, XLSX, Markdown, PDF, text) renders :func:`outline`; none of them
knows the national format itself. Grids follow HTML semantics: a row lists only the cells
that start in it, with their ``rowspan``/``colspan``; the sizes match the 2021 template
(表二 14×4, 表三 28×10, 表四 4×15).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator

from ...standard import format2019 as f19
from ...standard import format2021 as f21
from ...text import printable
from ..model import ReportDocument


@dataclass
class GridCell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    path: str | None = None  # set on value cells
    header: bool = False


@dataclass
class Grid:
    key: str  # active | requests | appeals
    width: int
    rows: list[list[GridCell]] = field(default_factory=list)
    header_rows: int = 0  # the column headers at the top, repeated where the table crosses a page

    def add(self, *cells: GridCell) -> None:
        self.rows.append(list(cells))

    def dense(self) -> list[list[GridCell | None]]:
        """The grid with every position filled: the origin cell, or None where a span covers it."""
        out: list[list[GridCell | None]] = []
        covered: dict[tuple[int, int], bool] = {}
        for r, cells in enumerate(self.rows):
            line: list[GridCell | None] = []
            c = 0
            for cell in cells:
                while covered.get((r, c)):
                    line.append(None)
                    c += 1
                line.append(cell)
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        if dr or dc:
                            covered[(r + dr, c + dc)] = True
                c += 1
                for _ in range(cell.colspan - 1):
                    line.append(None)
                    c += 1
            while covered.get((r, c)) or c < self.width and len(line) < self.width:
                line.append(None)
                c += 1
            out.append(line[: self.width])
        return out


def format_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):  # 万元 with at most 4 decimals, no trailing zeros (spec §14)
        return format(value.quantize(Decimal("0.0001")).normalize(), "f")
    return str(value)


def _h(text: str, **kw) -> GridCell:
    return GridCell(text, header=True, **kw)


def _v(doc: ReportDocument, path: str, **kw) -> GridCell:
    return GridCell(format_value(doc.value(path)), path=path, **kw)


def table2(doc: ReportDocument) -> Grid:
    if doc.format == f21.FORMAT_2019:
        items, blocks, prefix = f19.ACTIVE_ITEMS_2019, f19.ACTIVE_BLOCKS_2019, "t2_2019"
    else:
        items, blocks, prefix = f21.ACTIVE_ITEMS, f21.ACTIVE_BLOCKS, "active"
    grid = Grid("active", 4)
    for title, headers in blocks:
        grid.add(_h(title, colspan=4))
        head = [_h("信息内容")] + [_h(h) for h in headers]
        head[-1].colspan = 4 - len(headers)
        grid.add(*head)
        for item in (i for i in items if i.block == title):
            paths = [f"{prefix}.{item.key}.{m}" for m, _ in item.measures] or [f"{prefix}.{item.key}"]
            vals = [_v(doc, p) for p in paths]
            vals[-1].colspan = 4 - len(paths)
            grid.add(_h(item.label), *vals)
    return grid


def table3(doc: ReportDocument) -> Grid:
    old = doc.format == f21.FORMAT_2019
    grid = Grid("requests", 10, header_rows=3)
    grid.add(_h(f21.TABLE3_NOTE, rowspan=3, colspan=3), _h("申请人情况", colspan=7))
    grid.add(_h("自然人", rowspan=2), _h("法人或其他组织", colspan=5), _h("总计", rowspan=2))
    grid.add(*[_h(c.label) for c in f21.REQUEST_COLUMNS[1:6]])
    rows = [r for r in f21.REQUEST_ROWS if not (old and r.group == "（六）其他处理")]
    result_rows = sum(1 for r in rows if r.level1) + (1 if old else 0)
    emitted_groups: set[str] = set()
    for r in rows:
        vals = lambda key: [_v(doc, f"requests.{key}.{c}") for c in f21.COLUMN_KEYS]  # noqa: E731
        if old and r.key == "total":  # the 2019 （六）其他处理 is one leaf row with numbers
            grid.add(_h(f19.OTHER_2019_LABEL, colspan=2), *vals("other_subtotal"))
        lead: list[GridCell] = []
        if r.level1 and r.key == "granted":
            lead.append(_h(r.level1, rowspan=result_rows))
        if not r.level1:
            lead.append(_h(r.label, colspan=3))
        elif r.group is None:
            lead.append(_h(r.label, colspan=2))
        else:
            if r.group not in emitted_groups:
                emitted_groups.add(r.group)
                size = sum(1 for x in rows if x.group == r.group)
                lead.append(_h(r.group, rowspan=size))
            lead.append(_h(r.label))
        grid.add(*lead, *vals(r.key))
    return grid


def table4(doc: ReportDocument) -> Grid:
    grid = Grid("appeals", 15, header_rows=3)
    grid.add(_h("行政复议", colspan=5), _h("行政诉讼", colspan=10))
    grid.add(*[_h(label, rowspan=2) for _, label in f21.APPEAL_MEASURES],
             _h("未经复议直接起诉", colspan=5), _h("复议后起诉", colspan=5))
    grid.add(*[_h(label) for _, label in f21.APPEAL_MEASURES] * 2)
    grid.add(*[_v(doc, f"appeals.{g}.{m}") for g, _ in f21.APPEAL_GROUPS for m, _ in f21.APPEAL_MEASURES])
    return grid


TABLES = {"proactive": table2, "requests": table3, "appeals": table4}


def title(doc: ReportDocument) -> str:
    if doc.title:
        return doc.title
    year = f"{doc.year}年" if doc.year else ""
    return f"{doc.agency or ''}{year}政府信息公开工作年度报告"


def paragraphs(text: str | None) -> list[str]:
    return [line for line in (printable(line).strip() for line in (text or "").splitlines()) if line]


def outline(doc: ReportDocument) -> Iterator[tuple[str, object]]:
    """The report in reading order: ("title", str), ("heading", str), ("paragraph", str), ("table", Grid).

    Its strings are :func:`~zfxxgk.text.printable`: a document read from a PDF or OCR, or built by
    a caller, may hold NUL, U+FFFE or a lone surrogate, which no XML or UTF-8 writer can output.
    """
    yield "title", printable(title(doc))
    for p in paragraphs(doc.sections.get("preamble")):
        yield "paragraph", p
    for section in f21.SECTIONS:
        yield "heading", section.heading
        for p in paragraphs(doc.sections.get(section.key)):
            yield "paragraph", p
        if section.key in TABLES and doc.format != f21.FORMAT_PRE2019:
            yield "table", TABLES[section.key](doc)
