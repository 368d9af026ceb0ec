"""Mistakes corrected, not deleted (issue 11 item 5): dates that contradict the case are refused; a
wrong step is voided by a 更正 and the due date replayed without it; the applicant's details and the
request are corrected as events; 重新答复 after 结果纠正 and how tables 三 and 四 and the tallies count it."""
from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User

from zfxxgk.agencies.models import Membership, Role
from zfxxgk.cases import corrections as c
from zfxxgk.cases import services as s
from zfxxgk.cases import stats, tally
from zfxxgk.cases.models import Application, Event

from cases.test_tally import stored

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(agency):
    user = User.objects.create_user("clerk", password="x", first_name="李经办")
    Membership.objects.create(user=user, agency=agency, role=Role.CLERK)
    return user


def new(day: date, channel="in_person", kind="natural_person") -> s.NewApplication:
    return s.NewApplication(kind, "张三", "2024年法律援助经费使用情况", channel, day, phone="13800000000")


def refused(error, match: str, fn, *args, **kw):
    """``fn`` refuses with ``error`` and a message matching ``match``, and stores nothing."""
    events, apps, kept = Event.objects.count(), list(Application.objects.values()), stored()
    with pytest.raises(error, match=match):
        fn(*args, **kw)
    assert Event.objects.count() == events and list(Application.objects.values()) == apps and stored() == kept


# --- dates that contradict the case ---------------------------------------------------------------

def test_correction_received_before_it_was_requested_is_refused(agency, clock):
    clock["day"] = date(2025, 3, 20)
    app = s.register(agency, new(date(2025, 3, 3)))
    s.request_correction(app, date(2025, 3, 5), date(2025, 3, 19), "请写明年份")
    refused(s.CaseInvalid, r"收到补正材料的日期不能早于告知补正之日（2025-03-05）", s.receive_correction, app, date(2025, 3, 4))
    s.receive_correction(app, date(2025, 3, 5))  # the same day is possible


def test_appeal_filed_before_receipt_is_refused(agency, clock):
    clock["day"] = date(2025, 6, 30)
    app = s.register(agency, new(date(2025, 3, 3)))
    refused(s.CaseInvalid, r"立案（申请）日期不能早于收到申请之日（2025-03-03）", s.add_appeal, app, "reconsideration", date(2025, 3, 2))
    online = s.register(agency, new(date(2025, 3, 10), "internet"))  # not yet confirmed: the day it was sent
    refused(s.CaseInvalid, r"不能早于提交申请之日（2025-03-10）", s.add_appeal, online, "reconsideration", date(2025, 3, 9))
    refused(s.CaseInvalid, r"审结日期不能晚于今天", s.add_appeal, app, "reconsideration", date(2025, 6, 1), "upheld", date(2025, 7, 1))
    refused(s.CaseInvalid, r"立案日期不能晚于今天", s.add_appeal, app, "reconsideration", date(2025, 7, 1))


def test_answer_before_receipt_or_before_the_last_step_or_in_the_future_is_refused(agency, clock):
    clock["day"] = date(2025, 4, 30)
    app = s.register(agency, new(date(2025, 3, 3)))
    refused(s.CaseInvalid, r"不能早于收到申请之日（2025-03-03）", s.answer, app, date(2025, 3, 2), "granted")
    refused(s.CaseInvalid, r"日期不能晚于今天（2025-04-30）", s.answer, app, date(2025, 5, 1), "granted")
    s.request_correction(app, date(2025, 3, 5), date(2025, 3, 19), "请写明年份")
    s.receive_correction(app, date(2025, 3, 12))
    # answered before the corrected application arrived: contradicts the case
    refused(s.CaseInvalid, r"日期不能早于上一项办理记录（2025-03-12 收到补正材料）", s.answer, app, date(2025, 3, 10), "granted")
    s.start_consultation(app, date(2025, 3, 14), "third_party", "涉及商业秘密")
    refused(s.CaseInvalid, r"结束日期不能早于|不能早于上一项办理记录", s.end_consultation, app, date(2025, 3, 13))
    refused(s.CaseInvalid, r"日期不能晚于今天", s.request_extension, app, date(2025, 5, 2), 5, "档案多")


def test_confirmation_and_a_fee_paid_before_its_notice_are_refused(agency, clock):
    clock["day"] = date(2025, 4, 30)
    online = s.register(agency, new(date(2025, 3, 10), "internet"))
    refused(s.CaseInvalid, "确认日期应在提交日期之后", s.confirm_receipt, online, date(2025, 3, 9))
    s.confirm_receipt(online, date(2025, 3, 11))
    s.issue_fee_notice(online, date(2025, 3, 20), "per_page", 200)
    refused(s.CaseInvalid, r"上一项办理记录（2025-03-20 发出收费通知）", s.record_payment, online, date(2025, 3, 19))


# --- 更正: voiding a step ----------------------------------------------------------------------------

def test_a_mistyped_correction_day_is_voided_and_the_due_date_replayed(agency, clerk, clock):
    clock["day"] = date(2025, 4, 30)
    app = s.register(agency, new(date(2025, 3, 3)), clerk)
    s.request_correction(app, date(2025, 3, 5), date(2025, 3, 19), "请写明年份", clerk)
    s.receive_correction(app, date(2025, 3, 25), clerk)  # typed 25 for 12
    app.refresh_from_db()
    assert app.due_on == date(2025, 4, 23)
    wrong = app.events.get(kind="correction_received")
    refused(s.CaseInvalid, "请说明作废这项记录的理由", c.void_event, app, wrong.pk, "  ")
    c.void_event(app, wrong.pk, "日期录错，实际为3月12日", clerk)
    app.refresh_from_db()
    assert app.state == "correction" and app.due_on is None  # as if the wrong record had never been made
    s.receive_correction(app, date(2025, 3, 12), clerk)
    app.refresh_from_db()
    assert app.state == "processing" and app.due_on == date(2025, 4, 10)  # 20 working days from 3/12 (清明 4/4 off)
    assert Event.objects.filter(pk=wrong.pk).exists()  # kept: the history shows it, voided
    voiding = app.events.get(kind="voided")
    assert voiding.data["voids"] == wrong.pk and voiding.reason == "日期录错，实际为3月12日" and voiding.actor == clerk
    t = s.timeline(app)
    assert wrong.pk in t.voided and any("作废" in line and "日期录错" in line for line in t.working)
    refused(s.CaseStateError, "这项记录已经作废", c.void_event, app, wrong.pk, "再作废")


def test_only_the_latest_step_is_voided_and_never_the_registration(agency, clock):
    clock["day"] = date(2025, 4, 30)
    app = s.register(agency, new(date(2025, 3, 3)))
    registered = app.events.get(kind="registered")
    refused(s.CaseStateError, "登记记录不能作废", c.void_event, app, registered.pk, "录错")
    s.request_correction(app, date(2025, 3, 5), date(2025, 3, 19), "请写明年份")
    s.receive_correction(app, date(2025, 3, 12))
    asked = app.events.get(kind="correction_requested")
    refused(s.CaseStateError, r"只能作废最近一项办理记录（2025-03-12 收到补正材料）", c.void_event, app, asked.pk, "录错")
    other = s.register(agency, new(date(2025, 3, 3)))
    refused(s.CaseInvalid, "这件申请没有这项办理记录", c.void_event, other, asked.pk, "录错")
    c.void_event(app, app.events.get(kind="correction_received").pk, "录错")
    c.void_event(app, asked.pk, "其实不需要补正")  # now the latest: voided from the newest back
    app.refresh_from_db()
    assert app.state == "processing" and app.due_on == date(2025, 3, 31)
    voiding = app.events.filter(kind="voided").first()
    refused(s.CaseStateError, "更正记录本身不能作废", c.void_event, app, voiding.pk, "录错")


def test_voiding_an_answer_reopens_the_case_and_moves_its_count(agency, clock):
    clock["day"] = date(2025, 4, 30)
    app = s.register(agency, new(date(2025, 3, 3)))
    s.answer(app, date(2025, 3, 20), "granted")
    assert tally.tables_by_agency([agency.pk], 2025)[agency.pk]["requests.granted.total"] == 1
    c.void_event(app, app.events.get(kind="answered").pk, "误记在这件申请上")
    app.refresh_from_db()
    assert (app.state, app.outcome, app.closed_on) == ("processing", None, None)
    counted = tally.tables_by_agency([agency.pk], 2025)[agency.pk]
    assert counted["requests.granted.total"] == 0 and counted["requests.carried_forward.total"] == 1
    assert counted == {p: stats.report_tables(agency, 2025).value(p) for p in counted}
    s.answer(app, date(2025, 3, 21), "denied_state_secret")
    app.refresh_from_db()
    assert (app.outcome, app.closed_on) == ("denied_state_secret", date(2025, 3, 21))


# --- the applicant's details and the request -----------------------------------------------------

def test_details_are_corrected_as_an_event_with_old_and_new_values(agency, clerk, clock):
    clock["day"] = date(2025, 4, 30)
    app = s.register(agency, new(date(2025, 3, 3)), clerk)
    s.answer(app, date(2025, 3, 20), "granted")
    assert tally.tables_by_agency([agency.pk], 2025)[agency.pk]["requests.granted.natural_person"] == 1
    c.correct_details(app, {"applicant_kind": "legal_service", "applicant_name": "湘潭某律师事务所", "phone": "13800000000",
                            "description": "2024年法律援助经费使用情况 "}, "登记时类型选错", clerk)
    app.refresh_from_db()
    assert (app.applicant_kind, app.applicant_name) == ("legal_service", "湘潭某律师事务所")
    event = app.events.get(kind="details_corrected")
    assert event.actor == clerk and event.reason == "登记时类型选错" and event.on == date(2025, 4, 30)
    assert event.data["changes"] == {"applicant_kind": {"from": "natural_person", "to": "legal_service"},
                                     "applicant_name": {"from": "张三", "to": "湘潭某律师事务所"}}  # unchanged fields not recorded
    counted = tally.tables_by_agency([agency.pk], 2025)[agency.pk]
    assert (counted["requests.granted.natural_person"], counted["requests.granted.legal_service"]) == (0, 1)
    assert counted == {p: stats.report_tables(agency, 2025).value(p) for p in counted}


def test_bad_corrections_of_details_are_refused(agency, clock):
    app = s.register(agency, new(date(2025, 3, 3)))
    refused(s.CaseInvalid, "请说明更正的理由", c.correct_details, app, {"applicant_name": "李四"}, "")
    refused(s.CaseInvalid, "没有需要更正的内容", c.correct_details, app, {"applicant_name": "张三"}, "录错")
    refused(s.CaseInvalid, "申请人姓名或名称不能为空", c.correct_details, app, {"applicant_name": " "}, "录错")
    refused(s.CaseInvalid, "请至少保留一种联系方式", c.correct_details, app, {"phone": ""}, "录错")
    refused(s.CaseInvalid, "电子邮箱格式不正确", c.correct_details, app, {"email": "not-an-address"}, "录错")
    refused(s.CaseInvalid, "未知的申请人类型", c.correct_details, app, {"applicant_kind": "alien"}, "录错")
    refused(s.CaseInvalid, "不能在此更正", c.correct_details, app, {"received_on": "2025-01-01"}, "录错")
    refused(s.CaseInvalid, "不能超过100个字符", c.correct_details, app, {"applicant_name": "张" * 101}, "录错")


# --- 重新答复 ------------------------------------------------------------------------------------------

def test_reanswer_after_a_corrected_appeal_in_the_same_year_replaces_the_row(agency, clock):
    clock["day"] = date(2025, 9, 30)
    app = s.register(agency, new(date(2025, 3, 3)))
    s.answer(app, date(2025, 3, 20), "denied_process_information")
    refused(s.CaseStateError, "结果为“纠正”的申请才能重新答复", c.reanswer, app, date(2025, 5, 1), "granted")
    appeal = s.add_appeal(app, "reconsideration", date(2025, 4, 10))
    refused(s.CaseStateError, "结果为“纠正”的申请才能重新答复", c.reanswer, app, date(2025, 5, 1), "granted")
    s.decide_appeal(appeal, "corrected", date(2025, 6, 5))
    refused(s.CaseInvalid, r"不能早于纠正决定之日（2025-06-05）", c.reanswer, app, date(2025, 6, 4), "granted")
    refused(s.CaseInvalid, "不能选择逾期不补正", c.reanswer, app, date(2025, 6, 20), "other_no_correction")
    refused(s.CaseInvalid, "日期不能晚于今天", c.reanswer, app, date(2025, 10, 1), "granted")
    c.reanswer(app, date(2025, 6, 20), "granted", reason="按复议决定重新答复")
    app.refresh_from_db()
    assert (app.state, app.outcome, app.closed_on) == ("closed", "granted", date(2025, 6, 20))
    doc = stats.report_tables(agency, 2025)
    # one application, one row (the R04 note; T3-BAL): the re-answer's, not the first answer's
    assert (doc.value("requests.granted.total"), doc.value("requests.denied_process_information.total")) == (1, 0)
    assert (doc.value("requests.new_received.total"), doc.value("requests.total.total")) == (1, 1)
    assert (doc.value("appeals.reconsideration.corrected"), doc.value("appeals.reconsideration.total")) == (1, 1)
    counted = tally.tables_by_agency([agency.pk], 2025)[agency.pk]
    assert counted == {p: doc.value(p) for p in counted}
    refused(s.CaseStateError, "已经按纠正决定重新答复过", c.reanswer, app, date(2025, 7, 1), "partially_granted")


def test_reanswer_in_a_later_year_leaves_the_reported_year_as_it_was(agency, clock):
    clock["day"] = date(2026, 3, 31)
    app = s.register(agency, new(date(2025, 11, 3)))
    s.answer(app, date(2025, 11, 20), "unable_not_held")
    appeal = s.add_appeal(app, "litigation_direct", date(2025, 12, 10))
    s.decide_appeal(appeal, "corrected", date(2026, 2, 5))
    before = {y: stats.report_tables(agency, y) for y in (2025, 2026)}
    c.reanswer(app, date(2026, 2, 20), "granted")
    app.refresh_from_db()
    assert (app.outcome, app.closed_on) == ("unable_not_held", date(2025, 11, 20))  # the row 2025 reported
    event = app.events.get(kind="reanswered")
    assert event.data["outcome"] == "granted"
    assert any("不再重复统计" in line for line in s.timeline(app).working)
    for year in (2025, 2026):
        doc = stats.report_tables(agency, year)
        paths = [p for p in before[year].cells]
        assert {p: doc.value(p) for p in paths} == {p: before[year].value(p) for p in paths}
        counted = tally.tables_by_agency([agency.pk], year)[agency.pk]
        assert counted == {p: doc.value(p) for p in counted}
    doc25, doc26 = stats.report_tables(agency, 2025), stats.report_tables(agency, 2026)
    assert doc25.value("requests.unable_not_held.total") == 1 and doc26.value("requests.total.total") == 0
    assert doc25.value("appeals.litigation_direct.pending") == 1  # decided after Dec 31: 尚未审结 in 2025


# --- assignment --------------------------------------------------------------------------------------

def test_a_case_is_assigned_to_a_named_clerk_of_the_agency(agency, county, clerk, clock):
    app = s.register(agency, new(date(2025, 3, 3)))
    outsider = User.objects.create_user("outsider", password="x", first_name="孙外单位")
    Membership.objects.create(user=outsider, agency=county, role=Role.CLERK)
    refused(s.CaseInvalid, "“孙外单位”不是本机关的工作人员", c.assign, app, outsider)
    c.assign(app, clerk, clerk)
    app.refresh_from_db()
    assert app.assignee == clerk
    event = app.events.get(kind="assigned")
    assert event.data == {"assignee": clerk.pk, "name": "李经办"} and event.actor == clerk
    refused(s.CaseStateError, "已由李经办承办", c.assign, app, clerk)
    s.answer(app, date(2025, 3, 20), "granted")
    refused(s.CaseStateError, "已办结，不能再指定承办人", c.assign, app, outsider)
