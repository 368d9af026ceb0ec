"""HTML writer: one self-contained page in the official layout (also the PDF writer's input).

Only :func:`~.layout.outline` is rendered; the national format lives there. The CSS stays
within what WeasyPrint supports (no flex/grid, ``@page`` for A4) and names only local fonts,
so the page needs nothing from the network. Fonts and sizes follow the reference template as the
DOCX writer does (宋体: title 小二 bold, headings and body 小四); tables are fitted by :mod:`.fit`.
"""
from __future__ import annotations

from html import escape

from ..model import ReportDocument
from . import fit
from .layout import Grid, GridCell, outline

# The line an A4 page with the margins below holds (21 cm − 2 × 2.2 cm), in pt: tables are
# fitted to it (:mod:`.fit`) so that a value column is as wide as its longest figure.
LINE_PT = (21 - 2 * 2.2) / 2.54 * 72
PADDING_EM = 0.3  # td/th padding on each side

CSS = """
@page { size: A4; margin: 2.5cm 2.2cm 2.5cm 2.2cm;
        @bottom-center { content: counter(page); font-size: 10.5pt; } }
html { background: #fff; color: #000; }
body { font-family: "SimSun", "宋体", "Noto Serif CJK SC", serif;
       font-size: 12pt; line-height: 1.6; max-width: 21cm; margin: 0 auto; padding: 1em; }
h1, h2 { font-weight: bold; }
h1 { font-size: 18pt; text-align: center; margin: 0.5em 0 1em; line-height: 1.4; }
h2 { font-size: 12pt; margin: 1em 0 0.4em; text-indent: 2em; page-break-after: avoid; }
p { margin: 0; text-indent: 2em; text-align: justify; }
table { border-collapse: collapse; margin: 0.6em auto 1em; line-height: 1.3; table-layout: fixed;
        page-break-inside: auto; }
td, th { border: 1px solid #000; padding: 0.2em 0.3em; text-align: center; vertical-align: middle;
         font-weight: normal; word-break: break-all; overflow-wrap: anywhere; }
td { white-space: nowrap; }  /* numbers never wrap; the label columns give way instead */
th.label { text-align: left; }
tr { page-break-inside: avoid; }
tr.keep { page-break-after: avoid; }  /* headers with the first row, the last two rows together */
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
    """The grid as a table sized by :func:`.fit.fit`: <colgroup> widths in % of the line, the
    text size inline; the header rows in <thead>, which WeasyPrint repeats on every page."""
    fitted = fit.fit(grid, LINE_PT, None, padding=2 * PADDING_EM * fit.SIZES[0])
    share = lambda w: f"{100 * w / LINE_PT:.2f}%"  # noqa: E731
    cols = "".join(f'<col style="width:{share(w)}">' for w in fitted.widths)
    n = len(grid.rows)
    keep = set(range(grid.header_rows + 1)) | {n - 2} if n > 2 else set()
    lines = []
    for r, cells in enumerate(grid.rows):
        has_values = any(c.path for c in cells)  # header cells of such a row are its row labels
        cls = ' class="keep"' if r in keep else ""
        lines.append(f"<tr{cls}>{''.join(_cell(c, has_values) for c in cells)}</tr>")
        if r + 1 == grid.header_rows:
            lines.append("</thead><tbody>")
    head = "<thead>" if grid.header_rows else "<tbody>"
    rows = "\n".join(lines)
    style = f"width:{share(max(fitted.total, LINE_PT))};font-size:{fitted.size:g}pt"
    return (f'<table class="{escape(grid.key)}" style="{style}">\n<colgroup>{cols}</colgroup>\n'
            f"{head}\n{rows}\n</tbody>\n</table>")


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
