"""PDF (pypdfium2): the text of each page, and what a reader of the page does not see.

* 被遮盖的文字（假涂黑） — characters under a dark, opaque filled rectangle drawn after them (a
  black box laid over the text in Word or an editor before exporting), or dark characters on a
  dark rectangle drawn before them (black highlighting/shading, the other usual way to "redact"
  in Word). The text is still in the file: select and copy, and it is back. Also the areas of
  unapplied redaction annotations (Redact) and of dark filled rectangle annotations (Square).
  Only vector rectangles count; a black *image* over text is not seen, and neither is a red
  seal over the agency's name (not dark, and not meant to hide anything).
* 文档属性 — the Author entry (Creator and Producer name the program, not a person); the title,
  subject, keywords and the program names are scanned like the text.
* 嵌入文件 — files in the document's EmbeddedFiles tree and file-attachment annotations.

At most ``max_pdf_pages`` pages (ZFXXGK_MAX_PDF_PAGES) are read; a longer file is checked in part
and says so in an UNREADABLE finding. The covered-text check looks at the first MAX_OBJECTS
objects of a page (a vector map has millions; a text page hundreds). PDFium is not thread-safe:
one lock around every use.
"""
from __future__ import annotations

import ctypes
import logging

import pypdfium2 as pdfium
import pypdfium2.raw as C

from ..reports.read.pdf_chars import PDFIUM_LOCK
from . import personal
from .finding import NAME_CHARS, Finding, Kind, Segment, clip, digest
from .safety import Unreadable, max_pdf_pages

log = logging.getLogger(__name__)
_LOCK = PDFIUM_LOCK  # the report reader's: PDFium is one library per process
DARK = 80  # every channel at most this (0–255): black and near-black; a red seal is not dark
OPAQUE = 200  # alpha at least this
COVERED = 0.6  # share of a character's box a rectangle must cover
MAX_OBJECTS = 20_000  # per page: a text page has hundreds; a vector map can have millions
_META_TEXT = {"Title": "标题", "Subject": "主题", "Keywords": "关键词", "Creator": "创建程序", "Producer": "生成程序"}


def read(data: bytes) -> tuple[list[Segment], list[Finding]]:
    with _LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if exc.err_code == C.FPDF_ERR_PASSWORD:
                raise Unreadable("PDF 文件已加密（需要密码才能打开），无法检查，请提供未加密的文件。", "encrypted pdf") from exc
            raise Unreadable("PDF 文件已损坏或不是有效的 PDF 文件，无法检查。", f"pdfium: {exc}") from exc
        try:
            return _read(pdf)
        finally:
            pdf.close()


def _read(pdf) -> tuple[list[Segment], list[Finding]]:
    segments, findings = [], []
    total, limit = len(pdf), max_pdf_pages()
    for index in range(min(total, limit)):
        page = pdf[index]
        try:
            textpage = page.get_textpage()
            place = f"第{index + 1}页"
            segments.append(Segment(place, textpage.get_text_range().replace("\r\n", "\n")))
            findings += _covered(page, textpage, place)
            findings += _annotations(pdf, page, textpage, place)
            textpage.close()
        finally:
            page.close()
    if total > limit:
        findings.append(Finding(Kind.UNREADABLE, f"第{limit + 1}—{total}页", "", digest(f"pages>{limit}"),
                                f"PDF 共 {total} 页，超过检查上限 {limit} 页（ZFXXGK_MAX_PDF_PAGES），"
                                f"第{limit + 1}页起未检查，请人工核对"))
    meta, more = _metadata(pdf)
    return segments + more, findings + meta + _attachments(pdf)


# -- text under dark rectangles ------------------------------------------------------------------

def _address(handle) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _dark_rect(obj) -> tuple[float, float, float, float] | None:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not C.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)) or fill.value == C.FPDF_FILLMODE_NONE:
        return None
    if C.FPDFPath_CountSegments(obj) > 6:  # a rectangle is a move, four lines and a close (or one 're')
        return None
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not C.FPDFPageObj_GetFillColor(obj, *(ctypes.byref(x) for x in (r, g, b, a))):
        return None
    if max(r.value, g.value, b.value) > DARK or a.value < OPAQUE:
        return None
    return obj.get_bounds()


def _share(box, rect) -> float:
    left, bottom, right, top = box
    area = max(right - left, 0.01) * max(top - bottom, 0.01)
    w = min(right, rect[2]) - max(left, rect[0])
    h = min(top, rect[3]) - max(bottom, rect[1])
    return w * h / area if w > 0 and h > 0 else 0.0


def _covered(page, textpage, place: str) -> list[Finding]:
    order: dict[int, int] = {}
    rects: list[tuple[int, tuple]] = []
    for z, obj in enumerate(page.get_objects(max_depth=8)):
        if z >= MAX_OBJECTS:
            log.info("%s: more than %d objects, the rest not checked for covered text", place, MAX_OBJECTS)
            break
        if obj.type == C.FPDF_PAGEOBJ_TEXT:
            order[_address(obj.raw)] = z
        elif obj.type == C.FPDF_PAGEOBJ_PATH:
            rect = _dark_rect(obj)
            if rect is not None:
                rects.append((z, rect))
    if not rects or not order:
        return []
    hidden = []
    for i in range(textpage.count_chars()):
        z = order.get(_address(C.FPDFText_GetTextObject(textpage, i)))
        if z is None:
            continue
        box = textpage.get_charbox(i)
        for rz, rect in rects:
            if _share(box, rect) >= COVERED and (rz > z or _dark_char(textpage, i)):
                hidden.append(i)
                break
    return [_finding(textpage.get_text_range(start, count), place, "被深色方块遮盖（或深色底上的深色字）")
            for start, count in _runs(hidden)]


def _dark_char(textpage, i: int) -> bool:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not C.FPDFText_GetFillColor(textpage, i, *(ctypes.byref(x) for x in (r, g, b, a))):
        return False
    return max(r.value, g.value, b.value) <= DARK


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    runs: list[list[int]] = []
    for i in indices:
        if runs and i == runs[-1][0] + runs[-1][1]:
            runs[-1][1] += 1
        else:
            runs.append([i, 1])
    return [(s, n) for s, n in runs]


def _finding(text: str, place: str, how: str) -> Finding:
    text = " ".join(text.split())
    return Finding(Kind.COVERED_TEXT, place, clip(personal.mask(text)), digest(f"{place}:{text}"),
                   f"有文字{how}：看上去已涂黑，但文字仍在文件中，复制即可得到。请在原文件中删除这些文字后重新生成 PDF")


# -- annotations -------------------------------------------------------------------------------

def _annotations(pdf, page, textpage, place: str) -> list[Finding]:
    out = []
    for i in range(C.FPDFPage_GetAnnotCount(page)):
        annot = C.FPDFPage_GetAnnot(page, i)
        if not annot:
            continue
        try:
            subtype = C.FPDFAnnot_GetSubtype(annot)
            if subtype == C.FPDF_ANNOT_FILEATTACHMENT:
                name = _attachment_name(pdf, C.FPDFAnnot_GetFileAttachment(annot)) or "未命名"
                out.append(Finding(Kind.EMBEDDED_FILE, f"{place}（附件注释“{clip(name, NAME_CHARS)}”）", clip(name), digest(f"{place}:{name}"),
                                   f"页面上的附件注释中嵌有文件“{name}”，随 PDF 一起公开，请删除后再公开"))
            elif subtype == C.FPDF_ANNOT_REDACT or (subtype == C.FPDF_ANNOT_SQUARE and _dark_interior(annot)):
                rect = C.FS_RECTF()
                if not C.FPDFAnnot_GetRect(annot, ctypes.byref(rect)):
                    continue
                text = textpage.get_text_bounded(rect.left, rect.bottom, rect.right, rect.top)
                if text.strip():
                    how = "在未执行的涂黑标记下" if subtype == C.FPDF_ANNOT_REDACT else "被深色方框注释遮盖"
                    out.append(_finding(text, place, how))
        finally:
            C.FPDFPage_CloseAnnot(annot)
    return out


def _dark_interior(annot) -> bool:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not C.FPDFAnnot_GetColor(annot, C.FPDFANNOT_COLORTYPE_InteriorColor, *(ctypes.byref(x) for x in (r, g, b, a))):
        return False
    return max(r.value, g.value, b.value) <= DARK and a.value >= OPAQUE


def _attachment_name(pdf, raw) -> str:
    if not raw:
        return ""
    try:
        return pdfium.PdfAttachment(raw, pdf).get_name()
    except pdfium.PdfiumError:
        return ""


# -- document-level --------------------------------------------------------------------------

def _metadata(pdf) -> tuple[list[Finding], list[Segment]]:
    try:
        meta = pdf.get_metadata_dict(skip_empty=True)
    except (pdfium.PdfiumError, UnicodeDecodeError):
        return [], []
    findings = []
    author = " ".join(str(meta.get("Author", "")).split())
    if author:
        findings.append(Finding(Kind.METADATA, "文档属性“作者”", clip(personal.mask(author)), digest(f"作者={author}"),
                                f"文档属性中的作者为“{clip(personal.mask(author), 30)}”：公开前请删除文档属性（导出 PDF 时"
                                "不勾选“文档属性”，或在 PDF 编辑器中清除）"))
    segments = [Segment(f"文档属性“{label}”", str(meta[key])) for key, label in _META_TEXT.items() if meta.get(key)]
    return findings, segments


def _attachments(pdf) -> list[Finding]:
    out = []
    for i in range(pdf.count_attachments()):
        try:
            attachment = pdf.get_attachment(i)
            name = attachment.get_name()
        except pdfium.PdfiumError:
            name = f"第{i + 1}个"
        out.append(Finding(Kind.EMBEDDED_FILE, f"嵌入文件“{clip(name, NAME_CHARS)}”", clip(name), digest(f"attachment:{i}:{name}"),
                           f"PDF 中嵌有文件“{name}”，不显示在页面上但随文件一起公开，请删除后再公开"))
    return out
