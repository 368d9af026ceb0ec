"""Shared by the annual-report page tests: staff in every role and reports filled from a seed.

A report is filled by writing ``AnnualReport.figures`` and ``sections`` from a seed read by the
report core (tests/fixtures/seeds/), so the page tests do not depend on the casework; the
checker's findings are then the drafting core's ``recheck``.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from zfxxgk.agencies.models import Agency, Membership, Role
from zfxxgk.annual import services
from zfxxgk.annual.models import AnnualReport, ReportState
from zfxxgk.reports.model import ReportDocument
from zfxxgk.reports.read import read

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
SEED_SFJ = SEEDS / "002_267bdac6bb3be835.txt"  # 湘潭县司法局 2024: no error findings


def seed_document(path: Path = SEED_SFJ) -> ReportDocument:
    return read(path.read_bytes(), name=path.name)


def person(username: str, *memberships, superuser: bool = False) -> User:
    user = User.objects.create_user(username, password="x-unused-123", first_name=username, is_superuser=superuser, is_staff=superuser)
    for agency, role in memberships:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


def fill(report: AnnualReport, doc: ReportDocument, source: str = "cases") -> AnnualReport:
    report.figures = {p: {"value": str(c.value) if isinstance(c.value, Decimal) else c.value, "source": source, "computed": None}
                      for p, c in doc.cells.items()}
    report.sections = dict(doc.sections)
    report.save()
    return report


def make_report(agency: Agency, year: int = 2025, *, doc: ReportDocument | None = None, state=ReportState.DRAFT,
                check: bool = True) -> AnnualReport:
    report = AnnualReport.objects.create(agency=agency, year=year, state=state)
    fill(report, doc or seed_document())
    if check:
        services.recheck(report)
        report.refresh_from_db()
    return report


@pytest.fixture
def other(county):
    return Agency.objects.create(name="湘潭县自然资源局", code="xtxzrzyj", parent=county)


@pytest.fixture
def users(agency, other, county):
    """One user per role: clerk, head and leader of 司法局, the county's supervisor, a superuser,
    and the clerk and head of another department."""
    return {
        "clerk": person("clerk", (agency, Role.CLERK)),
        "head": person("head", (agency, Role.HEAD)),
        "leader": person("leader", (agency, Role.LEADER)),
        "supervisor": person("supervisor", (county, Role.SUPERVISOR)),
        "superuser": person("admin", superuser=True),
        "other_clerk": person("other_clerk", (other, Role.CLERK)),
        "other_head": person("other_head", (other, Role.HEAD)),
    }
