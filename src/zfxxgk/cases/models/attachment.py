from __future__ import annotations

import secrets

from django.db import models
from django.utils import timezone

# The file types the portal accepts (decided by the file's content, never by its name).
EXTENSIONS = {
    "application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png",
    # released files (答复公开的信息), checked by zfxxgk.publishing.filetypes
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "text/plain; charset=utf-8": ".txt",
}


class AttachmentRole(models.TextChoices):
    APPLICATION = "application", "申请材料"
    CORRECTION = "correction", "补正材料"  # sent online by the applicant (条例第三十条)
    RELEASED = "released", "公开的政府信息"  # attached by staff to an answer, downloaded online (网上获取)


def attachment_path(instance: "Attachment", filename: str) -> str:
    """attachments/<year>/<random name>: the applicant's file name never reaches the disk."""
    ext = EXTENSIONS.get(instance.content_type, "")
    return f"attachments/{timezone.localdate().year}/{secrets.token_hex(16)}{ext}"


class Attachment(models.Model):
    """A file an applicant sent with the application (身份证明 scan etc.). Stored under MEDIA_ROOT,
    which is not served to the public: staff read it through an access-checked view."""

    application = models.ForeignKey("cases.Application", verbose_name="关联申请", on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField("文件", upload_to=attachment_path, max_length=200)
    original_name = models.CharField("原文件名", max_length=255)
    content_type = models.CharField("文件类型", max_length=80)
    role = models.CharField("用途", max_length=20, choices=AttachmentRole.choices, default=AttachmentRole.APPLICATION)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "申请附件"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def download_name(self) -> str:
        """The applicant's name with the extension of what the file really is: a PDF sent as
        ``update.bat`` is handed out as ``update.pdf``, never as something a computer would run."""
        stem = self.original_name.rsplit(".", 1)[0] if "." in self.original_name.lstrip(".") else self.original_name
        return f"{stem or '附件'}{EXTENSIONS.get(self.content_type, '.bin')}"
