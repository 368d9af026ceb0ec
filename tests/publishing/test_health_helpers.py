"""What the content-health tests share: publications made straight in the database (each state as the
services leave it), attachments (in the test's own folder with the ``isolated`` fixture), users, and a
urlconf with the office's health pages under /workspace/publishing/health/ (until publishing/urls.py
includes them).

Test modules import from here (``from publishing.test_health_helpers import …``) like
tests/oversight/test_dashboard_helpers.py; it holds no tests itself.
"""
from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.urls import include, path
from django.utils import timezone

from zfxxgk.agencies.models import Agency, Membership, Role
from zfxxgk.publishing.columns import ensure_catalogue
from zfxxgk.publishing.models import Attachment, Column, Publication, PubState


def column(agency: Agency, code: str) -> Column:
    ensure_catalogue(agency)
    return Column.objects.get(agency=agency, code=code)


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


def pub(agency: Agency, code: str = "gzdt", *, title: str = "关于开展法治宣传的通知", state: str = PubState.PUBLISHED,
        written_on: date = date(2025, 6, 2), published_on: date | None = date(2025, 6, 9), body: str = "",
        series: Publication | None = None, version: int = 1, withdrawn_on: date | None = None) -> Publication:
    """A publication as the services leave it in ``state`` (published_on only once it went public)."""
    if state in (PubState.DRAFT, PubState.PENDING, PubState.APPROVED):
        published_on = None
    return Publication.objects.create(
        agency=agency, column=column(agency, code), title=title, written_on=written_on, state=state,
        published_on=published_on, published_at=at(published_on) if published_on else None, body=body,
        series=series, version=version, withdrawn_at=at(withdrawn_on) if withdrawn_on else None,
        withdrawn_reason="内容已过时" if withdrawn_on else "",
    )


def attach(publication: Publication, name: str = "名单.pdf", data: bytes = b"%PDF-1.4 test", size: int | None = None) -> Attachment:
    att = Attachment(publication=publication, original_name=name, content_type="application/pdf", size=len(data) if size is None else size)
    att.file.save(name, ContentFile(data), save=False)
    att.save()
    return att


def user(name: str, agency: Agency, role: str) -> User:
    u = User.objects.create_user(name, password="x" * 12)
    Membership.objects.create(user=u, agency=agency, role=role)
    return u


@pytest.fixture
def clerk(agency):
    return user("clerk", agency, Role.CLERK)


@pytest.fixture
def supervisor(county):
    return user("supervisor", county, Role.SUPERVISOR)


def _urlpatterns():
    from zfxxgk.publishing import urls as publishing_urls
    from zfxxgk.site import urls as site_urls

    names = {getattr(p, "name", None) for p in publishing_urls.urlpatterns}
    ours = [] if "health" in names or any("health" in str(p.pattern) for p in publishing_urls.urlpatterns) else [
        path("health/", include("zfxxgk.publishing.health_urls"))]
    rest = [p for p in site_urls.urlpatterns if str(p.pattern) != "workspace/publishing/"]
    return [path("workspace/publishing/", include((publishing_urls.urlpatterns + ours, "publishing"))), *rest]


# pytest.mark.urls("publishing.test_health_helpers"): the site's URLs with the health pages mounted.
urlpatterns = _urlpatterns()
