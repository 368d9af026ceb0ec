"""TXT and HTML: the visible text, as segments. A text file's place is its line ("第12行"); an
HTML page's is its paragraph ("第3段"), counted over block elements with text. Script, style and
template content is not visible and is left out."""
from __future__ import annotations

import re

from lxml import etree, html

from .detect import decode
from .finding import Segment
from .safety import Unreadable

_BLOCKS = ("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "br", "table", "section", "article",
           "blockquote", "pre", "dt", "dd", "title", "header", "footer")
_CELLS = ("td", "th")
_INVISIBLE = ("script", "style", "template", "noscript")


def text_segments(data: bytes) -> list[Segment]:
    text = _text(data)
    return [Segment(f"第{i}行", line) for i, line in enumerate(text.splitlines(), 1) if line.strip()]


def html_segments(data: bytes) -> list[Segment]:
    text = _text(data)
    try:
        root = html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:  # nothing but comments or white space, or a bad declaration
        raise Unreadable("网页文件无法解析，无法检查。", f"lxml.html: {exc!r}") from exc
    for el in list(root.iter(*_INVISIBLE)):
        if el.getparent() is not None:
            el.drop_tree()
    for el in root.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
    for el in root.iter(*_CELLS):
        el.tail = "\t" + (el.tail or "")
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in root.text_content().split("\n"))
    return [Segment(f"第{i}段", line) for i, line in enumerate((x for x in lines if x), 1)]


def _text(data: bytes) -> str:
    text = decode(data)
    if text is None:
        raise Unreadable("文件内容无法识别：既不是常见的文本编码，也不是 Word、Excel 或 PDF 文件。", "not text")
    return text
