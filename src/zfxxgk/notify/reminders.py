"""Staff reminders, once a day per agency (``zfxxgk remind --notify`` from cron): cases due within
``ZFXXGK_NOTIFY_DUE_DAYS`` working days, overdue cases (条例第三十三条), and applications left
unconfirmed longer than ``ZFXXGK_CONFIRM_WARN_DAYS`` working days (条例第三十一条) — the last to the
office head and the county supervisor. Each list is one of :mod:`zfxxgk.cases.queries`' querysets,
the same the queue and the dashboard count; a second run on the same day sends nothing again.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from ..agencies.models import Agency, Role
from ..cases.models import Application
from ..cases.queries import confirm_warn_days, confirmation_age
from ..workdays import WorkCalendar
from . import services


@dataclass
class Sent:
    agencies: int = 0
    messages: int = 0


def due_days() -> int:
    return int(getattr(settings, "ZFXXGK_NOTIFY_DUE_DAYS", 3))


def send_staff_reminders(calendar: WorkCalendar, today: date, within: int | None = None, agencies=None) -> dict[str, Sent]:
    """Make today's reminders; returns, per kind, how many agencies and messages."""
    within = due_days() if within is None else within
    days = confirm_warn_days()
    apps = Application.objects.all()
    if agencies is not None:
        apps = apps.filter(agency__in=agencies)
    lists = {
        "overdue": (apps.overdue(today), {"roles": (Role.CLERK, Role.HEAD, Role.LEADER)}),
        "due_soon": (apps.due_within(calendar, today, within), {}),
        "unconfirmed": (apps.awaiting_confirmation_longer_than(calendar, today, days), {"roles": (Role.HEAD,), "supervisors": True}),
    }
    out = {}
    for kind, (qs, who) in lists.items():
        grouped: dict[int, list] = {}
        for app in qs.order_by("due_on", "submitted_on", "id").only("id", "agency_id", "number", "due_on", "due_provisional", "submitted_on"):
            if kind == "unconfirmed":
                app.age = confirmation_age(calendar, app.submitted_on, today)
            grouped.setdefault(app.agency_id, []).append(app)
        sent = Sent()
        for agency in Agency.objects.filter(pk__in=grouped).select_related("parent"):
            made = services.send_to_staff(
                agency, kind, {"rows": grouped[agency.pk], "today": today, "within": within, "days": days},
                key=f"{kind}:{agency.pk}:{today.isoformat()}", **who,
            )
            sent.agencies += 1
            sent.messages += len(made)
        out[kind] = sent
    return out
