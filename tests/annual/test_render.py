"""The published files: all four formats drawn by the report core, embedded safely, named in Chinese."""
from __future__ import annotations

from zfxxgk.annual import render
from zfxxgk.reports.errors import MissingExtraError
from zfxxgk.reports.read import read

from annual.test_signoff_kit import seed_document


def test_render_all_draws_four_formats_that_read_back():
    doc = seed_document()
    files = render.render_all(doc)
    assert set(files) == {"html", "docx", "pdf", "xlsx"} and files["pdf"].startswith(b"%PDF")
    for fmt in ("html", "docx", "xlsx"):
        assert read(files[fmt], name=f"x.{fmt}").values() == doc.values(), fmt


def test_without_the_pdf_extra_the_others_are_still_drawn(monkeypatch):
    def missing(doc, fmt):
        if fmt == "pdf":
            raise MissingExtraError("生成 PDF", "pdf", "weasyprint unavailable")
        return b"ok"

    monkeypatch.setattr(render, "render", missing)
    assert render.render_all(seed_document()) == {"html": b"ok", "docx": b"ok", "pdf": b"", "xlsx": b"ok"}


def test_the_embedded_body_keeps_the_writers_escaping_and_wraps_tables():
    doc = seed_document()
    doc.sections["other"] = '<script>alert(1)</script> & "引号"'
    page = render.render_all(doc, ("html",))["html"].decode()
    body = render.embeddable(page)
    assert "<script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<body" not in body and "<style" not in body and "<html" not in body
    assert body.count('<div class="ndbg-scroll"><table') == body.count("</table></div>") == page.count("<table")
    assert render.body_of("not a page") == ""


def test_file_names():
    assert render.filename("湘潭县司法局", 2025, 1, "docx") == "湘潭县司法局2025年政府信息公开工作年度报告.docx"
    assert render.filename("湘潭县 司法局/x", 2025, 2, "pdf") == "湘潭县_司法局_x2025年政府信息公开工作年度报告（第2版）.pdf"
