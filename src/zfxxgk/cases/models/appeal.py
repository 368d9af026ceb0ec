from __future__ import annotations

from django.db import models

from ..choices import AppealKind, AppealResult


class Appeal(models.Model):
    """A 行政复议 or 行政诉讼 about an application (条例第五十一条); counted in table 四."""

    application = models.ForeignKey("cases.Application", verbose_name="关联申请", on_delete=models.PROTECT, related_name="appeals")
    kind = models.CharField("类型", max_length=40, choices=AppealKind.choices)
    filed_on = models.DateField("立案（申请）日期", db_index=True)
    result = models.CharField("结果", max_length=20, choices=AppealResult.choices, default=AppealResult.PENDING)
    decided_on = models.DateField("审结日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "行政复议和行政诉讼"
        ordering = ["-filed_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(result="pending", decided_on__isnull=True)
                | (~models.Q(result="pending") & models.Q(decided_on__isnull=False, decided_on__gte=models.F("filed_on"))),
                name="appeal_decided_when_not_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filed_on}"

    def save(self, *args, **kwargs):
        """Saved with its count in the tallies moved in the same transaction (:mod:`..tally`)."""
        from ..tally import kept_in_step

        with kept_in_step(self, kwargs.get("update_fields"), kwargs.get("using")):
            super().save(*args, **kwargs)
