"""Who sees and runs batch audits, and the review of findings (确认问题 / 不属问题 with a note).

Only a county's supervisors (and superusers) see its batches: anyone else gets 404 on a batch and
403 on the list and upload pages; a dismissal needs a written reason.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from zfxxgk.agencies.models import Agency, Membership, Role
from zfxxgk.oversight.models import AuditBatch, FindingReview
from zfxxgk.reports.read import read
from zfxxgk.reports.write import render

SEED = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "seeds").glob("*.txt"))[2]  # 湘潭县司法局 2024

pytestmark = pytest.mark.django_db


def member(username: str, agency, role) -> User:
    user = User.objects.create_user(username)
    Membership.objects.create(user=user, agency=agency, role=role)
    return user


@pytest.fixture
def other_county(db):
    return Agency.objects.create(name="韶山市人民政府", code="ssh", is_government=True)


@pytest.fixture
def batch(client, county, agency):
    """A finished batch of 湘潭县 with one report whose tables do not add up (two error findings)."""
    doc = read(SEED)
    doc.set("requests.granted.total", (doc.value("requests.granted.total") or 0) + 7)
    client.force_login(member("sup", county, Role.SUPERVISOR))
    response = client.post("/workspace/oversight/batches/new/", {
        "county": county.pk, "year": 2024, "files": [SimpleUploadedFile("司法局.docx", render(doc, "docx"))]})
    assert response.status_code == 302
    client.logout()
    return AuditBatch.objects.get()


def urls(batch) -> list[str]:
    return [f"/workspace/oversight/batches/{batch.pk}/", f"/workspace/oversight/batches/{batch.pk}/progress.json"]


@pytest.mark.parametrize("role", [Role.CLERK, Role.HEAD, Role.LEADER])
def test_agency_staff_get_403_on_list_and_upload_and_404_on_a_batch(client, batch, agency, role):
    client.force_login(member("staff", agency, role))
    assert client.get("/workspace/oversight/batches/").status_code == 403
    response = client.get("/workspace/oversight/batches/new/")
    assert response.status_code == 403 and "监督角色" in response.content.decode()
    assert client.post("/workspace/oversight/batches/new/", {}).status_code == 403
    for url in urls(batch):
        assert client.get(url).status_code == 404
    report = batch.reports.get()
    review = f"/workspace/oversight/batches/{batch.pk}/reports/{report.pk}/review/"
    assert client.post(review, {"key": report.findings[0]["key"], "verdict": "confirmed"}).status_code == 404
    assert not FindingReview.objects.exists()


def test_another_countys_supervisor_sees_only_their_own_batches(client, batch, other_county):
    client.force_login(member("sup2", other_county, Role.SUPERVISOR))
    page = client.get("/workspace/oversight/batches/")
    assert page.status_code == 200 and f"第 {batch.pk} 批" not in page.content.decode()
    for url in urls(batch):
        assert client.get(url).status_code == 404
    # and cannot file a batch under 湘潭县 by posting its id
    response = client.post("/workspace/oversight/batches/new/", {
        "county": batch.county_id, "year": 2024, "files": [SimpleUploadedFile("a.txt", SEED.read_bytes())]})
    assert response.status_code == 400 and AuditBatch.objects.count() == 1


def test_supervisor_and_superuser_see_the_batch(client, batch, county):
    for user in (User.objects.get(username="sup"), User.objects.create_superuser("root")):
        client.force_login(user)
        assert f"第 {batch.pk} 批" in client.get("/workspace/oversight/batches/").content.decode()
        for url in urls(batch):
            assert client.get(url).status_code == 200
        form = client.get("/workspace/oversight/batches/new/").content.decode()
        assert "湘潭县人民政府" in form and 'multiple' in form


def test_a_city_supervisor_sees_the_countys_batches(client, batch, county):
    city = Agency.objects.create(name="湘潭市人民政府", code="xts", is_government=True)
    county.parent = city
    county.save()
    client.force_login(member("city", city, Role.SUPERVISOR))
    assert client.get(urls(batch)[0]).status_code == 200


def test_anonymous_is_sent_to_login(client, batch):
    for url in urls(batch) + ["/workspace/oversight/batches/", "/workspace/oversight/batches/new/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- reviews -------------------------------------------------------------------------------------

def review(client, batch, **data):
    report = batch.reports.get()
    return client.post(f"/workspace/oversight/batches/{batch.pk}/reports/{report.pk}/review/", data, follow=True)


def test_confirm_dismiss_and_change_a_verdict(client, batch):
    sup = User.objects.get(username="sup")
    client.force_login(sup)
    report = batch.reports.get()
    first, second = report.findings[0]["key"], report.findings[1]["key"]

    page = review(client, batch, key=first, verdict="confirmed")
    assert FindingReview.objects.get(key=first).verdict == "confirmed"
    assert "确认问题" in page.content.decode()

    page = review(client, batch, key=second, verdict="dismissed", note="  ")
    assert "须写明理由" in page.content.decode() and not FindingReview.objects.filter(key=second).exists()

    page = review(client, batch, key=second, verdict="dismissed", note="该单元格为扫描识别误差，原件一致")
    rv = FindingReview.objects.get(key=second)
    assert (rv.verdict, rv.note, rv.user) == ("dismissed", "该单元格为扫描识别误差，原件一致", sup)
    assert "该单元格为扫描识别误差，原件一致" in page.content.decode()

    review(client, batch, key=first, verdict="dismissed", note="复核后不属问题")  # a verdict can be changed
    assert FindingReview.objects.get(key=first).verdict == "dismissed" and FindingReview.objects.count() == 2


def test_review_of_an_unknown_finding_or_bad_verdict(client, batch):
    client.force_login(User.objects.get(username="sup"))
    assert review(client, batch, key="nonexistent", verdict="confirmed").status_code == 404
    key = batch.reports.get().findings[0]["key"]
    page = review(client, batch, key=key, verdict="maybe")
    assert page.status_code == 200 and not FindingReview.objects.exists()
    report = batch.reports.get()
    assert client.get(f"/workspace/oversight/batches/{batch.pk}/reports/{report.pk}/review/").status_code == 405


def test_admin_pages_of_batches_reports_and_reviews(client, batch):
    report = batch.reports.get()
    FindingReview.objects.create(report=report, key=report.findings[0]["key"], verdict="confirmed")
    client.force_login(User.objects.create_superuser("root"))
    for url in ("/admin/oversight/auditbatch/", f"/admin/oversight/auditbatch/{batch.pk}/change/",
                "/admin/oversight/auditedreport/", f"/admin/oversight/auditedreport/{report.pk}/change/",
                "/admin/oversight/findingreview/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"PK\x03\x04" not in response.content  # the uploaded bytes are never shown
