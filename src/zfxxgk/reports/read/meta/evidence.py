"""Every place a report states who wrote it, for which year, and when it was published.

Each finding is an :class:`~zfxxgk.reports.model.Evidence` with the weight of its source
(:data:`SOURCES`): an explicit title line beats a citation in the first paragraph, which beats a
发布机构 field, which beats a file name, the signature and the statistics period. A title-like
line among others like it (a site's list of other years' reports) weighs little.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ...model import Evidence
from .. import labels as L
from ..blocks import LINE, PAGE_TITLE, PARAGRAPH, ROW, Block
from . import fields as F
from .glyphs import printed
from .organs import organ_in, organ_name
from .titles import agency_part, title_match, whole

# source -> (weight, how a person names it)
SOURCES: dict[str, tuple[float, str]] = {
    "title": (0.95, "标题行"),
    "field_title": (0.9, "页面“标题”栏"),
    "citation": (0.8, "首段引述"),
    "field_agency": (0.6, "页面“发布机构”栏"),
    "page_title": (0.5, "网页标题"),
    "title_other": (0.4, "其他标题行"),
    "attachment": (0.35, "附件名"),
    "file_name": (0.35, "文件名"),
    "signature": (0.3, "落款"),
    "period": (0.3, "统计期限"),
    "list": (0.15, "导航列表中的标题"),  # kept for --sources, never decides (read/meta._decide)
    "field_published": (0.9, "页面“发布日期”栏"),
    "field_written": (0.8, "页面“成文日期”栏"),
    "signature_date": (0.5, "落款日期"),
    "field": (0.9, "页面字段"),
    "print_footer": (0.5, "打印页脚"),
}
HEAD = 60  # site menus, breadcrumbs and field blocks can come before the title
_NAV = re.compile(r"^(?:上一篇|下一篇|上一条|下一条|相关(?:文章|链接|阅读|信息)|推荐阅读|热点|最新|猜你喜欢|»|>|·|•)")
_EXTENSION = re.compile(r"\.(?:pdf|docx?|wps|ofd|xlsx?|zip)", re.I)
_ATTACHMENT = re.compile(r"([^\s:：，。；、]*?(?:19|20)\d{2}[^\s:：，。；、]*?(?:报告|年报)[^\s:：，。；、.]*?)\.(?:pdf|docx?|wps|ofd|xlsx?|zip)", re.I)
_PERIOD = re.compile(r"统计(?:期限|时限|时间|区间|周期|范围)[^。\n\d]{0,8}((?:19|20)\d{2})\s*年")
_BARE_URL = re.compile(r"^\s*(https?://\S+?)\s*(?:\d{1,3}\s*/\s*\d{1,3})?\s*$", re.I)
# The header a browser prints on every page: the print date and time, then the page's <title>.
_PRINT_HEADER = re.compile(r"^\s*(?:\d{1,4}/\d{1,2}/\d{1,4},?\s*\d{1,2}:\d{2}(?:\s*[AP]M)?|\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2})\s*$", re.I)
_PUNCT_ONLY = re.compile(r"^[\s（）()《》〈〉“”‘’，。、；：！？【】]{1,2}$")


@dataclass
class Title:
    """A title-like reading: the text (as the document's title), its year and agency."""

    text: str
    year: int
    agency: str | None
    source: str
    where: str
    index: int | None = None  # body block of a title line (the preamble starts after it)


@dataclass
class Found:
    evidence: list[Evidence] = field(default_factory=list)
    titles: list[Title] = field(default_factory=list)

    def add(self, item: str, value, source: str, where: str, *, rejected: bool = False) -> None:
        weight = 0.0 if rejected else SOURCES[source][0]
        e = Evidence(item, value, source, where, weight, rejected=rejected)
        if e not in self.evidence:  # a block in both the head and the end of a short report counts once
            self.evidence.append(e)

    def title(self, text: str, m, source: str, where: str, index: int | None = None, agency: str | None = None) -> None:
        """A title match: its year, and its agency when that passes the organ-name rule."""
        raw = agency_part(m)
        agency = agency or organ_in(raw)
        if raw and agency is None:
            self.add("agency", raw, source, where, rejected=True)
        if agency:
            self.add("agency", agency, source, where)
        self.add("year", int(m.group("y")), source, where)
        if agency and not text.startswith(agency) and agency in text:  # "现公布三明市人民政府2021年…"
            text = text[text.index(agency):]
        self.titles.append(Title(text, int(m.group("y")), agency, source, where, index))


def _flat(b: Block) -> str:
    return " ".join(c for c in b.cells if c)


def _heading(b: Block) -> bool:
    return bool(L.heading_index("".join("".join(b.cells).split())))


def _plain(blocks: list[Block]) -> list[Block]:
    """The blocks as read here: radicals and ligatures as the characters they print, and a
    browser's print header ("12/3/26, 6:56 PM" + the page's <title>) as the page title it is."""
    out = []
    for b in blocks:
        cells = [printed(c) for c in b.cells]
        kind = b.kind
        if len(cells) >= 2 and _PRINT_HEADER.match(cells[0]):
            kind, cells = PAGE_TITLE, [" ".join(cells[1:])]
        out.append(Block(kind, cells, b.where, b.table, b.ocr))
    return out


def collect(body: list[Block], tail: list[Block], page: list[Block], name: str = "") -> Found:
    """Every reading in the report's head (site chrome, field block, title, first paragraph), its
    end (signature, attachments, a field block below the article), the page's <meta> tags and the
    file name. Only those parts are looked at closely: a long report costs no more than a short one."""
    found = Found()
    head, end, tail, page = _plain(body[:HEAD]), _plain(body[-12:]), _plain(tail[:12]), _plain(page)
    head_end = _title_lines(found, head)
    _citations(found, head, head_end)
    for b in page:  # the page's <meta> tags: ArticleTitle, ContentSource, PubDate, Url
        _fields(found, _flat(b), b.loc(0))
    for i, b in enumerate(head[:head_end]):
        _fields(found, _flat(b), b.loc(0), i)
    for b in end[-8:] + tail:
        _fields(found, _flat(b), b.loc(0))
    for b in head:
        if b.kind == PAGE_TITLE and (hit := title_match(b.text)):
            found.title(*hit, "page_title", b.loc(0))
            break  # a print header repeats it on every page
    _attachments(found, end + tail)
    if name and (hit := title_match(re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name.rsplit("/", 1)[-1]))):
        found.title(*hit, "file_name", "文件名")
    _signature(found, end, tail)
    _period(found, body)
    _print_footer(found, body + tail)
    return found


def _title_lines(found: Found, body: list[Block]) -> int:
    """Title lines before heading 一; returns where the head ends. Of several whole titles the
    last one is the title (sites list other years' reports above the article); the others, and
    any line among a run of title lines, count for little."""
    hits = []  # (index, text, match, index of the line above)
    head = body[:HEAD]
    end = len(head)
    for i, b in enumerate(head):
        if b.kind == PAGE_TITLE or F.fields(_flat(b)):
            continue
        if _heading(b):
            end = i
            break
        hit = title_match(b.text)
        if hit:
            hits.append((i, *hit, i - 1))
        elif i + 1 < len(head) and len(b.text) <= 40 and len(head[i + 1].text) <= 40 and head[i + 1].kind != PAGE_TITLE:
            # A title wrapped onto a second line in a PDF ("…2023年政府信息公" / "开工作年度报告")
            hit = title_match(b.text + head[i + 1].text)
            if hit and not L.heading_index(head[i + 1].text) and not title_match(head[i + 1].text):
                hits.append((i + 1, *hit, i - 1))
    # A run of title lines is a site's list of reports — except a whole title among lines that are
    # not (the list prints a date after each link, the article's title stands alone).
    at = {h[0] for h in hits}
    run = {i for i in at if i - 1 in at or i + 1 in at}
    whole_at = {h[0] for h in hits if whole(h[1], h[2])}
    listed = {h[0] for h in hits if _NAV.match(h[1])} | {
        i for i in run if not (i in whole_at and not any(j in whole_at for j in _neighbours(i, run)))}
    single = [h for h in hits if h[0] not in listed]
    wholes = [h for h in single if whole(h[1], h[2])]
    main = wholes[-1] if wholes else None
    for i, text, m, above in hits:
        source = "title" if main is not None and i == main[0] else "list" if i in listed else "title_other"
        agency = None
        if not agency_part(m) and above >= 0 and body[above].kind != PAGE_TITLE:
            # the agency on its own line above "2024年政府信息公开工作年度报告"
            prev = "".join("".join(body[above].cells).split())
            if organ_name(prev):
                agency, text = prev, prev + text
        found.title(text, m, source, body[i].loc(0), i, agency)
    return end


def _title_line(text: str) -> bool:
    hit = title_match(text)
    return bool(hit) and whole(*hit)


def _neighbours(i: int, run: set[int]) -> list[int]:
    """The other lines of the run of consecutive title lines that ``i`` belongs to."""
    out, j = [], i - 1
    while j in run:
        out.append(j)
        j -= 1
    j = i + 1
    while j in run:
        out.append(j)
        j += 1
    return out


def _citations(found: Found, body: list[Block], head_end: int) -> None:
    """"发布《莆田市城市管理局2024年度政府信息公开工作年度报告》", "现公布三明市人民政府2021年…报告":
    the first paragraph of prose (before heading 一 or just after it). A PDF breaks it into
    lines, and may put a bracket on a line of its own: the lines are joined, lone brackets left out."""
    blocks = body[: head_end + 3]
    start = next((i for i, b in enumerate(blocks) if b.kind in (PARAGRAPH, LINE) and len(b.text) >= 20
                  and re.search(r"[，。；《,;]", b.text) and not _title_line(b.text) and not F.fields(_flat(b)) and not _heading(b)), None)
    if start is None:
        return
    parts = [blocks[start].text]
    if blocks[start].kind == LINE:
        for b in body[start + 1: start + 12]:
            if b.kind == ROW or _heading(b) or b.kind == PARAGRAPH:
                break
            if not _PUNCT_ONLY.match(b.text):
                parts.append(b.text)
    text = "".join("".join(parts).split())
    pieces = re.findall(r"《([^《》]+)》", text) + re.split(r"[，。；,;《》]", text)
    for piece in pieces:
        hit = title_match(piece)
        if hit and whole(*hit):
            found.title(*hit, "citation", blocks[start].loc(0))
            return


def _fields(found: Found, text: str, where: str, index: int | None = None) -> None:
    """A field block; ``index``: its body block when it is above the report (the preamble
    starts after a 标题 field as after a title line)."""
    for key, _label, value in F.fields(text):
        if key == "title":
            if hit := title_match(value):
                found.title(*hit, "field_title", where, index)
        elif key == "agency":
            organ = organ_in(value)
            found.add("agency", organ or value, "field_agency", where, rejected=organ is None)
        elif key in ("published_on", "written_on"):
            day = F.to_date(value)
            if day:
                found.add(key, day, "field_published" if key == "published_on" else "field_written", where)
        elif key == "url":
            url = F.to_url(value)
            if url:
                found.add("url", url, "field", where)
        else:  # 索引号, 文号: as printed
            found.add(key, value.split()[0] if key == "index_no" else value, "field", where)


def _attachments(found: Found, blocks: list[Block]) -> None:
    for b in blocks:
        if not _EXTENSION.search(b.text):
            continue
        for m in _ATTACHMENT.finditer("".join(b.text.split())):
            if hit := title_match(m.group(1)):
                found.title(*hit, "attachment", b.loc(0))


def _signature(found: Found, body: list[Block], tail: list[Block]) -> None:
    """The closing signature (an organ's name alone on its line, its date beside or below it) at
    the end of the report; a date alone, or labelled, just after it. The site's footer and
    related links (the tail) are no signature."""
    for n, b in enumerate(body[-6:] + tail[:3]):
        text = " ".join(b.text.split())
        if len(text) > 60:
            continue
        m = F.SIGNED.search(text)
        rest = (text[: m.start()] + text[m.end():]).strip() if m else text
        organ = organ_name(rest) if " " not in rest else None
        if organ and n < len(body[-6:]):
            found.add("agency", organ, "signature", b.loc(0))
        if m and (not rest or organ or len(text) <= 14 or re.search(r"(?:发布|成文|公开|印发)(?:日期|时间)", text)):
            day = F.to_date(m.group(), F.SIGNED)
            if day:
                found.add("written_on", day, "signature_date", b.loc(0))


def _period(found: Found, body: list[Block]) -> None:
    """"统计期限自2024年1月1日起至2024年12月31日止": the year reported on. Lines are joined: a
    PDF may break the sentence anywhere."""
    text = printed("".join("".join(b.text.split()) for b in body[:400] if b.kind != ROW))
    m = _PERIOD.search(text)
    if m:
        found.add("year", int(m.group(1)), "period", "统计期限")


def _print_footer(found: Found, blocks: list[Block]) -> None:
    """A browser's "save as PDF" prints the page's address at the foot of every page."""
    urls = Counter(m.group(1) for b in blocks
                   if len(b.cells) <= 2 and "://" in (text := b.text) and (m := _BARE_URL.match(text)))
    if urls:
        url, _ = urls.most_common(1)[0]
        found.add("url", F.to_url(url), "print_footer", "打印页脚")
