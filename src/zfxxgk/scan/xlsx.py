"""XLSX: the visible cells, and what Excel keeps out of sight.

* 隐藏工作表 — a sheet hidden (右键“取消隐藏” shows it) or very hidden (only the VBA editor does)
  that holds data: the classic leak of a full 名单 behind a published summary.
* 隐藏行 / 隐藏列 — hidden or zero-height rows and hidden columns of a visible sheet that hold
  data (filtered-out and collapsed rows are hidden rows too). One finding per run of rows or
  columns.
* 批注 — every cell comment, with its author.
* 指向隐藏数据的名称 — a defined name whose range lies on a hidden sheet or in hidden rows or
  columns (Excel's own _xlnm.* names, print areas and filters, are left out).
* 文档属性 and 嵌入对象 — :mod:`.ooxml`.

openpyxl's full reader is needed (the read-only one knows no row heights, hidden columns or
comments); :func:`~.safety.open_zip` has counted the rows and cells against the caps first. Cells
are taken from the worksheet's stored cells (``ws._cells``), never from ``iter_rows``, which walks
the whole bounding rectangle: two cells at A1 and XFD1048576 would mean 17 billion.
"""
from __future__ import annotations

import datetime as dt
import warnings
import zipfile
from io import BytesIO
from xml.etree.ElementTree import ParseError

from lxml import etree
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

from . import ooxml, personal
from .finding import NAME_CHARS, Finding, Kind, Segment, clip, digest
from .safety import Unreadable, open_zip

# How openpyxl says a workbook is broken (as in zfxxgk.reports.read.xlsx)
_BROKEN = (zipfile.BadZipFile, InvalidFileException, OSError, KeyError, TypeError, ValueError, ParseError,
           etree.XMLSyntaxError, EOFError, IndexError, AttributeError)
_STATES = {"hidden": "隐藏", "veryHidden": "深度隐藏（Excel 的“取消隐藏”也列不出，只能在 VBA 编辑器中看到）"}


def read(data: bytes) -> tuple[list[Segment], list[Finding]]:
    zf = open_zip(data, "xlsx")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "extension is not supported" and other openpyxl noise
            wb = load_workbook(BytesIO(data), read_only=False, data_only=True)
    except _BROKEN as exc:
        raise Unreadable("Excel 文件已损坏或不是有效的 XLSX 文件，无法检查。", f"openpyxl: {exc!r}") from exc
    segments: list[Segment] = []
    findings: list[Finding] = []
    hidden_lines: dict[str, tuple[set[int], set[int]] | None] = {}  # None: the whole sheet is hidden
    for ws in wb.worksheets:
        cells = [c for c in ws._cells.values() if _text(c.value)]
        sheet = f"工作表“{ws.title}”"
        findings += _comments(ws, sheet)
        if ws.sheet_state != "visible":
            hidden_lines[ws.title] = None
            if cells:
                findings.append(_hidden_sheet(ws, sheet, cells))
            continue
        rows, cols = _hidden_rows(ws), _hidden_columns(ws)
        hidden_lines[ws.title] = (rows, cols)
        findings += _runs(Kind.HIDDEN_ROWS, sheet, [c for c in cells if c.row in rows], "row")
        findings += _runs(Kind.HIDDEN_COLUMNS, sheet, [c for c in cells if c.column in cols], "column")
        segments += [Segment(f"{sheet}{c.coordinate}", _text(c.value)) for c in cells
                     if c.row not in rows and c.column not in cols]
    findings += _names(wb, hidden_lines)
    meta, properties = ooxml.properties(zf)
    return segments + properties, findings + meta + ooxml.embedded(zf)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e20:
        return str(int(value))  # 13812345678.0 as Excel stores a number typed into a cell
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value).strip()


def _hidden_rows(ws) -> set[int]:
    return {r for r, d in ws.row_dimensions.items() if d.hidden or (d.customHeight and d.height == 0)}


def _hidden_columns(ws) -> set[int]:
    out: set[int] = set()
    for key, d in ws.column_dimensions.items():
        if d.hidden:
            first = d.min or column_index_from_string(key)
            out.update(range(first, max(d.max or first, first) + 1))
    return out


def _preview(cells) -> str:
    return clip(personal.mask(" ".join(_text(c.value) for c in cells[:12])))


def _hidden_sheet(ws, sheet: str, cells) -> Finding:
    state = _STATES.get(ws.sheet_state, ws.sheet_state)
    raw = ws.title + "\n" + "\t".join(_text(c.value) for c in cells)
    return Finding(Kind.HIDDEN_SHEET, sheet, _preview(cells), digest(raw),
                   f"{state}的工作表，有 {len(cells)} 个单元格有内容：页面上看不到，但随文件一起公开，请删除该工作表后再公开")


def _runs(kind: str, sheet: str, cells, axis: str) -> list[Finding]:
    """One finding per run of consecutive hidden rows (or columns) holding data."""
    by_line: dict[int, list] = {}
    for c in cells:
        by_line.setdefault(c.row if axis == "row" else c.column, []).append(c)
    out, run = [], []
    for line in sorted(by_line):
        if run and line != run[-1] + 1:
            out.append(_run_finding(kind, sheet, run, by_line, axis))
            run = []
        run.append(line)
    if run:
        out.append(_run_finding(kind, sheet, run, by_line, axis))
    return out


def _run_finding(kind: str, sheet: str, run: list[int], by_line: dict, axis: str) -> Finding:
    cells = [c for line in run for c in by_line[line]]
    if axis == "row":
        where = f"第{run[0]}行" if len(run) == 1 else f"第{run[0]}—{run[-1]}行"
        what = "隐藏的行"
    else:
        first, last = get_column_letter(run[0]), get_column_letter(run[-1])
        where = f"{first}列" if len(run) == 1 else f"{first}—{last}列"
        what = "隐藏的列"
    raw = sheet + where + "\t".join(_text(c.value) for c in cells)
    return Finding(kind, f"{sheet}{where}", _preview(cells), digest(raw),
                   f"{what}中有 {len(cells)} 个单元格有内容：页面上看不到，但随文件一起公开，请删除这些行列后再公开")


def _comments(ws, sheet: str) -> list[Finding]:
    out = []
    for c in ws._cells.values():
        if c.comment is None:
            continue
        text, author = (c.comment.text or "").strip(), (c.comment.author or "").strip()
        who = f"（批注人：{author}）" if author else ""
        out.append(Finding(Kind.COMMENT, f"{sheet}{c.coordinate}", clip(personal.mask(text)), digest(f"{author}:{text}"),
                           f"含批注{who}：请删除全部批注后再公开"))
    return out


def _names(wb, hidden_lines: dict) -> list[Finding]:
    named = list(wb.defined_names.values())
    for ws in wb.worksheets:
        named += list(getattr(ws, "defined_names", {}).values())
    out = []
    for dn in named:
        if not dn.name or dn.name.startswith("_xlnm.") or dn.name.startswith("_"):
            continue
        try:
            destinations = list(dn.destinations)
        except (ValueError, TypeError, KeyError, IndexError):  # a formula, not a range
            continue
        for title, ref in destinations:
            reason = _hidden_target(title, ref, hidden_lines)
            if reason:
                out.append(Finding(Kind.HIDDEN_NAME, f"名称“{clip(dn.name, NAME_CHARS)}”", clip(f"{dn.name} = {dn.attr_text}"),
                                   digest(f"{dn.name}={dn.attr_text}"),
                                   f"名称“{dn.name}”指向{reason}：公式和名称管理器会显示其中的数据，请删除该名称和隐藏的数据后再公开"))
                break
    return out


def _hidden_target(title: str, ref: str, hidden_lines: dict) -> str:
    """What hidden thing a name's range reaches ("" when nothing); a hidden sheet is recorded as None."""
    if title not in hidden_lines:
        return ""
    if hidden_lines[title] is None:
        return f"隐藏的工作表“{title}”"
    rows, cols = hidden_lines[title]
    try:
        c0, r0, c1, r1 = range_boundaries(ref.replace("$", ""))
    except (ValueError, TypeError):
        return ""
    if r0 is not None and any(r0 <= r <= (r1 or r0) for r in rows):
        return f"工作表“{title}”中隐藏的行"
    if c0 is not None and any(c0 <= c <= (c1 or c0) for c in cols):
        return f"工作表“{title}”中隐藏的列"
    return ""
