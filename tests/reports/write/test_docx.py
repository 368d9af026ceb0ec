"""The DOCX writer: the template's page and tables, real merges, fonts, round trips, LibreOffice."""
from __future__ import annotations

import functools
import io
import os
import subprocess

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Twips

from testkit import need
from reports.factories import distinct_document, sample_document
from zfxxgk.reports.model import ReportDocument
from zfxxgk.reports.read import read
from zfxxgk.reports.write import render
from zfxxgk.reports.write.layout import table2, table3, table4
from zfxxgk.standard.format2021 import TABLE3_NOTE

@functools.lru_cache(maxsize=None)
def rendered(fmt: str) -> bytes:  # rendering takes ~0.2 s; most tests share one output
    return render(distinct_document(fmt), "docx")


def open_docx(doc: ReportDocument | str):
    data = rendered(doc) if isinstance(doc, str) else render(doc, "docx")
    return docx.Document(io.BytesIO(data))


@pytest.mark.parametrize("fmt", ["2021", "2019"])
def test_round_trip_every_cell_distinct(fmt):
    assert read(rendered(fmt), "docx").values() == distinct_document(fmt).values()


@pytest.mark.parametrize("fmt, seed", [("2021", 1), ("2019", 2)])
def test_round_trip_sample_document(fmt, seed):
    doc = sample_document(fmt, seed)
    back = read(render(doc, "docx"), "docx")
    assert back.values() == doc.values()
    assert back.source_kind == "docx"


def test_page_is_a4_portrait_with_the_template_margins():
    section = open_docx("2021").sections[0]
    assert (section.page_width, section.page_height) == (Twips(11906), Twips(16838))
    assert (section.top_margin, section.bottom_margin) == (Twips(1440), Twips(1440))
    assert (section.left_margin, section.right_margin) == (Twips(1800), Twips(1800))


@pytest.mark.parametrize("fmt, sizes", [("2021", [(14, 4), (28, 10), (4, 15)]), ("2019", [(18, 4), (26, 10), (4, 15)])])
def test_tables_have_the_grid_sizes_and_real_merges(fmt, sizes):
    doc = distinct_document(fmt)
    d = open_docx(fmt)
    assert [(len(t.rows), len(t.columns)) for t in d.tables] == sizes
    for table, grid in zip(d.tables, (table2(doc), table3(doc), table4(doc))):
        assert table.style.name == "Table Grid"
        tcs = table._tbl.xpath(".//w:tc")
        spans = sorted(int(s) for s in table._tbl.xpath(".//w:gridSpan/@w:val"))
        restarts = len(table._tbl.xpath(".//w:vMerge[@w:val='restart']"))
        cells = [c for line in grid.rows for c in line]
        # one w:tc per grid cell and per row it covers below its first row
        assert len(tcs) == sum(c.rowspan for c in cells)
        assert spans == sorted(c.colspan for c in cells for _ in range(c.rowspan) if c.colspan > 1)
        assert restarts == sum(1 for c in cells if c.rowspan > 1)


def test_table3_note_cell_and_text_in_the_cells():
    d = open_docx("2021")
    t3 = d.tables[1]
    assert t3.cell(0, 0).text == TABLE3_NOTE
    assert t3.cell(2, 0).text == TABLE3_NOTE  # the same merged cell, three rows down
    assert t3.cell(3, 0).text == "一、本年新收政府信息公开申请数量"
    assert d.tables[0].cell(13, 1).text == "12.5"  # 行政事业性收费, 万元
    size = d.styles["Table Text"].font.size
    assert size.pt == 10  # the template's w:sz 20


def test_fonts_sizes_and_alignment():
    d = open_docx("2021")
    title, heading, body = d.paragraphs[0], d.paragraphs[1], d.paragraphs[2]
    assert title.text == "某某县司法局2024年政府信息公开工作年度报告"
    assert title.style.paragraph_format.alignment == 1  # centred
    assert heading.text == "一、总体情况"

    def east_asia(style):
        return style.element.rPr.rFonts.get(qn("w:eastAsia"))

    # the reference template: 宋体 throughout, title bold 小二, headings bold, body 小四
    assert east_asia(title.style) == east_asia(heading.style) == east_asia(d.styles["Normal"]) == "宋体"
    assert body.style.name == "Normal"
    assert (title.style.font.size.pt, title.style.font.bold) == (18, True)
    assert (heading.style.font.size.pt, heading.style.font.bold) == (12, True)
    assert d.styles["Normal"].font.size.pt == 12  # 小四
    assert d.styles["Normal"].paragraph_format.first_line_indent.pt == 24  # two characters


def test_pre2019_and_empty_documents_render():
    old = ReportDocument(format="pre2019", agency="某某县", year=2015, sections={"overview": "概述。"})
    assert open_docx(old).tables == []
    empty = open_docx(ReportDocument())
    assert [len(t.rows) for t in empty.tables] == [14, 28, 4]
    assert empty.tables[2].cell(3, 0).text == ""  # not reported stays blank, never a made-up 0


def _soffice(tmp_path, src, target: str):
    soffice = need("soffice")  # skips without LibreOffice, fails under CI=true
    home = tmp_path / "home"  # a private profile: no lock shared with other soffice runs
    home.mkdir(exist_ok=True)
    out = tmp_path / "out"
    subprocess.run(
        [soffice, "--headless", "--convert-to", target, "--outdir", str(out), str(src)],
        env={**os.environ, "HOME": str(home)}, capture_output=True, timeout=120, check=False,
    )
    return out / src.with_suffix("." + target.split(":")[0]).name


@pytest.mark.slow
def test_libreoffice_opens_the_output(tmp_path):
    src = tmp_path / "report.docx"
    src.write_bytes(render(sample_document("2021", 0), "docx"))
    pdf = _soffice(tmp_path, src, "pdf")
    assert pdf.exists() and pdf.stat().st_size > 0


@pytest.mark.slow
def test_a_libreoffice_resave_reads_back_the_same(tmp_path):
    # LibreOffice writes merges its own way (and so would Word/WPS on save): the grid must hold.
    src = tmp_path / "report.docx"
    doc = sample_document("2019", 4)
    src.write_bytes(render(doc, "docx"))
    resaved = _soffice(tmp_path, src, "docx:MS Word 2007 XML")
    assert read(resaved.read_bytes(), "docx").values() == doc.values()


def test_control_characters_are_dropped():
    doc = ReportDocument(agency="某某县司法局", year=2024, sections={"other": "含控制符\x08的段落\x01"})
    assert open_docx(doc).paragraphs[-1].text == "含控制符的段落"
