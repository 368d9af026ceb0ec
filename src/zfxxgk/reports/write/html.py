"""HTML writer: one self-contained page in the official layout (also the PDF writer's input).

Only :func:`~.layout.outline` is rendered; the national format lives there. The CSS stays
within what WeasyPrint supports (no flex/grid, ``@page`` for A4) and names only local fonts,
so the page needs nothing from the network.
"""
from __future__ import annotations

from html import escape

from ..model import ReportDocument
from .layout import Grid, GridCell, outline

CSS = """
@page { size: A4; margin: 2.5cm 2.2cm 2.5cm 2.2cm;
        @bottom-center { content: counter(page); font-size: 10.5pt; } }
html { background: #fff; color: #000; }
body { font-family: "FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "Noto Serif CJK SC", serif;
       font-size: 16pt; line-height: 1.6; max-width: 21cm; margin: 0 auto; padding: 1em; }
h1, h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-weight: normal; }
h1 { font-size: 22pt; text-align: center; margin: 0.5em 0 1em; line-height: 1.4; }
h2 { font-size: 16pt; margin: 1em 0 0.4em; text-indent: 2em; page-break-after: avoid; }
p { margin: 0; text-indent: 2em; text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; font-size: 10.5pt;
        line-height: 1.3; page-break-inside: auto; }
table.requests, table.appeals { font-size: 9pt; }
td, th { border: 1px solid #000; padding: 0.2em 0.3em; text-align: center; vertical-align: middle;
         font-weight: normal; word-break: break-all; }
td { white-space: nowrap; }  /* numbers never wrap; the label columns give way instead */
th.label { text-align: left; }
tr { page-break-inside: avoid; }
@media print { body { max-width: none; padding: 0; } }
"""


def _text(text: str) -> str:
    return "<br>".join(escape(line) for line in text.split("\n"))


def _cell(cell: GridCell, row_label: bool = False) -> str:
    tag = "th" if cell.header else "td"
    attrs = []
    if cell.rowspan > 1:
        attrs.append(f' rowspan="{cell.rowspan}"')
    if cell.colspan > 1:
        attrs.append(f' colspan="{cell.colspan}"')
    if cell.path:
        attrs.append(f' data-path="{escape(cell.path)}"')
    # Row labels read better left-aligned (long table 三 leaves); group cells stay centred.
    if row_label and cell.header and cell.rowspan == 1:
        attrs.append(' class="label"')
    return f"<{tag}{''.join(attrs)}>{_text(cell.text)}</{tag}>"


def table(grid: Grid) -> str:
    lines = []
    for cells in grid.rows:
        has_values = any(c.path for c in cells)  # header cells of such a row are its row labels
        lines.append(f"<tr>{''.join(_cell(c, has_values) for c in cells)}</tr>")
    rows = "\n".join(lines)
    return f'<table class="{escape(grid.key)}">\n{rows}\n</table>'


def page(doc: ReportDocument) -> str:
    parts: list[str] = []
    head_title = ""
    for kind, item in outline(doc):
        if kind == "title":
            head_title = str(item)
            parts.append(f"<h1>{_text(head_title)}</h1>")
        elif kind == "heading":
            parts.append(f"<h2>{_text(str(item))}</h2>")
        elif kind == "paragraph":
            parts.append(f"<p>{_text(str(item))}</p>")
        elif kind == "table":
            parts.append(table(item))  # type: ignore[arg-type]
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(head_title)}</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def write(doc: ReportDocument) -> bytes:
    return page(doc).encode("utf-8")
