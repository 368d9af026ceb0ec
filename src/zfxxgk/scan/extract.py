"""A file's visible text with places, and the hidden-data findings its reader makes on the way:
one pass over the file for both. :func:`extract_text` is the search side (text only).

Bounded: the input size cap (ZFXXGK_MAX_INPUT_MB), the zip checks before any DOCX/XLSX library
unpacks a byte, the PDF page cap, and the text cap (ZFXXGK_MAX_TEXT_CHARS) on what is kept.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from . import docx, pdf, plain, xlsx
from .detect import detect
from .finding import Finding, Kind, Segment, digest
from .safety import Unreadable, check_input, max_text_chars

log = logging.getLogger(__name__)

READERS = {"pdf": pdf.read, "docx": docx.read, "xlsx": xlsx.read,
           "text": lambda data: (plain.text_segments(data), []), "html": lambda data: (plain.html_segments(data), [])}


@dataclass
class Reading:
    kind: str
    segments: list[Segment] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(s.text for s in self.segments if not s.place.startswith("文档属性"))


def read(data: bytes) -> Reading:
    """The kind (:func:`~.detect.detect`), the visible segments and the hidden-data findings;
    :class:`~.safety.Unreadable` when the file is damaged or past a cap. Kinds without a reader
    (images, archives, old Office files) come back with nothing."""
    check_input(data)
    kind = detect(data)
    reader = READERS.get(kind)
    if reader is None:
        return Reading(kind)
    segments, findings = reader(data)
    return _bounded(Reading(kind, segments, findings))


def _bounded(reading: Reading) -> Reading:
    limit, used = max_text_chars(), 0
    for i, segment in enumerate(reading.segments):
        used += len(segment.text)
        if used > limit:
            reading.segments = reading.segments[:i]
            reading.findings.append(Finding(Kind.UNREADABLE, segment.place, "", digest(f"text>{limit}"),
                                            f"文字内容超过检查上限 {limit} 个字符（ZFXXGK_MAX_TEXT_CHARS），"
                                            f"自“{segment.place}”起未检查，请人工核对"))
            break
    return reading


_UNCHECKED = {
    "empty": "文件是空的（没有内容），无法检查。",
    "image": "图片文件无法自动检查其中的文字（如扫描的身份证、名单），请人工核对后再公开。",
    "archive": "压缩包中的文件无法自动检查，请解压后分别上传，或人工核对后再公开。",
    "office97": "旧版 Office/WPS 文件（.doc/.xls/.ppt/.wps/.et）无法检查，请另存为 .docx/.xlsx 或 PDF 后再上传。",
    "pptx": "演示文稿（.pptx）无法自动检查，请转为 PDF 后再上传，或人工核对后再公开。",
    "odf": "OpenDocument 文件（.odt/.ods）无法检查，请另存为 .docx/.xlsx 或 PDF 后再上传。",
    "ofd": "OFD 版式文件无法自动检查，请转为 PDF 后再上传，或人工核对后再公开。",
    "unknown": "文件类型无法识别（不是文本、网页、Word、Excel 或 PDF），无法检查，请人工核对后再公开。",
}


def read_safely(data: bytes, name: str = "") -> Reading:
    """:func:`read` that never raises on bad input: a damaged file, one past a cap or of a kind
    no reader checks comes back with an UNREADABLE finding saying so in Chinese. An exception
    the readers did not expect from a library is logged with its traceback (it may be a bug
    here) and reported the same way, so an upload never fails on a strange file."""
    try:
        reading = read(data)
    except Unreadable as exc:
        log.info("cannot check %r: %s", name, exc.detail)
        return Reading("unreadable", findings=[_unreadable(exc.message)])
    except (MemoryError, RecursionError, Exception) as exc:  # noqa: B014 - said on purpose: nothing escapes
        log.warning("unexpected error while checking %r", name, exc_info=exc)
        return Reading("unreadable", findings=[_unreadable("文件已损坏或结构异常，无法检查，请用原软件重新保存后再上传。")])
    if reading.kind in _UNCHECKED:
        reading.findings.append(_unreadable(_UNCHECKED[reading.kind]))
    return reading


def _unreadable(message: str) -> Finding:
    return Finding(Kind.UNREADABLE, "整个文件", "", digest(message), message)


def extract_text(data: bytes, name: str = "") -> tuple[str, str]:
    """(kind, visible text) for search; the text is "" for a file that cannot be read. Never
    raises on bad input."""
    reading = read_safely(data, name)
    return reading.kind, reading.text
