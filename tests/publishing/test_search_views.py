"""The public search pages, /zfxxgk/search/ and /zfxxgk/<code>/search/: the form, the highlighted
results linking each publication, the filters, pages, the Chinese message when nothing is found,
nothing unsafe from a title, nothing that is not public; and a phone's width."""
from __future__ import annotations

import os
import shutil
from datetime import date

import pytest
from django.urls import reverse

from zfxxgk.publishing import search
from zfxxgk.publishing.models import Column, PubState

from publishing.test_public_kit import make_pub, withdraw

pytestmark = pytest.mark.django_db
SITE = "/zfxxgk/search/"


@pytest.fixture(autouse=True)
def empty_index(request):
    """The index empty before (and, after a transactional test, after) each test: transactional
    tests elsewhere leave its raw tables as they were when their flush emptied the publications."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction"))
    request.getfixturevalue("transactional_db" if transactional else "db")
    search.backend().clear()
    yield
    if transactional:
        search.backend().clear()


def indexed(*args, **kwargs):
    pub = make_pub(*args, **kwargs)
    search.update(pub)
    return pub


@pytest.fixture
def columns(agency):
    from zfxxgk.publishing.columns import ensure_catalogue

    ensure_catalogue(agency)
    return {c.code: c for c in Column.objects.filter(agency=agency)}


@pytest.fixture
def items(agency, columns, other_agency):
    a = indexed(agency, columns["gfxwj"], "湘潭县司法局行政规范性文件管理办法", body_text="为规范行政执法行为，制定本办法。",
                doc_number="湘县司法发〔2025〕3号", published_on=date(2025, 5, 6))
    b = indexed(agency, columns["gzdt"], "我局召开普法工作会议", body_text="会议部署了普法宣传和人民调解工作。", published_on=date(2024, 3, 1))
    c = indexed(other_agency, Column.objects.get(agency=other_agency, code="gzdt"), "自然资源局开展普法宣传活动",
                body_text="普法宣传进社区。", published_on=date(2025, 6, 2))
    return a, b, c


def get(client, url: str, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_site_wide_results_link_each_publication_with_highlights_agency_column_and_day(client, items):
    a, b, c = items
    html = get(client, SITE, q="普法宣传")
    assert "检索结果" in html and "（共2条" in html
    for pub in (b, c):
        assert f'href="{pub.get_absolute_url()}"' in html
    assert "自然资源局开展<mark>普法宣传</mark>活动" in html
    assert "湘潭县自然资源局" in html and "工作动态" in html and "2025-06-02" in html
    assert "会议部署了<mark>普法宣传</mark>和人民调解工作" in html  # the snippet
    assert 'name="q" value="普法宣传"' in html


def test_an_agency_search_shows_only_that_agency(client, items, agency):
    html = get(client, reverse("publishing_public:agency_search", args=[agency.code]), q="普法宣传")
    assert "我局召开" in html and "自然资源局开展" not in html
    assert "湘潭县司法局主动公开信息检索" in html
    assert client.get(reverse("publishing_public:agency_search", args=["no-such"]), {"q": "普法"}).status_code == 404


def links(html: str, *pubs) -> list[bool]:
    return [f'href="{pub.get_absolute_url()}"' in html for pub in pubs]


def test_filters_by_column_and_year(client, items, agency):
    a, b, c = items
    url = reverse("publishing_public:agency_search", args=[agency.code])
    html = get(client, url, q="法", column="fdzdgknr")  # 规范性文件 sits below 法定主动公开内容
    assert links(html, a, b, c) == [True, False, False]
    assert '<option value="fdzdgknr" selected>' in html
    assert links(get(client, url, q="法", year="2024"), a, b, c) == [False, True, False]
    assert links(get(client, SITE, q="普法", column="gzdt"), a, b, c) == [False, True, True]
    assert links(get(client, SITE, q="普法", column="gzdt", year="2025"), a, b, c) == [False, False, True]


def test_a_document_number_is_found(client, items):
    a, b, c = items
    assert links(get(client, SITE, q="湘县司法发〔2025〕3号"), a, b, c) == [True, False, False]
    assert links(get(client, SITE, q="司法发〔2025〕3"), a, b, c) == [True, False, False]


def test_nothing_found_says_so_in_chinese(client, items):
    html = get(client, SITE, q="不存在的事项")
    assert "没有找到与“不存在的事项”相关的主动公开信息" in html
    assert "（共0条" in html and "依申请公开" in html


def test_an_empty_query_shows_the_form_only(client, items):
    html = get(client, SITE)
    assert "请输入检索词" in html and "检索结果" not in html
    html = get(client, SITE, q="。。。")
    assert "检索词中没有可检索的文字" in html


def test_bad_parameters_are_ignored(client, items):
    for params in ({"q": "普法", "page": "-1"}, {"q": "普法", "page": "abc"}, {"q": "普法", "year": "二〇二五"},
                   {"q": "普法", "column": "<script>"}, {"q": "普法", "year": "99999999999"},
                   {"q": '"NEAR(普法 AND) OR *'}, {"q": "普" * 500}):
        html = get(client, SITE, **params)
        assert "<script>" not in html
    assert "检索词较长，已按前50个字检索" in get(client, SITE, q="普法" * 100)
    assert client.post(SITE, {"q": "普法"}).status_code == 405


def test_a_title_is_never_markup(client, agency, columns):
    indexed(agency, columns["gzdt"], '<script>alert("x")</script><img src=x onerror=alert(1)>普法通知')
    html = get(client, SITE, q="普法")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;<mark>普法</mark>通知" in html


def test_a_withdrawn_item_is_not_shown_even_if_the_index_missed_it(client, items):
    _, b, _ = items
    withdraw(b)  # the row changed without search.update
    html = get(client, SITE, q="普法工作会议")
    assert "我局召开" not in html
    assert b.state == PubState.WITHDRAWN


def test_pages_keep_the_query_and_filters(client, agency, columns, monkeypatch):
    for i in range(23):
        indexed(agency, columns["gzdt"], f"第{i + 1}期普法简报", body_text="普法宣传。", published_on=date(2025, 6, 2))
    html = get(client, SITE, q="普法简报", column="gzdt", year="2025")
    assert "第1页，共2页" in html
    assert 'href="?q=%E6%99%AE%E6%B3%95%E7%AE%80%E6%8A%A5&amp;column=gzdt&amp;year=2025&amp;page=2"' in html
    html = get(client, SITE, q="普法简报", column="gzdt", year="2025", page="2")
    assert html.count("普法简报</mark>") == 3 and 'start="21"' in html
    monkeypatch.setattr(search, "COUNT_LIMIT", 20)
    assert "（共20条以上，第1页）" in get(client, SITE, q="普法简报")


# -- on a phone -----------------------------------------------------------------------------------------

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server thread + Playwright's event loop
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ["--no-sandbox", "--disable-gpu", "--lang=zh-CN"]}


@pytest.mark.needs("chromium")
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_search_page_fits_a_phone(page, live_server, agency, columns):
    title = "湘潭县司法局关于" + "公布行政执法主体资格清单和行政执法人员名单" * 4 + "的通知"
    indexed(agency, columns["xzzf"], title, body_text="行政执法" + "长" * 400, doc_number="湘县司法发〔2025〕" + "1" * 40 + "号")
    page.set_viewport_size({"width": 375, "height": 812})
    for path in (f"{SITE}?q=行政执法", f"/zfxxgk/{agency.code}/search/?q=行政执法", f"{SITE}?q=没有的词"):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, path
    page.goto(live_server.url + f"{SITE}?q=行政执法")
    assert page.locator("mark").first.inner_text() == "行政执法"
    box = page.locator("#gk-q").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
