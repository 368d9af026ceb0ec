"""Which cases are overdue or due soon, per agency (for `zfxxgk remind`, cron or the scheduler).

What counts as overdue or due soon is :mod:`zfxxgk.cases.queries` (the queue uses the same): a case
paused for a consultation or a fee is neither (条例第三十三条第三款).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..workdays import WorkCalendar
from .models import Application
from .queries import is_overdue


@dataclass
class Reminder:
    application: Application
    due_on: date
    overdue: bool


def due_soon(calendar: WorkCalendar, today: date, within: int = 3, agencies=None) -> dict[str, list[Reminder]]:
    """Cases whose reply is due within ``within`` working days from today, or overdue, by agency."""
    qs = (Application.objects.overdue_or_due_within(calendar, today, within)
          .select_related("agency").order_by("agency__name", "due_on", "id"))
    if agencies is not None:
        qs = qs.filter(agency__in=agencies)
    out: dict[str, list[Reminder]] = {}
    for app in qs:
        out.setdefault(app.agency.name, []).append(Reminder(app, app.due_on, is_overdue(app, today)))
    return out
