"""Shared by every test: the one rule for optional tools, the engine's clock, the built-in holiday
data cut at a known year, and the county and agency most Django tests work in.

Optional tools (LibreOffice, pdftotext, WeasyPrint, rapidocr, Chromium): ``need("soffice")`` returns
the tool's path (or the imported module). When it is missing the test is skipped here, with the
reason, but *fails* under ``CI=true``: ./test.sh installs all of them, so in CI a missing tool is a
broken set-up, never a pass. The marker ``@pytest.mark.needs("rapidocr", ...)`` does the same for a
whole test or module. Test modules import the function with ``from testkit import need``
(tests/testkit.py, beside this file).
"""
from __future__ import annotations

import logging

import pytest

from testkit import TODAY, need

pytest_plugins = ["pytester"]  # tests/test_need.py runs the needs marker in a pytest of its own


def pytest_configure(config):
    config.addinivalue_line("markers", "needs(*names): the test needs these tools or modules (see need() in tests/testkit.py)")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # tryfirst: before the test's fixtures are set up (a browser fixture would fail on a missing Chromium)
    for marker in item.iter_markers("needs"):
        for name in marker.args:
            need(name)


# --- the engine's clock ------------------------------------------------------------------------

@pytest.fixture
def clock(monkeypatch):
    """The engine's "today" (``services.today``), read by views, forms and services alike.

    ``clock["day"] = date(...)`` moves it for the rest of the test; it starts on TODAY, with the
    working-day calendar of this test's database (the process caches it for a minute, and a schedule
    an earlier test entered and rolled back would otherwise still move its due dates).
    """
    from zfxxgk.cases import calendar, services

    calendar.forget()
    box = {"day": TODAY}
    monkeypatch.setattr(services, "today", lambda: box["day"])
    return box


@pytest.fixture
def calendar_until(monkeypatch):
    """``calendar_until(2026)``: the built-in holiday data (chinesecalendar) end with 2026, whatever
    the installed release knows; returns ``WorkCalendar.builtin()``.

    Tests of a year without a schedule (暂定 due dates) use it, so that the first release with
    next year's holidays does not break them. The case engine's cached calendar is dropped on the
    way in and out.
    """
    from zfxxgk.cases import calendar as in_force
    from zfxxgk.workdays import WorkCalendar
    from zfxxgk.workdays import calendar as builtin

    everything = builtin._builtin_schedules()

    def until(last_year: int) -> WorkCalendar:
        assert last_year in everything, f"the installed chinesecalendar does not know {last_year}"
        cut = {year: schedule for year, schedule in everything.items() if year <= last_year}
        monkeypatch.setattr(builtin, "_builtin_schedules", lambda: cut)
        in_force.forget()
        return WorkCalendar.builtin()

    yield until
    in_force.forget()


# --- agencies and storage ----------------------------------------------------------------------

@pytest.fixture
def county(db):
    from zfxxgk.agencies.models import Agency

    return Agency.objects.create(name="湘潭县人民政府", code="xtx", is_government=True, number_pattern="湘县依申〔{year}〕{seq}号")


@pytest.fixture
def agency(county):
    """湘潭县司法局, a department of the county, with its own number pattern, address and phone."""
    from zfxxgk.agencies.models import Agency

    return Agency.objects.create(
        name="湘潭县司法局", code="xtxsfj", parent=county, number_pattern="湘司依申〔{year}〕{seq}号",
        address="湖南省湘潭县易俗河镇天易大道1号", phone="0731-57812345",
    )


@pytest.fixture
def isolated(settings, tmp_path):
    """Uploads in the test's own folder and an empty cache (the lookup and login throttles) before and after."""
    from django.core.cache import cache

    settings.MEDIA_ROOT = tmp_path / "uploads"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def logs():
    """Every record of the "zfxxgk" loggers, DEBUG and up (they do not propagate to caplog's root handler)."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    logger = logging.getLogger("zfxxgk")
    handler, level = Keep(logging.DEBUG), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield records
    logger.removeHandler(handler)
    logger.setLevel(level)
