"""Mistakes corrected, not deleted; a case answered again; a case given to a clerk.

Like every action (:mod:`.services`), each of these appends an event in one locked transaction and
refuses with a :class:`~.services.CaseError` in Chinese:

* :func:`void_event` — a mistyped step is voided by a 更正 event with its reason; the history keeps
  both, and the replay of deadlines passes over the voided step (:func:`.deadlines.replay`).
* :func:`correct_details` — the applicant's details and the request (条例第二十九条) corrected in the
  workspace, the old and new values kept on the event.
* :func:`reanswer` — 重新答复 after an appeal ended 结果纠正 (条例第五十一条); how table 三 counts it
  is in :func:`.deadlines.replay`.
* :func:`assign` — the named clerk (承办人) who handles the case.
"""
from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from ..agencies.access import WRITE_ROLES
from ..agencies.models import Membership
from .choices import LAPSE_OUTCOMES, ApplicantKind, AppealResult, Delivery, EventKind, IdType, Outcome, RequestedForm, State
from .models import Application
from . import services
from .services import (
    CaseInvalid, CaseStateError, _after_history, _append, _choice, _locked, _not_future, _require, effective_events,
    timeline,
)
from .signoff import name_of

# Events a 更正 cannot void: the registration (correct the details instead) and the records about the
# record — a 更正 is final, appeals have their own rows, an assignment is changed by assigning again.
UNVOIDABLE = {
    EventKind.REGISTERED: "登记记录不能作废；登记的内容有误，请用“更正申请人信息或申请内容”。",
    EventKind.VOIDED: "更正记录本身不能作废。",
    EventKind.DETAILS_CORRECTED: "申请信息的更正不能作废；如有错误，请再次更正。",
    EventKind.ASSIGNED: "承办人记录不能作废；请重新指定承办人。",
    EventKind.APPEAL_FILED: "行政复议和行政诉讼的登记不能在此作废。",
    EventKind.APPEAL_DECIDED: "行政复议和行政诉讼的审结结果不能在此作废。",
}


def void_event(app: Application, event_id: int, reason: str, actor=None) -> Application:
    """Void the latest step of the case (a later step may rest on an earlier one, so they are voided
    from the newest back). Voiding an answer reopens the case; the due date is replayed without it."""
    from ..approvals.queries import pending_for

    reason = reason.strip()
    _require(bool(reason), "请说明作废这项记录的理由。", CaseInvalid)
    with transaction.atomic():
        app = _locked(app)
        event = app.events.filter(pk=event_id).first()
        _require(event is not None, "这件申请没有这项办理记录。", CaseInvalid)
        _require(event.kind not in UNVOIDABLE, UNVOIDABLE.get(event.kind, ""), CaseStateError)
        _require(event.pk not in timeline(app).voided, "这项记录已经作废。", CaseStateError)
        latest = effective_events(app)[-1]
        _require(event.pk == latest.pk, f"只能作废最近一项办理记录（{latest.on} {latest.get_kind_display()}）；"
                 "更早的记录，请先作废其后的记录。", CaseStateError)
        _require(pending_for(event) is None, "这项记录正在审核中，请先在审核中撤回。", CaseStateError)
        _append(app, EventKind.VOIDED, services.today(), actor, reason, voids=event.pk, voided_kind=event.kind,
                voided_on=event.on.isoformat(), voided_label=event.get_kind_display())
        return app


# 条例第二十九条: what the applicant gave; the day of receipt and the channel are not details
# (they are steps: a wrong confirmation is voided and confirmed again).
DETAIL_FIELDS = {
    "applicant_kind": "申请人类型", "applicant_name": "申请人姓名或名称", "id_type": "证件类型",
    "id_number": "证件号码", "contact_person": "联系人", "phone": "联系电话", "email": "电子邮箱",
    "address": "通信地址", "description": "所需政府信息的描述", "document_number": "文号",
    "requested_form": "信息的指定提供形式", "delivery": "获取信息的方式",
}
_CHOICES = {"applicant_kind": ApplicantKind, "id_type": IdType, "requested_form": RequestedForm, "delivery": Delivery}


def correct_details(app: Application, changes: dict[str, str], reason: str, actor=None) -> Application:
    """Correct the applicant's details or the request; the event keeps each field's old and new value.
    Allowed whatever the state: a closed case's applicant kind moves its count in table 三 (the
    tallies follow in the same transaction)."""
    reason = reason.strip()
    _require(bool(reason), "请说明更正的理由（如：登记时录入错误）。", CaseInvalid)
    unknown = set(changes) - set(DETAIL_FIELDS)
    _require(not unknown, f"不能在此更正：{'、'.join(sorted(unknown))}。", CaseInvalid)
    with transaction.atomic():
        app = _locked(app)
        diff = {}
        for name, value in changes.items():
            value = (value or "").strip()
            if name in _CHOICES:
                _choice(value, _CHOICES[name], DETAIL_FIELDS[name])
            max_length = Application._meta.get_field(name).max_length
            _require(max_length is None or len(value) <= max_length, f"{DETAIL_FIELDS[name]}不能超过{max_length}个字符。", CaseInvalid)
            if value != getattr(app, name):
                diff[name] = {"from": getattr(app, name), "to": value}
                setattr(app, name, value)
        _require(bool(diff), "没有需要更正的内容：填写的与现有信息相同。", CaseInvalid)
        _require(bool(app.applicant_name.strip()), "申请人姓名或名称不能为空（条例第二十九条第（一）项）。", CaseInvalid)
        _require(bool(app.description.strip()), "所需政府信息的描述不能为空（条例第二十九条第（二）项）。", CaseInvalid)
        had_contact = any(d["from"] for k, d in diff.items() if k in ("phone", "email", "address"))
        _require(not had_contact or bool(app.phone or app.email or app.address), "请至少保留一种联系方式（条例第二十九条第（一）项）。", CaseInvalid)
        if app.email:
            try:
                validate_email(app.email)
            except ValidationError:
                raise CaseInvalid("电子邮箱格式不正确。") from None
        app.save(update_fields=list(diff))
        _append(app, EventKind.DETAILS_CORRECTED, services.today(), actor, reason, changes=diff,
                fields=[DETAIL_FIELDS[k] for k in diff])
        return app


def reanswer(app: Application, on: date, outcome: str, actor=None, reason: str = "") -> Application:
    """重新答复: after a 行政复议 or 行政诉讼 ended 结果纠正 (条例第五十一条), once per such decision,
    on or after the day of the decision. Where the agency requires 审签, it waits for the leader like
    any reply (:mod:`.signoff`) and is issued the day it is signed."""
    from . import signoff

    with transaction.atomic():
        app = _locked(app)
        _require(app.state == State.CLOSED, "只有已答复办结的申请才能重新答复；办理中的申请请直接答复。", CaseStateError)
        corrected = list(app.appeals.filter(result=AppealResult.CORRECTED, decided_on__isnull=False).order_by("decided_on"))
        _require(bool(corrected), "只有行政复议或行政诉讼结果为“纠正”的申请才能重新答复（条例第五十一条）。", CaseStateError)
        done = sum(1 for e in effective_events(app) if e.kind == EventKind.REANSWERED)
        _require(done < len(corrected), "已经按纠正决定重新答复过。", CaseStateError)
        decision = corrected[done]
        _choice(outcome, Outcome, "办理结果")
        _require(outcome not in LAPSE_OUTCOMES, "重新答复应选择答复的办理结果，不能选择逾期不补正或逾期未缴费。", CaseInvalid)
        _not_future(on)
        _require(on >= decision.decided_on, f"重新答复的日期不能早于纠正决定之日（{decision.decided_on}）。", CaseInvalid)
        _after_history(app, on)
        _require(not timeline(app).reply_pending, "该申请的重新答复正在等待分管领导审签。", CaseStateError)
        if app.agency.reply_signoff and not signoff.is_leader(actor, app.agency_id):
            event = _append(app, EventKind.REPLY_SUBMITTED, on, actor, reason, outcome=outcome, appeal=decision.pk, reanswer=True)
            signoff.submit_reply(app, event, actor)
            return app
        _append(app, EventKind.REANSWERED, on, actor, reason, outcome=outcome, appeal=decision.pk)
        return app


def assignable(agency_id: int):
    """The people a case of the agency can be assigned to: its clerks, heads and leaders."""
    from django.contrib.auth import get_user_model

    ids = Membership.objects.filter(agency_id=agency_id, role__in=WRITE_ROLES).values("user_id")
    return get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("first_name", "username")


def assign(app: Application, assignee, actor=None) -> Application:
    """Give the case to a named clerk of the agency (第四十五条: 办理 has a person responsible)."""
    with transaction.atomic():
        app = _locked(app)
        _require(app.state != State.CLOSED, f"申请 {app.number} 已办结，不能再指定承办人。", CaseStateError)
        _require(assignable(app.agency_id).filter(pk=assignee.pk).exists(), f"“{name_of(assignee)}”不是本机关的工作人员，不能承办。", CaseInvalid)
        _require(app.assignee_id != assignee.pk, f"这件申请已由{name_of(assignee)}承办。", CaseStateError)
        app.assignee = assignee
        app.save(update_fields=["assignee"])
        _append(app, EventKind.ASSIGNED, services.today(), actor, "", assignee=assignee.pk, name=name_of(assignee))
        return app


def latest_voidable(app: Application):
    """The step a 更正 may void now (the latest one, when it is not the registration), or None."""
    steps = effective_events(app)
    if not steps or steps[-1].kind in UNVOIDABLE:
        return None
    return steps[-1]
