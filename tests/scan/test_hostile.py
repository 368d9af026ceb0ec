"""Bad and hostile input: every case is an UNREADABLE finding with a Chinese message, quickly,
never an exception; and the plain kinds (TXT, HTML, encodings) read right."""
from __future__ import annotations

import io
import random
import time
import zipfile

import pytest

from zfxxgk.scan import Kind, extract_text, scan_file
from zfxxgk.scan import extract as extract_module

CPU_SECONDS = 3.0  # generous: each case takes milliseconds to a second of CPU here


def scan(data: bytes):
    start = time.process_time()
    result = scan_file(data, "上传的文件")
    assert time.process_time() - start < CPU_SECONDS
    return result


def unreadable(data: bytes) -> str:
    result = scan(data)
    [f] = [f for f in result.findings if f.kind == Kind.UNREADABLE]
    assert f.message and any("\u4e00" <= ch <= "\u9fff" for ch in f.message) and "年度报告" not in f.message
    assert result.text == ""
    return f.message


def zip_of(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return buf.getvalue()


@pytest.mark.parametrize("data, words", [
    (b"", "空的"), (b"   \n\t ", "空的"),
    (random.Random(1).randbytes(200_000), "无法识别"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "图片"),
    (b"\xff\xd8\xff\xe0" + bytes(100), "图片"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "旧版 Office"),
    (b"Rar!\x1a\x07\x00" + bytes(100), "压缩包"),
    (zip_of({"photos/a.jpg": b"\xff\xd8\xff"}), "压缩包"),
    (zip_of({"ppt/presentation.xml": b"<p/>"}), "演示文稿"),
    (zip_of({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<d/>"}), "OFD"),
    (zip_of({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}, zipfile.ZIP_STORED), "OpenDocument"),
    (b"PK\x03\x04" + random.Random(2).randbytes(5000), "损坏"),
    (b"%PDF-1.7\n" + random.Random(3).randbytes(5000), "PDF"),
])
def test_unreadable_kinds_say_why(data, words):
    assert words in unreadable(data)


def test_truncated_office_files(make_xlsx, make_docx):
    for data in (make_xlsx(), make_docx()):
        assert "损坏" in unreadable(data[: len(data) // 2])


def test_truncated_pdf_never_raises(make_pdf):
    data = make_pdf("<p>联系人手机 13812345678</p>" * 30)
    result = scan(data[: len(data) // 2])
    assert result.kind in ("pdf", "unreadable")  # PDFium repairs what it can; either way no exception


def test_zip_bomb_is_refused_before_it_is_inflated():
    bomb = zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document>" + b" " * 60_000_000})
    assert len(bomb) < 200_000
    assert "压缩炸弹" in unreadable(bomb)


def test_entity_expansion_is_refused(make_xlsx, rewrite_zip_fn):
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
              b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&lol2;</workbook>')
    data = rewrite_zip_fn(make_xlsx(), {"xl/workbook.xml": lambda _: laughs})
    assert "DTD" in unreadable(data)


def test_too_many_rows_is_refused(make_xlsx, rewrite_zip_fn):
    rows = b"".join(b'<row r="%d"><c r="A%d" t="n"><v>1</v></c></row>' % (i, i) for i in range(1, 60_002))

    def sheet(xml):
        head, _, rest = xml.partition(b"<sheetData>")
        return head + b"<sheetData>" + rows + b"</sheetData>" + rest.partition(b"</sheetData>")[2]

    data = rewrite_zip_fn(make_xlsx(), {"xl/worksheets/sheet1.xml": sheet})
    assert "行数" in unreadable(data)


def test_a_sparse_sheet_spanning_the_whole_grid_is_quick(make_xlsx):
    def build(wb):
        wb["公开"]["XFD1048576"] = "最后一格"
        wb["公开"].row_dimensions[1048576].hidden = True

    result = scan(make_xlsx(build))
    assert [(f.kind, f.place) for f in result.findings] == [(Kind.HIDDEN_ROWS, "工作表“公开”第1048576行")]


def test_a_long_word_list_is_checked_not_refused(make_docx, rewrite_zip_fn):
    # 30,000 paragraphs: past the annual-report reader's block cap, well within what a scan takes
    paras = b"".join(b"<w:p><w:r><w:t>%d</w:t></w:r></w:p>" % i for i in range(30_000))
    data = rewrite_zip_fn(make_docx(), {"word/document.xml": lambda xml: xml.replace(b"<w:body>", b"<w:body>" + paras)})
    result = scan(data)
    assert result.kind == "docx" and result.findings == [] and "29999" in result.text


def test_broken_document_xml(make_docx, rewrite_zip_fn):
    data = rewrite_zip_fn(make_docx(), {"word/document.xml": lambda xml: xml[:-40]})
    assert "不是有效的 XML" in unreadable(data)


def test_input_and_text_caps(monkeypatch):
    monkeypatch.setenv("ZFXXGK_MAX_INPUT_MB", "1")
    assert "ZFXXGK_MAX_INPUT_MB" in unreadable(b"a" * (2 << 20))
    monkeypatch.setenv("ZFXXGK_MAX_TEXT_CHARS", "1000")
    lines = "\n".join(f"第{i}行 普通文字" for i in range(500)) + "\n手机13812345678"
    result = scan(lines.encode())
    assert [f.kind for f in result.findings] == [Kind.UNREADABLE]
    assert "ZFXXGK_MAX_TEXT_CHARS" in result.findings[0].message and result.text


def test_an_unexpected_library_error_is_a_finding_not_an_exception(monkeypatch, make_xlsx, caplog):
    def broken(data):
        raise RuntimeError("library bug")

    monkeypatch.setitem(extract_module.READERS, "xlsx", broken)
    assert "损坏或结构异常" in unreadable(make_xlsx())
    assert "unexpected error" in caplog.text


@pytest.mark.parametrize("data, kind, place", [
    ("标题\n联系人：13812345678\n".encode(), "text", "第2行"),
    ("标题\r\n联系人：13812345678\r\n".encode("gb18030"), "text", "第2行"),
    ("\ufeff标题\n联系人：13812345678".encode("utf-16-le"), "text", "第2行"),
    (("<html><head><script>var t='13912345678'</script></head><body><h1>通知</h1><p>一段</p>"
      "<table><tr><td>联系人</td><td>13812345678</td></tr></table></body></html>").encode(), "html", "第3段"),
])
def test_text_and_html(data, kind, place):
    result = scan(data)
    assert result.kind == kind
    assert [(f.kind, f.place) for f in result.findings] == [(Kind.MOBILE, place)]
    assert "13912345678" not in result.text  # script content is not visible text


def test_extract_text_for_search(make_xlsx, make_docx, make_pdf):
    kind, text = extract_text(make_docx())
    assert kind == "docx" and "财政预算" in text
    kind, text = extract_text(make_xlsx())
    assert kind == "xlsx" and "道路维修" in text
    assert extract_text(make_pdf("<p>公开内容</p>"))[0] == "pdf" and "公开内容" in extract_text(make_pdf("<p>公开内容</p>"))[1]
    assert extract_text(b"\x89PNG\r\n\x1a\n" + bytes(10)) == ("image", "")
    assert extract_text(b"PK\x03\x04broken") == ("unreadable", "")
