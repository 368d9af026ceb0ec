"""The one sign-off mechanism's actions (CONTRACT; the sign-off work implements the bodies).

    approval = submit(subject, kind=Kind.ANNUAL_REPORT, agency=a, user=u, steps=["leader"], title="…", note="")
    decide(approval, user, approve=True, comment="同意发布")   # approve: next step or done
    decide(approval, user, approve=False, comment="第三部分数字有误") # return: comment required
    withdraw(approval, user)
    Approval.objects pending for a user: zfxxgk.approvals.queries.waiting_for(user)

At the last approving step ``subject.approval_approved(approval, user)`` runs in the same
transaction; on return ``subject.approval_returned(approval, user)``.
"""
from __future__ import annotations


class ApprovalError(Exception):
    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def submit(subject, *, kind, agency, user, steps, title, note=""):
    raise NotImplementedError


def decide(approval, user, *, approve: bool, comment: str = ""):
    raise NotImplementedError


def withdraw(approval, user):
    raise NotImplementedError
