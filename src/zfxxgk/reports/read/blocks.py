"""The intermediate form every input kind is reduced to before the label-anchored matcher.

A report becomes a list of :class:`Block` in reading order: a paragraph of prose, or one row
of a table (its cells left to right, merged cells already expanded or blanked). Front ends
(text, HTML, DOCX, Markdown, PDF, XLSX, OCR) only produce blocks; :mod:`.assemble` turns
blocks into a :class:`~zfxxgk.reports.model.ReportDocument`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

PARAGRAPH = "p"  # prose (a heading, a sentence)
ROW = "row"  # a row of a real table (grid, tab-separated line, one-cell-per-line group)
LINE = "line"  # a line whose nature is unknown (PDF/OCR text): prose or a shredded table row


@dataclass
class Block:
    kind: str
    cells: list[str]
    where: list[str] = field(default_factory=list)  # one location per cell, in Chinese
    table: int | None = None  # index of the source table, when it came from one
    ocr: bool = False

    @property
    def text(self) -> str:
        return "".join(self.cells)

    def loc(self, i: int) -> str:
        return self.where[i] if i < len(self.where) else (self.where[-1] if self.where else "")


def paragraph(text: str, where: str = "", **kw) -> Block:
    return Block(PARAGRAPH, [text], [where], **kw)


def row(cells: list[str], where: list[str] | str = "", **kw) -> Block:
    locs = where if isinstance(where, list) else [where] * len(cells)
    return Block(ROW, list(cells), locs, **kw)
