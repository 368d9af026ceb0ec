"""Abuse limits of the public portal: how many applications an address and an agency may receive a
day, when a CAPTCHA is asked for, how much an application may attach and how much all
attachments together may fill. Settings (environment variables of the same name) are in
``site/settings.py``; 0 turns a limit off.

Counting applications per address uses the shared cache (the file cache of the data folder, seen
by every gunicorn worker), keyed by a hash of the address (``site.clientip``): nothing here stores
an address. Per agency it counts the day's online applications in the database.
"""
from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.mail import mail_admins
from django.db.models import Sum

from ..cases import services
from ..cases.choices import Channel
from ..cases.models import Application, Attachment
from ..site.clientip import client_key

log = logging.getLogger(__name__)

DAY = 24 * 3600
LOOKUP_WINDOW = 600  # failed status lookups are counted per 10 minutes …
LOOKUP_LIMIT = 20  # … and refused (429) from this many on


def _conf(name: str) -> int:
    return int(getattr(settings, name, 0) or 0)


def _incr(key: str, ttl: int) -> int:
    if cache.add(key, 1, ttl):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired in between
        cache.set(key, 1, ttl)
        return 1


# -- applications ------------------------------------------------------------------------------

def _applied_key(request) -> str:
    return f"portal:applied:{services.today().isoformat()}:{client_key(request)}"


def applied_today(request) -> int:
    """Applications submitted from this address today."""
    return cache.get(_applied_key(request), 0)


def count_application(request) -> None:
    _incr(_applied_key(request), DAY)


def refusal(request, agency) -> str | None:
    """Why a new application from this address to this agency is refused today (Chinese), or None."""
    per_address = _conf("ZFXXGK_APPLY_PER_ADDRESS_PER_DAY")
    if per_address and applied_today(request) >= per_address:
        return (f"同一网络地址每天最多在线提交{per_address}件申请，今天已达到上限。请明天再提交，"
                "或者通过信函、当面等方式提出申请。")
    per_agency = _conf("ZFXXGK_APPLY_PER_AGENCY_PER_DAY")
    if per_agency:
        today = Application.objects.filter(agency=agency, channel=Channel.INTERNET, submitted_on=services.today()).count()
        if today >= per_agency:
            log.warning("agency %s reached its daily limit of %d online applications", agency.pk, per_agency)
            return (f"{agency.name}今天收到的在线申请已达到系统上限（{per_agency}件）。请明天再提交，"
                    "或者通过信函、当面等方式提出申请。")
    return None


def captcha_to_apply(request) -> bool:
    mode = getattr(settings, "ZFXXGK_CAPTCHA", "after_first")
    if mode == "always":
        return True
    if mode == "after_first":
        return applied_today(request) >= 1
    return False


# -- status lookups ----------------------------------------------------------------------------

def _lookup_key(request) -> str:
    return f"portal:lookup-failures:{client_key(request)}"


def lookup_failures(request) -> int:
    return cache.get(_lookup_key(request), 0)


def count_lookup_failure(request) -> None:
    _incr(_lookup_key(request), LOOKUP_WINDOW)


def lookup_throttled(request) -> bool:
    return lookup_failures(request) >= LOOKUP_LIMIT


def captcha_to_look_up(request) -> bool:
    if getattr(settings, "ZFXXGK_CAPTCHA", "after_first") == "off":
        return False
    return lookup_failures(request) >= _conf("ZFXXGK_LOOKUP_CAPTCHA_AFTER")


# -- attachments ---------------------------------------------------------------------------------

MB = 1024 * 1024


def max_total_attachments() -> int:
    return _conf("ZFXXGK_ATTACHMENTS_MAX_TOTAL_MB") * MB


def storage_refusal(incoming: int) -> str | None:
    """Refuse attachments that would take the stored uploads past the quota; tell the
    administrator (log and e-mail, once a day) when the alert level is crossed."""
    quota = _conf("ZFXXGK_STORAGE_QUOTA_MB") * MB
    if not quota or not incoming:
        return None
    used = Attachment.objects.aggregate(n=Sum("size"))["n"] or 0
    alert_at = quota * _conf("ZFXXGK_STORAGE_ALERT_PERCENT") // 100
    if used + incoming > alert_at:
        _alert(used, quota)
    if used + incoming > quota:
        return "系统的附件存储空间已满，暂时无法接收附件。请不带附件提交申请，或者通过信函、当面等方式提交证明材料。"
    return None


def _alert(used: int, quota: int) -> None:
    if not cache.add(f"portal:storage-alert:{services.today().isoformat()}", 1, DAY):
        return  # already told today
    subject = f"附件存储空间已用 {used * 100 // quota}%（{used // MB} MB / {quota // MB} MB）"
    log.error("attachment storage at %d of %d bytes (quota ZFXXGK_STORAGE_QUOTA_MB)", used, quota)
    try:
        mail_admins(subject, "政府信息公开平台的申请附件存储空间即将用尽或已满。请清理或调高 ZFXXGK_STORAGE_QUOTA_MB。", fail_silently=True)
    except Exception:  # the alert must never break an application
        log.exception("could not e-mail the storage alert")
