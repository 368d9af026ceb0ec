"""Markdown writer: ``# title``, ``## headings``, paragraphs and one pipe table per grid.

Pipe tables cannot merge cells, so each table is the dense grid: a merged label is printed
once at its origin and the positions it covers stay empty. The first grid row serves as the
pipe table's header row. Text is escaped so :mod:`..read.markdown` reads back exactly what
was written.
"""
from __future__ import annotations

import re

from ..model import ReportDocument
from .layout import Grid, outline

_INLINE = re.compile(r"([\\`*_\[\]|])")
_TAG_START = re.compile(r"<(?=[A-Za-z/!])")
_ENTITY_START = re.compile(r"&(?=#?\w+;)")
_BLOCK_START = re.compile(r"^([#>+=-])")
_ORDERED = re.compile(r"^(\d+)([.)])(?=\s)")


def _inline(text: str) -> str:
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY_START.sub("&amp;", text)
    return _TAG_START.sub("&lt;", text)


def _line(text: str) -> str:
    """One paragraph line that no Markdown reader takes for a heading, list or table."""
    text = _inline(text.strip())
    text = _BLOCK_START.sub(r"\\\1", text)
    return _ORDERED.sub(r"\1\\\2", text)


def _cell(text: str) -> str:
    return "<br>".join(_inline(line.strip()) for line in text.split("\n") if line.strip())


def table(grid: Grid) -> str:
    dense = grid.dense()
    lines = []
    for i, cells in enumerate(dense):
        texts = [_cell(c.text) if c is not None else "" for c in cells]
        lines.append("| " + " | ".join(texts) + " |")
        if i == 0:
            lines.append("|" + "|".join(" --- " for _ in cells) + "|")
    return "\n".join(lines)


def document(doc: ReportDocument) -> str:
    parts: list[str] = []
    for kind, item in outline(doc):
        if kind == "title":
            parts.append(f"# {_line(str(item))}")
        elif kind == "heading":
            parts.append(f"## {_line(str(item))}")
        elif kind == "paragraph":
            parts.append(_line(str(item)))
        elif kind == "table":
            parts.append(table(item))  # type: ignore[arg-type]
    return "\n\n".join(parts) + "\n"


def write(doc: ReportDocument) -> bytes:
    return document(doc).encode("utf-8")
