"""Every table of the dashboard as an XLSX workbook (openpyxl), one sheet per table.

    data = workbook(board)                  # all sheets
    data = workbook(board, ["county3"])     # one

The sheets hold the numbers the page shows, from the same :class:`~.views.page.Dashboard`; the county
tables keep the national layout (the grids of :mod:`zfxxgk.reports.write.layout`, merged cells and all).
"""
from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ..reports.write import layout

SHEETS = {"agencies": "各机关情况", "county3": "表三汇总", "county4": "表四汇总", "compare": "同比"}

AGENCY_HEADER = ("机关", "未办结申请", "超期未答复", "待确认超过天数", "年度报告状态", "报告期限", "校验错误", "已说明的警告", "数据来源")
OUTSIDE_HEADER = ("未在本平台的机关（上传审核）", "文件", "错误", "警告")
COMPARE_HEADER = ("机关", "项目", "本年", "上年", "增减", "增减幅度")

_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="center")


def _agencies(ws, board) -> None:
    ws.append([f"{board.county.name} {board.year}年度 各机关情况（{board.today:%Y-%m-%d}）"])
    ws.append(list(AGENCY_HEADER))
    sources = {f.agency.pk: f.source_label for f in board.figures if f.agency is not None}
    for r in board.rows:
        ws.append([r.agency.name, r.open, r.overdue, r.stale, r.status_label, r.due, r.errors, r.dismissed, sources.get(r.agency.pk, "")])
    if board.outside:
        ws.append([])
        ws.append(list(OUTSIDE_HEADER))
        for o in board.outside:
            ws.append([o.name, o.report.filename, o.errors, o.warnings])


def _grid(ws, title: str, grid: layout.Grid) -> None:
    ws.append([title])
    top = 2
    for r, row in enumerate(grid.dense()):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            target = ws.cell(row=top + r, column=c + 1)
            target.value = int(cell.text) if cell.path and cell.text.lstrip("-").isdigit() else cell.text
            target.alignment = _WRAP
            if cell.header:
                target.font = _BOLD
            if cell.rowspan > 1 or cell.colspan > 1:
                ws.merge_cells(start_row=top + r, start_column=c + 1, end_row=top + r + cell.rowspan - 1, end_column=c + cell.colspan)
    for c in range(1, grid.width + 1):
        ws.column_dimensions[get_column_letter(c)].width = 12


def _compare(ws, board) -> None:
    ws.append([f"{board.county.name} {board.year}年度与{board.year - 1}年度比较"])
    ws.append(list(COMPARE_HEADER))
    for comp in board.comparisons:
        for d in comp.deltas:
            ws.append([comp.name, d.label, _n(d.now), _n(d.before), _n(d.change), None if d.ratio is None else round(d.ratio, 4)])


def _n(value):
    """A number as a cell holds it: counts as integers, rates (floats) and 万元 (Decimal) to 4 places."""
    if value is None:
        return None
    if isinstance(value, int):
        return value
    return round(float(value), 4)


def workbook(board, tables: list[str] | None = None) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for key in tables or list(SHEETS):
        ws = wb.create_sheet(SHEETS[key])
        if key == "agencies":
            _agencies(ws, board)
        elif key == "county3":
            _grid(ws, f"{board.county.name} {board.year}年度 三、收到和处理政府信息公开申请情况（各机关合计）", layout.table3(board.doc))
        elif key == "county4":
            _grid(ws, f"{board.county.name} {board.year}年度 四、政府信息公开行政复议、行政诉讼情况（各机关合计）", layout.table4(board.doc))
        else:
            _compare(ws, board)
        ws.column_dimensions["A"].width = max(ws.column_dimensions["A"].width or 0, 24)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
