"""The 规章 and 行政规范性文件 an agency issues: the registry that fills table 二 第（一）项.

Each document has its dates of issue, of effect, and of repeal (废止) or expiry (失效). Its
status on a day follows from those dates (:meth:`NormativeDocument.status_on`), never stored
twice. The yearly counts are :func:`zfxxgk.publishing.registry.table2`.
"""
from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models

from ...agencies.models import Agency


class DocKind(models.TextChoices):
    REGULATION = "regulation", "规章"
    NORMATIVE = "normative", "行政规范性文件"


class DocStatus(models.TextChoices):
    NOT_YET = "not_yet", "尚未施行"
    IN_FORCE = "in_force", "现行有效"
    REPEALED = "repealed", "已废止"
    EXPIRED = "expired", "已失效"


class NormativeDocument(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="制发机关", on_delete=models.PROTECT, related_name="normative_documents")
    kind = models.CharField("类别", max_length=20, choices=DocKind.choices, default=DocKind.NORMATIVE)
    doc_number = models.CharField("文号", max_length=80)
    title = models.CharField("标题", max_length=200)
    issued_on = models.DateField("制发日期", db_index=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    repealed_on = models.DateField("废止日期", null=True, blank=True)
    expires_on = models.DateField("失效日期", null=True, blank=True, help_text="自该日起不再有效（有效期届满的次日）")
    publication = models.ForeignKey("publishing.Publication", verbose_name="公开信息", null=True, blank=True, on_delete=models.SET_NULL, related_name="registry_entries")
    note = models.CharField("备注", max_length=200, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "规章和规范性文件登记"
        ordering = ["-issued_on", "doc_number"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "doc_number"], name="normative_doc_number_unique"),
            models.CheckConstraint(condition=models.Q(repealed_on__isnull=True) | models.Q(repealed_on__gte=models.F("issued_on")), name="normative_repealed_after_issue"),
            models.CheckConstraint(condition=models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=models.F("issued_on")), name="normative_expires_after_issue"),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.doc_number}）"

    def clean(self) -> None:
        for name, label in (("effective_on", "施行日期"), ("repealed_on", "废止日期"), ("expires_on", "失效日期")):
            value = getattr(self, name)
            if value and self.issued_on and value < self.issued_on:
                raise ValidationError({name: f"{label}不能早于制发日期。"})

    @property
    def ended_on(self) -> date | None:
        """The day it stopped being in force: repeal or expiry, whichever came first."""
        days = [d for d in (self.repealed_on, self.expires_on) if d]
        return min(days) if days else None

    def status_on(self, day: date) -> str:
        ended = self.ended_on
        if ended and ended <= day:
            return DocStatus.REPEALED if ended == self.repealed_on else DocStatus.EXPIRED
        if self.effective_on and self.effective_on > day:
            return DocStatus.NOT_YET
        return DocStatus.IN_FORCE
