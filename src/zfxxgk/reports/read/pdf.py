"""PDF front end: ruled tables become ROW blocks, the text around them LINE blocks.

PDFium (:mod:`.pdf_chars`) gives each page's characters with their boxes and its rulings;
:mod:`.pdf_grid` finds the ruled tables in the rulings (pdfplumber's table finder, reimplemented
on them); the characters outside tables are grouped
into text lines by position, because a PDF has no notion of a line, a paragraph or a
table row without rulings. Tables split across pages come back as separate tables with
different column counts; that is fine, the matcher is label-anchored. A PDF without any
text layer (a scan) goes to the OCR front end.

:func:`line_cells` and :func:`group_lines` work on positioned fragments (PDF characters or
OCR boxes) so that both front ends rebuild lines and cells the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .blocks import COVERED, LINE, ROW, Block
from .pdf_chars import PDFIUM_LOCK, Char, PageContent, open_document, page_content
from .pdf_grid import Table, cell_texts, find_tables


# A gap of this many line heights (≈ font size) between two characters ends a cell. CJK
# prose has no gaps and a Latin word space is ~0.3 em; columns laid out with spaces or
# tab stops are wider. Two or more space characters in a row also end a cell.
CELL_GAP = 0.8
WORD_GAP = 0.15  # a gap wider than this (without a space character) is a word space


@dataclass
class Frag:
    """A positioned piece of text: one PDF character or one OCR box (PDF points / pixels)."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    split_before: bool = False  # a table ruling separates it from the fragment on its left

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.1)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


# --- lines and cells from positioned fragments --------------------------------------------

class _Line:
    """A line being built: its running centre, and its text fragments' horizontal extent."""

    __slots__ = ("centre", "height", "frags", "solid", "left", "right", "boxed")

    def __init__(self, first: Frag):
        self.centre, self.height, self.frags = first.middle, first.height, [first]
        self.solid = [first]  # the fragments with text (spaces never collide, nor move the centre)
        self.left, self.right = first.x0, first.x1
        self.boxed = first.x0 <= first.x1  # every box well-formed: the extent test below is exact

    def add(self, f: Frag) -> None:
        self.frags.append(f)
        if f.text.strip():  # a running mean keeps a long line stable; spaces do not count
            self.solid.append(f)
            self.centre += (f.middle - self.centre) / len(self.solid)
            self.left, self.right = min(self.left, f.x0), max(self.right, f.x1)
            self.boxed = self.boxed and f.x0 <= f.x1

    def collides(self, f: Frag) -> bool:
        """Text of one line never overlaps horizontally (beyond padding of OCR boxes)."""
        if self.boxed and f.x0 <= f.x1 and (f.x0 >= self.right or f.x1 <= self.left):
            return False  # beside the whole line (text set left to right comes here): no overlap
        for g in self.solid:
            overlap = min(f.x1, g.x1) - max(f.x0, g.x0)
            if overlap > 0.3 * min(f.x1 - f.x0, g.x1 - g.x0):
                return True
        return False


def group_lines(frags: list[Frag]) -> list[list[Frag]]:
    """Fragments whose vertical centres are within half a line height form one line (top to bottom).

    A fragment that would overlap text already on the candidate line belongs to another
    line: in a table row whose label wraps, the numbers sit half-way between the label's
    two lines, and without this check both label lines and the numbers chain into one line.
    """
    lines: list[_Line] = []
    for f in sorted(frags, key=lambda f: f.middle):
        blank = not f.text.strip()
        best = None
        for line in lines[-3:]:  # sorted by centre: only the latest lines can be close
            distance = abs(f.middle - line.centre)
            if distance <= 0.5 * min(line.height, f.height) and (blank or not line.collides(f)):
                if best is None or distance < abs(f.middle - best.centre):
                    best = line
        if best is not None:
            best.add(f)
        elif not blank:  # a space never starts a line
            lines.append(_Line(f))
    out = [sorted(line.frags, key=lambda f: f.x0) for line in lines]
    out.sort(key=lambda line: min(f.top for f in line))
    return out


def line_cells(line: list[Frag], *, spaced: bool = True) -> list[str]:
    """Split a line into cells at wide gaps, then peel off a trailing run of numbers.

    ``spaced``: the fragments include the PDF's own space characters (two in a row end a
    cell). OCR boxes have none; there two neighbouring numbers are always two cells, since
    OCR may put ``60`` and ``67`` of narrow adjacent columns almost edge to edge.
    """
    height = sorted(f.height for f in line)[len(line) // 2]
    cells: list[str] = []
    current = ""
    prev: Frag | None = None
    spaces = 0
    for f in line:
        if not f.text.strip():
            spaces += 1
            continue
        if prev is not None:
            gap = f.x0 - prev.x1
            if (
                f.split_before
                or gap >= CELL_GAP * height
                or (spaced and spaces >= 2)
                or (not spaced and _NUMBER_TOKEN.match(prev.text.strip()) and _NUMBER_TOKEN.match(f.text.strip()))
            ):
                cells.append(current)
                current = ""
            elif (spaces or gap > WORD_GAP * height) and not (_cjk(current[-1:]) and _cjk(f.text[:1])):
                current += " "  # a word space; CJK text has none (justified lines look spaced)
        current += f.text
        prev, spaces = f, 0
    cells.append(current)
    return split_numbers([c.strip() for c in cells if c.strip()])


def _cjk(ch: str) -> bool:
    return bool(ch) and (ord(ch) >= 0x2E80)


_NUMBER_TOKEN = re.compile(r"^(?:[+-]?\d[\d,]*(?:\.\d+)?(?:件|个|条|项|人次|人|次|元|万元)?|[-—–－/／]{1,2}|——)$")


def split_numbers(cells: list[str]) -> list[str]:
    """``"规章 1 8 15"`` → ``["规章", "1", "8", "15"]``: numbers printed one space apart are cells."""
    out: list[str] = []
    for cell in cells:
        tokens = cell.split()
        k = len(tokens)
        while k > 0 and _NUMBER_TOKEN.match(tokens[k - 1]):
            k -= 1
        if k == len(tokens) or len(tokens) == 1:
            out.append(cell)
            continue
        if k:
            out.append(" ".join(tokens[:k]))
        out.extend(tokens[k:])
    return out


# --- page numbers ----------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*[/／]\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.I,
)
_LONE_NUMBER = re.compile(r"^\d{1,4}$")
BAND = 0.12  # header/footer band: the top and bottom 12% of the page (margins are 2–3.7 cm)


def drop_page_numbers(lines: list[list[Frag]], page_height: float) -> list[list[Frag]]:
    """Drop a page-number line: the first or last line, inside the margin band.

    A lone number must also stand apart from the body by at least a line height: the first
    or last line of a body set with small margins can be a value of a shredded table (seen:
    the first value of a row that continues on the next page).
    """
    keep = list(lines)
    for at_end in (True, False):
        if not keep:
            break
        index = len(keep) - 1 if at_end else 0
        line = keep[index]
        text = "".join(f.text for f in line).strip()
        top, bottom = min(f.top for f in line), max(f.bottom for f in line)
        if at_end:
            in_band = top >= page_height * (1 - BAND)
            gap = top - max(f.bottom for f in keep[index - 1]) if index > 0 else page_height
        else:
            in_band = bottom <= page_height * BAND
            gap = min(f.top for f in keep[1]) - bottom if len(keep) > 1 else page_height
        apart = gap >= bottom - top
        if in_band and (_PAGE_NUMBER.match(text) or (apart and _LONE_NUMBER.match(text))):
            del keep[index]
    return keep


# --- tables --------------------------------------------------------------------------------

def _inside(x: float, y: float, bbox) -> bool:
    x0, top, x1, bottom = bbox
    return x0 - 0.5 <= x <= x1 + 0.5 and top - 0.5 <= y <= bottom + 0.5


def _table_rows(table: Table, chars: list[Char]) -> list[list[str]]:
    """The table's rows as text, with the text of cells the grid lost put back.

    A merged cell that continues on the next page has no bottom ruling on this page, so the
    grid has no cell there and its text would be lost (seen: 三、本年度办理结果,
    （三）不予公开 in WeasyPrint output). Such orphan characters are put into the empty
    grid position under them, like a merged cell's text (in its top row).
    """
    texts, lost = cell_texts(table, chars)
    # a merged cell's positions are None: COVERED keeps them apart from empty cells
    rows = [[cell if cell is not None else COVERED for cell in r] for r in texts]
    if not rows or not lost:
        return rows
    cells = table.cells
    # cells by 10 pt band of height: a character is only tested against the cells of its band
    bands: dict[int, list] = {}
    for b in cells:
        for band in range(int(b[1]) // 10, int(b[3]) // 10 + 1):
            bands.setdefault(band, []).append(b)
    orphans = [c for c in lost if not any(_inside(*_centre(c), b) for b in bands.get(int(_centre(c)[1]) // 10, ()))]
    if not orphans:
        return rows
    xs = sorted({round(c[0], 1) for c in cells})
    tops = table.row_tops
    found: dict[tuple[int, int], list[Char]] = {}
    for ch in orphans:
        x, y = _centre(ch)
        col = max((i for i, x0 in enumerate(xs) if x0 <= x + 0.5), default=0)
        row = max((i for i, t in enumerate(tops) if t <= y + 0.5), default=0)
        if row < len(rows) and col < len(rows[row]) and not rows[row][col]:
            found.setdefault((row, col), []).append(ch)
    # a merged cell's lines may straddle two grid rows: keep them together in the upper one
    merged: dict[tuple[int, int], list[Char]] = {}
    for (row, col) in sorted(found):
        target = (row, col)
        while (target[0] - 1, col) in found:
            target = (target[0] - 1, col)
        merged.setdefault(target, []).extend(found[(row, col)])
    for (row, col), chs in merged.items():
        lines = group_lines([_frag(c) for c in chs])
        rows[row][col] = "\n".join(" ".join(line_cells(line)) for line in lines)
    return rows


def _centre(ch: Char) -> tuple[float, float]:
    return (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2


def _frag(ch: Char) -> Frag:
    return Frag(ch.x0, ch.x1, ch.top, ch.bottom, ch.text)


def _usable(table: Table) -> bool:
    """A one-column 'table' is a frame around text (a boxed title): read it as text."""
    return len(table.rows) > 0 and table.columns >= 2


# --- pages ---------------------------------------------------------------------------------

def page_blocks(page: PageContent, number: int, table_start: int = 0) -> list[Block]:
    """Blocks of one page in reading order (tables and lines by vertical position)."""
    tables = [t for t in find_tables(page.edges) if _usable(t)]
    items: list[tuple[float, int, object]] = []
    outside = []
    in_table: list[list[Char]] = [[] for _ in tables]
    boxes = [t.bbox for t in tables]
    for ch in page.chars:
        x, y = _centre(ch)
        for i, box in enumerate(boxes):
            if _inside(x, y, box):
                in_table[i].append(ch)
                break
        else:
            outside.append(ch)
    for i, t in enumerate(tables):
        items.append((boxes[i][1], 0, (i, _table_rows(t, in_table[i]))))
    lines = drop_page_numbers(group_lines([_frag(c) for c in outside]), page.height)
    for line in lines:
        items.append((min(f.top for f in line), 1, line))
    items.sort(key=lambda it: (it[0], it[1]))

    out: list[Block] = []
    line_no = 0
    for _, kind, item in items:
        if kind == 0:
            i, rows = item
            for r, cells in enumerate(rows, 1):
                where = [f"第{number}页 表格{i + 1} 第{r}行第{c}列" for c in range(1, len(cells) + 1)]
                out.append(Block(ROW, cells, where, table=table_start + i))
        else:
            line_no += 1
            cells = line_cells(item)
            if cells:
                out.append(Block(LINE, cells, [f"第{number}页 第{line_no}行"] * len(cells)))
    return out


def pages(data: bytes) -> list[PageContent]:
    """Characters and rulings of every page, taken from PDFium (under its lock) in one go."""
    with PDFIUM_LOCK:
        pdf = open_document(data)
        try:
            return [page_content(pdf, index) for index in range(len(pdf))]
        finally:
            pdf.close()


def blocks(data: bytes) -> list[Block]:
    contents = pages(data)
    if not any(page.sideways_text or any(c.text.strip() for c in page.chars) for page in contents):
        # A scan: no page has a text layer. (In a mixed PDF, e.g. a text report followed by
        # a scanned seal page, the image pages are skipped: they carry no report data.)
        from . import ocr

        return ocr.pdf_blocks(data)
    out: list[Block] = []
    tables = 0
    for number, page in enumerate(contents, 1):
        page_out = page_blocks(page, number, tables)
        tables += len({b.table for b in page_out if b.table is not None})
        out.extend(page_out)
    return out
