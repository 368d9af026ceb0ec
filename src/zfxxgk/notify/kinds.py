"""The kinds of notification, each written from ``templates/notify/<kind>/``: ``subject.txt`` (the
e-mail's subject), ``email.txt`` and, for the applicant, ``sms.txt`` (short: an SMS is 70 characters
a part)."""
from __future__ import annotations

from dataclasses import dataclass

from .models import Audience


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    audience: str


KINDS = {k.key: k for k in [
    # To the applicant, by the contacts they gave.
    Kind("correction_requested", "补正告知", Audience.APPLICANT),      # 条例第三十条
    Kind("extension_approved", "延期答复告知", Audience.APPLICANT),    # 条例第三十三条第二款
    Kind("fee_notice", "收费通知", Audience.APPLICANT),                # 国办函〔2020〕109号
    Kind("deferred", "延迟答复告知", Audience.APPLICANT),              # 条例第三十五条
    Kind("answered", "答复", Audience.APPLICANT),                      # 条例第三十六条
    Kind("notice_issued", "告知书", Audience.APPLICANT),               # any notice document issued
    # To staff, by e-mail.
    Kind("new_online", "新的网上申请", Audience.STAFF),
    Kind("due_soon", "即将到期的申请", Audience.STAFF),
    Kind("overdue", "超期的申请", Audience.STAFF),
    Kind("unconfirmed", "超期未确认收到的申请", Audience.STAFF),       # 条例第三十一条
]}


def get(key: str) -> Kind:
    try:
        return KINDS[key]
    except KeyError:
        raise ValueError(f"未知的通知类型：“{key}”") from None
