"""Plain-text front end: both layouts of the seeds (spec §10.1).

Layout A (one cell per line): a table row is a group of lines each starting with one tab,
rows separated by blank lines; a line without the tab right after a cell continues that cell
("\\t商业" + "企业"). Layout B (TSV-like): one row per line, cells separated by tabs.
A line without tabs is a paragraph.
"""
from __future__ import annotations

from ..errors import ReportReadError
from .blocks import PARAGRAPH, ROW, Block


def decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReportReadError("文本编码无法识别（既不是 UTF-8 也不是 GBK/GB18030）。", "undecodable text")


def blocks(data: bytes) -> list[Block]:
    return blocks_from_text(decode(data))


def blocks_from_text(text: str) -> list[Block]:
    out: list[Block] = []
    cells: list[str] = []
    where: list = []
    after_cell = False  # the previous line was a layout-A cell (continuations attach to it)

    def flush() -> None:
        nonlocal cells, where
        if cells:
            out.append(Block(ROW, cells, where))
        cells, where = [], []

    for n, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        tabs = line.count("\t")
        if tabs == 1 and line[:1] == "\t":  # a layout-A cell ("\t" alone: an empty one)
            cells.append(line[1:] if line.strip(" \t\u3000\ufeff") else "")
            where.append(n)
            after_cell = True
            continue
        if not line.strip(" \t\u3000\ufeff"):
            flush()
            after_cell = False
            continue
        if tabs:
            flush()
            parts = line.split("\t")
            out.append(Block(ROW, parts, [(n, i) for i in range(1, len(parts) + 1)]))
            after_cell = False
        elif after_cell and cells:
            cells[-1] += "\n" + line
        else:
            flush()
            out.append(Block(PARAGRAPH, [line.strip()], [n]))
            after_cell = False
    flush()
    return out
