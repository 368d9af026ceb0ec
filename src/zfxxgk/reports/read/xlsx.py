"""XLSX front end: every visible sheet, in order, as blocks.

A sheet is cut into regions at fully empty rows (agencies often stack 表二, 表三 and 表四 on
one sheet with a blank row between them). A region whose every row is a single text cell is
narrative and becomes PARAGRAPH blocks; any other region is a table whose rows become ROW
blocks at the region's full width, with the positions a merged range covers set to "".
"""
from __future__ import annotations

import datetime as dt
import warnings
import zipfile
from decimal import Decimal
from io import BytesIO
from xml.etree.ElementTree import ParseError

from lxml import etree
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from .. import zipsafe
from ..errors import ReportReadError
from .blocks import COVERED, Block, paragraph, row


# How openpyxl says a workbook is broken: a missing part is a KeyError or OSError, a bad attribute value a
# TypeError or ValueError from its descriptors, broken XML a ParseError (expat) or XMLSyntaxError.
OPENPYXL_ERRORS = (zipfile.BadZipFile, InvalidFileException, OSError, KeyError, TypeError, ValueError, ParseError,
                   etree.XMLSyntaxError, EOFError)


def blocks(data: bytes) -> list[Block]:
    # Before openpyxl: its full reader keeps every cell (and every cell a merge covers) in memory.
    zipsafe.open_zip(data, kind="xlsx")
    try:
        # read_only=False: merged ranges are only known to the full reader;
        # data_only=True: formulas read as the values Excel last computed.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "extension is not supported" noise from WPS/Excel files
            wb = load_workbook(BytesIO(data), read_only=False, data_only=True)
    except OPENPYXL_ERRORS as exc:
        raise ReportReadError("Excel 文件已损坏或不是有效的 XLSX 文件，无法打开。", f"openpyxl cannot open: {exc!r}") from exc
    out: list[Block] = []
    tables = 0
    for ws in wb.worksheets:
        if not hasattr(ws, "merged_cells") or ws.sheet_state != "visible":
            continue  # chart sheets hold no cells; hidden sheets hold lookups, not the report
        regions, covered = _regions(ws)
        for region in regions:
            if all(len(cells) == 1 and isinstance(cells[0][1], str) for _, cells in region.rows):
                for r, cells in region.rows:
                    col, text = cells[0]
                    out.append(paragraph(cell_text(text), _where(ws.title, r, col)))
                continue
            tables += 1  # 1-based, as the other front ends number their tables
            for r, cells in region.rows:
                texts = [COVERED if (r, c) in covered else "" for c in range(region.first_col, region.last_col + 1)]
                for col, value in cells:
                    texts[col - region.first_col] = cell_text(value)
                where = [_where(ws.title, r, region.first_col + i) for i in range(region.width)]
                out.append(row(texts, where, table=tables))
    return out


class _Region:
    def __init__(self) -> None:
        self.rows: list[tuple[int, list[tuple[int, object]]]] = []  # (row, [(col, value)])
        self.first_col = 10**9
        self.last_col = 0

    def extend_cols(self, first: int, last: int) -> None:
        self.first_col = min(self.first_col, first)
        self.last_col = max(self.last_col, last)

    @property
    def width(self) -> int:
        return self.last_col - self.first_col + 1


def _regions(ws) -> tuple[list[_Region], set[tuple[int, int]]]:
    """The sheet's blocks of filled rows, and the positions covered by a merge (not its origin):
    those read as COVERED, whatever openpyxl holds there."""
    covered: set[tuple[int, int]] = set()
    merged_rows: dict[int, tuple[int, int]] = {}  # row -> column extent of merges touching it
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            lo, hi = merged_rows.get(r, (rng.min_col, rng.max_col))
            merged_rows[r] = (min(lo, rng.min_col), max(hi, rng.max_col))
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    covered.add((r, c))
    # Only the cells stored in the file: iter_rows() would create every cell up to
    # max_row, which a whole-column format pushes to 1 048 576.
    filled: dict[int, list[tuple[int, object]]] = {}
    for (r, c), cell in ws._cells.items():
        if (r, c) not in covered and _filled(cell.value):
            filled.setdefault(r, []).append((c, cell.value))
    regions: list[_Region] = []
    current: _Region | None = None
    previous = 0
    for r in sorted(filled):
        # an empty row between two filled ones ends the region, unless a merge spans it
        if current is not None and any(gap not in merged_rows for gap in range(previous + 1, r)):
            current = None
        if current is None:
            current = _Region()
            regions.append(current)
        cells = sorted(filled[r], key=lambda cv: cv[0])
        current.rows.append((r, cells))
        current.extend_cols(cells[0][0], cells[-1][0])
        if r in merged_rows:  # a merged header counts at its full span
            current.extend_cols(*merged_rows[r])
        previous = r
    return regions, covered


def _filled(value) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def cell_text(value) -> str:
    """A cell value as the text a reader of the sheet sees: 5 and 5.0 -> "5", 0.25 -> "0.25"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value == 0:
            return "0"  # not "-0"
        # 15 significant digits is what Excel displays, so float noise such as
        # 0.30000000000000004 from a SUM reads as 0.3; "f" avoids exponent notation.
        text = format(Decimal(format(value, ".15g")), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value).strip()


def _where(sheet: str, r: int, c: int) -> str:
    return f"工作表“{sheet}”{get_column_letter(c)}{r}单元格"
