"""Abuse limits of the public portal: how many applications an address and an agency may receive a
day, when a CAPTCHA is asked for, how much an application may attach and how much all
attachments together may fill. Settings (environment variables of the same name) are in
``site/settings.py``; 0 turns a limit off.

Applications are counted in the database inside the registration's transaction (:func:`reserve`),
so a limit holds exactly however many workers and threads serve the portal; a cheap look at the
counts (:func:`refusal`) turns a flood away before its body is even parsed. Clients are known by an
HMAC of their address (``site.clientip``): nothing here stores an address. Failed status lookups
— the portal's page and the API's ``POST /api/status`` share one count per client — are counted
in the shared cache (the file cache of the data folder, seen by every worker).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.mail import mail_admins
from django.db.models import F, Sum

from ..agencies.models import Agency
from ..cases import services
from ..cases.choices import Channel
from ..cases.models import Application, Attachment
from ..site.clientip import client_key
from . import uploads
from .models import DailyCount

log = logging.getLogger(__name__)

DAY = 24 * 3600
LOOKUP_WINDOW = 600  # failed status lookups are counted per 10 minutes, refused from ZFXXGK_LOOKUP_FAILURES on
THROTTLED = f"查询失败次数过多，为保护申请人信息，请{LOOKUP_WINDOW // 60}分钟后再试。"


class LimitReached(Exception):
    """An online application refused by a daily limit; ``message`` is for the user (Chinese)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


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

def applied_today(request) -> int:
    """Applications submitted from this address today."""
    found = DailyCount.objects.filter(day=services.today(), client=client_key(request)).values_list("n", flat=True)
    return next(iter(found), 0)


def _per_address_message(limit: int) -> str:
    return (f"同一网络地址每天最多在线提交{limit}件申请，今天已达到上限。请明天再提交，"
            "或者通过信函、当面等方式提出申请。")


def _per_agency_message(agency: Agency, limit: int) -> str:
    return (f"{agency.name}今天收到的在线申请已达到系统上限（{limit}件）。请明天再提交，"
            "或者通过信函、当面等方式提出申请。")


def _agency_today(agency: Agency) -> int:
    return Application.objects.filter(agency=agency, channel=Channel.INTERNET, submitted_on=services.today()).count()


@dataclass(frozen=True)
class Refusal:
    message: str  # Chinese, for the page
    per_address: bool  # this address's limit (kept for the early refusal), not the agency's


def refusal(applied: int, agency: Agency) -> Refusal | None:
    """Why a new application to this agency from an address that applied ``applied`` times today
    (:func:`applied_today`, read once per request) is refused, or None. A look before the body is
    parsed; :func:`reserve` decides, inside the transaction."""
    per_address = _conf("ZFXXGK_APPLY_PER_ADDRESS_PER_DAY")
    if per_address and applied >= per_address:
        return Refusal(_per_address_message(per_address), per_address=True)
    per_agency = _conf("ZFXXGK_APPLY_PER_AGENCY_PER_DAY")
    if per_agency and _agency_today(agency) >= per_agency:
        return Refusal(_per_agency_message(agency, per_agency), per_address=False)
    return None


def reserve(request, agency: Agency) -> None:
    """Count one application from this address to this agency, or raise :class:`LimitReached`.

    Call inside the registration's transaction: the count rolls back with a registration that
    fails. The address's row is incremented by one conditional UPDATE (PostgreSQL re-checks the
    condition after waiting for a concurrent increment; SQLite's writers queue), and the agency's row
    is locked while its day is counted, so neither limit is passed by concurrent submissions.
    """
    day, client = services.today(), client_key(request)
    _forget_past_days(day)
    DailyCount.objects.bulk_create([DailyCount(day=day, client=client)], ignore_conflicts=True)
    per_address = _conf("ZFXXGK_APPLY_PER_ADDRESS_PER_DAY")
    row = DailyCount.objects.filter(day=day, client=client)
    if per_address:
        row = row.filter(n__lt=per_address)
    if not row.update(n=F("n") + 1):
        raise LimitReached(_per_address_message(per_address))
    per_agency = _conf("ZFXXGK_APPLY_PER_AGENCY_PER_DAY")
    if per_agency:
        Agency.objects.select_for_update().filter(pk=agency.pk).first()
        if _agency_today(agency) >= per_agency:
            log.warning("agency %s reached its daily limit of %d online applications", agency.pk, per_agency)
            raise LimitReached(_per_agency_message(agency, per_agency))


# A flood answered before Django does any work: once an address is refused for the day, its next
# posts get the same page from a middleware (no session, no CSRF, no query, no template), so that
# refusing a client who floods at full speed costs the server as little as possible.
_REFUSAL_PAGES: dict[tuple[str, int], bytes] = {}  # (agency code, limit) → the rendered refusal page


def _over_key(request) -> str:
    return f"portal:over-limit:{services.today().isoformat()}:{client_key(request)}"


def keep_refusal(request, agency_code: str, page: bytes) -> None:
    """Remember that this address is over its daily limit (a :class:`Refusal` ``per_address``),
    and the page that said so."""
    per_address = _conf("ZFXXGK_APPLY_PER_ADDRESS_PER_DAY")
    cache.set(_over_key(request), per_address, DAY)
    _REFUSAL_PAGES[(agency_code, per_address)] = page


def early_refusal(request, agency_code: str) -> bytes | None:
    """The refusal page for an address already refused today under the limit now in force, or None."""
    per_address = _conf("ZFXXGK_APPLY_PER_ADDRESS_PER_DAY")
    page = _REFUSAL_PAGES.get((agency_code, per_address)) if per_address else None
    if page is None or cache.get(_over_key(request)) != per_address:
        return None
    return page


def _forget_past_days(day) -> None:
    if cache.add(f"portal:daily-count-cleanup:{day.isoformat()}", 1, DAY):  # once a day per cache
        DailyCount.objects.filter(day__lt=day).delete()


def captcha_to_apply(applied: int) -> bool:
    mode = getattr(settings, "ZFXXGK_CAPTCHA", "after_first")
    return mode == "always" or (mode == "after_first" and applied >= 1)


# -- status lookups ----------------------------------------------------------------------------

def _lookup_key(request) -> str:
    return f"portal:lookup-failures:{client_key(request)}"


def lookup_failures(request) -> int:
    """Failed lookups from this address in the window (read once per request: a file-cache read)."""
    return cache.get(_lookup_key(request), 0)


def count_lookup_failure(request) -> int:
    return _incr(_lookup_key(request), LOOKUP_WINDOW)


def lookup_limit() -> int:
    return _conf("ZFXXGK_LOOKUP_FAILURES")


def lookup_throttled(failures: int) -> bool:
    limit = lookup_limit()
    return bool(limit) and failures >= limit


def captcha_to_look_up(failures: int) -> bool:
    if getattr(settings, "ZFXXGK_CAPTCHA", "after_first") == "off":
        return False
    return failures >= _conf("ZFXXGK_LOOKUP_CAPTCHA_AFTER")


# -- attachments ---------------------------------------------------------------------------------

MB = 1024 * 1024


def max_total_attachments() -> int:
    """What one application may attach in all: the setting, or (0) what the form's files allow."""
    return _conf("ZFXXGK_ATTACHMENTS_MAX_TOTAL_MB") * MB or uploads.MAX_FILES * uploads.MAX_SIZE


def max_body() -> int:
    """The largest request an application can honestly need: its attachments and a megabyte of text."""
    return max_total_attachments() + MB


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
