"""PDF characters and rulings from PDFium, and the ruled-table finder built on them.

The grid rules are pdfplumber's (snap and join within 3 pt, the smallest closed rectangle per
grid point, cells sharing a corner make a table); the PDFs are made with WeasyPrint and turned,
doubled or wrapped with pypdfium2 to get what real producers do.
"""
from __future__ import annotations

import threading
from io import BytesIO

import pytest

from zfxxgk.reports.errors import ReportReadError
from zfxxgk.reports.read.blocks import ROW
from zfxxgk.reports.read.pdf import blocks, pages
from zfxxgk.reports.read.pdf_chars import Char, Edge
from zfxxgk.reports.read.pdf_grid import cell_texts, find_tables
from testkit import need

from .test_pdf import PAGE, lines, pdf_of, rows

need("weasyprint")


# --- the grid, on hand-made rulings ------------------------------------------------------------

def h(top, x0, x1):
    return Edge("h", top, x0, x1)


def v(x, top, bottom):
    return Edge("v", x, top, bottom)


def grid(xs, tops):
    """Full rulings of a table with column lines at ``xs`` and row lines at ``tops``."""
    return [h(t, xs[0], xs[-1]) for t in tops] + [v(x, tops[0], tops[-1]) for x in xs]


def test_a_grid_becomes_one_table_with_its_rows():
    (table,) = find_tables(grid([10, 60, 100], [20, 40, 60, 80]))
    assert table.bbox == (10, 20, 100, 80)
    assert table.rows == [[(10, 20, 60, 40), (60, 20, 100, 40)],
                          [(10, 40, 60, 60), (60, 40, 100, 60)],
                          [(10, 60, 60, 80), (60, 60, 100, 80)]]
    assert table.columns == 2


def test_rulings_a_little_apart_are_one_line():
    # a border printed as a thin box (two edges 1.5 pt apart) and a line broken at every
    # crossing, as WeasyPrint draws each cell's border on its own
    edges = [h(20, 10, 55), h(20.4, 57, 100), h(40, 10, 100), h(41.5, 10, 100), h(60, 10, 100),
             v(10, 20, 60), v(60, 20, 39), v(60.8, 41, 60), v(100, 20, 60)]
    (table,) = find_tables(edges)
    assert len(table.rows) == 2 and all(len(r) == 2 for r in table.rows)
    assert table.rows[0][0][1] == pytest.approx(20.2)  # snapped to the mean
    assert table.rows[0][0][3] == pytest.approx(40.75)


def test_a_merged_cell_covers_positions_with_none():
    # the first row spans both columns: no vertical line through it
    edges = [h(20, 10, 100), h(40, 10, 100), h(60, 10, 100), v(10, 20, 60), v(100, 20, 60), v(60, 40, 60)]
    (table,) = find_tables(edges)
    assert table.rows == [[(10, 20, 100, 40), None], [(10, 40, 60, 60), (60, 40, 100, 60)]]


def test_a_single_box_is_not_a_table_and_two_grids_are_two_tables():
    box = [h(10, 10, 200), h(30, 10, 200), v(10, 10, 30), v(200, 10, 30)]
    assert find_tables(box) == []
    lower, upper = grid([10, 50, 90], [300, 320, 340]), grid([10, 50, 90], [100, 120])
    tables = find_tables(lower + upper)
    assert [t.bbox[1] for t in tables] == [100, 300]  # top to bottom


def test_short_and_unconnected_edges_make_no_cells():
    edges = [h(20, 10, 12), v(11, 19, 21), h(100, 10, 100), v(300, 10, 50)]
    assert find_tables(edges) == []


def char(text, x0, top, size=10.0):
    return Char(x0, x0 + size * (0.5 if text.isascii() else 1), top, top + size, text)


def test_cell_text_lines_words_and_lost_characters():
    (table,) = find_tables(grid([10, 100, 200], [20, 60, 80]))
    chars = [char(c, 12 + 10 * i, 22) for i, c in enumerate("行政规范")] + \
            [char(c, 12 + 10 * i, 35) for i, c in enumerate("性文件")] + \
            [char("1", 105, 65), char("2", 110, 65), char(" ", 115, 65), char("3", 120, 65), char("4", 130, 65)] + \
            [char("外", 150, 90)]  # below the table's last ruling
    texts, lost = cell_texts(table, chars)
    assert texts == [["行政规范\n性文件", ""], ["", "12 3 4"]]
    assert [c.text for c in lost] == ["外"]


# --- PDFium on real PDFs ------------------------------------------------------------------------

def turned(data: bytes, rotation: int) -> bytes:
    """Each page drawn turned by ``rotation`` (counter-clockwise) inside a form XObject, on a
    page whose /Rotate turns it back: it displays as the original (scanners and Word's
    landscape pages do this)."""
    import pypdfium2 as pdfium

    src, dst = pdfium.PdfDocument(data), pdfium.PdfDocument.new()
    for i in range(len(src)):
        w, hgt = src.get_page_size(i)
        xobject = src.page_as_xobject(i, dst)
        page = dst.new_page(*((hgt, w) if rotation in (90, 270) else (w, hgt)))
        obj = xobject.as_pageobject()
        shift = {0: (0, 0), 90: (hgt, 0), 180: (w, hgt), 270: (0, w)}[rotation]
        obj.set_matrix(pdfium.PdfMatrix().rotate(rotation, ccw=True).translate(*shift))
        page.insert_obj(obj)
        page.gen_content()
        page.set_rotation(rotation)
    out = BytesIO()
    dst.save(out)
    return out.getvalue()


def cells(bs):
    return [(b.kind, b.cells) for b in bs]


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_rotated_page_inside_a_form_reads_as_displayed(rotation):
    plain = pdf_of(PAGE)
    got = blocks(turned(plain, rotation))
    assert cells(got) == cells(blocks(plain))
    assert rows(got)[2] == ["规章", "1", "2", "3"]


def test_sideways_text_is_not_read_as_lines():
    # /Rotate 90 without turning the content: the text runs down the displayed page
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdf_of("<p>一、总体情况</p><p>正文第一行</p><p>正文第二行</p>"))
    pdf[0].set_rotation(90)
    out = BytesIO()
    pdf.save(out)
    (page,) = pages(out.getvalue())
    assert page.chars == [] and page.sideways_text  # a text layer all the same: not a scan for OCR
    assert (page.width, page.height) == pytest.approx((841.89, 595.28), abs=0.1)
    assert blocks(out.getvalue()) == []


@pytest.mark.parametrize("dx, dy", [(0.3, 0.2), (1.0, 0.0), (0.0, 0.9)])
def test_a_glyph_printed_twice_is_read_once(dx, dy):
    # Word's fake bold prints the text again a fraction of a point away (pdfplumber needed
    # dedupe_chars for it; PDFium's text page drops the second print itself)
    twice = ('<div style="position:absolute;left:100pt;top:100pt">规章行政规范性文件 12</div>'
             f'<div style="position:absolute;left:{100 + dx}pt;top:{100 + dy}pt">规章行政规范性文件 12</div>')
    (page,) = pages(pdf_of(twice))
    assert "".join(c.text for c in page.chars if not c.text.isspace()) == "规章行政规范性文件12"
    assert lines(blocks(pdf_of(twice))) == [["规章行政规范性文件", "12"]]


def test_ligatures_and_their_neighbours_stay_one_word():
    text = '<p style="font-family: \'DejaVu Serif\', serif; font-size: 12pt">office efficient affluent fjord</p>'
    (page,) = pages(pdf_of(text))
    assert "".join(c.text for c in page.chars) == "office efficient affluent fjord"
    assert lines(blocks(pdf_of(text))) == [["office efficient affluent fjord"]]


def test_character_boxes_are_one_font_size_tall():
    (page,) = pages(pdf_of('<p style="font-size: 12pt">规章</p>'))
    assert [c.text for c in page.chars] == ["规", "章"]
    for c in page.chars:
        assert c.bottom - c.top == pytest.approx(12, abs=0.01)
        assert c.x1 - c.x0 == pytest.approx(12, abs=0.3)  # a CJK glyph's advance is one em


def test_white_and_page_sized_fills_are_not_rulings():
    (page,) = pages(pdf_of('<style>html { background: #fff }</style><div style="background:#fff;border:0;height:200pt">正文</div>'))
    assert page.edges == []
    (page,) = pages(pdf_of(PAGE))
    assert {e.orientation for e in page.edges} == {"h", "v"}


def test_threads_share_pdfium_safely():
    data = pdf_of(PAGE)
    expected = cells(blocks(data))
    results, errors = [], []

    def work():
        try:
            for _ in range(3):
                results.append(cells(blocks(data)))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(results) == 12 and all(r == expected for r in results)


def test_a_pdf_without_pages_is_corrupt():
    import pypdfium2 as pdfium

    out = BytesIO()
    pdfium.PdfDocument.new().save(out)
    with pytest.raises(ReportReadError, match="损坏"):
        blocks(out.getvalue())


def test_table_rows_keep_their_locations():
    bs = blocks(pdf_of(PAGE))
    table_rows = [b for b in bs if b.kind == ROW]
    assert [b.where[0] for b in table_rows] == [f"第1页 表格1 第{r}行第1列" for r in range(1, 5)]


def one_path_grid(xs, ys, texts: dict[tuple[int, int], str], thick: float = 0.6) -> bytes:
    """A ruled table whose rulings are thin filled rectangles, all subpaths of ONE path object
    (as WPS and some report generators draw them), and Helvetica text in its cells."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as C

    height = 842.0
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595.0, height)
    path = C.FPDFPageObj_CreateNewPath(xs[0], height - ys[0])

    def rect(x0, top, x1, bottom):
        C.FPDFPath_MoveTo(path, x0, height - top)
        C.FPDFPath_LineTo(path, x1, height - top)
        C.FPDFPath_LineTo(path, x1, height - bottom)
        C.FPDFPath_LineTo(path, x0, height - bottom)
        C.FPDFPath_Close(path)

    for y in ys:
        rect(xs[0], y - thick / 2, xs[-1], y + thick / 2)
    for x in xs:
        rect(x - thick / 2, ys[0], x + thick / 2, ys[-1])
    C.FPDFPageObj_SetFillColor(path, 0, 0, 0, 255)
    C.FPDFPath_SetDrawMode(path, C.FPDF_FILLMODE_WINDING, False)
    C.FPDFPage_InsertObject(page.raw, path)
    font = C.FPDFText_LoadStandardFont(pdf.raw, b"Helvetica")
    for (r, c), text in texts.items():
        obj = C.FPDFPageObj_CreateTextObj(pdf.raw, font, 10.0)
        utf16 = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
        C.FPDFText_SetText(obj, ctypes.cast(utf16, ctypes.POINTER(ctypes.c_ushort)))
        C.FPDFPageObj_Transform(obj, 1, 0, 0, 1, xs[c] + 3, height - ys[r + 1] + 4)
        C.FPDFPage_InsertObject(page.raw, obj)
    page.gen_content()
    out = BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_rulings_drawn_as_subpaths_of_one_path():
    texts = {(0, 0): "Rules", (0, 1): "1", (0, 2): "2", (0, 3): "3", (1, 0): "Normative", (1, 1): "4", (1, 3): "6"}
    data = one_path_grid([50, 200, 260, 320, 380], [100, 120, 140], texts)
    assert [(b.kind, b.cells) for b in blocks(data)] == [(ROW, ["Rules", "1", "2", "3"]), (ROW, ["Normative", "4", "", "6"])]
