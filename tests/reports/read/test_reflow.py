"""Printed lines back into paragraphs (read/reflow.py), on lines typed out as a page prints them."""
from __future__ import annotations

from zfxxgk.reports.read import reflow
from zfxxgk.reports.read.assemble import assemble
from zfxxgk.reports.read.blocks import LINE, Block, row
from zfxxgk.reports.read.reflow import Line, furniture, measure, width

# Two paragraphs set 20 characters a line, the first line of each indented two characters
# (so it holds 18): the way a PDF's text layer gives them back, one line at a time.
PAGE = [
    "本年度，本机关全年通过政府网站主动",  # 18: first line, indented
    "公开各类政府信息5500余条，其中政策文件",  # 20 (digits ½)
    "类信息351条。因政府信息公开工作被申请",
    "行政复议",  # cut by the layout before a number
    "351",
    "件。",
    "全年共收到政府信息公开申请12件，均已",  # a new paragraph: indented, 18
    "在法定期限内答复。",
]


def lines(texts, page=1):
    return [Line(t, f"第{page}页 第{i}行") for i, t in enumerate(texts, 1)]


def test_width_counts_cjk_as_one_and_latin_as_about_half():
    assert width("政府信息") == 4
    assert width("2024年") == 4 * 0.55 + 1 and width("申请 78 件") == 2 + 0.25 + 1.1 + 0.25 + 1
    assert width("App") == 0.65 + 0.5 + 0.5


def test_the_measure_is_the_width_full_lines_share():
    assert measure(lines(PAGE)) == width(PAGE[1])
    # one paragraph a line (a text file): no margin the lines wrapped at
    assert measure(lines(["一句话。", "本年度主动公开政府信息100条，同比增长5%。", "另一段落比较长一些，说明了很多情况，共计三件。"])) is None


def test_wrapped_lines_become_the_original_paragraphs():
    got = [p.text for p in reflow.reflow(lines(PAGE))]
    assert got == [
        "本年度，本机关全年通过政府网站主动公开各类政府信息5500余条，其中政策文件类信息351条。"
        "因政府信息公开工作被申请行政复议351件。",
        "全年共收到政府信息公开申请12件，均已在法定期限内答复。",
    ]


def test_a_sentence_that_ends_at_the_margin_goes_on_unless_the_next_line_is_indented():
    texts = [
        "本机关严格落实条例要求，主动公开信息",  # 18, first line
        "一百条，依申请公开信息二十条，均已答复。",  # 20: ends a sentence at the margin …
        "全年召开新闻发布会八场，回应关切三十次，",  # … and the paragraph goes on (20 wide)
        "解读政策十件。",
        "本年度未收到行政复议申请，也未被提起行",  # 18: indented, a new paragraph
        "政诉讼。",
    ]
    got = [p.text for p in reflow.reflow(lines(texts))]
    assert got == [texts[0] + texts[1] + texts[2] + texts[3], texts[4] + texts[5]]


def test_headings_and_list_items_stay_paragraphs():
    texts = [
        "（一）主动公开情况",
        "本机关全年通过政府网站主动公开各类政",
        "府信息100条，其中规章2件，规范性文件3",
        "件，其他信息95条，均按时更新完毕归档。",
        "1.加强平台建设，完善政府信息公开专栏",
        "设置，及时更新栏目内容并定期检查维护。",
        "2.规范依申请公开办理流程。",
    ]
    got = [p.text for p in reflow.reflow(lines(texts))]
    assert got == [texts[0], "".join(texts[1:4]), texts[4] + texts[5], texts[6]]


def test_without_a_measure_every_line_stays_a_paragraph():
    texts = ["本年度主动公开政府信息100条", "依申请公开20件"]
    assert [p.text for p in reflow.reflow(lines(texts))] == texts


def test_latin_words_broken_over_lines_keep_their_space():
    texts = ["在政府信息公开专栏开通移动端Open", "Data接口，提供数据下载服务，方便公众使用。"]
    assert reflow.reflow(lines(texts), full=width(texts[0]) + 2)[0].text == "在政府信息公开专栏开通移动端Open Data接口，提供数据下载服务，方便公众使用。"


def test_paragraphs_remember_where_each_printed_line_was():
    paragraph = reflow.reflow(lines(PAGE))[0]
    assert [w for _, w in paragraph.starts] == [f"第1页 第{i}行" for i in range(1, 7)]
    at = paragraph.text.index("351件")
    assert paragraph.where(at) == "第1页 第5行"  # the number sat on a line of its own
    assert paragraph.where(0) == "第1页 第1行"
    assert paragraph.where(paragraph.text.index("类信息")) == "第1页 第3行"


def test_page_numbers_and_running_headers_are_furniture():
    header = "某某县司法局2024年政府信息公开工作年度报告"
    page1 = lines([header, *PAGE[:4], "- 1 -"], 1)
    page2 = lines([header, *PAGE[4:], "— 2 —"], 2)
    page3 = lines([header, "第3页 共3页"], 3)
    found = furniture(page1 + page2 + page3)
    every = page1 + page2 + page3
    assert {every[i].text for i in found} == {header, "- 1 -", "— 2 —", "第3页 共3页"}
    assert 0 not in found  # the title on page 1 stays: the report starts with it
    # a number or a table label at the top of two pages is no running header
    rows = lines(["12", "正文第一行"], 1) + lines(["12", "正文第二行"], 2) + lines(["商业企业", "x"], 3) + lines(["商业企业", "y"], 4)
    assert furniture(rows) == set()


def _report_lines(narrative: list[str], page_of=lambda i: 1) -> list[Block]:
    """A minimal 2021 report as PDF lines: headings, the given narrative under 一, a table 三 row."""
    texts = ["一、总体情况", *narrative, "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"]
    return [Block(LINE, [t], [f"第{page_of(i)}页 第{i + 1}行"]) for i, t in enumerate(texts)]


def _table3():
    return [row(["一、本年新收政府信息公开申请数量", "1", "2", "3", "4", "5", "6", "21"], "表")]


def test_assemble_rebuilds_the_narrative_and_keeps_line_positions():
    blocks = _report_lines(PAGE) + _table3()
    doc = assemble(blocks)
    assert doc.sections["overview"].split("\n") == [p.text for p in reflow.reflow(lines(PAGE))]
    starts = doc.section_lines["overview"]
    assert [w for _, w in starts] == [f"第1页 第{i}行" for i in range(2, 10)]
    at = doc.sections["overview"].index("351件")
    assert max((o, w) for o, w in starts if o <= at)[1] == "第1页 第6行"


def test_a_paragraph_goes_on_across_a_page_break_without_its_furniture():
    header = "某某县司法局2024年政府信息公开工作年度报告"
    texts = ["一、总体情况", *PAGE[:3], "- 1 -", header, *PAGE[3:], "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"]
    pages = [1] * 5 + [2] * (len(texts) - 5)
    blocks = [Block(LINE, [header], ["第1页 第0行"])]
    blocks += [Block(LINE, [t], [f"第{p}页 第{i}行"]) for i, (t, p) in enumerate(zip(texts, pages), 1)]
    blocks += [Block(LINE, [header], ["第3页 第1行"])] + _table3()
    doc = assemble(blocks)
    assert doc.sections["overview"].split("\n") == [p.text for p in reflow.reflow(lines(PAGE))]
    assert any("跳过页眉页脚" in n and header in n for n in doc.notes)


def test_never_joined_across_a_table():
    before = PAGE[:3]  # ends mid-sentence ("…被申请") right above a table
    blocks = _report_lines(before)[:4] + [row(["规章", "1", "2", "3"], "表")] + _report_lines(PAGE[3:])[1:] + _table3()
    doc = assemble(blocks)
    assert doc.sections["overview"].split("\n")[0] == "".join(before)
