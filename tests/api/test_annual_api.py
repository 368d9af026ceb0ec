"""The annual-report routes: a published report is public, a draft only for its agency's readers,
a county's totals only for the county; everyone else gets 404 (or 401 for a bad token)."""
from datetime import date

import pytest
from django.contrib.auth.models import User

from zfxxgk.agencies.models import Agency, Membership, Role
from zfxxgk.annual.models import AnnualReport, ReportState, Version
from zfxxgk.api.models import ApiToken
from zfxxgk.cases import services as s
from zfxxgk.reports.model import Cell, ReportDocument

pytestmark = pytest.mark.django_db

YEAR = 2024


def _doc(agency: Agency, granted: int) -> ReportDocument:
    """A small spec §6 document: the figures of a published version."""
    doc = ReportDocument(agency=agency.name, year=YEAR, title=f"{agency.name}{YEAR}年度政府信息公开工作年度报告")
    doc.sections["overview"] = f"{agency.name}认真贯彻落实《条例》。"
    doc.cells["requests.new_received.total"] = Cell(granted)
    doc.cells["requests.granted.total"] = Cell(granted)
    doc.cells["appeals.reconsideration.upheld"] = Cell(1)
    return doc


def _publish(agency: Agency, granted: int = 7, *, number: int = 1, reason: str = "", report=None) -> AnnualReport:
    report = report or AnnualReport.objects.create(agency=agency, year=YEAR, state=ReportState.PUBLISHED)
    Version.objects.create(report=report, number=number, published_on=date(YEAR + 1, 1, 20 + number), reason=reason,
                           document=_doc(agency, granted).to_dict(with_sources=True),
                           findings=[{"rule": "W-CLONE", "severity": "warning", "message": "雷同", "dismissed": True}])
    if number > 1:
        AnnualReport.objects.filter(pk=report.pk).update(state=ReportState.CORRECTED)
    return report


def _draft(agency: Agency) -> AnnualReport:
    """A draft generated from one answered application (the drafting core's 生成草稿)."""
    from zfxxgk.annual import services as annual

    clerk = User.objects.create_user(f"{agency.code}-draft")
    Membership.objects.create(user=clerk, agency=agency, role=Role.CLERK)
    app = s.register(agency, s.NewApplication("natural_person", "张三", "2024年预算", "in_person", date(YEAR, 3, 4), phone="13800000000"))
    s.answer(app, date(YEAR, 3, 20), "granted", clerk)
    report = annual.get(agency, YEAR)
    annual.generate(report, clerk)
    report.refresh_from_db()
    return report


def _user(name: str, agency: Agency, role: str) -> User:
    u = User.objects.create_user(name)
    Membership.objects.create(user=u, agency=agency, role=role)
    return u


def _bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def other(county):
    return Agency.objects.create(name="湘潭县教育局", code="xtxjyj", parent=county)


def url(code="xtxsfj", year=YEAR):
    return f"/api/agencies/{code}/annual/{year}"


# --- one agency's report ------------------------------------------------------------------------------

def test_published_report_is_public_as_spec_json(client, agency):
    _publish(agency, granted=7)
    r = client.get(url())
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["agency"] == {"code": "xtxsfj", "name": "湘潭县司法局"}
    assert body["state"] == "published" and body["state_label"] == "已发布" and body["draft"] is False
    assert body["version"] == 1 and body["published_on"] == f"{YEAR + 1}-01-21" and body["corrected"] is False
    doc = body["document"]
    assert doc["requests"]["granted"]["total"] == 7 and doc["appeals"]["reconsideration"]["upheld"] == 1
    assert doc["sections"]["overview"].startswith("湘潭县司法局") and "cell_sources" not in doc
    assert ReportDocument.from_dict(doc).value("requests.granted.total") == 7  # the report core reads it back
    assert body["findings"] == {"errors": 0, "warnings": 0, "dismissed": 1, "rules": ["W-CLONE"]}
    assert body["due_on"] == f"{YEAR + 1}-01-31"  # 条例第四十九条


def test_corrected_report_says_so_and_older_versions_stay_readable(client, agency):
    report = _publish(agency, granted=7)
    _publish(agency, granted=8, number=2, reason="表三第（三）项数字有误", report=report)
    body = client.get(url()).json()
    assert body["version"] == 2 and body["corrected"] is True and body["correction_reason"] == "表三第（三）项数字有误"
    assert body["state_label"] == "已更正" and body["document"]["requests"]["granted"]["total"] == 8
    assert [v["number"] for v in body["versions"]] == [1, 2]
    first = client.get(url() + "?version=1").json()
    assert first["version"] == 1 and first["document"]["requests"]["granted"]["total"] == 7
    r = client.get(url() + "?version=5")
    assert r.status_code == 404 and r.json()["detail"] == "该年度报告没有第5版。"


@pytest.mark.parametrize("path", [url(), url(code="nobody"), url(year=2023)])
def test_no_published_report_is_404_in_chinese(client, agency, path):
    AnnualReport.objects.create(agency=agency, year=YEAR, state=ReportState.DRAFT)
    r = client.get(path)
    assert r.status_code == 404
    assert r.json()["detail"] in ("没有找到该机关该年度已发布的政府信息公开工作年度报告。", "未找到。")


def test_bad_year_and_bad_token(client, agency):
    _publish(agency)
    r = client.get(url(year=1999))
    assert r.status_code == 422 and "报告年度（year）" in r.json()["detail"], r.json()
    r = client.get(url(), **_bearer("zfx_not-a-token"))
    assert r.status_code == 401 and "令牌" in r.json()["detail"]


def test_draft_is_seen_by_its_agency_only(client, agency, other, county):
    report = _draft(agency)
    assert report.state == ReportState.DRAFT
    # the public, another agency's token, another agency's clerk: 404, as if there were nothing
    assert client.get(url()).status_code == 404
    other_token = ApiToken.issue(other, "OA")[1]
    assert client.get(url(), **_bearer(other_token)).status_code == 404
    client.force_login(_user("jyj", other, Role.CLERK))
    assert client.get(url()).status_code == 404
    assert client.get(url() + "?draft=true").status_code == 404
    client.logout()
    # the agency's own token, its staff and the county's supervisor see the draft
    own = ApiToken.issue(agency, "OA")[1]
    r = client.get(url(), **_bearer(own))
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["draft"] is True and body["version"] is None and body["state"] == "draft"
    assert body["document"]["requests"]["granted"]["natural_person"] == 1
    assert body["document"]["requests"]["new_received"]["total"] == 1
    for who in (_user("sfj", agency, Role.HEAD), _user("jd", county, Role.SUPERVISOR)):
        client.force_login(who)
        r = client.get(url())
        assert r.status_code == 200 and r.json()["draft"] is True


def test_published_report_while_a_correction_is_drafted(client, agency):
    report = _draft(agency)
    _publish(agency, granted=9, report=report)
    AnnualReport.objects.filter(pk=report.pk).update(state=ReportState.DRAFT, correcting=True, correction_reason="更正")
    own = ApiToken.issue(agency, "OA")[1]
    public = client.get(url()).json()
    assert public["version"] == 1 and public["state"] == "published"  # the public keeps the current version
    assert client.get(url(), **_bearer(own)).json()["version"] == 1
    body = client.get(url() + "?draft=true", **_bearer(own)).json()
    assert body["draft"] is True and body["document"]["requests"]["granted"]["total"] == 1
    assert client.get(url() + "?draft=true").status_code == 404


# --- county totals --------------------------------------------------------------------------------------

def totals_url(code="xtx", year=YEAR):
    return f"/api/counties/{code}/annual/{year}/totals"


def test_county_totals_sum_the_agencies_for_the_county_only(client, county, agency, other):
    _publish(agency, granted=7)
    _publish(other, granted=5)
    county_token = ApiToken.issue(county, "县平台")[1]
    r = client.get(totals_url(), **_bearer(county_token))
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["county"] == {"code": "xtx", "name": "湘潭县人民政府"} and body["year"] == YEAR
    assert body["document"]["requests"]["granted"]["total"] == 12
    assert body["document"]["appeals"]["reconsideration"]["upheld"] == 2
    rows = {a["code"]: a for a in body["agencies"]}
    assert set(rows) == {"xtx", "xtxsfj", "xtxjyj"}  # the county's own report is listed too, as on the dashboard
    assert rows["xtxsfj"]["state"] == "published" and rows["xtxsfj"]["published_on"] == f"{YEAR + 1}-01-21"
    assert rows["xtxsfj"]["late"] is False and rows["xtxsfj"]["due_on"] == f"{YEAR + 1}-01-31"

    supervisor = _user("jiandu", county, Role.SUPERVISOR)
    client.force_login(supervisor)
    assert client.get(totals_url()).json()["document"] == body["document"]
    client.logout()

    assert client.get(totals_url()).status_code == 401  # staff only
    assert client.get(totals_url(), **_bearer(ApiToken.issue(agency, "OA")[1])).status_code == 404
    client.force_login(_user("sfj-head", agency, Role.HEAD))
    assert client.get(totals_url()).status_code == 404  # an agency's staff do not read the county
    assert client.get(totals_url(code="nobody")).status_code == 404


def test_county_totals_flag_a_missing_report_as_late(client, clock, county, agency, other):
    _publish(agency)
    clock["day"] = date(YEAR + 1, 2, 3)
    body = client.get(totals_url(), **_bearer(ApiToken.issue(county, "县平台")[1])).json()
    rows = {a["code"]: a for a in body["agencies"]}
    assert rows["xtxjyj"]["state"] == "not_started" and rows["xtxjyj"]["late"] is True
    # The county's own report (本级政府) is due by 3月31日 (条例第四十九条第二款): not late in February.
    assert rows["xtx"]["due_on"] == f"{YEAR + 1}-03-31" and rows["xtx"]["late"] is False
    assert rows["xtxsfj"]["late"] is False


def test_openapi_documents_the_annual_routes(client):
    doc = client.get("/api/openapi.json").json()
    report = doc["paths"]["/api/agencies/{code}/annual/{year}"]["get"]
    assert {p["name"] for p in report["parameters"]} >= {"code", "year", "draft", "version"}
    assert {} in report["security"]  # public for a published report
    totals = doc["paths"]["/api/counties/{code}/annual/{year}/totals"]["get"]
    assert {} not in totals["security"]
    assert "AnnualReportOut" in doc["components"]["schemas"] and "CountyTotalsOut" in doc["components"]["schemas"]
