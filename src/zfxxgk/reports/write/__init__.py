"""Writers: one module per output format, each exposing ``write(doc) -> bytes``."""
from __future__ import annotations

import importlib

from ..errors import ReportError
from ..model import ReportDocument

# format name -> module under zfxxgk.reports.write
FORMATS = {
    "html": "html", "docx": "docx", "xlsx": "xlsx", "md": "markdown", "json": "json",
    "pdf": "pdf", "txt": "text", "tsv": "text_tabs",
}


def render(doc: ReportDocument, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise ReportError(f"不支持的输出格式：{fmt}（可选：{'、'.join(FORMATS)}）", f"unknown format {fmt}")
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt]}")
    return module.write(doc)
