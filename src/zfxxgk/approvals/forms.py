from __future__ import annotations

from django import forms

APPROVE, RETURN = "approve", "return"


class DecisionForm(forms.Form):
    verdict = forms.ChoiceField(label="审核意见", choices=[(APPROVE, "同意"), (RETURN, "退回修改")],
                                error_messages={"required": "请选择同意或退回修改。", "invalid_choice": "请选择同意或退回修改。"})
    comment = forms.CharField(label="意见说明", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text="退回修改时必填，写明需要修改的内容。",
                              error_messages={"max_length": "意见说明不能超过2000字。"})

    def clean(self):
        data = super().clean()
        if data.get("verdict") == RETURN and not (data.get("comment") or "").strip():
            self.add_error("comment", "退回修改时请填写退回意见，说明需要修改的内容。")
        return data

    @property
    def approve(self) -> bool:
        return self.cleaned_data["verdict"] == APPROVE
