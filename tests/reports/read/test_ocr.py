"""The OCR front end: scanned PDFs and page images (rapidocr, bundled default models only).

The scans are made here: the PDF writer's report, rendered to 200 dpi images with pypdfium2
(slightly rotated, as a real scan is) and re-embedded as an image-only PDF with Pillow.
"""
from __future__ import annotations

import sys
from io import BytesIO

import pytest

from zfxxgk.reports.errors import MissingExtraError, ReportReadError
from zfxxgk.reports.read import ocr, read
from zfxxgk.reports.read.blocks import LINE
from zfxxgk.reports.write import render
from testkit import need
from reports.factories import sample_document

needs_ocr = pytest.mark.needs("rapidocr")  # skips without zfxxgk[ocr], fails under CI=true (tests/testkit.py)


def page_images(pdf: bytes, dpi: int = 200, angle: float = 0.0):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    images = [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in doc]
    doc.close()
    return [im.rotate(angle, fillcolor="white") if angle else im for im in images]


def image_only_pdf(images, dpi: int = 200) -> bytes:
    out = BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


@pytest.fixture(scope="module")
def report():
    need("weasyprint")  # the scans are made from the PDF writer's output
    doc = sample_document("2021")
    return doc, render(doc, "pdf")


# --- without the extra ---------------------------------------------------------------------

def test_image_without_ocr_extra(monkeypatch):
    from PIL import Image

    png = BytesIO()
    Image.new("RGB", (50, 20), "white").save(png, "PNG")
    monkeypatch.setitem(sys.modules, "rapidocr", None)
    monkeypatch.setattr(ocr, "_engine_instance", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'zfxxgk\[ocr\]'"):
        read(png.getvalue())


def test_broken_image_is_a_read_error():
    with pytest.raises(ReportReadError, match="图片"):
        read(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)


# --- line rebuilding from boxes (no OCR engine needed) ----------------------------------------

def test_tilted_row_is_one_line_with_cells():
    np = need("numpy")
    slope = 0.012  # ≈0.7°: the right end of the row sits 14 px lower than the left
    texts = ["1.属于国家秘密", "3", "0", "12", "5"]
    xs = [(100, 400), (600, 630), (700, 730), (800, 840), (900, 930)]
    boxes = [[[x0, 200 + slope * x0], [x1, 200 + slope * x1], [x1, 230 + slope * x1], [x0, 230 + slope * x0]] for x0, x1 in xs]
    dark = np.zeros((400, 1000), dtype=bool)
    frags = ocr._frags(boxes, texts, [()] * len(texts), dark)
    lines = ocr.group_lines(frags)
    assert len(lines) == 1
    assert ocr.line_cells(lines[0], spaced=False) == texts


def test_ruling_cuts_a_box_and_splits_adjacent_numbers():
    np = need("numpy")
    dark = np.zeros((100, 400), dtype=bool)
    dark[:, 150] = True  # a vertical table ruling at x=150
    words = [("（", 1.0, [[100, 10], [110, 10], [110, 40], [100, 40]]),
             ("三", 1.0, [[110, 10], [120, 10], [120, 40], [110, 40]]),
             ("）", 1.0, [[120, 10], [130, 10], [130, 40], [120, 40]]),
             ("1", 1.0, [[160, 10], [165, 10], [165, 40], [160, 40]]),
             (".", 1.0, [[165, 10], [170, 10], [170, 40], [165, 40]]),
             ("其", 1.0, [[170, 10], [180, 10], [180, 40], [170, 40]]),
             ("他", 1.0, [[180, 10], [190, 10], [190, 40], [180, 40]])]
    box = [[98, 8], [192, 8], [192, 42], [98, 42]]
    num_a = [[200, 8], [215, 8], [215, 42], [200, 42]]
    num_b = [[216, 8], [231, 8], [231, 42], [216, 42]]
    frags = ocr._frags([box, num_a, num_b], ["（三）1.其他", "60", "67"], [words, (), ()], dark)
    line = ocr.group_lines(frags)[0]
    assert ocr.line_cells(line, spaced=False) == ["（三）", "1.其他", "60", "67"]


# --- the real engine ---------------------------------------------------------------------------

@pytest.mark.slow
@needs_ocr
def test_scanned_pdf_round_trip(report):
    doc, pdf = report
    got = read(image_only_pdf(page_images(pdf, angle=0.5)), "pdf")
    assert got.source_kind == "ocr" and got.ocr
    assert (got.agency, got.year) == ("某某县司法局", 2024)
    # the key values of every table come back, marked as OCR'd
    keys = [
        "active.regulations.made", "active.licensing", "active.fees_wan_yuan",
        *(f"requests.new_received.{c}" for c in ("natural_person", "commercial", "total")),
        *(f"requests.total.{c}" for c in ("natural_person", "other_org", "total")),
        "requests.granted.total", "requests.carried_forward.total",
        *(f"appeals.{g}.total" for g in ("reconsideration", "litigation_direct", "litigation_after_reconsideration")),
    ]
    for key in keys:
        assert key in got.cells, key
        assert got.cells[key].value == doc[key], key
        assert got.cells[key].ocr, key
    # OCR may miss a row whose label wraps in its cell, but never invents a value
    wrong = {p: (c.value, doc[p]) for p, c in got.cells.items() if c.value != doc.value(p)}
    assert not wrong
    assert len(got.cells) >= 0.9 * len(doc.cells)


@pytest.mark.slow
@needs_ocr
def test_png_page(report, monkeypatch):
    _, pdf = report
    # Offline, as on a government intranet server: only the models inside the wheel are used.
    import socket

    def no_network(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(ocr, "_engine_instance", None)  # load the models again, offline
    image = page_images(pdf)[1]  # page 2: the end of table 三 and table 四
    png = BytesIO()
    image.save(png, "PNG")
    bs = ocr.blocks(png.getvalue())
    assert bs and all(b.kind == LINE and b.ocr for b in bs)
    total = next(b for b in bs if any("总计" in c for c in b.cells[:1]))
    assert total.cells[-1].isdigit() and len(total.cells) == 8
    assert bs[0].where[0] == "第1行"


def test_digit_lookalikes_only_inside_a_run_of_numbers():
    assert ocr._fix_digits(["8.属于行政查询事项", "5", "6", "ε", "33"]) == ["8.属于行政查询事项", "5", "6", "3", "33"]
    assert ocr._fix_digits(["规章", "O"]) == ["规章", "O"]  # no number next to it: not guessed
    assert ocr._fix_digits(["Zhang", "1"]) == ["Zhang", "1"]
