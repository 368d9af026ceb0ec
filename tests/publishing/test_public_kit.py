"""Shared by the public-page and feed tests: rows created directly in the state each test needs
(the pages read states, they do not make them), and the agency's default catalogue by code."""
from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from zfxxgk.agencies.models import Agency
from zfxxgk.publishing.columns import ensure_catalogue
from zfxxgk.publishing.models import Attachment, Column, Publication, PubState

DAY = date(2025, 6, 2)


def make_pub(agency: Agency, column: Column, title: str = "关于2025年度行政执法情况的公告", *, state=PubState.PUBLISHED,
             published_on: date | None = DAY, series: Publication | None = None, version: int = 1,
             body: str = "<p>依据有关规定，现将情况公告如下。</p>", body_text: str = "依据有关规定，现将情况公告如下。", **fields) -> Publication:
    public_once = state in (PubState.PUBLISHED, PubState.SUPERSEDED, PubState.WITHDRAWN)
    on = published_on if public_once else None
    fields.setdefault("written_on", (on or DAY).replace(day=1))
    fields.setdefault("index_number", f"{agency.code}/{(on or DAY).year}-{Publication.objects.count() + 1:05d}" if public_once else "")
    if on:
        fields.setdefault("published_at", timezone.make_aware(datetime.combine(on, time(9, 30))))
    return Publication.objects.create(agency=agency, column=column, title=title, state=state, published_on=on, series=series,
                                      version=version, body=body, body_text=body_text, **fields)


def correct(old: Publication, *, reason: str = "第二段数字有误", published_on: date = date(2025, 6, 20), **fields) -> Publication:
    """``old`` superseded by a new published version of the same series."""
    Publication.objects.filter(pk=old.pk).update(state=PubState.SUPERSEDED)
    old.refresh_from_db()
    return make_pub(old.agency, old.column, fields.pop("title", old.title), series=old.series or old, version=old.version + 1,
                    published_on=published_on, correction_reason=reason, **fields)


def withdraw(pub: Publication, *, reason: str = "信息已过时效", at: datetime | None = None) -> Publication:
    pub.state = PubState.WITHDRAWN
    pub.withdrawn_reason = reason
    pub.withdrawn_at = at or timezone.make_aware(datetime(2025, 6, 25, 10, 0))
    pub.save()
    return pub


def attach(pub: Publication, name: str = "2025年行政处罚决定书 汇总.pdf", data: bytes = b"%PDF-1.4 test", content_type: str = "application/pdf") -> Attachment:
    return Attachment.objects.create(publication=pub, file=ContentFile(data, name=name), original_name=name, content_type=content_type, size=len(data))


@pytest.fixture
def columns(agency) -> dict[str, Column]:
    ensure_catalogue(agency)
    return {c.code: c for c in Column.objects.filter(agency=agency)}


@pytest.fixture
def other(county) -> Agency:
    """Another department of the county, with its own catalogue."""
    agency = Agency.objects.create(name="湘潭县自然资源局", code="xtxzrzyj", parent=county)
    ensure_catalogue(agency)
    return agency


def url(pub: Publication, suffix: str = "") -> str:
    return f"/zfxxgk/{pub.agency.code}/xxgk/{pub.series_id or pub.pk}/{suffix}"
