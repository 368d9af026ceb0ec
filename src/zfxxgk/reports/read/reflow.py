"""Printed lines back into paragraphs (pure; no I/O, no layout library).

A PDF, a scan or a ``pdftotext`` dump gives the narrative as the lines the page happened to
print: "市政府网站主动公开各类政" / "府信息5500余条". The narrative rules (W-NARR-NUM, W-CONTRA …)
split sentences at line ends, so a wrapped line hides "行政复议351件" from them. This module
rebuilds the paragraphs from the lines' text alone — the readers give no geometry, and a text
dump has none — using what a page measure leaves in the text:

* the **measure**: lines that reached the right margin all print about the same width (CJK
  characters count 1, Latin letters and digits ½). It is found only where such a cluster
  exists; a text file with one paragraph per line has none and is never joined;
* a line is joined to the next when it reached the margin (unless it ends a sentence and the
  next line is short of the margin: the first line of a new paragraph is indented two
  characters), or when it ends without sentence punctuation — but never before a heading or a
  list item (一、 / （一） / 1. / ①), and a short heading line stays a paragraph of its own;
* **page furniture** — page numbers ("- 4 -", "— 1 —", "第2页 共5页") and running headers or
  footers repeated at the top or bottom of several pages — is dropped before joining, so a
  paragraph continues across the page break.

Each paragraph keeps where each of its printed lines started (:class:`Paragraph.starts`),
so a finding can still point at the page and line.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .blocks import LINE, PARAGRAPH, Block
from .labels import is_known_label

# Sentence-ending punctuation, possibly followed by closing quotes or brackets ("。”", "；）").
_SENTENCE_END = re.compile(r"[。！？；：!?;:…][”’」』）)\]】]*$")
# A new paragraph by its marker: 一、 （一） (1) 1. 1、 1） ① 第一条 — "1.5%" is no marker.
_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}(?:[、）)]|[.．](?!\d))"
    r"|[①-⑳]|第[一二三四五六七八九十百\d]+[条章节部分]|附件\s*\d*[:：])"
)
PAGE_NUMBER = re.compile(
    r"^(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*[/／]\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.I,
)
_PAGE_OF = re.compile(r"第\s*(\d+)\s*页")
_DIGITS = re.compile(r"\d+")

MARGIN_SLACK = 1.4  # a line within this many character widths of the measure reached the margin
MIN_MEASURE = 12  # narrower "measures" are columns of a table, not a text block
MIN_CLUSTER = 3  # lines that must share the measure before it is believed
INDENT = 2  # a paragraph's first line starts two characters in (GB/T 9704, the template)


@dataclass(frozen=True)
class Line:
    """One printed line: its text and where it was printed ("第3页 第12行", a line number)."""

    text: str
    where: object = ""


@dataclass
class Paragraph:
    text: str
    starts: list[tuple[int, object]] = field(default_factory=list)  # (offset in text, where) per printed line

    def where(self, offset: int) -> object:
        """The printed line holding the character at ``offset``."""
        found = self.starts[0][1] if self.starts else ""
        for start, where in self.starts:
            if start > offset:
                break
            found = where
        return found


def width(text: str) -> float:
    """Printed width in CJK character widths: wide characters 1, Latin by its usual advance
    (digits of CJK fonts are a little wider than half an em; the space Word and LibreOffice put
    between CJK and Latin text is a quarter)."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55 if ch.isdigit() else 0.65 if ch.isupper()
               else 0.25 if ch == " " else 0.5 for ch in text)


def page_of(where: object) -> int | None:
    m = _PAGE_OF.match(where) if isinstance(where, str) else None
    return int(m.group(1)) if m else None


def is_marker(text: str) -> bool:
    return bool(_MARKER.match(text.lstrip()))


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text.rstrip()))


def measure(lines: list[Line]) -> float | None:
    """The width of a full line, or None when the lines show no margin they wrapped at.

    The widest lines that at least :data:`MIN_CLUSTER` lines (and a quarter of the long ones)
    come within :data:`MARGIN_SLACK` of; a few long one-line paragraphs never make one."""
    widths = sorted((width(line.text) for line in lines), reverse=True)
    long = [w for w in widths if w >= MIN_MEASURE]
    need = max(MIN_CLUSTER, len(long) // 4)
    for top in long:
        close = sum(1 for w in long if top - MARGIN_SLACK <= w <= top)
        if close >= need:
            return top
        if close == 0:
            break
    return None


def printed(block: Block) -> bool:
    """A line as the page printed it: PDF and OCR lines, and lines of a text file (a
    ``pdftotext`` dump). DOCX, HTML and Markdown paragraphs are paragraphs already."""
    return block.kind == LINE or (block.kind == PARAGRAPH and bool(block.where) and isinstance(block.where[0], int))


def join_cells(cells: list[str]) -> str:
    """A printed line split at wide gaps, glued back: no space between CJK pieces
    ("政府信息公开行政复议" "351" "件"), one between Latin words or numbers."""
    out = ""
    for cell in cells:
        if out and cell:
            out += " " if out[-1].isascii() and out[-1].isalnum() and cell[0].isascii() and cell[0].isalnum() else ""
        out += cell
    return out


def without_furniture(blocks: list[Block], notes: list[str]) -> list[Block]:
    """The blocks without running headers and footers (see :func:`furniture`); only printed
    lines of pages are ever dropped, each with a note."""
    lines = [Line(join_cells(b.cells), b.where[0] if b.where else "") for b in blocks]
    drop = {i for i in furniture(lines) if blocks[i].kind == LINE and not PAGE_NUMBER.match(lines[i].text.strip())}
    for i in sorted(drop):
        notes.append(f"{lines[i].where}：跳过页眉页脚“{lines[i].text}”")
    return [b for i, b in enumerate(blocks) if i not in drop] if drop else blocks


def furniture(lines: list[Line]) -> set[int]:
    """Indices of page furniture: page numbers, and running headers or footers — a text (its
    digits ignored) printed as the first or last line of at least two pages. Its first copy on
    page 1 stays: a header repeated there is usually the title itself."""
    out = {i for i, line in enumerate(lines) if PAGE_NUMBER.match(line.text.strip())}
    pages: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        page = page_of(line.where)
        if page is not None and i not in out:
            pages.setdefault(page, []).append(i)
    if len(pages) < 2:
        return out
    edges: dict[str, list[int]] = {}
    for indices in pages.values():
        for i in {indices[0], indices[-1]}:
            key = _DIGITS.sub("#", "".join(lines[i].text.split()))
            # a running header is words ("某某县人民政府办公室 2024年年报"), never a number or a
            # cell of a table whose rows happen to start two pages
            if len(key.replace("#", "")) >= 6 and not is_marker(key) and not is_known_label(key):
                edges.setdefault(key, []).append(i)
    for found in edges.values():
        if len({page_of(lines[i].where) for i in found}) >= 2:
            out.update(i for i in found if page_of(lines[i].where) != 1 or i != found[0])
    return out


def reflow(lines: list[Line], full: float | None = None) -> list[Paragraph]:
    """The paragraphs of consecutive printed lines (one text block, no table inside).

    ``full``: the measure found over the whole document (:func:`measure`); by default it is
    found over these lines. Without a measure every line stays a paragraph."""
    if full is None:
        full = measure(lines)
    out: list[Paragraph] = []
    current: Paragraph | None = None
    for i, line in enumerate(lines):
        text = line.text.strip()
        if not text:
            continue
        if current is None:
            current = Paragraph(text, [(0, line.where)])
        else:
            current.starts.append((len(current.text) + _glue_len(current.text, text), line.where))
            current.text = _glue(current.text, text)
        nxt = next((x.text.strip() for x in lines[i + 1:] if x.text.strip()), None)
        first = len(current.starts) == 1  # a paragraph's first line is indented two characters
        if nxt is None or full is None or not _joins(text, nxt, full, first):
            out.append(current)
            current = None
    if current is not None:
        out.append(current)
    return out


def _joins(text: str, nxt: str, full: float, first: bool) -> bool:
    """Whether ``text`` goes on in ``nxt``; ``full`` is the measure, ``first`` says that
    ``text`` starts its paragraph (and so reaches the margin two characters earlier)."""
    if is_marker(nxt):
        return False  # a heading or list item starts its own paragraph
    reached = width(text) >= full - (INDENT if first else 0) - MARGIN_SLACK
    if ends_sentence(text):
        # A sentence that ended right at the margin may end its paragraph too. The next line
        # tells: a new paragraph's first line is indented two characters, so a full line that
        # falls about two characters short of the margin starts one.
        return reached and not _indented(nxt, full)
    if reached:
        return True
    # short and unfinished: a heading ("（一）主动公开情况") stays; anything else was cut
    # off by the layout ("政府信息公开行政复议" / "351" / "件")
    return not is_marker(text)


def _indented(text: str, full: float) -> bool:
    """A line that goes on to the next (no sentence end) yet stops short of the margin: set two
    characters in, or wrapped early before a long number — the first line of a paragraph."""
    return width(text) < full - MARGIN_SLACK and not ends_sentence(text)


def _glue(left: str, right: str) -> str:
    return left + (" " if _latin(left[-1]) and _latin(right[0]) else "") + right


def _glue_len(left: str, right: str) -> int:
    return 1 if _latin(left[-1]) and _latin(right[0]) else 0


def _latin(ch: str) -> bool:
    """Latin letters need a space where a line broke between words; digits and CJK do not
    ("5500" / "余条", "2024" / "年")."""
    return ch.isascii() and ch.isalpha()
