"""The PDF front end: ruled tables, text lines, page numbers, scans, broken files, round trips.

PDFs are made here with WeasyPrint: small pages for the mechanics, the real PDF writer for
round trips, and ``<pre>`` pages for text-only (shredded / tab-aligned) layouts.
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

import pytest

from zfxxgk.reports.errors import MissingExtraError, ReportReadError
from zfxxgk.reports.read import ocr, read
from zfxxgk.reports.read.blocks import LINE, ROW
from zfxxgk.reports.read.pdf import Frag, blocks, drop_page_numbers, line_cells, split_numbers
from zfxxgk.reports.write import render
from testkit import need
from reports.factories import distinct_document

weasyprint = need("weasyprint")  # WeasyPrint (zfxxgk[pdf]) makes the test PDFs: skips without it, fails under CI=true

CSS = """@page { size: A4; margin: 2cm; %s }
body { font-family: "Noto Serif CJK SC", serif; font-size: 11pt; }
table { border-collapse: collapse; } td { border: 1px solid #000; padding: 2pt; }
pre { font-family: "Noto Sans Mono CJK SC", monospace; font-size: 9pt; white-space: pre-wrap; }"""


def pdf_of(body: str, footer: str = "") -> bytes:
    margin_box = f"@bottom-center {{ content: {footer}; }}" if footer else ""
    page = f'<html lang="zh-CN"><head><meta charset="utf-8"><style>{CSS % margin_box}</style></head><body>{body}</body></html>'
    return weasyprint.HTML(string=page).write_pdf()


def pre_pdf(text: str) -> bytes:
    return pdf_of(f"<pre>{html.escape(text)}</pre>", footer='"- " counter(page) " -"')


def rows(bs):
    return [b.cells for b in bs if b.kind == ROW]


def lines(bs):
    return [b.cells for b in bs if b.kind == LINE]


# --- positioned text -> cells (no PDF needed) ---------------------------------------------

def test_trailing_numbers_become_cells():
    assert split_numbers(["一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0"]) == ["一、本年新收政府信息公开申请数量"] + ["0"] * 7
    assert split_numbers(["规章 1 8 15"]) == ["规章", "1", "8", "15"]
    assert split_numbers(["1 8 15"]) == ["1", "8", "15"]
    assert split_numbers(["行政许可 — 12.5"]) == ["行政许可", "—", "12.5"]
    # prose is left alone: the last token is not a number, or there is only one token
    assert split_numbers(["全年公开政府信息 48 条"]) == ["全年公开政府信息 48 条"]
    assert split_numbers(["2024"]) == ["2024"]


def _chars(text: str, x: float = 0, size: float = 10, top: float = 100, step: float | None = None) -> list[Frag]:
    """Glyphs set one after another (``step``: advance per glyph, default its own width)."""
    out = []
    for c in text:
        width = size * (0.5 if c.isascii() else 1)
        out.append(Frag(x, x + width, top, top + size, c))
        x += step or width
    return out


def test_line_cells_split_on_wide_gaps_and_double_spaces():
    line = _chars("信息内容") + _chars("本年制发件数", x=120) + _chars("27", x=260)
    assert line_cells(line) == ["信息内容", "本年制发件数", "27"]
    spaced = _chars("规章  1", step=5)  # two space characters end a cell even when narrow
    assert line_cells(spaced) == ["规章", "1"]


def test_line_cells_add_word_spaces_only_between_latin_words():
    justified = _chars("条例要求", step=12)  # justified CJK: 2 pt between glyphs, still one word
    assert line_cells(justified) == ["条例要求"]
    assert line_cells(_chars("Page", step=5) + _chars("one", x=24, step=5)) == ["Page one"]


def test_page_number_only_in_margin_band_and_apart_from_body():
    height = 842.0
    body = [_chars("正文", top=100), _chars("最后一行", top=700)]
    footer = [_chars("3", top=800)]
    assert drop_page_numbers(body + [footer[0]], height) == body
    assert drop_page_numbers([_chars("- 3 -", top=20)] + body, height) == body
    # a value of a shredded table on the last body line, 4 pt below the previous line, stays
    close = [_chars("四、结转下年度继续办理", top=750), _chars("2", top=764)]
    assert drop_page_numbers(close, height) == close
    # a lone number in the middle of the page is a value, never a page number
    middle = [_chars("规章", top=400), _chars("7", top=500), _chars("末行", top=600)]
    assert drop_page_numbers(middle, height) == middle


# --- small PDFs -----------------------------------------------------------------------------

PAGE = """<h1 style="font-size: 14pt">某某县司法局2024年政府信息公开工作年度报告</h1>
<p>一、总体情况</p><p>本年度我局认真落实条例。</p>
<table><tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>1</td><td>2</td><td>3</td></tr>
<tr><td style="width:3em">行政规范性文件</td><td>4</td><td>5</td><td>6</td></tr></table>
<p>三、收到和处理政府信息公开申请情况</p>"""


def test_tables_become_rows_between_text_lines():
    bs = blocks(pdf_of(PAGE))
    assert [b.kind for b in bs] == [LINE] * 3 + [ROW] * 4 + [LINE]
    assert lines(bs)[0] == ["某某县司法局2024年政府信息公开工作年度报告"]
    assert rows(bs)[0] == ["第二十条第（一）项", "", "", ""]  # covered positions are ""
    assert rows(bs)[2] == ["规章", "1", "2", "3"]
    assert "\n" in rows(bs)[3][0]  # a wrapped label keeps its line break
    assert rows(bs)[3][1:] == ["4", "5", "6"]
    row = [b for b in bs if b.kind == ROW][2]
    assert row.where[1] == "第1页 表格1 第3行第2列" and row.table == 0
    assert bs[-1].where[0] == "第1页 第4行"


def test_white_background_is_not_a_table():
    # WeasyPrint paints html { background: #fff } as a filled rectangle: it must not turn
    # the whole page into one table whose cells are the headings and paragraphs.
    bs = blocks(pdf_of('<style>html { background: #fff }</style>' + PAGE))
    assert [b.kind for b in bs] == [LINE] * 3 + [ROW] * 4 + [LINE]


def test_footer_page_number_dropped_body_number_kept():
    bs = blocks(pdf_of("<p>一、总体情况</p><p>7</p>", footer='"第" counter(page) "页"'))
    assert lines(bs) == [["一、总体情况"], ["7"]]
    bs = blocks(pdf_of("<p>一、总体情况</p>", footer="counter(page)"))
    assert lines(bs) == [["一、总体情况"]]


def test_text_only_pdf_lines_are_split_into_cells():
    text = "一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3\n规章        1        8        15\n本年度我局认真落实条例。"
    bs = blocks(pre_pdf(text))
    assert all(b.kind == LINE for b in bs)
    assert lines(bs) == [
        ["一、本年新收政府信息公开申请数量", "3", "0", "0", "0", "0", "0", "3"],
        ["规章", "1", "8", "15"],
        ["本年度我局认真落实条例。"],
    ]


# --- broken input ---------------------------------------------------------------------------

def _encrypted_pdf() -> bytes:
    """A minimal PDF with a Standard security handler whose user password is not empty."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<%s> <%s>] >>\n" % (len(objs) + 1, b"33" * 16, b"33" * 16)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_encrypted_pdf_is_a_read_error():
    with pytest.raises(ReportReadError, match="加密"):
        read(_encrypted_pdf())


@pytest.mark.parametrize("data", [b"%PDF-1.7\n1 0 obj garbage", b"%PDF-1.4\n" + bytes(range(256)) * 20])
def test_corrupt_pdf_is_a_read_error(data):
    with pytest.raises(ReportReadError, match="损坏"):
        read(data)


def _image_only_pdf() -> bytes:
    from io import BytesIO

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(image).rectangle((20, 20, 380, 180), outline="black")
    out = BytesIO()
    image.save(out, "PDF", resolution=100)
    return out.getvalue()


def test_scanned_pdf_without_ocr_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "rapidocr", None)  # import rapidocr -> ImportError
    monkeypatch.setattr(ocr, "_engine_instance", None)
    with pytest.raises(MissingExtraError) as info:
        read(_image_only_pdf())
    assert "扫描版 PDF" in info.value.message
    assert "pip install 'zfxxgk[ocr]'" in info.value.message
    assert info.value.extra == "ocr"


# --- round trips through the real writers -----------------------------------------------------

@pytest.fixture(scope="module", params=["2021", "2019"])
def written(request):
    doc = distinct_document(request.param)
    return doc, render(doc, "pdf")


@pytest.mark.slow
def test_round_trip_cells_and_metadata(written):
    doc, data = written
    got = read(data, "pdf")
    assert got.source_kind == "pdf"
    assert (got.format, got.agency, got.year) == (doc.format, "某某县司法局", 2024)
    assert got.values()["cells"] == doc.values()["cells"]


@pytest.mark.slow
def test_a_long_title_wrapped_over_two_lines():
    from zfxxgk.reports.sample import sample_document

    doc = sample_document("2021", 0, agency="某某市某某区人民政府办公室", year=2023)
    got = read(render(doc, "pdf"), "pdf")
    assert (got.agency, got.year) == ("某某市某某区人民政府办公室", 2023)
    assert got.values()["cells"] == doc.values()["cells"]


@pytest.mark.slow
def test_round_trip_values(written):
    """Metadata, the six section texts and every cell, as the spec's round-trip contract says."""
    doc, data = written
    assert read(data, "pdf").values() == doc.values()


@pytest.mark.slow
def test_table_split_across_pages(written):
    doc, data = written
    bs = blocks(data)
    total = next(b for b in bs if b.kind == ROW and "（七）总计" in b.cells)
    values = [c for c in total.cells if c][-7:]
    assert values == [str(doc[f"requests.total.{c}"]) for c in
                      ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")]
    assert not any(b.kind == LINE and b.cells in (["1"], ["2"], ["3"]) for b in bs), "page numbers dropped"
    if doc.format == "2021":  # the writer's 2021 table 三 starts on page 1 and ends on page 2
        first = next(b for b in bs if b.kind == ROW and "一、本年新收政府信息公开申请数量" in b.cells)
        assert first.where[0].startswith("第1页") and total.where[0].startswith("第2页")
        assert first.table != total.table
        # the writer repeats table 三's header rows on page 2; the matcher takes the first occurrence
        assert any(b.kind == ROW and b.where[0].startswith("第2页") and "申请人情况" in b.cells for b in bs)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["2021", "2019"])
@pytest.mark.parametrize("writer", ["txt", "tsv"])
def test_text_only_pdf_round_trip(fmt, writer):
    """One cell per line (layout A) or tab-aligned rows, typeset in <pre> across several pages."""
    doc = distinct_document(fmt)
    got = read(pre_pdf(render(doc, writer).decode("utf-8")), "pdf")
    assert got.values()["cells"] == doc.values()["cells"]
    assert (got.agency, got.year) == ("某某县司法局", 2024)


SEEDS = sorted((Path(__file__).parents[2] / "fixtures" / "seeds").glob("*.txt"))


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_typeset_as_pdf_reads_like_the_text(seed):
    """The published seed reports, typeset line for line into a PDF, read exactly as the text does."""
    text = seed.read_text(encoding="utf-8")
    assert read(pre_pdf(text), "pdf").values() == read(text.encode("utf-8"), "text").values()
