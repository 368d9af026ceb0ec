"""The PDF writer: WeasyPrint output with Noto CJK faces, quiet logs, a clear error without the extra."""
from __future__ import annotations

import logging
import sys
from io import BytesIO

import pdfplumber
import pytest

from zfxxgk.reports.errors import MissingExtraError
from zfxxgk.reports.write import render
from testkit import need
from reports.factories import sample_document

need("weasyprint")  # the PDF writer needs zfxxgk[pdf]: skips without it, fails under CI=true


@pytest.fixture(scope="module")
def pdf_bytes():
    return render(sample_document("2021"), "pdf")


@pytest.mark.slow
def test_pdf_has_chinese_text_in_noto_cjk(pdf_bytes):
    assert pdf_bytes.startswith(b"%PDF")
    with pdfplumber.open(BytesIO(pdf_bytes)) as pdf:
        assert len(pdf.pages) >= 2
        text = "".join(page.extract_text() for page in pdf.pages)
        fonts = {c["fontname"].split("+")[-1] for page in pdf.pages for c in page.chars}
    assert "某某县司法局2024年政府信息公开工作年度报告" in text
    assert "三、收到和处理政府信息公开申请情况" in text
    # every glyph, digits included, comes from a Noto CJK face (no DejaVu fallback, no boxes)
    assert fonts and all("Noto" in f and "CJK" in f for f in fonts), fonts


@pytest.mark.slow
def test_pdf_logs_are_quiet(pdf_bytes):
    for name in ("weasyprint", "fontTools"):
        assert logging.getLogger(name).getEffectiveLevel() >= logging.WARNING


def test_missing_weasyprint_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint -> ImportError
    with pytest.raises(MissingExtraError) as info:
        render(sample_document("2021"), "pdf")
    assert info.value.message == "生成 PDF需要安装可选组件：pip install 'zfxxgk[pdf]'"
    assert info.value.extra == "pdf"
