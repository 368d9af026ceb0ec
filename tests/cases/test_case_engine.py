"""The case engine: deadlines as events (条例第三十条–第三十五条), outcomes, refusals that change nothing."""
from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from zfxxgk.agencies.models import Membership, Role
from zfxxgk.cases import services as s
from zfxxgk.cases.choices import State
from zfxxgk.cases.models import Application, Event, ScheduleDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk():
    return User.objects.create_user("clerk", password="x", first_name="李经办")


@pytest.fixture
def head(agency):
    """The office head of the agency: extensions wait in the head's approvals (zfxxgk.approvals)."""
    user = User.objects.create_user("head", password="x", first_name="王主任")
    Membership.objects.create(user=user, agency=agency, role=Role.HEAD)
    return user


def new(received: date, channel="in_person", **kw) -> s.NewApplication:
    return s.NewApplication("natural_person", "张三", "2024年法律援助经费使用情况", channel, received, phone="13800000000", **kw)


def test_register_assigns_gapless_numbers_per_agency_and_year(agency, clock):
    first = s.register(agency, new(date(2025, 1, 20)))
    second = s.register(agency, new(date(2025, 3, 1)))
    other_year = s.register(agency, new(date(2024, 12, 30)))
    assert (first.number, second.number, other_year.number) == ("湘司依申〔2025〕1号", "湘司依申〔2025〕2号", "湘司依申〔2024〕1号")
    assert len(first.query_code) == 12 and first.query_code != second.query_code


def test_in_person_reply_due_in_20_working_days(agency, clock):
    app = s.register(agency, new(date(2025, 1, 20)))
    t = s.timeline(app)
    assert app.due_on == date(2025, 2, 21) and app.state == State.PROCESSING
    assert t.correction_notice_due == date(2025, 2, 5)  # 第三十条: 7 working days, 调休 Sunday 1/26 counted
    assert any("第三十一条" in line for line in t.working)


def test_receipt_day_by_channel(agency, clock):
    signed = s.register(agency, new(date(2025, 3, 3), "post_signed", signed_on=date(2025, 3, 5)))
    assert signed.received_on == date(2025, 3, 5)
    online = s.register(agency, new(date(2025, 3, 3), "internet"))
    assert online.state == State.AWAITING_CONFIRMATION and online.received_on is None and online.due_on is None
    s.confirm_receipt(online, date(2025, 3, 4))
    online.refresh_from_db()
    assert online.received_on == date(2025, 3, 4) and online.due_on == date(2025, 4, 1)


def test_correction_restarts_the_clock(agency, clock):
    app = s.register(agency, new(date(2025, 3, 3)))
    s.request_correction(app, date(2025, 3, 5), until=date(2025, 3, 20), items="请补充所需信息的文号")
    app.refresh_from_db()
    assert app.state == State.CORRECTION and app.due_on is None
    s.receive_correction(app, date(2025, 3, 10))
    app.refresh_from_db()
    assert app.state == State.PROCESSING and app.due_on == date(2025, 4, 8)  # 20 wd from 3/10, 清明 4/4


def test_correction_lapses_only_after_its_period_as_r21(agency, clock):
    app = s.register(agency, new(date(2025, 3, 3)))
    s.request_correction(app, date(2025, 3, 5), until=date(2025, 3, 20), items="请补充")
    with pytest.raises(s.CaseError, match="期限届满前"):
        s.lapse_correction(app, date(2025, 3, 20))
    s.lapse_correction(app, date(2025, 3, 21))
    app.refresh_from_db()
    assert (app.state, app.outcome, app.closed_on) == (State.CLOSED, "other_no_correction", date(2025, 3, 21))


def test_consultation_time_is_not_counted(agency, clock):
    app = s.register(agency, new(date(2025, 3, 3)))
    s.start_consultation(app, date(2025, 3, 4), "third_party", "涉及第三方商业秘密")
    app.refresh_from_db()
    assert app.state == State.CONSULTING
    assert s.timeline(app).pauses[0].due == date(2025, 3, 25)  # 第三十二条: 15 working days
    s.end_consultation(app, date(2025, 3, 11))
    app.refresh_from_db()
    # 3/5–3/11 paused (5 working days) → 3/31 + 5 working days, skipping 清明 4/4
    assert app.state == State.PROCESSING and app.due_on == date(2025, 4, 8)


def test_extension_needs_the_office_head_and_happens_once(agency, clerk, head, clock):
    app = s.register(agency, new(date(2025, 3, 3)), clerk)
    s.request_extension(app, date(2025, 3, 20), 10, "涉及档案查找，工作量大", clerk)
    with pytest.raises(s.CaseError, match="负责人"):
        s.approve_extension(app, date(2025, 3, 21), clerk)
    s.approve_extension(app, date(2025, 3, 21), head)
    app.refresh_from_db()
    assert app.due_on == date(2025, 4, 15)  # 3/31 + 10 working days (清明 4/4 off)
    approved = app.events.get(kind="extension_approved")
    assert approved.actor == head and approved.data == {"days": 10, "approver": "王主任"}
    with pytest.raises(s.CaseError, match="只能延长一次"):
        s.request_extension(app, date(2025, 3, 25), 5, "再延", clerk)
    with pytest.raises(s.CaseError, match="不得超过20"):
        s.request_extension(s.register(agency, new(date(2025, 3, 3))), date(2025, 3, 4), 21, "太多")


def test_fee_notice_pauses_the_clock_and_lapses_as_r22(agency, clock):
    app = s.register(agency, new(date(2025, 3, 3)))
    s.issue_fee_notice(app, date(2025, 3, 10), "per_page", 45)
    app.refresh_from_db()
    notice = app.events.get(kind="fee_notice")
    assert notice.data["amount"] == 150 and app.state == State.FEE_PENDING
    pause = s.timeline(app).pauses[0]
    assert pause.due == date(2025, 4, 8)  # 20 working days to pay
    with pytest.raises(s.CaseError, match="期限届满前"):
        s.lapse_fee(app, date(2025, 4, 8))
    s.lapse_fee(app, date(2025, 4, 9))
    app.refresh_from_db()
    assert app.outcome == "other_no_fee_payment"


def test_paid_fee_resumes_the_clock(agency, clock):
    app = s.register(agency, new(date(2025, 3, 3)))
    s.issue_fee_notice(app, date(2025, 3, 4), "per_item", 12, items_before=10)
    assert app.events.get(kind="fee_notice").data["amount"] == 1200
    s.record_payment(app, date(2025, 3, 11))
    app.refresh_from_db()
    assert app.due_on == date(2025, 4, 8) and app.state == State.PROCESSING


def test_answer_closes_with_one_outcome(agency, clerk, clock):
    app = s.register(agency, new(date(2025, 3, 3)))
    s.answer(app, date(2025, 3, 14), "partially_granted", clerk)
    app.refresh_from_db()
    assert (app.state, app.outcome, app.closed_on, app.due_on) == (State.CLOSED, "partially_granted", date(2025, 3, 14), None)
    with pytest.raises(s.CaseError, match="已办结"):
        s.answer(app, date(2025, 3, 15), "granted")


def test_excessive_applications_may_get_a_later_date(agency, clock):
    app = s.register(agency, new(date(2025, 3, 3)))
    s.defer(app, date(2025, 3, 10), date(2025, 6, 30), "本月申请200件，理由合理（第三十五条）")
    app.refresh_from_db()
    assert app.due_on == date(2025, 6, 30)


def test_provisional_due_date_is_recomputed_when_the_schedule_is_entered(agency, clock, calendar_until,
                                                                        django_capture_on_commit_callbacks):
    calendar_until(2026)  # 2030 and 2031 unknown, whatever chinesecalendar release is installed
    clock["day"] = date(2030, 12, 20)
    app = s.register(agency, new(date(2030, 12, 20)))
    assert app.due_provisional and app.due_on == date(2031, 1, 17)  # weekends only; 1/1 counted
    assert "2031年节假日安排尚未录入" in s.timeline(app).working[-1]
    with django_capture_on_commit_callbacks(execute=True):
        for day in (date(2031, 1, 1), date(2030, 12, 31)):
            ScheduleDay.objects.create(day=day, is_workday=False, name="元旦")
        ScheduleDay.objects.create(day=date(2031, 1, 4), is_workday=True, name="调休上班")
    app.refresh_from_db()
    # Both years are now known (one entered day makes a year known): 12/31 and 1/1 off, Sat 1/4 worked
    assert not app.due_provisional and app.due_on == date(2031, 1, 20)


@pytest.mark.parametrize(
    "change, message",
    [
        (dict(applicant_kind="company"), "未知的申请人类型"),
        (dict(channel="pigeon"), "未知的申请渠道"),
        (dict(applicant_name=" "), "申请人姓名"),
        (dict(description=""), "特征性描述"),
        (dict(phone="", email="", address=""), "联系方式"),
        (dict(submitted_on=date(2026, 1, 1)), "不能晚于今天"),
        (dict(channel="post_signed"), "签收日期"),
    ],
)
def test_invalid_registration_is_refused_and_changes_nothing(agency, clock, change, message):
    fields = dict(applicant_kind="natural_person", applicant_name="张三", description="某信息", channel="in_person",
                  submitted_on=date(2025, 3, 3), phone="13800000000")
    fields.update(change)
    with pytest.raises(s.CaseError, match=message):
        s.register(agency, s.NewApplication(**fields))
    assert Application.objects.count() == 0 and Event.objects.count() == 0


def test_invalid_actions_change_nothing(agency, head, clock):
    app = s.register(agency, new(date(2025, 3, 3)))
    before = list(Event.objects.values_list("pk", flat=True))
    refusals = [
        lambda: s.answer(app, date(2025, 3, 4), "no_such_outcome"),
        lambda: s.answer(app, date(2025, 3, 4), "other_no_correction"),
        lambda: s.answer(app, date(2025, 3, 1), "granted"),  # before receipt
        lambda: s.answer(app, date(2025, 3, 4), "unable_unclear_after_correction"),
        lambda: s.receive_correction(app, date(2025, 3, 4)),
        lambda: s.end_consultation(app, date(2025, 3, 4)),
        lambda: s.approve_extension(app, date(2025, 3, 4), head),
        lambda: s.request_extension(app, date(2025, 3, 4), -3, "负数"),
        lambda: s.issue_fee_notice(app, date(2025, 3, 4), "per_page", 20),  # 30 pages or fewer are free
        lambda: s.issue_fee_notice(app, date(2025, 3, 4), "both", 50),
        lambda: s.start_consultation(app, date(2025, 3, 4), "neighbour", "?"),
        lambda: s.confirm_receipt(app, date(2025, 3, 4)),
    ]
    for refuse in refusals:
        with pytest.raises(s.CaseError):
            refuse()
    assert list(Event.objects.values_list("pk", flat=True)) == before
    app.refresh_from_db()
    assert app.state == State.PROCESSING and app.outcome is None


def test_events_are_append_only(agency, clock):
    app = s.register(agency, new(date(2025, 3, 3)))
    event = app.events.get()
    event.reason = "改写"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()


def test_appeals(agency, clock):
    app = s.register(agency, new(date(2025, 3, 3)))
    appeal = s.add_appeal(app, "reconsideration", date(2025, 4, 1))
    s.decide_appeal(appeal, "upheld", date(2025, 5, 20))
    assert appeal.result == "upheld"
    with pytest.raises(s.CaseError, match="已经审结"):
        s.decide_appeal(appeal, "corrected", date(2025, 5, 21))
    with pytest.raises(s.CaseError, match="审结日期"):
        s.add_appeal(app, "litigation_direct", date(2025, 4, 1), result="upheld")


def test_remind_lists_overdue_and_due_soon(agency, clock, capsys):
    from django.core.management import call_command

    s.register(agency, new(date(2025, 5, 1)))  # due 2025-06-03 (劳动节 5/1–5/5): overdue on 6/30
    s.register(agency, new(date(2025, 6, 3)))  # due 2025-07-01: within 3 working days
    s.register(agency, new(date(2025, 6, 27)))  # due late July: not listed
    call_command("remind", days=3)
    out = capsys.readouterr().out
    assert "湘潭县司法局：超期 1 件，即将到期 1 件" in out
    assert "【已超期】" in out and "【即将到期】" in out


def test_migrated_records_keep_their_number_and_say_where_they_came_from(agency, clock):
    old = s.NewApplication("natural_person", "李四", "某项信息", "in_person", date(2024, 5, 6))
    with pytest.raises(s.CaseError, match="联系方式"):
        s.register(agency, old)
    app = s.register(agency, old, number="湘司依申〔2024〕88号", source="据依申请公开工作台账导入（第3行）")
    assert app.number == "湘司依申〔2024〕88号"
    assert app.events.get().reason == "据依申请公开工作台账导入（第3行）"
    with pytest.raises(s.CaseError, match="已有编号"):
        s.register(agency, old, number="湘司依申〔2024〕88号", source="再次导入")
    assert Application.objects.count() == 1
