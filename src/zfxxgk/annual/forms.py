"""Forms of the annual-report pages: the report editor (every cell and section), and the small
forms beside it (dismiss a warning, import figures, upload last year's report, decide, correct)."""
from __future__ import annotations

from decimal import Decimal

from django import forms

from ..agencies.models import Agency
from ..site.forms import Form
from ..standard import format2021 as f21
from . import figures as fig
from .errors import AnnualInvalid

MAX_UPLOAD = 20 * 1024 * 1024  # a published report with its tables; scanned PDFs are larger than DOCX


def text_area(label: str, *, required: bool = True, rows: int = 3, help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, required=required, help_text=help_text, max_length=20000,
                           widget=forms.Textarea(attrs={"rows": rows}),
                           error_messages={"required": f"请填写{label}。", "max_length": f"{label}太长（最多%(limit_value)d字）。"})


# --- the editor --------------------------------------------------------------------------------------

class FigureField(forms.CharField):
    """One table cell: a whole number ≥ 0, or 万元 with at most 4 decimals (表二 收费金额, spec §14).

    Typed as text so that a wrong entry comes back as typed, with the drafting core's message
    naming the cell; blank means “not filled” (or, over a hand entry, back to the computed figure).
    """

    def __init__(self, path: str, **kw):
        self.path = path
        decimal = path in f21.DECIMAL_PATHS
        attrs = {"inputmode": "decimal" if decimal else "numeric", "autocomplete": "off", "class": "an-num", "maxlength": "20"}
        super().__init__(required=False, strip=True, widget=forms.TextInput(attrs=attrs), **kw)

    def to_python(self, value):
        text = (super().to_python(value) or "").strip()
        if not text:
            return None
        if len(text) > 20:
            raise forms.ValidationError("数字太长，请核对。", code="too_long")
        try:  # the drafting core's rule for a figure (annual.figures.clean), one definition
            return fig.clean(self.path, text.replace("，", ","))
        except AnnualInvalid as exc:
            raise forms.ValidationError(exc.message, code="invalid") from None


class ReportForm(Form):
    """Every spec §6 cell of tables 二, 三, 四 (field name = the cell's path) and the six sections."""

    def __init__(self, *args, report, **kwargs):
        kwargs.setdefault("auto_id", "f-%s")
        super().__init__(*args, **kwargs)
        self.report = report
        for path in f21.ALL_PATHS_2021:
            self.fields[path] = FigureField(path, label=fig.label(path))
        for key in fig.TEXT_KEYS:
            self.fields[key] = text_area(fig.TEXT_LABELS[key], required=False, rows=3 if key == "preamble" else 8)
        if not self.is_bound:
            self.initial = initial_values(report)

    def changes(self) -> tuple[dict, dict]:
        """(sections, figures) that differ from what is stored: only those are sent to the service,
        so a figure nobody touched keeps its source (自动统计 stays 自动统计)."""
        stored = initial_values(self.report)
        figures = {}
        for path in f21.ALL_PATHS_2021:
            new = self.cleaned_data.get(path)
            old = stored.get(path)
            if new is None and old in (None, ""):
                continue
            if new is None or old in (None, "") or Decimal(str(new)) != Decimal(str(old)):
                figures[path] = new
        sections = {}
        for key in fig.TEXT_KEYS:
            new = self.cleaned_data.get(key) or ""
            if _plain_text(new) != _plain_text(stored.get(key)):
                sections[key] = new
        return sections, figures


def _plain_text(text: str | None) -> str:
    """Text compared as the reader sees it: a browser sends CRLF line ends, the report keeps LF."""
    return "\n".join(line.rstrip() for line in (text or "").replace("\r\n", "\n").replace("\r", "\n").strip().split("\n"))


def initial_values(report) -> dict:
    out: dict = {}
    for path, entry in (report.figures or {}).items():
        value = entry.get("value") if isinstance(entry, dict) else entry
        if value is not None:
            out[path] = str(value)
    for key in fig.TEXT_KEYS:
        out[key] = (report.sections or {}).get(key, "")
    return out


# --- beside the editor -------------------------------------------------------------------------------

class DismissForm(Form):
    key = forms.CharField(max_length=64, widget=forms.HiddenInput)
    reason = text_area("说明理由", help_text="写明为什么这条警告不影响报告的准确性，例如数据口径或特殊情况。说明将保存并向上级监督机关显示。")

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < 5:
            raise forms.ValidationError("请用至少5个字说明理由。")
        return reason


class FileForm(Form):
    file = forms.FileField(label="文件", error_messages={"required": "请选择要上传的文件。", "empty": "上传的文件是空的。"})

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_UPLOAD:
            raise forms.ValidationError("文件太大（最大 20 MB）。")
        return f


class ImportFiguresForm(FileForm):
    file = forms.FileField(label="数据文件", help_text="Excel（.xlsx，年度报告表格式）或 CSV（每行：单元格路径,数值）。导入的数字覆盖表格中的对应单元格。",
                           error_messages={"required": "请选择要导入的文件。", "empty": "上传的文件是空的。"})


class UploadPublishedForm(FileForm):
    file = forms.FileField(label="上年度已发布的报告文件", help_text="本机关上年度在网站上发布的年度报告：Word、PDF、网页（HTML）、Excel 或文本文件均可。用于跨年度核对（上年结转、内容雷同）。",
                           error_messages={"required": "请选择要上传的文件。", "empty": "上传的文件是空的。"})


class DecideForm(Form):
    verdict = forms.ChoiceField(choices=[("approve", "同意发布"), ("return", "退回修改")], widget=forms.HiddenInput)
    comment = text_area("审核意见", required=False, help_text="退回修改时必须写明需要修改的地方。")

    def clean(self):
        data = super().clean()
        if data.get("verdict") == "return" and not (data.get("comment") or "").strip():
            self.add_error("comment", "退回修改时请写明需要修改的地方。")
        return data


class CorrectionForm(Form):
    reason = text_area("更正原因", help_text="写明更正什么、为什么更正。更正原因将在公开页面上显示。")


class CreateForm(Form):
    """生成草稿 from the list page: one agency the user may write, one year."""

    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), widget=forms.HiddenInput,
                                    error_messages={"invalid_choice": "您不能为这个机关编制年度报告。"})
    year = forms.IntegerField(min_value=2008, max_value=2100, widget=forms.HiddenInput,
                              error_messages={"min_value": "年度不正确。", "max_value": "年度不正确。", "invalid": "年度不正确。"})

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
