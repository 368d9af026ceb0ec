"""A publication's body: what staff paste in (Word/WPS HTML, a web page, or plain text) made safe to
show on the public site, plus the plain text that search and the pre-publication scan read.

    html, text = sanitize.body("<p onclick=x>一、总则</p><script>…</script>")
    # html == "<p>一、总则</p>", text == "一、总则"

The sanitising is nh3's (the ammonia HTML sanitiser, html5ever's parser), never a regex: an allow
list of the tags a government document uses — paragraphs, headings h2–h4, emphasis, lists, tables
with colspan/rowspan, links (http, https or relative, ``rel="noopener noreferrer"``) and images
(relative or http(s) only). Everything else is dropped; ``<script>`` and ``<style>`` with their
content.

``text`` keeps one paragraph per line (a table row is a line, its cells separated by a tab), so
the scan can say where a finding is: 正文第3段 is the third line.
"""
from __future__ import annotations

import html as htmllib
import re
from html.parser import HTMLParser

import nh3

TAGS = {"p", "br", "h2", "h3", "h4", "strong", "em", "u", "ol", "ul", "li",
        "table", "thead", "tbody", "tr", "th", "td", "a", "img"}
ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
DROP_WITH_CONTENT = {"script", "style", "template", "title", "textarea", "select"}
MAX_SPAN = 100  # a colspan/rowspan beyond this is no table a person wrote

# Tags that mean the pasted text is HTML (anything else with a "<" is text: “收费标准<100元”).
_LOOKS_LIKE_HTML = re.compile(r"<\s*/?\s*(p|br|div|span|h[1-6]|table|tr|td|th|strong|b|em|i|u|ul|ol|li|a|img|font|html|body|script|style|iframe|svg|form|object|embed)\b[^>]*>", re.I)
# What Word, WPS and web pages write for what we keep under another name: <div> paragraphs (else
# the lines run together), <b>/<i>, headings outside h2–h4. Only tags renamed before nh3 parses;
# nh3 still decides what survives.
_RENAME = {"div": "p", "h1": "h2", "h5": "h4", "h6": "h4", "b": "strong", "i": "em"}
_RENAMED = re.compile(r"<(/?)(div|h1|h5|h6|b|i)\b[^>]*>", re.I)
_HAS_BLOCKS = re.compile(r"<\s*/?\s*(p|div|h[1-6]|table|tr|ul|ol|li|br)\b", re.I)
_EMPTY_P = re.compile(r"<p>(\s|&nbsp;|<br>)*</p>")  # left by wrapper <div>s and Word's spacer paragraphs
_BLOCKS = {"p", "h2", "h3", "h4", "li", "tr", "br", "table", "ul", "ol", "thead", "tbody"}
_CELLS = {"td", "th"}


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name in ("colspan", "rowspan"):
        return value if value.strip().isdigit() and 1 <= int(value) <= MAX_SPAN else None
    if tag == "img" and name == "src":
        # Relative to the site ("/…", "images/…") or http(s); never another scheme or a
        # protocol-relative "//host/…" (a third party's pixel under the page's address).
        lower = value.strip().lower()
        if lower.startswith("//"):
            return None
        return value if lower.startswith(("http://", "https://")) or ":" not in lower.split("/", 1)[0] else None
    return value


_CLEANER = nh3.Cleaner(
    tags=TAGS, attributes=ATTRIBUTES, clean_content_tags=DROP_WITH_CONTENT, url_schemes={"http", "https"},
    link_rel="noopener noreferrer", strip_comments=True, attribute_filter=_attribute,
)


def is_html(value: str) -> bool:
    return bool(_LOOKS_LIKE_HTML.search(value or ""))


def clean_html(value: str) -> str:
    """The sanitised HTML of ``value``; plain text (no tags) becomes one paragraph per line."""
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    if not is_html(value):
        lines = (line.strip() for line in value.split("\n"))
        return "".join(f"<p>{htmllib.escape(line, quote=False)}</p>" for line in lines if line)
    if not _HAS_BLOCKS.search(value):  # text with a few inline tags: still one paragraph per line
        value = "".join(f"<p>{line.strip()}</p>" for line in value.split("\n") if line.strip())
    renamed = _RENAMED.sub(lambda m: f"<{m.group(1)}{_RENAME[m.group(2).lower()]}>", value)
    return _EMPTY_P.sub("", _CLEANER.clean(renamed)).strip()


class _Text(HTMLParser):
    """Sanitised HTML → one line per block; the cells of a table row separated by a tab."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.cells: list[list[str]] = [[]]

    def _break(self) -> None:
        cells = [re.sub(r"\s+", " ", "".join(cell)).strip() for cell in self.cells]
        if any(cells):
            self.lines.append("\t".join(cells).strip("\t"))
        self.cells = [[]]

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self._break()
        elif tag in _CELLS and any(self.cells[-1]):
            self.cells.append([])

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self._break()

    def handle_data(self, data):
        self.cells[-1].append(data)

    def text(self) -> str:
        self._break()
        return "\n".join(self.lines)


def text_of(clean: str) -> str:
    """The plain text of sanitised HTML: one paragraph (or table row) per line."""
    parser = _Text()
    parser.feed(clean or "")
    parser.close()
    return parser.text()


def body(value: str) -> tuple[str, str]:
    """(sanitised HTML, plain text) of what was pasted."""
    clean = clean_html(value)
    return clean, text_of(clean)
