"""The one sign-off mechanism's actions.

    approval = submit(subject, kind=Kind.ANNUAL_REPORT, agency=a, user=u, steps=["leader"], title="…", note="")
    decide(approval, user, approve=True, comment="同意发布")   # approve: next step or done
    decide(approval, user, approve=False, comment="第三部分数字有误") # return: comment required
    withdraw(approval, user)
    Approval.objects pending for a user: zfxxgk.approvals.queries.waiting_for(user)

At the last approving step ``subject.approval_approved(approval, user)`` runs in the same
transaction; on return ``subject.approval_returned(approval, user)``. A subject that raises there
rolls the decision back with it, so the approval and the subject never disagree. Withdrawing
calls ``subject.approval_withdrawn(approval, user)`` when the subject defines it.
"""
from __future__ import annotations

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..agencies import access
from ..agencies.models import Membership, Role
from ..text import InputError, clean_input
from .models import Approval, Decision, State, Verdict
from .queries import MAX_STEPS

log = logging.getLogger(__name__)

ROLES = {r.value for r in Role if r != Role.SUPERVISOR}  # a supervisor reads, never signs off


class ApprovalError(Exception):
    status = 400

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


def submit(subject, *, kind, agency, user, steps, title, note=""):
    """Ask for ``subject`` to be signed off by ``steps`` (roles, in order) of ``agency``."""
    steps = [str(s) for s in steps]
    if not steps or len(steps) > MAX_STEPS or any(s not in ROLES for s in steps):
        raise ValueError(f"approval steps must be roles among {sorted(ROLES)}: {steps!r}")
    if subject.pk is None:
        raise ValueError("the subject of an approval must be saved first")
    note = _clean(note, "提交说明")
    content_type = ContentType.objects.get_for_model(subject)
    try:
        with transaction.atomic():
            approval = Approval.objects.create(
                kind=kind, agency=agency, content_type=content_type, object_id=subject.pk,
                title=title[:200], steps=steps, submitted_by=user,
            )
            Decision.objects.create(approval=approval, step=0, role="", user=user, verdict=Verdict.SUBMIT, comment=note)
    except IntegrityError as exc:  # approval_one_pending: the last guard against a double submission
        log.info("approval refused for %s %s: already pending (%s)", content_type.model, subject.pk, exc)
        raise ApprovalError("该事项已在审核中，不能重复提交。", status=409) from exc
    log.info("approval %s submitted: %s %s by user %s", approval.pk, content_type.model, subject.pk, getattr(user, "pk", None))
    return approval


def _clean(text: str, label: str) -> str:
    """Typed text through the system's boundary (zfxxgk.text.clean_input), refused in Chinese."""
    try:
        return clean_input(text or "", multiline=True, label=label).strip()
    except InputError as exc:
        raise ApprovalError(exc.message) from None


def may_decide(approval: Approval, user) -> bool:
    """Whether ``user`` may decide the current step: holds its role in the agency and acts there."""
    role = approval.current_role
    if role is None or not getattr(user, "is_authenticated", False):
        return False
    return (Membership.objects.filter(user=user, agency_id=approval.agency_id, role=role).exists()
            and access.can_write(user, approval.agency_id))


def decide(approval, user, *, approve: bool, comment: str = "", options: dict | None = None):
    """Approve the current step (the next step, or the end) or return the subject with a comment.

    ``options`` are passed on to the subject's hook as keyword arguments (an extension approved
    for fewer days than asked: ``{"days": 5}``); a subject that takes none is called without them."""
    comment = _clean(comment, "意见说明")
    if not approve and not comment:
        raise ApprovalError("退回修改时请填写退回意见，说明需要修改的内容。")
    with transaction.atomic():
        # Locked: two leaders deciding at once queue here, and the second sees the first's result.
        current = Approval.objects.select_for_update().get(pk=approval.pk)
        if current.state != State.PENDING:
            raise ApprovalError(f"该事项已{current.get_state_display()}，不能再审核。", status=409)
        if not may_decide(current, user):
            raise ApprovalError(f"只有本机关的“{_role_name(current.current_role)}”可以审核该事项。", status=403)
        role = current.current_role
        subject = current.subject
        objection = getattr(subject, "approval_objection", None) if approve else None
        reason = objection(current, user, **(options or {})) if objection is not None else None
        if reason:  # the subject refuses this approval now (e.g. a publication with open scan findings)
            raise ApprovalError(reason, status=409)
        Decision.objects.create(approval=current, step=current.step, role=role, user=user,
                                verdict=Verdict.APPROVE if approve else Verdict.RETURN, comment=comment)
        if approve and current.step + 1 < len(current.steps):
            current.step += 1
            current.save(update_fields=["step"])
        else:
            current.state = State.APPROVED if approve else State.RETURNED
            current.decided_at = timezone.now()
            current.save(update_fields=["state", "decided_at"])
            hook = subject.approval_approved if approve else subject.approval_returned
            hook(current, user, **(options or {}))
    log.info("approval %s step %s %s by user %s", current.pk, role, "approved" if approve else "returned", user.pk)
    _copy(current, approval)
    return current


def withdraw(approval, user):
    """The submitter takes the subject back while it still waits."""
    with transaction.atomic():
        current = Approval.objects.select_for_update().get(pk=approval.pk)
        if current.state != State.PENDING:
            raise ApprovalError(f"该事项已{current.get_state_display()}，不能撤回。", status=409)
        if user is None or current.submitted_by_id != user.pk:
            raise ApprovalError("只有提交人可以撤回该事项。", status=403)
        Decision.objects.create(approval=current, step=current.step, role="", user=user, verdict=Verdict.WITHDRAW)
        current.state = State.WITHDRAWN
        current.decided_at = timezone.now()
        current.save(update_fields=["state", "decided_at"])
        hook = getattr(current.subject, "approval_withdrawn", None)
        if hook is not None:
            hook(current, user)
    _copy(current, approval)
    return current


def _role_name(role: str | None) -> str:
    try:
        return Role(role).label
    except ValueError:
        return role or "审核人"


def _copy(source: Approval, target: Approval) -> None:
    """Keep the caller's instance in step with the locked row it passed in."""
    if target is not source:
        for name in ("step", "state", "decided_at"):
            setattr(target, name, getattr(source, name))
