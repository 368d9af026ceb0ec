"""Roles in querysets: another agency's case is 404 by any URL; read-only roles get 403 on every
action; nothing changes either way."""
from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from zfxxgk.cases import services as s
from zfxxgk.cases.models import Appeal, Application, Event
from zfxxgk.workspace.actions import ACTIONS

from workspace.helpers import ROLES, WRITERS, login

pytestmark = pytest.mark.django_db

# A plausible, valid POST for every action (so a refusal is about who, not about the form).
PAYLOADS = {
    "confirm_receipt": {"on": "2025-06-30"},
    "request_correction": {"on": "2025-06-30", "until": "2025-07-15", "items": "请补充文号"},
    "receive_correction": {"on": "2025-06-30"},
    "lapse_correction": {"on": "2025-06-30"},
    "start_consultation": {"on": "2025-06-30", "party": "third_party", "reason": "涉及商业秘密"},
    "end_consultation": {"on": "2025-06-30", "reason": ""},
    "request_extension": {"on": "2025-06-30", "days": "10", "reason": "需调取档案"},
    "approve_extension": {"on": "2025-06-30", "reason": "同意"},
    "issue_fee_notice": {"on": "2025-06-30", "method": "per_page", "quantity": "120", "items_before": "0"},
    "record_payment": {"on": "2025-06-30"},
    "lapse_fee": {"on": "2025-06-30"},
    "defer": {"on": "2025-06-30", "until": "2025-08-30", "reason": "数量大"},
    "answer": {"on": "2025-06-30", "outcome": "granted", "reason": "已提供", "confirm": "on"},
    "reanswer": {"on": "2025-06-30", "outcome": "granted", "reason": "按复议决定重新答复", "confirm": "on"},
    "void_event": {"event": "1", "reason": "日期录错"},
    "correct_details": {"applicant_kind": "natural_person", "applicant_name": "张三", "id_type": "resident_id",
                        "description": "更正后的描述", "requested_form": "paper", "delivery": "pickup", "phone": "13800000000",
                        "reason": "录入错误"},
    "assign": {"assignee": "1"},
    "add_appeal": {"kind": "reconsideration", "filed_on": "2025-06-30", "result": "pending", "decided_on": "", "note": ""},
    "decide_appeal": {"result": "upheld", "decided_on": "2025-06-30"},
}


def post_data(action: str, prefix: str | None = None) -> dict:
    prefix = prefix or action
    return {f"{prefix}-{k}": v for k, v in PAYLOADS[action].items()}


def action_urls(app: Application, appeal: Appeal) -> list[tuple[str, str, dict]]:
    out = []
    for name, action in ACTIONS.items():
        if action.per_appeal:
            out.append((name, reverse(f"workspace:{name}", args=[app.pk, appeal.pk]), post_data(name, f"{name}-{appeal.pk}")))
        else:
            out.append((name, reverse(f"workspace:{name}", args=[app.pk]), post_data(name)))
    return out


def snapshot(app: Application):
    app.refresh_from_db()
    return (Event.objects.filter(application=app).count(), list(Appeal.objects.filter(application=app).values_list("result", flat=True)),
            app.state, app.due_on, app.outcome)


@pytest.fixture
def target(make_case):
    """A case with an appeal, in the given agency."""
    def make(agency):
        app = make_case(agency, date(2025, 6, 20))
        appeal = s.add_appeal(app, "reconsideration", date(2025, 6, 25))
        return app, appeal
    return make


def assert_untouchable(client, app, appeal, expected_status):
    before = snapshot(app)
    assert client.get(reverse("workspace:case", args=[app.pk])).status_code == expected_status["read"]
    for fmt in ("docx", "pdf"):
        assert client.get(reverse("workspace:letter", args=[app.pk, fmt])).status_code in expected_status["letter"]
    for name, url, data in action_urls(app, appeal):
        status = client.post(url, data).status_code
        assert status in expected_status["write"], (name, status)
    assert snapshot(app) == before


@pytest.mark.parametrize("role", WRITERS)
def test_writers_cannot_read_or_change_another_agencys_case(client, users, other, target, role):
    app, appeal = target(other)
    assert_untouchable(login(client, users[role]), app, appeal, {"read": 404, "letter": {404}, "write": {404}})


def test_other_agency_clerk_cannot_reach_ours(client, users, agency, target):
    app, appeal = target(agency)
    assert_untouchable(login(client, users["other_clerk"]), app, appeal, {"read": 404, "letter": {404}, "write": {404}})


def test_supervisor_cannot_read_a_case_outside_his_county(client, users, foreign, target):
    app, appeal = target(foreign)
    assert_untouchable(login(client, users["supervisor"]), app, appeal, {"read": 404, "letter": {404}, "write": {404}})


@pytest.mark.parametrize("role", ["supervisor", "superuser"])
def test_read_only_roles_read_but_every_action_is_403(client, users, other, target, role):
    app, appeal = target(other)  # a child agency of the supervisor's county
    # letter: the case is open, so the download sends the user back to the case page
    assert_untouchable(login(client, users[role]), app, appeal, {"read": 200, "letter": {302}, "write": {403}})


def test_superuser_reads_other_counties_too_but_writes_nothing(client, users, foreign, target):
    app, appeal = target(foreign)
    assert_untouchable(login(client, users["superuser"]), app, appeal, {"read": 200, "letter": {302}, "write": {403}})


def test_supervisor_sees_overdue_child_case_but_cannot_act_on_it(client, users, other, make_case):
    late = make_case(other, date(2025, 5, 6))
    c = login(client, users["supervisor"])
    rows = c.get(reverse("workspace:queue")).context["rows"]
    assert [(a.pk, label) for a, _, label in rows] == [(late.pk, "超期")]
    page = c.get(reverse("workspace:case", args=[late.pk]))
    assert page.status_code == 200 and "只有查看权限" in page.content.decode() and page.context["actions"] == []
    for name in ("answer", "request_extension", "issue_fee_notice"):
        assert c.post(reverse(f"workspace:{name}", args=[late.pk]), post_data(name)).status_code == 403
    late.refresh_from_db()
    assert late.state == "processing" and late.events.count() == 1


def test_appeal_of_another_case_is_404(client, users, agency, other, target):
    mine, _ = target(agency)
    _, theirs = target(other)
    c = login(client, users["clerk"])
    url = reverse("workspace:decide_appeal", args=[mine.pk, theirs.pk])
    assert c.post(url, post_data("decide_appeal", f"decide_appeal-{theirs.pk}")).status_code == 404
    theirs.refresh_from_db()
    assert theirs.result == "pending"


@pytest.mark.parametrize("role", WRITERS)
def test_writers_may_act_on_their_own_agency(client, users, agency, target, role):
    app, _ = target(agency)
    response = login(client, users[role]).post(reverse("workspace:request_extension", args=[app.pk]), post_data("request_extension"))
    assert response.status_code == 302
    assert app.events.filter(kind="extension_requested", actor=users[role]).exists()


ALL_VIEWS = ["workspace:queue", "workspace:register", "workspace:ledger", "workspace:ledger_import"]


def test_anonymous_users_go_to_login_everywhere(client, agency, target):
    app, appeal = target(agency)
    urls = [reverse(n) for n in ALL_VIEWS] + [reverse("workspace:case", args=[app.pk]), reverse("workspace:letter", args=[app.pk, "docx"])]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url
    before = snapshot(app)
    for name, url, data in action_urls(app, appeal):
        response = client.post(url, data)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), name
    assert snapshot(app) == before


@pytest.mark.parametrize("role", ROLES)
def test_every_view_answers_every_role(client, users, agency, target, role):
    app, _ = target(agency)
    c = login(client, users[role])
    writer = role in WRITERS
    assert c.get(reverse("workspace:queue")).status_code == 200
    assert c.get(reverse("workspace:case", args=[app.pk])).status_code == 200
    assert c.get(reverse("workspace:ledger"), {"fmt": "csv"}).status_code == 200
    assert c.get(reverse("workspace:register")).status_code == (200 if writer else 403)
    assert c.get(reverse("workspace:ledger_import")).status_code == (200 if writer else 403)
    page = c.get(reverse("workspace:case", args=[app.pk]))
    shown = {a["action"].name for a in page.context["actions"]}
    if writer:
        assert {"answer", "request_correction", "request_extension", "add_appeal"} <= shown
    else:
        assert shown == set()


def test_actions_need_post(client, users, agency, target):
    app, _ = target(agency)
    c = login(client, users["clerk"])
    assert c.get(reverse("workspace:answer", args=[app.pk])).status_code == 405


def test_csrf_is_enforced_on_actions(users, agency, target):
    app, _ = target(agency)
    c = login(Client(enforce_csrf_checks=True), users["clerk"])
    url = reverse("workspace:answer", args=[app.pk])
    assert c.post(url, post_data("answer")).status_code == 403
    app.refresh_from_db()
    assert app.state == "processing"
    c.get(reverse("workspace:case", args=[app.pk]))  # sets the CSRF cookie
    token = c.cookies["csrftoken"].value
    assert c.post(url, {**post_data("answer"), "csrfmiddlewaretoken": token}).status_code == 302
    app.refresh_from_db()
    assert app.state == "closed"


def test_csrf_is_enforced_on_registration_and_import(users, agency):
    c = login(Client(enforce_csrf_checks=True), users["clerk"])
    assert c.post(reverse("workspace:register"), {}).status_code == 403
    assert c.post(reverse("workspace:ledger_import"), {}).status_code == 403
    assert not Application.objects.exists()
