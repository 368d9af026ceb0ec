"""The DOCX front end: reading order, the true grid of merged cells, odd content, bad input."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.shared import Pt

from zfxxgk.reports.errors import ReportReadError
from zfxxgk.reports.read import read
from zfxxgk.reports.read.blocks import PARAGRAPH, ROW
from zfxxgk.reports.read.docx import blocks
from zfxxgk.standard.format2021 import COLUMN_KEYS

TEMPLATE = Path("/work/shared/reference/annual-report-template-2021.docx")
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rows_of(bs, table=None):
    return [b.cells for b in bs if b.kind == ROW and (table is None or b.table == table)]


def merged_document():
    """A paragraph, a 4×4 table with a horizontal, a vertical and a 2×2 merge, a paragraph."""
    d = docx.Document()
    d.add_paragraph("一、总体情况")
    d.add_paragraph("")  # empty paragraphs are not blocks
    t = d.add_table(rows=4, cols=4)
    texts = [["左上", "横向合并", "", "D1"], ["纵向合并", "B2", "C2", "D2"], ["", "块合并", "", "D3"], ["A4", "", "", "D4"]]
    for r, line in enumerate(texts):
        for c, text in enumerate(line):
            if text:
                t.cell(r, c).text = text
    t.cell(0, 1).merge(t.cell(0, 2))  # horizontal: gridSpan
    t.cell(1, 0).merge(t.cell(2, 0))  # vertical: vMerge restart/continue
    t.cell(2, 1).merge(t.cell(3, 2))  # both at once
    d.add_paragraph("二、主动公开政府信息情况")
    return d


def test_merged_cells_appear_once_at_their_origin():
    bs = blocks(save(merged_document()))
    assert [b.kind for b in bs] == [PARAGRAPH, ROW, ROW, ROW, ROW, PARAGRAPH]
    assert rows_of(bs) == [
        ["左上", "横向合并", "", "D1"],
        ["纵向合并", "B2", "C2", "D2"],
        ["", "块合并", "", "D3"],
        ["A4", "", "", "D4"],
    ]
    assert bs[0].cells == ["一、总体情况"] and bs[0].where == ["第1段"]
    assert bs[-1].where == ["第2段"]
    assert bs[1].table == 1
    assert bs[2].loc(2) == "表格1 第2行第3列"
    assert all(len(b.where) == len(b.cells) for b in bs)


def test_cell_paragraphs_join_with_newlines_and_empty_ones_drop():
    d = docx.Document()
    t = d.add_table(rows=1, cols=2)
    cell = t.cell(0, 0)
    cell.text = "结果"
    cell.add_paragraph("")
    cell.add_paragraph("维持 ")
    t.cell(0, 1).text = "\u3000\u3000"  # the template's ideographic-space "blank"
    assert rows_of(blocks(save(d))) == [["结果\n维持", ""]]


def test_nested_table_reads_after_the_row_that_holds_it():
    d = docx.Document()
    outer = d.add_table(rows=2, cols=2)
    outer.cell(0, 0).text = "外A"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内1"
    inner.cell(0, 1).text = "内2"
    outer.cell(1, 0).text = "外B"
    bs = blocks(save(d))
    assert rows_of(bs) == [["外A", ""], ["内1", "内2"], ["外B", ""]]
    assert [b.table for b in bs] == [1, 2, 1]
    assert bs[1].loc(1) == "表格2 第1行第2列"


def test_one_column_layout_table_reads_as_its_content():
    d = docx.Document()
    frame = d.add_table(rows=1, cols=1)
    frame.cell(0, 0).text = "某某县司法局2024年政府信息公开工作年度报告"
    frame.cell(0, 0).add_paragraph("一、总体情况")
    data = frame.cell(0, 0).add_table(rows=1, cols=2)
    data.cell(0, 0).text = "规章"
    data.cell(0, 1).text = "3"
    bs = blocks(save(d))
    assert [(b.kind, b.cells) for b in bs] == [
        (PARAGRAPH, ["某某县司法局2024年政府信息公开工作年度报告"]),
        (PARAGRAPH, ["一、总体情况"]),
        (ROW, ["规章", "3"]),
    ]


def _body_xml(inner: str) -> bytes:
    """A DOCX whose body is ``inner`` (raw WordprocessingML)."""
    d = docx.Document()
    body = d.element.body
    for el in parse_xml(f"<w:body {W} {VML}>{inner}</w:body>"):
        body.insert(len(body) - 1, el)  # before sectPr
    return save(d)


VML = 'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def test_paragraph_text_is_what_the_reader_sees():
    data = _body_xml(
        "<w:p><w:bookmarkStart w:id='0' w:name='_GoBack'/><w:r><w:t>一、</w:t></w:r>"
        "<w:del w:id='1' w:author='x'><w:r><w:delText>删除</w:delText></w:r></w:del>"
        "<w:ins w:id='2' w:author='x'><w:r><w:t>总体</w:t></w:r></w:ins>"
        "<w:hyperlink><w:r><w:t>情况</w:t></w:r></w:hyperlink></w:p>"
        # a field: the code is hidden, the result is shown
        "<w:p><w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>7</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r></w:p>"
        "<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:br w:type='page'/><w:t>丁</w:t></w:r></w:p>"
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>内容控件</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    assert [b.cells[0] for b in blocks(data)] == ["一、总体情况", "7", "甲\t乙\n丙丁", "内容控件"]


def test_text_box_reads_once_after_its_paragraph():
    box = "<w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent>"
    data = _body_xml(
        "<w:p><w:r><w:t>锚点</w:t></w:r><w:r><mc:AlternateContent>"
        f"<mc:Choice Requires='wps'><w:drawing>{box}</w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    assert [b.cells for b in blocks(data)] == [["锚点"], ["文本框"]]


def test_grid_before_hmerge_and_short_rows_are_padded():
    data = _body_xml(
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        "<w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:trPr><w:gridBefore w:val='1'/></w:trPr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:tcPr><w:hMerge w:val='restart'/></w:tcPr><w:p><w:r><w:t>旧式合并</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>z</w:t></w:r></w:p></w:tc></w:tr>"
        "</w:tbl>"
    )
    assert rows_of(blocks(data)) == [["a", "b", "c"], ["", "x", ""], ["旧式合并", "", "z"]]


def test_images_headers_footers_and_no_tables_are_fine():
    d = docx.Document()
    d.sections[0].header.add_paragraph("页眉文字")
    d.sections[0].footer.add_paragraph("第 1 页")
    d.add_paragraph("正文第一段")
    d.add_picture(io.BytesIO(_png()), width=Pt(20))
    d.add_paragraph("正文第二段")
    assert [b.cells for b in blocks(save(d))] == [["正文第一段"], ["正文第二段"]]


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(out, "PNG")
    return out.getvalue()


def test_reference_template_tables_have_the_official_sizes():
    bs = blocks(TEMPLATE.read_bytes())
    tables = sorted({b.table for b in bs if b.kind == ROW})
    assert [len(rows_of(bs, t)) for t in tables] == [14, 28, 4]
    assert [{len(r) for r in rows_of(bs, t)} for t in tables] == [{4}, {10}, {15}]
    t3 = rows_of(bs, tables[1])
    assert t3[0][0].startswith("（本列数据的勾稽关系为") and t3[0][3] == "申请人情况"
    assert t3[5][:3] == ["三、本年度办理结果", "（一）予以公开", ""]  # colspan 2 after a rowspan
    assert t3[6][0] == ""  # covered by 三、本年度办理结果's vertical merge
    headings = [b.cells[0] for b in bs if b.kind == PARAGRAPH]
    assert headings[1] == "一、总体情况" and headings[-1].startswith("（文字描述，收取信息处理费")


def _zip_without_word() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    return buf.getvalue()


@pytest.mark.parametrize(
    "data", [b"PK\x03\x04 this is not really a zip", _zip_without_word()], ids=["truncated-zip", "zip-without-word"]
)
def test_corrupt_input_is_a_chinese_error(data):
    with pytest.raises(ReportReadError) as err:
        blocks(data)
    assert "Word" in err.value.message and "DOCX" in err.value.message
    assert err.value.detail  # English detail for the log


def test_broken_document_xml_through_read():
    src = io.BytesIO(save(merged_document()))
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            zout.writestr(item, b"<w:document><w:body><oops" if item.filename == "word/document.xml" else body)
    with pytest.raises(ReportReadError) as err:
        read(out.getvalue(), "docx")
    assert "Word" in err.value.message


def test_a_workbook_is_not_a_word_document():
    from openpyxl import Workbook

    buf = io.BytesIO()
    Workbook().save(buf)
    with pytest.raises(ReportReadError) as err:
        blocks(buf.getvalue())
    assert "Word" in err.value.message


def test_a_label_merged_over_two_columns_never_shifts_the_values():
    """A 表三 row whose label spans two grid columns and whose 总计 is left blank: the values stay
    under their own headers (a covered position is no value cell)."""
    d = docx.Document()
    t = d.add_table(rows=1, cols=9)
    for c, text in enumerate(["（一）予以公开", "", "258", "12", "", "", "1", "1", ""]):
        if text:
            t.cell(0, c).text = text
    t.cell(0, 0).merge(t.cell(0, 1))
    doc = read(save(d), "docx")
    cols = COLUMN_KEYS
    assert [doc[f"requests.granted.{c}"] for c in cols] == [258, 12, 0, 0, 1, 1, 0]
    assert doc.cells["requests.granted.total"].status == "blank"
