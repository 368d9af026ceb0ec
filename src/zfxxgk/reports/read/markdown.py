"""Markdown front end: pipe tables become ROW blocks, every other text line a PARAGRAPH.

Most Markdown we meet was produced by PDF/OCR converters, so we take it as it comes: rows
are never dropped (a placeholder header such as ``| 数据1 | 数据2 |`` is just an unmatched
row), row widths are left as printed (padding would invent blank number cells), a table
broken into several small tables stays several tables, and HTML ``<table>`` islands (some
converters emit those for merged cells) go through the HTML front end's grid expansion.
"""
from __future__ import annotations

import html as htmllib
import re

from .. import limits
from ..errors import ReportReadError
from . import html as htmlfront
from .blocks import Block, paragraph, row

_RULE_CELL = re.compile(r"^\s*:?-+:?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_HR = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_SETEXT = re.compile(r"^\s*=+\s*$")
_HEADING = re.compile(r"^#{1,6}(?:\s+|(?=[^#\s]))")
_CLOSING_HASHES = re.compile(r"\s+#+\s*$")
_QUOTE = re.compile(r"^(?:>\s?)+")
# Unordered markers only: an ordered "1. " is the report's own numbering (1.属于国家秘密).
_BULLET = re.compile(r"^[-*+]\s+(?:\[[ xX]\]\s+)?")
_TABLE_OPEN = re.compile(r"<\s*table\b", re.I)
_TABLE_CLOSE = re.compile(r"<\s*/\s*table\s*>", re.I)

# inline markup
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~&=:\"'])")
_PROTECT_BASE = 0xF0000  # escaped characters hide in a private-use plane while markup is removed
_PROTECTED = re.compile("[\U000F0000-\U000F00FF]")
_BR = re.compile(r"<\s*br\s*/?\s*>", re.I)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAGS = re.compile(r"<\s*/?\s*[A-Za-z][^<>]*>|<!--.*?-->", re.S)
_EMPHASIS = re.compile(r"\*\*|__|~~|`")
_ITALIC = re.compile(r"(?<![*\w])\*(?=\S)([^*]+?)(?<=\S)\*(?![*\w])")
_WS = re.compile(r"[ \t\u3000\xa0]+")
# Any character some inline rule below acts on; most table cells ("12", "自然人") have none.
_MARKUP = re.compile("[\\\\<>\\[\\]!*_~`&\U000F0000-\U000F00FF]")


def inline(text: str, *, breaks: str = "\n") -> str:
    """Plain text of a Markdown span: escapes honoured, emphasis/links/tags removed."""
    if _MARKUP.search(text):
        text = _markup_removed(text, breaks)
    lines = (_WS.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _markup_removed(text: str, breaks: str) -> str:
    text = _ESCAPED.sub(lambda m: chr(_PROTECT_BASE + ord(m.group(1))), text)
    text = _BR.sub(breaks, text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _TAGS.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = _ITALIC.sub(r"\1", text)
    text = htmllib.unescape(text)
    return _PROTECTED.sub(lambda m: chr(ord(m.group()) - _PROTECT_BASE), text)


def split_row(line: str) -> list[str]:
    """Cells of a pipe-table line; ``\\|`` is a literal pipe, outer pipes are optional."""
    s = line.strip()
    if "\\" in s:
        cells = _split_escaped(s)
    else:  # no escapes: every pipe separates cells
        cells = s.split("|")
    if s.startswith("|"):
        cells = cells[1:]
    if len(cells) > 1 and _ends_with_pipe(s):
        cells = cells[:-1]
    return cells


def _split_escaped(s: str) -> list[str]:
    cells, buf, i = [], [], 0
    while i < len(s):
        ch = s[i]
        if ch == "\\" and i + 1 < len(s):
            buf.append(s[i:i + 2])  # keep the escape; inline() resolves it (\| -> |)
            i += 2
            continue
        if ch == "|":
            cells.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
        i += 1
    cells.append("".join(buf))
    return cells


def _ends_with_pipe(s: str) -> bool:
    if not s.endswith("|"):
        return False
    backslashes = len(s[:-1]) - len(s[:-1].rstrip("\\"))
    return backslashes % 2 == 0


def _has_pipe(line: str) -> bool:
    return bool(re.search(r"(?<!\\)\|", line))


def is_rule(line: str) -> bool:
    """The |---|:---:| line under a header row (empty cells tolerated, at least one dash)."""
    if "-" not in line or (not _has_pipe(line) and not re.fullmatch(r"\s*:?-{3,}:?\s*", line)):
        return False
    cells = split_row(line)
    return any(c.strip() for c in cells) and all(_RULE_CELL.match(c) or not c.strip() for c in cells)


class _Reader:
    def __init__(self) -> None:
        self.out: list[Block] = []
        self.html = htmlfront.Walker()  # keeps the table numbering shared with HTML islands
        self.row_no = 0  # rows emitted in the current table

    @property
    def tables(self) -> int:
        return self.html.tables

    def para(self, text: str, line_no: int) -> None:
        for part in inline(text).split("\n"):  # a <br> in prose separates paragraphs
            if part:  # a line of pure markup (an image, a comment) is no paragraph
                self.out.append(paragraph(part, f"第{line_no}行"))

    def start_table(self) -> None:
        self.html.tables += 1
        self.row_no = 0

    def table_row(self, line: str) -> None:
        self.row_no += 1
        cells = [inline(c) for c in split_row(line)]
        n, r = self.tables, self.row_no
        self.out.append(row(cells, [f"表格{n} 第{r}行第{c + 1}列" for c in range(len(cells))], table=n))

    def html_island(self, chunk: str) -> None:
        walker = self.html
        walker.out = []
        walker.feed(htmlfront.source(chunk))
        self.out.extend(walker.out)


def blocks(data: bytes) -> list[Block]:
    text = htmlfront.decode(data).lstrip("\ufeff")
    lines = text.splitlines()
    reader = _Reader()
    in_table = in_fence = in_comment = False
    cap = limits.current().max_blocks
    i = 0
    while i < len(lines):
        if len(reader.out) > cap:  # stop building blocks the matcher would refuse anyway
            limits.check_blocks(len(reader.out))
        line, no = lines[i], i + 1
        i += 1
        stripped = line.strip()
        if in_comment:  # multi-line <!-- … --> (page markers from converters)
            in_comment = "-->" not in line
            continue
        if stripped.startswith("<!--") and "-->" not in stripped:
            in_comment, in_table = True, False
            continue
        if _FENCE.match(line):
            in_fence, in_table = not in_fence, False
            continue
        if in_fence:
            if stripped:
                reader.out.append(paragraph(_WS.sub(" ", stripped), f"第{no}行"))
            continue
        if _TABLE_OPEN.search(line):
            chunk, depth = [line], _depth(line)
            while depth > 0 and i < len(lines):
                chunk.append(lines[i])
                depth += _depth(lines[i])
                i += 1
            reader.html_island("\n".join(chunk))
            in_table = False
            continue
        if in_table:
            if is_rule(line):
                continue
            if stripped and _has_pipe(line):
                reader.table_row(line)
                continue
            in_table = False
        if stripped.startswith("|") or (_has_pipe(line) and i < len(lines) and is_rule(lines[i])):
            reader.start_table()
            in_table = True
            if not is_rule(line):
                reader.table_row(line)
            continue
        if not stripped or _HR.match(line) or _SETEXT.match(line):
            continue
        body = _QUOTE.sub("", stripped)
        body = _CLOSING_HASHES.sub("", _HEADING.sub("", body)) if body.startswith("#") else body
        body = _BULLET.sub("", body)
        reader.para(body, no)
    if not reader.out:
        raise ReportReadError("Markdown 文件中没有找到任何文字内容。", "no text in markdown")
    return reader.out


def _depth(line: str) -> int:
    return len(_TABLE_OPEN.findall(line)) - len(_TABLE_CLOSE.findall(line))
