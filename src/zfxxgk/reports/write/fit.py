"""Table columns wide enough that no number ever breaks inside its cell (DOCX and HTML/PDF).

A report with 3001 applications must not print "300 / 1". The template's value columns (表三's
685 twips) hold five digits of 10 pt text; larger figures widen their columns, taking the
space from the label columns (which wrap, down to :data:`MIN_LABEL_CHARS` characters a line),
and only when that is not enough the table's text steps down through :data:`SIZES`. Widths
are measured, not guessed from the text length, for the widest font a reader may see: digits
are ½ em in Times New Roman but 0.64 em in DejaVu Serif, which LibreOffice falls back to where
neither Times nor its metric twin Liberation Serif is installed; CJK characters are 1 em.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .layout import Grid

# The template's 10 pt table text, then 小五 and 六号: the sizes a table may step down to.
SIZES = (10.0, 9.0, 7.5)
# Relative column widths from the template's w:tblGrid; other grids get equal columns.
TEMPLATE_WEIGHTS = {"requests": (754, 921, 3271) + (685,) * 7}
MIN_LABEL_CHARS = 4  # a label column narrower than this reads one character a line
SAFETY = 1.05  # rounding and kerning


@dataclass(frozen=True)
class Fit:
    size: float  # table text size, pt
    widths: tuple[float, ...]  # one per grid column, pt, cell padding included

    @property
    def total(self) -> float:
        return sum(self.widths)


def em(ch: str) -> float:
    """The advance of one character in em."""
    if unicodedata.east_asian_width(ch) in "WF":
        return 1.0
    if ch.isdigit():
        return 0.64
    return {".": 0.25, ",": 0.25, "-": 0.333, " ": 0.25}.get(ch, 0.6)


def text_width(text: str, size: float) -> float:
    """The widest line of ``text`` set at ``size`` pt."""
    return max((sum(map(em, line)) for line in text.split("\n")), default=0.0) * size


def value_columns(grid: Grid) -> set[int]:
    """Grid columns that hold a value cell (a cell with a path)."""
    out: set[int] = set()
    for line in grid.dense():
        for c, cell in enumerate(line):
            if cell is not None and cell.path:
                out.update(range(c, c + cell.colspan))
    return out


def fit(grid: Grid, total: float, weights: tuple[float, ...] | None = None, padding: float = 5.7) -> Fit:
    """Column widths (pt) for ``grid`` in ``total`` pt of line, and the text size to use.

    ``weights``: relative widths (by default the template's, :data:`TEMPLATE_WEIGHTS`); ``padding``: the
    cell's left plus right margin. Value columns keep at least their template width."""
    n = grid.width
    weights = weights or TEMPLATE_WEIGHTS.get(grid.key)
    weights = weights if weights and len(weights) == n else (1.0,) * n
    base = [total * w / sum(weights) for w in weights]
    numeric = value_columns(grid)
    labels = [c for c in range(n) if c not in numeric]
    dense = grid.dense()
    widths: list[float] = base
    for size in SIZES:
        need = [0.0] * n
        for line in dense:
            for c, cell in enumerate(line):
                if cell is not None and cell.path:
                    share = text_width(cell.text, size) * SAFETY / cell.colspan + padding / cell.colspan
                    for k in range(c, c + cell.colspan):
                        need[k] = max(need[k], share + 1.0)
        widths = [max(base[c], need[c]) if c in numeric else base[c] for c in range(n)]
        over = sum(widths) - total
        if over <= 0.01:
            return Fit(size, tuple(widths))
        floor = MIN_LABEL_CHARS * size + padding
        room = sum(max(base[c] - floor, 0.0) for c in labels)
        if room >= over:  # the label columns give way, each in proportion to what it can spare
            for c in labels:
                widths[c] = base[c] - over * max(base[c] - floor, 0.0) / room
            return Fit(size, tuple(widths))
    # Even the smallest size does not fit: label columns at their floor, the table wider than
    # the text block (it is centred and runs into the margins) — a number still never breaks.
    floor = MIN_LABEL_CHARS * SIZES[-1] + padding
    for c in labels:
        widths[c] = min(base[c], floor)
    return Fit(SIZES[-1], tuple(widths))
