"""Sign-off of casework through the one approval chain (issue 11 item 6): an extension approved,
shortened or refused by the office head with a reason; replies signed off by the leader where the
agency requires it; what waits shows in each reviewer's queue, with its count."""
from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User

from zfxxgk.agencies.models import Membership, Role
from zfxxgk.approvals import queries, services as approvals
from zfxxgk.approvals.models import Approval
from zfxxgk.cases import services as s
from zfxxgk.cases.models import Event

pytestmark = pytest.mark.django_db


def person(agency, username: str, name: str, role: str) -> User:
    user = User.objects.create_user(username, password="x", first_name=name)
    Membership.objects.create(user=user, agency=agency, role=role)
    return user


@pytest.fixture
def staff(agency):
    return {
        "clerk": person(agency, "clerk", "李经办", Role.CLERK),
        "head": person(agency, "head", "王主任", Role.HEAD),
        "leader": person(agency, "leader", "赵局长", Role.LEADER),
    }


@pytest.fixture
def extended(agency, staff, clock):
    """A case received 3/3 (due 3/31) whose clerk asked on 3/20 for 10 more working days."""
    clock["day"] = date(2025, 3, 25)
    app = s.register(agency, s.NewApplication("natural_person", "张三", "某文件", "in_person", date(2025, 3, 3), phone="1"), staff["clerk"])
    s.request_extension(app, date(2025, 3, 20), 10, "涉及档案查找，工作量大", staff["clerk"])
    app.refresh_from_db()
    return app


def kinds(app) -> list[str]:
    return list(app.events.order_by("id").values_list("kind", flat=True))


def test_an_extension_waits_in_the_heads_queue_with_a_count(extended, staff):
    waiting = list(queries.waiting_for(staff["head"]))
    assert len(waiting) == 1 and waiting[0].kind == "extension" and "延长答复期限 10 个工作日" in waiting[0].title
    assert waiting[0].subject == extended.events.get(kind="extension_requested")
    assert queries.waiting_for(staff["leader"]).count() == 0 and queries.waiting_for(staff["clerk"]).count() == 0
    assert extended.due_on == date(2025, 3, 31)  # not extended until approved
    with pytest.raises(s.CaseStateError, match="正在等待负责人审批"):
        s.request_extension(extended, date(2025, 3, 21), 5, "再申请", staff["clerk"])


def test_the_head_approves_as_asked(extended, staff):
    s.approve_extension(extended, date(2025, 3, 24), staff["head"], "同意")
    extended.refresh_from_db()
    assert extended.due_on == date(2025, 4, 15)  # 3/31 + 10 working days (清明 4/4 off)
    approval = Approval.objects.get()
    assert approval.state == "approved" and [d.verdict for d in approval.decisions.all()] == ["submit", "approve"]
    event = extended.events.get(kind="extension_approved")
    assert event.actor == staff["head"] and event.data == {"days": 10, "approver": "王主任"} and event.reason == "同意"
    assert queries.waiting_for(staff["head"]).count() == 0


def test_the_head_shortens_with_a_reason(extended, staff):
    with pytest.raises(s.CaseInvalid, match="缩短延长期限时，请说明理由"):
        s.approve_extension(extended, date(2025, 3, 24), staff["head"], "", days=5)
    with pytest.raises(s.CaseInvalid, match=r"批准延长的期限应为1至10个工作日"):
        s.approve_extension(extended, date(2025, 3, 24), staff["head"], "多给几天", days=15)
    assert kinds(extended) == ["registered", "extension_requested"] and Approval.objects.get().state == "pending"
    s.approve_extension(extended, date(2025, 3, 24), staff["head"], "档案已找到大部分，5个工作日足够", days=5)
    extended.refresh_from_db()
    assert extended.due_on == date(2025, 4, 8)  # 3/31 + 5 working days (4/4 off)
    event = extended.events.get(kind="extension_approved")
    assert event.data == {"days": 5, "approver": "王主任", "requested": 10}
    assert any("延长 5 个工作日" in line for line in s.timeline(extended).working)


def test_the_head_refuses_with_a_reason_and_the_due_date_stays(extended, staff):
    with pytest.raises(s.CaseInvalid, match="不同意延期时，请说明理由"):
        s.refuse_extension(extended, date(2025, 3, 24), staff["head"], " ")
    with pytest.raises(s.CaseForbidden, match="负责人"):
        s.refuse_extension(extended, date(2025, 3, 24), staff["clerk"], "不同意")
    s.refuse_extension(extended, date(2025, 3, 24), staff["head"], "理由不充分，请按期答复")
    extended.refresh_from_db()
    assert extended.due_on == date(2025, 3, 31)
    event = extended.events.get(kind="extension_refused")
    assert event.actor == staff["head"] and event.reason == "理由不充分，请按期答复" and event.data["approver"] == "王主任"
    assert Approval.objects.get().state == "returned"
    t = s.timeline(extended)
    assert not t.extension_requested and t.extension_days == 0
    # refused is not extended: the clerk may ask again, better argued
    s.request_extension(extended, date(2025, 3, 25), 5, "第三方档案需调取", staff["clerk"])
    assert queries.waiting_for(staff["head"]).count() == 1


def test_deciding_on_the_approvals_page_appends_the_cases_event(extended, staff, clock):
    approval = queries.waiting_for(staff["head"]).get()
    approvals.decide(approval, staff["head"], approve=True, comment="同意延期")
    extended.refresh_from_db()
    assert extended.due_on == date(2025, 4, 15)
    event = extended.events.get(kind="extension_approved")
    assert event.on == date(2025, 3, 25) and event.reason == "同意延期"  # decided today, with the head's comment


def test_an_extension_after_the_due_date_is_objected_on_the_approvals_page(extended, staff, clock):
    clock["day"] = date(2025, 4, 1)
    approval = queries.waiting_for(staff["head"]).get()
    with pytest.raises(approvals.ApprovalError, match="答复期限已于 2025-03-31 届满"):
        approvals.decide(approval, staff["head"], approve=True)
    assert kinds(extended) == ["registered", "extension_requested"]


def test_a_withdrawn_extension_request_is_voided(extended, staff):
    approval = queries.waiting_for(staff["head"]).get()
    approvals.withdraw(approval, staff["clerk"])
    t = s.timeline(extended)
    assert not t.extension_requested and extended.events.get(kind="extension_requested").pk in t.voided


# --- 审签 of replies -----------------------------------------------------------------------------------

@pytest.fixture
def signing(agency, staff, clock):
    agency.reply_signoff = True
    agency.save()
    clock["day"] = date(2025, 3, 25)
    return s.register(agency, s.NewApplication("natural_person", "张三", "某文件", "in_person", date(2025, 3, 3), phone="1"), staff["clerk"])


def test_a_reply_waits_for_the_leaders_signoff_and_is_issued_the_day_signed(signing, staff, clock):
    s.answer(signing, date(2025, 3, 20), "granted", staff["clerk"], "已提供")
    signing.refresh_from_db()
    assert signing.state == "processing" and signing.outcome is None and kinds(signing)[-1] == "reply_submitted"
    assert s.timeline(signing).reply_pending
    with pytest.raises(s.CaseStateError, match="正在等待分管领导审签"):
        s.answer(signing, date(2025, 3, 21), "granted", staff["clerk"])
    approval = queries.waiting_for(staff["leader"]).get()
    assert approval.kind == "reply" and queries.waiting_for(staff["head"]).count() == 0
    with pytest.raises(approvals.ApprovalError):
        approvals.decide(approval, staff["head"], approve=True)  # the head is not the leader
    clock["day"] = date(2025, 3, 26)
    approvals.decide(approval, staff["leader"], approve=True, comment="同意")
    signing.refresh_from_db()
    assert (signing.state, signing.outcome, signing.closed_on) == ("closed", "granted", date(2025, 3, 26))
    answered = signing.events.get(kind="answered")
    assert answered.actor == staff["clerk"] and answered.data == {"outcome": "granted", "signed_by": "赵局长"}


def test_a_reply_returned_by_the_leader_goes_back_to_the_clerk(signing, staff):
    s.answer(signing, date(2025, 3, 20), "denied_state_secret", staff["clerk"])
    approval = queries.waiting_for(staff["leader"]).get()
    approvals.decide(approval, staff["leader"], approve=False, comment="依据不足，请核实是否属于国家秘密")
    signing.refresh_from_db()
    assert signing.state == "processing" and kinds(signing)[-1] == "reply_returned"
    assert signing.events.get(kind="reply_returned").reason == "依据不足，请核实是否属于国家秘密"
    assert not s.timeline(signing).reply_pending
    s.answer(signing, date(2025, 3, 25), "granted", staff["clerk"])  # a new draft goes to the leader again
    assert queries.waiting_for(staff["leader"]).count() == 1


def test_the_leaders_own_reply_and_agencies_without_signoff_close_at_once(signing, agency, staff):
    s.answer(signing, date(2025, 3, 20), "granted", staff["leader"])
    signing.refresh_from_db()
    assert signing.state == "closed" and not Approval.objects.exists()
    agency.reply_signoff = False
    agency.save()
    app = s.register(agency, s.NewApplication("natural_person", "李四", "某文件", "in_person", date(2025, 3, 3), phone="1"), staff["clerk"])
    s.answer(app, date(2025, 3, 20), "granted", staff["clerk"])
    app.refresh_from_db()
    assert app.state == "closed" and not Approval.objects.exists()


def test_a_pending_request_cannot_be_voided_before_it_is_withdrawn(extended, staff):
    from zfxxgk.cases import corrections

    event = Event.objects.get(application=extended, kind="extension_requested")
    with pytest.raises(s.CaseStateError, match="正在审核中"):
        corrections.void_event(extended, event.pk, "录错")


def test_a_reanswer_is_signed_off_too(signing, staff, clock):
    from zfxxgk.cases import corrections

    s.answer(signing, date(2025, 3, 20), "unable_not_held", staff["leader"])  # the leader's own: closed at once
    appeal = s.add_appeal(signing, "reconsideration", date(2025, 3, 21))
    s.decide_appeal(appeal, "corrected", date(2025, 3, 24))
    corrections.reanswer(signing, date(2025, 3, 25), "granted", staff["clerk"], "按复议决定提供")
    signing.refresh_from_db()
    assert signing.outcome == "unable_not_held" and kinds(signing)[-1] == "reply_submitted"
    with pytest.raises(s.CaseStateError, match="正在等待分管领导审签"):
        corrections.reanswer(signing, date(2025, 3, 25), "granted", staff["clerk"])
    approval = queries.waiting_for(staff["leader"]).get()
    assert "重新答复审签" in approval.title
    clock["day"] = date(2025, 3, 26)
    approvals.decide(approval, staff["leader"], approve=True)
    signing.refresh_from_db()
    assert (signing.outcome, signing.closed_on) == ("granted", date(2025, 3, 26))  # same year: the re-answer's row
    event = signing.events.get(kind="reanswered")
    assert event.actor == staff["clerk"] and event.data["signed_by"] == "赵局长" and event.data["appeal"] == appeal.pk
    assert not s.timeline(signing).reply_pending  # issued: nothing waits any more
