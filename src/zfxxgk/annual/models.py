"""The agency's annual report (政府信息公开工作年度报告, 条例第四十九条、第五十条) as a platform object.

One :class:`AnnualReport` per agency and year. Its figures are the spec §6 cells, each with where
it came from; its six sections' text; the checker's latest findings; the warnings dismissed with
a reason (:class:`Dismissal`); and, once published, frozen :class:`Version` rows with the rendered
files. A correction after publishing is a new version with its reason (older ones stay readable).
"""
from __future__ import annotations

from django.conf import settings
from django.db import models

from ..agencies.models import Agency
from ..standard import format2021 as f21
from .tables import from_document, from_draft, pack
from .queries import AnnualReportQuerySet


class ReportState(models.TextChoices):
    NOT_STARTED = "not_started", "未开始"
    DRAFT = "draft", "草稿"
    PENDING = "pending", "待审核"
    PUBLISHED = "published", "已发布"
    CORRECTED = "corrected", "已更正"


class FigureSource(models.TextChoices):
    """Where a figure came from (shown beside every cell)."""

    CASES = "cases", "依申请公开台账（自动统计）"
    REGISTRY = "registry", "规章和规范性文件登记"
    MANUAL = "manual", "人工填报"
    IMPORT = "import", "导入（XLSX/CSV）"
    UPLOAD = "upload", "已发布报告文件"


class AnnualReport(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveSmallIntegerField("报告年度")
    state = models.CharField("状态", max_length=20, choices=ReportState.choices, default=ReportState.NOT_STARTED, db_index=True)
    # {"overview": "...", ...}: the text as it stands (hand edits included).
    sections = models.JSONField("正文", default=dict, blank=True)
    # {"overview": "..."}: the text the templates produced at the last 生成草稿, to tell hand edits apart.
    generated = models.JSONField("上次生成的正文", default=dict, blank=True)
    # {path: {"value": 3 | "1.5", "source": FigureSource, "computed": 2 | None}}: every spec §6 cell.
    # A hand entry over a computed figure keeps the computed one in "computed".
    figures = models.JSONField("数据", default=dict, blank=True)
    # Tables 三 and 四 of ``figures`` as 190 numbers (annual.tables), kept by save(): what the
    # supervisor's dashboard sums, without decoding every draft's figures.
    tables = models.JSONField("表三表四（汇总用）", default=list, blank=True, editable=False)
    # The checker's findings at the last save: [Finding.to_dict() + {"key": fingerprint}].
    findings = models.JSONField("校验结果", default=list, blank=True)
    errors = models.PositiveSmallIntegerField("错误数", default=0)
    warnings = models.PositiveSmallIntegerField("未说明的警告数", default=0)
    checked_at = models.DateTimeField("校验时间", null=True, blank=True)
    generated_at = models.DateTimeField("生成时间", null=True, blank=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="修改人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    correcting = models.BooleanField("更正中", default=False, help_text="已发布后正在准备更正版本")
    correction_reason = models.TextField("更正原因", blank=True)

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "年度报告"
        ordering = ["-year", "agency__name"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="annual_report_unique")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年度政府信息公开工作年度报告"

    def save(self, *args, **kwargs):
        self.tables = pack(from_draft(self.figures))
        fields = kwargs.get("update_fields")
        if fields is not None and "figures" in fields:
            kwargs["update_fields"] = {*fields, "tables"}
        super().save(*args, **kwargs)

    @property
    def is_public(self) -> bool:
        """Whether the public site shows it: once a version exists. A correction in progress puts
        the report back to 草稿 while the current version stays public until the new one is approved."""
        return type(self).objects.filter(pk=self.pk).public().exists()  # one rule: the queryset's

    def current_version(self) -> "Version | None":
        return self.versions.order_by("-number").first()

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("annual:report", args=[self.pk])

    # -- the approvals mechanism calls these when the leader decides (zfxxgk.approvals.services) --
    def approval_approved(self, approval, user) -> None:
        from . import signoff

        signoff.on_approved(self, approval, user)

    def approval_returned(self, approval, user) -> None:
        from . import signoff

        signoff.on_returned(self, approval, user)

    def approval_withdrawn(self, approval, user) -> None:
        from . import signoff

        signoff.on_returned(self, approval, user)


class NarrativeTemplate(models.Model):
    """The text 生成草稿 writes into a section, editable in the admin (per jurisdiction or for all).

    Placeholders such as ``{year}``, ``{agency}``, ``{received}`` are filled with the year's facts
    (:mod:`zfxxgk.annual.narrative` lists them). The template of the nearest agency up the
    hierarchy wins; one without an agency applies everywhere, and the built-in text when none.
    """

    agency = models.ForeignKey(Agency, verbose_name="适用机关（含下级）", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    section = models.CharField("部分", max_length=20, choices=[(s.key, s.heading) for s in f21.SECTIONS])
    text = models.TextField("模板正文")
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "年度报告正文模板"
        constraints = [models.UniqueConstraint(fields=["agency", "section"], name="narrative_template_unique")]

    def __str__(self) -> str:
        return f"{self.agency or '全部机关'} · {self.get_section_display()}"


class Dismissal(models.Model):
    """A warning the agency has answered with a written reason; kept and shown to the supervisor."""

    report = models.ForeignKey(AnnualReport, verbose_name="年度报告", on_delete=models.CASCADE, related_name="dismissals")
    key = models.CharField("校验结果标识", max_length=64)  # rule + cells fingerprint (annual.findings.fingerprint)
    rule = models.CharField("规则", max_length=30)
    message = models.TextField("校验结果")
    reason = models.TextField("说明理由")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="说明人", null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "警告说明"
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="dismissal_unique")]


class Version(models.Model):
    """A published version: the frozen document and its renderings. Never changed once written."""

    report = models.ForeignKey(AnnualReport, verbose_name="年度报告", on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField("版本号")
    origin = models.CharField("来源", max_length=20, default="platform", choices=[("platform", "本平台生成"), ("upload", "上传已发布文件")])
    published_on = models.DateField("发布日期")
    published_at = models.DateTimeField("发布时间", auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发布人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField("更正原因", blank=True)
    document = models.JSONField("报告数据")  # ReportDocument.to_dict(with_sources=True)
    tables = models.JSONField("表三表四（汇总用）", default=list, blank=True, editable=False)  # of document: annual.tables
    findings = models.JSONField("发布时校验结果", default=list, blank=True)
    html = models.TextField("HTML", blank=True)
    docx = models.BinaryField("DOCX", blank=True, default=b"")
    pdf = models.BinaryField("PDF", blank=True, default=b"")
    xlsx = models.BinaryField("XLSX", blank=True, default=b"")
    original = models.BinaryField("上传的原文件", blank=True, default=b"")
    original_name = models.CharField("原文件名", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "年度报告版本"
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="annual_version_unique")]

    def __str__(self) -> str:
        return f"{self.report} 第{self.number}版"

    def save(self, *args, **kwargs):
        self.tables = pack(from_document(self.document))
        super().save(*args, **kwargs)

    @property
    def late(self) -> bool | None:
        """Published after the deadline (条例第四十九条; per jurisdiction, annual.deadlines.due_date).
        Shown to staff and the supervisor only; the public page states the date. None when unknown."""
        try:
            from .deadlines import due_date
        except ImportError:
            return None
        return self.published_on > due_date(self.report.agency, self.report.year)
