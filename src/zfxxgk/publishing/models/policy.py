"""Per-agency publishing settings an administrator changes in the admin."""
from __future__ import annotations

from django.db import models

from ...agencies.models import Agency

DEFAULT_STEPS = ["head", "leader"]  # 三审: drafter → section head → leader, then the office publishes
DEFAULT_INDEX_PATTERN = "{code}/{year}-{seq:05d}"


class Policy(models.Model):
    agency = models.OneToOneField(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="publishing_policy")
    review_steps = models.JSONField("审核环节", default=list, blank=True, help_text="依次审核的角色，如 [\"head\", \"leader\"]；留空用默认的三审")
    index_pattern = models.CharField("索引号格式", max_length=80, default=DEFAULT_INDEX_PATTERN, help_text="可用 {code} {year} {seq} {column}，如 “{code}/{year}-{seq:05d}”")
    late_workdays = models.PositiveSmallIntegerField("发布时限（工作日）", default=20, help_text="条例第二十六条：自信息形成或者变更之日起20个工作日内公开")

    class Meta:
        verbose_name = verbose_name_plural = "主动公开设置"

    def __str__(self) -> str:
        return f"{self.agency} 主动公开设置"

    @property
    def steps(self) -> list[str]:
        return list(self.review_steps or DEFAULT_STEPS)


class SensitiveWord(models.Model):
    """A word the pre-publication scan flags (a blank agency: for every agency)."""

    agency = models.ForeignKey(Agency, verbose_name="适用机关（含下级）", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    word = models.CharField("敏感词", max_length=50)
    note = models.CharField("说明", max_length=100, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "敏感词"
        constraints = [models.UniqueConstraint(fields=["agency", "word"], name="sensitive_word_unique")]

    def __str__(self) -> str:
        return self.word
