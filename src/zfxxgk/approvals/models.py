"""One sign-off mechanism for everything that needs it: the annual report now; publications
(三审), reply 审签 and extensions as they move onto it.

An :class:`Approval` asks for one object (any model, by generic relation) to be signed off by a
list of roles in order (``steps``, e.g. ``["leader"]`` or ``["head", "leader"]``). Each step is
decided by a member of the agency holding that role: approve (the next step, or done) or return
with a comment. Every act is a :class:`Decision` row, so the history is never rewritten. The
object learns the end through ``approval_approved(approval, user)`` / ``approval_returned(...)``
(see :mod:`.services`).
"""
from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from ..agencies.models import Agency


class Kind(models.TextChoices):
    ANNUAL_REPORT = "annual_report", "政府信息公开工作年度报告"
    PUBLICATION = "publication", "主动公开信息"
    REPLY = "reply", "答复审签"
    EXTENSION = "extension", "延期答复"


class State(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已通过"
    RETURNED = "returned", "已退回"
    WITHDRAWN = "withdrawn", "已撤回"


class Verdict(models.TextChoices):
    SUBMIT = "submit", "提交审核"
    APPROVE = "approve", "同意"
    RETURN = "return", "退回修改"
    WITHDRAW = "withdraw", "撤回"


class Approval(models.Model):
    kind = models.CharField("事项类型", max_length=30, choices=Kind.choices)
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="approvals")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    title = models.CharField("事项", max_length=200)
    steps = models.JSONField("审核环节", default=list, help_text="依次审核的角色，如 [\"leader\"]")
    step = models.PositiveSmallIntegerField("当前环节", default=0)
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.PENDING, db_index=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="提交人", null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    decided_at = models.DateTimeField("办结时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "审核事项"
        ordering = ["-submitted_at"]
        constraints = [
            # An object waits in at most one approval at a time.
            models.UniqueConstraint(fields=["content_type", "object_id"], condition=models.Q(state="pending"), name="approval_one_pending"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.title}（{self.get_state_display()}）"

    @property
    def current_role(self) -> str | None:
        return self.steps[self.step] if self.state == State.PENDING and self.step < len(self.steps) else None


class Decision(models.Model):
    approval = models.ForeignKey(Approval, verbose_name="审核事项", on_delete=models.CASCADE, related_name="decisions")
    step = models.PositiveSmallIntegerField("环节")
    role = models.CharField("角色", max_length=20, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人", null=True, on_delete=models.SET_NULL, related_name="+")
    verdict = models.CharField("意见", max_length=20, choices=Verdict.choices)
    comment = models.TextField("说明", blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "审核记录"
        ordering = ["at", "pk"]
