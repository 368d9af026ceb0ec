"""Which front end reads a file: by its bytes first (magic numbers), then by its name."""
from __future__ import annotations

import codecs
import re

from .. import limits, zipsafe
from ..errors import ReportReadError

_HTML = re.compile(rb"<\s*(html|table|body|p|div|tr|td|meta|!doctype)\b", re.I)
_HTML_ESCAPED = re.compile(rb"\\u003c\s*(table|p|tr|td|div)\b|&lt;\s*(table|tr|td)\b", re.I)
# Table markup anywhere (a page saved with a long script header, a site's .js data file): a plain
# text report never holds these.
_TABLE_TAG = re.compile(rb"<\s*(table|tr|td)\b", re.I)
_MD_TABLE = re.compile(rb"^\s*\|.*\|\s*$", re.M)
_MD_RULE = re.compile(rb"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$", re.M)


def detect_kind(data: bytes, name: str = "") -> str:
    head = data[:4096]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK"):
        names = zipsafe.member_names(data)
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        raise ReportReadError("不支持的压缩文件：既不是 Word（DOCX）也不是 Excel（XLSX）。", "zip without word/ or xl/")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReportReadError("这是旧版 Word/Excel 文件（.doc/.xls），请先另存为 .docx/.xlsx 再读取。", "OLE2 compound file")
    if head[:8] in (b"\x89PNG\r\n\x1a\n",) or head[:3] == b"\xff\xd8\xff":
        return "ocr"
    if head.startswith(_UTF16_BOMS):
        # Notepad's "Unicode": judge the text, not its bytes (every other byte is NUL)
        limits.check_text_bytes(len(data))
        data = data.decode("utf-16", "replace").encode("utf-8")
        head = data[:4096]
    if _binary(head):
        raise ReportReadError("文件内容无法识别：不是文本、HTML、Word、Excel 或 PDF。", "binary garbage")
    limits.check_text_bytes(len(data))  # before the searches below run over the whole text
    if _report_json(data):
        return "json"
    lower = name.lower()
    if lower.endswith((".md", ".markdown")) or (_MD_TABLE.search(data) and _MD_RULE.search(data)):
        return "markdown"
    if (lower.endswith((".html", ".htm", ".shtml", ".json", ".js")) or _HTML.search(head)
            or _HTML_ESCAPED.search(data) or _TABLE_TAG.search(data)):
        return "html"
    return "text"


_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Every byte except the control characters that never occur in text (all but \t \n \v \f \r).
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32))


def _binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    controls = len(head.translate(None, _NOT_CONTROL))
    return controls > max(8, len(head) // 50)


def _report_json(data: bytes) -> bool:
    """Our own JSON (spec §6 shape), as opposed to a JSON payload wrapping an HTML page."""
    if not data.lstrip()[:1] == b"{":
        return False
    import json

    try:
        obj = json.loads(data)
    except ValueError:
        return False
    return isinstance(obj, dict) and isinstance(obj.get("requests"), dict) and "format" in obj
