"""送达: how a notice on paper reached its addressee. Recorded by staff on the case page."""
from __future__ import annotations

import logging
from datetime import date

from django.db import transaction

from ..models import DeliveryMethod, Notice, NoticeDelivery

log = logging.getLogger(__name__)


def record_delivery(notice: Notice, method: str, on: date, actor=None, *, tracking_number: str = "", note: str = "") -> NoticeDelivery:
    """Record one delivery of ``notice``; refuses (CaseInvalid, Chinese) a day before the notice was
    issued or after today, an unknown way, and a posted letter without its tracking number."""
    from ..services import CaseInvalid, today

    if method not in DeliveryMethod.values:
        raise CaseInvalid(f"未知的送达方式：“{method}”。可选：{'、'.join(DeliveryMethod.labels)}")
    if on > today():
        raise CaseInvalid("送达日期不能晚于今天。")
    if on < notice.issued_on:
        raise CaseInvalid(f"送达日期不能早于发文日期（{notice.issued_on}）。")
    tracking_number = "".join(tracking_number.split())
    if method == DeliveryMethod.POST and not tracking_number:
        raise CaseInvalid("邮寄送达的，请填写邮寄单号（挂号信或者快递单号），以备查证送达日期。")
    if method != DeliveryMethod.POST and tracking_number:
        raise CaseInvalid("只有邮寄送达需要填写邮寄单号。")
    with transaction.atomic():
        delivery = NoticeDelivery.objects.create(
            notice=notice, method=method, delivered_on=on, tracking_number=tracking_number, note=note.strip(), recorded_by=actor,
        )
    log.info("delivery of notice %s recorded (%s)", notice.pk, method)
    return delivery
