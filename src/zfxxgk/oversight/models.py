"""Batch audit of reports published outside the platform (agencies not on it), for a county and year.

An :class:`AuditBatch` is one upload (many files or a zip); each file becomes an
:class:`AuditedReport` read and checked in the background (:mod:`.tasks`). A supervisor confirms
or dismisses each finding with a note (:class:`FindingReview`).
"""
from __future__ import annotations

from django.conf import settings
from django.db import models

from ..agencies.models import Agency


class BatchState(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "审核中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class AuditBatch(models.Model):
    county = models.ForeignKey(Agency, verbose_name="本级机关", on_delete=models.PROTECT, related_name="audit_batches")
    year = models.PositiveSmallIntegerField("报告年度")
    state = models.CharField("状态", max_length=20, choices=BatchState.choices, default=BatchState.QUEUED)
    total = models.PositiveIntegerField("文件数", default=0)
    done = models.PositiveIntegerField("已审核", default=0)
    task_id = models.CharField("后台任务", max_length=64, blank=True)
    error = models.TextField("错误", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "批量审核"
        ordering = ["-created_at"]

    @property
    def finished(self) -> bool:
        """Done or failed: the task will not move the batch on (a failed one may be resumed)."""
        return self.state in (BatchState.DONE, BatchState.FAILED)


class AuditedReport(models.Model):
    batch = models.ForeignKey(AuditBatch, verbose_name="批次", on_delete=models.CASCADE, related_name="reports")
    filename = models.CharField("文件名", max_length=255)
    content = models.BinaryField("文件内容", default=b"")
    read_ok = models.BooleanField("已读取", null=True)  # None: not read yet
    error = models.TextField("无法读取的原因", blank=True)
    agency_name = models.CharField("机关名称", max_length=200, blank=True)
    agency = models.ForeignKey(Agency, verbose_name="对应机关", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    year = models.PositiveSmallIntegerField("报告年度", null=True, blank=True)
    document = models.JSONField("报告数据", null=True, blank=True)
    findings = models.JSONField("校验结果", default=list, blank=True)
    errors = models.PositiveSmallIntegerField("错误数", default=0)
    warnings = models.PositiveSmallIntegerField("警告数", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "批量审核报告"
        ordering = ["batch", "filename"]


class Verdict(models.TextChoices):
    CONFIRMED = "confirmed", "确认问题"
    DISMISSED = "dismissed", "不属问题"


class FindingReview(models.Model):
    report = models.ForeignKey(AuditedReport, verbose_name="报告", on_delete=models.CASCADE, related_name="reviews")
    key = models.CharField("校验结果标识", max_length=64)
    verdict = models.CharField("结论", max_length=20, choices=Verdict.choices)
    note = models.TextField("说明", blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "审核结论"
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="finding_review_unique")]
