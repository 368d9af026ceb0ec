"""The working-day calendar in force: built-in data plus the schedules administrators entered."""
from __future__ import annotations

from collections import defaultdict

from ..workdays import WorkCalendar, YearSchedule


def current_calendar() -> WorkCalendar:
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
