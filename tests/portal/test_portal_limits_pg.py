"""The portal's daily limits under real parallel submissions (PostgreSQL; SQLite serialises writers):
a flood from one address gets exactly the limit through, and so does an agency's daily cap."""
from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from zfxxgk.cases.models import Application
from zfxxgk.portal.models import DailyCount

from testkit import parallel, run_parallel

pytestmark = [parallel, pytest.mark.django_db(transaction=True)]
URL = reverse("portal:apply", args=["xtxsfj"])


def _submit(person, address: str):
    def work(i: int) -> int:
        return Client(REMOTE_ADDR=address).post(URL, person).status_code
    return work


def test_one_address_gets_exactly_the_limit(settings, agency, person):
    settings.ZFXXGK_APPLY_PER_ADDRESS_PER_DAY = 3
    statuses, errors, seconds = run_parallel(12, _submit(person, "203.0.113.66"))
    assert not errors, errors
    assert sorted(statuses) == [302] * 3 + [429] * 9
    assert Application.objects.count() == 3
    assert DailyCount.objects.get().n == 3


def test_an_agency_gets_exactly_its_daily_cap(settings, agency, person):
    settings.ZFXXGK_APPLY_PER_AGENCY_PER_DAY = 4

    def work(i: int) -> int:
        return Client(REMOTE_ADDR=f"198.51.100.{i + 1}").post(URL, person).status_code

    statuses, errors, seconds = run_parallel(10, work)
    assert not errors, errors
    assert sorted(statuses) == [302] * 4 + [429] * 6
    assert Application.objects.count() == 4
