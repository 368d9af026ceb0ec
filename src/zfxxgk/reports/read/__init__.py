"""Readers: every input kind is reduced to blocks (see :mod:`.blocks`), then one
label-anchored matcher (:mod:`.assemble`) builds the :class:`ReportDocument`.

Each front-end module (``text``, ``html``, ``docx``, ``markdown``, ``pdf``, ``xlsx``, ``ocr``)
exposes ``blocks(data: bytes) -> list[Block]``.

Errors: a malformed input (a known exception type of the parsing libraries, :func:`input_errors`)
becomes :class:`ReportReadError` with a Chinese message; caps (:mod:`..limits`) raise
:class:`ReportLimitError`. Any other exception is a bug and propagates unchanged (the CLI prints
内部错误 and exits 3), so a crashing front end is never reported as an unreadable file.
"""
from __future__ import annotations

import importlib
import logging
from pathlib import Path

from .. import limits
from ..errors import ReportError, ReportReadError
from ..model import ReportDocument
from .assemble import assemble
from .detect import detect_kind

log = logging.getLogger(__name__)

KINDS = ("text", "html", "docx", "markdown", "pdf", "xlsx", "ocr", "json")
TEXT_KINDS = ("text", "html", "markdown", "json")


def read(source: str | Path | bytes, kind: str | None = None, *, name: str = "") -> ReportDocument:
    """Read a published report (path or bytes) into a ReportDocument.

    Raises :class:`ReportReadError` with a Chinese message when the input is not a readable
    annual report; never returns silently wrong numbers.
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or path.name
        try:
            if path.is_file():  # refused before reading: a 200 MB file would be held whole
                limits.check_input(path.stat().st_size)
            data = path.read_bytes()
        except OSError as exc:
            raise ReportReadError(f"无法打开文件 {path}：{exc.strerror or exc}", f"cannot open {path}: {exc}") from exc
    else:
        data = source
        limits.check_input(len(data))
    if not data or not data.strip():
        raise ReportReadError("文件为空，无法读取年度报告。", "empty input")
    kind = kind or detect_kind(data, name)
    if kind not in KINDS:
        raise ReportReadError(f"不支持的文件类型：{kind}", f"unsupported kind {kind}")
    if kind in TEXT_KINDS:
        limits.check_text_bytes(len(data))
    if kind == "json":  # our own spec §6 JSON: already a document, no matching needed
        return _from_json(data)
    front = importlib.import_module(f"{__name__}.{kind}")
    try:
        blocks = front.blocks(data)
    except ReportError:
        raise
    except input_errors() as exc:  # the parsing libraries' word for a malformed file
        log.warning("reader %s refused %s: %r", kind, name, exc)
        raise ReportReadError(f"文件无法按{_KIND_ZH.get(kind, kind)}格式解析：{type(exc).__name__}", f"{kind} front end failed: {exc!r}") from exc
    except Exception as exc:  # a bug: let it show, with what was being read
        exc.add_note(f"zfxxgk: reader {kind} on {name or 'bytes'}")
        raise
    limits.check_blocks(len(blocks))  # the matcher's cost grows with the blocks
    doc = assemble(blocks, name=name)
    doc.source_kind = "ocr" if any(b.ocr for b in blocks) else kind
    return doc


_INPUT_ERRORS: tuple[type[BaseException], ...] | None = None


def input_errors() -> tuple[type[BaseException], ...]:
    """Exception types that mean "this file is malformed", not "this program is wrong": corrupt
    zips and deflate streams, XML and text the parsers reject, broken PDFs and images. Built on
    first use: the PDF libraries are slow to import."""
    global _INPUT_ERRORS
    if _INPUT_ERRORS is None:
        import zipfile
        import zlib
        from xml.etree.ElementTree import ParseError

        from lxml import etree

        found: list[type[BaseException]] = [zipfile.BadZipFile, zlib.error, EOFError, UnicodeDecodeError,
                                             ParseError, etree.XMLSyntaxError, etree.ParserError]
        for module, names in (("pdfminer.psexceptions", ("PSException",)), ("pdfminer.pdfexceptions", ("PDFException",)),
                              ("pdfplumber.utils.exceptions", ("PdfminerException", "MalformedPDFException")),
                              ("pypdfium2", ("PdfiumError",)), ("PIL", ("UnidentifiedImageError",))):
            try:
                mod = importlib.import_module(module)
            except ImportError:
                continue
            found += [getattr(mod, n) for n in names if isinstance(getattr(mod, n, None), type)]
        _INPUT_ERRORS = tuple(found)
    return _INPUT_ERRORS


_KIND_ZH = {"text": "纯文本", "html": "HTML", "docx": "Word（DOCX）", "markdown": "Markdown", "pdf": "PDF", "xlsx": "Excel（XLSX）", "ocr": "扫描件（OCR）"}


def _from_json(data: bytes) -> ReportDocument:
    import json

    try:
        doc = ReportDocument.from_dict(json.loads(data))
    except (ValueError, TypeError, AttributeError) as exc:
        raise ReportReadError(f"JSON 不符合年度报告数据格式：{exc}", f"bad report json: {exc!r}") from exc
    doc.source_kind = "json"
    return doc
