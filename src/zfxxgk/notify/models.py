"""A notification as it was written and what became of it: the list staff read (admin, workspace)."""
from __future__ import annotations

from django.conf import settings
from django.db import models


class Channel(models.TextChoices):
    EMAIL = "email", "电子邮件"
    SMS = "sms", "短信"


class Audience(models.TextChoices):
    APPLICANT = "applicant", "申请人"
    STAFF = "staff", "工作人员"


class MessageState(models.TextChoices):
    QUEUED = "queued", "待发送"
    SENDING = "sending", "发送中"
    SENT = "sent", "已发送"
    RETRYING = "retrying", "发送失败，等待重试"
    FAILED = "failed", "发送失败，已放弃"


class Message(models.Model):
    """One message to one recipient over one channel. The body is rendered when the message is made
    and kept as sent (what the applicant was told is part of the case's record)."""

    kind = models.CharField("通知类型", max_length=40)
    channel = models.CharField("发送方式", max_length=10, choices=Channel.choices)
    audience = models.CharField("接收人类别", max_length=10, choices=Audience.choices)
    recipient = models.CharField("电子邮箱或手机号", max_length=254)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="接收的工作人员", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    agency = models.ForeignKey("agencies.Agency", verbose_name="机关", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey("cases.Application", verbose_name="申请", null=True, blank=True, on_delete=models.SET_NULL, related_name="messages")
    subject = models.CharField("主题", max_length=200, blank=True)
    body = models.TextField("内容")
    # Messages with the same key, channel and recipient are made once (one event, one reminder a day).
    key = models.CharField("去重键", max_length=120, blank=True)

    state = models.CharField("状态", max_length=10, choices=MessageState.choices, default=MessageState.QUEUED, db_index=True)
    attempts = models.PositiveSmallIntegerField("已尝试次数", default=0)
    last_error = models.CharField("最近一次失败原因", max_length=300, blank=True)
    # When the sweep (zfxxgk remind --notify) takes it up: the next retry, or the end of a send's lease.
    next_attempt_at = models.DateTimeField("下次尝试时间", null=True, blank=True)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "通知消息"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["key", "channel", "recipient"], condition=~models.Q(key=""), name="notify_message_once"),
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="notify_message_due")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.get_channel_display()} {self.get_state_display()}"

    @property
    def masked_recipient(self) -> str:
        from .privacy import mask_contact

        return mask_contact(self.recipient)
