"""Forms of the staff workspace: plain labels, one help line each, dates as date pickers."""
from __future__ import annotations

from django import forms

from ..agencies.models import Agency
from ..cases import fees, services
from ..cases.choices import (
    LAPSE_OUTCOMES, ApplicantKind, AppealKind, AppealResult, Channel, ConsultationParty, Delivery, IdType,
    RequestedForm, State,
)
from ..cases.deadlines import MAX_EXTENSION_DAYS
from ..site.forms import Form
from ..standard import format2021 as f21

MAX_UPLOAD = 5 * 1024 * 1024  # a ledger is a few hundred rows at most


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, help_text=help_text, widget=DateInput())


def text_area(label: str, *, required: bool = True, help_text: str = "", rows: int = 3) -> forms.CharField:
    return forms.CharField(label=label, required=required, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows}))


# --- the queue -------------------------------------------------------------------------------------

OVERDUE = "overdue"  # a pseudo-state of the filter: open, not paused, past its due date
CONFIRM_LATE = "confirm_late"  # another: awaiting confirmation longer than ZFXXGK_CONFIRM_WARN_DAYS working days


class QueueFilter(Form):
    # Integer fields shown as lists: a value outside the list filters to nothing rather than being ignored.
    agency = forms.IntegerField(label="机关", required=False, widget=forms.Select)
    state = forms.ChoiceField(label="状态", required=False, choices=[("", "全部未办结"), (OVERDUE, "超期"), (CONFIRM_LATE, "超期未确认收到"), *State.choices])
    applicant_kind = forms.ChoiceField(label="申请人类型", required=False, choices=[("", "全部"), *ApplicantKind.choices])
    year = forms.IntegerField(label="年度", required=False, widget=forms.Select)
    q = forms.CharField(label="查找", required=False, max_length=100, widget=forms.TextInput(attrs={"type": "search", "placeholder": "编号、申请人或申请内容"}))
    closed = forms.BooleanField(label="包括已办结", required=False)
    mine = forms.BooleanField(label="只看我承办的", required=False)

    def __init__(self, data, *, agencies, years):
        super().__init__(data)
        self.fields["agency"].widget.choices = [("", "全部机关"), *((a.id, a.name) for a in agencies)]
        self.fields["year"].widget.choices = [("", "全部年度"), *((y, f"{y}年") for y in years)]
        if len(agencies) < 2:
            self.fields["agency"].widget = forms.HiddenInput()


class FindByCodeForm(Form):
    code = forms.CharField(label="查询码", max_length=32, widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
                           error_messages={"required": "请填写查询码。", "max_length": "查询码不能超过%(limit_value)d位。"})

    def clean_code(self):
        return services.clean_query_code(self.cleaned_data["code"])


# --- registration ----------------------------------------------------------------------------------

# Offline channels only: applications over the internet come in through the public portal.
OFFLINE_CHANNELS = [(v, label) for v, label in Channel.choices if v != Channel.INTERNET]


class RegisterForm(Form):
    agency = forms.ModelChoiceField(label="受理机关", queryset=Agency.objects.none(), empty_label=None)
    channel = forms.ChoiceField(
        label="申请是怎样送来的", choices=OFFLINE_CHANNELS, widget=forms.RadioSelect, initial=Channel.IN_PERSON,
        help_text="条例第三十一条：当面提交的，提交之日为收到申请之日；邮政快递的，签收之日为收到申请之日；"
                  "平常信函、传真、电子邮件，与申请人确认之日为收到申请之日（应当日确认）。",
    )
    submitted_on = date_field("提交日期", help_text="当面提交的日期，或信函寄出、传真和邮件发出的日期。")
    signed_on = date_field("签收日期", required=False, help_text="仅邮政快递（需签收）填写：本机关签收的日期。")
    confirmed_on = date_field("与申请人确认的日期", required=False,
                              help_text="平常信函、传真、电子邮件：已与申请人确认收到的，填写确认之日；还没确认的留空，登记后在申请页面确认。")

    applicant_kind = forms.ChoiceField(label="申请人类型", choices=ApplicantKind.choices, initial=ApplicantKind.NATURAL_PERSON)
    applicant_name = forms.CharField(label="申请人姓名或名称", max_length=100)
    id_type = forms.ChoiceField(label="身份证明（证件类型）", choices=IdType.choices, initial=IdType.RESIDENT_ID)
    id_number = forms.CharField(label="证件号码", max_length=40, required=False)
    contact_person = forms.CharField(label="联系人", max_length=50, required=False, help_text="法人或其他组织申请时，经办的联系人。")
    phone = forms.CharField(label="联系电话", max_length=40, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    address = forms.CharField(label="通信地址", max_length=200, required=False, help_text="联系电话、电子邮箱、通信地址至少填一项（条例第二十九条第（一）项）。")

    description = text_area("所需政府信息的名称、文号或者特征性描述", rows=4, help_text="条例第二十九条第（二）项。")
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    requested_form = forms.ChoiceField(label="信息的提供形式", choices=RequestedForm.choices, initial=RequestedForm.PAPER,
                                       help_text="条例第二十九条第（三）项：申请人要求的形式。")
    delivery = forms.ChoiceField(label="获取信息的方式", choices=Delivery.choices, initial=Delivery.PICKUP)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if len(agencies) == 1:
            self.fields["agency"].initial = agencies[0].pk

    def clean(self):
        data = super().clean()
        channel = data.get("channel")
        if channel == Channel.POST_SIGNED and not data.get("signed_on"):
            self.add_error("signed_on", "邮政快递寄送的申请，请填写签收日期（条例第三十一条第（二）项）。")
        if channel != Channel.POST_SIGNED:
            data["signed_on"] = None
        if channel not in (Channel.POST_UNSIGNED, Channel.FAX, Channel.EMAIL):
            data["confirmed_on"] = None
        if not (data.get("phone", "").strip() or data.get("email", "").strip() or data.get("address", "").strip()):
            self.add_error("address", "请至少填写一种联系方式：联系电话、电子邮箱或通信地址（条例第二十九条第（一）项）。")
        return data


# --- actions on a case -----------------------------------------------------------------------------

class OnForm(Form):
    """Every action happens on a day; today unless the clerk records something that happened earlier."""

    on_label = "日期"
    on_help = "默认今天；补记以前发生的事项时，填写实际发生的日期。"

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"on": date_field(self.on_label, help_text=self.on_help), **self.fields}
        if today is not None:
            self.fields["on"].initial = today


class ConfirmReceiptForm(OnForm):
    on_label = "与申请人确认收到的日期"
    on_help = "这一天就是收到申请之日，答复期限从这一天起算。"


class RequestCorrectionForm(OnForm):
    on_label = "告知补正的日期"
    until = date_field("补正期限（申请人应在此日前补正）", help_text="给申请人合理的补正期限（条例未规定天数，常见为10至15个工作日）。")
    items = text_area("需要补正的事项", rows=4, help_text="一次性写明全部需要补正的内容，以后不能再次要求补正。")


class ReceiveCorrectionForm(OnForm):
    on_label = "收到补正材料的日期"
    on_help = "答复期限从这一天起重新计算20个工作日。"


class LapseCorrectionForm(OnForm):
    on_label = "办结日期"


class StartConsultationForm(OnForm):
    on_label = "发出征求意见书的日期"
    party = forms.ChoiceField(label="征求谁的意见", choices=ConsultationParty.choices, widget=forms.RadioSelect, initial=ConsultationParty.THIRD_PARTY)
    reason = text_area("为什么要征求意见", help_text="例如：涉及第三方商业秘密、个人隐私；信息由多个机关共同制作。")
    party_name = forms.CharField(label="第三方名称或姓名", max_length=100, required=False,
                                 help_text="征求第三方意见的必填：征求第三方意见书写给该第三方（条例第三十二条）。")
    party_address = forms.CharField(label="第三方通信地址", max_length=200, required=False,
                                    help_text="征求意见书寄送的地址。")

    def clean(self):
        data = super().clean()
        if data.get("party") == ConsultationParty.THIRD_PARTY:
            if not (data.get("party_name") or "").strip():
                self.add_error("party_name", "请填写被征求意见的第三方名称或者姓名（条例第三十二条：书面征求第三方意见）。")
            if not (data.get("party_address") or "").strip():
                self.add_error("party_address", "请填写第三方的通信地址，征求意见书将寄送至该地址。")
        return data


class EndConsultationForm(OnForm):
    on_label = "收到意见（或期满）的日期"
    reason = text_area("意见情况", required=False, help_text="例如：第三方书面同意公开；逾期未答复。")


class RequestExtensionForm(OnForm):
    on_label = "申请延期的日期"
    days = forms.IntegerField(label="延长多少个工作日", min_value=1, max_value=MAX_EXTENSION_DAYS, initial=MAX_EXTENSION_DAYS,
                              help_text=f"最多{MAX_EXTENSION_DAYS}个工作日。")
    reason = text_area("延期理由")


APPROVE, SHORTEN, REFUSE = "approve", "shorten", "refuse"


class ApproveExtensionForm(OnForm):
    """The office head's decision (条例第三十三条第二款): as asked, fewer days, or not at all."""

    on_label = "审批日期"
    decision = forms.ChoiceField(label="审批意见", required=False, widget=forms.RadioSelect, initial=APPROVE,
                                 choices=[(APPROVE, "同意，按申请的天数延长"), (SHORTEN, "同意，但缩短延长的天数"), (REFUSE, "不同意延期")])
    days = forms.IntegerField(label="缩短为多少个工作日", required=False, min_value=1, max_value=MAX_EXTENSION_DAYS,
                              help_text="仅“缩短”时填写，应少于申请的天数。")
    reason = text_area("意见和理由", required=False, help_text="缩短或不同意时必填；同意时不填则沿用申请延期时写的理由。")

    def clean(self):
        data = super().clean()
        data["decision"] = data.get("decision") or APPROVE
        if data["decision"] == SHORTEN and not data.get("days"):
            self.add_error("days", "缩短延长期限时，请填写批准的工作日数。")
        if data["decision"] in (SHORTEN, REFUSE) and not (data.get("reason") or "").strip():
            self.add_error("reason", "缩短或不同意延期时，请说明理由。")
        return data


class FeeNoticeForm(OnForm):
    on_label = "发出收费通知的日期"
    method = forms.ChoiceField(label="收费方式（只能选一种）", choices=[(fees.PER_PAGE, "按量计收（按页数）"), (fees.PER_ITEM, "按件计收（按件数）")],
                               widget=forms.RadioSelect, initial=fees.PER_PAGE)
    quantity = forms.IntegerField(label="数量", min_value=1, help_text="按量计收：本申请的页数；按件计收：本申请拆分后的件数。")
    items_before = forms.IntegerField(label="按件计收时：该申请人本自然月此前已申请的件数", min_value=0, initial=0, required=False,
                                      help_text="同一申请人一个自然月内累计计件；按量计收时不用填。")

    def fee(self) -> fees.Fee:
        d = self.cleaned_data
        if d["method"] == fees.PER_ITEM:
            return fees.per_item(d.get("items_before") or 0, d["quantity"])
        return fees.per_page(d["quantity"])


class RecordPaymentForm(OnForm):
    on_label = "缴费日期"


class LapseFeeForm(OnForm):
    on_label = "办结日期"


class DeferForm(OnForm):
    on_label = "告知申请人的日期"
    until = date_field("延迟答复的期限（答复日期）")
    reason = text_area("理由", help_text="申请数量、频次明显超过合理范围，申请人说明的理由合理，但无法在法定期限内答复的情况。")


def outcome_choices() -> list:
    """Table 三's outcomes in its printed order and groups; the two lapse outcomes have their own buttons."""
    out: list = [("", "请选择办理结果")]
    groups: dict[str, list] = {}
    for r in f21.REQUEST_ROWS:
        if not r.is_leaf or r.key in LAPSE_OUTCOMES:
            continue
        if r.group:
            if r.group not in groups:
                groups[r.group] = []
                out.append((r.group, groups[r.group]))
            groups[r.group].append((r.key, f"{r.code} {r.label}"))
        else:
            out.append((r.key, f"{r.code} {r.label}"))
    return out


class AnswerForm(OnForm):
    on_label = "答复日期"
    outcome = forms.ChoiceField(label="办理结果（年度报告表三）", choices=outcome_choices)
    reason = text_area("答复说明（写入答复告知书）", required=False, rows=4,
                       help_text="提供了什么、不予公开的理由、或应向哪个机关申请（写明名称、联系方式）。每行一段。")
    confirm = forms.BooleanField(label="我已核对无误，确认答复", required=True,
                                 help_text="答复后申请即办结，不能撤回（须经审签的机关，审签同意后才发出）。",
                                 error_messages={"required": "请勾选确认：答复后申请即办结，不能撤回。"})


class ReanswerForm(AnswerForm):
    on_label = "重新答复日期"
    on_help = "不能早于行政复议或行政诉讼作出纠正决定之日。"


class VoidEventForm(Form):
    """更正: the latest step of the case is voided with a reason (the choice is filled by the view)."""

    event = forms.TypedChoiceField(label="作废哪一项记录", coerce=int, choices=[],
                                   help_text="只能作废最近一项办理记录；更早的记录请先作废其后的记录。")
    reason = text_area("更正理由", help_text="例如：日期录入错误，实际为……；误记在这件申请上。")

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)


class CorrectDetailsForm(Form):
    """The applicant's details and the request as they should be (filled with the current values)."""

    applicant_kind = forms.ChoiceField(label="申请人类型", choices=ApplicantKind.choices)
    applicant_name = forms.CharField(label="申请人姓名或名称", max_length=100)
    id_type = forms.ChoiceField(label="证件类型", choices=IdType.choices)
    id_number = forms.CharField(label="证件号码", max_length=40, required=False)
    contact_person = forms.CharField(label="联系人", max_length=50, required=False)
    phone = forms.CharField(label="联系电话", max_length=40, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    description = text_area("所需政府信息的名称、文号或者特征性描述", rows=4)
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    requested_form = forms.ChoiceField(label="信息的提供形式", choices=RequestedForm.choices)
    delivery = forms.ChoiceField(label="获取信息的方式", choices=Delivery.choices)
    reason = text_area("更正理由", help_text="例如：登记时录入错误；申请人来电更正联系电话。原来的内容保留在办理记录中。")

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)


class AssignForm(Form):
    assignee = forms.TypedChoiceField(label="承办人", coerce=int, choices=[], help_text="本机关的经办人、负责人或分管领导。")

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)


class AddAppealForm(Form):
    kind = forms.ChoiceField(label="类型", choices=AppealKind.choices)
    filed_on = date_field("立案（申请）日期")
    result = forms.ChoiceField(label="结果", choices=AppealResult.choices, initial=AppealResult.PENDING)
    decided_on = date_field("审结日期", required=False, help_text="尚未审结的不填。")
    note = text_area("说明", required=False)

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        if today is not None:
            self.fields["filed_on"].initial = today


class DecideAppealForm(Form):
    result = forms.ChoiceField(label="审结结果", choices=[c for c in AppealResult.choices if c[0] != AppealResult.PENDING])
    decided_on = date_field("审结日期")

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        if today is not None:
            self.fields["decided_on"].initial = today


# --- ledger import ---------------------------------------------------------------------------------

class ImportForm(Form):
    agency = forms.ModelChoiceField(label="导入到哪个机关", queryset=Agency.objects.none(), empty_label=None)
    file = forms.FileField(label="台账文件", help_text="Excel（.xlsx）、CSV 或 Word（.docx）文件，最大 5 MB。可先导出一份台账作为模板。")

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_UPLOAD:
            raise forms.ValidationError("文件太大（最大 5 MB）。")
        return f
