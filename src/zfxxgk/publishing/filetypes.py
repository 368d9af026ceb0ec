"""Which files a publication may carry: judged by their bytes (magic numbers and, for Office files,
the parts inside the zip), never by the name or the browser's Content-Type.

Accepted: PDF, Word (.docx), Excel (.xlsx), JPEG and PNG images, plain text (UTF-8 or GB18030).
These are the formats whose hidden content the pre-publication scan (:mod:`zfxxgk.scan`) opens
and checks — hidden sheets, comments, tracked changes, text under black boxes. Refused, with the
way out in the message:

* .doc/.xls/.wps/.et (OLE2) and .odt/.ods: the scan cannot look inside them — save as .docx/.xlsx
  or PDF;
* .docm/.xlsm (macros): never published;
* zip, rar, 7z archives: each file is published and checked on its own;
* anything else (executables, HTML pages …).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..reports import zipsafe
from ..reports.errors import ReportReadError

ACCEPTED = "PDF、Word（.docx）、Excel（.xlsx）、图片（.jpg/.png）、纯文本（.txt）"
SAVE_AS = "请另存为 .docx、.xlsx 或 PDF 后上传"


@dataclass(frozen=True)
class FileType:
    ext: str
    content_type: str


PDF = FileType("pdf", "application/pdf")
DOCX = FileType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = FileType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
JPEG = FileType("jpg", "image/jpeg")
PNG = FileType("png", "image/png")
TXT = FileType("txt", "text/plain; charset=utf-8")

_MAGIC = ((b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG))
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ARCHIVES = (b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b")


class Refused(ValueError):
    """The file is not one we publish; ``message`` (Chinese) says why and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def detect(data: bytes) -> FileType:
    """The accepted type of ``data``, or :class:`Refused`."""
    if not data:
        raise Refused("文件是空的，请重新选择。")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith(_OLE2):
        raise Refused(f"这是旧版 Word/Excel（.doc/.xls）或 WPS 格式的文件，无法检查其中的隐藏内容，{SAVE_AS}。")
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zipped(data)
    if data.startswith(_ARCHIVES):
        raise Refused("压缩包中的文件无法逐一检查，请解压后分别上传需要公开的文件。")
    if _text(data):
        return TXT
    raise Refused(f"无法识别的文件格式。可以上传：{ACCEPTED}。")


def _zipped(data: bytes) -> FileType:
    """An Office file by the parts inside; the member count is checked from the zip's end record
    before any directory is built (:mod:`zfxxgk.reports.zipsafe`)."""
    try:
        names = set(zipsafe.member_names(data))
    except ReportReadError as exc:
        raise Refused("文件已损坏、不完整或结构异常，无法检查，请重新保存后上传。") from exc
    if "word/vbaProject.bin" in names or "xl/vbaProject.bin" in names:
        raise Refused("文件中含有宏（.docm/.xlsm），不能公开。请另存为不含宏的 .docx/.xlsx 或 PDF 后上传。")
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    if "mimetype" in names and b"application/vnd.oasis.opendocument" in data[:200]:  # ODF stores it first, uncompressed
        raise Refused(f"暂不支持检查 OpenDocument（.odt/.ods）文件中的隐藏内容，{SAVE_AS}。")
    raise Refused("压缩包中的文件无法逐一检查，请解压后分别上传需要公开的文件。")


def _text(data: bytes) -> bool:
    """Plain text a person wrote: no NUL, decodes as UTF-8 or GB18030, few control characters."""
    if b"\x00" in data[:65536]:
        return False
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:65536]
        controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
        return controls <= max(8, len(sample) // 100)
    return False


def display_name(name: str, kind: FileType) -> str:
    """The uploader's file name (no path, no control characters) with the extension of what the file is."""
    from ..portal.uploads import display_name as clean

    base = clean(name)
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{stem[:200] or '附件'}.{kind.ext}"
