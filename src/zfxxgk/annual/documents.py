"""The annual report as a :class:`ReportDocument` (spec §6): what the checker reads and the writers print.

Also the documents the checker compares it with: last year's published (or uploaded) version, and
the same year's reports of the other agencies under the same parent (W-CLONE, 内容雷同).
"""
from __future__ import annotations

from ..reports.model import Cell, ReportDocument
from ..standard import format2021 as f21
from . import figures as fig
from .models import AnnualReport, FigureSource, Version

_SOURCE_LABELS = dict(FigureSource.choices)


def document(report: AnnualReport) -> ReportDocument:
    """Format 2021; cells with ``raw=None`` (computed or entered, not read) and the source's label."""
    doc = ReportDocument(format=f21.FORMAT_2021, agency=report.agency.name, year=report.year)
    doc.sections = {k: v for k, v in (report.sections or {}).items() if k in fig.TEXT_KEYS and v}
    for path in fig.PATHS:  # in the format's order, whatever order the JSON kept
        entry = (report.figures or {}).get(path)
        if entry is None or entry.get("value") is None:
            continue
        source = entry.get("source")
        doc.cells[path] = Cell(fig.number(path, entry["value"]), raw=None, source=_SOURCE_LABELS.get(source, source))
    return doc


def latest_version(report: AnnualReport) -> Version | None:
    return report.versions.order_by("-number").first()


def previous_document(report: AnnualReport) -> ReportDocument | None:
    """Last year's report as published (its latest version), or None."""
    before = AnnualReport.objects.filter(agency_id=report.agency_id, year=report.year - 1).first()
    version = latest_version(before) if before is not None else None
    return ReportDocument.from_dict(version.document) if version is not None else None


def sibling_documents(report: AnnualReport) -> list[ReportDocument]:
    """The same year's reports with text of the other agencies under the same parent: the
    published version where there is one, else the draft as it stands."""
    if report.agency.parent_id is None:
        return []
    others = (AnnualReport.objects.filter(year=report.year, agency__parent_id=report.agency.parent_id)
              .exclude(pk=report.pk).select_related("agency").order_by("agency__name"))
    docs = []
    for other in others:
        version = latest_version(other) if other.is_public else None
        doc = ReportDocument.from_dict(version.document) if version is not None else document(other)
        if any(doc.sections.get(k) for k in f21.SECTION_KEYS):
            docs.append(doc)
    return docs
