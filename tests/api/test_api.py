import csv
import hashlib
import io
import json
import logging
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client

from zfxxgk.agencies.models import Agency, Membership, Role
from zfxxgk.api.models import ApiToken
from zfxxgk.cases import services
from zfxxgk.cases.models import Application

pytestmark = pytest.mark.django_db

TOKEN_PATHS = [
    ("get", "/api/agencies/{code}/applications"),
    ("get", "/api/agencies/{code}/applications/export?format=csv"),
    ("get", "/api/agencies/{code}/applications/{number}"),
    ("post", "/api/applications"),
]


def _call(client, method, path, code="xtxsfj", number="x", **extra):
    url = path.format(code=code, number=number)
    if method == "post":
        return client.post(url, "{}", content_type="application/json", **extra)
    return client.get(url, **extra)


# --- documentation ---------------------------------------------------------------------------------

def test_openapi_lists_every_path_and_docs_render(client):
    r = client.get("/api/openapi.json")
    assert r.status_code == 200
    doc = r.json()
    assert set(doc["paths"]) == {
        "/api/applications", "/api/status", "/api/agencies/{code}/applications",
        "/api/agencies/{code}/applications/export", "/api/agencies/{code}/applications/{number}",
        "/api/agencies/{code}/annual/{year}", "/api/counties/{code}/annual/{year}/totals",
        "/api/publications", "/api/publications/{id}", "/api/agencies/{code}/catalogue",
        "/api/agencies/{code}/registry", "/api/agencies/{code}/publications",
    }
    assert doc["paths"]["/api/applications"]["post"]["security"] == [{"TokenAuth": []}]
    assert "security" not in doc["paths"]["/api/status"]["post"] and "get" not in doc["paths"]["/api/status"]
    assert doc["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    params = {p["name"] for p in doc["paths"]["/api/agencies/{code}/applications/export"]["get"]["parameters"]}
    assert {"format", "year", "state"} <= params
    assert client.get("/api/docs").status_code == 200


def _status(client, data: dict, **extra):
    """The public lookup: number and code in a JSON body, never in the URL."""
    return client.post("/api/status", data, content_type="application/json", **extra)


# --- create → status -------------------------------------------------------------------------------

def test_create_then_status_round_trip(client, create, token_a, today, personal):
    r = create(token_a)
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["number"] == f"依申〔{today.year}〕1号" and body["state"] == "processing"
    assert body["received_on"] == today.isoformat() == "2025-06-30"
    assert body["due_on"] == "2025-07-28"  # in person: 20 working days from the day after receipt, no holiday in July
    app = Application.objects.get(number=body["number"])
    assert app.agency.code == "xtxsfj" and app.query_code == body["query_code"] and app.id_number == "430321199001011234"

    s = _status(client, {"number": body["number"], "code": body["query_code"].lower()})
    assert s.status_code == 200
    status = s.json()
    assert status["stage"] == "办理中" and status["agency"] == "湘潭县司法局" and status["applicant"] == "张*丰"
    assert status["received_on"] == today.isoformat() and status["due_on"] == body["due_on"]
    assert status["due_provisional"] is False and status["outcome"] is None and status["closed_on"] is None
    for value in personal:
        assert value not in s.content.decode()
    assert not {"id_number", "phone", "email", "address", "applicant_name", "description"} & set(status)

    services.answer(app, today, "granted")
    closed = _status(client, {"number": body["number"], "code": body["query_code"]}).json()
    assert closed["stage"] == "已办结" and closed["outcome"] == "（一）予以公开"
    assert closed["closed_on"] == today.isoformat() and closed["due_on"] is None


def test_status_marks_a_due_date_in_a_year_without_a_schedule(client, create, token_a, clock, calendar_until):
    calendar_until(2026)  # the holiday data end with 2026, whatever chinesecalendar release is installed
    clock["day"] = date(2026, 12, 21)  # 20 working days run into 2027
    body = create(token_a, submitted_on="2026-12-21").json()
    status = _status(client, {"number": body["number"], "code": body["query_code"]}).json()
    assert body["due_on"] == status["due_on"] == "2027-01-18"  # weekends only: 1/1 counted
    assert status["due_provisional"] is True


def test_internet_application_awaits_confirmation(create, token_a):
    r = create(token_a, channel="internet")
    assert r.status_code == 201
    assert r.json()["state"] == "awaiting_confirmation" and r.json()["received_on"] is None


def test_channel_defaults_to_internet(client, token_a, bearer, today):
    body = {"applicant_kind": "commercial", "applicant_name": "湘潭某某有限公司", "description": "某项目环评批复", "email": "a@b.cn"}
    r = client.post("/api/applications", body, content_type="application/json", **bearer(token_a))
    assert r.status_code == 201
    app = Application.objects.get(number=r.json()["number"])
    assert app.channel == "internet" and app.submitted_on == today


@pytest.mark.parametrize("fields, status, words", [
    ({"applicant_kind": "alien"}, 422, "未知的申请人类型"),
    ({"channel": "pigeon"}, 422, "未知的申请渠道"),
    ({"channel": "post_signed"}, 422, "签收日期"),
    ({"applicant_name": ""}, 422, "申请人姓名或名称"),
    ({"phone": "", "email": "", "address": ""}, 422, "联系方式"),
    ({"email": "not-an-email"}, 422, "电子邮箱格式不正确"),
    ({"submitted_on": "2025-13-45"}, 422, "日期格式应为 YYYY-MM-DD"),
    ({"applicant_name": "长" * 101}, 422, "最多 100 个字符"),
])
def test_create_validation_errors_are_chinese(create, token_a, fields, status, words):
    r = create(token_a, **fields)
    assert r.status_code == status, r.content
    assert words in r.json()["detail"]
    assert not Application.objects.exists()


def test_create_missing_field_and_bad_json(client, token_a, bearer):
    r = client.post("/api/applications", {"applicant_kind": "natural_person"}, content_type="application/json", **bearer(token_a))
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert "申请人姓名或名称（applicant_name）：必须填写" in detail and "description" in detail
    assert {e["field"] for e in r.json()["errors"]} == {"applicant_name", "description"}
    r = client.post("/api/applications", "{nope", content_type="application/json", **bearer(token_a))
    assert r.status_code == 400 and "JSON" in r.json()["detail"]


# --- status lookup -----------------------------------------------------------------------------------

def test_status_wrong_pair_is_generic_404(client, create, token_a):
    body = create(token_a).json()
    wrong_code = _status(client, {"number": body["number"], "code": "2345678923ZZ"})
    wrong_number = _status(client, {"number": "依申〔1999〕9号", "code": body["query_code"]})
    assert wrong_code.status_code == wrong_number.status_code == 404
    assert wrong_code.json() == wrong_number.json() == {"detail": "编号或查询码不正确，请核对后再试。"}
    assert _status(client, {"number": body["number"]}).status_code == 422


def test_status_throttles_failed_lookups_per_address(client, create, token_a, settings):
    settings.ZFXXGK_LOOKUP_FAILURES = 3
    body = create(token_a).json()
    good = {"number": body["number"], "code": body["query_code"]}
    for _ in range(3):
        assert _status(client, {**good, "code": "WRONGWRONG22"}).status_code == 404
    r = _status(client, good)  # even the right pair, once locked out
    assert r.status_code == 429 and "过多" in r.json()["detail"] and int(r["Retry-After"]) > 0
    assert _status(client, good, REMOTE_ADDR="10.1.2.3").status_code == 200  # another address


def test_status_throttle_uses_proxy_address_only_when_trusted(client, create, token_a, settings):
    settings.ZFXXGK_LOOKUP_FAILURES = 1
    body = create(token_a).json()
    good = {"number": body["number"], "code": body["query_code"]}
    # Not behind a proxy: a forged X-Forwarded-For does not escape the lock.
    _status(client, {**good, "code": "X"})
    assert _status(client, good, HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 429
    settings.ZFXXGK_TRUSTED_PROXIES = 1
    assert _status(client, good, HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 200


# --- authentication ----------------------------------------------------------------------------------

@pytest.mark.parametrize("method, path", TOKEN_PATHS)
def test_missing_bad_and_revoked_tokens_are_401(client, token_a, method, path):
    r = _call(client, method, path)
    assert r.status_code == 401 and "令牌" in r.json()["detail"] and r["WWW-Authenticate"].startswith("Bearer")
    for header in ("Bearer", "Bearer zfx_guess", f"Basic {token_a}", token_a, f"Bearer {token_a}x"):
        assert _call(client, method, path, HTTP_AUTHORIZATION=header).status_code == 401, header
    ApiToken.objects.update(revoked=True)
    assert _call(client, method, path, HTTP_AUTHORIZATION=f"Bearer {token_a}").status_code == 401


@pytest.mark.parametrize("method, path", TOKEN_PATHS)
def test_session_login_does_not_reach_token_endpoints(agency_a, method, path):
    user = User.objects.create_superuser("admin", "admin@example.com", "pw-long-enough-123")
    Membership.objects.create(user=user, agency=agency_a, role=Role.CLERK)
    client = Client(enforce_csrf_checks=True)  # as a browser would be
    client.force_login(user)
    assert _call(client, method, path).status_code == 401


def test_token_is_stored_as_hash_and_use_is_recorded(client, agency_a, token_a, bearer):
    token = ApiToken.objects.get()
    assert token.key_hash == hashlib.sha256(token_a.encode()).hexdigest()
    assert not ApiToken.objects.filter(key_hash=token_a).exists() and token.last_used_at is None
    assert client.get("/api/agencies/xtxsfj/applications", **bearer(token_a)).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


# --- one agency's token, another agency's data --------------------------------------------------------

def test_token_of_a_cannot_reach_b(client, create, token_a, token_b, bearer, today):
    a1 = create(token_a).json()["number"]
    b1 = create(token_b).json()["number"]
    b2 = create(token_b, applicant_name="李四").json()["number"]
    assert a1 == b1 == f"依申〔{today.year}〕1号"

    # By URL: B's list, export and applications are forbidden to A's token.
    for path in ("/api/agencies/xtxjyj/applications", "/api/agencies/xtxjyj/applications/export?format=csv",
                 "/api/agencies/xtxjyj/applications/export?format=xlsx", f"/api/agencies/xtxjyj/applications/{b2}",
                 "/api/agencies/nosuch/applications"):
        r = client.get(path, **bearer(token_a))
        assert r.status_code == 403 and "其他机关" in r.json()["detail"], path
    # By guessing B's number under A's own URL: not found, and A's own number gives A's case only.
    r = client.get(f"/api/agencies/xtxsfj/applications/{b2}", **bearer(token_a))
    assert r.status_code == 404
    r = client.get(f"/api/agencies/xtxsfj/applications/{a1}", **bearer(token_a))
    assert r.status_code == 200 and r.json()["agency"] == "湘潭县司法局" and r.json()["applicant_name"] == "张三丰"
    # By API: A's list holds A's case only; creating always registers for the token's agency.
    listed = client.get("/api/agencies/xtxsfj/applications", **bearer(token_a)).json()
    assert listed["count"] == 1
    r = create(token_a, agency="xtxjyj", agency_id=Agency.objects.get(code="xtxjyj").pk)
    assert r.status_code == 201
    assert Application.objects.get(agency__code="xtxsfj", number=r.json()["number"])
    assert Application.objects.filter(agency__code="xtxjyj").count() == 2


# --- list, detail, export ----------------------------------------------------------------------------

def test_list_paginates_and_filters_without_personal_data(client, create, token_a, bearer, today):
    for i in range(5):
        assert create(token_a, applicant_name=f"申请人{i}").status_code == 201
    services.answer(Application.objects.get(seq=1), today, "unable_not_held")

    def get(**params):
        r = client.get("/api/agencies/xtxsfj/applications", params, **bearer(token_a))
        assert r.status_code == 200, r.content
        return r.json()

    first = get(limit=2)
    assert first["count"] == 5 and first["limit"] == 2 and len(first["items"]) == 2
    seen = [i["number"] for p in (first, get(limit=2, offset=2), get(limit=2, offset=4)) for i in p["items"]]
    assert len(set(seen)) == 5 and seen[0] == f"依申〔{today.year}〕5号"
    item = first["items"][0]
    assert set(item) == {"number", "applicant_kind", "applicant_kind_label", "applicant_name", "channel", "channel_label",
                         "submitted_on", "received_on", "state", "state_label", "due_on", "due_provisional",
                         "outcome", "outcome_label", "closed_on"}
    assert "430321199001011234" not in json.dumps(first) and "13800138000" not in json.dumps(first)

    closed = get(state="closed")
    assert closed["count"] == 1 and closed["items"][0]["outcome"] == "unable_not_held"
    assert closed["items"][0]["outcome_label"] == "（四）无法提供 1.本机关不掌握相关政府信息"
    assert get(year=today.year)["count"] == 5 and get(year=today.year - 1)["count"] == 0
    assert get(received_from=today.isoformat(), received_to=today.isoformat())["count"] == 5
    assert get(received_from=(today + timedelta(days=1)).isoformat())["count"] == 0
    assert get(offset=10)["items"] == []

    r = client.get("/api/agencies/xtxsfj/applications", {"state": "lost"}, **bearer(token_a))
    assert r.status_code == 422 and "未知的办理状态" in r.json()["detail"]
    r = client.get("/api/agencies/xtxsfj/applications", {"limit": 500}, **bearer(token_a))
    assert r.status_code == 422 and "应不大于 200" in r.json()["detail"]


def test_detail_has_events_and_working(client, create, token_a, bearer, today):
    number = create(token_a).json()["number"]
    app = Application.objects.get(number=number)
    services.request_correction(app, today, today + timedelta(days=15), "请写明所需信息的年份")
    r = client.get(f"/api/agencies/xtxsfj/applications/{number}", **bearer(token_a))
    assert r.status_code == 200
    d = r.json()
    assert d["state"] == "correction" and d["state_label"] == "待补正" and d["description"] == "2024年法律援助经费使用情况"
    assert [(e["kind"], e["kind_label"]) for e in d["events"]] == [("registered", "登记"), ("correction_requested", "告知补正")]
    assert d["events"][1]["reason"] == "请写明所需信息的年份" and d["events"][1]["on"] == today.isoformat()
    assert any("第三十条" in line for line in d["working"]) and d["overdue"] is False
    assert not {"id_number", "phone", "email", "address"} & set(d)


def test_detail_number_with_slash(client, create, agency_a, token_a, bearer, today):
    Agency.objects.filter(pk=agency_a.pk).update(number_pattern="{code}/{year}/{seq}")
    number = create(token_a).json()["number"]
    assert number == f"xtxsfj/{today.year}/1"
    r = client.get(f"/api/agencies/xtxsfj/applications/{number}", **bearer(token_a))
    assert r.status_code == 200 and r.json()["number"] == number


def test_export_csv_with_bom_and_xlsx(client, create, token_a, bearer, today):
    create(token_a)
    create(token_a, applicant_kind="commercial", applicant_name="=HYPERLINK(1)", contact_person="王五")
    r = client.get("/api/agencies/xtxsfj/applications/export", {"format": "csv"}, **bearer(token_a))
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    assert "attachment" in r["Content-Disposition"] and "filename*=UTF-8''" in r["Content-Disposition"]
    assert r.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["序号", "申请人", "申请渠道"] and len(rows) == 3
    text = r.content.decode("utf-8-sig")
    assert f"依申〔{today.year}〕1号" in text and "13800138000" not in text and "430321199001011234" not in text
    assert "'=HYPERLINK(1)" in text

    r = client.get("/api/agencies/xtxsfj/applications/export", {"format": "xlsx", "year": today.year}, **bearer(token_a))
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert r.content[:2] == b"PK"
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws.cell(1, 1).value == f"湘潭县司法局{today.year}年依申请公开工作台账" and ws.cell(2, 1).value == "序号"
    assert ws.max_row == 4

    r = client.get("/api/agencies/xtxsfj/applications/export", {"format": "pdf"}, **bearer(token_a))
    assert r.status_code == 422 and "导出格式" in r.json()["detail"]


# --- token management, logs --------------------------------------------------------------------------

def test_create_api_token_command(client, agency_a, capsys, bearer):
    call_command("create_api_token", "xtxsfj", "OA系统")
    out = capsys.readouterr()
    raw = out.out.strip()
    assert raw.startswith("zfx_") and "只显示这一次" in out.err
    assert ApiToken.objects.get(name="OA系统").key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert client.get("/api/agencies/xtxsfj/applications", **bearer(raw)).status_code == 200
    with pytest.raises(CommandError, match="没有编号代码"):
        call_command("create_api_token", "nosuch", "x")


def test_admin_shows_token_once_and_hash_read_only(client, agency_a, bearer):
    client.force_login(User.objects.create_superuser("root", "root@example.com", "pw-long-enough-123"))
    r = client.post("/admin/api/apitoken/add/", {"agency": agency_a.pk, "name": "省平台"})
    assert r.status_code == 200 and "只显示这一次" in r.content.decode()
    token = ApiToken.objects.get(name="省平台")
    raw = next(w for w in r.content.decode().replace("<", " ").replace(">", " ").split() if w.startswith("zfx_"))
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    page = client.get(f"/admin/api/apitoken/{token.pk}/change/").content.decode()
    assert token.key_hash in page and 'name="key_hash"' not in page and raw not in page
    client.post("/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked
    assert client.get("/api/agencies/xtxsfj/applications", **bearer(raw)).status_code == 401


def test_no_personal_data_in_logs(client, create, token_a, caplog, personal):
    ours = logging.getLogger("zfxxgk")  # does not propagate to the root logger caplog listens on
    ours.addHandler(caplog.handler)
    try:
        with caplog.at_level(logging.DEBUG), caplog.at_level(logging.DEBUG, logger="zfxxgk"):
            body = create(token_a).json()
            _status(client, {"number": body["number"], "code": "WRONG"})
            create(token_a, applicant_kind="alien")
    finally:
        ours.removeHandler(caplog.handler)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert body["number"] in logged  # something was logged …
    for value in (*personal, token_a, body["query_code"]):
        assert value not in logged  # … but nothing personal, no token, no query code
