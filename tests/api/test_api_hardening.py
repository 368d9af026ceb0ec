"""Hostile requests to the API: every one is a clear 4xx with a Chinese JSON ``detail``, never a
500, and nothing is stored. Runs on SQLite and on PostgreSQL (where NUL in a query was a 500)."""
from __future__ import annotations

import json

import pytest

from zfxxgk.cases.models import Application

pytestmark = pytest.mark.django_db


def _json_error(r, status: int) -> str:
    assert r.status_code == status, r.content
    assert r["Content-Type"].startswith("application/json")
    return r.json()["detail"]


def _status(client, data, **extra):
    return client.post("/api/status", data, content_type="application/json", **extra)


@pytest.mark.parametrize("url", [
    "/api/agencies/xtxsfj/applications?state=%00",
    "/api/agencies/xtxsfj/applications?state=processing%00",
    "/api/agencies/xtx%00sfj/applications",
    "/api/agencies/xtxsfj/applications/%E4%BE%9D%00",
    "/api/agencies/xtxsfj/applications/export?format=csv&state=%00",
])
def test_nul_in_url_is_400_json(client, token_a, bearer, url):
    assert "空字符" in _json_error(client.get(url, **bearer(token_a)), 400)


def test_nul_in_a_body_is_422_and_stores_nothing(create, token_a):
    for field in ("applicant_name", "description", "address", "id_number"):
        detail = _json_error(create(token_a, **{field: "张\x00三"}), 422)
        assert "U+0000" in detail
    assert Application.objects.count() == 0


@pytest.mark.parametrize("text, words", [
    ("张\u202e三", "改变文字显示方向"),
    ("张\ufffe三", "U+FFFE"),
    ("张\uffff三", "U+FFFF"),
    ("\u200b\u3164 ", "只包含空白或不可见字符"),
])
def test_hostile_names_are_refused(create, token_a, text, words):
    assert words in _json_error(create(token_a, applicant_name=text), 422)
    assert Application.objects.count() == 0


def test_zero_width_characters_are_dropped(create, token_a):
    r = create(token_a, applicant_name="张\u200b三丰\ufeff")
    assert r.status_code == 201
    assert Application.objects.get().applicant_name == "张三丰"


def test_description_is_capped_like_the_portal(create, token_a):
    assert "最多 2000 个字符" in _json_error(create(token_a, description="信" * 2001), 422)
    assert create(token_a, description="信" * 2000).status_code == 201


@pytest.mark.parametrize("query", [
    "offset=99999999999999999999", "offset=2147483648", "offset=-1", "year=99999", "year=0",
    "limit=0", "limit=100000", "year=abc",
])
def test_integers_out_of_range_are_422(client, token_a, bearer, query):
    detail = _json_error(client.get(f"/api/agencies/xtxsfj/applications?{query}", **bearer(token_a)), 422)
    assert detail.startswith("请求数据有误")


def test_largest_offset_still_answers(client, token_a, bearer):
    r = client.get("/api/agencies/xtxsfj/applications?offset=2147483647", **bearer(token_a))
    assert r.status_code == 200 and r.json()["items"] == []


def test_oversized_body_is_413_json(client, token_a, bearer, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = json.dumps({"applicant_kind": "natural_person", "description": "x" * 20_000})
    r = client.post("/api/applications", body, content_type="application/json", **bearer(token_a))
    assert "请求体过大" in _json_error(r, 413)
    assert Application.objects.count() == 0


def test_status_lookup_is_a_post_only(client):
    r = client.get("/api/status", {"number": "1", "code": "ABCDEFGHJKLM"})
    assert r.status_code == 405


def test_garbage_lookups_are_counted_by_the_throttle(client, create, token_a, settings):
    settings.ZFXXGK_LOOKUP_FAILURES = 3
    body = create(token_a).json()
    for _ in range(3):
        assert "U+0000" in _json_error(_status(client, {"number": "1\x00", "code": "X"}), 422)
    good = {"number": body["number"], "code": body["query_code"]}
    assert _status(client, good).status_code == 429


def test_lookup_body_must_be_an_object(client):
    assert _status(client, "[1, 2]").status_code == 422
    assert _status(client, "{not json").status_code == 400


def test_case_errors_keep_their_status(create, token_a, today):
    future = today.replace(year=today.year + 1).isoformat()
    assert "不能晚于今天" in _json_error(create(token_a, submitted_on=future), 422)


def test_api_answers_are_never_cached(client, create, token_a, bearer):
    body = create(token_a).json()
    r = _status(client, {"number": body["number"], "code": body["query_code"]})
    assert r.status_code == 200 and "no-store" in r["Cache-Control"]
    listing = client.get("/api/agencies/xtxsfj/applications", **bearer(token_a))
    assert "no-store" in listing["Cache-Control"]


@pytest.mark.parametrize("method, url, status", [
    ("get", "/api/status", 405), ("delete", "/api/applications", 405), ("get", "/api/no-such-thing", 404),
])
def test_errors_before_any_handler_are_json_too(client, method, url, status):
    r = getattr(client, method)(url)
    detail = _json_error(r, status)
    assert detail and not detail.isascii()
    if status == 405:
        assert "POST" in detail and r["Allow"]


def test_validation_messages_name_the_field_once(client):
    detail = _json_error(_status(client, {"number": "1\x00", "code": "X"}), 422)
    assert detail.startswith("请求数据有误：依申请公开编号（number）：此项含有") and "。。" not in detail


def test_portal_and_api_share_one_count_of_failed_lookups(client, create, token_a, settings):
    """Guessing codes through the API does not buy a second budget on the portal's page, nor back."""
    settings.ZFXXGK_LOOKUP_FAILURES = 2
    body = create(token_a).json()
    for _ in range(2):
        assert _status(client, {"number": body["number"], "code": "WRONGWRONG22"}).status_code == 404
    page = client.post("/status/", {"number": body["number"], "code": body["query_code"]})
    assert page.status_code == 429 and "查询失败次数过多" in page.content.decode()
    api = _status(client, {"number": body["number"], "code": body["query_code"]})
    assert api.status_code == 429 and api.json()["detail"] == page.context["error"]
