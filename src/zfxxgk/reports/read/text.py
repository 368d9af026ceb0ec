"""Plain-text front end: both layouts of the seeds (spec §10.1) and shredded text.

Layout A (one cell per line): a table row is a group of lines each starting with one tab,
rows separated by blank lines; a line without the tab right after a cell continues that cell
("\\t商业" + "企业"). Layout B (TSV-like): one row per line, cells separated by tabs.
A line without tabs is a paragraph — except:

* inside a tab table (a tab line just above and just below), a short line that is not a
  sentence is a fragment of a cell broken over lines ("结果\\n维持\\t结果\\n纠正"): a LINE block,
  which never ends the table row it belongs to; a lone number there is a page number;
* in shredded text (a PDF/OCR text dump without tab tables: every label and number on its own
  line, or a row's cells on one line separated by spaces), every line that is not a sentence
  is a LINE block — its cells are split at spaces when it ends with numbers or holds known
  labels — so the matcher reads it as table cells when it is one. Sentences stay PARAGRAPH.
"""
from __future__ import annotations

import re
import unicodedata

from .. import limits
from ..errors import ReportReadError
from . import labels as L
from .blocks import LINE, PARAGRAPH, ROW, Block


def decode(data: bytes) -> str:
    limits.check_text_bytes(len(data))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode" (UTF-16 LE or BE)
        return _checked(data.decode("utf-16"))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return _checked(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise ReportReadError("文本编码无法识别（既不是 UTF-8 也不是 GBK/GB18030）。", "undecodable text")


def _checked(text: str) -> str:
    limits.check_text(text)
    return text


def blocks(data: bytes) -> list[Block]:
    return blocks_from_text(decode(data))


_BLANK = " \t\u3000\ufeff\f\v"
# A number cell on a line of its own: "12", "12.5", "+1036", "251000元", "16（其中修订3件）", "/".
_NUMBER_LINE = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?(?:件|个|条|项|人次|人|次|元|万元)?(?:\([^()]*\))?")
_DASH_LINE = frozenset({"-", "--", "—", "——", "–", "/", "\\", "无", "－", "―"})
_PAGE = re.compile(r"[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+")
_SENTENCE = re.compile(r"[。；;！!？?]")
_ENDS = frozenset("。！？")  # a cell ending like a sentence
_FRAGMENT_MAX = 16  # a piece of a label broken over lines is short
_SHREDDED_MAX_TAB_LINES = 2  # fewer tab lines than this: no tab tables at all


def number_line(text: str) -> bool:
    t = "".join(unicodedata.normalize("NFKC", text).split())
    return t in _DASH_LINE or bool(_NUMBER_LINE.fullmatch(t))


def _fragment(text: str) -> bool:
    return len(text) <= _FRAGMENT_MAX and not _SENTENCE.search(text)


def _prose(cell: str) -> bool:
    cell = cell.strip(_BLANK)
    return cell[-1:] in _ENDS or (len(cell) > _FRAGMENT_MAX and bool(_SENTENCE.search(cell)))


def _table_tab_line(line: str) -> bool:
    core = line.strip(" \u3000\ufeff\f\v")
    if "\t" not in core:
        return False
    text = core.strip("\t")
    if "\t" in text or core.endswith("\t"):
        return True  # tabs between cells, or trailing empty cells (layout B)
    return not text or number_line(text)  # a layout-A cell: empty or a number


def _tab_table(lines: list[str]) -> bool:
    """Does the text hold tables laid out with tabs (layout A or B)? Tabs that only indent
    paragraphs or headings do not count."""
    seen = 0
    for line in lines:
        if "\t" in line and _table_tab_line(line):
            seen += 1
            if seen >= _SHREDDED_MAX_TAB_LINES:
                return True
    return False


def _spaced_row(text: str) -> list[str] | None:
    """Shredded text whose rows kept their cells on one line, separated by spaces (a text dump of
    a PDF): labels, then number cells ("规章 0 0 0", "(一) 予以公开 3 0 0 0 0 0 3", "0 0 0 0 0")."""
    tokens = text.split()
    if len(tokens) < 2:
        return None
    k = len(tokens)
    while k and number_line(tokens[k - 1]):
        k -= 1
    if k == len(tokens) or not any(ch.isdigit() for t in tokens[k:] for ch in t):
        # no numbers: a header row ("信息内容 本年制发件数 …", "行政复议 行政诉讼") or prose
        return tokens if any(L.is_known_label(t) for t in tokens) else None
    label = " ".join(tokens[:k])
    # A label too long for a fragment still leads a row when three or more numbers follow and it
    # is no sentence: the middle line of a label that pdftotext -layout wrapped around its numbers.
    if k and not (_fragment(label) or any(L.is_known_label(t) for t in tokens[:k])
                  or (len(tokens) - k >= 3 and not _SENTENCE.search(label))):
        return None
    return tokens


# A row whose cells a scraper's get_text() ran together: the label, then its digits with no
# separator ("规章1227", "（七）总计1121009210610077587"). The digits are split by the matcher,
# with the format's arithmetic (.solve).
_GLUED = re.compile(r"^(?P<label>.*?[^\d\s.,])(?P<digits>\d[\d.]*)$")
_LEVEL1 = "三、本年度办理结果"


def _glued_row(text: str) -> list[str] | None:
    m = _GLUED.match(text)
    if not m:
        return None
    label, digits = m.group("label"), m.group("digits")
    cells = [label, digits]
    if label.startswith(_LEVEL1) and len(label) > len(_LEVEL1):  # "三、本年度办理结果（一）予以公开…"
        cells = [_LEVEL1, label[len(_LEVEL1):], digits]
    return cells if L.is_known_label(cells[-2]) else None


def _flat_row(text: str) -> list[str] | None:
    """A line without tabs in a text with tab tables that is still a table row: numbers
    separated by spaces or run together ("0 4 4 4 12 …", "04441200011440311"), or table 四's
    header as a converter flattened it ("行政复议 行政诉讼", "复议维持 复议纠正 …")."""
    if _SENTENCE.search(text):
        return None
    tokens = text.split()
    if all(number_line(t) for t in tokens):
        # several numbers, or one run of at least a table-四 row's fifteen digits; a lone short
        # number ("3", "- 4 -") between tab rows is a page number
        numbers = [t for t in tokens if any(ch.isdigit() for ch in t)]
        if len(numbers) >= 3 or (len(numbers) == 1 and len(numbers[0]) >= 15 and numbers[0].isdigit()):
            return tokens
        return None
    if L.appeals_header(text) or (len(tokens) > 1 and all(L.is_known_label(t) or L.appeals_header(t) for t in tokens)
                                  and any(L.label_body(t) == L.APPEALS_ANCHOR or L.appeals_header(t) for t in tokens)):
        return tokens
    return None


def blocks_from_text(text: str) -> list[Block]:
    out: list[Block] = []
    cells: list[str] = []
    where: list = []
    after_cell = False  # the previous line was a layout-A cell (continuations attach to it)

    pending: list[Block] = []

    def flush() -> None:
        nonlocal cells, where
        if cells:
            first = cells[0]
            if (len(first) > _FRAGMENT_MAX or first[-1:] in _ENDS) and all(_prose(c) for c in cells):
                # paragraphs indented with a tab, not table cells
                out.extend(Block(PARAGRAPH, [c.strip(_BLANK)], [w]) for c, w in zip(cells, where))
            else:
                out.append(Block(ROW, cells, where))
        cells, where = [], []
        if pending:
            out.extend(pending)
            pending.clear()

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # every non-blank line may become a block: refuse before building them
    limits.check_blocks(sum(1 for line in lines if line and not line.isspace()))
    shredded = not _tab_table(lines) if "\t" in text else True
    last = len(lines) - 1
    for n, line in enumerate(lines, start=1):
        if shredded and "\t" in line:  # no tab tables: tabs only indent
            line = line.replace("\t", " ")
        tabs = line.count("\t")
        if tabs == 1 and line[:1] == "\t":  # a layout-A cell ("\t" alone: an empty one)
            cells.append(line[1:] if line.strip(_BLANK) else "")
            where.append(n)
            after_cell = True
            continue
        stripped = line.strip(_BLANK)
        if not stripped:
            flush()
            after_cell = False
            continue
        if tabs:
            flush()
            parts = line.split("\t")
            out.append(Block(ROW, parts, [(n, i) for i in range(1, len(parts) + 1)]))
            after_cell = False
        elif after_cell and cells:
            if number_line(stripped) or _PAGE.fullmatch(stripped):
                # A page number where a page broke a layout-A row: not part of any cell. It is
                # emitted after the row so the row stays whole.
                pending.append(Block(PARAGRAPH, [stripped], [n]))
                continue
            cells[-1] += "\n" + line
        else:
            flush()
            after_cell = False
            if shredded:
                if not _SENTENCE.search(stripped) and not _PAGE.fullmatch(stripped):
                    split = _spaced_row(stripped) or _glued_row(stripped)
                    if split:  # "规章 0 0 0": a row printed with spaces between its cells
                        out.append(Block(LINE, split, [n] * len(split)))
                        continue
                # Any line that is no sentence may be a cell; it never ends a table row.
                cell = not _SENTENCE.search(stripped) or number_line(stripped)
            else:  # a piece of a TSV cell broken over lines, between two rows of a tab table
                cell = (n >= 2 and n <= last and "\t" in lines[n - 2] and "\t" in lines[n]
                        and not number_line(stripped) and (_fragment(stripped) or L.is_known_label(stripped)))
                flat = None if cell else _flat_row(stripped)
                if flat:  # a table row that lost its tabs: numbers only, or table 四's header
                    out.append(Block(LINE, flat, [n] * len(flat)))
                    continue
            out.append(Block(LINE if cell else PARAGRAPH, [stripped], [n]))
    flush()
    return out
