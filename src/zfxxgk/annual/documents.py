"""The annual report as a :class:`ReportDocument` (spec §6): what the checker reads and the writers print.

Also the documents the checker compares it with: last year's published (or uploaded) version, and
the same year's reports of the other agencies under the same parent (W-CLONE, 内容雷同).
"""
from __future__ import annotations

from django.db.models import OuterRef, Subquery

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
    published version where there is one, else the draft as it stands.

    Only what W-CLONE reads (the sections, the agency's name and the year): a county has hundreds
    of agencies, so two queries in all (the reports, then their latest versions' sections) and no
    parsing of the tables (bench/annual.py: 1 s → 30 ms for 200 siblings)."""
    if report.agency.parent_id is None:
        return []
    others = list(
        AnnualReport.objects.filter(year=report.year, agency__parent_id=report.agency.parent_id)
        .exclude(pk=report.pk).select_related("agency").only("id", "year", "sections", "agency__name")
        .order_by("agency__name")
    )
    latest = Version.objects.filter(report=OuterRef("report")).order_by("-number").values("number")[:1]
    published = {
        report_id: (sections, agency, year, fmt)
        for report_id, sections, agency, year, fmt in Version.objects.filter(report_id__in=[o.pk for o in others])
        .filter(number=Subquery(latest)).order_by()
        .values_list("report_id", "document__sections", "document__agency", "document__year", "document__format")
    }
    docs = []
    for other in others:
        if other.pk in published:  # is_public: a version exists; as ReportDocument.from_dict reads it
            sections, agency, year, fmt = published[other.pk]
            doc = ReportDocument(format=str(fmt or f21.FORMAT_2021), agency=agency, year=year,
                                 sections={k: v for k, v in (sections or {}).items() if v})
        else:  # as document(other), without the tables
            doc = ReportDocument(format=f21.FORMAT_2021, agency=other.agency.name, year=other.year,
                                 sections={k: v for k, v in (other.sections or {}).items() if k in fig.TEXT_KEYS and v})
        if any(doc.sections.get(k) for k in f21.SECTION_KEYS):
            docs.append(doc)
    return docs
