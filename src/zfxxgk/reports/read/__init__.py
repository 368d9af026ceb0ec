"""Readers: every input kind is reduced to blocks (see :mod:`.blocks`), then one
label-anchored matcher (:mod:`.assemble`) builds the :class:`ReportDocument`.

Each front-end module (``text``, ``html``, ``docx``, ``markdown``, ``pdf``, ``xlsx``, ``ocr``)
exposes ``blocks(data: bytes) -> list[Block]``.
"""
from __future__ import annotations

import importlib
import logging
from pathlib import Path

from ..errors import ReportError, ReportReadError
from ..model import ReportDocument
from .assemble import assemble
from .detect import detect_kind

log = logging.getLogger(__name__)

KINDS = ("text", "html", "docx", "markdown", "pdf", "xlsx", "ocr", "json")


def read(source: str | Path | bytes, kind: str | None = None, *, name: str = "") -> ReportDocument:
    """Read a published report (path or bytes) into a ReportDocument.

    Raises :class:`ReportReadError` with a Chinese message when the input is not a readable
    annual report; never returns silently wrong numbers.
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or path.name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ReportReadError(f"无法打开文件 {path}：{exc.strerror or exc}", f"cannot open {path}: {exc}") from exc
    else:
        data = source
    if not data or not data.strip():
        raise ReportReadError("文件为空，无法读取年度报告。", "empty input")
    kind = kind or detect_kind(data, name)
    if kind not in KINDS:
        raise ReportReadError(f"不支持的文件类型：{kind}", f"unsupported kind {kind}")
    if kind == "json":  # our own spec §6 JSON: already a document, no matching needed
        return _from_json(data)
    front = importlib.import_module(f"{__name__}.{kind}")
    try:
        blocks = front.blocks(data)
    except ReportError:
        raise
    except Exception as exc:  # a front end choked on malformed input
        log.warning("reader %s failed on %s: %r", kind, name, exc)
        raise ReportReadError(f"文件无法按{_KIND_ZH.get(kind, kind)}格式解析：{type(exc).__name__}", f"{kind} front end failed: {exc!r}") from exc
    doc = assemble(blocks)
    doc.source_kind = "ocr" if any(b.ocr for b in blocks) else kind
    return doc


_KIND_ZH = {"text": "纯文本", "html": "HTML", "docx": "Word（DOCX）", "markdown": "Markdown", "pdf": "PDF", "xlsx": "Excel（XLSX）", "ocr": "扫描件（OCR）"}


def _from_json(data: bytes) -> ReportDocument:
    import json

    try:
        doc = ReportDocument.from_dict(json.loads(data))
    except (ValueError, TypeError, AttributeError) as exc:
        raise ReportReadError(f"JSON 不符合年度报告数据格式：{exc}", f"bad report json: {exc!r}") from exc
    doc.source_kind = "json"
    return doc
