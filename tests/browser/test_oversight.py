"""The county supervisor's dashboard in a browser: the charts are drawn and hold the numbers, and a
county figure leads to the agencies, then to the cases, then to a case page."""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from oversight.test_dashboard_helpers import YEAR, build_world

from browser.helpers import PASSWORD, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_supervisor_reads_the_charts_and_drills_down_to_a_case(live_server, page, shot, county, agency, clock):
    world = build_world(county, agency, clock, password=PASSWORD)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))  # a script error (ECharts, dashboard.js, the CSP)
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 and "favicon" not in r.url else None)
    login(page, live_server.url, "supervisor")
    page.get_by_role("navigation", name="工作台").get_by_role("link", name="监督").click()
    page.wait_for_url(re.compile(r"/workspace/oversight/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("湘潭县人民政府 政府信息公开监督汇总")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{YEAR}年度")

    # The agencies: the live one has one overdue application and one waiting for confirmation too long.
    row = page.locator("#table-agencies tr", has_text="湘潭县教育局")
    expect(row.locator("[data-col=overdue]")).to_have_text("1")
    expect(row.locator("[data-col=stale]")).to_have_text("1")
    expect(row.locator("[data-col=status]")).to_contain_text("逾期未发布")
    expect(page.locator("#table-agencies tr", has_text="湘潭县司法局").locator("[data-col=status]")).to_contain_text("已发布")
    expect(page.locator("#table-outside")).to_contain_text("湘潭县花石镇人民政府")

    # Four charts, drawn (ECharts' SVG renderer), each holding its numbers in data attributes.
    boxes = page.locator(".ov-chart-box")
    expect(boxes).to_have_count(4)
    for key in ("per-year", "outcomes", "overdue", "status"):
        box = page.locator(f"#chart-{key}")
        expect(box).to_have_attribute("data-drawn", "true")
        expect(box.locator("svg")).to_have_count(1)
    per_year = page.locator("#chart-per-year")
    assert json.loads(per_year.get_attribute("data-labels")) == [f"{y}年" for y in range(YEAR - 4, YEAR + 1)]
    assert json.loads(per_year.get_attribute("data-values")) == [0, 0, 0, 1, 4]  # 2024: the carried-over one
    overdue = page.locator("#chart-overdue")
    assert json.loads(overdue.get_attribute("data-labels")) == ["湘潭县教育局"]
    assert json.loads(overdue.get_attribute("data-values")) == [1]
    outcomes = page.locator("#chart-outcomes")
    mix = dict(zip(json.loads(outcomes.get_attribute("data-labels")), json.loads(outcomes.get_attribute("data-values"))))
    assert mix["予以公开"] == 5 + 2 + 9 + 3 and mix["部分公开"] == 1 and mix["无法提供"] == 1
    status = dict(zip(json.loads(page.locator("#chart-status").get_attribute("data-labels")),
                      json.loads(page.locator("#chart-status").get_attribute("data-values"))))
    # the county government publishes by 31 March (条例第四十九条): not started, not yet late
    assert (status["已发布"], status["逾期未发布"], status["未开始"]) == (1, 2, 1)
    # the same numbers as a table, for screen readers
    table = page.locator("table[data-chart-table=overdue]")
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table.locator("tbody tr")).to_contain_text("湘潭县教育局")
    shot("oversight-dashboard")

    # County figure → the agencies' values → the cases of one agency → a case page.
    granted = page.locator("#table-county3 td[data-path='requests.granted.total'] a")
    expect(granted).to_have_text("19")
    granted.click()
    page.wait_for_url(re.compile(r"/workspace/oversight/cell/\?"))
    expect(page.locator("#cell-total")).to_have_text("19")
    expect(page.get_by_role("heading", level=1)).to_contain_text("予以公开")
    cells = page.locator("#table-cell tbody tr")
    expect(cells.filter(has_text="湘潭县司法局")).to_contain_text("已发布的年度报告")
    expect(cells.filter(has_text="湘潭县教育局").locator("td.num")).to_have_text("3")
    shot("oversight-cell")
    page.get_by_role("link", name="湘潭县教育局").click()
    page.wait_for_url(re.compile(r"/workspace/oversight/cell/cases/\?"))
    expect(page.locator("#cell-count")).to_have_text("3")
    expect(page.locator("#table-cases tbody tr")).to_have_count(3)
    shot("oversight-cases")
    number = world.cases["granted"][0].number
    page.get_by_role("link", name=number).click()
    page.wait_for_url(re.compile(r"/workspace/cases/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(number)
    assert not errors, errors
