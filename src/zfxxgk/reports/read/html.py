"""HTML front end: a published web page (or its JSON API payload) reduced to blocks.

Government sites serve reports as plain pages (often GBK, often pasted from Word), as JSON
APIs whose ``content`` field holds the HTML, or as markup escaped once more (``\\u003ctable``,
``&lt;table&gt;``). We first recover the markup, then walk the tree in document order: text
outside tables becomes PARAGRAPH blocks, each table row one ROW block on the expanded grid.
"""
from __future__ import annotations

import codecs
import html as htmllib
import json
import re

from lxml import etree

from .. import limits
from ..errors import ReportReadError
from .blocks import COVERED, PAGE_META, PAGE_TITLE, ROW, Block, paragraph, table_locations
from .text import blocks_from_text

# -- decoding ---------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(rb"""(?:<meta[^>]*?charset|<\?xml[^>]*?encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# GB2312 and GBK pages routinely contain characters only GB18030 (their superset) knows.
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
            "gb_2312-80": "gb18030", "big5": "big5hkscs", "x-big5": "big5hkscs"}


def decode(data: bytes) -> str:
    """Bytes to text: BOM, then strict UTF-8, then the declared charset, then GB18030; refused
    above the text cap (:mod:`..limits`) before and after decoding."""
    limits.check_text_bytes(len(data))
    text = _decode(data)
    limits.check_text(text)
    return text


def _decode(data: bytes) -> str:
    """Strict UTF-8 goes first because GBK bytes essentially never form valid UTF-8, while
    pages saved by a browser are UTF-8 even when they keep their old ``charset=gb2312``."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    tried: list[str] = []
    declared = _DECLARED.search(data[:8192])
    for name in ("utf-8", declared.group(1).decode("ascii", "ignore").lower() if declared else "", "gb18030"):
        name = _ALIASES.get(name, name)
        if not name or name in tried:
            continue
        tried.append(name)
        try:
            return data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    # Mostly-valid text with a few broken bytes: keep whichever reading loses less.
    readings = [data.decode(name, errors="replace") for name in ("utf-8", "gb18030")]
    return min(readings, key=lambda text: text.count("\ufffd"))


# -- recovering the markup ------------------------------------------------------------------

_TAG = re.compile(r"<\s*/?\s*(?:p|div|table|tr|td|th|span|br|h[1-6]|li|section|article|font|strong|body|html)\b", re.I)
_TABLE = re.compile(r"<\s*table\b", re.I)
_SCRIPT = re.compile(r"<script\b.*?</script\s*>", re.I | re.S)
_JS_ESCAPED_TAG = re.compile(r"\\(?:u003c|x3c)\s*/?\s*(?:table|tr|td|th|p|div|span|br|h[1-6])\b", re.I)
# Real tags whose quotes or slashes are still JSON-escaped: <td colspan=\"2\">, <\/td>.
_JS_ESCAPED_ATTR = re.compile(r"<\s*[a-z][a-z0-9:]*\b[^<>]*=\s*\\\"|<\\/\s*[a-z]", re.I)
_ENTITY_TAG = re.compile(r"&(?:amp;)*lt;\s*/?\s*(?:table|tr|td|th|p|div|span|br)\b", re.I)
# A literal never starts at an escaped quote: in a bare escaped fragment every quote is \".
_JS_STRING = re.compile(r"""(?<!\\)(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""", re.S)
_SCRIPT_BODY = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.I | re.S)
_JS_ESCAPE = re.compile(r"""\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|["'\\/bfnrt])""")
_JS_SIMPLE = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_JSONP = re.compile(r"^[\w$.]+\s*\((.*)\)\s*;?$", re.S)
_TITLE_KEYS = {"title", "name", "subject", "headline", "doctitle", "articletitle", "标题"}


def unwrap(text: str) -> str:
    """The HTML inside ``text``: a JSON document/string, a JS literal or entity-escaped markup."""
    text = text.lstrip("\ufeff")
    for _ in range(4):  # layers can nest: JSON in JSON, entities inside a JSON value
        inner = _from_json(text)
        if inner is None:
            inner = _from_js_escapes(text)
        if inner is None:
            inner = _from_entities(text)
        if inner is None or inner == text:
            return text
        text = inner
    return text


def _plain_page(text: str, low: bytes) -> bool:
    """Markup that :func:`unwrap` would return unchanged, decided by substring tests on the
    lower-cased bytes: no JSON, no escapes, no entity-escaped tags, a table in view and no
    script that could hold the real one."""
    return (text.lstrip()[:1] == "<" and b"\\" not in low and b"<table" in low
            and b"<script" not in low and b"lt;" not in low)


def _from_json(text: str) -> str | None:
    stripped = text.strip()
    m = _JSONP.match(stripped)
    if m:  # callback({...});
        stripped = m.group(1).strip()
    if not stripped or stripped[0] not in '{["':
        return None
    try:
        value = json.loads(stripped)
    except ValueError:
        return None
    if isinstance(value, str):
        return value
    strings = list(_json_strings(value))
    picked = _pick_markup(strings)
    if picked is not None:
        return picked
    # A JSON payload with plain-text content: keep its longest text, one paragraph a line.
    longest = max((s for _, s in strings), key=len, default="")
    if len(longest) < 100:
        raise ReportReadError("JSON 文件中没有找到年度报告正文（HTML 或文字）。", "json without markup or long text")
    return "".join(f"<p>{htmllib.escape(line)}</p>" for line in longest.splitlines())


def _json_strings(value, key: str | None = None):
    """(key, string) pairs of a JSON value, in document order."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _json_strings(v, str(k))
    elif isinstance(value, list):
        for v in value:
            yield from _json_strings(v, key)


def _pick_markup(strings: list[tuple[str | None, str]]) -> str | None:
    """The report body among several strings: the longest one with a table, else with tags.

    APIs also return summaries, bylines and navigation snippets; the report is the big one.
    A separate ``title`` field is kept as a heading when the body does not repeat it.
    """
    markup = [s for _, s in strings if _TAG.search(s)]
    if not markup:
        return None
    body = max([s for s in markup if _TABLE.search(s)] or markup, key=len)
    for key, s in strings:
        if key and key.lower() in _TITLE_KEYS and s.strip() and not _TAG.search(s) and len(s) < 200:
            if _squash(s) not in _squash(re.sub(r"<[^>]*>", "", body)):
                body = f"<h1>{htmllib.escape(s.strip())}</h1>{body}"
            break
    return body


def _from_js_escapes(text: str) -> str | None:
    visible = _SCRIPT.sub("", text)
    escaped_attrs = _JS_ESCAPED_ATTR.search(visible)
    # Script source saved as it is (a site's .js file: ``let content = "<table border=\"1\">…"``):
    # its tables are all inside string literals.
    bare_script = bool(escaped_attrs) and not _TABLE.search(_JS_STRING.sub("", visible))
    if bare_script or not _TABLE.search(visible):
        # The report may only exist as a JS/JSON string literal (``var c = "\u003ctable…"``);
        # look inside <script> bodies, or everywhere when the text is bare script.
        scripts = _SCRIPT_BODY.findall(text)
        literals = [(None, _js_unescape(m.group(1) or m.group(2) or "")) for body in scripts or [text]
                    for m in _JS_STRING.finditer(body)
                    if _JS_ESCAPED_TAG.search(m.group(0)) or _TABLE.search(m.group(0))]
        picked = _pick_markup(literals)
        # A site script's "<table>" template must not replace a real (table-less) article.
        if picked is not None and (bare_script or len(_plain(picked)) > len(_plain(visible))):
            return picked
        if not scripts and _JS_ESCAPED_TAG.search(text):
            return _js_unescape(text)  # an escaped fragment with no quotes around it
    if escaped_attrs:
        return _js_unescape(text)  # a JSON value copied without its surrounding quotes
    return None


def _js_unescape(s: str) -> str:
    def repl(m: re.Match) -> str:
        esc = m.group(1)
        if esc[0] in "ux":
            return chr(int(esc[1:], 16))
        return _JS_SIMPLE.get(esc, esc)

    out = _JS_ESCAPE.sub(repl, s)
    # \ud83d\ude00 arrives as two surrogates; join them (lone ones become U+FFFD).
    return out.encode("utf-16", "surrogatepass").decode("utf-16", errors="replace")


def _from_entities(text: str) -> str | None:
    if _ENTITY_TAG.search(text) and not _TABLE.search(_SCRIPT.sub("", text)):
        return htmllib.unescape(text)
    return None


def _squash(text: str) -> str:
    return "".join(text.split())


def _plain(markup: str) -> str:
    """Rough visible text of markup, only to compare sizes."""
    return _squash(re.sub(r"<[^>]*>", "", re.sub(r"<(style|head)\b.*?</\1\s*>", "", markup, flags=re.I | re.S)))


# -- parsing ------------------------------------------------------------------------------

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# Control characters other than tab/newline/CR: dropped as bytes (in UTF-8 they never occur
# inside a multi-byte character), which is far cheaper than a regex over the text.
_CONTROL_BYTES = bytes(range(0x00, 0x09)) + b"\x0b\x0c" + bytes(range(0x0e, 0x20)) + b"\x7f"
# The plain etree parser: lxml.html's would call a Python class lookup for every element.
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, encoding="utf-8")  # Word's <!--[if mso]> noise


def source(markup: str) -> bytes:
    """The bytes handed to libxml2: without an XML declaration (the parser is told the encoding)
    and without control characters."""
    return _XML_DECL.sub("", markup, count=1).encode("utf-8", "replace").translate(None, _CONTROL_BYTES)


def parse(markup: str | bytes):
    data = source(markup) if isinstance(markup, str) else markup
    if not data.strip():
        raise ReportReadError("HTML 文件没有内容。", "empty markup")
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ReportReadError("HTML 内容无法解析，文件可能已损坏。", f"lxml: {exc}") from exc
    if root is None:
        raise ReportReadError("HTML 内容无法解析，文件可能已损坏。", "lxml returned no root")
    return root


# -- walking ------------------------------------------------------------------------------

_SKIP = frozenset({"head", "script", "style", "noscript", "template", "title", "meta", "link", "iframe",
                   "object", "embed", "svg", "math", "select", "option", "button", "textarea", "input", "img"})
# Elements that end the paragraph being built (everything else is inline, e.g. span, font, o:p).
_BLOCK = frozenset({"html", "body", "address", "article", "aside", "blockquote", "center", "dd", "details",
                    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
                    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "menu", "nav", "ol", "p",
                    "pre", "section", "summary", "ul", "caption", "thead", "tbody", "tfoot", "tr", "td", "th",
                    "table", "br"})
_HIDDEN = re.compile(r"display\s*:\s*none", re.I)
_HIDDEN_BYTES = re.compile(rb"display\s*:\s*none")  # on lower-cased source
# Site chrome around the article. Text after section 六 would otherwise be read as part of it.
_CHROME_TAGS = frozenset({"nav", "footer", "aside"})
_CHROME_NAMES = frozenset({"footer", "foot", "nav", "navbar", "breadcrumb", "crumb", "crumbs", "copyright", "sidebar"})
_CHROME_HINTS = (b"foot", b"nav", b"crumb", b"copyright", b"sidebar")  # substrings of every name above
_BREAK = "\x1e"  # marks a structural line break inside a cell; control chars never survive parse()
_MAX_COLSPAN, _MAX_ROWSPAN = 1000, 65534  # the HTML standard's limits
# Only elements with one of these attributes can be hidden or site chrome. Attribute tests are
# slow in XPath, so the query runs only when the markup mentions them at all.
_MAY_HIDE = etree.XPath("descendant-or-self::*[@hidden or @style]")
_MAY_BE_CHROME = etree.XPath("descendant-or-self::*[@class or @id]")


def _tag(el) -> str | None:
    tag = el.tag
    if not isinstance(tag, str):  # comment, processing instruction, entity
        return None
    return tag if "}" not in tag else tag.rsplit("}", 1)[-1].lower()  # the HTML parser lower-cases names


def _marks(root, low: bytes) -> tuple[set, set]:
    """(hidden elements, site-chrome elements) under ``root``. ``low``, the lower-cased source,
    lets pages that mention neither skip the (slow) attribute queries."""
    hidden, chrome = set(), set()
    if b"hidden" in low or (b"none" in low and _HIDDEN_BYTES.search(low)):
        for el in _MAY_HIDE(root):
            style = el.get("style")
            if el.get("hidden") is not None or (style and _HIDDEN.search(style)):
                hidden.add(el)
    if any(name in low for name in _CHROME_HINTS):
        for el in _MAY_BE_CHROME(root):
            if not _CHROME_NAMES.isdisjoint(f"{el.get('class') or ''} {el.get('id') or ''}".lower().split()):
                chrome.add(el)
    return hidden, chrome


def _clean(text: str) -> str:
    return " ".join(text.split())


_DIGITS = re.compile(r"\d+")


def _span(value: str | None, limit: int) -> int:
    if value is None:
        return 1
    if value.isdigit():
        return min(int(value), limit)
    m = _DIGITS.search(value)
    return min(int(m.group()), limit) if m else 1


class Walker:
    """Turns parsed trees into blocks; counters are shared so fragments can be fed one by one."""

    def __init__(self, tables: int = 0) -> None:
        self.out: list[Block] = []
        self.max_blocks = limits.current().max_blocks
        self.tables = tables  # number of the last table emitted (tables are numbered from 1)
        self.paras = 0
        self._buf: list[str] = []
        self.hidden: set = set()
        self.chrome: set = set()

    def feed(self, data: bytes, low: bytes | None = None):
        """Parse and walk one page or HTML island of a Markdown file, given as :func:`source` bytes
        (``low``: the same lower-cased, when the caller has it); returns the parsed root."""
        root = parse(data)
        self.hidden, self.chrome = _marks(root, data.lower() if low is None else low)
        self.walk(root)
        self.flush()
        return root

    # prose
    def walk(self, el) -> None:
        if len(self.out) > self.max_blocks:  # a page of a million paragraphs: stop building them
            limits.check_blocks(len(self.out))
        tag = _tag(el)
        if tag is None or tag in _SKIP or tag in _CHROME_TAGS or el in self.hidden or el in self.chrome:
            return
        if tag == "table":
            self.flush()
            self.table(el)
            return
        if tag == "pre":  # preformatted, often a whole plain-text report: read as the text reader does
            self.flush()
            self.out.extend(blocks_from_text("".join(el.itertext())))
            return
        block = tag in _BLOCK
        if block:
            self.flush()
        if el.text:
            self._buf.append(el.text)
        for child in el:
            self.walk(child)
            if child.tail:
                self._buf.append(child.tail)
        if block:
            self.flush()

    def flush(self) -> None:
        if not self._buf:
            return
        text = _clean("".join(self._buf))
        self._buf.clear()
        if text:
            self.paras += 1
            self.out.append(paragraph(text, f"第{self.paras}段"))

    # tables
    def table(self, el) -> None:
        hidden = self.hidden
        trs = [tr for tr in _rows(el) if tr not in hidden]
        rows = [[c for c in tr if c.tag in _CELL_TAGS and c not in hidden] for tr in trs]
        caption = next((c for c in el if _tag(c) == "caption"), None)
        if caption is not None:
            self.walk(caption)
        if _is_layout(el, rows):
            # A page-layout wrapper: its cells are containers of prose and of the real tables.
            for tr in trs:
                self.walk(tr)
            return
        grid = expand(rows, hidden)
        if not grid:
            return
        self.tables += 1
        n = self.tables
        for r, (cells, has_origin) in enumerate(grid):
            if not has_origin or _ghost(trs[r], cells):
                continue
            self.out.append(Block(ROW, cells, table_locations(n, r + 1, len(cells)), n))


_CELL_TAGS = frozenset({"td", "th"})
_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})


def _rows(table):
    """The table's own rows (not those of tables nested in its cells)."""
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            yield child
        elif tag in _ROW_GROUPS:
            yield from (tr for tr in child if _tag(tr) == "tr")


_HAS_TABLE = etree.XPath("boolean(.//table)")


def _is_layout(table, rows: list[list]) -> bool:
    """Tables used for page layout: a cell holds another table, or there is a single column."""
    if _HAS_TABLE(table) and any(len(cell) and _HAS_TABLE(cell) for cells in rows for cell in cells):
        return True
    return bool(rows) and all(len(cells) <= 1 and _span(cells[0].get("colspan") if cells else None, 2) == 1
                              for cells in rows)


def _ghost(tr, cells: list[str]) -> bool:
    # Word emits a zero-height row of empty cells to fix column widths.
    return not any(cells) and (tr.get("height") or "").strip() == "0"


def expand(rows: list[list], hidden=frozenset()) -> list[tuple[list[str], bool]]:
    """The dense grid of a table: (cell texts, whether any cell starts in this row) per row.

    Positions covered by a rowspan/colspan get COVERED; the text stays at the origin cell only.
    """
    n = len(rows)
    covered: list[set[int] | None] = [None] * n  # columns of later rows taken by a rowspan
    grid: list[list[str]] = []
    for r, cells in enumerate(rows):
        taken = covered[r]
        line: list[str] = []
        for cell in cells:
            if taken:
                while len(line) in taken:
                    line.append(COVERED)
            if len(cell):
                line.append(cell_text(cell, hidden))
            else:  # a plain text cell, the common case
                text = cell.text
                line.append(" ".join(text.split()) if text else "")
            colspan, rowspan = cell.get("colspan"), cell.get("rowspan")
            if colspan is None and rowspan is None:
                continue
            first = len(line) - 1
            colspan = max(1, _span(colspan, _MAX_COLSPAN))
            if colspan > 1:
                line.extend([COVERED] * (colspan - 1))
            rowspan = _span(rowspan, _MAX_ROWSPAN)
            if rowspan == 0:  # rowspan="0": to the end of the table
                rowspan = n - r
            for below in range(r + 1, min(r + rowspan, n)):  # spans never create rows
                if covered[below] is None:
                    covered[below] = set()
                covered[below].update(range(first, first + colspan))
        if taken:  # columns after the last cell that a rowspan from above still covers
            line.extend([COVERED] * (max(taken) + 1 - len(line)))
        grid.append(line)
    width = max(map(len, grid), default=0)
    if not width:
        return []
    for line in grid:
        if len(line) < width:
            line.extend([""] * (width - len(line)))
    return [(line, bool(cells)) for line, cells in zip(grid, rows)]


def cell_text(cell, hidden=frozenset()) -> str:
    """All text of a cell; <br> and block children (<p>, <div>) become newlines."""
    parts: list[str] = []

    def visit(el) -> None:
        for child in el:
            tag = _tag(child)
            if tag is not None and tag not in _SKIP and tag != "table" and child not in hidden:
                block = tag in _BLOCK
                if block:
                    parts.append(_BREAK)
                if child.text:
                    parts.append(child.text)
                visit(child)
                if block:
                    parts.append(_BREAK)
            if child.tail:
                parts.append(child.tail)

    parts.append(cell.text or "")
    visit(cell)
    lines = (_clean(line) for line in "".join(parts).split(_BREAK))
    return "\n".join(line for line in lines if line)


# -- entry ------------------------------------------------------------------------------


def blocks(data: bytes) -> list[Block]:
    text = decode(data).lstrip("\ufeff")
    data = source(text)
    low = data.lower()
    if not _plain_page(text, low):
        markup = unwrap(text)
        if markup != text:
            data = source(markup)
            low = data.lower()
    walker = Walker()
    root = walker.feed(data, low)
    if not walker.out:
        raise ReportReadError("HTML 中没有找到任何文字内容。", "no text in html")
    title = root.find("head/title")
    if title is not None and (title.text or "").strip():
        walker.out.insert(0, Block(PAGE_TITLE, [_clean(title.text)], ["网页标题"]))
    walker.out.extend(page_meta(root))
    return walker.out


# The <meta> tags of 政府网站网页设计规范 (ArticleTitle, ContentSource, PubDate, Url) and the
# page's canonical address, as the field labels read/meta reads.
_META_FIELDS = {"articletitle": "标题", "contentsource": "发布机构", "pubdate": "发布日期", "url": "原文链接",
                "og:url": "原文链接"}
_META_TAGS = etree.XPath("//meta[@content] | //link[@rel='canonical'][@href]")


def page_meta(root) -> list[Block]:
    out, seen = [], set()
    for el in _META_TAGS(root):
        key = (el.get("name") or el.get("property") or ("url" if el.get("rel") == "canonical" else "")).strip().lower()
        label = _META_FIELDS.get(key)
        value = _clean(el.get("content") or el.get("href") or "")
        if label and value and label not in seen:
            seen.add(label)
            out.append(Block(PAGE_META, [f"{label}：{value}"], ["网页元数据"]))
    return out
