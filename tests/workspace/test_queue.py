"""The queue: open cases of readable agencies by due date, coloured and labelled; filters, counts."""
from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from zfxxgk.cases import services as s
from zfxxgk.cases.choices import State

from workspace.helpers import ROLES, TODAY, login

pytestmark = pytest.mark.django_db
QUEUE = reverse("workspace:queue")


@pytest.fixture
def cases(agency, other, make_case):
    """One case per label, in 司法局, and one in 自然资源局."""
    c = {
        "overdue": make_case(agency, date(2025, 5, 6), name="超期人"),
        "soon": make_case(agency, date(2025, 6, 3), name="将到期人"),
        "ok": make_case(agency, date(2025, 6, 25), name="正常人", kind="commercial", what="砂石开采权出让公告"),
        "awaiting": make_case(agency, date(2025, 6, 27), "email", name="待确认人"),
        "correction": make_case(agency, date(2025, 6, 20), name="补正人"),
        "paused": make_case(agency, date(2025, 6, 16), name="征求人"),
        "closed": make_case(agency, date(2025, 6, 2), name="办结人"),
        "other": make_case(other, date(2025, 5, 6), name="他局人"),
    }
    s.request_correction(c["correction"], date(2025, 6, 23), date(2025, 7, 10), "请补充文号")
    s.start_consultation(c["paused"], date(2025, 6, 18), "third_party", "涉及第三方商业秘密")
    s.answer(c["closed"], date(2025, 6, 10), "granted")
    for app in c.values():
        app.refresh_from_db()
    assert c["overdue"].due_on < TODAY and TODAY <= c["soon"].due_on <= date(2025, 7, 3) and c["ok"].due_on > date(2025, 7, 3)
    return c


def labels(response) -> dict[str, tuple[str, str]]:
    return {app.applicant_name: (css, label) for app, css, label in response.context["rows"]}


def test_anonymous_is_sent_to_login(client):
    response = client.get(QUEUE)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_the_open_cases_it_may_read(client, users, cases, role):
    response = login(client, users[role]).get(QUEUE)
    assert response.status_code == 200
    names = set(labels(response))
    assert {"超期人", "将到期人", "正常人", "待确认人", "补正人", "征求人"} <= names
    assert "办结人" not in names  # closed cases only on request
    assert ("他局人" in names) == (role in ("supervisor", "superuser"))  # clerk, head, leader: their agency only
    assert response.context["multi_agency"] == (role in ("supervisor", "superuser"))  # the agency filter is offered


def test_other_agency_clerk_sees_only_his_agency(client, users, cases):
    response = login(client, users["other_clerk"]).get(QUEUE)
    assert set(labels(response)) == {"他局人"}
    assert "超期人" not in response.content.decode()


def test_rows_are_coloured_and_labelled_and_ordered_by_due_date(client, users, cases):
    response = login(client, users["clerk"]).get(QUEUE)
    got = labels(response)
    assert got["超期人"] == ("due-overdue", "超期")
    assert got["将到期人"] == ("due-soon", "3个工作日内到期")
    assert got["正常人"] == ("due-ok", "正常")
    assert got["征求人"] == ("due-paused", "暂停中")
    assert got["待确认人"] == ("state-waiting", "待确认")
    assert got["补正人"] == ("state-waiting", "待补正")
    html = response.content.decode()
    for css, label in got.values():
        assert f'<span class="tag {css}">{label}</span>' in html  # colour and words together
    dues = [app.due_on for app, _, _ in response.context["rows"] if app.due_on]
    assert dues == sorted(dues) and [a.applicant_name for a, _, _ in response.context["rows"]][0] == "超期人"
    assert cases["ok"].number in html and "2025-06-25" in html  # number, received day


def test_provisional_due_date_is_marked(client, users, agency, make_case, clock):
    from zfxxgk.cases.models import Application

    app = make_case(agency, date(2025, 6, 25))
    Application.objects.filter(pk=app.pk).update(due_provisional=True)
    html = login(client, users["clerk"]).get(QUEUE).content.decode()
    assert '<span class="tag">暂定</span>' in html


def test_counts_per_state(client, users, cases):
    response = login(client, users["clerk"]).get(QUEUE)
    counts = {c["key"]: c["n"] for c in response.context["counts"]}
    assert counts == {"overdue": 1, State.AWAITING_CONFIRMATION: 1, State.PROCESSING: 3, State.CORRECTION: 1,
                      State.CONSULTING: 1, State.FEE_PENDING: 0, State.CLOSED: 1}
    assert "超期 <strong>1</strong>" in response.content.decode()


def test_supervisor_sees_overdue_case_of_a_child_agency(client, users, cases):
    response = login(client, users["supervisor"]).get(QUEUE, {"state": "overdue"})
    assert set(labels(response)) == {"超期人", "他局人"}
    assert all(label == "超期" for _, label in labels(response).values())
    assert "湘潭县自然资源局" in response.content.decode()


@pytest.mark.parametrize("params, expected", [
    ({"state": "correction"}, {"补正人"}),
    ({"state": "closed"}, {"办结人"}),
    ({"applicant_kind": "commercial"}, {"正常人"}),
    ({"q": "砂石"}, {"正常人"}),  # description
    ({"q": "补正"}, {"补正人"}),  # applicant
    ({"closed": "on", "q": "办结"}, {"办结人"}),
    ({"year": "2024"}, set()),
])
def test_filters_and_search(client, users, cases, params, expected):
    response = login(client, users["clerk"]).get(QUEUE, params)
    assert set(labels(response)) == expected


def test_search_by_number_and_query_code(client, users, cases):
    c = login(client, users["clerk"])
    assert set(labels(c.get(QUEUE, {"q": cases["ok"].number}))) == {"正常人"}
    # A query code is never searched through the URL (access logs would keep it) …
    assert set(labels(c.get(QUEUE, {"q": cases["ok"].query_code}))) == set()
    # … but through a POST that opens the case.
    found = c.post(reverse("workspace:find_by_code"), {"code": cases["ok"].query_code.lower()})
    assert found.status_code == 302 and found.url == reverse("workspace:case", args=[cases["ok"].pk])
    missing = c.post(reverse("workspace:find_by_code"), {"code": "ZZZZZZZZZZZZ"}, follow=True)
    assert "没有找到该查询码对应的申请" in missing.content.decode()
    assert c.get(reverse("workspace:find_by_code")).status_code == 405


def test_include_closed(client, users, cases):
    response = login(client, users["clerk"]).get(QUEUE, {"closed": "on"})
    names = [a.applicant_name for a, _, _ in response.context["rows"]]
    assert names[-1] == "办结人" and labels(response)["办结人"] == ("state-closed", "已办结")


def test_agency_filter_for_multi_agency_users(client, users, cases, agency, other):
    c = login(client, users["supervisor"])
    assert set(labels(c.get(QUEUE, {"agency": other.pk}))) == {"他局人"}
    # a clerk cannot widen his queue by naming another agency
    response = login(client, users["clerk"]).get(QUEUE, {"agency": other.pk})
    assert "他局人" not in set(labels(response))


def test_user_without_membership_sees_an_explanation(client, db, cases):
    from django.contrib.auth.models import User

    response = login(client, User.objects.create_user("nobody")).get(QUEUE)
    assert response.status_code == 200 and not response.context["rows"] and "还没有被分配" in response.content.decode()


def test_registration_and_import_offered_only_to_writers(client, users, cases):
    html = login(client, users["clerk"]).get(QUEUE).content.decode()
    assert "登记一件申请" in html and reverse("workspace:ledger_import") in html
    html = login(client, users["supervisor"]).get(QUEUE).content.decode()
    assert "登记一件申请" not in html and reverse("workspace:register") not in html and reverse("workspace:ledger_import") not in html
