"""The queue shows an unconfirmed application's age in working days; past ZFXXGK_CONFIRM_WARN_DAYS it
is flagged — to the office head on the queue, to the county supervisor on the dashboard
(条例第三十一条: an agency must not hold back the clock silently)."""
from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from zfxxgk.cases import services as s

from workspace.helpers import login

pytestmark = pytest.mark.django_db

QUEUE = reverse("workspace:queue")


@pytest.fixture
def waiting(agency, make_case, users):
    """Two online applications of 司法局 awaiting confirmation on Monday 30 June 2025."""
    return {
        "old": make_case(agency, date(2025, 6, 24), "internet"),    # 4 working days
        "fresh": make_case(agency, date(2025, 6, 27), "internet"),  # 1 working day
    }


def test_the_queue_shows_the_age_in_working_days_and_flags_the_old_one(client, users, waiting):
    page = login(client, users["clerk"]).get(QUEUE).content.decode()
    row_old = page.split(waiting["old"].number)[1].split("</tr>")[0]
    row_fresh = page.split(waiting["fresh"].number)[1].split("</tr>")[0]
    assert '已等待 <span data-col="confirm-age">4</span> 个工作日' in row_old
    assert '已等待 <span data-col="confirm-age">1</span> 个工作日' in row_fresh
    assert f'<tr class="confirm-late">\n    <td><span class="tag confirm-late">超过3个工作日未确认</span></td>\n    <td><a href="{reverse("workspace:case", args=[waiting["old"].pk])}">' in page
    assert page.count('<tr class="state-waiting">') == 1


@pytest.mark.parametrize("role, flagged", [("head", True), ("clerk", False), ("leader", False), ("supervisor", False)])
def test_the_flag_on_the_queue_is_for_the_office_head(client, users, waiting, role, flagged):
    page = login(client, users[role]).get(QUEUE).content.decode()
    assert ('id="confirm-late-flag"' in page) is flagged
    if flagged:
        assert "1 件申请提交后超过3个工作日仍未确认收到" in page and "条例第三十一条" in page


def test_the_filter_lists_exactly_the_flagged_applications(client, users, waiting):
    response = login(client, users["head"]).get(QUEUE, {"state": "confirm_late"})
    assert [app.pk for app, *_ in response.context["rows"]] == [waiting["old"].pk]


def test_confirming_clears_the_flag(client, users, waiting):
    s.confirm_receipt(waiting["old"], date(2025, 6, 30), users["clerk"])
    page = login(client, users["head"]).get(QUEUE).content.decode()
    assert 'id="confirm-late-flag"' not in page and "confirm-late" not in page.split("<tbody>")[1]


def test_the_setting_moves_the_flag(client, users, waiting, settings):
    settings.ZFXXGK_CONFIRM_WARN_DAYS = 4
    page = login(client, users["head"]).get(QUEUE).content.decode()
    assert 'id="confirm-late-flag"' not in page
    settings.ZFXXGK_CONFIRM_WARN_DAYS = 0
    assert "2 件申请提交后超过0个工作日" in client.get(QUEUE).content.decode()


def test_the_supervisor_sees_the_count_on_the_dashboard_and_its_link(client, users, waiting, agency):
    response = login(client, users["supervisor"]).get(reverse("oversight:dashboard"), {"year": 2025})
    html = response.content.decode()
    assert "待确认超过3个工作日" in html
    row = html.split(f'<tr data-agency="{agency.pk}">')[1].split("</tr>")[0]
    assert f'data-col="stale"><a href="{QUEUE}?agency={agency.pk}&amp;state=confirm_late">1</a>' in row
