"""How much a reader may take in, in one place: every cap has a default and an environment variable.

Uploads and batch audits read files nobody vetted. A 4.7 MB DOCX can inflate to gigabytes, a 700 KB
XLSX can hold three million rows, a blank 2,000-page PDF goes to OCR at 2 s a page. Each cap below
refuses such a file before the expensive step, with a Chinese message naming the cap and its
variable, so an administrator with a genuinely large report knows what to raise.

    ZFXXGK_MAX_INPUT_MB=100  ZFXXGK_MAX_UNPACKED_MB=200  ZFXXGK_MAX_ZIP_RATIO=100
    ZFXXGK_MAX_ZIP_MEMBERS=2000  ZFXXGK_MAX_XLSX_ROWS=50000  ZFXXGK_MAX_XLSX_CELLS=200000
    ZFXXGK_MAX_PDF_PAGES=300  ZFXXGK_MAX_OCR_PAGES=50  ZFXXGK_MAX_IMAGE_MEGAPIXELS=60
    ZFXXGK_MAX_TEXT_CHARS=5000000  ZFXXGK_MAX_BLOCKS=20000

The zip container checks live in :mod:`.zipsafe`; this module is only numbers and messages.
"""
from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace

from .errors import ReportLimitError

log = logging.getLogger(__name__)

MB = 1 << 20


@dataclass(frozen=True)
class Limits:
    max_input_mb: int = 100  # the file as uploaded (a scanned PDF report can be tens of MB)
    max_unpacked_mb: int = 200  # a DOCX/XLSX's members together, as declared in its zip directory
    max_zip_ratio: int = 100  # per member above 1 MB: XML compresses ~10:1, zip bombs ~1000:1
    max_zip_members: int = 2000  # a report has 10–300 parts (one per sheet, image …)
    max_xlsx_rows: int = 50_000  # a report has ~100 rows, a county ledger a few thousand
    # stored cells + shared strings + merged-range area; openpyxl's full reader (merges need it)
    # takes ~1 KB and ~15 µs a cell: 200,000 cells are ~200 MB and 3 s
    max_xlsx_cells: int = 200_000
    max_pdf_pages: int = 300  # a report has 5–30 pages
    max_ocr_pages: int = 50  # OCR costs ~2 s a page
    max_image_megapixels: int = 60  # a photo, or a scanned page as rendered for OCR (A4 at 200 dpi: 3.9)
    max_text_chars: int = 5_000_000  # text, HTML, Markdown and CSV after decoding (a report: ~30,000)
    # paragraphs, text lines and table rows (a report has 300–1,500): the matcher takes ~40 µs a
    # block, and a 15 MB text of short lines (1.2M blocks) took 45 s and 650 MB
    max_blocks: int = 20_000

    @staticmethod
    def variable(name: str) -> str:
        return f"ZFXXGK_{name.upper()}"

    @classmethod
    def from_env(cls, environ=None) -> Limits:
        """Defaults, overridden by ZFXXGK_MAX_… variables; a bad value is logged and ignored
        (a typo in a setting must not stop every upload)."""
        environ = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            raw = environ.get(cls.variable(f.name), "").strip()
            if not raw:
                continue
            try:
                value = int(raw)
                if value <= 0:
                    raise ValueError(raw)
            except ValueError:
                log.warning("ignoring %s=%r: not a positive integer", cls.variable(f.name), raw)
                continue
            values[f.name] = value
        return cls(**values)

    def but(self, **changes) -> Limits:
        return replace(self, **changes)


_override: ContextVar[Limits | None] = ContextVar("zfxxgk_limits", default=None)


def current() -> Limits:
    """The limits in force: those set by :func:`using`, else the environment's (read each time,
    so a changed setting applies to the next file)."""
    return _override.get() or Limits.from_env()


@contextmanager
def using(limits: Limits):
    token = _override.set(limits)
    try:
        yield limits
    finally:
        _override.reset(token)


def refuse(field: str, amount: str, what: str, why: str = "", detail: str = "") -> ReportLimitError:
    """The error for a cap: '<what>超过 <amount> 的上限（<VARIABLE>），<why>已拒绝读取。'"""
    variable = Limits.variable(field)
    space = " " if amount[-1:].isascii() else ""  # "200 MB 的上限", "300 页的上限"
    return ReportLimitError(f"{what}超过 {amount}{space}的上限（{variable}），{why}已拒绝读取。",
                            detail or f"{field} exceeded", limit=variable)


# -- the simple caps ------------------------------------------------------------------------------

def check_input(size: int, limits: Limits | None = None) -> None:
    limits = limits or current()
    if size > limits.max_input_mb * MB:
        raise refuse("max_input_mb", f"{limits.max_input_mb} MB", f"文件大小为 {size / MB:.0f} MB，",
                     detail=f"input of {size} bytes")


def check_text_bytes(size: int, limits: Limits | None = None) -> None:
    """Before decoding: ``size`` bytes decode to at least size/4 characters (UTF-8's longest)."""
    limits = limits or current()
    if size // 4 > limits.max_text_chars:
        raise _text_error(limits, f"{size} bytes")


def check_text(text: str, limits: Limits | None = None) -> None:
    limits = limits or current()
    if len(text) > limits.max_text_chars:
        raise _text_error(limits, f"{len(text)} characters")


def _text_error(limits: Limits, size: str) -> ReportLimitError:
    return refuse("max_text_chars", f"{limits.max_text_chars} 个字符", "文字内容", "不像一份年度报告，", f"text of {size}")


def check_pdf_pages(pages: int, limits: Limits | None = None) -> None:
    limits = limits or current()
    if pages > limits.max_pdf_pages:
        raise refuse("max_pdf_pages", f"{limits.max_pdf_pages} 页", f"PDF 共 {pages} 页，", "不像一份年度报告，",
                     f"pdf of {pages} pages")


def check_ocr_pages(pages: int, limits: Limits | None = None) -> None:
    limits = limits or current()
    if pages > limits.max_ocr_pages:
        raise refuse("max_ocr_pages", f"{limits.max_ocr_pages} 页", f"扫描件共 {pages} 页，",
                     f"文字识别约需 {pages * 2} 秒，", f"ocr of {pages} pages")


def check_pixels(width: float, height: float, what: str = "图片", limits: Limits | None = None) -> None:
    limits = limits or current()
    pixels = width * height
    if pixels > limits.max_image_megapixels * 1_000_000:
        size = f"（{int(width)}×{int(height)}）" if height > 1 else ""
        raise refuse("max_image_megapixels", f"{limits.max_image_megapixels} 百万像素",
                     f"{what}有 {pixels / 1e6:.0f} 百万像素{size}，", "可能是“解压炸弹”，", f"image of {width}x{height} pixels")


def check_blocks(blocks: int, limits: Limits | None = None) -> None:
    limits = limits or current()
    if blocks > limits.max_blocks:
        raise refuse("max_blocks", f"{limits.max_blocks} 个", "段落、文本行和表格行的总数", "不像一份年度报告，",
                     f"more than {limits.max_blocks} blocks")
