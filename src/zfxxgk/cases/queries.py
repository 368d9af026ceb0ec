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

* **awaiting confirmation too long** (条例第三十一条): an application by letter, internet, fax or e-mail
  has no day of receipt until staff confirm it with the applicant, so its reply clock has not
  started. Its *age* is the working days since it was submitted (the day of submission not
  counted, as for every period here); more than ``n`` working days (``ZFXXGK_CONFIRM_WARN_DAYS``)
  is flagged to the office head and the county supervisor, so that an agency cannot hold back the
  clock silently.

``due_on`` of a running clock does not move by itself (only a new holiday schedule moves it, and
entering one recomputes open cases), so these are plain indexed queries.
"""
from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models

from ..agencies.access import readable_agency_ids
from ..workdays import WorkCalendar, add_workdays, workdays_between
from .choices import State

PAUSED_STATES = frozenset({State.CONSULTING, State.FEE_PENDING})  # 第三十三条第三款: not counted
NOT_STARTED_STATES = frozenset({State.AWAITING_CONFIRMATION, State.CORRECTION})  # 第三十一条、第三十条


def horizon(calendar: WorkCalendar, today: date, n: int) -> date:
    """The last day of "due within ``n`` working days" from ``today`` (today itself for n = 0)."""
    return add_workdays(calendar, today, n).due if n else today


def confirm_warn_days() -> int:
    """``ZFXXGK_CONFIRM_WARN_DAYS``: working days an application may await confirmation before it is flagged."""
    return int(getattr(settings, "ZFXXGK_CONFIRM_WARN_DAYS", 3))


def confirmation_age(calendar: WorkCalendar, submitted_on: date, today: date) -> int:
    """Working days an application submitted on ``submitted_on`` has waited by ``today`` (the day of
    submission not counted)."""
    return workdays_between(calendar, submitted_on + timedelta(days=1), today)


def confirmation_cutoff(calendar: WorkCalendar, today: date, n: int) -> date:
    """Applications submitted before this day have waited more than ``n`` working days by ``today``:
    the (n+1)-th working day counting back from today (today included when it is one)."""
    day, seen = today, 0
    while True:
        if calendar.is_workday(day):
            seen += 1
            if seen > n:
                return day
        day -= timedelta(days=1)


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

    def awaiting_confirmation_longer_than(self, calendar: WorkCalendar, today: date, n: int) -> "ApplicationQuerySet":
        """待确认收到 for more than ``n`` working days (:func:`confirmation_age` > n)."""
        return self.filter(state=State.AWAITING_CONFIRMATION, submitted_on__lt=confirmation_cutoff(calendar, today, n))

    def readable_by(self, user) -> "ApplicationQuerySet":
        """The applications ``user`` may read (:func:`zfxxgk.agencies.access.readable_agency_ids`)."""
        return self.filter(agency_id__in=readable_agency_ids(user))
