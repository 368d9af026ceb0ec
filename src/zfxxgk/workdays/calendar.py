"""China's working-day calendar: holidays and 调休 make-up working days.

The built-in data come from the ``chinesecalendar`` package (2004 to its last published year).
Schedules an administrator enters (the State Council publishes next year's in November or
December) replace the package's data for their year. A year with neither is *unknown*: the
calendar never guesses it; callers count weekends only and mark the result 暂定.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

# chinesecalendar names holidays in English; the Chinese names are what users read.
HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节", "Anti-Fascist 70th Day": "抗战胜利纪念日",
}
WEEKDAYS_ZH = "一二三四五六日"


@dataclass(frozen=True)
class YearSchedule:
    """One year's official schedule: days off on weekdays or weekends, and make-up working days."""

    year: int
    holidays: dict[date, str] = field(default_factory=dict)  # date -> name (春节 …)
    workdays: dict[date, str] = field(default_factory=dict)  # 调休上班 date -> reason

    def __post_init__(self) -> None:
        for d in list(self.holidays) + list(self.workdays):
            if d.year != self.year:
                raise ValueError(f"{d.isoformat()} 不属于 {self.year} 年")
        both = set(self.holidays) & set(self.workdays)
        if both:
            raise ValueError(f"{min(both).isoformat()} 不能同时是放假日和调休上班日")


class WorkCalendar:
    """Answers "is this a working day?" for the years it knows, and says which years it does not."""

    def __init__(self, schedules: dict[int, YearSchedule] | None = None):
        self._schedules: dict[int, YearSchedule] = dict(schedules or {})

    @classmethod
    def builtin(cls) -> "WorkCalendar":
        return cls(_builtin_schedules())

    def with_schedules(self, *schedules: YearSchedule) -> "WorkCalendar":
        """A new calendar where the given years' schedules take precedence over the built-in ones."""
        merged = dict(self._schedules)
        merged.update({s.year: s for s in schedules})
        return WorkCalendar(merged)

    def knows(self, year: int) -> bool:
        return year in self._schedules

    @property
    def years(self) -> list[int]:
        return sorted(self._schedules)

    def is_workday(self, day: date) -> bool:
        """Mon–Fri unless a holiday, Sat/Sun only when a 调休 make-up day. Unknown years: weekends only."""
        schedule = self._schedules.get(day.year)
        if schedule is not None:
            if day in schedule.workdays:
                return True
            if day in schedule.holidays:
                return False
        return day.weekday() < 5

    def describe(self, day: date) -> str:
        """Why a day is (not) a working day, in Chinese: 春节, 星期六, 调休上班 …"""
        schedule = self._schedules.get(day.year)
        if schedule is not None:
            if day in schedule.workdays:
                return f"星期{WEEKDAYS_ZH[day.weekday()]}，调休上班"
            if day in schedule.holidays:
                name = schedule.holidays[day]
                return HOLIDAY_NAMES_ZH.get(name, name)
        return f"星期{WEEKDAYS_ZH[day.weekday()]}"


@lru_cache(maxsize=1)
def _builtin_schedules() -> dict[int, YearSchedule]:
    from chinese_calendar import constants

    years = {d.year for d in constants.holidays} | {d.year for d in constants.workdays}
    out = {}
    for y in sorted(years):
        out[y] = YearSchedule(
            y,
            {d: str(n) for d, n in constants.holidays.items() if d.year == y},
            {d: str(n) for d, n in constants.workdays.items() if d.year == y},
        )
    return out
