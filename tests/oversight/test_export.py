"""The dashboard's tables as XLSX: the workbook opens and holds the page's numbers."""
from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from oversight import test_dashboard_helpers
from oversight.test_dashboard_helpers import YEAR, publish
from workspace.helpers import login

pytestmark = pytest.mark.django_db
world = test_dashboard_helpers.world  # the fixture: the county of tests/oversight/test_dashboard_helpers.py

URL, PAGE = reverse("oversight:export"), reverse("oversight:dashboard")


def _book(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert "attachment" in response["Content-Disposition"]
    return load_workbook(io.BytesIO(response.content))


def _rows(ws) -> list[tuple]:
    return [tuple(c for c in row) for row in ws.iter_rows(values_only=True)]


def test_one_workbook_holds_every_table_of_the_page(client, world):
    publish(world.agency, YEAR - 1, {"requests.new_received.total": 4})
    login(client, world.supervisor)
    board = client.get(PAGE, {"year": YEAR}).context["board"]
    wb = _book(client.get(URL, {"year": YEAR}))
    assert wb.sheetnames == ["各机关情况", "表三汇总", "表四汇总", "同比"]

    agencies = {r[0]: r for r in _rows(wb["各机关情况"])[2:] if r[0]}
    for row in board.rows:
        got = agencies[row.agency.name]
        assert got[1:5] == (row.open, row.overdue, row.stale, row.status_label)
        assert got[6:8] == (row.errors, row.dismissed)
    assert "湘潭县花石镇人民政府" in agencies  # the outside report, listed under the platform's agencies

    # table 三: every value cell of the page's grid is in the sheet, at the same place
    ws = wb["表三汇总"]
    from zfxxgk.reports.write import layout

    for r, line in enumerate(layout.table3(board.doc).dense()):
        for c, cell in enumerate(line):
            if cell is not None and cell.path:
                assert ws.cell(row=2 + r, column=c + 1).value == board.doc.value(cell.path), cell.path
    assert ws.cell(row=2 + 3, column=4).value == board.doc.value("requests.new_received.natural_person")
    four = _rows(wb["表四汇总"])
    assert list(four[4][:5]) == [board.doc.value(f"appeals.reconsideration.{m}") for m in ("upheld", "corrected", "other", "pending", "total")]

    compare = _rows(wb["同比"])
    mine = [r for r in compare if r[0] == world.agency.name and r[1] == "本年新收"]
    assert mine == [(world.agency.name, "本年新收", 7, 4, 3, 0.75)]
    county = [r for r in compare if r[0] and r[0].endswith("（合计）") and r[1] == "本年新收"]
    assert county[0][2] == board.doc.value("requests.new_received.total")


@pytest.mark.parametrize("table, sheet", [("agencies", "各机关情况"), ("county3", "表三汇总"), ("county4", "表四汇总"), ("compare", "同比")])
def test_one_table_at_a_time(client, world, table, sheet):
    wb = _book(login(client, world.supervisor).get(URL, {"year": YEAR, "table": table}))
    assert wb.sheetnames == [sheet]


def test_an_unknown_table_is_not_found(client, world):
    assert login(client, world.supervisor).get(URL, {"year": YEAR, "table": "secret"}).status_code == 404
