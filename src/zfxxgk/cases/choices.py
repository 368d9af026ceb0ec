"""The vocabularies of 依申请公开, tied to the national format where the report counts them."""
from __future__ import annotations

from django.db import models

from ..standard import format2021 as f21


class ApplicantKind(models.TextChoices):
    # Exactly table 三's columns C1–C6 (spec §4.2): the statistics group by this field.
    NATURAL_PERSON = "natural_person", "自然人"
    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    SOCIAL_WELFARE = "social_welfare", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER_ORG = "other_org", "其他组织"


class Channel(models.TextChoices):
    # 条例第三十一条 fixes the day of receipt per channel.
    IN_PERSON = "in_person", "当面提交"
    POST_SIGNED = "post_signed", "邮政快递（需签收）"
    POST_UNSIGNED = "post_unsigned", "平常信函（无需签收）"
    INTERNET = "internet", "互联网渠道"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"


# Channels where the day of receipt is the day of confirmation with the applicant (第三十一条).
CONFIRMATION_CHANNELS = {Channel.POST_UNSIGNED, Channel.INTERNET, Channel.FAX, Channel.EMAIL}


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO_TAIWAN = "hmt_permit", "港澳台居民证件"
    CREDIT_CODE = "credit_code", "统一社会信用代码"
    OTHER = "other", "其他"


class RequestedForm(models.TextChoices):
    # 条例第二十九条（三）: the form and the way of obtaining the information.
    PAPER = "paper", "纸质文本"
    ELECTRONIC = "electronic", "电子文件"
    OTHER = "other", "其他"


class Delivery(models.TextChoices):
    PICKUP = "pickup", "当面领取"
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    FAX = "fax", "传真"
    ONLINE = "online", "网上获取"


# One of the 21 leaves of table 三 (R03–R23) closes every finished application.
Outcome = models.TextChoices(
    "Outcome",
    [(r.key.upper(), (r.key, f"{r.group + ' ' if r.group else ''}{r.label}")) for r in f21.REQUEST_ROWS if r.is_leaf],
)
# Outcomes an agency chooses when it answers; the others close an application by lapse.
LAPSE_OUTCOMES = {"other_no_correction", "other_no_fee_payment"}


class State(models.TextChoices):
    AWAITING_CONFIRMATION = "awaiting_confirmation", "待确认收到"
    PROCESSING = "processing", "办理中"
    CORRECTION = "correction", "待补正"
    CONSULTING = "consulting", "征求意见中"
    FEE_PENDING = "fee_pending", "待缴费"
    CLOSED = "closed", "已办结"


class EventKind(models.TextChoices):
    REGISTERED = "registered", "登记"
    CONFIRMED = "confirmed", "确认收到"
    CORRECTION_REQUESTED = "correction_requested", "告知补正"
    CORRECTION_RECEIVED = "correction_received", "收到补正材料"
    CORRECTION_LAPSED = "correction_lapsed", "逾期未补正"
    CONSULTATION_STARTED = "consultation_started", "征求意见"
    CONSULTATION_ENDED = "consultation_ended", "征求意见结束"
    EXTENSION_REQUESTED = "extension_requested", "申请延期"
    EXTENSION_APPROVED = "extension_approved", "批准延期"
    FEE_NOTICE = "fee_notice", "发出收费通知"
    FEE_PAID = "fee_paid", "缴费"
    FEE_LAPSED = "fee_lapsed", "逾期未缴费"
    DEFERRED = "deferred", "确定延迟答复期限"
    ANSWERED = "answered", "答复"
    APPEAL_FILED = "appeal_filed", "被申请行政复议或提起行政诉讼"
    APPEAL_DECIDED = "appeal_decided", "行政复议或行政诉讼审结"
    EXTENSION_REFUSED = "extension_refused", "不同意延期"
    REPLY_SUBMITTED = "reply_submitted", "答复送审签"
    REPLY_RETURNED = "reply_returned", "审签退回"
    REANSWERED = "reanswered", "重新答复"
    VOIDED = "voided", "更正（作废一项记录）"
    DETAILS_CORRECTED = "details_corrected", "更正申请人信息或申请内容"
    ASSIGNED = "assigned", "指定承办人"


# Records about the record, not steps of the procedure: they never void one another, and the rule
# that each step is dated on or after the one before (services._after_history) passes over them.
# Appeals keep their own dates (filed, decided), checked against receipt instead.
NOTE_EVENTS = {"voided", "details_corrected", "assigned", "appeal_filed", "appeal_decided"}


class ConsultationParty(models.TextChoices):
    THIRD_PARTY = "third_party", "第三方（第三十二条）"
    AGENCY = "agency", "其他机关（第三十四条）"


class AppealKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
    LITIGATION_AFTER = "litigation_after_reconsideration", "行政诉讼（复议后起诉）"


class AppealResult(models.TextChoices):
    # Table 四's measures (spec §5).
    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"
