"""The HTML front end: decoding, unwrapping escaped markup, grid expansion, reading order."""
from __future__ import annotations

import json

import pytest

from zfxxgk.reports.errors import ReportReadError
from zfxxgk.reports.read import read
from zfxxgk.reports.read.blocks import PAGE_TITLE, PARAGRAPH, ROW
from zfxxgk.reports.read.html import blocks

PAGE = """<html><head><meta charset="{charset}"><title>页面标题</title>
<style>p {{ color: red }}</style><script>var x = "一、总体情况";</script></head>
<body><h1>某某县司法局2024年政府信息公开工作年度报告</h1>
<p>一、总体情况</p><p>2024年，我局认真贯彻落实条例。</p>
<p>二、主动公开政府信息情况</p>
<table border="1">
<tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>1</td><td>2</td><td>3</td></tr>
</table>
<p>三、收到和处理政府信息公开申请情况</p>
</body></html>"""


def rows(bs):
    return [b.cells for b in bs if b.kind == ROW]


def texts(bs):
    return [b.cells[0] for b in bs if b.kind == PARAGRAPH]


def test_paragraphs_and_tables_in_document_order():
    bs = blocks(PAGE.format(charset="utf-8").encode("utf-8"))
    assert [b.kind for b in bs] == [PAGE_TITLE] + [PARAGRAPH] * 4 + [ROW] * 3 + [PARAGRAPH]
    assert bs[0].cells == ["页面标题"]  # read only when the body prints no title of its own
    assert texts(bs) == [
        "某某县司法局2024年政府信息公开工作年度报告", "一、总体情况", "2024年，我局认真贯彻落实条例。",
        "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
    ]
    assert rows(bs)[0] == ["第二十条第（一）项", "", "", ""]
    assert rows(bs)[2] == ["规章", "1", "2", "3"]
    assert all(b.table == 1 for b in bs if b.kind == ROW)


def test_head_script_and_style_are_skipped():
    joined = "".join(b.text for b in blocks(PAGE.format(charset="utf-8").encode()) if b.kind != PAGE_TITLE)
    assert "页面标题" not in joined and "color" not in joined and "var x" not in joined


def test_rowspan_and_colspan_expand_to_full_width_rows():
    html = """<table>
    <tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：…）</td><td colspan="7">申请人情况</td></tr>
    <tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
    <tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
    <tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td>
        <td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td><td>21</td></tr>
    <tr><td rowspan="2">（三）不予公开</td><td>1.属于国家秘密</td>
        <td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
    </table>"""
    got = rows(blocks(html.encode()))
    assert got == [
        ["（本列数据的勾稽关系为：…）", "", "", "申请人情况", "", "", "", "", "", ""],
        ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
        ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
        ["三、本年度办理结果", "（一）予以公开", "", "1", "2", "3", "4", "5", "6", "21"],
        ["", "（三）不予公开", "1.属于国家秘密", "0", "0", "0", "0", "0", "0", "0"],
    ]  # the last rowspan="2" runs past the table end and must not invent a row


def test_where_names_table_row_and_column_in_chinese():
    bs = blocks(("<p>前言</p><table><tr><td>a</td></tr><tr><td>b</td><td>c</td></tr></table>"
                 "<table><tr><td>x</td><td>y</td></tr></table>").encode())
    assert bs[0].where == ["第1段"]
    assert [bs[2].loc(i) for i in range(2)] == ["表格1 第2行第1列", "表格1 第2行第2列"]
    assert [bs[3].loc(i) for i in range(2)] == ["表格2 第1行第1列", "表格2 第1行第2列"] and bs[3].table == 2


def test_nested_p_span_and_br_inside_a_cell_join_with_newlines():
    html = """<table><tr>
      <td><p><span>商业</span></p><p><span style="x">企</span><b>业</b></p></td>
      <td>结果<br/>维持</td><td><div>3</div></td><td>  1\n  6 </td></tr></table>"""
    assert rows(blocks(html.encode())) == [["商业\n企业", "结果\n维持", "3", "1 6"]]


def test_word_pasted_html():
    html = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
    <meta http-equiv=Content-Type content="text/html; charset=gb2312">
    <!--[if gte mso 9]><xml><o:DocumentProperties>一、总体情况</o:DocumentProperties></xml><![endif]-->
    </head><body lang=ZH-CN><div class=WordSection1>
    <p class=MsoNormal align=center><b><span style='font-size:22.0pt;font-family:方正小标宋简体'>某某县司法局2024年政府信息公开工作年度报告<o:p></o:p></span></b></p>
    <p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span>一、<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]><span>总体情况<o:p></o:p></span></p>
    <table class=MsoTableGrid border=1 cellspacing=0 style='border-collapse:collapse;mso-yfti-tbllook:1184'>
     <tr style='mso-yfti-irow:0'><td width=100 valign=top><p class=MsoNormal><span>行政许可<o:p></o:p></span></p></td>
      <td><p class=MsoNormal align=center><span lang=EN-US>12<o:p></o:p></span></p></td></tr>
     <tr><td><p class=MsoNormal><span>结果<o:p></o:p></span></p><p class=MsoNormal><span>纠正</span></p></td>
      <td><p class=MsoNormal><span lang=EN-US>&nbsp;<o:p></o:p></span></p></td></tr>
     <![if !supportMisalignedColumns]><tr height=0><td width=100 style='border:none'></td><td width=50 style='border:none'></td></tr><![endif]>
    </table><p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p></div></body></html>"""
    bs = blocks(html.encode("gbk"))
    assert texts(bs) == ["某某县司法局2024年政府信息公开工作年度报告", "一、 总体情况"]
    assert rows(bs) == [["行政许可", "12"], ["结果\n纠正", ""]]


@pytest.mark.parametrize("declared", ["gbk", "gb2312", "GB18030"])
def test_gbk_bytes_with_meta_charset(declared):
    page = PAGE.format(charset=declared).replace("条例", "条例（朱镕基）")  # 镕 is GBK, not GB2312
    bs = blocks(page.encode("gbk"))
    assert "2024年，我局认真贯彻落实条例（朱镕基）。" in texts(bs)


def test_gbk_bytes_without_any_declaration():
    assert "一、总体情况" in texts(blocks(PAGE.replace('<meta charset="{charset}">', "").format().encode("gb18030")))


def test_utf8_page_that_still_declares_gb2312():
    # Pages saved by a browser are re-encoded as UTF-8 but keep their old <meta>.
    assert "一、总体情况" in texts(blocks(PAGE.format(charset="gb2312").encode("utf-8")))


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_marks(encoding):
    assert "一、总体情况" in texts(blocks(PAGE.format(charset="utf-8").encode(encoding)))


def test_json_api_payload_with_escaped_html():
    body = PAGE.format(charset="utf-8").split("<body>")[1].split("</body>")[0]
    body = body.replace("<h1>某某县司法局2024年政府信息公开工作年度报告</h1>", "")
    payload = {"code": 200, "data": {"title": "某某县司法局2024年政府信息公开工作年度报告",
                                     "summary": "<p>摘要</p>", "content": body, "publishTime": "2025-01-20"}}
    bs = blocks(json.dumps(payload).encode())  # ensure_ascii: every CJK char is \\uXXXX
    assert texts(bs)[:2] == ["某某县司法局2024年政府信息公开工作年度报告", "一、总体情况"]
    assert "摘要" not in texts(bs)
    assert rows(bs)[2] == ["规章", "1", "2", "3"]


def test_top_level_json_string_and_jsonp():
    html = "<p>一、总体情况</p><table><tr><td colspan=\"2\">规章</td><td>1</td></tr></table>"
    for data in (json.dumps(html), f"callback({json.dumps({'content': html})});"):
        bs = blocks(data.encode())
        assert texts(bs) == ["一、总体情况"] and rows(bs) == [["规章", "", "1"]]


def test_json_escaped_fragment_without_quotes():
    html = '<p>一、总体情况</p>\n<table><tr><td colspan="2">规章</td><td>1</td></tr></table>'
    go_style = json.dumps(html)[1:-1].replace("<", "\\u003c").replace(">", "\\u003e")  # Go/JS escape < and >
    for escaped in (json.dumps(html)[1:-1], json.dumps(html, ensure_ascii=False)[1:-1], go_style):
        bs = blocks(escaped.encode())
        assert texts(bs) == ["一、总体情况"] and rows(bs) == [["规章", "", "1"]], escaped


def test_report_only_inside_a_script_string():
    html = '<p>一、总体情况</p><table><tr><td>规章</td><td>7</td></tr></table>'
    page = f'<html><body><div id="c"></div><script>var content = {json.dumps(html)};</script></body></html>'
    bs = blocks(page.encode())
    assert texts(bs) == ["一、总体情况"] and rows(bs) == [["规章", "7"]]


@pytest.mark.parametrize("times", [1, 2])
def test_entity_escaped_markup(times):
    html = '<p>一、总体情况</p><table><tr><td rowspan="2">规章</td><td>1</td></tr><tr><td>2</td></tr></table>'
    for _ in range(times):
        html = html.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    bs = blocks(f"<html><body><div class='content'>{html}</div></body></html>".encode())
    assert texts(bs) == ["一、总体情况"] and rows(bs) == [["规章", "1"], ["", "2"]]


def test_layout_table_around_the_report_is_flattened():
    html = """<table width="100%"><tr><td>
      <p>某某县2024年政府信息公开工作年度报告</p><p>四、政府信息公开行政复议、行政诉讼情况</p>
      <table><tr><td colspan="5">行政复议</td></tr><tr><td>1</td><td>2</td><td>3</td><td>4</td><td>10</td></tr></table>
      <p>五、存在的主要问题及改进情况</p></td></tr>
      <tr><td>版权所有</td></tr></table>"""
    bs = blocks(html.encode())
    assert [b.kind for b in bs] == [PARAGRAPH, PARAGRAPH, ROW, ROW, PARAGRAPH, PARAGRAPH]
    assert rows(bs) == [["行政复议", "", "", "", ""], ["1", "2", "3", "4", "10"]]
    assert bs[2].table == 1 and bs[2].loc(0) == "表格1 第1行第1列"


def test_hidden_elements_site_chrome_lists_and_headings():
    html = """<nav>菜单</nav><div class="list footer">版权</div><div style="display:none">隐藏</div><h3>（一）主动公开</h3><ul><li>第一项</li><li>第二项</li></ul>
    <div>外层<span>内联</span><div>内层</div>尾随</div>"""
    assert texts(blocks(html.encode())) == ["（一）主动公开", "第一项", "第二项", "外层内联", "内层", "尾随"]


def test_br_outside_tables_splits_paragraphs():
    assert texts(blocks("<p>一、总体情况<br>2024年，我局……</p>".encode())) == ["一、总体情况", "2024年，我局……"]


def test_thead_tbody_th_and_caption():
    html = "<table><caption>表一</caption><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>"
    bs = blocks(html.encode())
    assert texts(bs) == ["表一"] and rows(bs) == [["a", "b"], ["1", "2"]]


@pytest.mark.parametrize("data", [b"<html><body></body></html>", b"<html><head><title>x</title></head></html>",
                                  b'{"code": 404, "msg": "not found"}'])
def test_no_content_is_a_chinese_read_error(data):
    with pytest.raises(ReportReadError) as info:
        blocks(data)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in info.value.message)


def test_read_entry_never_leaks_a_traceback():
    with pytest.raises(ReportReadError):
        read(b"<html><body><p></p></body></html>", "html")


def _government_page(doc) -> str:
    """The writer's page dressed as a real site: Word-style cells, a layout table, site chrome."""
    from lxml import etree
    from lxml import html as lxml_html

    from zfxxgk.reports.write import render

    tree = lxml_html.document_fromstring(render(doc, "html"))
    for cell in tree.xpath("//td|//th"):
        text = cell.text_content()
        for child in list(cell):
            cell.remove(child)
        cell.tag, cell.text = "td", None
        span = etree.SubElement(etree.SubElement(cell, "p", {"class": "MsoNormal"}), "span")
        if len(text) == 4 and not text.isdigit():  # 结果<br>维持, 商业<br>企业
            span.text = text[:2]
            etree.SubElement(span, "br").tail = text[2:]
        else:
            span.text = text + "\xa0"
        etree.SubElement(span, "o:p")
    article = "".join(etree.tostring(c, encoding=str) for c in tree.find("body"))
    return ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'
            '<div class="crumbs">首页 &gt; 政务公开 &gt; 年度报告</div>'
            f'<table width="1000"><tr><td>{article}</td></tr></table>'
            '<div id="footer">主办单位：某某县人民政府 版权所有</div></body></html>')


@pytest.mark.parametrize("fmt", ["2021", "2019"])
def test_messy_government_page_reads_back_exactly(fmt):
    from zfxxgk.reports.sample import sample_document

    doc = sample_document(fmt, seed=3)
    page = _government_page(doc)
    assert read(page.encode("gb18030"), "html").values() == doc.values()
    assert read(json.dumps({"data": {"content": page}}).encode(), "html").values() == doc.values()


def test_a_site_script_template_does_not_replace_a_table_less_article():
    page = ("<html><body><p>一、总体情况</p><p>本年度未收到政府信息公开申请，相关数据均为零，不再列表说明。</p>"
            "<script>var tpl = '<table><tr><td>x</td></tr></table>';</script></body></html>")
    assert texts(blocks(page.encode())) == ["一、总体情况", "本年度未收到政府信息公开申请，相关数据均为零，不再列表说明。"]


# The shape of a real published page (上海市人民政府办公厅 2019, 试行 format): Word-style cells
# (<p> inside <td>, &nbsp; for blanks), a colspan=2 row label next to a rowspan=20 group label,
# blank 总计 cells, and table 二 cells whose spans differ between header and data rows.
MERGED_2019 = """<p>2019年上海市某某局政府信息公开工作年度报告</p><p>发布日期：2020-01-31</p>
<p>一、总体情况</p><p>略。</p><p>二、主动公开政府信息情况</p>
<table border="1"><tbody>
<tr><td colspan="5"><p>第二十条第（一）项</p></td></tr>
<tr><td><p>信息内容</p></td><td><p>本年新<br />制作数量</p></td><td colspan="2"><p>本年新<br />公开数量</p></td><td><p>对外公开总数量</p></td></tr>
<tr><td><p>规章</p></td><td><p>13</p></td><td colspan="2"><p>13</p></td><td><p>524</p></td></tr>
<tr><td colspan="5"><p>第二十条第（五）项</p></td></tr>
<tr><td><p>信息内容</p></td><td><p>上一年项目数量</p></td><td colspan="2"><p>本年增/减</p></td><td><p>处理决定数量</p></td></tr>
<tr><td><p>行政许可</p></td><td colspan="2"><p>4</p></td><td><p>1</p></td><td><p>9</p></td></tr>
<tr><td colspan="5"><p>第二十条第（九）项</p></td></tr>
<tr><td><p>信息内容</p></td><td colspan="2"><p>采购项目数量</p></td><td colspan="2"><p>采购总金额</p></td></tr>
<tr><td><p>政府集中采购</p></td><td colspan="2"><p>6</p></td><td colspan="2"><p>251000元</p></td></tr>
</tbody></table>
<p>三、收到和处理政府信息公开申请情况</p>
<table border="1"><tbody>
<tr><td colspan="3" rowspan="3"><p>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</p></td><td colspan="7"><p>申请人情况</p></td></tr>
<tr><td rowspan="2"><p>自然人</p></td><td colspan="5"><p>法人或其他组织</p></td><td rowspan="2"><p>总计</p></td></tr>
<tr><td><p>商业企业</p></td><td><p>科研机构</p></td><td><p>社会公益组织</p></td><td><p>法律服务机构</p></td><td><p>其他</p></td></tr>
<tr><td colspan="3"><p>一、本年新收政府信息公开申请数量</p></td><td><p>821</p></td><td><p>35</p></td><td><p>&nbsp;</p></td><td><p>&nbsp;</p></td><td><p>2</p></td><td><p>1</p></td><td><p>859</p></td></tr>
<tr><td rowspan="20"><p>三、本年度办理结果</p></td><td colspan="2"><p>（一）予以公开</p></td><td><p>258</p></td><td><p>12</p></td><td><p>&nbsp;</p></td><td><p>&nbsp;</p></td><td><p>1</p></td><td><p>1</p></td><td><p>&nbsp;</p></td></tr>
<tr><td colspan="2"><p>（二）部分公开（区分处理的，只计这一情形，不计其他情形）</p></td><td><p>3</p></td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td></tr>
<tr><td rowspan="8"><p>（三）不予公开</p></td><td><p>1.属于国家秘密</p></td><td><p>14</p></td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td></tr>
<tr><td colspan="2"><p>（七）总计</p></td><td><p>767</p></td><td><p>35</p></td><td>&nbsp;</td><td>&nbsp;</td><td><p>2</p></td><td><p>1</p></td><td>&nbsp;</td></tr>
</tbody></table>
<p>四、政府信息公开行政复议、行政诉讼情况</p><p>五、存在的主要问题及改进情况</p><p>六、其他需要报告的事项</p><p>无。</p>"""


def test_merged_cells_never_shift_values_into_the_next_column():
    doc = read(MERGED_2019.encode("utf-8"), "html")
    assert doc.format == "2019" and doc.year == 2019
    got = lambda path: (doc[path], doc.cells[path].status)  # noqa: E731
    # A colspan=2 label and a blank 总计: the values stay under their own headers.
    assert [doc[f"requests.granted.{c}"] for c in ("natural_person", "commercial", "research", "legal_service", "other_org")] == [258, 12, 0, 1, 1]
    assert got("requests.granted.total") == (0, "blank")
    assert got("requests.partially_granted.natural_person") == (3, "ok")
    assert got("requests.total.natural_person") == (767, "ok") and got("requests.total.total") == (0, "blank")
    # A value spanning two grid columns under a header spanning the same two is one value.
    assert [doc[f"t2_2019.reg.{m}"] for m in ("made", "published", "total_public")] == [13, 13, 524]
    assert [doc[f"t2_2019.license.{m}"] for m in ("prev_items", "delta_items", "decisions")] == [4, 1, 9]
    assert doc["t2_2019.procurement.items"] == 6 and doc["t2_2019.procurement.amount"] == 251000


def test_a_sites_js_data_file_reads_the_report_from_its_string_literal():
    """A crawler saved the site's .js file: menus as JSON-like literals first (pushing the markup
    past the head of the file), then ``let content = "…"`` holding the page with \\" escapes."""
    menus = "\n".join(f'let menu{i} = [{{"id": "{i}", "name": "政务公开栏目{i}"}}];' for i in range(200))
    page = MERGED_2019.replace('"', '\\"')
    data = f'//字典项\n{menus}\nlet content = "{page}"\n'.encode("utf-8")
    doc = read(data)  # detected as HTML by its table markup, wherever it is
    assert doc.source_kind == "html"
    assert (doc.agency, doc.year, doc.format) == ("上海市某某局", 2019, "2019")
    assert doc["requests.granted.natural_person"] == 258


def test_publication_date_in_the_page_header():
    doc = read(MERGED_2019.encode("utf-8"), "html")
    assert str(doc.published_on) == "2020-01-31"
    header = MERGED_2019.replace("<p>发布日期：2020-01-31</p>", "<p>成文日期：2020-01-20 发布日期：2020-01-31</p>")
    assert str(read(header.encode("utf-8"), "html").published_on) == "2020-01-31"  # 发布 wins over 成文


@pytest.mark.parametrize("mark", ["1、", "1 ", "①", "1，", "(1)"])
def test_leaf_labels_numbered_any_way_are_labels_not_annotated_numbers(mark: str):
    # "1、属于国家秘密" parses as the number 1 with a note ("16（其中修订3件）" does); a label of the
    # format is a label all the same.
    page = MERGED_2019.replace("1.属于国家秘密", f"{mark}属于国家秘密")
    doc = read(page.encode("utf-8"), "html")
    assert doc["requests.denied_state_secret.natural_person"] == 14
    assert doc["requests.granted.natural_person"] == 258


def _published_page():
    from zfxxgk.reports.sample import sample_document
    from zfxxgk.reports.write import render

    doc = sample_document("2021", 1)
    return doc, render(doc, "html").decode("utf-8")


def _title_and_body(page: str) -> tuple[str, str]:
    title = page.split("<h1>", 1)[1].split("</h1>", 1)[0]
    return title, page.split("</h1>", 1)[1]


def test_a_site_link_to_another_years_report_above_the_article_is_not_its_title():
    doc, page = _published_page()
    title, body = _title_and_body(page)
    site = ("<body><ul class='left'><li><a>某某县2023年政府信息公开工作年度报告</a></li></ul>"
            "<table><tr><td>索引号：</td><td>1133/2025-00012</td></tr>"
            f"<tr><td>名称：</td><td>{title}</td></tr></table>"
            + "".join(f"<p><a>栏目{i}</a></p>" for i in range(20)) + f"<h1>{title}</h1>")
    got = read((page.split("<body>", 1)[0] + site + body).encode("utf-8"), "html")
    assert (got.agency, got.year) == (doc.agency, doc.year)


def test_title_forms_seen_on_sites():
    doc, page = _published_page()
    title, body = _title_and_body(page)
    head = page.split("<body>", 1)[0]
    named = read((head + f"<body><p>标题：{title}</p>" + body).encode("utf-8"), "html")
    assert (named.agency, named.year) == (doc.agency, doc.year)
    chinese = read((head + f"<body><h1>{title.replace('2024', '二〇二四')}</h1>" + body).encode("utf-8"), "html")
    assert (chinese.agency, chinese.year) == (doc.agency, 2024)
    # No title in the body at all: the page's <title> (with the site's suffix) serves.
    bare = head.replace("</title>", "_某某县人民政府</title>") + "<body>" + body
    only_title_tag = read(bare.encode("utf-8"), "html")
    assert (only_title_tag.agency, only_title_tag.year) == (doc.agency, doc.year)
    assert only_title_tag.sections == read(page.encode("utf-8"), "html").sections
