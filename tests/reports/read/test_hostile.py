"""Hostile inputs are refused quickly, before the expensive step, with a Chinese message naming
the cap and its environment variable (see zfxxgk.reports.limits). The files come from small
generators (tests/reports/hostile.py); nothing large is committed."""
from __future__ import annotations

import io
import struct
import time
import zlib

import pytest

from reports import hostile as h
from zfxxgk.reports import limits as L
from zfxxgk.reports.errors import ReportLimitError, ReportReadError
from zfxxgk.reports.read import read

FAST = 3.0  # seconds: refusing must not depend on the size of what the file would unpack to


def _refused(source, limit: str | None, kind=None, name="") -> ReportReadError:
    # CPU time of this process, not the wall clock: a refusal must cost little work, and a machine
    # busy with other jobs must not make the test fail.
    start = time.process_time()
    with pytest.raises(ReportReadError) as info:
        read(source, kind, name=name)
    elapsed = time.process_time() - start
    err = info.value
    assert elapsed < FAST, f"refused after {elapsed:.1f}s: {err.message}"
    if limit:
        assert isinstance(err, ReportLimitError), err.message
        assert err.limit == limit and limit in err.message, err.message
    assert "已拒绝读取" in err.message, err.message
    return err


# -- the limits themselves -------------------------------------------------------------------

def test_defaults_and_environment(monkeypatch):
    assert L.Limits().max_unpacked_mb == 200 and L.Limits.variable("max_unpacked_mb") == "ZFXXGK_MAX_UNPACKED_MB"
    monkeypatch.setenv("ZFXXGK_MAX_PDF_PAGES", "12")
    monkeypatch.setenv("ZFXXGK_MAX_OCR_PAGES", "lots")  # a typo is ignored (logged), not fatal
    limits = L.current()
    assert limits.max_pdf_pages == 12 and limits.max_ocr_pages == L.Limits().max_ocr_pages
    with L.using(L.Limits(max_pdf_pages=3)):
        assert L.current().max_pdf_pages == 3
    assert L.current().max_pdf_pages == 12


# -- zip containers ---------------------------------------------------------------------------

def test_docx_zip_bomb_is_refused_from_its_directory():
    err = _refused(h.zip_bomb_docx(210), "ZFXXGK_MAX_UNPACKED_MB", name="bomb.docx")
    assert "200 MB" in err.message and "压缩炸弹" in err.message


def test_xlsx_zip_bomb_with_a_lower_cap(monkeypatch):
    monkeypatch.setenv("ZFXXGK_MAX_UNPACKED_MB", "8")
    err = _refused(h.zip_bomb_xlsx(12), "ZFXXGK_MAX_UNPACKED_MB", name="bomb.xlsx")
    assert "8 MB" in err.message
    _refused(h.zip_bomb_xlsx(12), "ZFXXGK_MAX_UNPACKED_MB", "xlsx")  # the kind given, not detected


def test_member_compressed_a_thousand_to_one():
    _refused(h.ratio_bomb_docx(20), "ZFXXGK_MAX_ZIP_RATIO", name="report.docx")


def test_sizes_that_lie_are_caught_while_inflating():
    # The directory says 1 KB; zipfile.read() would inflate all 64 MB in one call before cutting.
    err = _refused(h.lying_size_docx(64), None, name="report.docx")
    assert "与目录" in err.message


def test_too_many_members(monkeypatch):
    monkeypatch.setenv("ZFXXGK_MAX_ZIP_MEMBERS", "100")
    _refused(h.many_members_zip(150), "ZFXXGK_MAX_ZIP_MEMBERS", name="x.xlsx")


def test_too_many_members_in_a_zip64_directory():
    _refused(h.many_members_zip(70_000), "ZFXXGK_MAX_ZIP_MEMBERS", name="x.xlsx")


# -- XLSX contents ------------------------------------------------------------------------------

def test_xlsx_with_too_many_rows():
    err = _refused(h.many_rows_xlsx(150_000), "ZFXXGK_MAX_XLSX_ROWS", name="rows.xlsx")
    assert "50000 行" in err.message


def test_xlsx_rows_and_cells_caps_from_the_environment(monkeypatch):
    monkeypatch.setenv("ZFXXGK_MAX_XLSX_ROWS", "1000")
    _refused(h.many_rows_xlsx(2000), "ZFXXGK_MAX_XLSX_ROWS", name="rows.xlsx")
    monkeypatch.setenv("ZFXXGK_MAX_XLSX_ROWS", "100000")
    monkeypatch.setenv("ZFXXGK_MAX_XLSX_CELLS", "1500")
    _refused(h.many_rows_xlsx(2000), "ZFXXGK_MAX_XLSX_CELLS", name="rows.xlsx")


def test_xlsx_merge_over_the_whole_sheet():
    _refused(h.huge_merge_xlsx(), "ZFXXGK_MAX_XLSX_CELLS", name="merge.xlsx")


def test_normal_reports_pass_every_check():
    for fmt in ("docx", "xlsx"):
        assert read(h.report(fmt), name=f"r.{fmt}").cells


# -- XML entities --------------------------------------------------------------------------------

@pytest.mark.parametrize("make, name", [(h.billion_laughs_xlsx, "laughs.xlsx"), (h.billion_laughs_docx, "laughs.docx")])
def test_billion_laughs(make, name):
    err = _refused(make(), None, name=name)
    assert "DTD" in err.message


# -- PDF, images, text -------------------------------------------------------------------------------

def test_two_thousand_blank_pages():
    err = _refused(h.blank_pdf(2000), "ZFXXGK_MAX_PDF_PAGES", name="blank.pdf")
    assert "2000" in err.message


def test_scan_with_more_pages_than_ocr_may_take(monkeypatch):
    from zfxxgk.reports.read import ocr

    monkeypatch.setenv("ZFXXGK_MAX_OCR_PAGES", "2")
    monkeypatch.setattr(ocr, "_engine", lambda feature: pytest.fail("OCR started"))
    _refused(h.blank_pdf(3), "ZFXXGK_MAX_OCR_PAGES", name="scan.pdf")


def test_scan_page_too_large_to_render(monkeypatch):
    import pypdfium2 as pdfium

    from zfxxgk.reports.read import ocr

    monkeypatch.setattr(ocr, "_engine", lambda feature: pytest.fail("OCR started"))
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(14400, 14400)  # 200 inches square: 1.6 gigapixels at 200 dpi
    out = io.BytesIO()
    pdf.save(out)
    _refused(out.getvalue(), "ZFXXGK_MAX_IMAGE_MEGAPIXELS", name="scan.pdf")


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 1024)) + chunk(b"IEND", b"")


def test_photo_with_a_billion_pixels(monkeypatch):
    from zfxxgk.reports.read import ocr

    monkeypatch.setattr(ocr, "_engine", lambda feature: pytest.fail("OCR started"))
    _refused(_png(40_000, 40_000), "ZFXXGK_MAX_IMAGE_MEGAPIXELS", name="scan.png")


def test_huge_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "report.txt"
    with open(path, "wb") as f:
        f.truncate(300 << 20)  # sparse: 300 MB without writing them
    err = _refused(path, "ZFXXGK_MAX_INPUT_MB")
    assert "100 MB" in err.message


@pytest.mark.parametrize("kind", [None, "text", "html", "markdown"])
def test_text_too_long(monkeypatch, kind):
    monkeypatch.setenv("ZFXXGK_MAX_TEXT_CHARS", "100000")
    unit = h.report("txt")
    _refused(unit * (600_000 // len(unit) + 1), "ZFXXGK_MAX_TEXT_CHARS", kind, name="big.txt")  # refused before decoding
    text = unit.decode() * (150_000 // len(unit.decode()) + 1)  # 150,000 characters in ~400 KB
    _refused(text.encode(), "ZFXXGK_MAX_TEXT_CHARS", kind, name="big.txt")


# -- too many paragraphs and rows for the matcher ----------------------------------------------------

@pytest.mark.parametrize("kind", ["text", "html", "markdown"])
def test_many_short_lines(kind):
    # 300,000 lines of a number each (2 MB) took ~10 s in the matcher before the block cap
    # (1.2M lines: 45 s and 650 MB)
    data = h.many_lines(300_000)
    if kind == "html":
        data = b"<html><body>" + data.replace(b"\n", b"</p><p>") + b"</body></html>"
    elif kind == "markdown":
        data = data.replace(b"\n", b"\n\n")
    _refused(data, "ZFXXGK_MAX_BLOCKS", kind, name="x")


def test_docx_of_sixty_thousand_paragraphs():
    _refused(h.many_paragraphs_docx(60_000), "ZFXXGK_MAX_BLOCKS", name="x.docx")
