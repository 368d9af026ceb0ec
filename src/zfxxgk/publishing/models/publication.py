"""A 主动公开 publication, its attachments and the findings of the pre-publication scan.

Life of a publication (条例第十九条–第二十六条):

    草稿 ──submit (保密审查声明 + scan clean)──▶ 审核中 ──chain approves──▶ 待发布 ──publish──▶ 已发布
      ▲                                           │ returned                       │ withdraw (reason)
      └───────────────────────────────────────────┘                                ▼
                                                                                  已撤回
    已发布 ──start_correction (reason)──▶ a new row (version + 1, same series) in 草稿; when that one
    is published the old row becomes 已更正 and the public URL shows the new version.

The public site shows only rows in 已发布 (and says so for 已撤回 / 已更正 URLs): one rule,
:meth:`PublicationQuerySet.public`, used by pages, search, feeds and the API alike.
"""
from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from ...agencies.models import Agency
from ..queries import PublicationQuerySet
from .catalogue import Column


class PubState(models.TextChoices):
    DRAFT = "draft", "草稿"
    PENDING = "pending", "审核中"
    APPROVED = "approved", "待发布"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"
    SUPERSEDED = "superseded", "已更正"


class Publication(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="publications")
    column = models.ForeignKey(Column, verbose_name="栏目", on_delete=models.PROTECT, related_name="publications")
    title = models.CharField("标题", max_length=200)
    doc_number = models.CharField("文号", max_length=80, blank=True)
    index_number = models.CharField("索引号", max_length=80, blank=True, db_index=True)
    written_on = models.DateField("成文日期", help_text="信息形成或者变更之日（条例第二十六条的20个工作日自此起算）")
    published_on = models.DateField("发布日期", null=True, blank=True, db_index=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    body = models.TextField("正文", blank=True, help_text="经清洗的 HTML")
    body_text = models.TextField("正文纯文本", blank=True, editable=False)
    state = models.CharField("状态", max_length=20, choices=PubState.choices, default=PubState.DRAFT, db_index=True)
    # Corrections: every version of one publication shares ``series`` (the first version's id;
    # null on the first version itself). The public URL names the series.
    series = models.ForeignKey("self", verbose_name="原始版本", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveSmallIntegerField("版本", default=1)
    correction_reason = models.TextField("更正原因", blank=True)
    withdrawn_reason = models.TextField("撤回原因", blank=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    # 保密审查 (保守国家秘密法; 条例第十七条): the drafter's declaration before submission.
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="保密审查声明人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    declared_at = models.DateTimeField("保密审查声明时间", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="拟稿人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发布人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "主动公开信息"
        ordering = ["-published_on", "-id"]
        constraints = [
            # One version of a series at a time may be public.
            models.UniqueConstraint(fields=["series"], condition=models.Q(state="published"), name="publication_one_public_version"),
            models.UniqueConstraint(fields=["series", "version"], name="publication_series_version"),
        ]
        indexes = [models.Index(fields=["agency", "state", "published_on"]), models.Index(fields=["column", "state", "published_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def series_id_or_self(self) -> int:
        """The id the public URL uses: the first version's."""
        return self.series_id or self.pk

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("publishing_public:publication", args=[self.agency.code, self.series_id_or_self])

    def get_workspace_url(self) -> str:
        """The publication's page in the workspace (the approvals queue links there)."""
        from django.urls import reverse

        return reverse("publishing:detail", args=[self.pk])

    # -- the approvals mechanism calls these (zfxxgk.approvals.services) --
    def approval_objection(self, approval, user) -> str | None:
        from .. import services

        return services.objection(self)

    def approval_approved(self, approval, user) -> None:
        from .. import services

        services.on_approved(self, approval, user)

    def approval_returned(self, approval, user) -> None:
        from .. import services

        services.on_returned(self, approval, user)

    def approval_withdrawn(self, approval, user) -> None:
        from .. import services

        services.on_returned(self, approval, user)


def attachment_path(instance: "Attachment", filename: str) -> str:
    """publications/<year>/<random name><ext>: the uploader's file name never reaches the disk."""
    ext = "." + filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else ""
    return f"publications/{timezone.localdate().year}/{secrets.token_hex(16)}{ext}"


class Attachment(models.Model):
    publication = models.ForeignKey(Publication, verbose_name="主动公开信息", on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to=attachment_path, max_length=200)
    original_name = models.CharField("原文件名", max_length=255)
    content_type = models.CharField("文件类型", max_length=100)
    size = models.PositiveIntegerField("大小（字节）")
    text = models.TextField("文本内容", blank=True, editable=False, help_text="从附件提取的文字，用于全文检索")
    scanned_at = models.DateTimeField("检查时间", null=True, blank=True)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "主动公开附件"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class HitKind(models.TextChoices):
    # personal data (个人信息保护法; 条例第十五条)
    ID_CARD = "id_card", "居民身份证号码"
    MOBILE = "mobile", "手机号码"
    BANK_CARD = "bank_card", "银行卡号"
    ADDRESS = "address", "详细住址"
    SENSITIVE_WORD = "sensitive_word", "敏感词"
    # what a reader of the file does not see
    HIDDEN_SHEET = "hidden_sheet", "隐藏工作表"
    HIDDEN_ROWS = "hidden_rows", "隐藏行"
    HIDDEN_COLUMNS = "hidden_columns", "隐藏列"
    COMMENT = "comment", "批注"
    HIDDEN_NAME = "hidden_name", "指向隐藏数据的名称"
    TRACKED_CHANGE = "tracked_change", "修订记录"
    HIDDEN_TEXT = "hidden_text", "隐藏文字"
    METADATA = "metadata", "文档属性（作者、单位等）"
    COVERED_TEXT = "covered_text", "被遮盖的文字（假涂黑）"
    EMBEDDED_FILE = "embedded_file", "嵌入文件"
    UNREADABLE = "unreadable", "无法检查的文件"


class Resolution(models.TextChoices):
    OPEN = "open", "待处理"
    REMOVED = "removed", "已删除"
    ALLOWED = "allowed", "允许公开"


class ScanHit(models.Model):
    """One thing the scan found in the body or an attachment. Open hits block the publication
    until a reviewer resolves them: removed from the text or file, or allowed with a reason."""

    publication = models.ForeignKey(Publication, verbose_name="主动公开信息", on_delete=models.CASCADE, related_name="hits")
    attachment = models.ForeignKey(Attachment, verbose_name="附件", null=True, blank=True, on_delete=models.SET_NULL, related_name="hits")
    kind = models.CharField("类型", max_length=20, choices=HitKind.choices)
    place = models.CharField("位置", max_length=200)  # "正文第3段", "附件“名单.xlsx”工作表“Sheet2”"
    excerpt = models.CharField("内容（已遮盖）", max_length=200, blank=True)
    message = models.CharField("说明", max_length=300, blank=True)  # the scan's advice: what it is and how to remove it
    key = models.CharField("标识", max_length=64)  # kind + place + value digest: a rescan finds the same hit again
    resolution = models.CharField("处理", max_length=20, choices=Resolution.choices, default=Resolution.OPEN, db_index=True)
    reason = models.TextField("理由", blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="处理人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    resolved_at = models.DateTimeField("处理时间", null=True, blank=True)
    found_at = models.DateTimeField("发现时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "发布前检查结果"
        ordering = ["found_at", "id"]
        constraints = [models.UniqueConstraint(fields=["publication", "key"], name="scanhit_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.place}"
