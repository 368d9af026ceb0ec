"""The spec §6 JSON contract (with each cell's raw text and source beside it)."""
from __future__ import annotations

from ..model import ReportDocument


def write(doc: ReportDocument) -> bytes:
    return doc.to_json().encode("utf-8")
