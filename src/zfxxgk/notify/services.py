"""Making and sending messages.

A message is made (rendered and stored) in the caller's transaction and handed to the background
task (:func:`.tasks.deliver`) when that transaction commits, so a rolled-back action tells nobody.
A failed send is retried with growing pauses (``ZFXXGK_NOTIFY_RETRY_SECONDS`` × 4ⁿ) up to
``ZFXXGK_NOTIFY_MAX_ATTEMPTS`` attempts, then marked failed where staff see it. Deferred retries
go through the task backend when it supports ``run_after`` (the database backend does); the sweep
:func:`send_due` (``zfxxgk remind --notify``, from cron) takes up whatever is due otherwise,
including messages whose task was lost.

Logs name message, application and agency ids — never a name, address, phone or ID number.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template import Engine
from django.urls import reverse
from django.utils import timezone

from ..agencies.models import Role
from . import kinds, sms
from .models import Audience, Channel, Message, MessageState
from .privacy import scrub, sms_number

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)  # a queued or sending message left longer than this is taken up by the sweep
STAFF_ROLES = (Role.CLERK, Role.HEAD)

# Plain text: no HTML escaping of what the templates print.
_engine = Engine(app_dirs=True, autoescape=False)


def max_attempts() -> int:
    return max(1, int(getattr(settings, "ZFXXGK_NOTIFY_MAX_ATTEMPTS", 5)))


def backoff(attempts: int) -> timedelta:
    """The pause after the ``attempts``-th failure: base, 4×base, 16×base, …"""
    return timedelta(seconds=int(getattr(settings, "ZFXXGK_NOTIFY_RETRY_SECONDS", 60)) * 4 ** (attempts - 1))


# --- making messages ---------------------------------------------------------------------------------

def send_to_applicant(application, kind: str, context: dict | None = None, *, key: str = "") -> list[Message]:
    """Tell the applicant of ``application`` about ``kind`` (see :mod:`.kinds`) by e-mail if they gave
    an address and by SMS if they gave a mobile number. ``context`` adds to the templates' variables
    (``app``, ``agency``, ``status_url``, ``you``: 您 or 贵单位). Messages with the same ``key`` are made once.

    Call it inside the transaction that records what the message tells (a notice issued): nothing
    is sent unless that commits."""
    _check(kind, Audience.APPLICANT)
    ctx = _context(application.agency, context, app=application)
    made = []
    if application.email:
        made += _make(kind, Channel.EMAIL, Audience.APPLICANT, application.email, ctx, key, application=application, agency=application.agency)
    number = sms_number(application.phone)
    if number:
        made += _make(kind, Channel.SMS, Audience.APPLICANT, number, ctx, key, application=application, agency=application.agency)
    if not (application.email or number):
        log.info("application %s: no e-mail address or mobile number for %s", application.pk, kind)
    return made


def send_to_staff(agency, kind: str, context: dict | None = None, *, roles=STAFF_ROLES, supervisors: bool = False, key: str = "",
                  application=None) -> list[Message]:
    """E-mail the active users holding one of ``roles`` in ``agency`` — with ``supervisors``, also the
    county supervisors over it (a supervisor's membership covers the agency's descendants). A message
    about one case names it as ``application`` (the template's ``app``)."""
    _check(kind, Audience.STAFF)
    who = Q(memberships__agency=agency, memberships__role__in=list(roles))
    if supervisors:
        who |= Q(memberships__agency__in=[agency.pk, *_ancestor_ids(agency)], memberships__role=Role.SUPERVISOR)
    users = get_user_model().objects.filter(who, is_active=True).exclude(email="").distinct().order_by("pk")
    ctx = _context(agency, {"app": application, **(context or {})})
    made = []
    for user in users:
        made += _make(kind, Channel.EMAIL, Audience.STAFF, user.email, {**ctx, "user": user}, key, user=user, agency=agency, application=application)
    return made


def _check(kind: str, audience: str) -> None:
    if kinds.get(kind).audience != audience:
        raise ValueError(f"通知类型“{kind}”不是发给{Audience(audience).label}的")


def _ancestor_ids(agency) -> list[int]:
    out, current = [], agency
    while current.parent_id is not None and current.parent_id not in out:
        out.append(current.parent_id)
        current = current.parent
    return out


def _context(agency, extra: dict | None, app=None) -> dict:
    site = getattr(settings, "ZFXXGK_SITE_URL", "").rstrip("/")
    ctx = {"agency": agency, "site_url": site, "status_url": site + reverse("portal:status") if site else "", "workspace_url": site + reverse("workspace:queue") if site else ""}
    if app is not None:
        ctx["app"] = app
        ctx["you"] = "您" if app.applicant_kind == "natural_person" else "贵单位"  # 申请人称谓 by applicant kind
    ctx.update(extra or {})
    return ctx


def render(kind: str, channel: str, context: dict) -> tuple[str, str]:
    """(subject, body) of a message from ``templates/notify/<kind>/``."""
    body = _engine.render_to_string(f"notify/{kind}/{'sms' if channel == Channel.SMS else 'email'}.txt", context).strip()
    subject = "" if channel == Channel.SMS else " ".join(_engine.render_to_string(f"notify/{kind}/subject.txt", context).split())
    return subject[:200], body


def _make(kind, channel, audience, recipient, ctx, key, **links) -> list[Message]:
    if key and Message.objects.filter(key=key, channel=channel, recipient=recipient).exists():
        return []
    subject, body = render(kind, channel, ctx)
    try:
        with transaction.atomic():  # a savepoint: a duplicate made at the same moment is refused alone
            msg = Message.objects.create(
                kind=kind, channel=channel, audience=audience, recipient=recipient, subject=subject, body=body,
                key=key, next_attempt_at=timezone.now() + LEASE, **links,
            )
    except IntegrityError:
        return []
    log.info("message %s (%s, %s) made for application %s, agency %s", msg.pk, kind, channel, msg.application_id, msg.agency_id)
    transaction.on_commit(lambda: enqueue(msg.pk), robust=True)
    return [msg]


# --- sending ------------------------------------------------------------------------------------------

def enqueue(message_id: int, run_after: datetime | None = None) -> None:
    """Hand a message to the background task (deferred to ``run_after`` if the backend can defer;
    otherwise :func:`send_due` takes it up then). A failure to enqueue is left to the sweep."""
    from .tasks import deliver

    task = deliver
    try:
        if run_after is not None:
            if not deliver.get_backend().supports_defer:
                return
            task = deliver.using(run_after=run_after)
        task.enqueue(message_id)
    except Exception as exc:  # noqa: BLE001 - the message stays due for the sweep
        log.warning("message %s: not enqueued (%s); the sweep will send it", message_id, type(exc).__name__)


def attempt(message_id: int, now: datetime | None = None) -> str:
    """Try to send one message once, if it is due; returns its state afterwards.

    The message is claimed by one UPDATE (queued, or retrying/sending whose time has come), so two
    workers never send it twice at once; the send itself runs outside any transaction."""
    now = now or timezone.now()
    claimed = Message.objects.filter(pk=message_id).filter(
        Q(state=MessageState.QUEUED) | Q(state__in=[MessageState.RETRYING, MessageState.SENDING], next_attempt_at__lte=now)
    ).update(state=MessageState.SENDING, attempts=F("attempts") + 1, next_attempt_at=now + LEASE)
    msg = Message.objects.filter(pk=message_id).first()
    if msg is None:
        return "missing"
    if not claimed:
        return msg.state
    try:
        _send(msg)
    except Exception as exc:  # noqa: BLE001 - any failure of the mail server or gateway is retried
        return _failed(msg, exc, now)
    Message.objects.filter(pk=msg.pk).update(state=MessageState.SENT, sent_at=timezone.now(), next_attempt_at=None, last_error="")
    log.info("message %s (%s, %s) sent on attempt %s", msg.pk, msg.kind, msg.channel, msg.attempts)
    return MessageState.SENT


def _send(msg: Message) -> None:
    if msg.channel == Channel.EMAIL:
        EmailMessage(msg.subject, msg.body, to=[msg.recipient]).send(fail_silently=False)
    elif not sms.get_backend().send_messages([sms.SmsMessage(msg.recipient, msg.body)]):
        raise RuntimeError("短信网关未接受该短信")


def _failed(msg: Message, exc: Exception, now: datetime) -> str:
    error = scrub(f"{type(exc).__name__}: {exc}", msg.recipient)[:300]
    if msg.attempts >= max_attempts():
        Message.objects.filter(pk=msg.pk).update(state=MessageState.FAILED, next_attempt_at=None, last_error=error)
        log.warning("message %s (%s, %s) failed for good after %s attempts (%s)", msg.pk, msg.kind, msg.channel, msg.attempts, type(exc).__name__)
        return MessageState.FAILED
    when = now + backoff(msg.attempts)
    Message.objects.filter(pk=msg.pk).update(state=MessageState.RETRYING, next_attempt_at=when, last_error=error)
    log.warning("message %s (%s, %s) attempt %s failed (%s); retry at %s", msg.pk, msg.kind, msg.channel, msg.attempts, type(exc).__name__, when.isoformat())
    enqueue(msg.pk, run_after=when)
    return MessageState.RETRYING


def send_due(now: datetime | None = None) -> dict[str, int]:
    """The sweep: every message whose (re)try is due, sent now in this process. Returns counts by
    resulting state."""
    now = now or timezone.now()
    due = (Message.objects.filter(state__in=[MessageState.QUEUED, MessageState.RETRYING, MessageState.SENDING], next_attempt_at__lte=now)
           .order_by("next_attempt_at", "pk").values_list("pk", flat=True))
    counts: dict[str, int] = {}
    for pk in list(due):
        state = attempt(pk, now)
        counts[state] = counts.get(state, 0) + 1
    return counts


def resend(message: Message) -> None:
    """Staff send a failed message again (after fixing the mail server or the gateway): a fresh round of attempts."""
    Message.objects.filter(pk=message.pk).update(state=MessageState.QUEUED, attempts=0, last_error="", next_attempt_at=timezone.now() + LEASE)
    log.info("message %s queued again by staff", message.pk)
    transaction.on_commit(lambda: enqueue(message.pk), robust=True)
