"""Which cases are overdue or due soon, per agency (for `zfxxgk remind`, cron or the scheduler)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..workdays import WorkCalendar, add_workdays
from .choices import State
from .models import Application


@dataclass
class Reminder:
    application: Application
    due_on: date
    overdue: bool


def due_soon(calendar: WorkCalendar, today: date, within: int = 3, agencies=None) -> dict[str, list[Reminder]]:
    """Open cases whose reply is due within ``within`` working days from today, or overdue, by agency."""
    horizon = add_workdays(calendar, today, within).due if within else today
    qs = (Application.objects.select_related("agency")
          .exclude(state__in=[State.CLOSED, State.AWAITING_CONFIRMATION, State.CORRECTION])
          .filter(due_on__isnull=False, due_on__lte=horizon).order_by("agency__name", "due_on"))
    if agencies is not None:
        qs = qs.filter(agency__in=agencies)
    out: dict[str, list[Reminder]] = {}
    for app in qs:
        out.setdefault(app.agency.name, []).append(Reminder(app, app.due_on, app.due_on < today))
    return out
