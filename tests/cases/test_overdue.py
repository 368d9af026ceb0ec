"""One definition of overdue (超期) and due soon: the queryset, the queue page, `zfxxgk remind` and the
replayed Timeline agree. A paused case — consulting (第三十二条、第三十四条) or awaiting a fee — is not
overdue: the time is not counted (第三十三条第三款); awaiting confirmation or correction, no reply is due."""
from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from zfxxgk.agencies.models import Agency, Membership, Role
from zfxxgk.cases import services as s
from zfxxgk.cases.calendar import current_calendar
from zfxxgk.cases.choices import State
from zfxxgk.cases.models import Application
from zfxxgk.cases.remind import due_soon

from workspace.helpers import TODAY, login, new

# On the engine's clock (tests/conftest.py: TODAY); ``agency`` and ``county`` are the root conftest's.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


@pytest.fixture
def other(county):
    return Agency.objects.create(name="湘潭县自然资源局", code="xtxzrzyj", parent=county)


@pytest.fixture
def users(agency, other, county):
    def user(username, *memberships, superuser=False):
        u = User.objects.create_user(username, password="x-unused-123", is_superuser=superuser, is_staff=superuser)
        for a, role in memberships:
            Membership.objects.create(user=u, agency=a, role=role)
        return u

    return {
        "clerk": user("clerk", (agency, Role.CLERK)),
        "supervisor": user("supervisor", (county, Role.SUPERVISOR)),
        "superuser": user("admin", superuser=True),
        "other_clerk": user("other_clerk", (other, Role.CLERK)),
    }


@pytest.fixture
def cases(agency, other, users):
    def make_case(agency, submitted, channel="in_person", **kw):
        return s.register(agency, new(submitted, channel, **kw), users["clerk"])

    c = {
        "running": make_case(agency, date(2025, 5, 6), name="超期人"),
        "consulting": make_case(agency, date(2025, 5, 6), name="征求人"),
        "fee": make_case(agency, date(2025, 5, 6), name="缴费人"),
        "soon": make_case(agency, date(2025, 6, 3), name="将到期人"),
        "soon_consulting": make_case(agency, date(2025, 6, 3), name="将到期征求人"),
        "awaiting": make_case(agency, date(2025, 5, 6), "email", name="待确认人"),
        "correction": make_case(agency, date(2025, 5, 6), name="补正人"),
        "closed": make_case(agency, date(2025, 5, 6), name="办结人"),
        "other": make_case(other, date(2025, 5, 6), name="他局人"),
    }
    # Paused after the reply period had run out: the cached due date stays in the past.
    s.start_consultation(c["consulting"], date(2025, 6, 10), "third_party", "涉及第三方商业秘密")
    s.issue_fee_notice(c["fee"], date(2025, 6, 10), "per_page", 45)
    s.start_consultation(c["soon_consulting"], TODAY, "agency", "需征求其他机关意见")
    s.request_correction(c["correction"], date(2025, 5, 7), date(2025, 5, 20), "请补充文号")
    s.answer(c["closed"], date(2025, 6, 2), "granted")
    for app in c.values():
        app.refresh_from_db()
    assert c["consulting"].state == State.CONSULTING and c["fee"].state == State.FEE_PENDING
    assert c["consulting"].due_on < TODAY and c["fee"].due_on < TODAY and c["running"].due_on < TODAY
    assert TODAY <= c["soon"].due_on <= date(2025, 7, 3) and c["soon_consulting"].due_on == c["soon"].due_on
    return c


def names(qs) -> set[str]:
    return set(qs.values_list("applicant_name", flat=True))


def test_timeline_paused_is_not_overdue(cases):
    got = {k: s.timeline(app, on=TODAY).overdue(TODAY) for k, app in cases.items()}
    assert got == {"running": True, "other": True, **{k: False for k in cases if k not in ("running", "other")}}


def test_queryset_agrees_with_the_timeline(cases):
    overdue = Application.objects.overdue(TODAY)
    assert names(overdue) == {"超期人", "他局人"}
    for app in cases.values():  # the rule, case by case
        assert (app in overdue) == s.timeline(app, on=TODAY).overdue(TODAY), app.applicant_name
    assert names(Application.objects.due_within(current_calendar(), TODAY, 3)) == {"将到期人"}
    assert names(Application.objects.open()) == {app.applicant_name for k, app in cases.items() if k != "closed"}
    assert names(Application.objects.open().overdue(TODAY).filter(agency=cases["running"].agency)) == {"超期人"}


def test_readable_by(cases, users):
    assert "他局人" not in names(Application.objects.readable_by(users["clerk"]))
    assert "他局人" in names(Application.objects.readable_by(users["supervisor"]))
    assert "超期人" in names(Application.objects.readable_by(users["superuser"]))
    assert names(Application.objects.readable_by(users["other_clerk"])) == {"他局人"}


def test_queue_counts_and_filter(client, users, cases, settings):
    # force_login has no client address, which django-axes would record as "unknown" — an error
    # in PostgreSQL's inet column (this module runs there too); the login throttle is not tested here.
    settings.AXES_ENABLED = False
    login(client, users["clerk"])
    response = client.get(reverse("workspace:queue"))
    counts = {c["key"]: c["n"] for c in response.context["counts"]}
    assert counts["overdue"] == 1 and counts[State.CONSULTING] == 2 and counts[State.FEE_PENDING] == 1
    rows = {app.applicant_name: label for app, _, label in response.context["rows"]}
    assert rows["超期人"] == "超期" and rows["将到期人"] == "3个工作日内到期"
    assert rows["征求人"] == rows["缴费人"] == rows["将到期征求人"] == "暂停中"
    filtered = client.get(reverse("workspace:queue"), {"state": "overdue"})
    assert [app.applicant_name for app, _, _ in filtered.context["rows"]] == ["超期人"]


def test_remind_agrees(cases, agency):
    groups = due_soon(current_calendar(), TODAY, 3)
    got = {r.application.applicant_name: r.overdue for rs in groups.values() for r in rs}
    assert got == {"超期人": True, "他局人": True, "将到期人": False}
    out = StringIO()
    call_command("remind", "--days", "3", stdout=out)
    text = out.getvalue()
    assert f"【已超期】 {cases['running'].number}" in text and f"【即将到期】 {cases['soon'].number}" in text
    assert f"{agency.name}：超期 1 件，即将到期 1 件" in text
    for k in ("consulting", "fee", "soon_consulting", "awaiting", "correction", "closed"):
        assert cases[k].number not in text, k


def test_remind_only_listed_agencies(cases, other):
    groups = due_soon(current_calendar(), TODAY, 0, agencies=[other])
    assert list(groups) == [other.name]


def test_a_deferred_case_sent_for_correction_is_not_overdue(agency, users):
    """第三十五条 then 第三十条: while the correction is awaited no reply is due, deferred or not."""
    app = s.register(agency, new(date(2025, 5, 6), "in_person", name="延迟补正人"), users["clerk"])
    s.defer(app, date(2025, 5, 7), date(2025, 6, 2), "申请数量明显超过合理范围")
    s.request_correction(app, date(2025, 5, 8), date(2025, 5, 20), "请补充文号")
    app.refresh_from_db()
    t = s.timeline(app, on=TODAY)
    assert app.state == State.CORRECTION and app.due_on is None and t.due_on is None
    assert not t.overdue(TODAY) and app not in Application.objects.overdue(TODAY)
