"""Content-health findings as XLSX (openpyxl) and CSV, for the office and the county supervisor.

    findings_xlsx(found, title)            one sheet: the findings
    findings_xlsx(found, title, counts=…)  a first sheet of counts per agency and kind, then the findings
    findings_csv(found)                    the findings (UTF-8 with a BOM, so that Excel reads the Chinese)

Text cells are written as text, never formulas (a title starting with "=" stays a title).
"""
from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ..text import printable
from .health import KIND_ORDER, Finding, Kind

FINDING_HEADER = ("机关", "问题类型", "对象", "说明", "起始日期")
WIDTHS = (24, 18, 36, 70, 12)
SHEETS = {"counts": "各机关问题数", "findings": "问题清单"}

_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


def finding_row(f: Finding) -> list:
    return [f.agency, f.kind_label, f.subject, f.message, f.since]


def count_header() -> list[str]:
    return ["机关", *(Kind(k).label for k in KIND_ORDER), "合计"]


def count_rows(agencies, counts: dict) -> list[list]:
    """One row per agency (every agency given, with zeros): its count of each kind and the total."""
    rows = []
    for agency in agencies:
        by_kind = counts.get(agency.pk, {})
        numbers = [by_kind.get(k, 0) for k in KIND_ORDER]
        rows.append([agency.name, *numbers, sum(numbers)])
    return rows


def _put(ws, row: int, values) -> None:
    for col, value in enumerate(values, 1):
        if isinstance(value, str):
            value = printable(value)
        cell = ws.cell(row, col, value)
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula
        elif isinstance(value, date):
            cell.number_format = "yyyy-mm-dd"
        cell.alignment = _WRAP


def _header(ws, title: str, header) -> None:
    ws.cell(1, 1, printable(title)).font = Font(bold=True, size=14)
    for col, label in enumerate(header, 1):
        ws.cell(2, col, label).font = _BOLD
    ws.freeze_panes = "A3"


def findings_xlsx(found: list[Finding], title: str, *, agencies=None, counts: dict | None = None) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    if counts is not None:
        ws = wb.create_sheet(SHEETS["counts"])
        _header(ws, title, count_header())
        for r, values in enumerate(count_rows(agencies or [], counts), 3):
            _put(ws, r, values)
        ws.column_dimensions["A"].width = 28
        for c in range(2, len(KIND_ORDER) + 3):
            ws.column_dimensions[get_column_letter(c)].width = 14
    ws = wb.create_sheet(SHEETS["findings"])
    _header(ws, title, FINDING_HEADER)
    for r, f in enumerate(found, 3):
        _put(ws, r, finding_row(f))
    for c, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    wb.properties.title = printable(title)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _csv_safe(value):
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value  # Excel would run it as a formula (CSV injection)
    return value


def findings_csv(found: list[Finding]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(FINDING_HEADER)
    for f in found:
        writer.writerow([_csv_safe(v) for v in finding_row(f)])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
