"""The spec §6 JSON contract (with each cell's raw text and source beside it)."""
from __future__ import annotations

from ..model import ReportDocument


def write(doc: ReportDocument) -> bytes:
    # A lone surrogate (from a JS escape in a web page) cannot be UTF-8; as a \udXXX escape it is
    # valid JSON and reads back as the same string.
    return doc.to_json().encode("utf-8", "backslashreplace")
