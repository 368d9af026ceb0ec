"""Forms of the staff pages for 主动公开: a publication's fields, an attachment, the small forms of
the review (declaration and submission, a decision, a reason), and the list's filters.

The forms check what a form can (required, lengths, the site's text boundary); the services
check everything again and decide (a column of another agency, a future 成文日期, the file type).
"""
from __future__ import annotations

from django import forms

from ..site.forms import Form
from . import filetypes, sanitize, services
from .models import Column, PubState


def column_choices(agency) -> list[tuple[int, str]]:
    """The agency's 公开目录 in tree order, each name indented by its depth (for a <select>)."""
    columns = list(Column.objects.filter(agency=agency).order_by("position", "id"))
    ids = {c.pk for c in columns}
    children: dict[int | None, list[Column]] = {}
    for c in columns:
        children.setdefault(c.parent_id if c.parent_id in ids else None, []).append(c)
    out: list[tuple[int, str]] = []

    def walk(parent_id, depth, seen):
        for c in children.get(parent_id, []):
            if c.pk in seen:
                continue
            out.append((c.pk, "　" * depth + ("└ " if depth else "") + c.name))
            walk(c.pk, depth + 1, seen | {c.pk})

    walk(None, 0, frozenset())
    return out


def _required(label: str) -> dict:
    return {"required": f"请填写{label}。", "max_length": f"{label}不能超过%(limit_value)d个字。"}


class PublicationForm(Form):
    name_fields = ("title", "doc_number")

    column = forms.TypedChoiceField(label="栏目", coerce=int, error_messages={"required": "请选择栏目。", "invalid_choice": "请选择本机关公开目录中的栏目。"})
    title = forms.CharField(label="标题", max_length=200, error_messages=_required("标题"))
    doc_number = forms.CharField(label="文号", max_length=80, required=False, help_text="如“湘司发〔2025〕3号”；没有文号的信息留空。",
                                 error_messages=_required("文号"))
    written_on = forms.DateField(label="成文日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                                 help_text="信息形成或者变更之日。条例第二十六条：应自该日起20个工作日内公开。",
                                 error_messages={"required": "请填写成文日期。", "invalid": "请按“年-月-日”填写成文日期，如 2025-06-30。"})
    body = forms.CharField(label="正文", required=False, max_length=services.MAX_BODY_CHARS,
                           widget=forms.Textarea(attrs={"rows": 16, "class": "pub-body"}),
                           help_text="可直接粘贴文字（每行一段），或粘贴网页、Word 中的内容；保存时只保留段落、标题、加粗、列表、表格、链接和图片。",
                           error_messages={"max_length": "正文过长（上限%(limit_value)d个字符），请将长篇内容作为附件上传。"})

    def __init__(self, *args, agency, **kwargs):
        kwargs.setdefault("auto_id", "pub-%s")
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["column"].choices = [("", "请选择栏目")] + column_choices(agency)

    def clean_body(self):
        # Word writes U+000B/U+000C for manual line and page breaks: line breaks, not refusals
        return (self.cleaned_data.get("body") or "").replace("\x0b", "\n").replace("\x0c", "\n")

    @classmethod
    def initial_for(cls, pub) -> dict:
        """The stored fields; a body that is only paragraphs of text is shown as that text, a
        paragraph a line (as it was typed), since saving the text gives back the same HTML."""
        body = pub.body_text if sanitize.clean_html(pub.body_text) == pub.body else pub.body
        return {"column": pub.column_id, "title": pub.title, "doc_number": pub.doc_number,
                "written_on": pub.written_on, "body": body}


class AttachmentForm(forms.Form):
    file = forms.FileField(label="附件", error_messages={"required": "请选择要上传的文件。", "empty": "文件是空的，请重新选择。",
                                                        "invalid": "没有收到文件，请重新选择。"},
                           help_text=f"可以上传：{filetypes.ACCEPTED}。上传后立即检查其中的个人信息和隐藏内容。")


class SubmitForm(Form):
    declare = forms.BooleanField(
        label="保密审查声明：本人已对上述内容进行保密审查，确认不涉及国家秘密、工作秘密，不含不宜公开的个人信息和商业秘密。",
        error_messages={"required": "请先勾选保密审查声明，再提交审核。"})
    note = forms.CharField(label="提交说明", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"max_length": "提交说明不能超过%(limit_value)d个字。"})


APPROVE, RETURN = "approve", "return"


class DecideForm(Form):
    verdict = forms.ChoiceField(label="审核意见", choices=[(APPROVE, "同意"), (RETURN, "退回修改")],
                                error_messages={"required": "请选择同意或退回修改。", "invalid_choice": "请选择同意或退回修改。"})
    comment = forms.CharField(label="意见说明", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                              error_messages={"max_length": "意见说明不能超过%(limit_value)d个字。"})

    def clean(self):
        data = super().clean()
        if data.get("verdict") == RETURN and not (data.get("comment") or "").strip():
            self.add_error("comment", "退回修改时请填写退回意见，说明需要修改的内容。")
        return data

    @property
    def approve(self) -> bool:
        return self.cleaned_data["verdict"] == APPROVE


class ReasonForm(Form):
    reason = forms.CharField(label="理由", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "请填写理由。", "max_length": "理由不能超过%(limit_value)d个字。"})


STATE_CHOICES = [("", "全部")] + [(s.value, s.label) for s in PubState if s != PubState.SUPERSEDED]


class FilterForm(Form):
    state = forms.ChoiceField(label="状态", choices=STATE_CHOICES, required=False)
    column = forms.TypedChoiceField(label="栏目", coerce=int, required=False, empty_value=None)
    year = forms.IntegerField(label="年度", required=False, min_value=2008, max_value=2100,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                              error_messages={"invalid": "年度请填写四位数字。", "min_value": "年度不能早于2008年。", "max_value": "年度不正确。"})
    q = forms.CharField(label="标题包含", required=False, max_length=100, widget=forms.TextInput(attrs={"type": "search"}))

    def __init__(self, *args, agency, **kwargs):
        kwargs.setdefault("auto_id", "flt-%s")
        super().__init__(*args, **kwargs)
        self.fields["column"].choices = [("", "全部栏目")] + column_choices(agency)
