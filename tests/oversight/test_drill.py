"""Drill-down: from a county figure to each agency's value, then to the cases behind it."""
from __future__ import annotations

import re

import pytest
from django.urls import reverse

from zfxxgk.agencies.models import Agency, Role
from zfxxgk.cases import stats
from zfxxgk.oversight import totals

from oversight import test_dashboard_helpers
from oversight.test_dashboard_helpers import AUDITED, DRAFT, PUBLISHED, YEAR, user
from workspace.helpers import login

pytestmark = pytest.mark.django_db
world = test_dashboard_helpers.world  # the fixture: the county of tests/oversight/test_dashboard_helpers.py

CELL, CASES = reverse("oversight:cell"), reverse("oversight:cell_cases")
PATHS = ["requests.new_received.total", "requests.granted.total", "requests.granted.natural_person",
         "requests.unable_not_held.commercial", "requests.carried_over.total", "requests.carried_forward.total",
         "requests.total.total", "appeals.reconsideration.corrected", "appeals.reconsideration.total"]


@pytest.mark.parametrize("path", PATHS)
def test_the_agencies_values_add_up_to_the_county_figure(client, world, path):
    response = login(client, world.supervisor).get(CELL, {"year": YEAR, "path": path})
    assert response.status_code == 200
    values = {f.name: value for f, value, _ in response.context["figures"]}
    county = totals.county_totals(world.county, YEAR).value(path)
    assert sum(values.values()) == county == response.context["total"]
    assert values[world.agency.name] == PUBLISHED.get(path, 0)
    assert values[world.draft_agency.name] == DRAFT.get(path, 0)
    assert values["湘潭县花石镇人民政府"] == AUDITED.get(path, 0)
    assert values[world.live.name] == stats.report_tables(world.live, YEAR).value(path)


@pytest.mark.parametrize("path", PATHS)
def test_the_cases_listed_are_the_live_value(client, world, path):
    login(client, world.supervisor)
    response = client.get(CASES, {"year": YEAR, "path": path, "of": world.live.pk})
    assert response.status_code == 200
    value = response.context["value"]
    assert response.context["count"] == value == stats.report_tables(world.live, YEAR).value(path)
    html = response.content.decode()
    links = re.findall(r'href="/workspace/cases/(\d+)/"', html)
    assert len(links) == value
    if value:
        assert "不一致" not in html


def test_the_granted_cases_link_to_their_case_pages(client, world):
    login(client, world.supervisor)
    response = client.get(CASES, {"year": YEAR, "path": "requests.granted.total", "of": world.live.pk})
    html = response.content.decode()
    for app in world.cases["granted"]:
        assert f'href="{reverse("workspace:case", args=[app.pk])}"' in html and app.number in html
    assert world.cases["not_held"].number not in html
    # and the supervisor may open them (read only)
    assert client.get(reverse("workspace:case", args=[world.cases["granted"][0].pk])).status_code == 200


def test_a_reported_figure_that_differs_from_the_cases_is_explained(client, world):
    login(client, world.supervisor)
    response = client.get(CASES, {"year": YEAR, "path": "requests.granted.total", "of": world.agency.pk})
    assert response.context["value"] == 5 and response.context["count"] == 0
    assert "与台账现在的统计（0）不一致" in response.content.decode()


def test_the_cell_page_links_each_agency_to_its_cases(client, world):
    html = login(client, world.supervisor).get(CELL, {"year": YEAR, "path": "requests.granted.total"}).content.decode()
    url = f'{CASES}?agency={world.county.pk}&amp;year={YEAR}&amp;path=requests.granted.total&amp;of={world.live.pk}'
    assert url in html
    assert "已发布的年度报告" in html and "年度报告草稿" in html and "上传的年度报告（批量审核）" in html


def test_unknown_cells_and_foreign_agencies_are_not_found(client, world):
    login(client, world.supervisor)
    assert client.get(CELL, {"year": YEAR, "path": "requests.nonsense.total"}).status_code == 404
    assert client.get(CELL, {"year": YEAR}).status_code == 404
    top = Agency.objects.create(name="韶山市人民政府", code="ssz")
    foreign = Agency.objects.create(name="韶山市司法局", code="sssfj", parent=top)
    assert client.get(CASES, {"year": YEAR, "path": PATHS[0], "of": foreign.pk}).status_code == 404
    assert client.get(CASES, {"year": YEAR, "path": PATHS[0], "of": "x"}).status_code == 404
    stranger = user("stranger", "外县监督", (top, Role.SUPERVISOR))
    login(client, stranger)
    assert client.get(CASES, {"year": YEAR, "path": PATHS[0], "of": world.live.pk}).status_code == 404
    assert client.get(CASES, {"agency": world.county.pk, "year": YEAR, "path": PATHS[0], "of": world.live.pk}).status_code == 404
