"""Request and response bodies of the API. No schema here carries an ID number, phone number,
e-mail or postal address outward: the API returns only what integration needs."""
from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from ninja import Field, Schema
from pydantic import ConfigDict, field_validator

from ..cases.choices import ApplicantKind, Channel, Delivery, EventKind, IdType, Outcome, RequestedForm, State
from ..cases.services import clean_query_code
from ..text import InputError, clean_input, clean_name

# The same limit as the portal's form: a longer request is split into several applications.
DESCRIPTION_MAX = 2000


def _boundary(value, info):
    """Every string of a request body passes the same rule as the forms (zfxxgk.text); the error
    message is prefixed with the field's name."""
    if not isinstance(value, str):
        return value
    try:
        if info.field_name in ("applicant_name", "contact_person"):
            return clean_name(value)
        return clean_input(value, multiline=info.field_name == "description")
    except InputError as exc:
        raise ValueError(exc.message) from None


def _enum(choices, description: str, default=None) -> dict:
    """A string field documented with its allowed values; checked (in Chinese) by the services."""
    values = "；".join(f"{v}={label}" for v, label in choices.choices)
    return {"description": f"{description}。可选：{values}", "json_schema_extra": {"enum": list(choices.values)}}


class Error(Schema):
    detail: str = Field(..., description="错误说明（中文）")


class FieldError(Schema):
    field: str
    message: str


class ValidationErrorOut(Error):
    errors: list[FieldError] = Field(default_factory=list, description="逐项错误（请求格式校验时提供）")


class ApplicationIn(Schema):
    """条例第二十九条 的申请内容及提交渠道（第三十一条）。"""

    model_config = ConfigDict(str_strip_whitespace=True)

    applicant_kind: str = Field(..., **_enum(ApplicantKind, "申请人类型（年度报告表三的列）"))
    applicant_name: str = Field(..., max_length=100, description="申请人姓名或名称")
    id_type: str = Field(IdType.RESIDENT_ID.value, **_enum(IdType, "证件类型"))
    id_number: str = Field("", max_length=40, description="证件号码")
    contact_person: str = Field("", max_length=50, description="联系人（法人或其他组织）")
    phone: str = Field("", max_length=40, description="联系电话")
    email: str = Field("", max_length=254, description="电子邮箱")
    address: str = Field("", max_length=200, description="通信地址")
    description: str = Field(..., max_length=DESCRIPTION_MAX, description="所需政府信息的名称、文号或者便于查询的特征性描述（最多2000字）")
    document_number: str = Field("", max_length=100, description="文号")
    requested_form: str = Field(RequestedForm.ELECTRONIC.value, **_enum(RequestedForm, "信息的指定提供形式"))
    delivery: str = Field(Delivery.EMAIL.value, **_enum(Delivery, "获取信息的方式"))
    channel: str = Field(Channel.INTERNET.value, **_enum(Channel, "申请渠道，决定收到申请之日（第三十一条）"))
    submitted_on: date | None = Field(None, description="提交日期（YYYY-MM-DD），默认今天")
    signed_on: date | None = Field(None, description="签收日期：邮政快递（post_signed）必填")

    _text = field_validator("*", mode="after")(_boundary)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if value:
            try:
                validate_email(value)
            except DjangoValidationError:
                raise ValueError("电子邮箱格式不正确") from None
        return value


class ApplicationCreated(Schema):
    number: str = Field(..., description="依申请公开编号")
    query_code: str = Field(..., description="查询码：与编号一起交给申请人，用于查询办理进度")
    state: str = Field(..., **_enum(State, "办理状态"))
    state_label: str
    received_on: date | None = Field(None, description="收到申请之日；互联网、平常信函、传真、电子邮件渠道待确认后才有")
    due_on: date | None = Field(None, description="答复期限")
    due_provisional: bool = Field(False, description="答复期限为暂定（所涉年度的节假日安排尚未公布）")


class StatusIn(Schema):
    """办理进度查询：编号和查询码放在请求体中（不放在网址里，访问日志不会记录查询码）。"""

    number: str = Field(..., min_length=1, max_length=80, description="依申请公开编号")
    code: str = Field(..., min_length=1, max_length=32, description="查询码（不区分大小写）")

    _text = field_validator("*", mode="after")(_boundary)

    @field_validator("number")
    @classmethod
    def _number(cls, value: str) -> str:
        return value.strip()

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        return clean_query_code(value)


class StatusOut(Schema):
    """办理进度：只含编号、机关和办理信息，不含任何个人信息（申请人仅显示脱敏名称）。"""

    number: str
    agency: str = Field(..., description="受理机关")
    applicant: str = Field(..., description="申请人（脱敏）")
    state: str = Field(..., **_enum(State, "办理状态"))
    stage: str = Field(..., description="办理阶段（中文）")
    received_on: date | None = None
    due_on: date | None = Field(None, description="答复期限（办结后为空）")
    due_provisional: bool = Field(False, description="答复期限为暂定（节假日安排尚未公布）")
    outcome: str | None = Field(None, description="办理结果（办结后）")
    closed_on: date | None = Field(None, description="答复日期（办结后）")


class ApplicationItem(Schema):
    number: str
    applicant_kind: str = Field(..., **_enum(ApplicantKind, "申请人类型"))
    applicant_kind_label: str
    applicant_name: str
    channel: str = Field(..., **_enum(Channel, "申请渠道"))
    channel_label: str
    submitted_on: date
    received_on: date | None
    state: str = Field(..., **_enum(State, "办理状态"))
    state_label: str
    due_on: date | None
    due_provisional: bool
    outcome: str | None = Field(None, **_enum(Outcome, "办理结果（年度报告表三）"))
    outcome_label: str | None
    closed_on: date | None


class ApplicationPage(Schema):
    count: int = Field(..., description="符合条件的申请总数")
    limit: int
    offset: int
    items: list[ApplicationItem]


class EventOut(Schema):
    kind: str = Field(..., **_enum(EventKind, "事项"))
    kind_label: str
    on: date
    reason: str
    voided: bool = Field(False, description="已由“更正”作废：保留在记录中，不再计算期限")


class ApplicationDetail(ApplicationItem):
    agency: str
    description: str
    document_number: str
    requested_form: str
    delivery: str
    signed_on: date | None
    overdue: bool = Field(..., description="已超过答复期限（征求意见、缴费期间不计）")
    events: list[EventOut]
    working: list[str] = Field(..., description="答复期限的计算过程")
