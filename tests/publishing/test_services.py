"""The life of a publication through the services: every review path, publishing with its 索引号,
withdrawal, correction, and who may do what."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from zfxxgk.approvals import queries as approval_queries
from zfxxgk.approvals import services as approvals
from zfxxgk.approvals.models import Kind, State, Verdict
from zfxxgk.publishing import services
from zfxxgk.publishing.models import Policy, Publication, PubState, Resolution

from publishing.conftest import review

pytestmark = pytest.mark.django_db
PublishingError = services.PublishingError


def refused(status: int, fn, *args, **kwargs) -> str:
    with pytest.raises(PublishingError) as exc:
        fn(*args, **kwargs)
    assert exc.value.status == status, exc.value.message
    return exc.value.message


# -- create and edit ----------------------------------------------------------------------------------

def test_create_makes_a_draft_that_is_its_own_series(draft, clerk):
    pub = draft(title="  关于  做好2025年普法工作的通知 ", body="第一段\n第二段")
    assert pub.state == PubState.DRAFT
    assert pub.series_id == pub.pk and pub.version == 1
    assert pub.title == "关于 做好2025年普法工作的通知"
    assert pub.body == "<p>第一段</p><p>第二段</p>" and pub.body_text == "第一段\n第二段"
    assert pub.created_by == clerk
    assert not Publication.objects.public().exists()


def test_create_refuses_a_column_of_another_agency_a_future_day_and_no_title(agency, catalogue, other_agency, clerk, clock):
    from zfxxgk.publishing.models import Column

    theirs = Column.objects.filter(agency=other_agency).first()
    assert "栏目" in refused(400, services.create, agency, clerk, column=theirs, title="标题", written_on=clock["day"])
    assert "成文日期不能晚于今天" in refused(400, services.create, agency, clerk, column=catalogue["gzdt"], title="标题",
                                               written_on=clock["day"] + timedelta(days=1))
    assert "请填写标题" in refused(400, services.create, agency, clerk, column=catalogue["gzdt"], title=" \u200b ", written_on=clock["day"])
    assert "控制字符" in refused(400, services.create, agency, clerk, column=catalogue["gzdt"], title="标\x00题", written_on=clock["day"])
    assert not Publication.objects.exists()


def test_only_the_agencys_writers_create(agency, catalogue, supervisor, stranger, outsider, clock):
    for user in (supervisor, stranger, outsider):
        refused(403, services.create, agency, user, column=catalogue["gzdt"], title="标题", written_on=clock["day"])
    assert not Publication.objects.exists()


def test_update_sanitises_the_body_and_clears_the_declaration(draft, clerk):
    pub = draft()
    services.declare(pub, clerk)
    assert pub.declared_by == clerk
    services.update(pub, clerk, body='<p onclick="x()">新正文</p><script>alert(1)</script>', doc_number="湘司发〔2025〕3号")
    pub.refresh_from_db()
    assert pub.body == "<p>新正文</p>" and pub.body_text == "新正文"
    assert pub.doc_number == "湘司发〔2025〕3号"
    assert pub.declared_at is None and pub.declared_by is None


def test_update_refuses_unknown_fields(draft, clerk):
    with pytest.raises(TypeError):
        services.update(draft(), clerk, state="published")


# -- the review chain ------------------------------------------------------------------------------------

def test_approve_through_both_steps_then_the_office_publishes(draft, clerk, head, leader, clock):
    pub = draft()
    services.declare(pub, clerk)
    approval = services.submit(pub, clerk, note="请审核")
    assert pub.state == PubState.PENDING
    assert approval.kind == Kind.PUBLICATION and approval.steps == ["head", "leader"]
    assert list(approval_queries.waiting_for(head)) == [approval]
    assert not approval_queries.waiting_for(leader).exists()

    services.decide(pub, head, approve=True, comment="同意")
    assert pub.state == PubState.PENDING
    assert list(approval_queries.waiting_for(leader)) == [approval]
    services.decide(pub, leader, approve=True)
    assert pub.state == PubState.APPROVED
    assert not Publication.objects.public().exists()  # approved is not public: the office publishes

    clock["day"] = date(2025, 7, 2)
    services.publish(pub, clerk)
    pub.refresh_from_db()
    assert pub.state == PubState.PUBLISHED and pub.published_on == date(2025, 7, 2) and pub.published_by == clerk
    assert pub.index_number == "xtxsfj/2025-00001"
    assert list(Publication.objects.public()) == [pub]
    verdicts = [(d.verdict, d.role) for d in approval_queries.history(pub)]
    assert verdicts == [(Verdict.SUBMIT, ""), (Verdict.APPROVE, "head"), (Verdict.APPROVE, "leader")]


@pytest.mark.parametrize("step", [0, 1])
def test_a_return_at_either_step_sends_it_back_to_draft(draft, clerk, head, leader, step):
    pub = draft()
    services.declare(pub, clerk)
    services.submit(pub, clerk)
    if step == 1:
        services.decide(pub, head, approve=True)
    reviewer = (head, leader)[step]
    assert "退回意见" in str(pytest.raises(approvals.ApprovalError, services.decide, pub, reviewer, approve=False).value)
    services.decide(pub, reviewer, approve=False, comment="第二段表述不准确")
    assert pub.state == PubState.DRAFT
    assert approval_queries.approvals_of(pub).first().state == State.RETURNED
    services.update(pub, clerk, body="<p>已修改</p>")  # editable again
    services.declare(pub, clerk)
    services.submit(pub, clerk)  # and submitted again
    assert pub.state == PubState.PENDING


def test_the_submitter_withdraws_the_approval(draft, clerk, head):
    pub = draft()
    services.declare(pub, clerk)
    approval = services.submit(pub, clerk)
    with pytest.raises(approvals.ApprovalError):
        approvals.withdraw(approval, head)  # only the submitter
    approvals.withdraw(approval, clerk)
    pub.refresh_from_db()
    assert pub.state == PubState.DRAFT
    refused(409, services.decide, pub, head, approve=True)


def test_a_policy_with_one_step(agency, draft, clerk, leader):
    Policy.objects.create(agency=agency, review_steps=["leader"], index_pattern="湘司公开〔{year}〕{seq}号")
    pub = draft()
    services.declare(pub, clerk)
    services.submit(pub, clerk)
    services.decide(pub, leader, approve=True)
    services.publish(pub, clerk)
    assert pub.index_number == "湘司公开〔2025〕1号"


def test_a_policy_with_an_impossible_step_is_a_clear_refusal(agency, draft, clerk):
    Policy.objects.create(agency=agency, review_steps=["supervisor"])
    pub = draft()
    services.declare(pub, clerk)
    assert "审核环节设置有误" in refused(409, services.submit, pub, clerk)
    pub.refresh_from_db()
    assert pub.state == PubState.DRAFT


# -- refusals ------------------------------------------------------------------------------------------

def test_submit_without_the_declaration_is_refused(draft, clerk):
    pub = draft()
    assert "保密审查声明" in refused(409, services.submit, pub, clerk)
    assert pub.state == PubState.DRAFT and not approval_queries.approvals_of(pub).exists()


def test_double_submit_is_refused(draft, clerk):
    pub = draft()
    services.declare(pub, clerk)
    services.submit(pub, clerk)
    stale = Publication.objects.get(pk=pub.pk)
    stale.state = PubState.DRAFT  # a page loaded before the first submission
    refused(409, services.submit, stale, clerk)
    assert approval_queries.approvals_of(pub).count() == 1


def test_nothing_changes_while_pending(draft, clerk, head, isolated):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pub = draft()
    services.declare(pub, clerk)
    services.submit(pub, clerk)
    refused(409, services.update, pub, clerk, title="新标题")
    refused(409, services.add_attachment, pub, clerk, SimpleUploadedFile("a.txt", "说明".encode()))
    refused(409, services.declare, pub, clerk)
    refused(409, services.publish, pub, clerk)  # not approved yet
    refused(409, services.start_correction, pub, clerk, "理由")
    pub.refresh_from_db()
    assert pub.title == "湘潭县司法局2025年上半年工作动态"


def test_wrong_roles_are_refused(draft, clerk, head, leader, supervisor, stranger, outsider):
    pub = draft()
    services.declare(pub, clerk)
    services.submit(pub, clerk)
    for user in (clerk, leader, supervisor, stranger, outsider):  # the first step is the head's
        refused(403, services.decide, pub, user, approve=True)
    services.decide(pub, head, approve=True)
    refused(403, services.decide, pub, head, approve=True)  # the second is the leader's
    services.decide(pub, leader, approve=True)
    for user in (supervisor, stranger, outsider):
        refused(403, services.publish, pub, user)
    services.publish(pub, head)  # the office: any writer of the agency
    for user in (supervisor, stranger, outsider):
        refused(403, services.withdraw, pub, user, "过时")
        refused(403, services.start_correction, pub, user, "有误")


def test_a_supervisor_never_writes(draft, clerk, supervisor):
    pub = draft()
    refused(403, services.update, pub, supervisor, title="改")
    refused(403, services.declare, pub, supervisor)
    refused(403, services.submit, pub, supervisor)
    refused(403, services.start_correction, pub, supervisor, "有误")
    pub.refresh_from_db()
    assert pub.title != "改" and pub.declared_at is None and pub.state == PubState.DRAFT


# -- publish, withdraw, correct ------------------------------------------------------------------------

def test_withdraw_takes_it_off_the_public_site(make_published, clerk):
    pub = make_published()
    assert "撤回原因" in refused(400, services.withdraw, pub, clerk, "  ")
    services.withdraw(pub, clerk, "信息已过时效")
    pub.refresh_from_db()
    assert pub.state == PubState.WITHDRAWN and pub.withdrawn_reason == "信息已过时效" and pub.withdrawn_at
    assert not Publication.objects.public().exists()
    refused(409, services.withdraw, pub, clerk, "再撤一次")
    refused(409, services.start_correction, pub, clerk, "更正")


def test_a_correction_is_reviewed_and_published_and_supersedes_the_old_version(make_published, clerk, head, leader, clock):
    old = make_published(body="<p>全年办理案件120件。</p>")
    new = services.start_correction(old, clerk, "案件数字有误")
    assert (new.state, new.version, new.series_id, new.correction_reason) == (PubState.DRAFT, 2, old.pk, "案件数字有误")
    assert new.index_number == old.index_number and new.body == old.body
    refused(409, services.start_correction, old, clerk, "再更正一次")  # one correction at a time
    assert list(Publication.objects.public()) == [old]  # the old version stays public meanwhile

    services.update(new, clerk, body="<p>全年办理案件121件。</p>")
    review(new, clerk, head, leader)
    old.refresh_from_db()
    assert old.state == PubState.PUBLISHED  # until the office publishes
    clock["day"] = date(2025, 7, 10)
    services.publish(new, clerk)
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.state == PubState.SUPERSEDED
    assert new.state == PubState.PUBLISHED and new.published_on == date(2025, 7, 10) and new.index_number == old.index_number
    assert list(Publication.objects.public()) == [new]
    # and a third version replaces the second
    third = services.start_correction(new, clerk, "标题有误")
    services.update(third, clerk, title="更正后的标题")
    services.publish(review(third, clerk, head, leader), clerk)
    assert list(Publication.objects.filter(series_id=old.pk).order_by("version").values_list("state", flat=True)) == [
        PubState.SUPERSEDED, PubState.SUPERSEDED, PubState.PUBLISHED]


def test_index_numbers_count_per_agency_and_year(make_published, clock, agency, other_agency, catalogue):
    first = make_published(title="第一条")
    second = make_published(title="第二条")
    clock["day"] = date(2026, 1, 5)
    third = make_published(title="新年第一条", written_on=date(2026, 1, 5))
    assert [p.index_number for p in (first, second, third)] == ["xtxsfj/2025-00001", "xtxsfj/2025-00002", "xtxsfj/2026-00001"]


def test_a_bad_index_pattern_is_a_clear_refusal(agency, draft, clerk, head, leader):
    Policy.objects.create(agency=agency, index_pattern="{code}/{nope}")
    pub = review(draft(), clerk, head, leader)
    assert "索引号格式" in refused(409, services.publish, pub, clerk)
    pub.refresh_from_db()
    assert pub.state == PubState.APPROVED and pub.index_number == ""


def test_publishing_twice_is_refused(make_published, clerk):
    pub = make_published()
    refused(409, services.publish, pub, clerk)


def test_every_change_of_public_state_reaches_the_search_index(make_published, clerk, head, leader, monkeypatch):
    from zfxxgk.publishing import search

    seen = []
    monkeypatch.setattr(search, "update", lambda pub: seen.append((pub.pk, pub.state)))
    pub = make_published()
    assert seen == [(pub.pk, PubState.PUBLISHED)]
    new = services.start_correction(pub, clerk, "有误")
    services.publish(review(new, clerk, head, leader), clerk)
    assert seen[1:] == [(pub.pk, PubState.SUPERSEDED), (new.pk, PubState.PUBLISHED)]
    services.withdraw(new, clerk, "过时")
    assert seen[3:] == [(new.pk, PubState.WITHDRAWN)]


def test_objection_names_the_open_findings(draft):
    pub = draft(body="联系电话13812345678")
    assert "1项" in services.objection(pub)
    pub.hits.update(resolution=Resolution.ALLOWED)
    assert services.objection(pub) is None
