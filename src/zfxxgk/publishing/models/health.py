"""What content health (网站运维监测, :mod:`zfxxgk.publishing.health`) keeps between its checks.

Reading every public body for links and asking the storage about every attachment is too slow to do
while a page is shown (a county holds 100,000 publications), so background tasks do it and keep the
results here: :class:`BodyLink`, the links found in the bodies of public publications (only those:
a publication that stops being public loses its rows), and :class:`FileProblem`, the attachments of
public publications whose file is missing or has another size than when it was uploaded. Whether
a linked page is still public is not stored: the health queries ask the public querysets each time.
"""
from __future__ import annotations

from django.db import models
from django.utils import timezone

from .publication import Attachment, Publication


class LinkTarget(models.TextChoices):
    """What a link points at, as ``django.urls.resolve`` saw it when the body was read."""

    PUBLICATION = "publication", "主动公开信息"
    VERSION = "version", "主动公开信息的历史版本"
    ATTACHMENT = "attachment", "附件"
    COLUMN = "column", "公开目录栏目"
    AGENCY = "agency", "机关公开目录"
    ANNUAL = "annual", "政府信息公开年报"
    OTHER = "other", "本站其他页面"  # resolves; nothing more to ask
    MISSING = "missing", "本站不存在的页面"  # resolve() found no page
    EXTERNAL = "external", "外部网站"


class BodyLink(models.Model):
    publication = models.ForeignKey(Publication, verbose_name="所在信息", on_delete=models.CASCADE, related_name="+")
    url = models.CharField("链接地址", max_length=1000)  # as written in the body
    text = models.CharField("链接文字", max_length=200, blank=True)
    target = models.CharField("链接对象", max_length=20, choices=LinkTarget.choices)
    # The page it names on this site: the agency code, a column code, the publication (series) id or
    # the annual report's year, a version number, an attachment id.
    target_code = models.CharField("机关代码", max_length=30, blank=True)
    target_slug = models.CharField("栏目代码", max_length=40, blank=True)
    target_number = models.PositiveBigIntegerField("编号或年度", null=True, blank=True)
    target_version = models.PositiveIntegerField("版本", null=True, blank=True)
    target_attachment = models.PositiveBigIntegerField("附件编号", null=True, blank=True)
    found_at = models.DateTimeField("发现时间", default=timezone.now)
    # External links, checked in the background when ZFXXGK_HEALTH_CHECK_EXTERNAL_LINKS is on.
    checked_at = models.DateTimeField("检查时间", null=True, blank=True)
    status = models.PositiveSmallIntegerField("HTTP 状态码", null=True, blank=True)
    error = models.CharField("无法访问的原因", max_length=200, blank=True)  # blank: reachable (or not checked)
    failing_since = models.DateTimeField("无法访问起始时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "正文链接"
        ordering = ["publication", "id"]
        indexes = [models.Index(fields=["target", "url"], name="bodylink_target_url")]

    def __str__(self) -> str:
        return self.url


class FileProblem(models.Model):
    class Kind(models.TextChoices):
        MISSING = "missing", "文件缺失"
        SIZE = "size", "文件大小与上传时不符"

    attachment = models.OneToOneField(Attachment, verbose_name="附件", on_delete=models.CASCADE, related_name="+")
    problem = models.CharField("问题", max_length=20, choices=Kind.choices)
    actual_size = models.PositiveBigIntegerField("实际大小（字节）", null=True, blank=True)
    found_at = models.DateTimeField("发现时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "附件文件问题"

    def __str__(self) -> str:
        return f"{self.attachment} · {self.get_problem_display()}"
