"""Looking a case up with its number and query code: the stage, dates, 补正 and the answer; one
generic message for a wrong number or code; throttling; nothing private on the page."""
from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from zfxxgk.cases import services as s
from zfxxgk.portal import limits, views

from .conftest import resident_id

pytestmark = pytest.mark.django_db
URL = reverse("portal:status")
PRIVATE = ("13812345678", "zhangwei@example.cn", "湖南省湘潭县易俗河镇某某路8号")


@pytest.fixture
def today(clock):
    clock["day"] = date(2025, 6, 3)
    return clock


@pytest.fixture
def app(agency, today):
    new = s.NewApplication(
        "natural_person", "张伟", "2024年本县法律援助经费预算及执行情况", "internet", today["day"],
        id_number=resident_id(), phone=PRIVATE[0], email=PRIVATE[1], address=PRIVATE[2],
    )
    return s.register(agency, new)


def _lookup(client, number, code, **extra):
    return client.post(URL, {"number": number, "code": code}, **extra)


def _private_free(html: str, app) -> None:
    for secret in (*PRIVATE, app.id_number, "张伟", app.query_code):
        assert secret not in html, secret


def test_right_code_shows_the_stage(client, app):
    response = _lookup(client, f" {app.number} ", app.query_code.lower())
    html = response.content.decode()
    assert response.status_code == 200
    assert "待确认收到" in html and "待确认" in html and "双方确认之日" in html
    assert app.number in html and "湘潭县司法局" in html and "张*" in html
    _private_free(html, app)


def test_confirmed_shows_receipt_and_due_date(client, app, today):
    s.confirm_receipt(app, date(2025, 6, 3))
    html = _lookup(client, app.number, app.query_code).content.decode()
    app.refresh_from_db()
    assert "办理中" in html and "2025年6月3日" in html
    assert app.due_on and f"{app.due_on.year}年{app.due_on.month}月{app.due_on.day}日前" in html
    assert "暂定" not in html
    _private_free(html, app)


def test_provisional_due_date_is_marked(client, agency, today, calendar_until):
    calendar_until(2026)  # the holiday data end with 2026, whatever chinesecalendar release is installed
    today["day"] = date(2026, 12, 21)  # 20 working days run into 2027, whose holidays are not entered
    app = s.register(agency, s.NewApplication("natural_person", "李娜", "某某文件全文", "internet", today["day"], phone="13900000000"))
    s.confirm_receipt(app, today["day"])
    html = _lookup(client, app.number, app.query_code).content.decode()
    assert "暂定" in html and "2027年节假日安排尚未录入" in html


def test_correction_request_is_shown(client, app, today):
    s.confirm_receipt(app, date(2025, 6, 3))
    today["day"] = date(2025, 6, 5)
    s.request_correction(app, date(2025, 6, 5), date(2025, 6, 20), "请说明所需经费预算的年度和具体项目")
    html = _lookup(client, app.number, app.query_code).content.decode()
    assert "待补正" in html and "补正告知" in html and "请说明所需经费预算的年度和具体项目" in html
    assert "请于2025年6月20日前补正" in html


def test_answer_is_shown_with_the_letter(client, app, today):
    s.confirm_receipt(app, date(2025, 6, 3))
    today["day"] = date(2025, 6, 20)
    s.answer(app, date(2025, 6, 20), "granted", reason="已通过电子邮件提供2024年法律援助经费预算表")
    html = _lookup(client, app.number, app.query_code).content.decode()
    assert "已办结" in html and "予以公开" in html and "2025年6月20日" in html
    letter_url = reverse("portal:letter", args=["html"])
    assert letter_url in html
    _private_free(html, app)

    letter = client.get(letter_url)
    body = letter.content.decode()
    assert letter.status_code == 200 and letter["Content-Type"].startswith("text/html")
    assert app.number in body and "张*" in body and "张伟" not in body and PRIVATE[0] not in body
    docx = client.get(reverse("portal:letter", args=["docx"]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK" and "attachment" in docx["Content-Disposition"]


def test_letter_needs_a_lookup_in_this_session(client, app, today):
    s.confirm_receipt(app, date(2025, 6, 3))
    s.answer(app, date(2025, 6, 3), "granted")
    assert client.get(reverse("portal:letter", args=["html"])).status_code == 404
    _lookup(client, app.number, app.query_code)
    assert client.get(reverse("portal:letter", args=["html"])).status_code == 200
    assert client.get(reverse("portal:letter", args=["exe"])).status_code == 404


def test_open_case_has_no_letter(client, app):
    _lookup(client, app.number, app.query_code)
    assert client.get(reverse("portal:letter", args=["html"])).status_code == 404


def test_wrong_code_or_number_same_message(client, app):
    wrong_code = _lookup(client, app.number, "ABCDEFGHJKLM").content.decode()
    wrong_number = _lookup(client, app.number + "9", app.query_code).content.decode()
    for html in (wrong_code, wrong_number):
        assert "编号或查询码不正确" in html
        assert "办理情况" not in html and "湘潭县司法局" not in html
    alerts = [re.findall(r'role="alert"><p>(.*?)</p>', html) for html in (wrong_code, wrong_number)]
    assert alerts[0] == alerts[1] == [views.WRONG]


def test_empty_lookup_asks_for_both_fields(client):
    html = _lookup(client, "", "").content.decode()
    assert "请填写依申请公开编号" in html and "请填写查询码" in html


def test_lookups_are_throttled_per_address(client, app):
    for _ in range(limits.lookup_limit()):
        assert _lookup(client, app.number, "WRONGWRONG22").status_code == 200
    blocked = _lookup(client, app.number, app.query_code)  # even the right code, while locked
    assert blocked.status_code == 429 and "查询失败次数过多" in blocked.content.decode()
    assert "办理情况" not in blocked.content.decode()
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert "办理情况" in _lookup(other, app.number, app.query_code).content.decode()


def test_successful_lookups_are_not_counted(client, app):
    for _ in range(limits.lookup_limit() + 5):
        assert _lookup(client, app.number, app.query_code).status_code == 200


def test_names_are_masked(client, agency, today):
    org = s.register(agency, s.NewApplication("commercial", "湘潭某某建材有限公司", "砂石开采权出让公告", "in_person", today["day"],
                                              id_type="credit_code", id_number="91430321MA4L1234XY", phone="13800001111"))
    html = _lookup(client, org.number, org.query_code).content.decode()
    assert "湘潭某某**公司" in html and "湘潭某某建材有限公司" not in html and "13800001111" not in html and "91430321MA4L1234XY" not in html
    assert "办理中" in html and "2025年6月3日" in html  # in person: received the day it was handed in


def test_confirmation_page_reads_the_session_not_the_url(client, agency, person):
    response = client.post(reverse("portal:apply", args=["xtxsfj"]), person)
    assert response.status_code == 302 and "?" not in response.url
    other = Client()
    assert other.get(response.url).status_code == 302  # another browser has no such session


def test_unconfirmed_application_explains_when_the_period_starts(client, app):
    html = _lookup(client, app.number, app.query_code).content.decode()
    assert "自收到申请之日起20个工作日内（确认收到申请后计算）" in html
