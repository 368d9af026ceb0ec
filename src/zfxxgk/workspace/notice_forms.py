"""Forms of the notices on the case page (送达, released files) and of the office's settings page."""
from __future__ import annotations

from django import forms

from ..agencies.models import Agency, OfficeSettings
from ..cases.models import DeliveryMethod
from ..cases.notices.numbering import check_pattern
from ..portal.forms import MultipleFileField, MultipleFileInput
from ..publishing import filetypes
from ..site.forms import BoundaryMixin, Form
from .forms import date_field

MAX_RELEASED_SIZE = 20 * 1024 * 1024  # one released file
MAX_RELEASED_FILES = 10


class DeliveryForm(Form):
    method = forms.ChoiceField(label="送达方式", choices=DeliveryMethod.choices, initial=DeliveryMethod.POST)
    delivered_on = date_field("送达日期", help_text="当面领取为签收之日；邮寄为申请人签收之日（以邮件查询结果为准）。")
    tracking_number = forms.CharField(label="邮寄单号", max_length=50, required=False, help_text="邮寄送达必填。")
    note = forms.CharField(label="说明", max_length=200, required=False, help_text="如 申请人本人签收；由其代理人代收。")


class ReleasedFilesForm(Form):
    files = MultipleFileField(
        label="公开的政府信息（文件）", help_text=f"申请人选择“网上获取”的，答复后可在查询页面下载。可上传：{filetypes.ACCEPTED}；每个不超过20MB，一次最多{MAX_RELEASED_FILES}个。",
        widget=MultipleFileInput(), error_messages={"required": "请选择要上传的文件。", "empty": "上传的文件是空文件。"},
    )

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        if len(files) > MAX_RELEASED_FILES:
            raise forms.ValidationError(f"一次最多上传{MAX_RELEASED_FILES}个文件。")
        errors = []
        for f in files:
            if f.size > MAX_RELEASED_SIZE:
                errors.append(forms.ValidationError(f"文件“{f.name}”超过20MB。"))
                continue
            f.seek(0)
            data = f.read()
            f.seek(0)
            try:
                f.kind = filetypes.detect(data)
            except filetypes.Refused as exc:
                errors.append(forms.ValidationError(f"文件“{f.name}”：{exc.message}"))
        if errors:
            raise forms.ValidationError(errors)
        return files


class ReplyRulesForm(BoundaryMixin, forms.ModelForm):
    """How the agency issues its replies: whether the leader's 审签 comes first (条例第四十五条)."""

    class Meta:
        model = Agency
        fields = ["reply_signoff"]


class OfficeSettingsForm(BoundaryMixin, forms.ModelForm):
    class Meta:
        model = OfficeSettings
        fields = [
            "notice_number_pattern", "reconsideration_body", "court", "payment_method", "contact_person", "contact_phone",
            "office_address", "office_hours", "phone", "fax", "email", "postal_address",
        ]
        widgets = {"payment_method": forms.Textarea(attrs={"rows": 3})}

    def clean_notice_number_pattern(self):
        value = self.cleaned_data["notice_number_pattern"].strip()
        try:
            check_pattern(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None
        return value
