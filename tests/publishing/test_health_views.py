"""The office's 网站运维监测 page (/workspace/publishing/health/) and its XLSX and CSV."""
from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from zfxxgk.agencies.models import Agency, Role
from zfxxgk.publishing import health, health_checks, health_export
from zfxxgk.publishing.models import PubState

from publishing.test_health_helpers import attach, column, pub, user

pytestmark = [pytest.mark.django_db, pytest.mark.urls("publishing.test_health_helpers")]


@pytest.fixture
def clerk(agency):
    return user("clerk", agency, Role.CLERK)


@pytest.fixture
def troubled(agency, isolated, clock):
    """One finding of each kind for 司法局 (the county has none of its own publications)."""
    column(agency, "gzdt")  # empty: stale
    late = pub(agency, "gkzn", title="公开指南", written_on=date(2025, 4, 1), published_on=date(2025, 6, 9))
    gone = pub(agency, "gkzn", title="已撤回", state=PubState.WITHDRAWN, withdrawn_on=date(2025, 6, 20))
    draft = pub(agency, "gkzn", title="草稿", state=PubState.DRAFT, written_on=date(2025, 6, 25))
    body = (f'<a href="/zfxxgk/{agency.code}/xxgk/{draft.pk}/">草稿链接</a>'
            f'<a href="/zfxxgk/{agency.code}/xxgk/{gone.pk}/">撤回链接</a>')
    linker = pub(agency, "gkzn", title="引用", body=body)
    att = attach(linker, "表.xlsx")
    att.file.storage.delete(att.file.name)
    health_checks.refresh(linker)
    return {"late": late, "linker": linker, "gone": gone}


def page(client, user, **params):
    client.force_login(user)
    return client.get(reverse("publishing:health"), params)


def test_the_office_sees_its_findings_grouped_by_kind_with_links_to_fix(client, clerk, troubled, agency):
    response = page(client, clerk)
    assert response.status_code == 200 and response.context["agency"] == agency
    counts = {kind: n for kind, _label, n in response.context["counts"]}
    assert counts == {"stale_column": counts["stale_column"], "late": 1, "broken_link": 1, "broken_attachment": 1, "withdrawn_linked": 1}
    assert counts["stale_column"] >= 1
    html = response.content.decode()
    assert f'href="{reverse("publishing:detail", args=[troubled["late"].pk])}"' in html
    assert f'href="{reverse("publishing:detail", args=[troubled["linker"].pk])}"' in html
    assert f'href="{reverse("publishing_public:column", args=[agency.code, "gzdt"])}"' in html
    assert "栏目长期未更新" in html and "仍链接已撤回的信息" in html and "已撤回的《已撤回》（2025-06-20撤回）" in html
    assert html.count("<section") == 5
    assert "publishing/health.css" in html and 'data-label="起始日期"' in html  # a phone reads each cell's label
    from django.contrib.staticfiles import finders

    assert finders.find("publishing/health.css")


def test_a_page_without_findings_says_so(client, clerk, clock):
    response = page(client, clerk)
    assert response.status_code == 200 and response.context["total"] == 0
    assert response.content.decode().count("没有发现此类问题") == 5


def test_who_may_open_which_agency(client, clerk, agency, county, clock):
    other = Agency.objects.create(name="湘潭县财政局", code="xtxczj", parent=county)
    assert page(client, clerk, agency=other.pk).status_code == 404  # not theirs: not revealed
    assert page(client, clerk, agency="x").status_code == 404
    nobody = user("nobody", other, Role.SUPERVISOR)  # supervises 财政局 only, writes nowhere
    response = page(client, nobody)
    assert response.status_code == 403 and "监督" in response.content.decode()
    assert page(client, nobody, agency=other.pk).status_code == 200  # reads it
    assert page(client, nobody, agency=agency.pk).status_code == 404
    client.logout()
    assert client.get(reverse("publishing:health")).status_code == 302  # to the login page


def test_a_clerk_of_several_agencies_chooses(client, clerk, county, clock):
    from zfxxgk.agencies.models import Membership

    Membership.objects.create(user=clerk, agency=county, role=Role.CLERK)
    response = page(client, clerk)
    assert response.status_code == 200 and list(response.context["agencies"]) == sorted([clerk.memberships.first().agency, county], key=lambda a: a.name)
    assert page(client, clerk, agency=county.pk).context["agency"] == county


def _export(client, clerk, fmt):
    client.force_login(clerk)
    response = client.get(reverse("publishing:health_export"), {"fmt": fmt})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    return response


def test_the_xlsx_holds_the_page_findings_as_text(client, clerk, troubled, agency):
    findings = page(client, clerk).context["groups"]
    expected = [(f.agency, f.kind_label, f.subject, f.message) for g in findings for f, _url in g["findings"]]
    response = _export(client, clerk, "xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["问题清单"]
    ws = wb["问题清单"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1] == ("机关", "问题类型", "对象", "说明", "起始日期")
    assert [r[:4] for r in rows[2:]] == expected
    late = next(r for r in rows[2:] if r[1] == "未在规定时限内公开")
    assert late[2] == "《公开指南》" and late[4].date() > date(2025, 4, 1)


def test_text_that_looks_like_a_formula_stays_text():
    finding = health.Finding(1, "=HYPERLINK(\"http://x\",\"点\")", "late", "+1", "@SUM(A1)", date(2025, 6, 1))
    ws = load_workbook(io.BytesIO(health_export.findings_xlsx([finding], "标题")))["问题清单"]
    assert [c.data_type for c in ws[3][:4]] == ["s", "s", "s", "s"] and ws["A3"].value.startswith("=HYPERLINK")
    rows = list(csv.reader(io.StringIO(health_export.findings_csv([finding]).decode("utf-8-sig"))))
    assert rows[1][:4] == ["'=HYPERLINK(\"http://x\",\"点\")", "未在规定时限内公开", "'+1", "'@SUM(A1)"]


def test_the_csv_holds_the_same_rows(client, clerk, troubled):
    response = _export(client, clerk, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["机关", "问题类型", "对象", "说明", "起始日期"]
    kinds = [r[1] for r in rows[1:]]
    assert {"未在规定时限内公开", "失效链接", "附件缺失或损坏", "仍链接已撤回的信息", "栏目长期未更新"} == set(kinds)
    assert kinds.count("失效链接") == 1 and kinds.count("仍链接已撤回的信息") == 1
    withdrawn = next(r for r in rows[1:] if r[1] == "仍链接已撤回的信息")
    assert withdrawn[2] == "《引用》" and withdrawn[4] == "2025-06-20"


def test_an_unknown_format_is_not_found(client, clerk, clock):
    client.force_login(clerk)
    assert client.get(reverse("publishing:health_export"), {"fmt": "pdf"}).status_code == 404
