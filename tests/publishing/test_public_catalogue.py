"""The 公开目录 pages: the index of agencies, an agency's catalogue (tree with counts and latest
dates, newest items, this and last year's counts by column, links) and a column's list (sub-columns
included, newest first, paginated, by year; the 年报 column lists the published annual reports)."""
from __future__ import annotations

import re
from datetime import date

from django.urls import resolve

from zfxxgk.annual.models import AnnualReport, Version
from zfxxgk.publishing.models import Column, PubState

from publishing import test_public_kit as kit
from publishing.test_public_kit import make_pub

columns, other = kit.columns, kit.other


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def node(page: str, code: str) -> str:
    """The tree entry of column ``code``: its link and its count."""
    found = re.search(rf'<a href="/zfxxgk/xtxsfj/lm/{code}/">([^<]*)</a>\s*<span class="gk-count">(.*?)</span></span>', page, re.S)
    assert found, code
    return re.sub(r"<[^>]+>", "", found.group(1) + " " + found.group(2))


def test_the_index_lists_every_agency_under_the_one_above_it(client, agency, county, other):
    page = text(client.get("/zfxxgk/"))
    assert '<h2><a href="/zfxxgk/xtx/">湘潭县人民政府</a></h2>' in page
    assert '<a href="/zfxxgk/xtxsfj/">湘潭县司法局</a>' in page and '<a href="/zfxxgk/xtxzrzyj/">湘潭县自然资源局</a>' in page
    assert page.index("湘潭县人民政府") < page.index("湘潭县司法局")


def test_the_catalogue_counts_public_items_per_column_with_sub_columns_and_latest_date(client, agency, columns, clock):
    make_pub(agency, columns["gfxwj"], "规范性文件一", published_on=date(2025, 3, 1))
    make_pub(agency, columns["gfxwj"], "规范性文件二", published_on=date(2025, 5, 8))
    make_pub(agency, columns["czxx"], "预算公开", published_on=date(2024, 12, 30))
    make_pub(agency, columns["gzdt"], "草稿", state=PubState.DRAFT)
    make_pub(agency, columns["gzdt"], "审核中", state=PubState.PENDING)
    make_pub(agency, columns["gzdt"], "待发布", state=PubState.APPROVED)
    kit.withdraw(make_pub(agency, columns["gzdt"], "已撤回"))
    page = text(client.get("/zfxxgk/xtxsfj/"))
    assert node(page, "gfxwj") == "规范性文件 2条，2025-05-08更新"
    assert node(page, "czxx") == "财政信息（预决算） 1条，2024-12-30更新"
    assert node(page, "fdzdgknr") == "法定主动公开内容 3条，2025-05-08更新"  # its sub-columns included
    assert node(page, "gzdt") == "工作动态 0条"
    for hidden in ("草稿", "审核中", "待发布", "已撤回"):
        assert f">{hidden}</a>" not in page
    newest = page[page.index('id="gk-newest"'):]
    assert newest.index("规范性文件二") < newest.index("规范性文件一") < newest.index("预算公开")


def test_a_withdrawn_item_and_a_correction_leave_the_counts_of_public_items(client, agency, columns):
    first = make_pub(agency, columns["gzdt"], "动态一")
    kit.correct(first)
    page = text(client.get("/zfxxgk/xtxsfj/"))
    assert node(page, "gzdt") == "工作动态 1条，2025-06-20更新"  # one item, its current version's date
    assert page.count(">动态一</a>") == 1


def test_this_and_last_years_counts_by_column(client, agency, columns, clock):
    clock["day"] = date(2025, 6, 30)
    make_pub(agency, columns["gkzn"], "指南", published_on=date(2025, 1, 5))
    make_pub(agency, columns["gzdt"], "动态一", published_on=date(2025, 2, 5))
    kit.withdraw(make_pub(agency, columns["gzdt"], "动态二", published_on=date(2025, 3, 5)))  # was public that year: counted
    make_pub(agency, columns["gfxwj"], "去年的文件", published_on=date(2024, 7, 1))
    make_pub(agency, columns["gzdt"], "草稿", state=PubState.DRAFT)
    page = text(client.get("/zfxxgk/xtxsfj/"))
    assert "本年度（2025年）主动公开信息3条：政府信息公开指南1条，工作动态2条。" in page
    assert "上年度（2024年）主动公开信息1条：法定主动公开内容1条。" in page
    clock["day"] = date(2027, 1, 2)
    page = text(client.get("/zfxxgk/xtxsfj/"))
    assert "本年度（2027年）主动公开信息0条。" in page and "上年度（2026年）主动公开信息0条。" in page


def test_the_catalogue_links_search_feed_guide_and_annual_reports(client, agency, columns):
    page = text(client.get("/zfxxgk/xtxsfj/"))
    assert 'action="/zfxxgk/xtxsfj/search/"' in page and 'name="q"' in page
    assert '<a rel="alternate" type="application/atom+xml" href="/zfxxgk/xtxsfj/feed/">' in page
    assert '<a href="/zfxxgk/xtxsfj/lm/gkzn/">政府信息公开指南</a>' in page
    assert '<a href="/zfxxgk/xtxsfj/ndbg/">政府信息公开年报</a>' in page


def test_an_agency_without_columns_sees_the_default_tree_read_only(client, agency):
    page = text(client.get("/zfxxgk/xtxsfj/"))
    assert "本机关尚未设置公开目录" in page
    for name in ("政府信息公开指南", "法定主动公开内容", "规范性文件", "行政执法（许可/处罚/强制）", "工作动态"):
        assert f"<span>{name}</span>" in page
    assert '<a href="/zfxxgk/xtxsfj/ndbg/">政府信息公开年报</a>' in page
    assert '<a href="/guide/xtxsfj/">政府信息公开指南</a>' in page  # the platform's generated guide
    assert "/lm/" not in page
    assert not Column.objects.filter(agency=agency).exists()  # a GET creates nothing
    assert client.get("/zfxxgk/xtxsfj/lm/gzdt/").status_code == 404


def test_unknown_agency_or_column_is_404_and_columns_are_per_agency(client, agency, columns, county):
    assert client.get("/zfxxgk/nosuch/").status_code == 404
    assert client.get("/zfxxgk/xtxsfj/lm/nosuch/").status_code == 404
    assert client.get("/zfxxgk/xtx/lm/gzdt/").status_code == 404  # the county has no columns; the code is the agency's
    assert client.post("/zfxxgk/xtxsfj/").status_code == 405


def test_the_catalogue_page_asks_a_bounded_number_of_queries(client, agency, columns, django_assert_max_num_queries):
    parent = columns["fdzdgknr"]
    for i in range(40):
        column = Column.objects.create(agency=agency, parent=parent, code=f"extra{i}", name=f"专题{i}", position=20 + i)
        for j in range(3):
            make_pub(agency, column, f"专题{i}信息{j}", published_on=date(2025, 1 + j, 1 + i % 28))
    with django_assert_max_num_queries(8):  # agency, columns, counts, newest, 2 × counts_by_column (2 each)
        page = text(client.get("/zfxxgk/xtxsfj/"))
    assert node(page, "extra39") == "专题39 3条，2025-03-12更新"
    assert node(page, "fdzdgknr") == "法定主动公开内容 120条，2025-03-28更新"
    with django_assert_max_num_queries(6):
        text(client.get("/zfxxgk/xtxsfj/lm/fdzdgknr/"))
    with django_assert_max_num_queries(7):
        text(client.get(f"/zfxxgk/xtxsfj/xxgk/{column.publications.first().pk}/"))


def test_a_column_lists_its_and_its_sub_columns_public_items_newest_first(client, agency, columns):
    make_pub(agency, columns["gz"], "规章一", published_on=date(2025, 2, 1))
    make_pub(agency, columns["gfxwj"], "规范性文件一", published_on=date(2025, 4, 1))
    make_pub(agency, columns["gzdt"], "工作动态一", published_on=date(2025, 5, 1))
    make_pub(agency, columns["gfxwj"], "草稿文件", state=PubState.DRAFT)
    page = text(client.get("/zfxxgk/xtxsfj/lm/fdzdgknr/"))
    assert page.index("规范性文件一") < page.index("规章一") and "工作动态一" not in page and "草稿文件" not in page
    assert "（共2条）" in page
    assert '<a href="/zfxxgk/xtxsfj/lm/gfxwj/">规范性文件</a>' in page  # its sub-columns
    sub = text(client.get("/zfxxgk/xtxsfj/lm/gfxwj/"))
    assert "规范性文件一" in sub and "规章一" not in sub
    crumbs = re.search(r'<nav class="gk-crumbs".*?</nav>', sub, re.S).group(0)
    assert '<a href="/zfxxgk/xtxsfj/lm/fdzdgknr/">法定主动公开内容</a> › <span aria-current="page">规范性文件</span>' in crumbs
    assert 'href="/zfxxgk/xtxsfj/lm/gfxwj/feed/"' in sub


def test_a_column_is_paginated_and_filtered_by_year(client, agency, columns):
    for i in range(25):
        make_pub(agency, columns["gzdt"], f"动态{i:02d}", published_on=date(2025, 1, 1 + i))
    for i in range(3):
        make_pub(agency, columns["gzdt"], f"旧动态{i}", published_on=date(2023, 5, 1 + i))
    first = text(client.get("/zfxxgk/xtxsfj/lm/gzdt/"))
    assert "动态24" in first and "动态05" in first and "动态04" not in first and "第1页，共2页" in first and "（共28条）" in first
    second = text(client.get("/zfxxgk/xtxsfj/lm/gzdt/?page=2"))
    assert "动态04" in second and "旧动态0" in second and "动态24" not in second
    assert '<option value="2025">2025年</option>' in first and '<option value="2023">2023年</option>' in first
    old = text(client.get("/zfxxgk/xtxsfj/lm/gzdt/?year=2023"))
    assert "（共3条）" in old and "动态24" not in old and '<option value="2023" selected>' in old
    for junk in ("?year=abc", "?year=0", "?year=99999", "?year=２０２５", "?page=abc", "?page=999", "?page=-1"):
        assert client.get("/zfxxgk/xtxsfj/lm/gzdt/" + junk).status_code == 200, junk
    assert "（共0条）" in text(client.get("/zfxxgk/xtxsfj/lm/gzdt/?year=2024"))
    paged = text(client.get("/zfxxgk/xtxsfj/lm/gzdt/?year=2025"))
    assert 'href="?year=2025&amp;page=2"' in paged


def test_the_annual_report_column_lists_each_published_annual_report_once(client, agency, columns):
    uploaded = AnnualReport.objects.create(agency=agency, year=2023)  # uploaded as published elsewhere: not filed
    Version.objects.create(report=uploaded, number=1, published_on=date(2024, 1, 20), document={}, origin="upload")
    Version.objects.create(report=uploaded, number=2, published_on=date(2024, 2, 3), document={}, origin="upload")
    filed = AnnualReport.objects.create(agency=agency, year=2024)  # published here: annual_link filed it as an item
    Version.objects.create(report=filed, number=1, published_on=date(2025, 1, 20), document={})
    make_pub(agency, columns["ndbg"], "湘潭县司法局2024年政府信息公开工作年度报告", published_on=date(2025, 1, 20))
    AnnualReport.objects.create(agency=agency, year=2025)  # a draft: never listed
    page = text(client.get("/zfxxgk/xtxsfj/lm/ndbg/"))
    assert '<a href="/zfxxgk/xtxsfj/ndbg/2023/">湘潭县司法局2023年政府信息公开工作年度报告</a>' in page
    assert "2024-01-20" in page and "2025年政府信息公开工作年度报告" not in page
    assert page.count("湘潭县司法局2024年政府信息公开工作年度报告") == 1 and "/zfxxgk/xtxsfj/ndbg/2024/" not in page
    assert "政府信息公开工作年度报告</h2>" not in text(client.get("/zfxxgk/xtxsfj/lm/gzdt/"))


def test_routes_do_not_collide_with_the_annual_reports_or_an_agency_called_search(client, county):
    assert resolve("/zfxxgk/xtxsfj/ndbg/").view_name == "public_annual:agency"
    assert resolve("/zfxxgk/xtxsfj/ndbg/2024/").view_name == "public_annual:report"
    assert resolve("/zfxxgk/search/").view_name == "publishing_public:search"
    assert resolve("/zfxxgk/xtxsfj/search/").view_name == "publishing_public:agency_search"
    assert resolve("/zfxxgk/search/search/").view_name == "publishing_public:agency_search"
    assert resolve("/zfxxgk/").view_name == "publishing_public:index"
    assert resolve("/zfxxgk/xtxsfj/").view_name == "publishing_public:agency"
    assert resolve("/zfxxgk/xtxsfj/lm/ndbg/").view_name == "publishing_public:column"
    assert resolve("/zfxxgk/search/lm/gzdt/").view_name == "publishing_public:column"
