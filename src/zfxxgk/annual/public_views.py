"""The public pages of the annual reports (条例第五十条: published on the agency's portal by the deadline).

Only what has been published is shown: a report appears once it has a :class:`Version`, and a
correction in progress changes nothing here until the corrected version is approved. Drafts,
unknown years and unknown agencies are 404. The report itself is the report core's HTML writer
output (our own escaped markup), embedded in the site layout; the page states facts (dates,
corrections with their reasons), never the platform's internal judgements such as lateness.
"""
from __future__ import annotations

from itertools import groupby

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from ..agencies.models import Agency
from . import render as rendering
from .models import AnnualReport, Version


def _published():
    """Reports with at least one version, whatever their working state (a correction may be in progress)."""
    return AnnualReport.objects.filter(versions__isnull=False).distinct().select_related("agency")


def _versions(report: AnnualReport) -> list[Version]:
    # the files are not needed to list versions; only the page shown loads its HTML
    return list(report.versions.defer("html", "docx", "pdf", "xlsx", "original", "document", "findings").order_by("number"))


def _listed(reports) -> list[dict]:
    rows = []
    for report in reports:
        versions = _versions(report)
        rows.append({"report": report, "first": versions[0], "current": versions[-1], "corrected": len(versions) > 1})
    return rows


@require_GET
def agency_reports(request, code: str):
    agency = get_object_or_404(Agency, code=code)
    own = _listed(_published().filter(agency=agency).order_by("-year"))
    below = [a.pk for a in agency.descendants()]
    county = _listed(_published().filter(agency_id__in=below).order_by("-year", "agency__name")) if below else []
    by_year = [(year, list(rows)) for year, rows in groupby(county, key=lambda r: r["report"].year)]
    return render(request, "annual/public/agency.html", {"agency": agency, "own": own, "by_year": by_year, "has_below": bool(below)})


def _report(code: str, year: int) -> tuple[AnnualReport, list[Version]]:
    report = get_object_or_404(_published(), agency__code=code, year=year)
    return report, _versions(report)


def _page(request, report: AnnualReport, versions: list[Version], shown: Version):
    current = versions[-1]
    context = {
        "agency": report.agency, "report": report, "version": shown, "current": current, "versions": versions,
        "first": versions[0], "corrected": len(versions) > 1, "is_current": shown.number == current.number,
        "body": rendering.embeddable(shown.html),
        "downloads": [(fmt, label) for fmt, label in DOWNLOADS if _has(shown, fmt)],
        "title": f"{report.agency.name}{report.year}年政府信息公开工作年度报告",
    }
    return render(request, "annual/public/report.html", context)


DOWNLOADS = (("docx", "Word（DOCX）"), ("pdf", "PDF"), ("xlsx", "Excel 表格（XLSX）"), ("html", "网页（HTML）"))


def _has(version: Version, fmt: str) -> bool:
    return bool(version.html) if fmt == "html" else bool(getattr(version, fmt))


@require_GET
def report(request, code: str, year: int):
    rep, versions = _report(code, year)
    shown = Version.objects.get(pk=versions[-1].pk)
    return _page(request, rep, versions, shown)


@require_GET
def version(request, code: str, year: int, number: int):
    rep, versions = _report(code, year)
    shown = get_object_or_404(Version, report=rep, number=number)
    return _page(request, rep, versions, shown)


@require_GET
def download(request, code: str, year: int, number: int, fmt: str):
    rep, _ = _report(code, year)
    shown = get_object_or_404(Version, report=rep, number=number)
    data = shown.html.encode("utf-8") if fmt == "html" else bytes(getattr(shown, fmt))
    if not data:
        raise Http404  # e.g. an uploaded report is kept as read (HTML), or the server could not draw the PDF
    response = HttpResponse(data, content_type=rendering.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, rendering.filename(rep.agency.name, rep.year, number, fmt))
    return response
