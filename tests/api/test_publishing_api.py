"""The 主动公开 routes: public reads show 已发布 only (404 for what is not public, 410 for what was
withdrawn), the catalogue and registry count public things, and the staff list is for the agency's
readers alone. Nothing of a draft, a pending, an approved-unpublished or a withdrawn item — its body,
its attachment, or (on a public route) even its title — leaves through any route."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile

from zfxxgk.agencies.models import Agency, Membership, Role
from zfxxgk.api.models import ApiToken
from zfxxgk.publishing import search
from zfxxgk.publishing.columns import ensure_catalogue
from zfxxgk.publishing.models import Attachment, Column, DocKind, NormativeDocument, Publication, PubState

pytestmark = pytest.mark.django_db

# Words that only non-public versions hold, in titles, bodies and attachments.
HIDDEN = ("草稿机密甲", "审核中机密乙", "待发布机密丙", "撤回机密丁", "更正中机密戊", "旧附件机密己")


def _bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def make(agency, column: str, title: str, *, state=PubState.PUBLISHED, published_on=None, body="", version=1,
         series=None, **fields) -> Publication:
    """A row as the services leave it (the API only reads; tests/publishing covers the acts)."""
    col = Column.objects.get(agency=agency, code=column)
    public_day = published_on if state in (PubState.PUBLISHED, PubState.SUPERSEDED, PubState.WITHDRAWN) else None
    return Publication.objects.create(
        agency=agency, column=col, title=title, body=f"<p>{body or title}</p>", body_text=body or title,
        written_on=fields.pop("written_on", (public_day or date(2025, 6, 20))), published_on=public_day,
        state=state, version=version, series=series, index_number=fields.pop("index_number", f"{agency.code}/{title[:4]}"),
        **fields)


def attach(pub: Publication, name: str, text: str) -> Attachment:
    data = text.encode()
    return Attachment.objects.create(publication=pub, file=ContentFile(data, name=name), original_name=name,
                                     content_type="text/plain", size=len(data), text=text)


@pytest.fixture
def world(county, agency):
    """司法局 (agency) with one item in every state; 教育局 beside it with one public item."""
    ensure_catalogue(agency)
    other = Agency.objects.create(name="湘潭县教育局", code="xtxjyj", parent=county)
    ensure_catalogue(other)
    w = {"agency": agency, "other": other}
    w["news"] = make(agency, "gzdt", "县司法局开展法治宣传进社区活动", published_on=date(2025, 6, 10), body="普法宣传走进易俗河镇")
    w["norm"] = make(agency, "gfxwj", "湘潭县司法局关于规范法律援助工作的通知", published_on=date(2024, 9, 3),
                     doc_number="湘县司发〔2024〕5号", body="法律援助申请审查办法")
    attach(w["norm"], "法律援助办法.txt", "法律援助经费")
    w["budget"] = make(agency, "czxx", "湘潭县司法局2025年部门预算", published_on=date(2025, 3, 1), body="部门预算公开")
    # a corrected series: v1 superseded (first version's series points at itself), v2 public
    v1 = make(agency, "gzdt", "2024年法治政府建设情况报告", published_on=date(2025, 2, 1), body="初版报告",
              state=PubState.SUPERSEDED)
    v1.series = v1
    v1.save(update_fields=["series"])
    attach(v1, "报告初版.txt", "初版附件")
    w["v1"] = v1
    w["v2"] = make(agency, "gzdt", "2024年法治政府建设情况报告", published_on=date(2025, 3, 5), body="更正后的报告",
                   version=2, series=v1, correction_reason="第三部分数字有误")
    attach(w["v2"], "报告.txt", "更正后的附件")
    # a public item whose correction is being drafted: the draft's words stay hidden
    w["live"] = make(agency, "ghjh", "湘潭县司法局2025年工作计划", published_on=date(2025, 1, 15), body="年度工作计划")
    w["correcting"] = make(agency, "ghjh", "湘潭县司法局2025年工作计划（更正中机密戊）", state=PubState.DRAFT, version=2,
                           series=w["live"], body="更正中机密戊的正文", correction_reason="更正中机密戊")
    attach(w["correcting"], "计划.txt", "旧附件机密己")
    w["draft"] = make(agency, "gzdt", "草稿机密甲通知", state=PubState.DRAFT, body="草稿机密甲正文")
    w["pending"] = make(agency, "gzdt", "审核中机密乙通知", state=PubState.PENDING, body="审核中机密乙正文")
    w["approved"] = make(agency, "gzdt", "待发布机密丙通知", state=PubState.APPROVED, body="待发布机密丙正文")
    w["withdrawn"] = make(agency, "gzdt", "关于某项目的公示", state=PubState.WITHDRAWN, published_on=date(2025, 5, 5),
                          body="撤回机密丁正文", withdrawn_reason="公示内容含有个人信息，已撤回",
                          withdrawn_at=datetime(2025, 6, 2, 2, 0, tzinfo=timezone.utc))
    attach(w["withdrawn"], "公示.txt", "撤回机密丁附件")
    w["elsewhere"] = make(other, "gzdt", "县教育局召开开学工作会议", published_on=date(2025, 2, 20), body="开学工作")
    for pub in Publication.objects.all():
        search.update(pub)  # what the services do on every change of state
    return w


def _no_leak(text: str) -> None:
    for word in HIDDEN:
        assert word not in text, word


# --- the list ---------------------------------------------------------------------------------------

def test_list_shows_public_items_only_newest_first(client, world):
    r = client.get("/api/publications")
    assert r.status_code == 200, r.content
    body = r.json()
    titles = [i["title"] for i in body["items"]]
    assert titles == ["县司法局开展法治宣传进社区活动", "2024年法治政府建设情况报告", "湘潭县司法局2025年部门预算",
                      "县教育局召开开学工作会议", "湘潭县司法局2025年工作计划", "湘潭县司法局关于规范法律援助工作的通知"]
    assert body["count"] == 6 and body["limit"] == 20 and body["offset"] == 0
    corrected = body["items"][1]
    assert corrected["id"] == world["v1"].pk and corrected["version"] == 2 and corrected["corrected"] is True
    assert corrected["url"] == f"http://testserver/zfxxgk/xtxsfj/xxgk/{world['v1'].pk}/"
    news = body["items"][0]
    assert news["agency"] == {"code": "xtxsfj", "name": "湘潭县司法局"}
    assert news["column"] == {"code": "gzdt", "name": "工作动态", "path": ["工作动态"]}
    assert news["snippet_html"] is None and news["published_on"] == "2025-06-10"
    norm = next(i for i in body["items"] if i["doc_number"])
    assert norm["column"]["path"] == ["法定主动公开内容", "规范性文件"]
    _no_leak(r.content.decode())


def test_list_filters(client, world):
    def titles(query: str) -> list[str]:
        r = client.get(f"/api/publications?{query}")
        assert r.status_code == 200, r.content
        _no_leak(r.content.decode())
        return [i["title"] for i in r.json()["items"]]

    assert titles("agency=xtxjyj") == ["县教育局召开开学工作会议"]
    assert len(titles("agency=xtxsfj")) == 5
    assert titles("agency=xtxsfj&column=czxx") == ["湘潭县司法局2025年部门预算"]
    # a column counts its sub-columns; without an agency, every agency's column of that code
    assert titles("agency=xtxsfj&column=fdzdgknr") == ["湘潭县司法局2025年部门预算", "湘潭县司法局2025年工作计划",
                                                       "湘潭县司法局关于规范法律援助工作的通知"]
    assert titles("column=gzdt") == ["县司法局开展法治宣传进社区活动", "2024年法治政府建设情况报告", "县教育局召开开学工作会议"]
    assert titles("year=2024") == ["湘潭县司法局关于规范法律援助工作的通知"]
    assert titles("year=2025&agency=xtxjyj") == ["县教育局召开开学工作会议"]
    assert titles("year=2023") == []


def test_list_pages(client, world):
    first = client.get("/api/publications?limit=2").json()
    second = client.get("/api/publications?limit=2&offset=2").json()
    assert first["count"] == second["count"] == 6
    assert [i["title"] for i in first["items"]] == ["县司法局开展法治宣传进社区活动", "2024年法治政府建设情况报告"]
    assert [i["title"] for i in second["items"]] == ["湘潭县司法局2025年部门预算", "县教育局召开开学工作会议"]
    assert client.get("/api/publications?offset=2147483647").json()["items"] == []


@pytest.mark.parametrize("query, words", [
    ("limit=0", "每页条数（limit）"), ("limit=101", "应不大于 100"), ("offset=-1", "偏移量（offset）"),
    ("year=abc", "应为整数"), ("year=2007", "应不小于 2008"), ("year=2026", "不能晚于今年"),
    ("agency=nosuch", "没有编号代码为“nosuch”的机关"), ("agency=xtxjyj&column=nosuch", "湘潭县教育局没有栏目代码为“nosuch”的栏目"),
    ("column=nosuch", "没有任何机关有栏目代码为“nosuch”的栏目"), ("q=" + "法" * 51, "最多 50 个字符"),
    ("q=%E2%80%AE%E6%B3%95", "检索词（q）：此项含有改变文字显示方向的控制符"),
])
def test_bad_list_input_is_422_in_chinese(client, world, query, words):
    r = client.get(f"/api/publications?{query}")
    assert r.status_code == 422, r.content
    assert r["Content-Type"].startswith("application/json")
    detail = r.json()["detail"]
    assert detail.startswith("请求数据有误：") and words in detail, detail


def test_full_text_search_over_public_items_only(client, world):
    def found(query: str) -> list[tuple[int, str]]:
        r = client.get(f"/api/publications?{query}")
        assert r.status_code == 200, r.content
        _no_leak(r.content.decode())
        return [(i["id"], i["title"]) for i in r.json()["items"]]

    norm = world["norm"]
    body = client.get("/api/publications?q=法律援助").json()
    assert body["count"] == 1 and body["items"][0]["id"] == norm.pk
    assert "<mark>法律援助</mark>" in body["items"][0]["snippet_html"]
    assert found("q=法律援助经费") == [(norm.pk, norm.title)]  # the attachment's text
    assert found("q=更正后的附件") == [(world["v1"].pk, "2024年法治政府建设情况报告")]  # the series' id
    for hidden in ("初版报告", "初版附件", *HIDDEN):  # superseded, draft, pending, approved, withdrawn
        assert found(f"q={hidden}") == []
    assert found("q=工作&agency=xtxjyj") == [(world["elsewhere"].pk, "县教育局召开开学工作会议")]
    assert found("q=计划&agency=xtxsfj&column=fdzdgknr") == [(world["live"].pk, "湘潭县司法局2025年工作计划")]
    assert found("q=计划&agency=xtxsfj&column=gzdt") == []
    assert found("q=法律援助&year=2025") == []


def test_search_pages_like_the_list(client, world):
    everything = client.get("/api/publications?q=县").json()
    assert everything["count"] == 5  # every public title but the 法治政府建设 report's
    ids = [i["id"] for i in everything["items"]]
    for limit, offset in ((1, 0), (2, 1), (3, 2), (4, 3), (5, 5)):
        page = client.get(f"/api/publications?q=县&limit={limit}&offset={offset}").json()
        assert page["count"] == 5 and [i["id"] for i in page["items"]] == ids[offset:offset + limit], (limit, offset)
    far = client.get("/api/publications?q=县&limit=1&offset=2147483647").json()
    assert far["count"] == 5 and far["items"] == []


def test_parameters_are_named_in_chinese_for_the_422_messages():
    from zfxxgk.api.publishing_schemas import label_of

    assert label_of("year", "/api/publications") == "年度（year）"
    assert label_of("q", "/api/publications") == "检索词（q）"
    assert label_of("year", "/api/agencies/xtxsfj/registry") == "年度（year）"
    assert label_of("id", "/api/publications/abc") == "信息编号（id）"
    assert label_of("year", "/api/agencies/xtxsfj/applications") is None  # the applications' own 编号年度


def test_nul_in_the_query_is_400_json(client, world):
    r = client.get("/api/publications?q=%00")
    assert r.status_code == 400 and "空字符" in r.json()["detail"]


# --- one publication -----------------------------------------------------------------------------

def test_detail_of_a_public_item(client, world):
    norm = world["norm"]
    r = client.get(f"/api/publications/{norm.pk}")
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["title"] == norm.title and body["doc_number"] == "湘县司发〔2024〕5号"
    assert body["body_html"] == "<p>法律援助申请审查办法</p>" and body["body_text"] == "法律援助申请审查办法"
    assert body["versions"] == [{"version": 1, "published_on": "2024-09-03", "correction_reason": "", "current": True,
                                 "url": f"http://testserver/zfxxgk/xtxsfj/xxgk/{norm.pk}/"}]
    [att] = body["attachments"]
    assert att["name"] == "法律援助办法.txt" and att["size"] == len("法律援助经费".encode())
    assert att["url"] == f"http://testserver/zfxxgk/xtxsfj/xxgk/{norm.pk}/fj/{att['id']}/"


def test_detail_of_a_corrected_series_and_its_older_version(client, world):
    series = world["v1"].pk
    body = client.get(f"/api/publications/{series}").json()
    assert body["id"] == series and body["version"] == 2 and body["corrected"] is True
    assert body["correction_reason"] == "第三部分数字有误" and body["body_text"] == "更正后的报告"
    assert [a["name"] for a in body["attachments"]] == ["报告.txt"]
    assert [(v["version"], v["current"]) for v in body["versions"]] == [(1, False), (2, True)]
    assert body["versions"][0]["url"].endswith(f"/xxgk/{series}/v1/")
    old = client.get(f"/api/publications/{series}?version=1").json()
    assert old["version"] == 1 and old["body_text"] == "初版报告" and old["published_on"] == "2025-02-01"
    assert old["attachments"][0]["url"].endswith(f"/xxgk/{series}/fj/{old['attachments'][0]['id']}/")
    assert client.get(f"/api/publications/{series}?version=3").status_code == 404
    # the later version's own row id is not a series: 404, not a second address for it
    assert client.get(f"/api/publications/{world['v2'].pk}").status_code == 404


def test_every_address_given_is_a_public_page_or_file(client, world):
    """The API's urls are the public site's own: each answers 200 (the file's bytes for attachments)."""
    for pub in ("norm", "v1", "live", "news"):
        body = client.get(f"/api/publications/{world[pub].pk}").json()
        for version in body["versions"]:
            assert client.get(version["url"]).status_code == 200, version
            old = client.get(f"/api/publications/{world[pub].pk}?version={version['version']}").json()
            for att in old["attachments"]:
                r = client.get(att["url"])
                assert r.status_code == 200, att
                assert b"".join(r.streaming_content).decode() in ("法律援助经费", "初版附件", "更正后的附件")
    listing = client.get("/api/publications?limit=100").json()
    assert all(client.get(i["url"]).status_code == 200 for i in listing["items"])
    catalogue = client.get("/api/agencies/xtxsfj/catalogue").json()
    assert client.get(catalogue["columns"][0]["url"]).status_code == 200


def test_a_correction_being_drafted_stays_hidden(client, world):
    live = world["live"]
    r = client.get(f"/api/publications/{live.pk}")
    assert r.status_code == 200 and r.json()["version"] == 1 and r.json()["body_text"] == "年度工作计划"
    assert [v["version"] for v in r.json()["versions"]] == [1]
    _no_leak(r.content.decode())
    assert client.get(f"/api/publications/{live.pk}?version=2").status_code == 404


@pytest.mark.parametrize("name", ["draft", "pending", "approved", "correcting"])
def test_not_public_is_404(client, world, name):
    r = client.get(f"/api/publications/{world[name].pk}")
    assert r.status_code == 404, r.content
    assert r.json()["detail"] == "未找到该公开信息：编号不存在，或该信息尚未公开。"
    _no_leak(r.content.decode())


def test_withdrawn_is_410_with_date_and_reason_never_the_body(client, world):
    pub = world["withdrawn"]
    r = client.get(f"/api/publications/{pub.pk}")
    assert r.status_code == 410, r.content
    body = r.json()
    assert body == {"detail": "该信息已于2025年6月2日撤回，不再公开。撤回原因：公示内容含有个人信息，已撤回",
                    "id": pub.pk, "title": "关于某项目的公示", "withdrawn_on": "2025-06-02",
                    "reason": "公示内容含有个人信息，已撤回"}
    assert client.get(f"/api/publications/{pub.pk}?version=1").status_code == 410


def test_a_withdrawn_correction_withdraws_the_series(client, world):
    v2 = world["v2"]
    Publication.objects.filter(pk=v2.pk).update(state=PubState.WITHDRAWN, withdrawn_reason="整体撤回")
    r = client.get(f"/api/publications/{world['v1'].pk}")
    assert r.status_code == 410 and r.json()["reason"] == "整体撤回" and "初版报告" not in r.content.decode()
    assert client.get(f"/api/publications/{world['v1'].pk}?version=1").status_code == 410


@pytest.mark.parametrize("path", ["0", "-1", "abc", "2147483648"])
def test_bad_ids_are_4xx_json(client, world, path):
    r = client.get(f"/api/publications/{path}")
    assert r.status_code in (404, 422) and r.json()["detail"]


def test_unknown_id_is_404(client, world):
    assert client.get("/api/publications/999999").status_code == 404


# --- the catalogue --------------------------------------------------------------------------------

def test_catalogue_counts_public_items_per_column(client, world):
    r = client.get("/api/agencies/xtxsfj/catalogue")
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["agency"]["name"] == "湘潭县司法局" and body["total"] == 5
    top = {c["code"]: c for c in body["columns"]}
    assert list(top) == ["gkzn", "gkzd", "jgzn", "fdzdgknr", "gzdt", "ndbg"]
    assert top["gzdt"]["count"] == top["gzdt"]["total"] == 2  # the draft, pending, approved and withdrawn ones are not counted
    legal = top["fdzdgknr"]
    assert legal["count"] == 0 and legal["total"] == 3
    assert {c["code"]: c["count"] for c in legal["children"]} == {
        "gz": 0, "gfxwj": 1, "ghjh": 1, "czxx": 1, "rsxx": 0, "xzzf": 0, "zdlyxx": 0}
    assert next(c for c in legal["children"] if c["code"] == "gfxwj")["kind"] == "normative"
    assert top["gzdt"]["url"] == "http://testserver/zfxxgk/xtxsfj/lm/gzdt/"
    _no_leak(r.content.decode())


def test_catalogue_of_an_unknown_agency_is_404(client, world):
    r = client.get("/api/agencies/nosuch/catalogue")
    assert r.status_code == 404 and r.json()["detail"]


# --- the registry --------------------------------------------------------------------------------

@pytest.fixture
def documents(world):
    agency = world["agency"]

    def doc(number, issued, **kw):
        return NormativeDocument.objects.create(agency=agency, doc_number=number, title=f"关于{number}的通知", issued_on=issued, **kw)

    doc("湘县司发〔2022〕1号", date(2022, 3, 1), repealed_on=date(2024, 6, 1))
    doc("湘县司发〔2023〕2号", date(2023, 4, 1), expires_on=date(2025, 4, 1))
    doc("湘县司发〔2024〕5号", date(2024, 9, 3), publication=world["norm"])
    doc("湘县司发〔2025〕1号", date(2025, 5, 1), effective_on=date(2025, 8, 1))
    doc("湘县司发〔2025〕9号", date(2025, 6, 29), publication=world["draft"])
    NormativeDocument.objects.create(agency=agency, kind=DocKind.REGULATION, doc_number="县政府令第1号",
                                     title="湘潭县某规章", issued_on=date(2024, 1, 10))
    return agency


def test_registry_of_a_past_year_is_as_on_31_december(client, documents):
    r = client.get("/api/agencies/xtxsfj/registry?year=2024")
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["year"] == 2024 and body["as_of"] == "2024-12-31"
    status = {e["doc_number"]: e["status"] for e in body["entries"]}
    assert status == {"湘县司发〔2022〕1号": "repealed", "湘县司发〔2023〕2号": "in_force",
                      "湘县司发〔2024〕5号": "in_force", "县政府令第1号": "in_force"}
    entry = next(e for e in body["entries"] if e["doc_number"] == "湘县司发〔2024〕5号")
    assert entry["url"] == f"http://testserver/zfxxgk/xtxsfj/xxgk/{documents.publications.get(doc_number='湘县司发〔2024〕5号').pk}/"
    assert entry["status_label"] == "现行有效" and entry["kind_label"] == "行政规范性文件"
    assert [row["path"] for row in body["table2"]] == [
        "active.regulations.made", "active.regulations.repealed", "active.regulations.in_force",
        "active.normative_documents.made", "active.normative_documents.repealed", "active.normative_documents.in_force"]
    assert body["table2"][3]["label"] == "行政规范性文件·本年制发件数"


def test_registry_table2_is_the_registry_helpers(client, documents):
    from zfxxgk.publishing import registry

    body = client.get("/api/agencies/xtxsfj/registry?year=2024").json()
    assert {row["path"]: row["value"] for row in body["table2"]} == registry.table2(documents, 2024)


def test_registry_of_this_year_is_as_of_today(client, documents):
    body = client.get("/api/agencies/xtxsfj/registry").json()
    assert body["year"] == 2025 and body["as_of"] == "2025-06-30"
    status = {e["doc_number"]: e["status"] for e in body["entries"]}
    assert status["湘县司发〔2023〕2号"] == "expired" and status["湘县司发〔2025〕1号"] == "not_yet"
    # a document whose publication is a draft is listed, without an address
    assert next(e for e in body["entries"] if e["doc_number"] == "湘县司发〔2025〕9号")["url"] is None
    _no_leak(client.get("/api/agencies/xtxsfj/registry").content.decode())


@pytest.mark.parametrize("query, status", [("year=2026", 422), ("year=2007", 422), ("year=x", 422)])
def test_registry_bad_year(client, documents, query, status):
    r = client.get(f"/api/agencies/xtxsfj/registry?{query}")
    assert r.status_code == status and r.json()["detail"].startswith("请求数据有误")


def test_registry_of_an_unknown_agency_is_404(client, world):
    assert client.get("/api/agencies/nosuch/registry").status_code == 404


# --- staff: what is not public yet ------------------------------------------------------------------

@pytest.fixture
def token(world):
    return ApiToken.issue(world["agency"], "OA 系统")[1]


def test_staff_list_for_the_agencys_token_has_no_body(client, world, token):
    r = client.get("/api/agencies/xtxsfj/publications", **_bearer(token))
    assert r.status_code == 200, r.content
    body = r.json()
    assert {i["state"] for i in body["items"]} == {"draft", "pending", "approved"} and body["count"] == 4
    text = r.content.decode()
    for word in ("草稿机密甲正文", "审核中机密乙正文", "待发布机密丙正文", "更正中机密戊的正文", "旧附件机密己", "撤回机密丁"):
        assert word not in text  # titles are the staff's own business; bodies are in no API answer
    correcting = next(i for i in body["items"] if i["version"] == 2)
    assert correcting["series"] == world["live"].pk and correcting["state_label"] == "草稿"
    draft = next(i for i in body["items"] if i["id"] == world["draft"].pk)
    assert draft["due_on"] == "2025-07-18" and draft["late"] is False and draft["waiting_for"] is None
    assert draft["column"]["code"] == "gzdt"
    pending = client.get("/api/agencies/xtxsfj/publications?state=pending", **_bearer(token)).json()
    assert [i["title"] for i in pending["items"]] == ["审核中机密乙通知"]


def test_staff_list_names_the_role_a_pending_item_waits_for(client, world, token):
    from zfxxgk.approvals import services as approvals
    from zfxxgk.approvals.models import Kind

    clerk = User.objects.create_user("jb")
    Membership.objects.create(user=clerk, agency=world["agency"], role=Role.CLERK)
    approvals.submit(world["pending"], kind=Kind.PUBLICATION, agency=world["agency"], user=clerk,
                     steps=["head", "leader"], title=world["pending"].title)
    [item] = client.get("/api/agencies/xtxsfj/publications?state=pending", **_bearer(token)).json()["items"]
    assert item["waiting_for"] == "政府信息公开工作机构负责人"


def test_staff_list_for_signed_in_readers_only(client, world):
    reader = User.objects.create_user("fzr")
    Membership.objects.create(user=reader, agency=world["agency"], role=Role.HEAD)
    outsider = User.objects.create_user("other")
    Membership.objects.create(user=outsider, agency=world["other"], role=Role.HEAD)
    supervisor = User.objects.create_user("jiandu")
    Membership.objects.create(user=supervisor, agency=world["agency"].parent, role=Role.SUPERVISOR)
    for user, status in ((reader, 200), (supervisor, 200), (outsider, 403)):
        client.force_login(user)
        r = client.get("/api/agencies/xtxsfj/publications")
        assert r.status_code == status, (user, r.content)
    assert "无权查看" in r.json()["detail"]
    client.logout()
    assert client.get("/api/agencies/xtxsfj/publications").status_code == 401


def test_staff_list_refuses_other_agencies_and_bad_tokens(client, world, token):
    other = ApiToken.issue(world["other"], "OA 系统")[1]
    r = client.get("/api/agencies/xtxsfj/publications", **_bearer(other))
    assert r.status_code == 403 and "只能访问本机关" in r.json()["detail"]
    assert client.get("/api/agencies/xtxsfj/publications", **_bearer("zfx_wrong")).status_code == 401
    r = client.get("/api/agencies/xtxjyj/publications", **_bearer(other))
    assert r.status_code == 200 and r.json()["items"] == []  # 教育局 has nothing in progress
    assert client.get("/api/agencies/xtxsfj/publications?state=published", **_bearer(token)).status_code == 422


# --- every route at once ------------------------------------------------------------------------

def test_no_route_leaks_what_is_not_public(client, world, documents):
    ids = [p.pk for p in Publication.objects.all()]
    urls = ["/api/publications", "/api/publications?limit=100", "/api/agencies/xtxsfj/catalogue",
            "/api/agencies/xtxsfj/registry", "/api/agencies/xtxsfj/registry?year=2024",
            *(f"/api/publications?column={c}" for c in Column.objects.values_list("code", flat=True).distinct()),
            *(f"/api/publications/{pk}" for pk in ids), *(f"/api/publications/{pk}?version={v}" for pk in ids for v in (1, 2))]
    for url in urls:
        r = client.get(url)
        assert r.status_code in (200, 404, 410), (url, r.status_code)
        _no_leak(r.content.decode())


def test_openapi_documents_the_routes_in_chinese(client):
    doc = client.get("/api/openapi.json").json()
    paths = {"/api/publications", "/api/publications/{id}", "/api/agencies/{code}/catalogue",
             "/api/agencies/{code}/registry", "/api/agencies/{code}/publications"}
    assert paths <= set(doc["paths"])
    for path in paths:
        operation = doc["paths"][path]["get"]
        assert not operation["summary"].isascii() and not operation["description"].isascii()
        for status, response in operation["responses"].items():
            assert not response["description"].isascii(), (path, status)
    assert doc["paths"]["/api/publications/{id}"]["get"]["responses"]["410"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/WithdrawnOut"}
    assert "security" not in doc["paths"]["/api/publications"]["get"]
    assert doc["paths"]["/api/agencies/{code}/publications"]["get"]["security"] == [{"TokenAuth": []}, {"SessionAuth": []}]
    schemas = doc["components"]["schemas"]
    assert "body_html" in schemas["PublicationDetail"]["properties"] and "body_html" not in schemas["WorkItem"]["properties"]
