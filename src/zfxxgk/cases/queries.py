"""Which applications are open, overdue or due soon, and who may read them — defined here once.

The queue (workspace), ``zfxxgk remind`` and the API ask these; the rule is the one of the replayed
:class:`~zfxxgk.cases.deadlines.Timeline` (``Timeline.overdue``), stated on the cached columns:

* **open**: not closed (办结).
* **the reply clock runs** only while the case is 办理中 (``State.PROCESSING``) and has a due date:

  - awaiting confirmation of receipt (第三十一条) or a correction (第三十条): the reply period has not
    started, so no reply is due;
  - consulting a third party or another agency (第三十二条、第三十四条) or awaiting a fee
    (国办函〔2020〕109号): paused. The time is not counted in the reply period (第三十三条第三款:
    "行政机关征求第三方和其他机关意见所需时间不计算在前款规定的期限内"; the fee notice likewise), so a
    paused case is neither overdue nor due soon.
    Its cached ``due_on`` moves on by one working day for each working day the pause lasts
    (``services.refresh_open_cases`` recomputes it; ``zfxxgk remind`` does so first), and is only
    a lower bound until the pause ends.

* **overdue** (超期): the clock runs and today is after ``due_on`` (the reply may still be given on
  the due date itself).
* **due within n working days**: the clock runs and ``due_on`` is between today and the n-th working
  day after today (:func:`horizon`), both included; n = 0 means due today.

``due_on`` of a running clock does not move by itself (only a new holiday schedule moves it, and
entering one recomputes open cases), so these are plain indexed queries.
"""
from __future__ import annotations

from datetime import date

from django.db import models

from ..agencies.access import readable_agency_ids
from ..workdays import WorkCalendar, add_workdays
from .choices import State

PAUSED_STATES = frozenset({State.CONSULTING, State.FEE_PENDING})  # 第三十三条第三款: not counted
NOT_STARTED_STATES = frozenset({State.AWAITING_CONFIRMATION, State.CORRECTION})  # 第三十一条、第三十条


def horizon(calendar: WorkCalendar, today: date, n: int) -> date:
    """The last day of "due within ``n`` working days" from ``today`` (today itself for n = 0)."""
    return add_workdays(calendar, today, n).due if n else today


# The same rule for one loaded application (the queue's labels), beside the queryset below.

def clock_running(app) -> bool:
    return app.state == State.PROCESSING and app.due_on is not None


def is_overdue(app, today: date) -> bool:
    return clock_running(app) and app.due_on < today


def is_due_by(app, today: date, last: date) -> bool:
    """Due between today and ``last`` (see :func:`horizon`), not yet overdue."""
    return clock_running(app) and today <= app.due_on <= last


class ApplicationQuerySet(models.QuerySet):
    """``Application.objects`` — and every queryset derived from it — has these."""

    def open(self) -> "ApplicationQuerySet":
        return self.exclude(state=State.CLOSED)

    def clock_running(self) -> "ApplicationQuerySet":
        """办理中 with a due date: not closed, paused, or waiting for confirmation or correction."""
        return self.filter(state=State.PROCESSING, due_on__isnull=False)

    def overdue(self, today: date) -> "ApplicationQuerySet":
        return self.clock_running().filter(due_on__lt=today)

    def due_within(self, calendar: WorkCalendar, today: date, n: int) -> "ApplicationQuerySet":
        """Due within ``n`` working days from today, not yet overdue."""
        return self.clock_running().filter(due_on__gte=today, due_on__lte=horizon(calendar, today, n))

    def overdue_or_due_within(self, calendar: WorkCalendar, today: date, n: int) -> "ApplicationQuerySet":
        """What a reminder lists: :meth:`overdue` and :meth:`due_within` together."""
        return self.clock_running().filter(due_on__lte=horizon(calendar, today, n))

    def readable_by(self, user) -> "ApplicationQuerySet":
        """The applications ``user`` may read (:func:`zfxxgk.agencies.access.readable_agency_ids`)."""
        return self.filter(agency_id__in=readable_agency_ids(user))
