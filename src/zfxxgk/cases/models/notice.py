"""Notices issued on an application (告知书、通知书、意见书) and their delivery on paper."""
from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from ...agencies.models import Agency


class NoticeKind(models.TextChoices):
    CORRECTION = "correction", "补正告知书"  # 条例第三十条
    CONSULTATION = "consultation", "征求第三方意见书"  # 条例第三十二条
    EXTENSION = "extension", "延期答复告知书"  # 条例第三十三条第二款
    FEE = "fee", "收费通知书"  # 国办函〔2020〕109号
    REPLY = "reply", "答复告知书"  # 条例第三十六条至第三十九条


class DeliveryMethod(models.TextChoices):
    IN_PERSON = "in_person", "直接送达（当面领取）"
    POST = "post", "邮寄送达"
    EMAIL = "email", "电子邮件"
    FAX = "fax", "传真"
    ONLINE = "online", "网上获取"
    LEFT = "left", "留置送达"


def notice_path(instance: "Notice", filename: str) -> str:
    return f"notices/{timezone.localdate().year}/{secrets.token_hex(16)}.docx"


class Notice(models.Model):
    """One notice as issued: its 文号, who issued it and when, the text as it was (``content``, the
    letter's paragraphs, frozen at issue: later edits of the settings or the case never change an
    issued notice) and the DOCX made from it. The PDF is rendered from ``content`` on request."""

    application = models.ForeignKey("cases.Application", verbose_name="关联申请", on_delete=models.PROTECT, related_name="notices")
    agency = models.ForeignKey(Agency, verbose_name="发文机关", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("文书种类", max_length=20, choices=NoticeKind.choices)
    event = models.OneToOneField("cases.Event", verbose_name="对应办理记录", null=True, blank=True, on_delete=models.PROTECT, related_name="notice")
    year = models.PositiveIntegerField("年度")
    seq = models.PositiveIntegerField("序号")
    number = models.CharField("文号", max_length=100)
    addressee = models.CharField("受文者", max_length=200)
    to_applicant = models.BooleanField("发给申请人", default=True, help_text="征求第三方意见书发给第三方，不向申请人提供")
    issued_on = models.DateField("发文日期")
    issued_at = models.DateTimeField("生成时间", auto_now_add=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    content = models.JSONField("文书内容", default=list)
    file = models.FileField("文书文件（DOCX）", upload_to=notice_path, max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "告知书和通知书"
        ordering = ["issued_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "year", "seq"], name="notice_seq_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()}"

    @property
    def title(self) -> str:
        return self.content[0][1] if self.content else self.get_kind_display()


class NoticeSequence(models.Model):
    """The last 文号 sequence number per agency, kind of notice and year (a locked counter)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "kind", "year"], name="notice_sequence_unique")]


class NoticeDelivery(models.Model):
    """How a notice reached its addressee (送达): the way, the day, and the tracking number of a letter."""

    notice = models.ForeignKey(Notice, verbose_name="文书", on_delete=models.PROTECT, related_name="deliveries")
    method = models.CharField("送达方式", max_length=20, choices=DeliveryMethod.choices)
    delivered_on = models.DateField("送达日期")
    tracking_number = models.CharField("邮寄单号", max_length=50, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "文书送达记录"
        ordering = ["delivered_on", "id"]
        constraints = [
            # A posted letter is traced by its number (邮寄单号); other ways have none.
            models.CheckConstraint(condition=~models.Q(method="post", tracking_number=""), name="delivery_post_has_tracking"),
        ]

    def __str__(self) -> str:
        return f"{self.notice} {self.get_method_display()} {self.delivered_on}"
