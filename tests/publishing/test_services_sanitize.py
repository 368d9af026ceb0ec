"""The body sanitiser (nh3): what a government document needs survives, everything that runs or
loads from elsewhere does not; the plain text keeps one paragraph a line for the scan."""
from __future__ import annotations

import pytest

from zfxxgk.publishing import sanitize


@pytest.mark.parametrize("dirty, clean", [
    ('<p onclick="steal()">正文</p><script>alert(1)</script>', "<p>正文</p>"),
    ("<style>p{display:none}</style><p>可见</p>", "<p>可见</p>"),
    ('<a href="javascript:alert(1)">链接</a>', '<p><a rel="noopener noreferrer">链接</a></p>'),
    ('<a href="JaVaScRiPt:alert(1)">链接</a>', '<p><a rel="noopener noreferrer">链接</a></p>'),
    ('<a href="java&#x0A;script:alert(1)">链接</a>', '<p><a rel="noopener noreferrer">链接</a></p>'),
    ('<a href="data:text/html,<script>x</script>">链接</a>', '<p><a rel="noopener noreferrer">链接</a></p>'),
    ('<a href="https://www.gov.cn/" target="_blank">国务院</a>', '<p><a href="https://www.gov.cn/" rel="noopener noreferrer">国务院</a></p>'),
    ('<a href="/zfxxgk/xtxsfj/">目录</a>', '<p><a href="/zfxxgk/xtxsfj/" rel="noopener noreferrer">目录</a></p>'),
    ('<img src="x" onerror="alert(1)">', '<p><img src="x"></p>'),
    ('<img src="data:image/png;base64,AAAA">', "<p><img></p>"),
    ('<img src="//tracker.example/p.gif">', "<p><img></p>"),
    ('<img src="https://www.gov.cn/a.png" alt="图">', '<p><img src="https://www.gov.cn/a.png" alt="图"></p>'),
    ("<iframe src='https://evil.example'></iframe><p>后文</p>", "<p>后文</p>"),
    ("<svg onload=alert(1)><p>后文</p></svg>", "<p>后文</p>"),
    ('<p style="color:red" class="MsoNormal">样式</p>', "<p>样式</p>"),
    ("<form action='/x'><input name=a></form><p>表单</p>", "<p>表单</p>"),
])
def test_what_runs_or_loads_is_stripped(dirty, clean):
    # inline-only content (a link, an image) is a paragraph of its own
    assert sanitize.clean_html(dirty) == clean


def test_tables_lists_headings_and_emphasis_are_kept():
    html = ('<h2>一、总则</h2><h3>（一）</h3><h4>1.</h4><p><strong>加粗</strong><em>斜体</em><u>下划线</u><br>换行</p>'
            '<ol><li>一</li></ol><ul><li>二</li></ul>'
            '<table><thead><tr><th colspan="2">项目</th></tr></thead><tbody><tr><td rowspan="2">甲</td><td>1</td></tr></tbody></table>')
    assert sanitize.clean_html(html) == html


def test_spans_must_be_small_whole_numbers():
    out = sanitize.clean_html('<table><tr><td colspan="0">a</td><td colspan="x">b</td><td rowspan="1000">c</td><td colspan="3">d</td></tr></table>')
    assert out == '<table><tbody><tr><td>a</td><td>b</td><td>c</td><td colspan="3">d</td></tr></tbody></table>'


def test_word_markup_becomes_what_we_keep():
    out = sanitize.clean_html('<div class="WordSection1"><h1>标题</h1><div>第一段</div><b>粗</b><i>斜</i><h6>小</h6></div>')
    assert out == "<h2>标题</h2><p>第一段</p><strong>粗</strong><em>斜</em><h4>小</h4>"
    assert sanitize.clean_html("<p>&nbsp;</p><p>正文</p><p> <br> </p>") == "<p>正文</p>"


def test_plain_text_becomes_paragraphs_and_is_escaped():
    assert sanitize.clean_html("第一段\n\n  第二段：收费标准<100元 & 以下\r\n第三段\n") == (
        "<p>第一段</p><p>第二段：收费标准&lt;100元 &amp; 以下</p><p>第三段</p>")
    assert sanitize.clean_html("") == "" and sanitize.clean_html("   \n ") == ""


def test_text_with_inline_tags_is_still_a_paragraph_a_line():
    assert sanitize.clean_html("第一段 <strong>要点</strong>\n第二段 <script>alert(1)</script>") == (
        "<p>第一段 <strong>要点</strong></p><p>第二段 </p>")


def test_the_text_has_a_paragraph_a_line_and_a_tab_between_cells():
    html, text = sanitize.body("<h2>标题</h2><p>甲&amp;乙<br>丙</p><ul><li>一</li><li>二</li></ul>"
                               "<table><tr><th>项目</th><th>数量</th></tr><tr><td>许可</td><td>12</td></tr></table>")
    assert text == "标题\n甲&乙\n丙\n一\n二\n项目\t数量\n许可\t12"


def test_the_sanitiser_is_idempotent():
    once = sanitize.clean_html('<div><p onclick="x">a</p><table><tr><td colspan="2">b</td></tr></table></div><a href="/x">c</a>')
    assert sanitize.clean_html(once) == once
