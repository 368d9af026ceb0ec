"""Sign-off of casework through the project's one approval chain (:mod:`zfxxgk.approvals`).

Two things of a case wait for someone's decision, each as the approval of the event that asked:

* an extension (条例第三十三条第二款: 经政府信息公开工作机构负责人同意): the ``extension_requested``
  event waits for the office head (step ``head``), who approves it — for the days asked or fewer,
  with a reason — or refuses it with a reason;
* a reply, when the agency requires the leader's 审签 (``Agency.reply_signoff``; 条例第四十五条
  审核、答复): the ``reply_submitted`` event waits for the leader (step ``leader``); on approval the
  reply is issued and the case closed that day, on return it goes back to the clerk.

The head and the leader may decide on the case page or on the approvals page (待我审核); either way
the decision runs :func:`approved` / :func:`returned` in the approval's transaction, which append
the case's event, so the approval and the case never disagree.
"""
from __future__ import annotations

from datetime import date

from ..agencies.models import Membership, Role
from ..approvals import queries as approval_queries
from ..approvals import services as approvals
from ..approvals.models import Kind
from . import services as s
from .choices import EventKind, Outcome, State


def name_of(user) -> str:
    """How a person is named in the history: the full name, else the login name."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def is_leader(user, agency_id: int) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False)
                and Membership.objects.filter(user=user, agency_id=agency_id, role=Role.LEADER).exists())


def pending_approvals(events):
    """The approvals still waiting for a decision on any of these events of a case."""
    from django.contrib.contenttypes.models import ContentType

    from ..approvals.models import Approval
    from .models import Event

    content_type = ContentType.objects.get_for_model(Event)
    return (Approval.objects.filter(content_type=content_type, object_id__in=[e.pk for e in events], state="pending")
            .order_by("submitted_at", "pk"))


def submit_extension(app, event, actor) -> None:
    approvals.submit(event, kind=Kind.EXTENSION, agency=app.agency, user=_user(actor), steps=[Role.HEAD.value],
                     title=f"{app.number} 延长答复期限 {event.data['days']} 个工作日", note=event.reason)


def submit_reply(app, event, actor) -> None:
    label = Outcome(event.data["outcome"]).label
    what = "重新答复审签" if event.data.get("reanswer") else "答复审签"
    approvals.submit(event, kind=Kind.REPLY, agency=app.agency, user=_user(actor), steps=[Role.LEADER.value],
                     title=f"{app.number} {what}：{label}", note=event.reason)


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def decide(event, user, *, approve: bool, comment: str, on: date, days: int | None = None) -> None:
    """The decision on ``event``'s pending approval (one submitted now for a request recorded before
    requests went through approvals)."""
    approval = approval_queries.pending_for(event)
    if approval is None:
        app = event.application
        (submit_extension if event.kind == EventKind.EXTENSION_REQUESTED else submit_reply)(app, event, event.actor)
        approval = approval_queries.pending_for(event)
    try:
        approvals.decide(approval, user, approve=approve, comment=comment, options={"on": on, "days": days})
    except approvals.ApprovalError as exc:
        error = s.CaseForbidden if exc.status == 403 else s.CaseStateError if exc.status == 409 else s.CaseInvalid
        raise error(exc.message) from None


# --- the approval's hooks (zfxxgk.cases.models.Event delegates here) ---------------------------------

def objection(event, approval, user, *, on: date | None = None, days: int | None = None) -> str | None:
    """Why the event cannot be approved on ``on`` (today from the approvals page), or None."""
    app = s._locked(event.application)
    if event.pk in s.timeline(app).voided:
        return "该记录已更正作废，不能再审核。"
    if event.data.get("reanswer"):  # a 重新答复 is given on a closed case
        return None if app.state == State.CLOSED else f"当前状态为“{app.get_state_display()}”，不能发出重新答复。"
    if app.state == State.CLOSED:
        return f"申请 {app.number} 已办结，不能再审核。"
    t = s.timeline(app)
    if event.kind == EventKind.EXTENSION_REQUESTED and t.due_on is not None and (on or s.today()) > t.due_on:
        return f"答复期限已于 {t.due_on} 届满，不能再批准延期。"
    if event.kind == EventKind.REPLY_SUBMITTED and app.state not in (State.PROCESSING, State.CONSULTING):
        return f"当前状态为“{app.get_state_display()}”，不能发出答复。"
    return None


def _comment(approval) -> str:
    last = approval.decisions.order_by("-at", "-pk").first()
    return last.comment if last else ""


def approved(event, approval, user, *, on: date | None = None, days: int | None = None) -> None:
    app = s._locked(event.application)
    on = on or s.today()
    comment = _comment(approval)
    if event.kind == EventKind.EXTENSION_REQUESTED:
        asked = int(event.data["days"])
        days = asked if days is None else days
        data = {"days": days, "approver": name_of(user)}
        if days != asked:
            data["requested"] = asked  # 缩短: the head granted fewer days than asked
        s._append(app, EventKind.EXTENSION_APPROVED, on, user, comment or event.reason, **data)
    elif event.kind == EventKind.REPLY_SUBMITTED and event.data.get("reanswer"):
        s._append(app, EventKind.REANSWERED, on, event.actor, event.reason, outcome=event.data["outcome"],
                  appeal=event.data["appeal"], signed_by=name_of(user))
    elif event.kind == EventKind.REPLY_SUBMITTED:
        # The reply is issued the day it is signed; the clerk who drafted it stays its author.
        s.close_with_answer(app, on, event.data["outcome"], event.actor, event.reason, signed_by=name_of(user))


def returned(event, approval, user, *, on: date | None = None, days: int | None = None) -> None:
    app = s._locked(event.application)
    on = on or s.today()
    if event.kind == EventKind.EXTENSION_REQUESTED:
        s._append(app, EventKind.EXTENSION_REFUSED, on, user, _comment(approval), approver=name_of(user))
    elif event.kind == EventKind.REPLY_SUBMITTED:
        s._append(app, EventKind.REPLY_RETURNED, on, user, _comment(approval))


def withdrawn(event, approval, user) -> None:
    """The clerk takes the request back: it is voided, as if never asked."""
    app = s._locked(event.application)
    s._append(app, EventKind.VOIDED, s.today(), user, "提交人撤回审核", voids=event.pk, voided_kind=event.kind,
              voided_on=event.on.isoformat(), voided_label=event.get_kind_display())
