"""The publication search (zfxxgk.publishing.search): what it finds, in what order, with which
filters and highlights; what it never shows; queries that are not syntax. Runs on SQLite and, with
ZFXXGK_TEST_DB=postgres, on PostgreSQL: both back ends answer the same."""
from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zfxxgk.publishing import search, services
from zfxxgk.publishing.models import Publication, PubState
from zfxxgk.publishing.search import text

from publishing.conftest import docx, review

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("isolated")]


@pytest.fixture(autouse=True)
def empty_index(db):
    """Transactional tests elsewhere leave the index's raw tables as they were when their flush
    emptied the publications (harmless there: every hit is checked again): start empty."""
    search.backend().clear()


def titles(results) -> list[str]:
    return [hit.publication.title for hit in results.hits]


@pytest.fixture
def corpus(make_published, draft, clerk, clock):
    """Four public items of 湘潭县司法局 in different columns and years."""
    clock["day"] = date(2024, 3, 1)
    old = make_published(title="2023年度法治政府建设情况报告", body="<p>全面推进依法行政，建设法治政府。</p>", column="ghjh")
    clock["day"] = date(2025, 5, 6)
    normative = make_published(title="湘潭县司法局行政规范性文件管理办法", body="<p>为规范行政执法行为，制定本办法。</p>", column="gfxwj")
    news = make_published(title="我局召开普法工作会议", body="<p>会议部署了征地补偿政策宣传和人民调解工作。</p>")
    bureau = make_published(title="关于调整工作时间的通知", body="<p>县自然资源局与本局联合办公，地址不变。</p>")
    return {"old": old, "normative": normative, "news": news, "bureau": bureau}


# -- what is found ----------------------------------------------------------------------------------

def test_a_word_in_the_title_in_the_body_and_in_an_attachment_is_found(corpus, draft, clerk, head, leader):
    pub = draft(title="关于2025年公共法律服务的公告", body="<p>详见附件。</p>")
    services.add_attachment(pub, clerk, SimpleUploadedFile("名单.docx", docx("法律援助工作站设在各乡镇司法所")))
    services.publish(review(pub, clerk, head, leader), clerk)

    assert titles(search.search("规范性文件")) == ["湘潭县司法局行政规范性文件管理办法"]  # title
    assert titles(search.search("征地补偿")) == ["我局召开普法工作会议"]  # body
    found = search.search("法律援助工作站")  # only in the attachment
    assert titles(found) == ["关于2025年公共法律服务的公告"] and found.mode == "words"
    assert "<mark>法律援助工作站</mark>" in found.hits[0].snippet_html
    assert search.search("不存在的词语组合").total == 0


def test_every_word_of_a_query_is_required(corpus):
    assert titles(search.search("法治政府 报告")) == ["2023年度法治政府建设情况报告"]
    assert search.search("法治政府 征地补偿").total == 0


def test_a_word_is_found_where_the_text_was_cut_otherwise(make_published):
    """行政执法检查 is cut 行政 / 执法检查: the word 行政执法 is met by its parts 行政 and 执法."""
    make_published(title="关于开展行政执法检查的通知", body="<p>检查时间为6月。</p>")
    results = search.search("行政执法")
    assert (titles(results), results.mode) == (["关于开展行政执法检查的通知"], "words")
    assert results.hits[0].title_html == "关于开展<mark>行政执法</mark>检查的通知"


def test_a_title_match_ranks_above_a_body_match(make_published):
    make_published(title="关于做好防汛工作的通知", body="<p>各单位认真落实人民调解工作，调解矛盾纠纷。</p>")
    make_published(title="人民调解工作情况通报", body="<p>本季度工作情况如下。</p>")
    make_published(title="其他事项", body="<p>无关内容。</p>")
    results = search.search("人民调解")
    assert titles(results) == ["人民调解工作情况通报", "关于做好防汛工作的通知"]
    assert results.hits[0].score > results.hits[1].score


def test_one_or_two_characters_find_every_item_containing_them(corpus):
    """局 is inside 自然资源局 and 本局: no word index holds it alone, the substring search does."""
    results = search.search("局")
    assert results.mode == "substring"
    assert set(titles(results)) == {"湘潭县司法局行政规范性文件管理办法", "我局召开普法工作会议", "关于调整工作时间的通知"}
    assert titles(results)[:2] == ["我局召开普法工作会议", "湘潭县司法局行政规范性文件管理办法"]  # title matches first, newest first
    assert "<mark>局</mark>" in results.hits[2].snippet_html
    assert titles(search.search("调解")) == ["我局召开普法工作会议"]
    assert titles(search.search("ＸＺ")) == []  # full width is folded like the index: no false match either


def test_a_string_that_is_no_word_falls_back_to_the_substring_search(corpus):
    """法治政 is not a word: no token matches, the text does."""
    results = search.search("法治政")
    assert results.mode == "substring"
    assert titles(results) == ["2023年度法治政府建设情况报告"]
    assert results.hits[0].title_html == "2023年度<mark>法治政</mark>府建设情况报告"
    assert search.search("设法治政府建").total == 0  # every pair is in the item, the string is not


def test_the_substring_check_is_bounded_and_says_so(agency, catalogue, monkeypatch):
    monkeypatch.setattr(search, "VERIFY_LIMIT", 2)
    for i in range(3):
        published(agency, catalogue["gzdt"], f"简报{i}", "依法治县工作。", day=date(2025, 6, 1 + i))
    results = search.search("法治县")
    assert (results.mode, results.total, results.partial) == ("substring", 2, True)
    assert titles(results) == ["简报2", "简报1"]  # the newest
    monkeypatch.setattr(search, "VERIFY_LIMIT", 3)
    assert (search.search("法治县").total, search.search("法治县").partial) == (3, False)


def test_full_width_letters_and_digits_match_half_width(make_published):
    make_published(title="ＧＤＰ增长情况", body="<p>２０２５年一季度。</p>")
    assert titles(search.search("gdp")) == ["ＧＤＰ增长情况"]
    assert titles(search.search("2025年")) == ["ＧＤＰ增长情况"]
    assert search.search("gdp").hits[0].title_html == "<mark>ＧＤＰ</mark>增长情况"


# -- filters and pages ------------------------------------------------------------------------------

def test_filters_by_agency_column_with_its_sub_columns_and_year(corpus, other_agency, clerk, clock):
    from zfxxgk.publishing.models import Column

    other = Publication.objects.create(agency=other_agency, column=Column.objects.get(agency=other_agency, code="gzdt"),
                                       title="自然资源局普法工作会议", written_on=clock["day"], state=PubState.PUBLISHED,
                                       published_on=clock["day"])
    search.update(other)
    agency = corpus["news"].agency
    assert search.search("普法").total == 2
    assert titles(search.search("普法", agency=agency)) == ["我局召开普法工作会议"]
    assert titles(search.search("普法", agency=other_agency.pk)) == ["自然资源局普法工作会议"]
    assert set(titles(search.search("普法", column="gzdt"))) == {"自然资源局普法工作会议", "我局召开普法工作会议"}  # every agency's gzdt
    # 法定主动公开内容 holds 规范性文件 and 规划计划 below it
    assert set(titles(search.search("法", agency=agency, column="fdzdgknr"))) == {"湘潭县司法局行政规范性文件管理办法", "2023年度法治政府建设情况报告"}
    assert titles(search.search("法治政府", agency=agency, column="fdzdgknr")) == ["2023年度法治政府建设情况报告"]
    assert titles(search.search("法治政府", column="gfxwj")) == []
    assert search.search("普法", agency=agency, column="no-such-column").total == 0
    assert titles(search.search("法", agency=agency, year=2024)) == ["2023年度法治政府建设情况报告"]
    assert search.search("法", agency=agency, year="2025").total == 2
    assert search.search("法", agency=agency, year="不是年份").total == 3  # ignored


def published(agency, column, title: str, body: str = "", day: date = date(2025, 6, 30)) -> Publication:
    """A public row made directly (many of them, quickly), indexed as the services would."""
    pub = Publication.objects.create(agency=agency, column=column, title=title, body_text=body, written_on=day,
                                     state=PubState.PUBLISHED, published_on=day)
    search.update(pub)
    return pub


def test_pages_of_results(agency, catalogue):
    for i in range(25):
        published(agency, catalogue["gzdt"], f"第{i + 1}期普法简报", "普法宣传。")
    first = search.search("普法简报", per_page=10)
    assert (first.total, first.pages, len(first.hits)) == (25, 3, 10)
    third = search.search("普法简报", per_page=10, page=3)
    assert len(third.hits) == 5
    seen = [h.publication.pk for p in (1, 2, 3) for h in search.search("普法简报", per_page=10, page=p).hits]
    assert len(set(seen)) == 25
    assert search.search("普法简报", per_page=10, page="x").page == 1
    assert search.search("普法简报", per_page=10, page=99).hits == []


def test_ranking_is_bounded_to_the_newest_matches_then_newest_first(agency, catalogue, monkeypatch):
    monkeypatch.setattr(search, "RANK_LIMIT", 3)
    for i in range(6):
        published(agency, catalogue["gzdt"], f"简报{i}" + ("普法宣传" if i == 0 else ""), "开展普法宣传。")
    results = search.search("普法宣传", per_page=4)
    assert (results.total, results.mode) == (6, "words")
    # the newest three ranked (the title hit is not among them), then the older ones newest first
    assert titles(results) == ["简报5", "简报4", "简报3", "简报2"]
    assert titles(search.search("普法宣传", per_page=4, page=2)) == ["简报1", "简报0普法宣传"]
    monkeypatch.setattr(search, "RANK_LIMIT", 10)
    assert titles(search.search("普法宣传", per_page=4))[0] == "简报0普法宣传"


# -- what is never shown ------------------------------------------------------------------------------

def test_nothing_but_published_items_are_found(draft, make_published, clerk, head, leader):
    mark = "禁毒宣传周"
    draft(title=f"{mark}草稿")
    pending = draft(title=f"{mark}审核中")
    services.declare(pending, clerk)
    services.submit(pending, clerk)
    review(draft(title=f"{mark}待发布"), clerk, head, leader)
    withdrawn = make_published(title=f"{mark}已撤回")
    services.withdraw(withdrawn, clerk, "内容有误")
    corrected = make_published(title=f"{mark}原版本")
    new = services.start_correction(corrected, clerk, "更正错别字")
    services.update(new, clerk, title=f"{mark}更正后")
    services.publish(review(new, clerk, head, leader), clerk)
    make_published(title=f"{mark}已发布")

    for query in (mark, "禁毒", "毒"):
        assert sorted(titles(search.search(query))) == [f"{mark}已发布", f"{mark}更正后"], query
    public = set(Publication.objects.public().values_list("pk", flat=True))
    assert search.indexed_ids() == public


def test_a_stale_index_never_shows_an_item_no_longer_public(make_published):
    pub = make_published(title="农村低保对象名单公示")
    assert search.search("低保").total == 1
    Publication.objects.filter(pk=pub.pk).update(state=PubState.WITHDRAWN)  # behind the index's back
    for query in ("低保", "农村低保对象", "保对"):
        assert search.search(query).hits == [], query
    search.update(pub)
    assert search.search("低保").total == 0


def test_update_is_the_gate(agency, catalogue, clock):
    pub = Publication.objects.create(agency=agency, column=catalogue["gzdt"], title="未经发布的信息", written_on=clock["day"])
    search.update(pub)
    assert pub.pk not in search.indexed_ids()
    Publication.objects.filter(pk=pub.pk).update(state=PubState.PUBLISHED, published_on=clock["day"])
    search.update(pub)
    assert pub.pk in search.indexed_ids() and search.search("未经发布").total == 1
    Publication.objects.filter(pk=pub.pk).update(title="标题改了")
    search.update(pub)  # replaced, not added twice
    assert search.search("未经发布").total == 0 and search.search("标题改了").total == 1


# -- queries are text, never syntax ---------------------------------------------------------------------

HOSTILE = ['"', '""', '*', '普法*', 'NEAR', 'NEAR(普法 会议)', 'AND', 'OR', 'NOT', '普法 OR 会议', '普法 AND', '(', ')', '(普法',
           '-', '-普法', '普法-会议', '{title}: 普法', 'title:普法', '^普法', "'", "''", "普法'", '\\', '!普法', '普法 & 会议',
           '普法 | 会议', '<->', '普法:*', '\x00', '%', '_', '%普法%', ':', 'a"b', 'NEAR/2']


@pytest.mark.parametrize("query", HOSTILE)
def test_syntax_characters_are_searched_as_text_and_never_raise(corpus, query):
    results = search.search(query)
    assert results.total >= 0
    if query in ("普法-会议", "普法*", "(普法", "-普法", "普法:*", "普法 & 会议", "普法 | 会议", "!普法", "普法'", "%普法%", "^普法"):
        assert titles(results) == ["我局召开普法工作会议"], query  # the words, the rest ignored


def test_a_long_query_is_cut_and_an_empty_one_searches_nothing(corpus, django_assert_num_queries):
    long = "我局召开普法工作会议" * 20
    results = search.search(long)
    assert results.query.cut and len(results.query.text) == text.MAX_QUERY
    with django_assert_num_queries(0):
        for empty in ("", "   ", None, "，。、", "***"):
            assert search.search(empty).total == 0


# -- highlighting ---------------------------------------------------------------------------------------

def test_titles_and_snippets_are_escaped_then_marked(make_published):
    make_published(title="<script>alert(1)</script>普法通知", body="<p>普法&lt;b&gt;宣传&lt;/b&gt;活动</p>")
    hit = search.search("普法").hits[0]
    assert hit.title_html == "&lt;script&gt;alert(1)&lt;/script&gt;<mark>普法</mark>通知"
    assert "<script" not in hit.snippet_html and "&lt;b&gt;" in hit.snippet_html
    assert search.search("script").hits[0].title_html.startswith("&lt;<mark>script</mark>&gt;")


def test_a_snippet_is_a_window_around_the_first_match(make_published):
    body = "前言" * 200 + "重点推进行政复议体制改革" + "结语" * 200
    make_published(title="工作要点", body=f"<p>{body}</p>")
    snippet = search.search("行政复议").hits[0].snippet_html
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>行政复议</mark>" in snippet and len(snippet) < 250


# -- the index itself -------------------------------------------------------------------------------

def test_rebuild_indexes_every_public_item_again(corpus):
    from zfxxgk.publishing.search import backend

    backend().clear()
    assert search.search("普法").total == 0
    assert search.rebuild() == 4
    assert search.indexed_ids() == {p.pk for p in corpus.values()}
    assert titles(search.search("普法")) == ["我局召开普法工作会议"]
    assert backend().version() == text.VERSION


def test_an_index_cut_by_another_tokenizer_is_rebuilt(corpus, monkeypatch):
    from django.core.cache import cache

    from zfxxgk.publishing.search import backend

    search.rebuild()
    backend().clear()  # what a rebuild by the new version will fill again
    monkeypatch.setattr(text, "VERSION", "rjieba 9.9; words new; scheme 9")
    monkeypatch.setattr(search, "_current", set())
    cache.clear()
    results = search.search("普法")  # queues the rebuild: the task runs at once under the test settings
    assert backend().version() == "rjieba 9.9; words new; scheme 9"
    assert search.indexed_ids() == {p.pk for p in corpus.values()}
    assert titles(results) == ["我局召开普法工作会议"]


def test_the_domain_dictionary_keeps_its_words_whole():
    assert "依申请公开" in text.tokens("依申请公开工作").split()
    assert "双随机一公开" in text.parse("双随机一公开检查").words


def test_reindex_command(corpus, capsys):
    from django.core.management import call_command

    from zfxxgk.publishing.search import backend

    backend().clear()
    call_command("publishing_reindex")
    assert "4" in capsys.readouterr().out
    assert search.indexed_ids() == {p.pk for p in corpus.values()}


def test_counts_stop_at_the_count_limit(agency, catalogue, monkeypatch):
    monkeypatch.setattr(search, "COUNT_LIMIT", 3)
    for i in range(5):
        published(agency, catalogue["gzdt"], f"第{i}期普法宣传简报", "开展普法宣传。")
    for query in ("普法宣传", "普法", "法宣传简"):  # words, characters, the substring check
        results = search.search(query, per_page=2)
        assert (results.total, results.more, results.pages, len(results.hits)) == (3, True, 2, 2), query
    assert search.search("第4期", per_page=2).more is False


def test_the_newest_matches_are_found_window_by_window(agency, catalogue, monkeypatch):
    """PostgreSQL looks for the newest matches among the newest rows first (postgres.WINDOWS),
    then wider: the results are the same as without windows (SQLite has none)."""
    from zfxxgk.publishing.search import postgres

    monkeypatch.setattr(postgres, "WINDOWS", (1, 2))
    for i in range(8):
        published(agency, catalogue["gzdt"], f"简报{i}" + ("普法宣传" if i % 3 == 0 else "其他事项"),
                  "开展普法宣传。" if i % 3 == 0 else "无关内容。", day=date(2025, 6, 1 + i))
    assert titles(search.search("普法宣传")) == ["简报6普法宣传", "简报3普法宣传", "简报0普法宣传"]
    assert titles(search.search("法宣传")) == ["简报6普法宣传", "简报3普法宣传", "简报0普法宣传"]  # the substring check
    monkeypatch.setattr(search, "RANK_LIMIT", 1)
    assert titles(search.search("普法宣传", per_page=2, page=2)) == ["简报0普法宣传"]
