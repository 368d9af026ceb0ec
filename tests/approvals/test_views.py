"""The reviewer's queue and decision page."""
from __future__ import annotations

from zfxxgk.approvals import services
from zfxxgk.approvals.models import Approval, Kind, State


def ask(subject, agency, user):
    return services.submit(subject, kind=Kind.EXTENSION, agency=agency, user=user, steps=["leader"], title="延期答复审批")


def test_the_queue_lists_what_waits_for_me_with_a_link_to_the_subject(client, subject, agency, staff):
    approval = ask(subject, agency, staff["clerk"])
    client.force_login(staff["leader"])
    page = client.get("/workspace/approvals/").content.decode()
    assert "延期答复审批" in page and f"/subject/{subject.pk}/" in page
    assert f"/workspace/approvals/{approval.pk}/decide/" in page
    client.force_login(staff["head"])
    page = client.get("/workspace/approvals/").content.decode()
    assert "延期答复审批" not in page and "没有等待您审核的事项" in page


def test_the_queue_needs_a_login(client):
    response = client.get("/workspace/approvals/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_approving_redirects_back_to_the_queue(client, subject, agency, staff):
    approval = ask(subject, agency, staff["clerk"])
    client.force_login(staff["leader"])
    assert client.get(f"/workspace/approvals/{approval.pk}/decide/").status_code == 200
    response = client.post(f"/workspace/approvals/{approval.pk}/decide/", {"verdict": "approve", "comment": ""})
    assert response.status_code == 302 and response["Location"] == "/workspace/approvals/"
    approval.refresh_from_db()
    assert approval.state == State.APPROVED
    assert subject.seen.calls == [("approved", subject.pk, staff["leader"].pk)]


def test_returning_without_a_comment_shows_the_form_again(client, subject, agency, staff):
    approval = ask(subject, agency, staff["clerk"])
    client.force_login(staff["leader"])
    response = client.post(f"/workspace/approvals/{approval.pk}/decide/", {"verdict": "return", "comment": " "})
    assert response.status_code == 400 and "退回修改时请填写退回意见" in response.content.decode()
    approval.refresh_from_db()
    assert approval.state == State.PENDING
    response = client.post(f"/workspace/approvals/{approval.pk}/decide/", {"verdict": "return", "comment": "理由不充分"})
    assert response.status_code == 302
    approval.refresh_from_db()
    assert approval.state == State.RETURNED and approval.decisions.last().comment == "理由不充分"


def test_a_reader_who_cannot_decide_gets_403_and_a_stranger_404(client, subject, agency, staff):
    approval = ask(subject, agency, staff["clerk"])
    url = f"/workspace/approvals/{approval.pk}/decide/"
    client.force_login(staff["supervisor"])  # reads the county's agencies, decides nothing
    assert "您没有审核权限" in client.get(url).content.decode()
    assert client.post(url, {"verdict": "approve"}).status_code == 403
    client.force_login(staff["other_leader"])  # another agency: the approval is not revealed
    assert client.get(url).status_code == 404
    assert client.post(url, {"verdict": "approve"}).status_code == 404
    assert Approval.objects.get(pk=approval.pk).state == State.PENDING


def test_the_submitter_withdraws(client, subject, agency, staff):
    approval = ask(subject, agency, staff["clerk"])
    client.force_login(staff["head"])
    assert client.post(f"/workspace/approvals/{approval.pk}/withdraw/").status_code == 403
    client.force_login(staff["clerk"])
    response = client.post(f"/workspace/approvals/{approval.pk}/withdraw/")
    assert response.status_code == 302 and response["Location"] == f"/subject/{subject.pk}/"
    assert Approval.objects.get(pk=approval.pk).state == State.WITHDRAWN
