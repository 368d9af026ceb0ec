"""The one sign-off mechanism: roles, order of steps, comments on return, one pending per subject."""
from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from zfxxgk.approvals import queries, services
from zfxxgk.approvals.models import Approval, Kind, State, Verdict
from zfxxgk.approvals.services import ApprovalError


def ask(subject, agency, user, steps=("leader",), **kw):
    return services.submit(subject, kind=Kind.PUBLICATION, agency=agency, user=user, steps=list(steps), title="关于某事项的审核", **kw)


def test_submit_records_the_submission_and_waits_for_the_leader(subject, agency, staff):
    approval = ask(subject, agency, staff["clerk"], note="请审核")
    assert approval.state == State.PENDING and approval.current_role == "leader"
    assert approval.subject == subject
    [d] = queries.history(subject)
    assert (d.verdict, d.user, d.comment) == (Verdict.SUBMIT, staff["clerk"], "请审核")
    assert list(queries.waiting_for(staff["leader"])) == [approval]
    assert queries.pending_for(subject) == approval


def test_leader_approves_and_the_subject_hears_it_once(subject, agency, staff):
    approval = ask(subject, agency, staff["clerk"])
    services.decide(approval, staff["leader"], approve=True, comment="同意")
    approval.refresh_from_db()
    assert approval.state == State.APPROVED and approval.decided_at is not None
    assert subject.seen.calls == [("approved", subject.pk, staff["leader"].pk)]
    assert list(queries.waiting_for(staff["leader"])) == []
    with pytest.raises(ApprovalError) as err:
        services.decide(approval, staff["leader2"], approve=True)
    assert err.value.status == 409 and "已通过" in err.value.message
    assert len(subject.seen.calls) == 1


@pytest.mark.parametrize("who", ["clerk", "head", "supervisor", "other_leader", "superuser"])
def test_only_the_current_roles_holder_in_that_agency_decides(subject, agency, staff, who):
    approval = ask(subject, agency, staff["clerk"])
    with pytest.raises(ApprovalError) as err:
        services.decide(approval, staff[who], approve=True)
    assert err.value.status == 403 and "机关分管领导" in err.value.message
    approval.refresh_from_db()
    assert approval.state == State.PENDING and subject.seen.calls == []
    assert list(queries.waiting_for(staff[who])) == []


def test_a_leader_who_cannot_write_there_does_not_decide(subject, agency, staff, monkeypatch):
    from zfxxgk.agencies import access

    approval = ask(subject, agency, staff["clerk"])
    monkeypatch.setattr(access, "writable_agency_ids", lambda user: set())
    with pytest.raises(ApprovalError) as err:
        services.decide(approval, staff["leader"], approve=True)
    assert err.value.status == 403
    assert list(queries.waiting_for(staff["leader"])) == []


def test_returning_needs_a_comment_and_keeps_it(subject, agency, staff):
    approval = ask(subject, agency, staff["clerk"])
    with pytest.raises(ApprovalError) as err:
        services.decide(approval, staff["leader"], approve=False, comment="  ")
    assert "退回意见" in err.value.message
    approval.refresh_from_db()
    assert approval.state == State.PENDING
    services.decide(approval, staff["leader"], approve=False, comment="第三部分数字有误")
    approval.refresh_from_db()
    assert approval.state == State.RETURNED
    assert subject.seen.calls == [("returned", subject.pk, staff["leader"].pk)]
    assert [(d.verdict, d.comment) for d in queries.history(subject)] == [(Verdict.SUBMIT, ""), (Verdict.RETURN, "第三部分数字有误")]


def test_typed_comments_pass_the_systems_text_rule(subject, agency, staff):
    with pytest.raises(ApprovalError, match="提交说明"):
        ask(subject, agency, staff["clerk"], note="请\x00审核")
    approval = ask(subject, agency, staff["clerk"], note="请\u200b审核")  # zero-width dropped
    with pytest.raises(ApprovalError, match="意见说明"):
        services.decide(approval, staff["leader"], approve=False, comment="数字\u202e有误")
    approval.refresh_from_db()
    assert approval.state == State.PENDING
    assert [d.comment for d in queries.history(subject)] == ["请审核"]


def test_steps_are_decided_in_order(subject, agency, staff):
    approval = ask(subject, agency, staff["clerk"], steps=("head", "leader"))
    assert list(queries.waiting_for(staff["leader"])) == []
    assert list(queries.waiting_for(staff["head"])) == [approval]
    with pytest.raises(ApprovalError):
        services.decide(approval, staff["leader"], approve=True)
    services.decide(approval, staff["head"], approve=True)
    approval.refresh_from_db()
    assert (approval.state, approval.step, approval.current_role) == (State.PENDING, 1, "leader")
    assert subject.seen.calls == []
    assert list(queries.waiting_for(staff["head"])) == []
    assert list(queries.waiting_for(staff["leader"])) == [approval]
    services.decide(approval, staff["leader"], approve=True)
    approval.refresh_from_db()
    assert approval.state == State.APPROVED
    assert [d.role for d in queries.history(subject)] == ["", "head", "leader"]


def test_one_pending_approval_per_subject(subject, agency, staff):
    first = ask(subject, agency, staff["clerk"])
    with pytest.raises(ApprovalError) as err:
        ask(subject, agency, staff["head"])
    assert err.value.status == 409 and "已在审核中" in err.value.message
    assert Approval.objects.count() == 1
    # the database constraint is the last guard, whatever the service does
    with pytest.raises(IntegrityError), transaction.atomic():
        Approval.objects.create(kind=Kind.REPLY, agency=agency, content_type=first.content_type, object_id=subject.pk, title="x", steps=["leader"])
    services.decide(first, staff["leader"], approve=False, comment="改")
    second = ask(subject, agency, staff["clerk"])  # returned: it may be submitted again
    assert second.pk != first.pk


def test_a_failing_subject_rolls_the_decision_back(subject, agency, staff):
    approval = ask(subject, agency, staff["clerk"])
    subject.seen.fail = True
    with pytest.raises(RuntimeError):
        services.decide(approval, staff["leader"], approve=True)
    approval.refresh_from_db()
    assert approval.state == State.PENDING
    assert [d.verdict for d in queries.history(subject)] == [Verdict.SUBMIT]


def test_withdraw_by_the_submitter_only_while_pending(subject, agency, staff):
    approval = ask(subject, agency, staff["clerk"])
    with pytest.raises(ApprovalError) as err:
        services.withdraw(approval, staff["head"])
    assert err.value.status == 403
    services.withdraw(approval, staff["clerk"])
    approval.refresh_from_db()
    assert approval.state == State.WITHDRAWN
    with pytest.raises(ApprovalError):
        services.withdraw(approval, staff["clerk"])
    with pytest.raises(ApprovalError):
        services.decide(approval, staff["leader"], approve=True)


def test_bad_steps_are_a_programming_error(subject, agency, staff):
    for steps in ([], ["supervisor"], ["boss"], ["leader"] * 6):
        with pytest.raises(ValueError):
            ask(subject, agency, staff["clerk"], steps=steps)
    assert Approval.objects.count() == 0
