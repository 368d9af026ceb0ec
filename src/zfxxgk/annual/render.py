"""The published files of an annual report, all drawn by the report core's writers (spec §7).

Publishing renders one frozen :class:`~zfxxgk.reports.model.ReportDocument` into HTML, DOCX, PDF
and XLSX here, so the public page, the downloads and a read-back all show the same figures.
"""
from __future__ import annotations

import logging
import re

from ..reports.errors import MissingExtraError
from ..reports.model import ReportDocument
from ..reports.write import render

log = logging.getLogger(__name__)

FORMATS = ("html", "docx", "pdf", "xlsx")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def render_all(doc: ReportDocument, formats=FORMATS) -> dict[str, bytes]:
    """``{fmt: bytes}`` for each format. A server without the PDF extra (WeasyPrint) still publishes:
    the PDF is left empty, logged, and simply not offered for download."""
    out: dict[str, bytes] = {}
    for fmt in formats:
        try:
            out[fmt] = render(doc, fmt)
        except MissingExtraError as exc:
            log.warning("annual report %s %s: %s not rendered: %s", doc.agency, doc.year, fmt, exc.detail)
            out[fmt] = b""
    return out


_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S | re.I)


def body_of(page: str) -> str:
    """The inside of the HTML writer's <body>: our own escaped output, embedded in the site layout."""
    match = _BODY.search(page or "")
    return match.group(1).strip() if match else ""


def embeddable(page: str) -> str:
    """:func:`body_of` with each table in a scrolling box: table 三 is 13 columns wide, wider than a phone."""
    body = body_of(page)
    return body.replace("<table", '<div class="ndbg-scroll"><table').replace("</table>", "</table></div>")


def filename(agency: str, year: int, number: int, fmt: str) -> str:
    """A Chinese file name safe on every desktop: ``湘潭县司法局2025年政府信息公开工作年度报告（第2版）.docx``."""
    base = re.sub(r'[\\/:*?"<>|\s]+', "_", f"{agency}{year}年政府信息公开工作年度报告")
    return f"{base}{f'（第{number}版）' if number > 1 else ''}.{fmt}"
