"""Hidden data in real DOCX files: python-docx, raw XML where it has no API, and a LibreOffice
re-save (its XML differs from Word's and python-docx's)."""
from __future__ import annotations

import os
import subprocess

import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from testkit import need
from zfxxgk.scan import Kind, scan_file

ID = "430103199001011234"
W = nsdecls("w")


def scan(data: bytes, **kw):
    return scan_file(data, "通知.docx", **kw)


def places(result) -> set[tuple[str, str]]:
    return {(f.kind, f.place) for f in result.findings}


def tracked(doc):
    p = doc.add_paragraph("原有文字，")
    p._p.append(parse_xml(f'<w:ins {W} w:id="1" w:author="张三" w:date="2025-06-01T00:00:00Z">'
                          '<w:r><w:t>新增的文字</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:del {W} w:id="2" w:author="李四" w:date="2025-06-01T00:00:00Z">'
                          '<w:r><w:delText>删掉的电话13812345678</w:delText></w:r></w:del>'))


def test_clean_document_has_no_findings_and_gives_its_text(make_docx):
    result = scan(make_docx())
    assert result.kind == "docx" and result.findings == []
    assert "财政预算的公告" in result.text and "0731-57881234" in result.text


def test_tracked_changes_with_revisers_and_masked_text(make_docx):
    result = scan(make_docx(tracked))
    [f] = result.findings
    assert f.kind == Kind.TRACKED_CHANGE and f.place == "正文第3段"
    assert "张三" in f.message and "李四" in f.message
    assert "插入“新增的文字”" in f.excerpt and "138****5678" in f.excerpt and "13812345678" not in f.excerpt
    assert "新增的文字" in result.text and "13812345678" not in result.text  # deleted text is not visible text


def test_formatting_change_is_a_tracked_change(make_docx):
    def build(doc):
        run = doc.add_paragraph().add_run("加粗了")
        run._r.get_or_add_rPr().append(parse_xml(f'<w:rPrChange {W} w:id="5" w:author="王五" w:date="2025-06-01T00:00:00Z">'
                                                 '<w:rPr/></w:rPrChange>'))

    [f] = scan(make_docx(build)).findings
    assert f.kind == Kind.TRACKED_CHANGE and "格式" in f.excerpt and "王五" in f.message


def test_comments_are_placed_at_their_paragraph(make_docx):
    def build(doc):
        p = doc.add_paragraph("这一段有批注。")
        doc.add_comment(p.runs, text="请核实申请人电话13812345678", author="王科长", initials="王")

    [f] = scan(make_docx(build)).findings
    assert (f.kind, f.place) == (Kind.COMMENT, "正文第3段")
    assert "王科长" in f.message and "138****5678" in f.excerpt


def test_hidden_runs_directly_and_through_a_style(make_docx):
    def build(doc):
        p = doc.add_paragraph("公开的部分")
        p.add_run(f"隐藏的身份证{ID}").font.hidden = True
        style = doc.styles.add_style("内部备注", WD_STYLE_TYPE.CHARACTER)
        style.font.hidden = True
        doc.add_paragraph().add_run("样式隐藏的文字", style="内部备注")
        unhidden = doc.add_paragraph().add_run("明确不隐藏", style="内部备注")
        unhidden.font.hidden = False

    result = scan(make_docx(build))
    assert places(result) == {(Kind.HIDDEN_TEXT, "正文第3段"), (Kind.HIDDEN_TEXT, "正文第4段")}
    third = next(f for f in result.findings if f.place == "正文第3段")
    assert "430103********1234" in third.excerpt and ID not in third.excerpt
    assert ID not in result.text and "明确不隐藏" in result.text and "公开的部分" in result.text


def test_a_hidden_paragraph_style_hides_its_runs(make_docx):
    def build(doc):
        style = doc.styles.add_style("隐藏段落", WD_STYLE_TYPE.PARAGRAPH)
        style.font.hidden = True
        doc.add_paragraph("整段隐藏", style="隐藏段落")

    [f] = scan(make_docx(build)).findings
    assert (f.kind, f.place, f.excerpt) == (Kind.HIDDEN_TEXT, "正文第3段", "整段隐藏")


def test_visible_text_places_body_table_and_header(make_docx):
    def build(doc):
        table = doc.add_table(rows=2, cols=2)
        table.cell(1, 1).text = f"身份证{ID}"
        doc.add_paragraph("卡号 4111 1111 1111 1111")
        doc.sections[0].header.paragraphs[0].text = "联系人手机13812345678"

    assert places(scan(make_docx(build))) == {
        (Kind.ID_CARD, "表格1第2行第2列"), (Kind.BANK_CARD, "正文第3段"), (Kind.MOBILE, "页眉")}


def test_metadata_company_and_embedded_object(make_docx, rewrite_zip_fn):
    def build(doc):
        doc.core_properties.author = "张三"
        doc.core_properties.last_modified_by = "李四"
        doc.core_properties.title = f"关于{ID}的通知"  # free text: scanned like the body

    data = rewrite_zip_fn(make_docx(build), {
        "docProps/app.xml": lambda xml: xml.replace(b"</Properties>", "<Company>湘潭县民政局</Company></Properties>".encode()),
        "word/embeddings/oleObject1.bin": lambda _: b"\xd0\xcf\x11\xe0 ole",
    })
    assert places(scan(data)) == {
        (Kind.METADATA, "文档属性“作者”"), (Kind.METADATA, "文档属性“最后修改者”"), (Kind.METADATA, "文档属性“单位”"),
        (Kind.EMBEDDED_FILE, "嵌入对象“oleObject1.bin”"), (Kind.ID_CARD, "文档属性“标题”")}


def test_words_in_a_document(make_docx):
    [f] = scan(make_docx(), words=["条例"]).findings
    assert (f.kind, f.place) == (Kind.SENSITIVE_WORD, "正文第2段")


def _resave_with_libreoffice(tmp_path, data: bytes) -> bytes:
    soffice = need("soffice")
    src = tmp_path / "src" / "通知.docx"
    src.parent.mkdir()
    src.write_bytes(data)
    home = tmp_path / "home"  # a private profile: no lock shared with other soffice runs
    home.mkdir()
    out = tmp_path / "out"
    subprocess.run([soffice, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(src)],
                   env={**os.environ, "HOME": str(home)}, capture_output=True, timeout=120, check=False)
    return (out / "通知.docx").read_bytes()


@pytest.mark.slow
def test_hidden_data_survives_a_libreoffice_resave(make_docx, tmp_path):
    def build(doc):
        doc.core_properties.author = "张三"
        tracked(doc)
        p = doc.add_paragraph("有批注的段落")
        doc.add_comment(p.runs, text="内部意见", author="王科长", initials="王")
        doc.add_paragraph("可见").add_run("隐藏的备注").font.hidden = True

    result = scan(_resave_with_libreoffice(tmp_path, make_docx(build)))
    kinds = {f.kind for f in result.findings}
    assert {Kind.TRACKED_CHANGE, Kind.COMMENT, Kind.HIDDEN_TEXT, Kind.METADATA} <= kinds, result.findings
    comment = next(f for f in result.findings if f.kind == Kind.COMMENT)
    assert comment.place.startswith("正文第") and "王科长" in comment.message
    assert "隐藏的备注" not in result.text and "13812345678" not in result.text


@pytest.mark.slow
def test_clean_document_stays_clean_after_a_libreoffice_resave(make_docx, tmp_path):
    result = scan(_resave_with_libreoffice(tmp_path, make_docx()))
    assert result.findings == []
    assert "财政预算的公告" in result.text
