"""A publication's public page in each state: only 已发布 is shown; 已撤回 answers 410 with the day
and the reason; 已更正 versions are reachable only as older versions of a public series; drafts,
items under review or approved, other agencies' ids and nonsense are 404."""
from __future__ import annotations

import re
from datetime import date

import pytest

from zfxxgk.publishing.models import PubState

from publishing import test_public_kit as kit
from publishing.test_public_kit import make_pub, url

columns, other = kit.columns, kit.other


def text(response) -> str:
    return response.content.decode()


def test_a_published_item_shows_the_metadata_block_body_and_column(client, agency, columns):
    pub = make_pub(agency, columns["gfxwj"], "湘潭县司法局关于印发《行政执法公示办法》的通知", doc_number="湘县司发〔2025〕3号",
                   written_on=date(2025, 5, 20), published_on=date(2025, 6, 2), index_number="xtxsfj/2025-00007",
                   body="<p>各乡镇司法所：</p><table><tr><td>序号</td><td>事项</td></tr></table>")
    response = client.get(url(pub))
    page = text(response)
    assert response.status_code == 200
    meta = re.search(r'<dl class="gk-meta">(.*?)</dl>', page, re.S).group(1)
    for label, value in (("索引号", "xtxsfj/2025-00007"), ("主题分类", "法定主动公开内容 › 规范性文件"), ("发布机构", "湘潭县司法局"),
                         ("成文日期", "2025-05-20"), ("文号", "湘县司发〔2025〕3号"), ("发布日期", "2025-06-02")):
        assert re.search(rf"<dt>{label}</dt><dd>{re.escape(value)}</dd>", meta), label
    assert "<p>各乡镇司法所：</p><table><tr><td>序号</td>" in page  # the sanitised body, rendered as HTML
    assert 'href="/zfxxgk/xtxsfj/lm/fdzdgknr/">法定主动公开内容</a>' in page and 'href="/zfxxgk/xtxsfj/lm/gfxwj/">规范性文件</a>' in page
    assert "publishing/public.css" in page
    assert "本信息已于" not in page  # never corrected


def test_empty_doc_number_and_index_number_show_a_dash(client, agency, columns):
    pub = make_pub(agency, columns["gzdt"], "工作动态一则", doc_number="", index_number="")
    page = text(client.get(url(pub)))
    assert "<dt>文号</dt><dd>—</dd>" in page and "<dt>索引号</dt><dd>—</dd>" in page


@pytest.mark.parametrize("state", [PubState.DRAFT, PubState.PENDING, PubState.APPROVED])
def test_an_item_not_yet_published_is_404_at_every_url(client, agency, columns, state):
    pub = make_pub(agency, columns["gzdt"], "尚未发布的信息", state=state)
    att = kit.attach(pub)
    for suffix in ("", "v1/", f"fj/{att.pk}/"):
        assert client.get(url(pub, suffix)).status_code == 404, (state, suffix)
    assert "尚未发布的信息" not in text(client.get("/zfxxgk/xtxsfj/")) + text(client.get("/zfxxgk/xtxsfj/lm/gzdt/"))


def test_a_published_state_without_a_publication_day_is_not_public(client, agency, columns):
    pub = make_pub(agency, columns["gzdt"])
    type(pub).objects.filter(pk=pub.pk).update(published_on=None)
    assert client.get(url(pub)).status_code == 404


def test_a_withdrawn_item_is_410_with_day_and_reason_and_nothing_of_its_content(client, agency, columns, isolated):
    pub = make_pub(agency, columns["xzzf"], "行政处罚决定书（张某某）", body="<p>当事人张某某</p>")
    att = kit.attach(pub)
    kit.withdraw(pub, reason="含有不应公开的个人信息")
    response = client.get(url(pub))
    page = text(response)
    assert response.status_code == 410
    assert "该信息已于2025年6月25日撤回，撤回原因：含有不应公开的个人信息" in page
    assert "张某某" not in page and "/fj/" not in page
    assert client.get(url(pub, f"fj/{att.pk}/")).status_code == 404
    assert client.get(url(pub, "v1/")).status_code == 410
    assert "行政处罚决定书" not in text(client.get("/zfxxgk/xtxsfj/lm/xzzf/"))


def test_a_correction_shows_the_new_version_with_its_reason_and_links_the_old_one(client, agency, columns):
    first = make_pub(agency, columns["czxx"], "2025年部门预算", body="<p>预算总额100万元</p>", published_on=date(2025, 3, 1))
    second = kit.correct(first, reason="预算总额填报有误", body="<p>预算总额120万元</p>", published_on=date(2025, 3, 10))
    page = text(client.get(url(first)))
    assert "预算总额120万元" in page and "预算总额100万元" not in page
    assert "本信息已于2025年3月10日更正。更正原因：预算总额填报有误" in page
    assert f'href="/zfxxgk/xtxsfj/xxgk/{first.pk}/v1/">第1版（2025年3月1日发布）</a>' in page
    old = client.get(url(first, "v1/"))
    assert old.status_code == 200 and "预算总额100万元" in text(old) and "已被更正" in text(old)
    assert f'href="/zfxxgk/xtxsfj/xxgk/{first.pk}/">查看现行版本</a>' in text(old)
    current = client.get(url(first, "v2/"))
    assert current.status_code == 302 and current["Location"] == f"/zfxxgk/xtxsfj/xxgk/{first.pk}/"
    assert client.get(url(first, "v3/")).status_code == 404
    assert client.get(f"/zfxxgk/xtxsfj/xxgk/{second.pk}/").status_code == 404  # a later version's own id is no series


def test_a_correction_in_progress_leaves_the_published_version_public(client, agency, columns):
    first = make_pub(agency, columns["czxx"], "2025年部门决算", body="<p>原文</p>")
    draft = make_pub(agency, columns["czxx"], "2025年部门决算", state=PubState.PENDING, series=first, version=2, body="<p>改后</p>",
                     correction_reason="改")
    page = text(client.get(url(first)))
    assert "原文" in page and "改后" not in page and "更正" not in page
    assert client.get(url(first, "v2/")).status_code == 404
    assert draft.pk


def test_a_series_whose_first_version_points_at_itself_is_found_too(client, agency, columns):
    first = make_pub(agency, columns["gzdt"], "自指的系列")
    type(first).objects.filter(pk=first.pk).update(series=first)
    kit.correct(type(first).objects.get(pk=first.pk), reason="错别字")
    page = text(client.get(f"/zfxxgk/xtxsfj/xxgk/{first.pk}/"))
    assert "更正原因：错别字" in page and client.get(f"/zfxxgk/xtxsfj/xxgk/{first.pk}/v1/").status_code == 200


def test_a_superseded_version_of_a_withdrawn_series_is_not_served(client, agency, columns):
    first = make_pub(agency, columns["gzdt"], "先更正后撤回", body="<p>第一版正文</p>")
    second = kit.correct(first)
    kit.withdraw(second, reason="整体撤回")
    for suffix in ("", "v1/", "v2/"):
        response = client.get(url(first, suffix))
        assert response.status_code == 410 and "第一版正文" not in text(response)
        assert "撤回原因：整体撤回" in text(response)


def test_another_agencys_id_and_nonsense_are_404(client, agency, columns, other):
    mine = make_pub(agency, columns["gzdt"], "本机关信息")
    theirs = make_pub(other, other.columns.get(code="gzdt"), "他机关信息")
    assert client.get(f"/zfxxgk/xtxzrzyj/xxgk/{mine.pk}/").status_code == 404
    assert client.get(f"/zfxxgk/xtxsfj/xxgk/{theirs.pk}/").status_code == 404
    assert client.get(f"/zfxxgk/xtxzrzyj/xxgk/{theirs.pk}/").status_code == 200
    for path in ("/zfxxgk/xtxsfj/xxgk/999999/", "/zfxxgk/nosuch/xxgk/1/", "/zfxxgk/xtxsfj/xxgk/abc/", "/zfxxgk/xtxsfj/xxgk/-1/",
                 f"/zfxxgk/xtxsfj/xxgk/{mine.pk}/v0/", f"/zfxxgk/xtxsfj/xxgk/{mine.pk}/vx/", f"/zfxxgk/xtxsfj/xxgk/{mine.pk}/fj/999/"):
        assert client.get(path).status_code == 404, path


def test_a_title_with_markup_is_escaped_and_only_the_body_is_html(client, agency, columns):
    evil = '<script>alert("x")</script>通知'
    pub = make_pub(agency, columns["gzdt"], evil, doc_number="<b>号</b>", index_number="<i>索引</i>",
                   body="<p><strong>加粗</strong></p>")
    older = make_pub(agency, columns["gzdt"], "<img src=x onerror=alert(1)>", published_on=date(2025, 6, 1))
    pages = [text(client.get(url(pub))), text(client.get(url(older))), text(client.get("/zfxxgk/xtxsfj/")),
             text(client.get("/zfxxgk/xtxsfj/lm/gzdt/"))]
    for page in pages:
        assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;通知" in pages[0]
    assert "&lt;b&gt;号&lt;/b&gt;" in pages[0] and "&lt;i&gt;索引&lt;/i&gt;" in pages[0]
    assert "<p><strong>加粗</strong></p>" in pages[0]
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages[0]  # 上一篇


def test_previous_and_next_are_the_neighbours_in_the_same_column(client, agency, columns):
    a = make_pub(agency, columns["gzdt"], "第一条动态", published_on=date(2025, 6, 1))
    b = make_pub(agency, columns["gzdt"], "第二条动态", published_on=date(2025, 6, 2))
    c = make_pub(agency, columns["gzdt"], "第三条动态", published_on=date(2025, 6, 3))
    make_pub(agency, columns["jgzn"], "别的栏目", published_on=date(2025, 6, 2))
    make_pub(agency, columns["gzdt"], "草稿动态", state=PubState.DRAFT)
    page = text(client.get(url(b)))
    assert f'上一篇：<a href="/zfxxgk/xtxsfj/xxgk/{a.pk}/" rel="prev">第一条动态</a>' in page
    assert f'下一篇：<a href="/zfxxgk/xtxsfj/xxgk/{c.pk}/" rel="next">第三条动态</a>' in page
    assert "别的栏目" not in page and "草稿动态" not in page
    assert "下一篇：" not in text(client.get(url(c))) and "上一篇：" not in text(client.get(url(a)))


def test_get_and_head_are_allowed_nothing_else(client, agency, columns):
    pub = make_pub(agency, columns["gzdt"])
    assert client.post(url(pub)).status_code == 405
    for path in (url(pub), "/zfxxgk/", "/zfxxgk/xtxsfj/", "/zfxxgk/xtxsfj/lm/gzdt/"):
        assert client.head(path).status_code == 200, path  # link checkers ask HEAD
