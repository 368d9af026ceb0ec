"""条例第三十一条: an application awaiting confirmation of receipt has an age in working days; past
ZFXXGK_CONFIRM_WARN_DAYS it is flagged. The cut-off the queryset uses is checked against the age
counted day by day (an independent oracle), across the 2025 Spring Festival and its 调休 Sundays."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from zfxxgk.cases import services as s
from zfxxgk.cases.models import Application
from zfxxgk.cases.queries import confirmation_age, confirmation_cutoff
from zfxxgk.workdays import WorkCalendar

CAL = WorkCalendar.builtin()


def _age_by_hand(submitted: date, today: date) -> int:
    n, day = 0, submitted + timedelta(days=1)
    while day <= today:
        n += CAL.is_workday(day)
        day += timedelta(days=1)
    return n


def test_the_age_skips_the_spring_festival_and_counts_its_working_sundays():
    # Submitted Friday 24 January 2025; 26 January (a Sunday) was a 调休 working day; 28 Jan – 4 Feb off.
    assert confirmation_age(CAL, date(2025, 1, 24), date(2025, 1, 27)) == 2  # Sunday 26th and Monday 27th
    assert confirmation_age(CAL, date(2025, 1, 24), date(2025, 2, 4)) == 2
    assert confirmation_age(CAL, date(2025, 1, 24), date(2025, 2, 5)) == 3
    assert confirmation_age(CAL, date(2025, 6, 30), date(2025, 6, 30)) == 0  # the day of submission does not count


@pytest.mark.parametrize("n", [0, 1, 3, 5])
def test_the_cutoff_flags_exactly_the_applications_older_than_n_working_days(n):
    for today in (date(2025, 1, 20) + timedelta(days=k) for k in range(0, 40)):  # weekdays, weekends, holidays
        cutoff = confirmation_cutoff(CAL, today, n)
        for back in range(0, 25):
            submitted = today - timedelta(days=back)
            assert (submitted < cutoff) == (_age_by_hand(submitted, today) > n), (today, submitted, n)


@pytest.mark.django_db
def test_the_queryset_holds_only_unconfirmed_applications_past_the_days(agency, clock):
    def apply(day, channel="internet"):
        return s.register(agency, s.NewApplication("natural_person", "张三", "某文件", channel, day, phone="13800000000"))

    old = apply(date(2025, 6, 24))        # Tue: 4 working days by Mon 30 June
    fresh = apply(date(2025, 6, 25))      # 3 working days (5 calendar days): not yet
    confirmed = apply(date(2025, 6, 2))
    s.confirm_receipt(confirmed, date(2025, 6, 3))
    apply(date(2025, 6, 2), channel="in_person")  # received at the counter: nothing to confirm
    late = Application.objects.awaiting_confirmation_longer_than(CAL, date(2025, 6, 30), 3)
    assert list(late) == [old]
    assert fresh in Application.objects.awaiting_confirmation_longer_than(CAL, date(2025, 7, 1), 3)
