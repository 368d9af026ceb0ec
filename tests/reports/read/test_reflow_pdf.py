"""Reflow on real printed pages: long narratives typeset by our PDF writer at several widths and
fonts, by LibreOffice (tests/reports/write/test_visual.py), dumped by pdftotext, and a contradiction
whose number the page printed on a line of its own."""
from __future__ import annotations

import html
import re
import subprocess

import pytest

from reports.narratives import KEYS, long_narrative, sentences
from testkit import need
from zfxxgk.reports.check import check
from zfxxgk.reports.read import read
from zfxxgk.reports.write import html as html_writer
from zfxxgk.reports.write import render

weasyprint = need("weasyprint")
pytestmark = pytest.mark.slow

# Our writer's page, and the same page narrower, larger, in a sans face and ragged right.
LAYOUTS = {
    "writer": "",
    "narrow-12pt": "@page { margin: 2cm 3.5cm } body { font-size: 12pt }",
    "sans-14pt-ragged": "body { font-family: 'Noto Sans CJK SC'; font-size: 14pt } p { text-align: left }",
    "10.5pt": "body { font-size: 10.5pt }",
}
_LONE_NUMBER = re.compile(r"^\s*[\d,.]+\s*$")


def pdf_of(doc, css: str) -> bytes:
    page = html_writer.page(doc).replace("</style>", css + "</style>")
    return weasyprint.HTML(string=page).write_pdf()


def _no_broken_sentence(got: str, want: str) -> None:
    """Every sentence whole (whatever paragraph it landed in) and no number on a line of its own."""
    assert sentences(got) == sentences(want)
    assert not any(_LONE_NUMBER.match(line) for line in got.split("\n"))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_our_writers_pages_read_back_as_the_paragraphs(seed):
    doc = long_narrative(seed)
    got = read(render(doc, "pdf"), "pdf")
    for key in KEYS:
        assert got.sections[key] == doc.sections[key], key


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_no_sentence_is_broken_at_any_width_or_font(layout):
    """Every sentence and number whole at every layout. (Where a sentence ends exactly at the
    right margin, the next line's width is all that tells a new paragraph from a continued one;
    with many digits or Latin letters on it the guess can go wrong — a paragraph boundary, never
    a sentence, is then misplaced.)"""
    doc = long_narrative(4)
    got = read(pdf_of(doc, LAYOUTS[layout]), "pdf")
    for key in KEYS:
        _no_broken_sentence(got.sections[key], doc.sections[key])
    assert got.values()["cells"] == doc.values()["cells"]


def test_a_pdftotext_dump_reads_back_as_the_paragraphs(tmp_path):
    pdftotext = need("pdftotext")
    doc = long_narrative(5)
    (tmp_path / "r.pdf").write_bytes(render(doc, "pdf"))
    subprocess.run([pdftotext, str(tmp_path / "r.pdf"), str(tmp_path / "r.txt")], check=True, timeout=60)
    dump = (tmp_path / "r.txt").read_text("utf-8")
    assert any(len(line) > 20 and not line.endswith("。") for line in dump.splitlines())  # it is wrapped
    got = read(dump.encode("utf-8"), "text")
    for key in KEYS:
        _no_broken_sentence(got.sections[key], doc.sections[key])
        assert "".join(got.sections[key].split()) == "".join(doc.sections[key].split())


def test_a_contradiction_whose_number_sits_alone_on_a_line_is_found():
    """W-NARR-NUM (spec §8.5): the page printed "…被申请行政复议" / "351" / "件。"; after reflow the
    rule reads "行政复议351件" against table 四's 行政复议 总计."""
    doc = long_narrative(6)
    table = doc["appeals.reconsideration.total"]
    assert table != 351
    lines = [
        "本年度，本机关全年通过政府网站主动公开各类政府信息",
        "5500余条，其中政策文件类信息351条，规划计划类信息",
        "12条，均按时更新完毕并归档。本年度因政府信息公开工",
        "作被申请行政复议",
        "351",
        "件，已全部办结。全年共收到政府信息公开申请12件，均",
        "在法定期限内予以答复，未发生超期答复的情况，群众满意。",
    ]
    doc.sections["appeals"] = "".join(lines)
    page = html_writer.page(doc).replace(f"<p>{html.escape(doc.sections['appeals'])}</p>",
                                         "<p>" + "<br>".join(html.escape(x) for x in lines) + "</p>")
    assert "<br>351<br>" in page
    got = read(weasyprint.HTML(string=page).write_pdf(), "pdf")
    assert got.sections["appeals"] == doc.sections["appeals"]
    found = [f for f in check(got) if f.rule == "W-NARR-NUM" and f.values.get("narrative") == 351]
    assert found and f"行政复议351件，而 表四 行政复议 总计 = {table}" in found[0].message


def test_an_ocr_scan_of_our_first_page_reads_back_as_the_paragraphs():
    """The first page of our PDF as a scan (no text layer): OCR lines are reflowed the same way."""
    need("rapidocr")
    import io

    import pypdfium2 as pdfium

    doc = long_narrative(7)
    document = pdfium.PdfDocument(render(doc, "pdf"))
    try:
        image = document[0].render(scale=200 / 72).to_pil().convert("RGB")
    finally:
        document.close()
    scan = io.BytesIO()
    image.save(scan, "PDF", resolution=200)
    from zfxxgk.reports.read import ocr, reflow

    lines = [reflow.Line(reflow.join_cells(b.cells), b.where[0]) for b in ocr.pdf_blocks(scan.getvalue())]
    assert lines and all(x.where.startswith("第1页") for x in lines)
    texts = [x.text for x in lines]
    start, end = texts.index("一、总体情况") + 1, texts.index("二、主动公开政府信息情况")
    full = reflow.measure(lines[start:end] + lines[end + 1:])  # the page's text block, as assemble() does
    got = reflow.reflow(lines[start:end], full)
    assert "\n".join(p.text for p in got) == doc.sections["overview"]
