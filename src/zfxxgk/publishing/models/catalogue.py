"""The 公开目录: each agency's tree of columns (栏目) that publications are filed under.

条例第二十条 lists what every agency publishes proactively; government sites group it into a
catalogue whose usual columns are :data:`zfxxgk.publishing.columns.DEFAULT_COLUMNS`. An
administrator changes an agency's tree in the admin; a column's ``kind`` tells the platform which
column holds the 规章, the 规范性文件 and the annual reports, whatever it is called there.
"""
from __future__ import annotations

from django.db import models

from ...agencies.models import Agency


class ColumnKind(models.TextChoices):
    GENERAL = "general", "一般栏目"
    GUIDE = "guide", "政府信息公开指南"
    REGULATIONS = "regulations", "规章"
    NORMATIVE = "normative", "规范性文件"
    ANNUAL_REPORT = "annual_report", "政府信息公开年报"


class Column(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="columns")
    parent = models.ForeignKey("self", verbose_name="上级栏目", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    name = models.CharField("栏目名称", max_length=60)
    code = models.SlugField("栏目代码", max_length=40, help_text="用于网址，如 gkzn")
    kind = models.CharField("栏目用途", max_length=20, choices=ColumnKind.choices, default=ColumnKind.GENERAL)
    position = models.PositiveSmallIntegerField("排序", default=0)
    # 网站运维监测: a column not updated for this many days is flagged (blank: never).
    stale_days = models.PositiveSmallIntegerField("更新提醒天数", null=True, blank=True, help_text="超过该天数未更新即提示；留空不提示")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "公开目录栏目"
        ordering = ["agency", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="column_code_unique")]

    def __str__(self) -> str:
        return f"{self.agency} · {self.name}"

    def path_names(self) -> list[str]:
        """The names from the top of the tree down to this column (for breadcrumbs)."""
        names, node, seen = [], self, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            names.append(node.name)
            node = node.parent
        return names[::-1]
