"""Counting working days (工作日) for the statutory periods of the 条例.

条例第三十三条: reply within 20 working days of receipt; 第三十条: 补正 notice within 7; 第三十二条/
第三十四条: consultations answered within 15. Whether the day of receipt counts is not settled by the
条例 (spec §15.9); it is a named parameter, and by default it does not count (期间开始的日不计算在内).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Sequence

from .calendar import WorkCalendar


@dataclass(frozen=True)
class Due:
    start: date
    days: int
    due: date
    counted: tuple[date, ...]  # the working days counted, in order
    skipped: tuple[date, ...]  # the non-working days passed over
    unknown_years: tuple[int, ...]  # years without a known schedule that the count ran into
    count_start: bool = False

    @property
    def provisional(self) -> bool:
        """暂定: computed on weekends alone for a year whose holidays are not entered yet."""
        return bool(self.unknown_years)

    @property
    def reason(self) -> str | None:
        if not self.unknown_years:
            return None
        years = "、".join(f"{y}年" for y in self.unknown_years)
        return f"{years}节假日安排尚未录入，到期日按周末推算，为暂定日期"


def add_workdays(
    calendar: WorkCalendar,
    start: date,
    days: int,
    *,
    count_start: bool = False,
    paused: Sequence[tuple[date, date]] = (),
) -> Due:
    """The date on which ``days`` working days have run from ``start``.

    Days inside a ``paused`` interval (first, last — both included) do not count: time spent
    consulting a third party or waiting for a fee is outside the reply period (第三十三条第三款).
    """
    if days < 0:
        raise ValueError("工作日天数不能为负数")
    counted: list[date] = []
    skipped: list[date] = []
    unknown: set[int] = set()
    day = start if count_start else start + timedelta(days=1)
    if days == 0:
        return Due(start, 0, start, (), (), (), count_start)
    while True:
        if not calendar.knows(day.year):
            unknown.add(day.year)
        if any(a <= day <= b for a, b in paused):
            skipped.append(day)
        elif calendar.is_workday(day):
            counted.append(day)
            if len(counted) == days:
                break
        else:
            skipped.append(day)
        day += timedelta(days=1)
    return Due(start, days, day, tuple(counted), tuple(skipped), tuple(sorted(unknown)), count_start)


def workdays_between(calendar: WorkCalendar, first: date, last: date) -> int:
    """Working days in [first, last] (both included); 0 when last < first."""
    n, day = 0, first
    while day <= last:
        n += calendar.is_workday(day)
        day += timedelta(days=1)
    return n
