"""The intermediate form every input kind is reduced to before the label-anchored matcher.

A report becomes a list of :class:`Block` in reading order: a paragraph of prose, or one row
of a table (its cells left to right, merged cells already expanded or blanked). Front ends
(text, HTML, DOCX, Markdown, PDF, XLSX, OCR) only produce blocks; :mod:`.assemble` turns
blocks into a :class:`~zfxxgk.reports.model.ReportDocument`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ...standard.labels import ANNOTATED, parse_number, strip_noise
from .labels import is_known_label

PARAGRAPH = "p"  # prose (a heading, a sentence)
ROW = "row"  # a row of a real table (grid, tab-separated line, one-cell-per-line group)
LINE = "line"  # a line whose nature is unknown (PDF/OCR text): prose or a shredded table row
PAGE_TITLE = "title"  # a web page's <title>: the report's title when its body prints none
PAGE_META = "meta"  # a web page's <meta> facts as "标题：…" fields; read by read/meta only, never by the matcher

BLANK_CELL, VALUE_CELL, LABEL_CELL = 0, 1, 2


class _Covered(str):
    __slots__ = ()


# A grid position covered by a merged cell whose text sits at its origin. It equals "", so a row
# still reads as a row of texts, but the matcher never takes it for a value: a label spanning two
# grid columns, or a value spanning two columns under a header that spans them too, is one cell.
COVERED = _Covered()


@lru_cache(maxsize=65536)
def cell_kind(cell: str) -> int:
    """BLANK_CELL (nothing, or only Word noise), VALUE_CELL (a number or dash) or LABEL_CELL."""
    if not cell or cell.isspace() or ("[" in cell and not strip_noise(cell).strip()):
        return BLANK_CELL
    parsed = parse_number(cell, decimal=True, signed=True)
    if parsed is None:
        return LABEL_CELL
    if parsed[1] == ANNOTATED and is_known_label(cell):
        return LABEL_CELL  # "1、属于国家秘密", "①属于国家秘密": an enumerated label, not "1" with a note
    return VALUE_CELL


@dataclass
class Block:
    kind: str
    cells: list[str]
    # One location per cell, in Chinese ("表格2 第5行第3列"); the text front end stores a line
    # number (int) or (line, column) and lets describe() format it only when it is needed.
    where: list = field(default_factory=list)
    table: int | None = None  # index of the source table, when it came from one
    ocr: bool = False
    _kinds: tuple[int, ...] | None = field(default=None, repr=False, compare=False)

    @property
    def kinds(self) -> tuple[int, ...]:
        """:func:`cell_kind` of each cell, computed once: the matcher asks several times."""
        if self._kinds is None:
            self._kinds = tuple(map(cell_kind, self.cells))
        return self._kinds

    @property
    def text(self) -> str:
        return "".join(self.cells)

    def loc(self, i: int) -> str:
        return describe(self.where[i] if i < len(self.where) else (self.where[-1] if self.where else ""))


@lru_cache(maxsize=16384)
def describe(where) -> str:
    if isinstance(where, int):
        return f"第{where}行"
    if isinstance(where, tuple):
        if len(where) == 3:  # (table, row, column) of an HTML table
            return f"表格{where[0]} 第{where[1]}行第{where[2]}列"
        return f"第{where[0]}行第{where[1]}列"
    return where


@lru_cache(maxsize=4096)
def table_locations(table: int, row_no: int, width: int) -> tuple:
    """The cells of one table row as (table, row, column), described only when a value is used."""
    return tuple((table, row_no, c + 1) for c in range(width))


def paragraph(text: str, where: str = "", **kw) -> Block:
    return Block(PARAGRAPH, [text], [where], **kw)


def row(cells: list[str], where: list[str] | str = "", **kw) -> Block:
    locs = where if isinstance(where, list) else [where] * len(cells)
    return Block(ROW, list(cells), locs, **kw)
