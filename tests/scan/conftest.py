"""Real files for the scan tests, made with the libraries people's files come from: openpyxl,
python-docx (plus raw XML where it has no API), WeasyPrint, pypdfium2 and LibreOffice."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest

ID = "430103199001011234"  # a valid 居民身份证号码 (MOD 11-2), see test_personal.id18


def rewrite_zip(data: bytes, changes: dict[str, Callable[[bytes | None], bytes]]) -> bytes:
    """The package with some members replaced (or added: the function gets None)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename in changes:
                body = changes.pop(info.filename)(body)
            dst.writestr(info.filename, body)
        for name, change in changes.items():
            dst.writestr(name, change(None))
    return out.getvalue()


def _xlsx(build: Callable | None = None) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.properties.creator = None  # openpyxl stamps "openpyxl": a clean file has no author
    ws = wb.active
    ws.title = "公开"
    ws.append(["项目", "金额（万元）", "备注"])
    ws.append(["道路维修", 120.5, "已完成"])
    ws.append(["校舍改造", 80, "进行中"])
    if build:
        build(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _docx(build: Callable | None = None, *, raw: dict | None = None) -> bytes:
    import docx

    doc = docx.Document()
    doc.core_properties.author = ""  # python-docx's template says "python-docx"
    doc.core_properties.comments = ""
    doc.add_paragraph("湘潭县人民政府关于2024年度财政预算的公告")
    doc.add_paragraph("根据《中华人民共和国政府信息公开条例》第二十条，现予公开。联系电话：0731-57881234。")
    if build:
        build(doc)
    buf = io.BytesIO()
    doc.save(buf)
    data = buf.getvalue()
    return rewrite_zip(data, dict(raw)) if raw else data


def _pdf(body: str, *, head: str = "", attachments: list | None = None) -> bytes:
    from testkit import need

    weasyprint = need("weasyprint")
    html = f"""<html><head><meta charset="utf-8">{head}<style>
      @page {{ size: A4; margin: 20mm }} body {{ font-family: "Noto Sans CJK SC", sans-serif; font-size: 14px }}
      .cover {{ position: absolute; background: black }}
    </style></head><body>{body}</body></html>"""
    return weasyprint.HTML(string=html).write_pdf(attachments=attachments)


@pytest.fixture
def rewrite_zip_fn():
    return rewrite_zip


@pytest.fixture
def make_xlsx():
    return _xlsx


@pytest.fixture
def make_docx():
    return _docx


@pytest.fixture
def make_pdf():
    return _pdf
