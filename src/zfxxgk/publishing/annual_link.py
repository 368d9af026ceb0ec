"""The annual report in the 公开目录: when an annual report is published (or corrected) it is filed
as a publication of the agency's 政府信息公开年报 column (条例第五十条: the report is published like
any other government information, on the agency's portal).

    publish_annual_report(report, version)   # annual.signoff.publish calls it in its transaction

The publication goes straight to 已发布: the report went through the annual sign-off (the leader's
approval, zfxxgk.annual.signoff), so it does not pass the 主动公开 review chain a second time.

* title: "<机关><年>年政府信息公开工作年度报告", as the public annual page names it;
* body: a short summary (date, version, correction reason) linking to the public annual page and
  the version's downloads, built from escaped text and passed through the sanitiser;
* body_text: the report's whole text (opening and six sections), so that search finds the report
  by its words;
* no attachments: the DOCX/PDF/XLSX are the frozen files of the annual :class:`Version`, served by
  the public annual pages; copying them into the publishing storage would keep two copies of one
  file that could drift. The body links to them;
* written_on = published_on = the version's day of publication;
* a correction (version 2, 3 …) is the next version of the same series: the previous public
  version becomes 已更正 and the new one carries the correction reason.

Reports uploaded as published elsewhere (annual.signoff.upload_published) are not filed: they were
published on another site on their own date, and filing them now would add an item to the wrong
year's count of section 一.
"""
from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from ..standard import format2021 as f21
from . import changes, sanitize
from .columns import column_of_kind, ensure_catalogue
from .models import Column, ColumnKind, Publication, PubState

log = logging.getLogger(__name__)

CODE = "ndbg"  # the default column's code (columns.DEFAULT_COLUMNS)
DOWNLOADS = (("docx", "Word（DOCX）"), ("pdf", "PDF"), ("xlsx", "Excel 表格（XLSX）"))


def title(agency, year: int) -> str:
    return f"{agency.name}{year}年政府信息公开工作年度报告"


def annual_column(agency) -> Column:
    """The agency's 年报 column: the catalogue's (created with the default tree when the agency has
    none yet), or, when an administrator removed it, a new one at the end of the top level."""
    column = column_of_kind(agency, ColumnKind.ANNUAL_REPORT)
    if column is None:
        ensure_catalogue(agency)
        column = column_of_kind(agency, ColumnKind.ANNUAL_REPORT)
    if column is None:
        taken = set(Column.objects.filter(agency=agency).values_list("code", flat=True))
        code = next(c for c in (CODE, *(f"{CODE}{i}" for i in range(2, 1000))) if c not in taken)
        last = Column.objects.filter(agency=agency, parent=None).aggregate(n=Max("position"))["n"] or 0
        column = Column.objects.create(agency=agency, code=code, name="政府信息公开年报", kind=ColumnKind.ANNUAL_REPORT,
                                       position=last + 1, stale_days=400)
        log.info("agency %s had no annual-report column: created %s", agency.pk, column.pk)
    return column


def report_text(document: dict) -> str:
    """The report's words for search: the opening and the six sections under their headings."""
    sections = document.get("sections") or {}
    parts = [sections.get("preamble", "")]
    for section in f21.SECTIONS:
        if sections.get(section.key):
            parts.append(f"{section.heading}\n{sections[section.key]}")
    return "\n".join(p.strip() for p in parts if p and p.strip())


def summary(report, version) -> str:
    """The publication's body: escaped facts and links, through the sanitiser like any body."""
    code, year = report.agency.code, report.year
    page = reverse("public_annual:version" if version.number > 1 else "public_annual:report",
                   kwargs={"code": code, "year": year} | ({"number": version.number} if version.number > 1 else {}))
    day = version.published_on
    lines = [format_html("<p>{}{}年政府信息公开工作年度报告于{}年{}月{}日发布{}。</p>", report.agency.name, year,
                         day.year, day.month, day.day, f"（第{version.number}版）" if version.number > 1 else "")]
    if version.number > 1 and version.reason:
        lines.append(format_html("<p>更正原因：{}</p>", version.reason))
    lines.append(format_html('<p>报告全文：<a href="{}">{}</a></p>', page, title(report.agency, year)))
    files = [(reverse("public_annual:download", kwargs={"code": code, "year": year, "number": version.number, "fmt": fmt}), label)
             for fmt, label in DOWNLOADS if getattr(version, fmt, b"")]
    if files:
        lines.append(format_html("<p>下载：{}</p>", format_html_join("、", '<a href="{}">{}</a>', files)))
    return sanitize.clean_html("".join(lines))


def _index_number(pub: Publication, day) -> str:
    """The 索引号 from the agency's pattern (publishing.services'). A pattern that cannot be used
    must not stop the annual report's publication (条例第四十九条 sets its deadline): the number is
    left empty and the error logged; the administrator fixes the pattern."""
    from . import services

    try:
        return services._index_number(pub, day.year)
    except services.PublishingError as exc:
        log.error("annual report filing for agency %s: no index number: %s", pub.agency_id, exc.message)
        return ""


def _previous(report) -> Publication | None:
    """The latest filed version of this report, locked: same agency and title, public or withdrawn."""
    return (Publication.objects.select_for_update()
            .filter(agency_id=report.agency_id, title=title(report.agency, report.year),
                    state__in=(PubState.PUBLISHED, PubState.WITHDRAWN))
            .order_by("-published_at", "-version", "-id").first())


def publish_annual_report(report, version) -> Publication:
    """File the annual report's ``version`` (just published) in the 年报 column as 已发布; a later
    version is a correction in the same series. Runs in the caller's transaction."""
    with transaction.atomic():
        previous = _previous(report)
        body = summary(report, version)
        common = {
            "agency": report.agency, "title": title(report.agency, report.year), "written_on": version.published_on,
            "published_on": version.published_on, "published_at": version.published_at or timezone.now(),
            "body": body, "body_text": report_text(version.document or {}), "state": PubState.PUBLISHED,
            "created_by": version.published_by, "published_by": version.published_by,
        }
        if previous is None:
            pub = Publication(column=annual_column(report.agency), **common)
            pub.index_number = _index_number(pub, version.published_on)
            pub.save()
            pub.series = pub  # the first version names its series (the public URL's id)
            pub.save(update_fields=["series"])
            superseded = []
        else:
            key = previous.series_id or previous.pk
            series = Publication.objects.filter(Q(series_id=key) | Q(pk=key))
            superseded = list(series.select_for_update().filter(state=PubState.PUBLISHED))
            for old in superseded:
                old.state = PubState.SUPERSEDED
                old.save(update_fields=["state", "updated_at"])
            number = (series.aggregate(n=Max("version"))["n"] or previous.version) + 1
            pub = Publication.objects.create(
                column=previous.column, series_id=key, version=number, index_number=previous.index_number,
                correction_reason=version.reason or f"年度报告第{version.number}版", **common)
        for row in (*superseded, pub):
            changes.public_changed(row)
    log.info("annual report %s version %s filed as publication %s (version %s, superseded %s)",
             report.pk, version.number, pub.pk, pub.version, [o.pk for o in superseded])
    return pub
