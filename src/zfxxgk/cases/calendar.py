"""The working-day calendar in force: built-in data plus the schedules administrators entered."""
from __future__ import annotations

import time
from collections import defaultdict

from ..workdays import WorkCalendar, YearSchedule

_CACHE: dict = {}
TTL = 60  # seconds: other worker processes see a newly entered schedule within a minute


def current_calendar() -> WorkCalendar:
    """Cached per process; :func:`forget` (called when a schedule changes) clears it at once here."""
    hit = _CACHE.get("calendar")
    if hit and time.monotonic() - hit[0] < TTL:
        return hit[1]
    calendar = _load()
    _CACHE["calendar"] = (time.monotonic(), calendar)
    return calendar


def forget() -> None:
    _CACHE.clear()


def _load() -> WorkCalendar:
    from .models import ScheduleDay

    by_year: dict[int, YearSchedule] = {}
    days: dict[int, list] = defaultdict(list)
    for d in ScheduleDay.objects.all():
        days[d.day.year].append(d)
    for year, entries in days.items():
        by_year[year] = YearSchedule(
            year,
            {d.day: d.name for d in entries if not d.is_workday},
            {d.day: d.name for d in entries if d.is_workday},
        )
    return WorkCalendar.builtin().with_schedules(*by_year.values())
