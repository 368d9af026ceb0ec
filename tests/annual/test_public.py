"""The public 政府信息公开年报 pages: lists, the current version, corrections, downloads, 404s."""
from __future__ import annotations

import re
from datetime import date

import pytest

from zfxxgk.annual import signoff
from zfxxgk.annual.models import AnnualReport
from zfxxgk.approvals import services as approvals
from zfxxgk.reports.read import read

from annual import test_signoff_kit as kit
from annual.test_signoff_kit import SEED_SFJ, make_report, seed_document

staff = kit.staff


def publish(report, staff):
    approvals.decide(signoff.submit(report, staff["head"]), staff["leader"], approve=True)
    report.refresh_from_db()
    return report.current_version()


@pytest.fixture
def published(agency, staff, clock):
    clock["day"] = date(2026, 1, 20)
    report = make_report(agency, 2025)
    publish(report, staff)
    return report


def test_the_report_page_shows_the_published_html_and_date(client, published):
    response = client.get("/zfxxgk/xtxsfj/ndbg/2025/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "发布日期：2026年1月20日" in page and "本报告已于" not in page
    assert 'data-path="requests.new_received.total"' in page  # the report core's writer output, embedded
    assert str(seed_document().value("requests.new_received.total")) in page
    assert "<script" not in page  # CSP: no inline script (none at all on this page)
    assert page.count("<body") == 1  # the writer's page is embedded, not nested
    for fmt in ("docx", "pdf", "xlsx", "html"):
        assert f"/zfxxgk/xtxsfj/ndbg/2025/v1.{fmt}" in page


def test_a_draft_unknown_year_or_agency_is_404(client, agency, county, published):
    make_report(agency, 2026)  # a draft
    for url in ("/zfxxgk/xtxsfj/ndbg/2026/", "/zfxxgk/xtxsfj/ndbg/2024/", "/zfxxgk/nosuch/ndbg/", "/zfxxgk/nosuch/ndbg/2025/",
                "/zfxxgk/xtxsfj/ndbg/2025/v2/", "/zfxxgk/xtxsfj/ndbg/2026/v1.docx", "/zfxxgk/xtxsfj/ndbg/2025/v2.pdf",
                "/zfxxgk/xtxsfj/ndbg/2025/v1.exe"):
        assert client.get(url).status_code == 404, url
    assert client.get("/zfxxgk/xtx/ndbg/2025/").status_code == 404  # the county has no report of its own
    assert "2026年政府信息公开工作年度报告" not in client.get("/zfxxgk/xtxsfj/ndbg/").content.decode()


def test_a_submitted_report_is_not_public_yet(client, agency, staff):
    signoff.submit(make_report(agency, 2025), staff["head"])
    assert client.get("/zfxxgk/xtxsfj/ndbg/2025/").status_code == 404


def test_downloads_have_their_types_and_chinese_names(client, published):
    version = published.current_version()
    types = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "pdf": "application/pdf",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "html": "text/html; charset=utf-8"}
    for fmt, content_type in types.items():
        response = client.get(f"/zfxxgk/xtxsfj/ndbg/2025/v1.{fmt}")
        assert response.status_code == 200 and response["Content-Type"] == content_type
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment;") and "filename*=utf-8''" in disposition
        assert "%E6%B9%98%E6%BD%AD%E5%8E%BF" in disposition  # 湘潭县, percent-encoded (RFC 5987)
        assert response.content == (version.html.encode() if fmt == "html" else bytes(getattr(version, fmt)))
    assert read(client.get("/zfxxgk/xtxsfj/ndbg/2025/v1.xlsx").content, name="a.xlsx").values() == seed_document().values() | {"year": 2025, "agency": "湘潭县司法局"}


def test_a_correction_keeps_the_current_version_public_until_approved(client, published, staff, clock):
    signoff.start_correction(published, staff["clerk"], "表三第五行数据填报有误")
    page = client.get("/zfxxgk/xtxsfj/ndbg/2025/").content.decode()
    assert "发布日期：2026年1月20日" in page and "本报告已于" not in page
    assert "2025年" in client.get("/zfxxgk/xtxsfj/ndbg/").content.decode()
    sections = dict(published.sections)
    sections["other"] = "信息处理费收费情况：本年度未收取信息处理费。更正后的说明。"
    AnnualReport.objects.filter(pk=published.pk).update(sections=sections)
    published.refresh_from_db()
    clock["day"] = date(2026, 2, 3)
    publish(published, staff)
    page = client.get("/zfxxgk/xtxsfj/ndbg/2025/").content.decode()
    assert "本报告已于2026年2月3日更正" in page and "更正原因：表三第五行数据填报有误" in page
    assert "更正后的说明" in page
    assert "/zfxxgk/xtxsfj/ndbg/2025/v1/" in page and "/zfxxgk/xtxsfj/ndbg/2025/v2.docx" in page
    old = client.get("/zfxxgk/xtxsfj/ndbg/2025/v1/").content.decode()
    assert "这是本报告的第1版（2026年1月20日发布），已被更正" in old and "更正后的说明" not in old
    assert "/zfxxgk/xtxsfj/ndbg/2025/v1.pdf" in old
    listing = client.get("/zfxxgk/xtxsfj/ndbg/").content.decode()
    assert "发布日期：2026年1月20日；已于2026年2月3日更正" in listing


def test_the_agency_and_county_lists(client, agency, county, staff, published, clock):
    signoff.upload_published(agency, 2024, "2024.txt", SEED_SFJ.read_bytes(), staff["clerk"])
    page = client.get("/zfxxgk/xtxsfj/ndbg/").content.decode()
    years = re.findall(r"湘潭县司法局(\d{4})年政府信息公开工作年度报告</a>", page)
    assert years == ["2025", "2024"]  # newest first
    county_page = client.get("/zfxxgk/xtx/ndbg/").content.decode()
    assert "所属部门和单位的年度报告" in county_page
    assert "/zfxxgk/xtxsfj/ndbg/2025/" in county_page and "/zfxxgk/xtxsfj/ndbg/2024/" in county_page
    assert county_page.index("2025年度") < county_page.index("2024年度")
    uploaded = client.get("/zfxxgk/xtxsfj/ndbg/2024/").content.decode()
    assert "本页内容由本平台读取该机关已发布的报告文件生成" in uploaded
    assert "v1.html" in uploaded and "v1.docx" not in uploaded
    assert client.get("/zfxxgk/xtxsfj/ndbg/2024/v1.docx").status_code == 404


def test_the_portal_links_to_the_reports(client, agency, county):
    assert "/zfxxgk/xtx/ndbg/" in client.get("/").content.decode()
    assert "/zfxxgk/xtxsfj/ndbg/" in client.get("/guide/xtxsfj/").content.decode()
