"""Generated web pages of a published annual report, with a real site's chrome around it.

A :class:`Page` says which sources state the report's agency and year (and with which values,
so sources can disagree); :func:`html_page` builds the page as a government site serves it —
top bar, navigation menu, breadcrumbs, a sidebar listing the agency's other years' reports, the
field block (索引号/发布机构/标题/文号/成文日期/发布日期), the article, attachment link, related
links, and a footer with 主办单位, 网站标识码 and ICP/公网安备 numbers; :func:`crawler_text` the
text a crawler saves of the same page (every line of the chrome included).
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date

from zfxxgk.reports.sample import sample_document
from zfxxgk.reports.write import render

SITE = "莆田市人民政府"
AGENCY = "莆田市城市管理局"


def title_of(agency: str, year: int) -> str:
    return f"{agency}{year}年度政府信息公开工作年度报告"


@dataclass
class Page:
    """What the page states. A (agency, year) pair per title-like source; None: not printed."""

    year: int = 2024  # the year the tables and narrative are generated for
    title: tuple[str, int] | None = None  # the article's <h1>
    field_title: tuple[str, int] | None = None  # 标题： in the field block
    citation: tuple[str, int] | None = None  # "现公布…年度报告" in the first paragraph
    attachment: tuple[str, int] | None = None  # 附件：….pdf
    page_title: tuple[str, int] | None = None  # <title>
    field_agency: str | None = None  # 发布机构：
    signature: str | None = None  # the closing signature
    period: int | None = None  # 统计期限自…年1月1日起至…年12月31日止
    signed_on: date | None = None  # the date under the signature
    published: date | None = None  # 发布日期：
    written: date | None = None  # 成文日期：
    index_no: str | None = None  # 索引号：
    doc_no: str | None = None  # 文号：
    meta_tags: bool = False  # <meta name="ArticleTitle"> etc. (政府网站网页设计规范)
    url: str = "http://127.0.0.1:8207/zwgk/ndbg/202501/t20250120_123456.html"
    siblings: list[int] = field(default_factory=lambda: [2023, 2022, 2021])  # the sidebar's other years

    def all_sources(self, agency: str = AGENCY, year: int | None = None) -> "Page":
        """Every source states the same agency and year."""
        year = year or self.year
        pair = (agency, year)
        self.title = self.field_title = self.citation = self.attachment = self.page_title = pair
        self.field_agency = self.signature = agency
        self.period = year
        return self


def _article(p: Page) -> tuple[str, str]:
    """(the article's HTML sections, the same as plain text) for ``p.year``'s tables."""
    doc = sample_document("2021", 3, agency="某机关", year=p.year)
    page = render(doc, "html").decode("utf-8")
    body = page.split("</h1>", 1)[1].rsplit("</body>", 1)[0]
    text = render(doc, "txt").decode("utf-8").split("\n", 1)[1]
    return body, text


def _first_paragraph(p: Page) -> str:
    parts = ["根据《中华人民共和国政府信息公开条例》（国务院令第711号）和《中华人民共和国政府信息公开工作年度报告格式》"
             "（国办公开办函〔2021〕30号）要求"]
    if p.citation:
        parts.append(f"现公布{title_of(*p.citation)}")
    else:
        parts.append("编制本报告")
    text = "，".join(parts) + "。"
    if p.period:
        text += f"本报告所列数据的统计期限自{p.period}年1月1日起至{p.period}年12月31日止。"
    return text + "如对本报告有任何疑问，请与本机关联系。"


def _fields(p: Page) -> list[tuple[str, str]]:
    rows = [("索引号", p.index_no), ("发布机构", p.field_agency), ("标题", title_of(*p.field_title) if p.field_title else None),
            ("文号", p.doc_no), ("成文日期", p.written and p.written.isoformat()),
            ("发布日期", p.published and p.published.isoformat())]
    return [(k, v) for k, v in rows if v]


def _sidebar(p: Page) -> list[tuple[str, str]]:
    """The site's list of the agency's other years' reports: (link text, its date)."""
    agency = (p.title or p.field_title or (AGENCY, 0))[0]
    return [(title_of(agency, y), f"{y + 1}-01-2{y % 7}") for y in p.siblings]


def html_page(p: Page) -> str:
    body, _ = _article(p)
    esc = html.escape
    fields = _fields(p)
    info = "".join(f"<tr><td class='k'>{esc(k)}：</td><td>{esc(v)}</td></tr>" for k, v in fields)
    meta = ""
    if p.meta_tags:
        meta = "".join(f'<meta name="{n}" content="{esc(v)}">' for n, v in (
            ("SiteName", SITE), ("SiteIDCode", "3503000001"), ("ColumnName", "政府信息公开年报"),
            ("ArticleTitle", title_of(*p.title) if p.title else ""), ("PubDate", p.published.isoformat() if p.published else ""),
            ("ContentSource", p.field_agency or ""), ("Url", p.url)) if v)
    sidebar = "".join(f"<li><a href='#'>{esc(t)}</a><span class='date'>{d}</span></li>" for t, d in _sidebar(p))
    signature = ""
    if p.signature or p.signed_on:
        signature = (f"<p style='text-align:right'>{esc(p.signature or '')}</p>"
                     f"<p style='text-align:right'>{_cn_date(p.signed_on) if p.signed_on else ''}</p>")
    attachment = (f"<p class='attach'>附件：<a href='/att/1.pdf'>{esc(title_of(*p.attachment))}.pdf</a></p>"
                  if p.attachment else "")
    h1 = f"<h1>{esc(title_of(*p.title))}</h1>" if p.title else ""
    page_title = _page_title(p)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{esc(page_title)}</title>{meta}
<style>body{{font-family:"Noto Sans CJK SC",sans-serif;font-size:12pt;margin:0}} .top,.nav a{{display:inline-block;margin:0 .5em}}
table{{border-collapse:collapse}} td,th{{border:1px solid #999;padding:2px 4px}} .info td{{border:none}}</style></head>
<body>
<div class="top"><span>{SITE}</span> <a href="#">无障碍浏览</a> <a href="#">长者模式</a> <a href="#">English</a></div>
<div class="nav"><a href="#">首页</a><a href="#">政务公开</a><a href="#">政务服务</a><a href="#">互动交流</a><a href="#">走进莆田</a></div>
<div class="position">当前位置：<a href="#">首页</a> &gt; <a href="#">政府信息公开</a> &gt; <a href="#">政府信息公开年报</a></div>
<div class="left-list"><h3>政府信息公开年报</h3><ul>{sidebar}</ul></div>
<div class="article">
<table class="info">{info}</table>
{h1}
<p class="first">{esc(_first_paragraph(p))}</p>
{body}
{signature}
{attachment}
<div class="tools">【<a href="#">打印本页</a>】【<a href="#">关闭窗口</a>】</div>
</div>
<div class="related"><p>相关链接：</p><p><a href="#">中国政府网</a> <a href="#">福建省人民政府</a></p></div>
<div class="footer"><p>主办单位：{SITE}办公室　承办单位：莆田市大数据服务中心</p>
<p>网站标识码：3503000001　闽ICP备05012345号-1　闽公网安备 35030202000101号</p></div>
</body></html>
"""


def crawler_text(p: Page) -> str:
    """The page as a crawler saves its text: one line per block, chrome and all, tables as tabs."""
    _, article = _article(p)
    lines = [_page_title(p), SITE, "无障碍浏览 长者模式 English", "首页", "政务公开", "政务服务", "互动交流", "走进莆田",
             "当前位置：首页 > 政府信息公开 > 政府信息公开年报", "政府信息公开年报", *(f"{t}　{d}" for t, d in _sidebar(p))]
    lines += [f"{k}：{v}" for k, v in _fields(p)]
    if p.title:
        lines.append(title_of(*p.title))
    lines += [_first_paragraph(p), article.strip("\n")]
    if p.signature:
        lines.append(p.signature)
    if p.signed_on:
        lines.append(_cn_date(p.signed_on))
    if p.attachment:
        lines.append(f"附件：{title_of(*p.attachment)}.pdf")
    lines += ["【打印本页】【关闭窗口】", "相关链接：", "中国政府网 福建省人民政府", f"主办单位：{SITE}办公室　承办单位：莆田市大数据服务中心",
              "网站标识码：3503000001　闽ICP备05012345号-1　闽公网安备 35030202000101号"]
    return "\n".join(lines) + "\n"


def _page_title(p: Page) -> str:
    return f"{title_of(*p.page_title)}_{SITE}" if p.page_title else f"政府信息公开年报_{SITE}"


def _cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
