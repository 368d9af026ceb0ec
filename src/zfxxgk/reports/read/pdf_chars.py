"""PDFium (pypdfium2): the characters of a PDF page with their boxes, and the page's rulings.

This replaces pdfminer's layout pass (pdfplumber's ``page.chars`` / ``page.edges``), which was
most of the PDF reader's time: PDFium parses the content stream in C and we only ask it, through
pypdfium2's raw bindings, for what the reader uses.

Coordinates are pdfplumber's: points, origin at the top left of the page as displayed (the
page's /Rotate applied), ``top`` growing downwards. A character's box is as pdfminer's: from
the glyph origin to the right of PDFium's "loose" box (cut at the next glyph's origin where an
italic overhang reaches over it), and from the font's descent up one font size (the loose box
has the right bottom but is ascent − descent tall, which would make every line look ~45% taller
to the line and cell rules of :mod:`.pdf`).

Rulings are the edges pdfplumber's table finder starts from: a stroked line, or a thin filled
rectangle (a border drawn as a fill) is one edge along its middle; other paths give their
horizontal and vertical segments (a rectangle its four sides). White fills and fills covering
half the page are backgrounds, not rulings.

PDFium is not thread-safe: every use holds :data:`PDFIUM_LOCK`.
"""
from __future__ import annotations

import ctypes
import math
import threading
from dataclasses import dataclass

from .. import limits
from ..errors import ReportReadError

PDFIUM_LOCK = threading.Lock()

THIN = 3.0  # a path narrower than this (pt) is one ruling: pdfplumber snaps edges 3 pt apart into one


@dataclass(slots=True)
class Char:
    """One character as pdfplumber would give it (only the fields the reader uses)."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str


@dataclass(slots=True)
class Edge:
    """A horizontal ("h": ``at`` is its top) or vertical ("v": ``at`` is its x) ruling from ``start`` to ``end``."""

    orientation: str
    at: float
    start: float
    end: float


@dataclass
class PageContent:
    width: float
    height: float
    chars: list[Char]
    edges: list[Edge]
    sideways_text: bool = False  # text that is not upright (dropped from chars): the page is no scan


def open_document(data: bytes):
    """A pypdfium2 document; an encrypted or corrupt file becomes a Chinese read error."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as C

    try:
        pdf = pdfium.PdfDocument(data)
        pages = len(pdf)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == C.FPDF_ERR_PASSWORD:
            raise ReportReadError("PDF 文件已加密（需要密码才能打开），请提供未加密的文件。", f"encrypted pdf: {exc!r}") from exc
        raise ReportReadError("PDF 文件已损坏或格式不正确，无法读取。", f"corrupt pdf: {exc!r}") from exc
    if pages == 0:
        pdf.close()
        raise ReportReadError("PDF 文件已损坏或格式不正确，无法读取。", "pdf without pages")
    try:
        limits.check_pdf_pages(pages)  # before any page is parsed (or sent to OCR)
    except ReportReadError:
        pdf.close()
        raise
    return pdf


def page_content(pdf, index: int) -> PageContent:
    """Characters (upright; PDFium drops the second print of fake bold itself) and rulings of page ``index``."""
    import pypdfium2.raw as C

    page = C.FPDF_LoadPage(pdf.raw, index)
    if not page:
        raise ReportReadError(f"PDF 第{index + 1}页已损坏，无法读取。", f"pdfium cannot load page {index}")
    try:
        transform, width, height, rotation = _display_transform(C, page)
        chars, sideways = _chars(C, page, transform, rotation)
        edges = _edges(C, page, transform, width * height)
    finally:
        C.FPDF_ClosePage(page)
    return PageContent(width, height, chars, edges, sideways)


# --- coordinates --------------------------------------------------------------------------------

# pdfminer's rotation of the page (the linear part of its CTM) for /Rotate 0, 90, 180, 270
_ROTATIONS = {0: (1, 0, 0, 1), 1: (0, -1, 1, 0), 2: (-1, 0, 0, -1), 3: (0, 1, -1, 0)}


def _display_transform(C, page):
    """The affine map (a, b, c, d, e, f) of PDF user space onto the displayed page, where
    x' = a·x + c·y + e and top = b·x + d·y + f; and the displayed size."""
    x0, y0, x1, y1 = (ctypes.c_float() for _ in range(4))
    if not C.FPDFPage_GetMediaBox(page, x0, y0, x1, y1):
        x0.value, y0.value = 0.0, 0.0
        x1.value, y1.value = C.FPDF_GetPageWidthF(page), C.FPDF_GetPageHeightF(page)
    x0, y0, x1, y1 = x0.value, y0.value, x1.value, y1.value
    rotation = C.FPDFPage_GetRotation(page) % 4
    w, h = x1 - x0, y1 - y0
    if rotation == 0:
        return (1.0, 0.0, 0.0, -1.0, -x0, y1), w, h, rotation
    if rotation == 1:
        return (0.0, 1.0, 1.0, 0.0, -y0, -x0), h, w, rotation
    if rotation == 2:
        return (-1.0, 0.0, 0.0, 1.0, x1, -y0), w, h, rotation
    return (0.0, -1.0, -1.0, 0.0, y1, x1), h, w, rotation


# --- characters ---------------------------------------------------------------------------------

def _chars(C, page, t, rotation: int) -> tuple[list[Char], bool]:
    textpage = C.FPDFText_LoadPage(page)
    if not textpage:
        return [], False
    try:
        count = C.FPDFText_CountChars(textpage)
        if count <= 0:
            return [], False
        return _page_chars(C, textpage, count, t, rotation)
    finally:
        C.FPDFText_ClosePage(textpage)


def _page_chars(C, textpage, count: int, t, rotation: int) -> tuple[list[Char], bool]:
    """The upright characters, and whether there was other text."""
    text = _text(C, textpage, count)
    rect, matrix = C.FS_RECTF(), C.FS_MATRIX()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    loose_box, get_origin, generated = C.FPDFText_GetLooseCharBox, C.FPDFText_GetCharOrigin, C.FPDFText_IsGenerated
    ta, tb, tc, td, te, tf = t
    ra, rb, rc, rd = _ROTATIONS[rotation]
    out: list[Char] = []
    previous: Char | None = None
    previous_index, previous_box = -2, (0.0, 0.0)
    # the font size and uprightness of the last run: a loose box of the same height is the same
    # font at the same size and matrix (asking PDFium costs two calls a character; a mirrored
    # glyph right after upright ones of its font would pass for upright: not seen in reports)
    run_height, run_size, run_upright = None, 0.0, True
    sideways = False
    for i in range(count):
        ch = text[i]
        if ch == "\ufffe" or ch == "\x02":  # PDFium's mark for a hyphen that ends a line: the printed "-"
            ch = "-"
        # PDFium adds spaces and line breaks of its own between words and lines; the
        # reader counts the document's own spaces (two in a row end a cell)
        if ch < " " or (ch.isspace() and generated(textpage, i)):
            continue
        if not loose_box(textpage, i, rect) or not get_origin(textpage, i, ox, oy):
            continue
        left, bottom_y, right, top_y = rect.left, rect.bottom, rect.right, rect.top
        height = top_y - bottom_y
        if height != run_height:
            if not C.FPDFText_GetMatrix(textpage, i, matrix):
                continue
            # upright as pdfminer says it: the character's matrix on the displayed page
            # (the page's /Rotate applied) neither turns nor mirrors it
            a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
            da, db, dc, dd = a * ra + b * rc, a * rb + b * rd, c * ra + d * rc, c * rb + d * rd
            run_upright = da * dd > 0 and db * dc <= 0
            run_size = C.FPDFText_GetFontSize(textpage, i) * math.hypot(dc, dd)
            run_height = height
        if not run_upright:
            sideways = sideways or not ch.isspace()
            continue
        # pdfminer's box: from the origin rightwards, from the descent up one font size
        ax, at = ta * left + tc * bottom_y + te, tb * left + td * bottom_y + tf
        bx, bt = ta * right + tc * top_y + te, tb * right + td * top_y + tf
        x0 = ta * ox.value + tc * oy.value + te
        x1 = max(ax, bx, x0)
        bottom = max(at, bt)
        top = bottom - (run_size if run_size > 0 else abs(bt - at))
        char = Char(x0, x1, top, bottom, ch)
        if previous is not None and previous_index == i - 1 and abs(previous.bottom - bottom) < 0.5:
            if abs(previous_box[0] - x0) < 0.01 and abs(previous_box[1] - x1) < 0.01:
                previous.text += ch  # a ligature ("ﬁ"): each letter has the glyph's box; pdfminer gives one "fi"
                previous_index = i
                continue
            if previous.x0 < x0 < previous.x1:
                # the loose box covers an italic glyph's overhang, pdfminer's ends at the advance:
                # without this, neighbours overlap and the line rules take them for two lines
                previous.x1 = x0
        out.append(char)
        previous, previous_index, previous_box = char, i, (x0, x1)
    return out, sideways


def _text(C, textpage, count: int) -> str:
    """All characters of the page, one per index (PDFium returns UTF-16)."""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = C.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: max(written - 1, 0) * 2].decode("utf-16-le", errors="replace")
    if len(text) == count:
        return text
    # a character outside the BMP took two UTF-16 units: ask index by index
    return "".join(chr(C.FPDFText_GetUnicode(textpage, i) or 0xFFFD) for i in range(count))


# --- rulings ------------------------------------------------------------------------------------

def _edges(C, page, transform, area: float) -> list[Edge]:
    out: list[Edge] = []
    state = _PathState(C, area)
    for i in range(C.FPDFPage_CountObjects(page)):
        state.visit(C.FPDFPage_GetObject(page, i), transform, out, 0)
    return out


def _compose(m, n):
    """Matrix ``m`` then ``n`` (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    A, B, Cc, D, E, F = n
    return (a * A + b * Cc, a * B + b * D, c * A + d * Cc, c * B + d * D, e * A + f * Cc + E, e * B + f * D + F)


class _PathState:
    """Reusable ctypes buffers for walking a page's objects."""

    def __init__(self, C, area: float):
        self.C, self.area = C, area
        self.l, self.b, self.r, self.t = (ctypes.c_float() for _ in range(4))
        self.fill, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.rgba = [ctypes.c_uint() for _ in range(4)]
        self.matrix = C.FS_MATRIX()
        self.px, self.py = ctypes.c_float(), ctypes.c_float()

    def visit(self, obj, transform, out: list[Edge], depth: int) -> None:
        """``transform``: the coordinates the object is placed in → the displayed page."""
        C = self.C
        kind = C.FPDFPageObj_GetType(obj)
        if kind == C.FPDF_PAGEOBJ_PATH:
            self.path(obj, transform, out)
        elif kind == C.FPDF_PAGEOBJ_FORM and depth < 8:  # a form XObject: its objects in its matrix
            inner = _compose(self.object_matrix(obj), transform)
            for i in range(C.FPDFFormObj_CountObjects(obj)):
                self.visit(C.FPDFFormObj_GetObject(obj, i), inner, out, depth + 1)

    def object_matrix(self, obj):
        m = self.matrix
        if not self.C.FPDFPageObj_GetMatrix(obj, m):
            return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def path(self, obj, transform, out: list[Edge]) -> None:
        C = self.C
        if not C.FPDFPath_GetDrawMode(obj, self.fill, self.stroke):
            return
        stroked = bool(self.stroke.value)
        if not stroked and not self.fill.value:
            return  # neither stroked nor filled: nothing on the page
        if not C.FPDFPageObj_GetBounds(obj, self.l, self.b, self.r, self.t):
            return
        left, bottom_y, right, top_y = self.l.value, self.b.value, self.r.value, self.t.value
        ta, tb, tc, td, te, tf = transform
        ax, at = ta * left + tc * bottom_y + te, tb * left + td * bottom_y + tf
        bx, bt = ta * right + tc * top_y + te, tb * right + td * top_y + tf
        x0, x1 = (ax, bx) if ax <= bx else (bx, ax)
        top, bottom = (at, bt) if at <= bt else (bt, at)
        if not stroked and ((x1 - x0) * (bottom - top) > 0.5 * self.area or self.white_fill(obj)):
            return  # a page or body background (WeasyPrint paints html { background: #fff })
        segments = C.FPDFPath_CountSegments(obj)
        if segments <= 5 and min(x1 - x0, bottom - top) < THIN:
            if x1 - x0 >= bottom - top:
                out.append(Edge("h", (top + bottom) / 2, x0, x1))
            else:
                out.append(Edge("v", (x0 + x1) / 2, top, bottom))
            return
        self.segments(obj, _compose(self.object_matrix(obj), transform), segments, out)

    def white_fill(self, obj) -> bool:
        r, g, b, a = self.rgba
        if not self.C.FPDFPageObj_GetFillColor(obj, r, g, b, a):
            return False  # a pattern: keep the shape
        return min(r.value, g.value, b.value) >= 242  # ≥ 0.95 on every channel

    def segments(self, obj, m, count: int, out: list[Edge]) -> None:
        """The horizontal and vertical straight segments of a path (a rectangle's four sides)."""
        C = self.C
        start = previous = None
        for i in range(count):
            segment = C.FPDFPath_GetPathSegment(obj, i)
            if not segment or not C.FPDFPathSegment_GetPoint(segment, self.px, self.py):
                continue
            x, y = self.px.value, self.py.value
            point = (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
            kind = C.FPDFPathSegment_GetType(segment)
            if kind == C.FPDF_SEGMENT_MOVETO:
                start = previous = point
                continue
            if kind == C.FPDF_SEGMENT_LINETO and previous is not None:
                _segment_edge(previous, point, out)
            previous = point
            if C.FPDFPathSegment_GetClose(segment) and start is not None:
                _segment_edge(point, start, out)
                previous = start


def _segment_edge(p, q, out: list[Edge]) -> None:
    (px, pt), (qx, qt) = p, q
    if abs(pt - qt) < 0.01:
        out.append(Edge("h", (pt + qt) / 2, min(px, qx), max(px, qx)))
    elif abs(px - qx) < 0.01:
        out.append(Edge("v", (px + qx) / 2, min(pt, qt), max(pt, qt)))
