"""Plain text in layout A (one cell per line, rows separated by blank lines; spec §10.1)."""
from __future__ import annotations

from ..model import ReportDocument
from .layout import Grid, outline


def write(doc: ReportDocument) -> bytes:
    return render(doc, _table_a).encode("utf-8")


def render(doc: ReportDocument, table) -> str:
    lines: list[str] = []
    for kind, item in outline(doc):
        if kind == "table":
            lines.append(table(item))
        else:
            lines.append(str(item))
        lines.append("")
    return "\n".join(lines)


def _cell(cell) -> str:
    return "" if cell is None else " ".join(cell.text.split())


def _table_a(grid: Grid) -> str:
    return "\n\n".join("\n".join("\t" + _cell(c) for c in row) for row in grid.dense())
