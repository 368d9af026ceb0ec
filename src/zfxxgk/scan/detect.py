"""A file's type from its bytes, never from its name: an attachment called 通知.pdf may be a
Word file, and a 名单.txt may be an Excel workbook someone renamed."""
from __future__ import annotations

import re

from . import safety

_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")
_ARCHIVES = (b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b", b"BZh")
_HTML = re.compile(r"<\s*(!doctype\s+html|html|head|body|p|div|table|span|meta|br)\b", re.I)


def detect(data: bytes) -> str:
    """One of "empty", "pdf", "docx", "xlsx", "pptx", "ofd", "odf", "archive" (another zip, RAR, 7z, gzip),
    "office97" (.doc/.xls/.ppt), "image", "html", "text" or "unknown" (binary).
    :class:`~.safety.Unreadable` for a zip too damaged to list."""
    if not data or (len(data) <= 4096 and not data.strip()):
        return "empty"
    head = data[:1024]
    if b"%PDF-" in head:  # the PDF specification lets readers accept junk before the header
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        names = set(safety.member_names(data))
        if "word/document.xml" in names or any(n.startswith("word/") and n.endswith(".xml") for n in names):
            return "docx"
        if "xl/workbook.xml" in names or any(n.startswith("xl/") and n.endswith(".xml") for n in names):
            return "xlsx"
        if any(n.startswith("ppt/") for n in names):
            return "pptx"
        if "OFD.xml" in names:  # GB/T 33190 版式文件, common in Chinese government
            return "ofd"
        if "mimetype" in names and data[30:38] == b"mimetype":
            return "odf"  # OpenDocument (.odt/.ods): the mimetype member comes first, stored
        return "archive"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "office97"
    if data.startswith(_IMAGES) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return "image"
    if data.startswith(_ARCHIVES):
        return "archive"
    text = decode(data[:65536], partial=True)
    if text is None:
        return "unknown"
    return "html" if _HTML.search(text[:4096]) else "text"


_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def decode(data: bytes, *, partial: bool = False) -> str | None:
    """The text of a TXT/HTML file (BOM, then UTF-8, then GB18030, which every byte string
    of Chinese Windows files decodes as), or None when it is not text. ``partial``: ``data``
    is a head cut anywhere, perhaps inside a character."""
    text = None
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            text = data.decode(codec, "replace")
            break
    else:
        for codec in ("utf-8", "gb18030"):
            try:
                text = data.decode(codec)
                break
            except UnicodeDecodeError as exc:
                if partial and exc.start >= len(data) - 4:
                    text = data[: exc.start].decode(codec, "replace")
                    break
    if text is None:
        return None
    sample = text[:65536]
    if "\x00" in sample or len(_CONTROLS.findall(sample)) > len(sample) // 100:
        return None
    return text
