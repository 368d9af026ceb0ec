"""The portal's forms: the online application (条例第二十九条) and the status lookup."""
from __future__ import annotations

from django import forms
from django.forms.boundfield import BoundField

from ..cases.choices import ApplicantKind, Delivery, IdType, RequestedForm
from ..cases import services
from ..cases.services import NewApplication
from ..site.forms import BoundaryMixin
from ..text import is_invisible
from . import checks, limits, uploads


class AccessibleBoundField(BoundField):
    """Links help text and errors to the inputs of radio groups too (Django does it for the others)."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if self.use_fieldset and not attrs.get("aria-describedby") and self.aria_describedby:
            attrs["aria-describedby"] = self.aria_describedby
        return attrs


class PortalForm(BoundaryMixin, forms.Form):
    """Boundary rules for what people type (zfxxgk.text), accessible errors, and an optional CAPTCHA."""

    bound_field_class = AccessibleBoundField
    required_css_class = "required"

    def __init__(self, *args, captcha: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if captcha:
            from captcha.fields import CaptchaField, CaptchaTextInput

            self.fields["captcha"] = CaptchaField(
                widget=CaptchaTextInput(attrs={"inputmode": "numeric", "class": "pf-captcha-answer"}), label="验证码", help_text="请计算图中算式的结果，填写数字。看不清可以刷新页面换一张。",
                error_messages={"invalid": "验证码不正确，请重新计算图中的算式（已换一张新图）。",
                                "required": "请填写验证码（图中算式的结果）。"},
            )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


ORGANISATIONS = {k for k in ApplicantKind.values if k != ApplicantKind.NATURAL_PERSON}
PERSON_ID_TYPES = [(v, label) for v, label in IdType.choices if v != IdType.CREDIT_CODE]


class ApplicationForm(PortalForm):
    applicant_kind = forms.ChoiceField(
        label="申请人类型", choices=ApplicantKind.choices, initial=ApplicantKind.NATURAL_PERSON, widget=forms.RadioSelect,
        error_messages={"required": "请选择申请人类型。", "invalid_choice": "请从列出的申请人类型中选择。"},
    )
    applicant_name = forms.CharField(
        label="姓名或名称", max_length=100, help_text="自然人填写姓名；法人或者其他组织填写单位全称。",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "请填写申请人姓名或者名称。", "max_length": "姓名或名称不能超过%(limit_value)d个字。"},
    )
    id_type = forms.ChoiceField(
        label="证件类型", choices=IdType.choices, initial=IdType.RESIDENT_ID,
        help_text="自然人选择本人身份证件；法人或者其他组织选择“统一社会信用代码”。",
        error_messages={"required": "请选择证件类型。", "invalid_choice": "请从列出的证件类型中选择。"},
    )
    id_number = forms.CharField(
        label="证件号码", max_length=40, required=False,
        help_text="居民身份证为18位；统一社会信用代码为18位。仅用于办理本申请，不会在网上公开。",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
        error_messages={"max_length": "证件号码不能超过%(limit_value)d位。"},
    )
    contact_person = forms.CharField(
        label="联系人", max_length=50, required=False, help_text="法人或者其他组织填写经办联系人姓名。",
        error_messages={"max_length": "联系人姓名不能超过%(limit_value)d个字。"},
    )
    phone = forms.CharField(
        label="联系电话", max_length=40, required=False, help_text="手机号码或带区号的固定电话。",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"max_length": "联系电话不能超过%(limit_value)d位。"},
    )
    email = forms.EmailField(
        label="电子邮箱", required=False, max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": "电子邮箱格式不正确，请核对（如 name@example.cn）。"},
    )
    address = forms.CharField(
        label="通信地址", max_length=200, required=False, help_text="选择邮寄获取信息的，请填写详细地址和邮政编码。",
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
        error_messages={"max_length": "通信地址不能超过%(limit_value)d个字。"},
    )
    description = forms.CharField(
        label="所需政府信息的名称或者特征性描述", max_length=2000,
        help_text="请写明信息的名称，或者便于查询的特征（如制作机关、时间、事项、地点）。至少5个字。",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "请填写所需政府信息的名称或者特征性描述（条例第二十九条第（二）项）。",
                        "max_length": "描述不能超过%(limit_value)d个字，内容较多的请分件申请。"},
    )
    document_number = forms.CharField(
        label="文号", max_length=100, required=False, help_text="知道的可以填写，如“湘司发〔2024〕3号”。",
        error_messages={"max_length": "文号不能超过%(limit_value)d个字。"},
    )
    requested_form = forms.ChoiceField(
        label="信息的提供形式", choices=RequestedForm.choices, initial=RequestedForm.ELECTRONIC, widget=forms.RadioSelect,
        error_messages={"required": "请选择信息的提供形式。", "invalid_choice": "请从列出的提供形式中选择。"},
    )
    delivery = forms.ChoiceField(
        label="获取信息的方式", choices=Delivery.choices, initial=Delivery.EMAIL, widget=forms.RadioSelect,
        error_messages={"required": "请选择获取信息的方式。", "invalid_choice": "请从列出的获取方式中选择。"},
    )
    attachments = MultipleFileField(
        label="附件", required=False,
        help_text=f"如身份证件扫描件。仅限{uploads.ALLOWED}格式，每个不超过5MB，最多{uploads.MAX_FILES}个。",
        widget=MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
        error_messages={"invalid": "上传的附件无效，请重新选择文件。", "empty": "上传的附件是空文件。"},
    )

    def clean_description(self):
        text = self.cleaned_data["description"].strip()
        if sum(not is_invisible(c) for c in text) < 5:
            raise forms.ValidationError("所需信息的描述过短：请至少填写5个字，写明信息名称或者特征性描述。", code="too_short")
        return text

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        return checks.clean_phone(value) if value else ""

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > uploads.MAX_FILES:
            raise forms.ValidationError(f"附件最多{uploads.MAX_FILES}个，您选择了{len(files)}个。", code="too_many")
        errors = []
        for f in files:
            name = uploads.display_name(f.name)
            if f.size > uploads.MAX_SIZE:
                errors.append(forms.ValidationError(f"附件“{name}”超过5MB，请压缩后重新上传。", code="too_large"))
                continue
            content_type = uploads.sniff(f)
            if content_type is None:
                errors.append(forms.ValidationError(
                    f"附件“{name}”不是{uploads.ALLOWED}文件（按文件内容检查，与文件扩展名无关），请重新选择。", code="file_type"))
                continue
            f.sniffed_type = content_type
        if errors:
            raise forms.ValidationError(errors)
        total, cap = sum(f.size for f in files), limits.max_total_attachments()
        if total > cap:
            raise forms.ValidationError(
                f"附件合计{total / limits.MB:.1f}MB，超过每件申请{cap // limits.MB}MB的上限，请压缩后重新上传。", code="too_large_total")
        refused = limits.storage_refusal(total)
        if refused:
            raise forms.ValidationError(refused, code="storage_full")
        return files

    def clean(self):
        data = super().clean()
        kind, id_type = data.get("applicant_kind"), data.get("id_type")
        number = (data.get("id_number") or "").strip()
        if kind in ORGANISATIONS:
            if id_type and id_type != IdType.CREDIT_CODE:
                self.add_error("id_type", "法人或者其他组织请选择“统一社会信用代码”。")
            elif not number:
                self.add_error("id_number", "请填写18位统一社会信用代码（条例第二十九条第（一）项：身份证明）。")
            else:
                self._check_id("id_number", checks.clean_credit_code, number)
            if not (data.get("contact_person") or "").strip() and "contact_person" not in self.errors:
                self.add_error("contact_person", "法人或者其他组织请填写联系人姓名。")
        elif kind == ApplicantKind.NATURAL_PERSON:
            if id_type == IdType.CREDIT_CODE:
                self.add_error("id_type", "自然人请选择居民身份证、护照等个人身份证件。")
            elif not number:
                self.add_error("id_number", "请填写证件号码（条例第二十九条第（一）项：身份证明）。")
            elif id_type == IdType.RESIDENT_ID:
                self._check_id("id_number", lambda v: checks.clean_resident_id(v, services.today()), number)
            elif id_type:
                self._check_id("id_number", checks.clean_other_document, number)

        contact_errors = {"phone", "email", "address"} & set(self.errors)
        if not contact_errors and not any((data.get(k) or "").strip() for k in ("phone", "email", "address")):
            self.add_error("phone", "请至少填写一种联系方式：联系电话、电子邮箱或者通信地址（条例第二十九条第（一）项）。")
        delivery = data.get("delivery")
        if delivery == Delivery.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", "选择以电子邮件获取信息的，请填写电子邮箱。")
        if delivery == Delivery.POST and not (data.get("address") or "").strip() and "address" not in self.errors:
            self.add_error("address", "选择邮寄获取信息的，请填写通信地址。")
        if delivery == Delivery.FAX and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", "选择以传真获取信息的，请填写传真号码或者联系电话。")
        return data

    def _check_id(self, field: str, check, value: str) -> None:
        try:
            self.cleaned_data[field] = check(value)
        except forms.ValidationError as exc:
            self.add_error(field, exc)

    def new_application(self) -> NewApplication:
        d = self.cleaned_data
        return NewApplication(
            applicant_kind=d["applicant_kind"], applicant_name=d["applicant_name"], description=d["description"],
            channel="internet", submitted_on=services.today(), id_type=d["id_type"], id_number=d["id_number"],
            contact_person=d["contact_person"].strip() if d["applicant_kind"] in ORGANISATIONS else "",
            phone=d["phone"], email=d["email"], address=d["address"].strip(), document_number=d["document_number"].strip(),
            requested_form=d["requested_form"], delivery=d["delivery"],
        )


class StatusForm(PortalForm):
    number = forms.CharField(
        label="依申请公开编号", max_length=80, help_text="提交申请后页面上显示的编号。",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": "请填写依申请公开编号。", "max_length": "编号不能超过%(limit_value)d个字。"},
    )
    code = forms.CharField(
        label="查询码", max_length=32, help_text="12位字母和数字，不区分大小写。",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
        error_messages={"required": "请填写查询码。", "max_length": "查询码不能超过%(limit_value)d位。"},
    )

    def clean_number(self):
        return self.cleaned_data["number"].strip()

    def clean_code(self):
        return services.clean_query_code(self.cleaned_data["code"])


class CorrectionForm(PortalForm):
    """The applicant's 补正 on the status page (条例第三十条): what they add, and files (the same checks as the application's)."""

    text = forms.CharField(
        label="补正内容", max_length=2000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="按补正告知书列出的事项逐项说明，例如写明所需信息的名称、文号、时间范围。",
        error_messages={"required": "请填写补正内容（按补正告知书列出的事项说明）。", "max_length": "补正内容不能超过%(limit_value)d个字。"},
    )
    attachments = MultipleFileField(
        label="补正材料（附件）", required=False,
        help_text=f"如身份证件扫描件。仅限{uploads.ALLOWED}格式，每个不超过5MB，最多{uploads.MAX_FILES}个。",
        widget=MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
        error_messages={"invalid": "上传的附件无效，请重新选择文件。", "empty": "上传的附件是空文件。"},
    )

    clean_attachments = ApplicationForm.clean_attachments
