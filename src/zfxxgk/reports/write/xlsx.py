"""XLSX writer: the outline of :mod:`.layout` as a workbook that reads back completely.

Sheet "报告" holds the prose in reading order (title, headings, paragraphs; one per row), so
the XLSX front end reads it as paragraphs. Then one sheet per table grid ("表二", "表三",
"表四") with the grid's merges, borders and wrapped centred text. Value cells are numbers,
not text, so the sheet can be summed; agency and year also go into the workbook properties.
"""
from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ...text import printable
from ..model import ReportDocument
from .layout import Grid, outline

SHEET_NAMES = {"active": "表二", "requests": "表三", "appeals": "表四"}
# Column widths in characters; label columns wide enough for the longest 表三 leaf label
# on two or three lines, number columns for a 6-character header on two lines.
COLUMN_WIDTHS = {"active": (24, 18, 18, 18), "requests": (8, 12, 36) + (9,) * 7, "appeals": (8,) * 15}
PROSE_WIDTH = 100
LINE_HEIGHT = 14  # points per line of 10.5 pt text

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_BLOCK_FILL = PatternFill("solid", fgColor="C6D9F1")  # the template's shade for 表二 block titles
_FONT = Font(name="宋体", size=10.5)
_BOLD = Font(name="宋体", size=12, bold=True)
_TITLE = Font(name="宋体", size=16, bold=True)
# Excel shows a Decimal such as 12.5 as "12.5" under General; fees have at most 4 places
# (spec §14), more would be float noise from an upstream sum.
FEE_PLACES = Decimal("0.0001")


def write(doc: ReportDocument) -> bytes:
    wb = Workbook()
    prose = wb.active
    prose.title = "报告"
    prose.column_dimensions["A"].width = PROSE_WIDTH
    line = 0
    for kind, item in outline(doc):
        if kind == "table":
            _table(wb.create_sheet(SHEET_NAMES.get(item.key, item.key)), item)
            continue
        line += 1
        cell = _text(prose.cell(line, 1), str(item))
        cell.alignment = Alignment(horizontal="center" if kind == "title" else "left", vertical="top", wrap_text=True)
        if kind == "title":
            cell.font = _TITLE
        elif kind == "heading":
            cell.font = _BOLD
    wb.properties.title = prose["A1"].value
    wb.properties.creator = printable(doc.agency or "")
    wb.properties.subject = f"{doc.year}年度" if doc.year else None
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _table(ws, grid: Grid) -> None:
    widths = COLUMN_WIDTHS.get(grid.key)
    for c in range(grid.width):
        ws.column_dimensions[get_column_letter(c + 1)].width = widths[c] if widths and len(widths) == grid.width else 12
    dense = grid.dense()
    col_widths = [ws.column_dimensions[get_column_letter(c + 1)].width for c in range(grid.width)]
    for r, line in enumerate(dense, start=1):
        values_row = any(gc is not None and gc.path for gc in line)
        for c in range(1, grid.width + 1):
            ws.cell(r, c).border = _BORDER  # every position, or merged ranges lose inner edges
        for c, gc in enumerate(line, start=1):
            if gc is None:
                continue
            cell = ws.cell(r, c, _value(gc)) if gc.path else _text(ws.cell(r, c), gc.text)
            cell.font = _FONT
            block_title = gc.colspan == grid.width and gc.rowspan == 1
            cell.alignment = _LEFT if block_title or (gc.header and values_row) else _CENTER
            if block_title:
                cell.fill = _BLOCK_FILL
            if gc.rowspan > 1 or gc.colspan > 1:
                ws.merge_cells(start_row=r, start_column=c, end_row=r + gc.rowspan - 1, end_column=c + gc.colspan - 1)
        ws.row_dimensions[r].height = LINE_HEIGHT * max(
            (_lines(gc.text, sum(col_widths[c : c + gc.colspan])) for c, gc in enumerate(line) if gc and gc.rowspan == 1),
            default=1,
        )


def _lines(text: str, width: float) -> int:
    # Excel does not grow a row for wrapped text in a file it did not lay out itself, so
    # estimate: a CJK character is about two width units.
    units = sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
    return max(1, -(-units // max(1, int(width) - 1)))


def _text(cell, text: str):
    """Write text as text: a leading "=" is not a formula, what XML cannot hold is dropped."""
    cell.value = printable(text)
    cell.data_type = "s"
    return cell


def _value(gc):
    """A value cell as a number: int, or a Decimal such as the fee in 万元."""
    if gc.text == "":
        return None  # not reported: leave the cell empty, never print a made-up 0
    value = Decimal(gc.text)
    if value == value.to_integral_value():
        return int(value)
    return value.quantize(FEE_PLACES).normalize() if value.as_tuple().exponent < -4 else value
