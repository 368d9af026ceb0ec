"""Notices issued with their events (cases.notices.issue): which notice, its 文号 numbered per agency,
kind and year, the frozen text, the ``notice_issued`` signal, delivery records."""
from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from zfxxgk.agencies.models import OfficeSettings
from zfxxgk.cases import services as s
from zfxxgk.cases.models import Notice, NoticeDelivery
from zfxxgk.cases.notices.delivery import record_delivery
from zfxxgk.cases.notices.numbering import check_pattern, format_number
from zfxxgk.cases.notices.signals import notice_issued

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(clock, isolated):
    clock["day"] = date(2026, 3, 31)


@pytest.fixture
def office(agency):
    return OfficeSettings.objects.create(
        agency=agency, notice_number_pattern="湘县司依申{kind}〔{year}〕{seq}号", reconsideration_body="湘潭县人民政府",
        court="湘潭县人民法院", payment_method="到本机关窗口缴纳", contact_person="李明", contact_phone="0731-57812345",
    )


def _new(kind="natural_person", name="张三", on=date(2026, 3, 2), channel="in_person", **kw):
    kw.setdefault("phone", "13800000000")
    return s.NewApplication(kind, name, "2025年本县法律援助经费预算及执行情况", channel, on, **kw)


def _text(notice: Notice) -> str:
    return "\n".join(text for _, text in notice.content)


def test_each_step_issues_its_notice(agency, office):
    app = s.register(agency, _new())
    s.request_correction(app, date(2026, 3, 4), date(2026, 3, 18), "请写明所需信息的时间范围")
    s.receive_correction(app, date(2026, 3, 10))
    s.start_consultation(app, date(2026, 3, 11), "third_party", "涉及第三方商业秘密", party_name="湘潭某某公司", party_address="湘潭县某路1号")
    s.end_consultation(app, date(2026, 3, 16))
    s.request_extension(app, date(2026, 3, 17), 10, "需要向多个科室检索")
    head = _head(agency)
    s.approve_extension(app, date(2026, 3, 17), head)
    s.issue_fee_notice(app, date(2026, 3, 18), "per_page", 45)
    s.record_payment(app, date(2026, 3, 20))
    s.answer(app, date(2026, 3, 30), "granted", reason="详见附件")
    notices = list(app.notices.order_by("id"))
    assert [(n.kind, n.number) for n in notices] == [
        ("correction", "湘县司依申补〔2026〕1号"), ("consultation", "湘县司依申征〔2026〕1号"),
        ("extension", "湘县司依申延〔2026〕1号"), ("fee", "湘县司依申费〔2026〕1号"), ("reply", "湘县司依申复〔2026〕1号"),
    ]
    assert [n.to_applicant for n in notices] == [True, False, True, True, True]
    assert notices[1].addressee == "湘潭某某公司（湘潭县某路1号）" and "湘潭某某公司：" in _text(notices[1])
    assert notices[2].issued_by == head and "延长10个工作日" in _text(notices[2]) and "需要向多个科室检索" in _text(notices[2])
    assert "应缴纳信息处理费150元" in _text(notices[3]) and "到本机关窗口缴纳" in _text(notices[3])
    reply = _text(notices[4])
    assert "于2026年3月10日收到您补正后的申请，答复期限自该日起计算" in reply  # the clock restarted after the 补正
    assert "向湘潭县人民政府申请行政复议" in reply and "向湘潭县人民法院提起行政诉讼" in reply
    assert "本申请依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费150元" in reply
    assert all(n.event is not None and n.issued_on == n.event.on for n in notices)
    from docx import Document

    assert [p.text for p in Document(BytesIO(notices[4].file.read())).paragraphs] == [t for _, t in notices[4].content]


def _head(agency):
    from django.contrib.auth.models import User

    from zfxxgk.agencies.models import Membership, Role

    user = User.objects.create_user("head", first_name="王主任")
    Membership.objects.create(user=user, agency=agency, role=Role.HEAD)
    return user


def test_numbers_per_agency_kind_and_year(agency, office, county):
    apps = [s.register(agency, _new(on=date(2025, 12, 1) if i == 0 else date(2026, 3, 2))) for i in range(3)]
    s.answer(apps[0], date(2025, 12, 30), "granted")
    s.answer(apps[1], date(2026, 3, 3), "granted")
    s.request_correction(apps[2], date(2026, 3, 3), date(2026, 3, 20), "x")
    s.lapse_correction(apps[2], date(2026, 3, 23))
    other = s.register(county, _new())
    s.answer(other, date(2026, 3, 3), "unable_not_held")
    numbers = {(n.application_id, n.kind): n.number for n in Notice.objects.all()}
    assert numbers[(apps[0].pk, "reply")] == "湘县司依申复〔2025〕1号"
    assert numbers[(apps[1].pk, "reply")] == "湘县司依申复〔2026〕1号"
    assert numbers[(apps[2].pk, "correction")] == "湘县司依申补〔2026〕1号"
    assert numbers[(apps[2].pk, "reply")] == "湘县司依申复〔2026〕2号"  # 逾期不补正 is answered too
    assert numbers[(other.pk, "reply")] == "依申复〔2026〕1号"  # the county's own count, the default pattern


def test_organisation_is_addressed_as_贵单位(agency, office):
    app = s.register(agency, _new(kind="legal_service", name="湘潭某律师事务所", contact_person="赵律师"))
    s.answer(app, date(2026, 3, 5), "denied_process_information")
    text = _text(app.notices.get())
    assert "湘潭某律师事务所：" in text and "收到贵单位提出的" in text and "您" not in text


def test_issued_text_is_frozen(agency, office):
    app = s.register(agency, _new())
    s.answer(app, date(2026, 3, 5), "granted")
    before = app.notices.get().content
    office.court, office.contact_person = "湘潭市中级人民法院", "王五"
    office.save()
    notice = app.notices.get()
    assert notice.content == before and "湘潭县人民法院" in _text(notice)


def test_imported_records_and_unnamed_parties_get_no_notice(agency, office):
    imported = s.register(agency, _new(), number="旧台账-1", source="台账.xlsx 第3行")
    s.answer(imported, date(2026, 3, 5), "granted")
    app = s.register(agency, _new())
    s.start_consultation(app, date(2026, 3, 4), "third_party", "涉及第三方")  # no name: nothing to write to
    s.end_consultation(app, date(2026, 3, 6))
    s.start_consultation(app, date(2026, 3, 9), "agency", "其他机关", party_name="湘潭县财政局", party_address="某路2号")
    assert Notice.objects.count() == 0


def test_signal_after_commit_only(agency, office, django_capture_on_commit_callbacks):
    received = []

    def listen(sender, notice, **kw):
        received.append(notice.number)

    notice_issued.connect(listen)
    try:
        app = s.register(agency, _new())
        with django_capture_on_commit_callbacks(execute=True):
            s.request_correction(app, date(2026, 3, 4), date(2026, 3, 18), "x")
        assert received == ["湘县司依申补〔2026〕1号"]
        with django_capture_on_commit_callbacks(execute=True):
            try:
                with transaction.atomic():
                    s.receive_correction(app, date(2026, 3, 5))
                    s.answer(app, date(2026, 3, 6), "granted")
                    raise RuntimeError("rolled back")
            except RuntimeError:
                pass
        assert received == ["湘县司依申补〔2026〕1号"]
        assert not Notice.objects.filter(kind="reply").exists()
    finally:
        notice_issued.disconnect(listen)


def test_number_pattern_rules():
    check_pattern("湘县司依申{kind}〔{year}〕{seq}号")
    assert format_number("湘县司依申{kind}〔{year}〕{seq:03d}号", "reply", 2026, 15) == "湘县司依申复〔2026〕015号"
    for bad, words in (("依申〔{year}〕号", "{seq}"), ("依申{kind}{seq}{agency}", "未知"), ("依申{year}{seq}", "{kind}"), ("依申{seq", "无法识别")):
        with pytest.raises(ValueError, match=words.replace("{", r"\{").replace("}", r"\}")):
            check_pattern(bad)


def test_settings_refuse_a_bad_pattern(agency):
    office = OfficeSettings(agency=agency, notice_number_pattern="依申{seq}")
    with pytest.raises(ValidationError) as err:
        office.full_clean()
    assert "{kind}" in str(err.value)


def test_delivery_rules(agency, office):
    app = s.register(agency, _new())
    s.request_correction(app, date(2026, 3, 4), date(2026, 3, 18), "x")
    notice = app.notices.get()
    for method, on, tracking, message in (
        ("post", date(2026, 3, 6), "", "邮寄单号"),
        ("in_person", date(2026, 3, 3), "", "不能早于发文日期"),
        ("in_person", date(2026, 4, 1), "", "不能晚于今天"),
        ("in_person", date(2026, 3, 5), "EMS123", "只有邮寄送达"),
        ("pigeon", date(2026, 3, 5), "", "未知的送达方式"),
    ):
        with pytest.raises(s.CaseInvalid, match=message):
            record_delivery(notice, method, on, tracking_number=tracking)
    delivery = record_delivery(notice, "post", date(2026, 3, 6), tracking_number=" EMS 1234 5678 ")
    assert delivery.tracking_number == "EMS12345678" and NoticeDelivery.objects.count() == 1
