"""A county to oversee, shared by the dashboard, totals, drill-down and export tests (no tests here).

Report year 2025, the clock on 10 February 2026 (after the 31 January deadline, 条例第四十九条):

* 湘潭县司法局 (``agency``): published its 2025 report (version 1, figures chosen by hand);
* 湘潭县自然资源局 (``draft``): a draft with figures, 2 errors and 1 dismissed warning;
* 湘潭县教育局 (``live``): no report — counted from its cases: 4 received in 2025 (2 granted,
  1 open and overdue, 1 not_held), 1 carried over from 2024 and answered in 2025, one appeal
  decided, one awaiting confirmation for 9 days and one for 1 day (2026);
* 湘潭县花石镇人民政府: not on the platform, its report uploaded in a batch (read_ok);
* the county itself (湘潭县人民政府): no cases, no report.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth.models import User

from zfxxgk.agencies.models import Agency, Membership, Role
from zfxxgk.annual.models import AnnualReport, Dismissal, Version
from zfxxgk.cases import services as s
from zfxxgk.oversight.models import AuditBatch, AuditedReport
from zfxxgk.oversight.totals import TABLE_PATHS
from zfxxgk.reports.model import ReportDocument

from workspace.helpers import new

YEAR = 2025
DAY = date(2026, 2, 10)

PUBLISHED = {"requests.new_received.natural_person": 7, "requests.new_received.total": 7, "requests.granted.natural_person": 5,
             "requests.granted.total": 5, "requests.total.total": 6, "requests.denied_state_secret.total": 1,
             "requests.carried_forward.total": 1, "appeals.reconsideration.upheld": 1, "appeals.reconsideration.total": 1}
DRAFT = {"requests.new_received.commercial": 3, "requests.new_received.total": 3, "requests.granted.total": 2,
         "requests.partially_granted.total": 1, "requests.total.total": 3, "appeals.litigation_direct.pending": 2,
         "appeals.litigation_direct.total": 2}
AUDITED = {"requests.new_received.total": 11, "requests.granted.total": 9, "requests.total.total": 11,
           "appeals.reconsideration.corrected": 1, "appeals.reconsideration.total": 1}


def document(name: str, year: int, values: dict) -> dict:
    doc = ReportDocument(agency=name, year=year)
    for p in TABLE_PATHS:
        doc.set(p, values.get(p, 0))
    return doc.to_dict(with_sources=True)


def publish(agency: Agency, year: int, values: dict, number: int = 1) -> AnnualReport:
    report, _ = AnnualReport.objects.get_or_create(agency=agency, year=year, defaults={"state": "published"})
    Version.objects.create(report=report, number=number, published_on=date(year + 1, 1, 20), document=document(agency.name, year, values))
    return report


def draft(agency: Agency, year: int, values: dict, errors: int = 0) -> AnnualReport:
    return AnnualReport.objects.create(agency=agency, year=year, state="draft", errors=errors,
                                       figures={p: {"value": v, "source": "cases"} for p, v in values.items()})


def audited(county: Agency, year: int, name: str, values: dict, **kw) -> AuditedReport:
    batch = AuditBatch.objects.create(county=county, year=year, state="done", total=1, done=1)
    return AuditedReport.objects.create(batch=batch, filename=f"{name}.docx", read_ok=True, agency_name=name, year=year,
                                        document=document(name, year, values), **kw)


def user(username: str, name: str, *memberships, superuser: bool = False, password: str = "x-unused-123") -> User:
    u = User.objects.create_user(username, password=password, first_name=name, is_superuser=superuser, is_staff=superuser)
    for a, role in memberships:
        Membership.objects.create(user=u, agency=a, role=role)
    return u


def casework(agency: Agency, clerk, clock) -> dict:
    """The live agency's cases (see the module docstring); the clock ends on DAY."""
    out = {}
    clock["day"] = date(2024, 12, 20)
    out["carried"] = s.register(agency, new(date(2024, 12, 20), name="结转"), clerk)
    clock["day"] = DAY
    s.answer(out["carried"], date(2025, 1, 10), "granted", clerk)
    out["granted"] = [s.register(agency, new(date(2025, 3, d), name=f"公开{d}"), clerk) for d in (3, 4)]
    for app in out["granted"]:
        s.answer(app, date(2025, 3, 20), "granted", clerk)
    out["granted"].append(out["carried"])
    out["not_held"] = s.register(agency, new(date(2025, 5, 6), name="不掌握", kind="commercial"), clerk)
    s.answer(out["not_held"], date(2025, 5, 20), "unable_not_held", clerk)
    out["overdue"] = s.register(agency, new(date(2025, 12, 1), name="超期"), clerk)
    out["stale"] = s.register(agency, new(date(2026, 2, 1), channel="internet", name="待确认久"), clerk)
    out["fresh"] = s.register(agency, new(date(2026, 2, 9), channel="internet", name="待确认新"), clerk)
    out["appeal"] = s.add_appeal(out["granted"][0], "reconsideration", date(2025, 4, 1), "corrected", date(2025, 6, 1), actor=clerk)
    return out


@dataclass
class World:
    county: Agency
    agency: Agency
    draft_agency: Agency
    live: Agency
    supervisor: User
    clerk: User
    cases: dict
    outside: AuditedReport


def build_world(county: Agency, agency: Agency, clock, *, password: str = "x-unused-123") -> World:
    draft_agency = Agency.objects.create(name="湘潭县自然资源局", code="xtxzrzyj", parent=county)
    live = Agency.objects.create(name="湘潭县教育局", code="xtxjyj", parent=county)
    clerk = user("clerk", "李经办", (agency, Role.CLERK), (live, Role.CLERK), password=password)
    supervisor = user("supervisor", "钱监督", (county, Role.SUPERVISOR), password=password)
    publish(agency, YEAR, PUBLISHED)
    report = draft(draft_agency, YEAR, DRAFT, errors=2)
    Dismissal.objects.create(report=report, key="W-X:1", rule="W-X", message="警告", reason="已核实")
    cases = casework(live, clerk, clock)
    outside = audited(county, YEAR, "湘潭县花石镇人民政府", AUDITED, errors=1, warnings=2)
    return World(county, agency, draft_agency, live, supervisor, clerk, cases, outside)


@pytest.fixture
def world(county, agency, clock) -> World:
    return build_world(county, agency, clock)
