"""Hidden data in real PDF files: WeasyPrint for pages, metadata and attachments, pypdfium2 for
annotations."""
from __future__ import annotations

import ctypes
import io

import pytest

from zfxxgk.scan import Kind, scan_file

ID = "430103199001011234"
COVER = '<div class="cover" style="left:{}px;top:{}px;width:{}px;height:{}px"></div>'


def scan(data: bytes, **kw):
    return scan_file(data, "公告.pdf", **kw)


def places(result) -> set[tuple[str, str]]:
    return {(f.kind, f.place) for f in result.findings}


def test_clean_pdf_has_no_findings(make_pdf):
    body = """<p>湘潭县人民政府关于2024年度财政预算的公告</p>
      <table style="border-collapse:collapse"><tr><td style="border:1px solid black">项目</td>
      <td style="border:2px solid black">金额</td></tr></table>
      <p><u>下划线</u> <s>删除线</s></p>
      <p style="background:#333;color:white">深色底上的白字标题</p>
      <p>湘潭县人民政府办公室</p>
      <div class="cover" style="left:0;top:0;width:160px;height:160px;background:rgba(220,0,0,0.85);border-radius:50%"></div>"""
    result = scan(make_pdf(body, head="<title>财政预算公告</title>"))
    assert result.kind == "pdf" and result.findings == []  # a red seal over the agency's name hides nothing
    assert "财政预算的公告" in result.text


def test_text_under_a_black_box_drawn_after_it(make_pdf):
    body = f'<p style="margin:0">姓名：张三，身份证号：{ID}</p><p>其余内容公开</p>' + COVER.format(0, 0, 400, 24)
    result = scan(make_pdf(body))
    covered = [f for f in result.findings if f.kind == Kind.COVERED_TEXT]
    assert [f.place for f in covered] == ["第1页"]
    assert "张三" in covered[0].excerpt and "430103********1234" in covered[0].excerpt and ID not in covered[0].excerpt
    assert "复制即可得到" in covered[0].message
    assert (Kind.ID_CARD, "第1页") in places(result)  # the text is still there: the body scan finds it too


def test_black_highlighting_is_a_fake_redaction(make_pdf):
    result = scan(make_pdf('<p>处理结果：<span style="background:black;color:black">秘密人员名单</span>。</p>'))
    [f] = result.findings
    assert f.kind == Kind.COVERED_TEXT and f.excerpt == "秘密人员名单"


def test_a_box_drawn_before_the_text_hides_nothing(make_pdf):
    body = '<div style="position:relative"><div class="cover" style="left:0;top:0;width:300px;height:24px;background:#222"></div>' \
           '<p style="position:relative;color:white;margin:0">白色文字在深色底上</p></div>'
    assert scan(make_pdf(body)).findings == []


def test_place_is_the_page(make_pdf):
    result = scan(make_pdf('<p>第一页</p><p style="break-before:page">联系人手机 13812345678</p>'))
    assert places(result) == {(Kind.MOBILE, "第2页")}


def test_author_metadata_and_scanned_title(make_pdf):
    head = f'<meta name="author" content="张三"><title>关于{ID}的通知</title>'
    result = scan(make_pdf("<p>正文</p>", head=head))
    assert places(result) == {(Kind.METADATA, "文档属性“作者”"), (Kind.ID_CARD, "文档属性“标题”")}
    assert ID not in result.text


def test_embedded_files_and_attachment_annotations(make_pdf):
    from testkit import need

    weasyprint = need("weasyprint")
    data = make_pdf('<p>见附件 <a rel="attachment" href="data:text/plain,secret" download="原始名单.txt">附件</a></p>',
                    attachments=[weasyprint.Attachment(string=b"name,id", name="名单.csv")])
    found = places(scan(data))
    assert (Kind.EMBEDDED_FILE, "嵌入文件“名单.csv”") in found
    assert any(kind == Kind.EMBEDDED_FILE and place.startswith("第1页（附件注释") for kind, place in found)


def _with_box_annotation(data: bytes, *, redact: bool) -> bytes:
    """A filled black Square annotation over the first characters; a Redact one by renaming its
    subtype in place (/Square and /Redact have the same length: the xref stays right)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as C

    doc = pdfium.PdfDocument(data)
    page = doc[0]
    left, bottom, _, top = page.get_textpage().get_charbox(0)
    annot = C.FPDFPage_CreateAnnot(page, C.FPDF_ANNOT_SQUARE)
    C.FPDFAnnot_SetRect(annot, ctypes.byref(C.FS_RECTF(left - 1, top + 1, left + 60, bottom - 1)))
    C.FPDFAnnot_SetColor(annot, C.FPDFANNOT_COLORTYPE_InteriorColor, 0, 0, 0, 255)
    C.FPDFPage_CloseAnnot(annot)
    buf = io.BytesIO()
    doc.save(buf)
    out = buf.getvalue()
    return out.replace(b"/Square", b"/Redact") if redact else out


@pytest.mark.parametrize("redact, how", [(False, "深色方框注释"), (True, "未执行的涂黑标记")])
def test_box_and_redaction_annotations_over_text(make_pdf, redact, how):
    data = _with_box_annotation(make_pdf("<p>张三 申请人信息</p><p>第二行文字</p>"), redact=redact)
    [f] = scan(data).findings
    assert f.kind == Kind.COVERED_TEXT and "张三" in f.excerpt and how in f.message


def test_page_cap_checks_part_and_says_so(make_pdf, monkeypatch):
    monkeypatch.setenv("ZFXXGK_MAX_PDF_PAGES", "2")
    pages = "".join(f'<p style="break-before:page">第{i}页 {"13812345678" if i == 4 else ""}</p>' for i in range(1, 5))
    result = scan(make_pdf(pages))
    [f] = result.findings
    assert f.kind == Kind.UNREADABLE and "共 4 页" in f.message and "ZFXXGK_MAX_PDF_PAGES" in f.message
    assert f.place == "第3—4页"
