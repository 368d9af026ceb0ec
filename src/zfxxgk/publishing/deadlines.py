"""条例第二十六条: 属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开.

The count runs on the platform's working-day calendar (zfxxgk.cases.calendar, the administrators'
schedules included). A publication is late when it went public (or, still unpublished, is today)
past that day.
"""
from __future__ import annotations

from datetime import date

from django.utils import timezone

from ..cases.calendar import current_calendar
from ..workdays import add_workdays

DEFAULT_WORKDAYS = 20


def due_on(written_on: date, workdays: int = DEFAULT_WORKDAYS) -> date:
    """The last day to publish something made or changed on ``written_on``."""
    return add_workdays(current_calendar(), written_on, workdays).due


def workdays_for(agency) -> int:
    policy = getattr(agency, "publishing_policy", None) if agency is not None else None
    return policy.late_workdays if policy is not None else DEFAULT_WORKDAYS


def is_late(publication, today: date | None = None) -> bool:
    """Published after the 20 working days — or not published and past them already."""
    if publication.written_on is None:
        return False
    due = due_on(publication.written_on, workdays_for(publication.agency))
    if publication.published_on:
        return publication.published_on > due
    if publication.state in ("withdrawn", "superseded"):
        return False
    return (today or timezone.localdate()) > due
