"""DOCX writer: the outline of :mod:`.layout` as a Word document shaped like the 2021 template.

Page, text and tables follow the circulated template (``shared/reference``): A4 portrait,
margins 2.54/3.17 cm; the title 宋体 bold 小二 centred, the six headings 宋体 bold and the body
宋体 小四 (12 pt) with a two-character first-line indent, single-spaced; 表二 14×4, 表三 28×10,
表四 4×15 with real merges, 10 pt table text, the 表三 label columns narrow-wide like the
template's 754/921/3271 twips. Where GB/T 9704 (公文格式) differs — 仿宋_GB2312 三号 body, 黑体
headings, 方正小标宋 二号 title, 28 pt line pitch — the template wins: it is the annual report's
own picture. Value columns widen to their longest figure (:mod:`.fit`), so no number breaks
inside a cell; column headers repeat on every page a table crosses. Word only takes East-Asian
font names from ``w:eastAsia``, so every font is set through :func:`_fonts`, never
``run.font.name`` alone.
"""
from __future__ import annotations

import re
from io import BytesIO

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_LINE_SPACING, WD_PARAGRAPH_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

from .docx_fonts import indent_chars, set_fonts
from ...text import printable
from ..model import ReportDocument
from . import fit
from .layout import Grid, outline

LATIN = "Times New Roman"
# The template's sizes (w:sz 36 / 24 / 20): title 小二, headings and body 小四, tables 10 pt.
TITLE_FONT, TITLE_SIZE = "宋体", Pt(18)
HEADING_FONT, HEADING_SIZE = "宋体", Pt(12)
BODY_FONT, BODY_SIZE = "宋体", Pt(12)
TABLE_FONT, TABLE_SIZE = "宋体", Pt(fit.SIZES[0])
LINE = Pt(15.6)  # the template's document grid: 312 twips a line

PAGE_W, PAGE_H = Twips(11906), Twips(16838)  # A4
MARGIN_TB, MARGIN_LR = Twips(1440), Twips(1800)  # the template's pgMar
TEXT_WIDTH = 11906 - 2 * 1800  # twips between the margins
BLOCK_FILL = "C6D9F1"  # the template shades 表二's block title rows



def write(doc: ReportDocument) -> bytes:
    document = Document()
    _page(document.sections[0])
    _styles(document)
    props = document.core_properties
    props.author, props.comments = printable(doc.agency or ""), ""
    for kind, item in outline(doc):
        if kind == "title":
            props.title = _clean(item)
            document.add_paragraph(_clean(item), "Report Title")
        elif kind == "heading":
            document.add_paragraph(_clean(item), "Report Heading")
        elif kind == "paragraph":
            document.add_paragraph(_clean(item))  # Normal is the body style
        elif kind == "table":
            _table(document, item)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _clean(text) -> str:
    # Text read from PDFs or OCR can carry control characters that XML cannot hold.
    return _CONTROL.sub("", str(text))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


# -- page and styles -----------------------------------------------------------------------
def _page(section) -> None:
    section.page_width, section.page_height = PAGE_W, PAGE_H
    section.top_margin = section.bottom_margin = MARGIN_TB
    section.left_margin = section.right_margin = MARGIN_LR


def _styles(document) -> None:
    styles = document.styles
    body = styles["Normal"]
    _fonts(body.element.get_or_add_rPr(), BODY_FONT)
    body.font.size = BODY_SIZE
    _indent_chars(body.paragraph_format, 2, BODY_SIZE)
    body.paragraph_format.alignment = WD_PARAGRAPH_ALIGNMENT.JUSTIFY
    _single_lines(body.paragraph_format)
    _lang(body.element.get_or_add_rPr())

    title = styles.add_style("Report Title", WD_STYLE_TYPE.PARAGRAPH)
    title.base_style = body
    _fonts(title.element.get_or_add_rPr(), TITLE_FONT)
    title.font.size = TITLE_SIZE
    title.font.bold = True
    fmt = title.paragraph_format
    fmt.alignment = WD_PARAGRAPH_ALIGNMENT.CENTER
    _indent_chars(fmt, 0, TITLE_SIZE)
    fmt.space_after = LINE

    heading = styles.add_style("Report Heading", WD_STYLE_TYPE.PARAGRAPH)
    heading.base_style = body
    _fonts(heading.element.get_or_add_rPr(), HEADING_FONT)
    heading.font.size = HEADING_SIZE
    heading.font.bold = True
    heading.paragraph_format.keep_with_next = True
    # outline level 1: the six headings show in Word's navigation pane
    heading.element.get_or_add_pPr().append(_el("w:outlineLvl", val="0"))

    cell = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = body
    _fonts(cell.element.get_or_add_rPr(), TABLE_FONT)
    cell.font.size = TABLE_SIZE
    fmt = cell.paragraph_format
    fmt.alignment = WD_PARAGRAPH_ALIGNMENT.CENTER
    _indent_chars(fmt, 0, TABLE_SIZE)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.space_before = fmt.space_after = Pt(0)


def _fonts(rpr, east_asia: str) -> None:
    set_fonts(rpr, east_asia, LATIN)


def _lang(rpr) -> None:
    rpr.append(_el("w:lang", val="en-US", eastAsia="zh-CN"))


def _indent_chars(fmt, chars: int, size: Pt) -> None:
    indent_chars(fmt, chars, size)


def _single_lines(fmt) -> None:
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.space_before = fmt.space_after = Pt(0)


def _el(tag: str, **attrs) -> OxmlElement:
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


# -- tables --------------------------------------------------------------------------------
def _table(document, grid: Grid) -> None:
    dense = grid.dense()
    # Set by id: assigning a style object resolves the default style each time (slow).
    text_style = document.styles["Table Text"].style_id
    table = document.add_table(rows=len(dense), cols=grid.width)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    fitted = fit.fit(grid, TEXT_WIDTH / 20, padding=2 * CELL_MARGIN / 20)
    widths = [Twips(round(w * 20)) for w in fitted.widths]
    _table_props(table, max(TEXT_WIDTH, sum(widths)))
    size = Pt(fitted.size) if fitted.size != TABLE_SIZE.pt else None
    for col, width in zip(table.columns, widths):
        col.width = width
    # Cache the cells once: Table.cell() rebuilds the whole cell list on every call.
    cells = [row.cells for row in table.rows]
    for line in cells:
        for c, cell in enumerate(line):
            cell.width = widths[c]  # LibreOffice sizes columns from tcW, not tblGrid
    # Rows that stay with the next one: the column headers with the first data row (no header
    # alone at the foot of a page), and the last but one with the last (no lone last row).
    keep = set(range(grid.header_rows + 1)) | {len(dense) - 2} if len(dense) > 2 else set()
    for r, row in enumerate(table.rows):
        row.height, row.height_rule = Twips(340), WD_ROW_HEIGHT_RULE.AT_LEAST
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(_el("w:cantSplit"))
        if r < grid.header_rows:
            tr_pr.append(_el("w:tblHeader"))  # repeated at the top of every page the table crosses
    # Merge before writing: a merge moves the covered cells' paragraphs into the origin.
    for r, line in enumerate(dense):
        for c, gc in enumerate(line):
            if gc is not None and (gc.rowspan > 1 or gc.colspan > 1):
                cells[r][c].merge(cells[r + gc.rowspan - 1][c + gc.colspan - 1])
    for r, line in enumerate(dense):
        values_row = any(gc is not None and gc.path for gc in line)
        for c, gc in enumerate(line):
            if gc is None:
                continue
            cell = cells[r][c]
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            para = cell.paragraphs[0]
            para._p.style = text_style
            run = para.add_run(_clean(gc.text))
            if size is not None:
                run.font.size = size
            if r in keep:
                para.paragraph_format.keep_with_next = True
            if gc.colspan == grid.width and gc.rowspan == 1:
                # a block title such as 第二十条第（一）项: left, shaded, as in the template
                para.alignment = WD_PARAGRAPH_ALIGNMENT.LEFT
                _shade(cell, BLOCK_FILL)
            elif gc.header and values_row:
                para.alignment = WD_PARAGRAPH_ALIGNMENT.LEFT  # row labels read better flush left


CELL_MARGIN = 57  # twips, left and right: the template's narrow cell margins


def _table_props(table, width: int) -> None:
    tbl_pr = table._tbl.tblPr
    # A fixed total width: LibreOffice otherwise stretches "auto" tables to odd sizes.
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = _el("w:tblW")
        tbl_pr.insert_element_before(tbl_w, *_TBLPR_AFTER_W)
    tbl_w.set(qn("w:w"), str(width))
    tbl_w.set(qn("w:type"), "dxa")
    # The template's narrow 57-twip side margins keep 6-character headers on 2 lines.
    mar = _el("w:tblCellMar")
    for side in ("left", "right"):
        mar.append(_el(f"w:{side}", w=str(CELL_MARGIN), type="dxa"))
    tbl_pr.insert_element_before(mar, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


# Schema order matters to Word ("unreadable content"), so new children go before these.
_TBLPR_AFTER_W = ("w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout",
                  "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
_TCPR_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
                   "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")


def _shade(cell, fill: str) -> None:
    shd = _el("w:shd", val="clear", color="auto", fill=fill)
    cell._tc.get_or_add_tcPr().insert_element_before(shd, *_TCPR_AFTER_SHD)
