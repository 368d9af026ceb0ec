"""OCR front end (optional extra ``zfxxgk[ocr]``): scanned pages and photos become LINE blocks.

rapidocr returns text boxes, not lines or table cells. Boxes whose vertical centres are
close form a line; wide horizontal gaps between boxes separate cells, so a table row
comes back as label + numbers and the label-anchored matcher reads it like any other
text line. Every block is marked ``ocr=True`` (the checker reports OCR'd values).

Only rapidocr's bundled default models are used: any other model is fetched from the
internet on first use, which fails on an offline server.
"""
from __future__ import annotations

import logging
from io import BytesIO

from ..errors import MissingExtraError, ReportReadError
from .blocks import LINE, Block
from .pdf import Frag, group_lines, line_cells

log = logging.getLogger(__name__)

DPI = 200  # enough for 9 pt table digits; more only costs time (measured: ~4–8 s/page)

_engine_instance = None


def _engine(feature: str):
    """The rapidocr engine, created once per process (loading the models takes ~1 s)."""
    global _engine_instance
    if _engine_instance is None:
        try:
            from rapidocr import RapidOCR
        except (ImportError, OSError) as exc:  # not installed, or onnxruntime cannot load
            raise MissingExtraError(feature, "ocr", f"rapidocr unavailable: {exc!r}") from exc
        # log_level only; everything else stays default so no model is downloaded
        _engine_instance = RapidOCR(params={"Global.log_level": "warning"})
    return _engine_instance


def blocks(data: bytes) -> list[Block]:
    """A PNG/JPEG image (a photo or scan of a report page); PDF bytes are rendered first."""
    if data[:4] == b"%PDF":
        return pdf_blocks(data)
    engine = _engine("识别图片中的文字（OCR）")
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError) as exc:
        raise ReportReadError("图片文件已损坏或格式不支持，无法识别。", f"bad image: {exc!r}") from exc
    return image_blocks(engine, image.convert("RGB"), "")


def pdf_blocks(data: bytes) -> list[Block]:
    """Every page of a PDF rendered at :data:`DPI` and OCR'd (a scan without text layer)."""
    engine = _engine("读取扫描版 PDF（无文字层）")
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ReportReadError("PDF 文件已损坏或格式不正确，无法读取。", f"pdfium: {exc!r}") from exc
    out: list[Block] = []
    try:
        for number, page in enumerate(pdf, 1):
            image = page.render(scale=DPI / 72).to_pil().convert("RGB")
            page.close()
            out.extend(image_blocks(engine, image, f"第{number}页 "))
    finally:
        pdf.close()
    return out


def image_blocks(engine, image, prefix: str) -> list[Block]:
    result = engine(image)
    if result.boxes is None or not result.txts:
        return []
    frags = _frags(result.boxes, result.txts)
    out: list[Block] = []
    for line_no, line in enumerate(group_lines(frags), 1):
        cells = line_cells(line, spaced=False)
        if cells:
            out.append(Block(LINE, cells, [f"{prefix}第{line_no}行"] * len(cells), ocr=True))
    return out


def _frags(boxes, texts) -> list[Frag]:
    """Boxes as fragments, with the page's skew taken out of their vertical position.

    A scan tilted by 1° moves the right end of an A4 table row by ~28 px at 200 dpi, more
    than half a text line: without the correction one row would fall apart into several.
    """
    slope = _skew(boxes)
    frags = []
    for box, text in zip(boxes, texts):
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        x0, x1 = min(xs), max(xs)
        shift = slope * (x0 + x1) / 2
        frags.append(Frag(x0, x1, min(ys) - shift, max(ys) - shift, str(text)))
    return frags


def _skew(boxes) -> float:
    """Median slope of the top edges of wide boxes (rapidocr gives corners clockwise from top-left)."""
    slopes = []
    for box in boxes:
        (x0, y0), (x1, y1) = box[0], box[1]
        height = abs(float(box[3][1]) - float(y0))
        if x1 - x0 > 2 * max(height, 1):
            slopes.append((float(y1) - float(y0)) / (float(x1) - float(x0)))
    if not slopes:
        return 0.0
    slopes.sort()
    return slopes[len(slopes) // 2]
