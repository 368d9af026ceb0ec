"""DOCX front end: the document body as blocks, in reading order.

Paragraphs and tables are walked straight from the body XML, because python-docx's
``row.cells`` repeats a merged cell at every position it covers. Here the true grid is
rebuilt from ``w:gridSpan`` / ``w:vMerge`` (and legacy ``w:hMerge``): a merged cell's text
appears once, at its origin, and every position it covers is "". The label-anchored matcher
(:mod:`.assemble`) does the rest.
"""
from __future__ import annotations

from functools import lru_cache

from docx.opc.constants import CONTENT_TYPE as CT
from docx.oxml.ns import qn as _qn
from lxml import etree

from .. import zipsafe
from ..errors import ReportReadError
from .blocks import COVERED, ROW, Block, paragraph, table_locations

qn = lru_cache(maxsize=None)(_qn)  # element names are built once, not per cell
_TCPR = qn("w:tcPr")

# Word documents, macro documents and templates share the same body XML.
_MAIN_TYPES = {
    CT.WML_DOCUMENT_MAIN,
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_T, _TAB, _PTAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:ptab"), qn("w:br"), qn("w:cr")
_NB_HYPHEN, _TXBX = qn("w:noBreakHyphen"), qn("w:txbxContent")
# Wrappers whose children are ordinary block content (content controls, custom XML).
_WRAPPERS = {qn("w:sdt"), qn("w:customXml"), qn("w:sdtContent")}
# Subtrees whose text is not what the reader sees: deleted or moved-away revisions, ruby
# annotations, and the VML duplicate of a text box (mc:Fallback repeats mc:Choice).
_HIDDEN = {qn("w:del"), qn("w:moveFrom"), qn("w:rt"), qn("w:sdtPr"), qn("w:pPr"), qn("w:rPr"),
           "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}


def blocks(data: bytes) -> list[Block]:
    body = _open_body(data)
    walker = _Walker(simple=not _NEEDS_WALK(body))
    walker.container(body)
    return walker.out


# No entities, no network, and libxml2's own caps on depth and text node size (huge_tree off).
_SAFE = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _open_body(data: bytes):
    # Only the main document part is needed: reading it straight from the zip is ~10× faster
    # than opening the whole package (styles, numbering, themes …) with python-docx.
    package = zipsafe.open_zip(data, kind="docx")  # sizes, ratios and DTDs checked: every read below is bounded
    try:
        types = etree.fromstring(package.read("[Content_Types].xml"), _SAFE)
    except (KeyError, etree.XMLSyntaxError) as exc:  # no [Content_Types].xml, or broken XML
        raise ReportReadError("Word 文件已损坏或不是有效的 DOCX 文件，无法打开。", f"cannot open docx package: {exc!r}") from exc
    main = [o.get("PartName", "").lstrip("/") for o in types if o.get("ContentType") in _MAIN_TYPES]
    if not main:
        raise ReportReadError("这个文件不是 Word 文档（DOCX），无法按 Word 格式读取。", "no main document part")
    try:
        root = etree.fromstring(package.read(main[0]), _SAFE)
    except (KeyError, etree.XMLSyntaxError) as exc:
        raise ReportReadError("Word 文件的正文已损坏，无法读取。", f"cannot parse document.xml: {exc!r}") from exc
    body = root.find(qn("w:body"))
    if body is None:
        raise ReportReadError("Word 文件没有正文内容。", "document.xml has no w:body")
    return body


class _Walker:
    def __init__(self, simple: bool = False) -> None:
        self.simple = simple  # no hidden text or text boxes anywhere: the fast path is exact
        self.out: list[Block] = []
        self.paragraphs = 0  # non-empty prose paragraphs seen, for "第N段"
        self.tables = 0

    # -- block containers (body, a text box, a layout cell) ------------------------------
    def container(self, element) -> None:
        for child in element:
            if child.tag == _P:
                self.paragraph(child)
            elif child.tag == _TBL:
                self.table(child)
            elif child.tag in _WRAPPERS:
                self.container(child)

    def paragraph(self, p) -> None:
        text, boxes = _paragraph_text(p, self.simple)
        text = text.strip()
        if text:
            self.paragraphs += 1
            self.out.append(paragraph(text, f"第{self.paragraphs}段"))
        for box in boxes:  # text boxes anchored in this paragraph read after it
            self.container(box)

    # -- tables --------------------------------------------------------------------------
    def table(self, tbl) -> None:
        grid = _grid(tbl)
        width = max((len(r) for r in grid), default=0)
        if width <= 1:
            # A one-column table is page layout (a frame around the report, a boxed
            # heading), not a data table: read its cells as ordinary content.
            for line in grid:
                for cell in line:
                    if cell is not None and cell is not _MERGED:
                        self.container(cell)
            return
        self.tables += 1
        n = self.tables  # 1-based, as in "表格n" and the HTML front end
        for r, line in enumerate(grid):
            texts, nested = [], []
            for cell in line:
                if cell is None or cell is _MERGED:  # no cell here, or covered by a merge
                    texts.append("" if cell is None else COVERED)
                    continue
                text, inner = _cell_text(cell, self.simple)
                texts.append(text)
                nested.extend(inner)
            texts += [""] * (width - len(texts))
            self.out.append(Block(ROW, texts, table_locations(n, r + 1, width), n))
            for inner_tbl in nested:  # tables nested in a cell read after its row
                self.table(inner_tbl)


def _grid(tbl) -> list[list]:
    """The table as rows of grid positions: the w:tc at its origin, _MERGED where a merged cell
    covers the position, None where the row has no cell (w:gridBefore)."""
    lines: list[list] = []
    for tr in _children(tbl, _TR):
        line: list = [None] * _grid_before(tr)
        for tc in _children(tr, _TC):
            span, covered = _merge(tc)
            line.append(_MERGED if covered else tc)
            if span > 1:
                line.extend([_MERGED] * (span - 1))
        lines.append(line)
    return lines


_MERGED = object()


def _children(element, tag: str):
    """Direct children with ``tag``, looking through content-control wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


# Properties come first in their parent (w:tcPr in w:tc; w:tblPrEx, w:trPr in w:tr), so they are
# looked up among the first children directly: lxml's find() goes through Python ElementPath.
_TRPR, _GRID_BEFORE, _GRID_SPAN = qn("w:trPr"), qn("w:gridBefore"), qn("w:gridSpan")
_VMERGE, _HMERGE, _VAL = qn("w:vMerge"), qn("w:hMerge"), qn("w:val")


def _merge(tc) -> tuple[int, bool]:
    """(columns the cell spans, whether it continues a merge from above or from the left)."""
    pr = tc[0] if len(tc) else None
    if pr is None or pr.tag != _TCPR:
        return 1, False
    span, covered = 1, False
    for el in pr:
        tag = el.tag
        if tag == _GRID_SPAN:
            span = max(1, _int(el.get(_VAL), 1))
        elif tag == _VMERGE or tag == _HMERGE:
            # <w:vMerge/> without a value continues the merge above; "restart" opens one.
            covered = covered or el.get(_VAL, "continue") == "continue"
    return span, covered


def _grid_before(tr) -> int:
    """Grid columns skipped before the row's first cell (w:trPr/w:gridBefore)."""
    for child in tr[:2]:
        if child.tag == _TRPR:
            for el in child:
                if el.tag == _GRID_BEFORE:
                    return max(0, _int(el.get(_VAL), 0))
    return 0


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _cell_text(tc, simple: bool = False) -> tuple[str, list]:
    """A cell's paragraphs joined by "\\n" (empty ones dropped) and its nested tables."""
    if 0 < len(tc) <= 2 and tc[-1].tag == _P and (len(tc) == 1 or tc[0].tag == _TCPR):
        text, boxes = _paragraph_text(tc[-1], simple)  # the common cell: one paragraph
        if not boxes:
            return text.strip(), []
    lines: list[str] = []
    nested: list = []

    def walk(element) -> None:
        for child in element:
            if child.tag == _P:
                text, boxes = _paragraph_text(child, simple)
                if text.strip():
                    lines.append(text.strip())
                for box in boxes:
                    walk(box)  # a text box in a cell is part of the cell's text
            elif child.tag == _TBL:
                nested.append(child)
            elif child.tag in _WRAPPERS:
                walk(child)

    walk(tc)
    return "\n".join(lines), nested


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# Does a paragraph hold anything the fast path would get wrong (hidden text, text boxes)?
_NEEDS_WALK = etree.XPath(
    "boolean(.//w:del | .//w:moveFrom | .//w:rt | .//w:txbxContent | .//mc:Fallback | .//w:sdtPr//w:t)",
    namespaces={"w": _W, "mc": _MC},
)
_BR_TYPE = qn("w:type")


def _paragraph_text(p, simple: bool = False) -> tuple[str, list]:
    """Visible text of a paragraph, and the text-box contents anchored in it."""
    if simple or not _NEEDS_WALK(p):
        # The common case, in C: every text-bearing element in document order.
        parts = []
        for el in p.iter(_T, _TAB, _PTAB, _BR, _CR, _NB_HYPHEN):
            tag = el.tag
            if tag == _T:
                parts.append(el.text or "")
            elif tag == _BR:
                if el.get(_BR_TYPE, "textWrapping") == "textWrapping":
                    parts.append("\n")
            else:
                parts.append("\t" if tag in (_TAB, _PTAB) else "\n" if tag == _CR else "-")
        return "".join(parts), []
    parts: list[str] = []
    boxes: list = []

    def walk(element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _HIDDEN:
                continue  # comments, processing instructions, hidden subtrees
            if tag == _T:
                parts.append(child.text or "")
            elif tag in (_TAB, _PTAB):
                parts.append("\t")
            elif tag == _BR:
                # page and column breaks are layout, a plain break is a line break
                if child.get(qn("w:type"), "textWrapping") == "textWrapping":
                    parts.append("\n")
            elif tag == _CR:
                parts.append("\n")
            elif tag == _NB_HYPHEN:
                parts.append("-")
            elif tag == _TXBX:
                boxes.append(child)
            else:
                walk(child)

    walk(p)
    return "".join(parts), boxes
