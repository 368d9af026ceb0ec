"""The Atom feeds (per agency and per column, sub-columns included): exactly the public items,
newest first, at most 50, with absolute links, summaries from the plain text and stable ids."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from zfxxgk.publishing.models import Column, PubState

from publishing import test_public_kit as kit
from publishing.test_public_kit import make_pub

columns, other = kit.columns, kit.other
A = "{http://www.w3.org/2005/Atom}"


def feed(client, path: str) -> ET.Element:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def titles(root: ET.Element) -> list[str]:
    return [e.findtext(f"{A}title") for e in root.findall(f"{A}entry")]


def test_the_agency_feed_lists_exactly_the_public_items_newest_first(client, agency, columns, other):
    make_pub(agency, columns["gzdt"], "动态一", published_on=date(2025, 6, 1))
    make_pub(agency, columns["gfxwj"], "文件一", published_on=date(2025, 6, 3))
    for state in (PubState.DRAFT, PubState.PENDING, PubState.APPROVED):
        make_pub(agency, columns["gzdt"], f"不公开{state}", state=state)
    kit.withdraw(make_pub(agency, columns["gzdt"], "已撤回", published_on=date(2025, 6, 4)))
    corrected = make_pub(agency, columns["gzdt"], "被更正", published_on=date(2025, 5, 1), body_text="旧文")
    kit.correct(corrected, title="已更正后的标题", body_text="新文", published_on=date(2025, 6, 2))
    make_pub(other, other.columns.get(code="gzdt"), "他机关动态")
    root = feed(client, "/zfxxgk/xtxsfj/feed/")
    assert titles(root) == ["文件一", "已更正后的标题", "动态一"]
    assert root.findtext(f"{A}title") == "湘潭县司法局 · 主动公开信息"
    entry = root.findall(f"{A}entry")[1]
    assert entry.findtext(f"{A}id") == f"http://testserver/zfxxgk/xtxsfj/xxgk/{corrected.pk}/"
    assert entry.find(f"{A}link").get("href") == f"http://testserver/zfxxgk/xtxsfj/xxgk/{corrected.pk}/"
    assert entry.findtext(f"{A}summary") == "新文"
    assert entry.findtext(f"{A}updated") == "2025-06-02T09:30:00+08:00"
    assert entry.find(f"{A}category").get("term") == "工作动态"


def test_the_column_feed_includes_sub_columns_only(client, agency, columns):
    make_pub(agency, columns["gz"], "规章一", published_on=date(2025, 6, 1))
    make_pub(agency, columns["gfxwj"], "文件一", published_on=date(2025, 6, 2))
    make_pub(agency, columns["gzdt"], "动态一", published_on=date(2025, 6, 3))
    assert titles(feed(client, "/zfxxgk/xtxsfj/lm/fdzdgknr/feed/")) == ["文件一", "规章一"]
    assert titles(feed(client, "/zfxxgk/xtxsfj/lm/gfxwj/feed/")) == ["文件一"]
    assert titles(feed(client, "/zfxxgk/xtxsfj/lm/jgzn/feed/")) == []
    assert feed(client, "/zfxxgk/xtxsfj/lm/gfxwj/feed/").findtext(f"{A}title") == "湘潭县司法局 · 法定主动公开内容 › 规范性文件"


def test_a_withdrawn_item_leaves_the_feed(client, agency, columns):
    pub = make_pub(agency, columns["gzdt"], "将被撤回")
    assert titles(feed(client, "/zfxxgk/xtxsfj/feed/")) == ["将被撤回"]
    kit.withdraw(pub)
    assert titles(feed(client, "/zfxxgk/xtxsfj/feed/")) == []
    assert titles(feed(client, "/zfxxgk/xtxsfj/lm/gzdt/feed/")) == []


def test_at_most_fifty_items(client, agency, columns):
    for i in range(55):
        make_pub(agency, columns["gzdt"], f"动态{i:02d}", published_on=date(2025, 1, 1 + i % 28))
    assert len(titles(feed(client, "/zfxxgk/xtxsfj/feed/"))) == 50


def test_titles_and_summaries_with_markup_are_text_not_html(client, agency, columns):
    long_text = "依法公开" * 80
    make_pub(agency, columns["gzdt"], '<script>alert("t")</script>公告', body="<p>x</p>", body_text='<img src=x onerror=alert(1)> ' + long_text)
    raw = client.get("/zfxxgk/xtxsfj/feed/").content.decode()
    assert "<script>" not in raw and "<img" not in raw
    entry = ET.fromstring(raw).find(f"{A}entry")
    assert entry.findtext(f"{A}title") == '<script>alert("t")</script>公告'  # Atom text: shown as written
    summary = entry.find(f"{A}summary")
    assert summary.get("type") == "html"
    assert summary.text.startswith("&lt;img src=x onerror=alert(1)&gt; 依法公开")  # escaped once more: HTML shows it as text
    assert summary.text.endswith("…") and len(summary.text) < 260


def test_unknown_agency_or_column_is_404(client, agency, columns):
    assert client.get("/zfxxgk/nosuch/feed/").status_code == 404
    assert client.get("/zfxxgk/xtxsfj/lm/nosuch/feed/").status_code == 404
    Column.objects.create(agency=agency, code="empty", name="空栏目")
    assert client.get("/zfxxgk/xtxsfj/lm/empty/feed/").status_code == 200


def test_the_pages_offer_their_feeds(client, agency, columns):
    page = client.get("/zfxxgk/xtxsfj/lm/gzdt/").content.decode()
    assert '<a rel="alternate" type="application/atom+xml" href="/zfxxgk/xtxsfj/lm/gzdt/feed/">' in page
