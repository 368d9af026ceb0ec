"""When an agency's annual report is due (条例第四十九条).

Departments publish by 1月31日 of the following year, the 本级人民政府's report by 3月31日; a
jurisdiction may set an earlier date (spec §1.3) as ``Agency.report_deadline`` ("MM-DD"), which
the agencies under it inherit unless they set their own.
"""
from __future__ import annotations

import calendar
from datetime import date

DEPARTMENT_DEADLINE = "01-31"  # 条例第四十九条第一款
GOVERNMENT_DEADLINE = "03-31"  # 条例第四十九条第二款


def deadline_setting(agency, agencies: dict | None = None) -> str:
    """The "MM-DD" in force for ``agency``: its own, else the nearest parent's, else the statute's.

    ``agencies`` ({id: Agency}, e.g. a whole county loaded once) lets a dashboard walk the parent
    chain without a query per level.
    """
    seen = set()
    node = agency
    while node is not None and node.pk not in seen:
        if node.report_deadline:
            return node.report_deadline
        seen.add(node.pk)
        if node.parent_id is None:
            break
        node = agencies[node.parent_id] if agencies and node.parent_id in agencies else node.parent
    return GOVERNMENT_DEADLINE if agency.is_government else DEPARTMENT_DEADLINE


def due_date(agency, year: int, agencies: dict | None = None) -> date:
    """The last day to publish the report of ``year`` (a day of ``year + 1``)."""
    month, day = (int(x) for x in deadline_setting(agency, agencies).split("-"))
    last = calendar.monthrange(int(year) + 1, month)[1]
    return date(int(year) + 1, month, min(day, last))  # "02-29" in a common year: the 28th


def working_year(today: date, agencies=()) -> int:
    """The report year people are working on: last year's while its report is not yet past due
    for one of ``agencies`` (without agencies: until 3月31日, the later statutory date), then this
    year's. The default year of the report list, the dashboard and ``zfxxgk annual status``."""
    last = today.year - 1
    if agencies:
        return last if any(today <= due_date(a, last) for a in agencies) else today.year
    month, day = (int(x) for x in GOVERNMENT_DEADLINE.split("-"))
    return last if today <= date(today.year, month, day) else today.year
