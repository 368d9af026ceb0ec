"""OCR front end (optional extra ``zfxxgk[ocr]``): scanned pages and photos become LINE blocks.

rapidocr returns text boxes, not lines or table cells. Boxes whose vertical centres are
close form a line; wide horizontal gaps between boxes separate cells, so a table row
comes back as label + numbers and the label-anchored matcher reads it like any other
text line. Every block is marked ``ocr=True`` (the checker reports OCR'd values).

Only rapidocr's bundled default models are used: any other model is fetched from the
internet on first use, which fails on an offline server.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from io import BytesIO

from .. import limits
from ..errors import MissingExtraError, ReportReadError
from .blocks import LINE, Block
from .pdf import Frag, drop_page_numbers, group_lines, line_cells
from .pdf_chars import PDFIUM_LOCK


DPI = 200  # enough for 9 pt table digits; more only costs time (recognition dominates: ~250 boxes on a table-三 page)

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
    from PIL import Image, UnidentifiedImageError  # Pillow: a core dependency via pdfplumber

    try:
        image = Image.open(BytesIO(data))  # reads the header only
        limits.check_pixels(*image.size)  # before the pixels are decoded
        image.load()
    except Image.DecompressionBombError as exc:  # Pillow's own cap (179 megapixels) came first
        pixels = re.search(r"\((\d+) pixels\)", str(exc))
        limits.check_pixels(int(pixels[1]) if pixels else float("inf"), 1)
        raise
    except (UnidentifiedImageError, OSError) as exc:
        raise ReportReadError("图片文件已损坏或格式不支持，无法识别。", f"bad image: {exc!r}") from exc
    engine = _engine("识别图片中的文字（OCR）")
    return image_blocks(engine, image.convert("RGB"), "")


def pdf_blocks(data: bytes) -> list[Block]:
    """Every page of a PDF rendered at :data:`DPI` and OCR'd (a scan without text layer)."""
    import pypdfium2 as pdfium

    # PDFium is not thread-safe: every call into it holds the lock; the recogniser runs outside it
    with PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise ReportReadError("PDF 文件已损坏或格式不正确，无法读取。", f"pdfium: {exc!r}") from exc
    out: list[Block] = []
    try:
        with PDFIUM_LOCK:
            count = len(pdf)
        # Every cap before the first page is recognised: OCR costs ~2 s a page.
        limits.check_ocr_pages(count)
        with PDFIUM_LOCK:
            sizes = [pdf.get_page_size(index) for index in range(count)]
        for index, (width, height) in enumerate(sizes):
            limits.check_pixels(width * DPI / 72, height * DPI / 72, f"第{index + 1}页按 {DPI} dpi 渲染后")
        engine = _engine("读取扫描版 PDF（无文字层）")
        for number in range(1, count + 1):
            with PDFIUM_LOCK:
                page = pdf[number - 1]
                image = page.render(scale=DPI / 72).to_pil().convert("RGB")
                page.close()
            out.extend(image_blocks(engine, image, f"第{number}页 "))
    finally:
        with PDFIUM_LOCK:
            pdf.close()
    return out


def image_blocks(engine, image, prefix: str) -> list[Block]:
    # word boxes (a call option, not another model) let a box be cut at a table ruling
    result = engine(image, return_word_box=True)
    if result.boxes is None or not result.txts:
        return []
    import numpy as np  # comes with rapidocr; imported here so this module loads without it

    gray = np.asarray(image.convert("L"))
    # "dark" relative to the paper: scanned rulings are often light grey, paper off-white
    dark = gray < int(np.median(gray)) - 35
    words = result.word_results if len(result.word_results) == len(result.txts) else [()] * len(result.txts)
    frags = _frags(result.boxes, result.txts, words, dark)
    lines = drop_page_numbers(group_lines(frags), float(image.height))
    out: list[Block] = []
    for line_no, line in enumerate(lines, 1):
        _mark_rulings(line, dark)
        cells = _fix_digits(line_cells(line, spaced=False))
        if cells:
            out.append(Block(LINE, cells, [f"{prefix}第{line_no}行"] * len(cells), ocr=True))
    return out


# Glyphs the recogniser returns for digits in table cells (seen: "ε" for 3 at 200 dpi).
_LOOKALIKES = str.maketrans({"ε": "3", "O": "0", "o": "0", "〇": "0", "l": "1", "I": "1", "|": "1", "丨": "1",
                             "S": "5", "Z": "2", "B": "8", "б": "6"})
_DIGITS = re.compile(r"^\d{1,6}$")


def _fix_digits(cells: list[str]) -> list[str]:
    """Read a look-alike as a digit only inside a run of numbers (a neighbour is a number).

    Left alone, the matcher would take "ε" for a row label and shift the row's numbers.
    """
    out = list(cells)
    for i, cell in enumerate(cells):
        if _DIGITS.match(cell) or len(cell) > 6:
            continue
        fixed = cell.translate(_LOOKALIKES)
        neighbours = [cells[j] for j in (i - 1, i + 1) if 0 <= j < len(cells)]
        if _DIGITS.match(fixed) and any(_DIGITS.match(n) for n in neighbours):
            out[i] = fixed
    return out


@dataclass
class Box(Frag):
    """An OCR fragment that remembers its rows in the (tilted) image, to look for rulings."""

    y0: int = 0
    y1: int = 0


def _frags(boxes, texts, words, dark) -> list[Box]:
    """Boxes as fragments, cut at table rulings, with the page's skew taken out.

    A scan tilted by 1° moves the right end of an A4 table row by ~28 px at 200 dpi, more
    than half a text line: without the correction one row would fall apart into several.
    """
    slope = _skew(boxes)
    frags: list[Box] = []
    for box, text, word_list in zip(boxes, texts, words):
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        # The whole padded box: a table ruling crosses it top to bottom, a glyph stroke
        # (the 丨 of 情) stops short of the padding the detector adds around the text.
        y0, y1 = int(min(ys)), int(max(ys))
        for i, (x0, x1, piece) in enumerate(_cut(min(xs), max(xs), str(text), word_list, y0, y1, dark)):
            shift = slope * (x0 + x1) / 2
            frags.append(Box(x0, x1, min(ys) - shift, max(ys) - shift, piece, i > 0, y0, y1))
    return frags


def _cut(x0: float, x1: float, text: str, word_list, y0: int, y1: int, dark) -> list[tuple[float, float, str]]:
    """The box's text as pieces with tight extents, cut where a vertical ruling crosses it.

    Boxes are padded by the detector (a number's box reaches over the cell border), so the
    word boxes give the real extents. OCR also often reads two narrow adjacent cells
    (（三）不予 | 1.属于国家秘密) as one box: the ruling between them cuts it.
    """
    placed = [(w[2], w[0]) for w in (word_list or ()) if len(w) >= 3 and w[2] is not None]
    if not placed or "".join(t for _, t in placed) != text.replace(" ", ""):
        return [(x0, x1, text)]
    pieces: list[list] = []
    for quad, word in placed:
        wx0, wx1 = float(min(p[0] for p in quad)), float(max(p[0] for p in quad))
        if not pieces or _ruling(dark, pieces[-1][1], wx0, y0, y1):
            pieces.append([wx0, wx1, word])
        else:
            pieces[-1][1] = max(pieces[-1][1], wx1)
            pieces[-1][2] += word
    return [(a, b, t) for a, b, t in pieces]


def _mark_rulings(line: list[Box], dark) -> None:
    """A ruling between two boxes of a line starts a new cell however narrow the gap."""
    for left, right in zip(line, line[1:]):
        if not right.split_before:
            y0, y1 = max(left.y0, right.y0), min(left.y1, right.y1)
            right.split_before = _ruling(dark, left.x1, right.x0, y0, y1)


def _ruling(dark, xa: float, xb: float, y0: int, y1: int) -> bool:
    """Is there a pixel column between xa and xb that is dark over the whole height y0..y1?"""
    a, b = sorted((int(xa) - 1, int(xb) + 2))
    a, b = max(a, 0), min(b, dark.shape[1])
    y0, y1 = max(y0, 0), min(y1, dark.shape[0])
    if b <= a or y1 - y0 < 5:
        return False
    return bool((dark[y0:y1, a:b].mean(axis=0) >= 0.9).any())


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
