"""The county supervisor's 网站运维监测 (/workspace/oversight/health/): counts per supervised agency
and kind, the drill-down to one agency, the exports — and nothing of another county."""
from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from zfxxgk.agencies.models import Agency, Role
from zfxxgk.publishing import health
from zfxxgk.publishing.models import PubState

from publishing.test_health_helpers import column, pub, user

pytestmark = pytest.mark.django_db
PAGE, DRILL, EXPORT = reverse("oversight:health"), reverse("oversight:health_agency"), reverse("oversight:health_export")


@pytest.fixture
def world(county, agency, clock):
    """湘潭县 (supervised) with 司法局 (two late items) and 财政局 (one link to a draft); 韶山市, another
    county, with a late item of its own."""
    finance = Agency.objects.create(name="湘潭县财政局", code="xtxczj", parent=county)
    other = Agency.objects.create(name="韶山市人民政府", code="ssh", is_government=True)
    for i in range(2):
        pub(agency, "gkzn", title=f"迟发{i}", written_on=date(2025, 3, 3), published_on=date(2025, 6, 9))
    draft = pub(finance, "gkzn", title="草稿", state=PubState.DRAFT)
    linker = pub(finance, "gkzn", title="引用", body=f'<a href="/zfxxgk/{finance.code}/xxgk/{draft.pk}/">草稿</a>')
    from zfxxgk.publishing import health_checks

    health_checks.refresh(linker)
    pub(other, "gkzn", title="韶山迟发", written_on=date(2025, 3, 3), published_on=date(2025, 6, 9))
    return {"county": county, "agency": agency, "finance": finance, "other": other,
            "supervisor": user("supervisor", county, Role.SUPERVISOR), "theirs": user("ssh_supervisor", other, Role.SUPERVISOR)}


def cells(html: str, agency: Agency) -> dict[str, str]:
    row = re.search(rf'<tr data-agency="{agency.pk}">(.*?)</tr>', html, re.S).group(1)
    return {k: re.sub(r"<[^>]+>", "", v) for k, v in re.findall(r'data-col="(\w+)"[^>]*>(.*?)</td>', row)}


def test_each_supervised_agency_has_its_counts_per_kind(client, world):
    client.force_login(world["supervisor"])
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    mine = cells(html, world["agency"])
    assert (mine["late"], mine["broken_link"]) == ("2", "0")
    assert (cells(html, world["finance"])["broken_link"], cells(html, world["finance"])["late"]) == ("1", "0")
    stale = int(mine["stale_column"])
    assert stale == len([f for f in health.stale_columns([world["agency"].pk], date(2025, 6, 30))]) and stale > 0
    assert int(mine["total"]) == 2 + stale
    assert f'data-agency="{world["other"].pk}"' not in html and "韶山" not in html
    drill = f'{DRILL}?agency={world["county"].pk}&amp;of={world["agency"].pk}&amp;kind=late'
    assert f'href="{drill}"' in html


def test_the_drill_down_lists_one_agencys_findings(client, world):
    client.force_login(world["supervisor"])
    response = client.get(DRILL, {"of": world["agency"].pk, "kind": "late"})
    assert response.status_code == 200
    [group] = response.context["groups"]
    assert group["kind"] == "late" and sorted(f.subject for f, _url in group["findings"]) == ["《迟发0》", "《迟发1》"]
    everything = client.get(DRILL, {"of": world["finance"].pk}).context["groups"]
    assert [g["kind"] for g in everything] == health.KIND_ORDER
    assert client.get(DRILL, {"of": world["agency"].pk, "kind": "nonsense"}).status_code == 404


def test_another_countys_agency_is_invisible(client, world):
    client.force_login(world["supervisor"])
    assert client.get(DRILL, {"of": world["other"].pk}).status_code == 404
    assert client.get(EXPORT, {"of": world["other"].pk}).status_code == 404
    assert client.get(PAGE, {"agency": world["other"].pk}).status_code == 404
    client.force_login(world["theirs"])  # and the other county's supervisor sees only theirs
    html = client.get(PAGE).content.decode()
    assert cells(html, world["other"])["late"] == "1" and world["agency"].name not in html
    assert client.get(DRILL, {"agency": world["other"].pk, "of": world["agency"].pk}).status_code == 404


def test_only_supervisors_may_open_it(client, world):
    clerk = user("clerk", world["agency"], Role.CLERK)
    client.force_login(clerk)
    assert client.get(PAGE).status_code == 403
    assert client.get(EXPORT).status_code == 403


def test_a_supervisor_of_a_department_sees_only_it(client, world):
    """Supervising 财政局 alone reaches no agency above it."""
    boss = user("finance_supervisor", world["finance"], Role.SUPERVISOR)
    client.force_login(boss)
    html = client.get(PAGE).content.decode()
    assert f'data-agency="{world["finance"].pk}"' in html and f'data-agency="{world["agency"].pk}"' not in html


def test_the_county_workbook_has_counts_and_findings(client, world):
    client.force_login(world["supervisor"])
    response = client.get(EXPORT, {"fmt": "xlsx"})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["各机关问题数", "问题清单"]
    counts = list(wb["各机关问题数"].iter_rows(values_only=True))
    assert counts[1] == ("机关", "栏目长期未更新", "未在规定时限内公开", "失效链接", "附件缺失或损坏", "仍链接已撤回的信息", "合计")
    by_name = {r[0]: r for r in counts[2:]}
    assert set(by_name) == {world["county"].name, world["agency"].name, world["finance"].name}
    assert by_name[world["agency"].name][2] == 2 and by_name[world["finance"].name][3] == 1
    assert by_name[world["county"].name][1:6] == (0, 0, 0, 0, 0)  # made no columns, published nothing
    findings = list(wb["问题清单"].iter_rows(values_only=True))[2:]
    assert len(findings) == sum(r[6] for r in counts[2:])
    assert not any("韶山" in (r[0] or "") for r in findings)


def test_one_agencys_csv(client, world):
    client.force_login(world["supervisor"])
    response = client.get(EXPORT, {"fmt": "csv", "of": world["finance"].pk})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "机关" and {r[0] for r in rows[1:]} == {world["finance"].name}
    assert [r[2] for r in rows[1:] if r[1] == "失效链接"] == ["《引用》"]


def _towns(county, first: int, last: int) -> None:
    """Towns below the county, each with a late item whose body links a column that does not exist."""
    for i in range(first, last):
        town = Agency.objects.create(name=f"湘潭县第{i}镇", code=f"town{i}", parent=county)
        column(town, "gzdt")
        pub(town, "gkzn", title=f"镇{i}迟发", written_on=date(2025, 3, 3), published_on=date(2025, 6, 9),
            body=f'<a href="/zfxxgk/town{i}/lm/nosuch/">坏</a><a href="/zfxxgk/town{i}/xxgk/999999/">坏</a>')
    from zfxxgk.publishing import health_checks

    health_checks.full_check()


def test_queries_do_not_grow_with_the_number_of_agencies(client, world, django_assert_max_num_queries):
    """The page asks a fixed number of queries, however many agencies the county has."""
    client.force_login(world["supervisor"])
    _towns(world["county"], 0, 2)
    with django_assert_max_num_queries(25) as few:
        assert client.get(PAGE).status_code == 200
    _towns(world["county"], 2, 40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(PAGE).content.decode()
    town = Agency.objects.get(code="town39")
    assert (cells(html, town)["late"], cells(html, town)["broken_link"]) == ("1", "2")
    assert html.count("<tr data-agency=") == 43
