"""Applicants' attachments (ID scans …) open only for staff who may read the case."""
from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from zfxxgk.cases.models import Attachment

from workspace.helpers import login

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def with_scan(make_case, agency, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    app = make_case(agency)
    att = Attachment(application=app, original_name="身份证.png", content_type="image/png", size=len(PNG))
    att.file.save("scan.png", ContentFile(PNG), save=True)
    return app, att


@pytest.mark.parametrize("role", ["clerk", "head", "leader", "supervisor", "superuser"])
def test_readers_see_and_download_the_attachment(client, users, with_scan, role):
    app, att = with_scan
    login(client, users[role])
    page = client.get(reverse("workspace:case", args=[app.pk])).content.decode()
    url = reverse("workspace:attachment", args=[app.pk, att.pk])
    assert url in page and "身份证.png" in page
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"


def test_another_agency_cannot_guess_the_attachment_url(client, users, with_scan):
    app, att = with_scan
    login(client, users["other_clerk"])
    assert client.get(reverse("workspace:attachment", args=[app.pk, att.pk])).status_code == 404


def test_anonymous_is_sent_to_login(client, with_scan):
    app, att = with_scan
    response = client.get(reverse("workspace:attachment", args=[app.pk, att.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
