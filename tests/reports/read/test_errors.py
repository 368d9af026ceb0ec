"""Inputs that are not readable annual reports: every one raises a ReportError subclass with a
Chinese message, never another exception type and never a silently wrong document."""
from __future__ import annotations

import io
import json
import random
import re
import sys
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.factories import sample_document
from zfxxgk.reports.errors import MissingExtraError, ReportError, ReportReadError
from zfxxgk.reports.read import KINDS, read
from zfxxgk.reports.write import render

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _raises(data, kind=None, name="", cls=ReportReadError) -> ReportError:
    with pytest.raises(ReportError) as info:
        read(data, kind, name=name)
    err = info.value
    assert isinstance(err, cls), type(err)
    assert _CJK.search(err.message), err.message  # a Chinese message for the user
    assert str(err) == err.message
    return err


# --- nothing to read ---------------------------------------------------------------------

@pytest.mark.parametrize("data", [b"", b"   ", b"\n\n\t \r\n", "\u3000\u3000\n".encode(), b"\xef\xbb\xbf"])
def test_empty_or_whitespace_only(data: bytes):
    err = _raises(data)
    assert "空" in err.message or "没有" in err.message


def test_empty_file_on_disk(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "空" in _raises(path).message


def test_missing_file_and_directory(tmp_path):
    assert "无法打开" in _raises(tmp_path / "nope.docx").message
    assert "无法打开" in _raises(tmp_path).message


@pytest.mark.parametrize("kind", ["text", "html", "markdown"])
def test_whitespace_only_with_a_kind(kind: str):
    _raises(b" \n \n", kind)


def test_html_without_text():
    _raises(b"<html><head><title></title></head><body><div>  </div></body></html>", "html")


# --- not a report or not a file we read ------------------------------------------------

def test_binary_garbage():
    rnd = random.Random(1)
    data = bytes(rnd.randrange(256) for _ in range(4096))
    assert "无法识别" in _raises(data).message


def test_undecodable_text():
    data = "一、总体情况\n".encode() + b"\x80\xff\xfe\x81" * 3 + b"\n"
    _raises(data, "text")


def test_zip_that_is_neither_docx_nor_xlsx():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "hello")
        z.writestr("data/report.csv", "a,b\n1,2\n")
    err = _raises(buf.getvalue(), name="report.zip")
    assert "DOCX" in err.message and "XLSX" in err.message


def test_old_word_doc_ole2():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"Word.Document.8" + b"\x00" * 1000
    err = _raises(data, name="report.doc")
    assert ".docx" in err.message


@pytest.mark.parametrize("text", [
    "今天天气很好，我们去公园散步。\n晚上吃饭。\n",
    "关于开展2024年度安全生产检查的通知\n各单位：\n请于3月31日前完成自查。\n",
    "一、总体情况\n本年度工作顺利。\n二、主动公开政府信息情况\n无。\n",
])
def test_text_that_is_not_a_report(text: str):
    err = _raises(text.encode())
    assert "年度报告" in err.message or "表三" in err.message


def test_html_page_that_is_not_a_report():
    _raises("<html><body><h1>欢迎访问</h1><p>网站首页</p><table><tr><td>新闻</td><td>3</td></tr></table></body></html>".encode())


@pytest.mark.parametrize("layout", ["tsv", "txt", "html", "md"])
def test_report_without_table_3_names_table_3(layout: str):
    doc = sample_document("2021", 3)
    for path in [p for p in doc.cells if p.startswith("requests.")]:
        del doc.cells[path]
    data = render(doc, layout)
    kind = {"tsv": "text", "txt": "text", "md": "markdown"}.get(layout, layout)
    text = data.decode()
    # and without the (empty) table skeleton the writer prints
    if layout == "html":
        tables = [m.span() for m in re.finditer(r"<table\b.*?</table>", text, re.S)]
        start, stop = next(span for span in tables if "勾稽关系" in text[span[0]:span[1]])
    else:
        start = text.rindex("\n", 0, text.index("（本列数据的勾稽关系为"))
        stop = text.index("四、政府信息公开行政复议")
        stop = text.rindex("\n", 0, stop)
    text = text[:start] + text[stop:]
    assert "本年新收" not in text
    err = _raises(text.encode(), kind)
    assert "表三" in err.message


def test_truncated_docx():
    data = render(sample_document("2021", 4), "docx")
    for cut in (len(data) // 2, len(data) - 30, 200):
        _raises(data[:cut], name="report.docx")
        _raises(data[:cut], "docx")


def test_docx_with_broken_document_xml():
    data = render(sample_document("2021", 5), "docx")
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "word/document.xml":
                body = body[: len(body) // 3]
            out.writestr(item, body)
    _raises(buf.getvalue(), name="report.docx")


def test_truncated_xlsx():
    data = render(sample_document("2021", 6), "xlsx")
    _raises(data[: len(data) // 2], name="report.xlsx")


def test_broken_pdf():
    _raises(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF garbage", name="report.pdf")


@pytest.mark.parametrize("payload", [
    {"format": "2021", "requests": {"total": {"total": "abc"}}},
    {"format": "2021", "requests": {"total": {"total": [1, 2]}}},
])
def test_report_json_with_bad_values(payload: dict):
    _raises(json.dumps(payload).encode(), name="report.json")


def test_wrong_kind_given_for_the_bytes():
    txt = render(sample_document("2021", 7), "txt")
    for kind in ("docx", "xlsx", "pdf"):
        _raises(txt, kind)


# --- scans without the OCR extra ---------------------------------------------------------

def _no_ocr(monkeypatch):
    from zfxxgk.reports.read import ocr

    monkeypatch.setattr(ocr, "_engine_instance", None)
    monkeypatch.setitem(sys.modules, "rapidocr", None)  # "import rapidocr" now raises ImportError


def _image(fmt: str) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(image).rectangle((50, 50, 550, 300), outline="black", width=3)
    buf = io.BytesIO()
    image.save(buf, fmt)
    return buf.getvalue()


def test_image_only_pdf_without_ocr(monkeypatch):
    _no_ocr(monkeypatch)
    data = _image("PDF")
    assert data.startswith(b"%PDF")
    err = _raises(data, name="scan.pdf", cls=MissingExtraError)
    assert "zfxxgk[ocr]" in err.message and err.extra == "ocr"
    _raises(data, "pdf", cls=MissingExtraError)


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_photo_without_ocr(monkeypatch, fmt: str):
    _no_ocr(monkeypatch)
    err = _raises(_image(fmt), name=f"scan.{fmt.lower()}", cls=MissingExtraError)
    assert "zfxxgk[ocr]" in err.message


# --- fuzz: broken versions of real files --------------------------------------------------

_FILES = {fmt: render(sample_document("2021", 8), fmt) for fmt in ("txt", "tsv", "html", "md", "json")}


def _mutate(data: bytes, rnd: random.Random) -> bytes:
    data = bytearray(data)
    how = rnd.randrange(4)
    if how == 0:  # truncated
        return bytes(data[: rnd.randrange(len(data))])
    if how == 1:  # bytes flipped
        for _ in range(rnd.randint(1, 40)):
            data[rnd.randrange(len(data))] = rnd.randrange(256)
        return bytes(data)
    if how == 2:  # a slice cut out
        a = rnd.randrange(len(data))
        b = min(len(data), a + rnd.randrange(2000))
        return bytes(data[:a] + data[b:])
    return bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 600)))  # noise


@settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(_FILES)), st.sampled_from([None, *[k for k in KINDS if k not in ("ocr", "pdf")]]), st.randoms(use_true_random=False))
def test_broken_inputs_raise_only_report_errors(fmt: str, kind, rnd):
    data = _mutate(_FILES[fmt], rnd)
    try:
        doc = read(data, kind, name=f"x.{fmt}")
    except ReportError as err:
        assert _CJK.search(err.message), err.message
    else:
        assert doc.cells or doc.format == "pre2019"
