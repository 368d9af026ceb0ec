"""Forms of the batch audit: the upload (many files or a zip) and the review of one finding."""
from __future__ import annotations

from django import forms
from django.utils import timezone

from ..reports import limits
from ..reports.errors import ReportError
from . import batch as b
from .models import Verdict
from .views.scope import FIRST_YEAR

MAX_FILES_AT_ONCE = 100  # Django's DATA_UPLOAD_MAX_NUMBER_FILES: more files go in a zip


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Django's documented way to take several files from one ``<input type=file multiple>``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        one = super().clean
        if not data:
            return one(None, initial)  # "required"
        if isinstance(data, (list, tuple)):
            return [one(d, initial) for d in data]
        return [one(data, initial)]


class UploadForm(forms.Form):
    county = forms.ModelChoiceField(label="本级机关", queryset=None, empty_label=None,
                                    help_text="报告所属的县（区）；与平台上机关名称相同的报告会对应到该机关")
    year = forms.IntegerField(label="报告年度", min_value=FIRST_YEAR, max_value=2100)
    files = MultipleFileField(
        label="报告文件", help_text=f"可一次选择多个文件（最多 {MAX_FILES_AT_ONCE} 个），或上传一个 zip 压缩包。"
        "支持文本、HTML、Word（DOCX）、PDF（含扫描件）、Excel（XLSX）和 Markdown。",
        error_messages={"required": "请选择要审核的报告文件。"})

    def __init__(self, *args, counties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = counties
        self.fields["year"].initial = timezone.localdate().year - 1
        self.fields["files"].widget.attrs["accept"] = ",".join(b.SUFFIXES + (".zip",))

    def clean_files(self) -> list[b.Upload]:
        """The uploads unpacked into files; a zip or file over a cap is refused as a whole, with
        the cap's Chinese message (nothing stored)."""
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES_AT_ONCE:
            raise forms.ValidationError(f"一次最多上传 {MAX_FILES_AT_ONCE} 个文件，更多文件请打包为 zip 上传。")
        lim = limits.current()
        uploads: list[b.Upload] = []
        total = 0
        for f in files:
            try:
                limits.check_input(f.size, lim)
                data = f.read()
                unpacked = b.unpack(f.name, data, lim)
            except ReportError as exc:
                raise forms.ValidationError(f"“{f.name}”：{exc.message}") from exc
            total += sum(len(u.content) for u in unpacked)
            if total > lim.max_unpacked_mb * limits.MB:
                raise forms.ValidationError(str(limits.refuse("max_unpacked_mb", f"{lim.max_unpacked_mb} MB", "本批文件合计")))
            uploads.extend(unpacked)
        if len(uploads) > lim.max_zip_members:
            raise forms.ValidationError(str(limits.refuse("max_zip_members", f"{lim.max_zip_members} 个", "本批文件数")))
        return uploads


class ReviewForm(forms.Form):
    """确认问题 or 不属问题 for one finding; dismissing needs a written reason (kept and shown)."""

    key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    verdict = forms.ChoiceField(label="结论", choices=Verdict.choices, widget=forms.RadioSelect)
    note = forms.CharField(label="说明", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        note = (data.get("note") or "").strip()
        data["note"] = note
        if data.get("verdict") == Verdict.DISMISSED and not note:
            self.add_error("note", "认定“不属问题”须写明理由。")
        return data
