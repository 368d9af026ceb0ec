from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from ..choices import EventKind


class Event(models.Model):
    """Something that happened to an application, with who, when and why. Append-only:
    the record of a case is evidence (条例第四十五条: 登记、审核、办理、答复、归档)."""

    application = models.ForeignKey("cases.Application", on_delete=models.PROTECT, related_name="events")
    kind = models.CharField("事项", max_length=30, choices=EventKind.choices)
    on = models.DateField("日期")  # the legally relevant day (e.g. when the corrected application arrived)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField("理由或说明", blank=True)
    data = models.JSONField("数据", default=dict, blank=True)
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "办理记录"
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("办理记录只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("办理记录只能追加，不能删除。")

    # -- an extension request or a reply sent for 审签 is the subject of an approval (zfxxgk.approvals) --
    def approval_objection(self, approval, user, **options) -> str | None:
        from ..signoff import objection

        return objection(self, approval, user, **options)

    def approval_approved(self, approval, user, **options) -> None:
        from ..signoff import approved

        approved(self, approval, user, **options)

    def approval_returned(self, approval, user, **options) -> None:
        from ..signoff import returned

        returned(self, approval, user, **options)

    def approval_withdrawn(self, approval, user) -> None:
        from ..signoff import withdrawn

        withdrawn(self, approval, user)

    def get_workspace_url(self) -> str:
        from django.urls import reverse

        return reverse("workspace:case", args=[self.application_id])
