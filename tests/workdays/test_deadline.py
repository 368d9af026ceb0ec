"""Working-day arithmetic against the official schedules (国务院办公厅 holiday notices).

Each case is worked out by hand from the published schedule: 调休 Saturdays/Sundays count,
holidays do not, and the day of receipt is not counted unless asked.
"""
from __future__ import annotations

from datetime import date

import pytest

from zfxxgk.workdays import WorkCalendar, YearSchedule, add_workdays, workdays_between

CAL = WorkCalendar.builtin()  # chinesecalendar>=1.11 (pyproject.toml): 2004–2026 at least

SPRING_FESTIVAL = [
    # (received, working days, due) — comment: the schedule of that year
    (date(2020, 1, 17), 2, date(2020, 1, 20)),  # 2020: off 1/24–2/2 (extended), work Sun 1/19
    (date(2020, 1, 23), 1, date(2020, 2, 3)),
    (date(2021, 2, 5), 1, date(2021, 2, 7)),  # 2021: off 2/11–2/17, work Sun 2/7, Sat 2/20
    (date(2021, 2, 10), 3, date(2021, 2, 20)),
    (date(2022, 1, 28), 2, date(2022, 1, 30)),  # 2022: off 1/31–2/6, work Sat 1/29, Sun 1/30
    (date(2022, 1, 28), 3, date(2022, 2, 7)),
    (date(2023, 1, 20), 1, date(2023, 1, 28)),  # 2023: off 1/21–1/27, work Sat 1/28, Sun 1/29
    (date(2024, 2, 2), 7, date(2024, 2, 18)),  # 2024: off 2/10–2/17, work Sun 2/4, Sun 2/18
    (date(2025, 1, 20), 20, date(2025, 2, 21)),  # 2025: off 1/28–2/4, work Sun 1/26, Sat 2/8 (the example)
    (date(2026, 2, 13), 1, date(2026, 2, 14)),  # 2026: off 2/15–2/23, work Sat 2/14, Sat 2/28
    (date(2026, 2, 13), 2, date(2026, 2, 24)),
]
NATIONAL_DAY = [
    (date(2020, 9, 25), 1, date(2020, 9, 27)),  # 2020: off 10/1–10/8, work Sun 9/27, Sat 10/10
    (date(2020, 9, 30), 2, date(2020, 10, 10)),
    (date(2021, 9, 30), 2, date(2021, 10, 9)),  # 2021: off 10/1–10/7, work Sun 9/26, Sat 10/9
    (date(2022, 9, 30), 1, date(2022, 10, 8)),  # 2022: off 10/1–10/7, work Sat 10/8, Sun 10/9
    (date(2023, 9, 28), 2, date(2023, 10, 8)),  # 2023: off 9/29–10/6, work Sat 10/7, Sun 10/8
    (date(2024, 9, 27), 3, date(2024, 10, 8)),  # 2024: off 10/1–10/7, work Sun 9/29, Sat 10/12
    (date(2025, 9, 26), 2, date(2025, 9, 29)),  # 2025: off 10/1–10/8, work Sun 9/28, Sat 10/11
    (date(2025, 9, 30), 1, date(2025, 10, 9)),
    (date(2026, 9, 30), 1, date(2026, 10, 8)),  # 2026: off 10/1–10/7, work Sun 9/20, Sat 10/10
]


@pytest.mark.parametrize("received,days,due", SPRING_FESTIVAL + NATIONAL_DAY)
def test_due_dates_around_holidays(received, days, due):
    result = add_workdays(CAL, received, days)
    assert result.due == due
    assert not result.provisional
    assert CAL.is_workday(result.due)
    assert len(result.counted) == days


def test_make_up_days_are_counted_and_holidays_skipped():
    result = add_workdays(CAL, date(2025, 1, 20), 20)
    assert date(2025, 1, 26) in result.counted and date(2025, 2, 8) in result.counted
    assert date(2025, 1, 28) in result.skipped and date(2025, 2, 4) in result.skipped
    assert CAL.describe(date(2025, 1, 29)) == "春节"
    assert CAL.describe(date(2025, 1, 26)) == "星期日，调休上班"


def test_the_start_day_counts_only_when_asked():
    monday = date(2025, 3, 3)
    assert add_workdays(CAL, monday, 1).due == date(2025, 3, 4)
    assert add_workdays(CAL, monday, 1, count_start=True).due == monday


def test_pauses_are_not_counted():
    plain = add_workdays(CAL, date(2025, 3, 3), 20)
    paused = add_workdays(CAL, date(2025, 3, 3), 20, paused=[(date(2025, 3, 5), date(2025, 3, 11))])
    assert plain.due == date(2025, 3, 31)
    assert paused.due == date(2025, 4, 8)  # 5 working days paused; 4/4 is 清明节


def test_a_year_without_a_schedule_is_provisional_and_says_why(calendar_until):
    cal = calendar_until(2026)  # the holiday data end with 2026, whatever chinesecalendar release is installed
    result = add_workdays(cal, date(2026, 12, 10), 20)
    assert result.provisional and result.unknown_years == (2027,)
    assert result.reason.startswith("2027年节假日安排尚未录入")
    assert result.due == date(2027, 1, 7)  # weekends only: 1/1 counted as a working day


def test_an_entered_schedule_takes_precedence_and_ends_the_provisional_state(calendar_until):
    unknown = calendar_until(2026)
    assert add_workdays(unknown, date(2026, 12, 10), 20).provisional
    schedule = YearSchedule(2027, {date(2027, 1, 1): "元旦"}, {})
    result = add_workdays(unknown.with_schedules(schedule), date(2026, 12, 10), 20)
    assert not result.provisional and result.due == date(2027, 1, 8)


def test_an_entered_schedule_replaces_the_builtin_year():
    corrected = CAL.with_schedules(YearSchedule(2025, {date(2025, 3, 3): "示例"}, {}))
    assert not corrected.is_workday(date(2025, 3, 3))
    assert corrected.is_workday(date(2025, 1, 29))  # the built-in 春节 of 2025 no longer applies


def test_invalid_input_is_refused():
    with pytest.raises(ValueError, match="负数"):
        add_workdays(CAL, date(2025, 1, 1), -1)
    with pytest.raises(ValueError, match="不属于"):
        YearSchedule(2027, {date(2026, 1, 1): "元旦"}, {})
    with pytest.raises(ValueError, match="同时"):
        YearSchedule(2027, {date(2027, 1, 1): "元旦"}, {date(2027, 1, 1): "调休"})


def test_workdays_between():
    assert workdays_between(CAL, date(2025, 1, 27), date(2025, 2, 8)) == 5  # 1/27, 2/5, 2/6, 2/7, 2/8
    assert workdays_between(CAL, date(2025, 2, 8), date(2025, 2, 1)) == 0


def test_cli_prints_due_date_and_skipped_days(capsys, calendar_until):
    from zfxxgk.cli import main

    calendar_until(2026)  # so that 2027 is a year without a schedule
    assert main(["deadline", "2025-01-20"]) == 0
    out = capsys.readouterr().out
    assert "到期日：2025-02-21" in out and "2025-01-28（春节）" in out and "调休上班" in out
    assert main(["deadline", "2026-12-10"]) == 0
    assert "【暂定】" in capsys.readouterr().out
    assert main(["deadline", "2025-13-01"]) == 2
