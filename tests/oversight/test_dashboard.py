"""The supervisor's dashboard: who may see it, what it shows, and what it costs."""
from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from zfxxgk.agencies.models import Agency, Role
from zfxxgk.annual.models import AnnualReport
from zfxxgk.oversight.views import page

from oversight import test_dashboard_helpers
from oversight.test_dashboard_helpers import DAY, YEAR, draft, publish, user
from workspace.helpers import login

pytestmark = pytest.mark.django_db
world = test_dashboard_helpers.world  # the fixture: the county of tests/oversight/test_dashboard_helpers.py

URL = reverse("oversight:dashboard")


def rows_by_name(response) -> dict:
    return {r.agency.name: r for r in response.context["board"].rows}


def test_the_supervisor_sees_every_agency_of_the_county(client, world):
    response = login(client, world.supervisor).get(URL, {"year": YEAR})
    assert response.status_code == 200
    rows = rows_by_name(response)
    assert list(rows) == [world.county.name, "湘潭县司法局", "湘潭县教育局", "湘潭县自然资源局"]
    live = rows[world.live.name]
    assert (live.open, live.overdue, live.stale) == (3, 1, 1)  # overdue + two awaiting confirmation; one waits 9 days
    assert rows[world.agency.name].status == "published"
    assert rows[world.draft_agency.name].status in ("failing", "late")  # 2 errors, and past 31 January
    assert (rows[world.draft_agency.name].errors, rows[world.draft_agency.name].dismissed) == (2, 1)
    assert live.status == "late" and live.report is None
    html = response.content.decode()
    assert "湘潭县花石镇人民政府" in html  # the audited outside report, beside the platform's agencies
    assert "逾期未发布" in html and "已发布" in html
    assert 'id="chart-overdue"' in html and 'id="oversight-charts"' in html
    assert f'href="{reverse("batch:list")}"' in html  # where outside reports are uploaded
    assert f'href="{reverse("batch:detail", args=[world.outside.batch_id])}#report-{world.outside.pk}"' in html


def test_the_dashboard_defaults_to_last_year_until_march(client, world):
    board = login(client, world.supervisor).get(URL).context["board"]
    assert board.year == YEAR and board.today == DAY


def test_a_bad_year_says_so_in_chinese_and_shows_the_default(client, world):
    response = login(client, world.supervisor).get(URL, {"year": "20x5"})
    assert response.status_code == 200
    assert "年度应为四位数字" in response.context["message"]
    response = client.get(URL, {"year": "2099"})
    assert "年度不能晚于2026年" in response.context["message"] and response.context["board"].year == YEAR


def test_the_confirmation_warning_follows_the_setting(client, world, settings):
    settings.ZFXXGK_CONFIRM_WARN_DAYS = 10
    rows = rows_by_name(login(client, world.supervisor).get(URL, {"year": YEAR}))
    assert rows[world.live.name].stale == 0


def test_the_county_figures_are_on_the_page_and_link_to_the_drill_down(client, world):
    response = login(client, world.supervisor).get(URL, {"year": YEAR})
    board = response.context["board"]
    assert board.doc.value("requests.new_received.total") == 25
    html = response.content.decode()
    link = board.cell_url("requests.new_received.total").replace("&", "&amp;")
    assert f'<a href="{link}"' in html


def test_year_over_year_compares_with_last_years_published_report(client, world):
    publish(world.agency, YEAR - 1, {"requests.new_received.total": 4, "requests.granted.total": 2, "requests.total.total": 4})
    comparisons = login(client, world.supervisor).get(URL, {"year": YEAR}).context["board"].comparisons
    mine = next(c for c in comparisons if c.name == world.agency.name)
    received = mine.deltas[0]
    assert (received.label, received.now, received.before, received.change) == ("本年新收", 7, 4, 3)
    assert received.change_text == "+3（+75.0%）"
    rate = next(d for d in mine.deltas if d.label == "实质公开率")
    assert rate.now == pytest.approx(5 / 6) and rate.before == pytest.approx(0.5)
    assert rate.change_text == "+33.3个百分点"
    county = comparisons[0]
    assert county.name.startswith(world.county.name) and county.deltas[0].now == 25


# --- who may see it --------------------------------------------------------------------------------

def test_anonymous_users_are_sent_to_the_login(client, world):
    for url in (URL, reverse("oversight:cell"), reverse("oversight:export")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url


def test_clerks_are_refused(client, world):
    login(client, world.clerk)
    for url in (URL, reverse("oversight:cell") + "?path=requests.granted.total", reverse("oversight:export")):
        response = client.get(url)
        assert response.status_code == 403
        assert "县级监督" in response.content.decode()


def test_a_supervisor_of_another_county_sees_nothing_of_this_one(client, world):
    top = Agency.objects.create(name="韶山市人民政府", code="ssz")
    Agency.objects.create(name="韶山市司法局", code="sssfj", parent=top)
    stranger = user("stranger", "外县监督", (top, Role.SUPERVISOR))
    login(client, stranger)
    assert client.get(URL, {"agency": world.county.pk}).status_code == 404
    assert client.get(reverse("oversight:cell"), {"agency": world.county.pk, "path": "requests.granted.total"}).status_code == 404
    assert client.get(reverse("oversight:export"), {"agency": world.county.pk}).status_code == 404
    own = client.get(URL)
    assert own.status_code == 200
    names = set(rows_by_name(own))
    assert names == {"韶山市人民政府", "韶山市司法局"}
    assert "湘潭县" not in own.content.decode()


def test_a_supervisor_of_two_counties_chooses_and_the_superuser_may_pick_any(client, world):
    top = Agency.objects.create(name="韶山市人民政府", code="ssz")
    Agency.objects.create(name="韶山市司法局", code="sssfj", parent=top)
    both = user("both", "两地监督", (world.county, Role.SUPERVISOR), (top, Role.SUPERVISOR))
    response = login(client, both).get(URL)
    assert response.status_code == 200 and "选择要查看的机关" in response.content.decode()
    assert [c.name for c in response.context["counties"]] == ["湘潭县人民政府", "韶山市人民政府"]
    assert client.get(URL, {"agency": top.pk}).context["board"].county == top
    admin = user("admin", "管理员", superuser=True)
    response = login(client, admin).get(URL, {"agency": world.county.pk, "year": YEAR})
    assert response.status_code == 200 and response.context["board"].county == world.county
    assert client.get(URL, {"agency": world.agency.pk}).status_code == 404  # no agencies below it


def test_the_supervisor_only_reads(client, world):
    response = login(client, world.supervisor).post(URL, {"year": YEAR})
    assert response.status_code == 405


# --- what it costs ---------------------------------------------------------------------------------

def _many(county, n: int, clock, django_user_model):
    """n departments, each with a report in some state and a case or two."""
    from zfxxgk.cases import services as s

    from workspace.helpers import new

    clerk = django_user_model.objects.create_user(f"clerk{n}")
    clock["day"] = DAY
    for i in range(n):
        a = Agency.objects.create(name=f"部门{n}-{i:02d}", code=f"d{n}x{i}", parent=county)
        if i % 3 == 0:
            publish(a, YEAR, {"requests.new_received.total": i})
            publish(a, YEAR - 1, {"requests.new_received.total": i})
        elif i % 3 == 1:
            draft(a, YEAR, {"requests.new_received.total": i}, errors=i % 2)
        app = s.register(a, new(date(2025, 11, 3), name=f"申{i}"), clerk)
        if i % 2:
            s.answer(app, date(2025, 11, 20), "granted", clerk)


@pytest.mark.parametrize("n", [5, 30])
def test_the_number_of_queries_does_not_grow_with_the_agencies(client, county, clock, django_user_model, django_assert_max_num_queries, n):
    _many(county, n, clock, django_user_model)
    supervisor = user("sup", "监督", (county, Role.SUPERVISOR))
    login(client, supervisor)
    with django_assert_max_num_queries(30) as captured:
        response = client.get(URL, {"year": YEAR})
    assert response.status_code == 200
    assert len(response.context["board"].rows) == n + 1
    assert AnnualReport.objects.count() > 0
    test_the_number_of_queries_does_not_grow_with_the_agencies.counts[n] = len(captured)
    if len(test_the_number_of_queries_does_not_grow_with_the_agencies.counts) == 2:
        few, many = (test_the_number_of_queries_does_not_grow_with_the_agencies.counts[k] for k in (5, 30))
        assert few == many, (few, many)


test_the_number_of_queries_does_not_grow_with_the_agencies.counts = {}


def test_scoped_agencies_are_indented_by_depth(world):
    town = Agency.objects.create(name="湘潭县某镇", code="town", parent=world.county)
    village = Agency.objects.create(name="某镇某村委", code="village", parent=town)
    agencies, depths = page.scoped_agencies(world.county, {a.pk for a in Agency.objects.all()})
    assert depths[world.county.pk] == 0 and depths[town.pk] == 1 and depths[village.pk] == 2
    assert [a.name for a in agencies].index("某镇某村委") == [a.name for a in agencies].index("湘潭县某镇") + 1


def test_the_comparison_of_every_agency_has_its_own_page(client, world):
    publish(world.agency, YEAR - 1, {"requests.new_received.total": 4})
    login(client, world.supervisor)
    dashboard = client.get(URL, {"year": YEAR}).content.decode()
    assert dashboard.count('<tr class="ov-total">') == 1 and "查看各机关的同比（5个）" in dashboard
    response = client.get(reverse("oversight:compare"), {"year": YEAR})
    assert response.status_code == 200
    names = [c.name for c in response.context["board"].comparisons]
    assert names == ["湘潭县人民政府（合计）", "湘潭县人民政府", "湘潭县司法局", "湘潭县教育局", "湘潭县自然资源局", "湘潭县花石镇人民政府"]
    assert "上年 4，+3（+75.0%）" in response.content.decode()
    login(client, world.clerk)
    assert client.get(reverse("oversight:compare"), {"year": YEAR}).status_code == 403


def test_the_year_list_offers_recent_years_whatever_is_shown(client, world):
    response = login(client, world.supervisor).get(URL, {"year": 2019})
    assert response.context["board"].year == 2019
    assert response.context["years"] == [2026, 2025, 2024, 2023, 2022, 2021, 2019]


def test_a_change_of_a_case_shows_in_the_next_view(client, world):
    """The live figures come from the tallies kept in step with every case: the page after a change
    is current."""
    from datetime import date

    from zfxxgk.cases import services as s

    from workspace.helpers import new

    client = login(client, world.supervisor)
    before = client.get(URL, {"year": YEAR}).context["board"].sums[0]["requests.new_received.total"]
    s.register(world.live, new(date(2025, 7, 1), name="新来的"), world.clerk)
    response = client.get(URL, {"year": YEAR})
    assert response.context["board"].sums[0]["requests.new_received.total"] == before + 1
