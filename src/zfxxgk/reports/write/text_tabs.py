"""Plain text in layout B (one table row per line, cells separated by tabs; spec §10.1)."""
from __future__ import annotations

from ..model import ReportDocument
from .layout import Grid
from .text import _cell, render


def write(doc: ReportDocument) -> bytes:
    return render(doc, _table_b).encode("utf-8")


def _table_b(grid: Grid) -> str:
    return "\n".join("\t".join(_cell(c) for c in row) for row in grid.dense())
