"""Shared by the sign-off, render and public-page tests: staff, and reports filled from a seed.

A report is built by filling ``AnnualReport.figures`` and ``sections`` directly from one of the
seeds (tests/fixtures/seeds/, read by the report core), so these tests do not depend on the
casework; the drafting core (annual.draft) turns them into the document and checks them.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from zfxxgk.agencies.models import Agency, Membership, Role
from zfxxgk.annual.models import AnnualReport, ReportState
from zfxxgk.reports.model import ReportDocument
from zfxxgk.reports.read import read

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
SEED_SFJ = SEEDS / "002_267bdac6bb3be835.txt"  # 湘潭县司法局 2024: no error findings


def seed_document(path: Path = SEED_SFJ) -> ReportDocument:
    return read(path.read_bytes(), name=path.name)


def person(username: str, *memberships) -> User:
    user = User.objects.create_user(username, password="x-unused-123", first_name=username)
    for agency, role in memberships:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


def fill(report: AnnualReport, doc: ReportDocument) -> AnnualReport:
    report.figures = {p: {"value": str(c.value) if isinstance(c.value, Decimal) else c.value, "source": "manual", "computed": None}
                      for p, c in doc.cells.items()}
    report.sections = dict(doc.sections)
    report.save()
    return report


def make_report(agency: Agency, year: int = 2025, *, doc: ReportDocument | None = None, state=ReportState.DRAFT) -> AnnualReport:
    report = AnnualReport.objects.create(agency=agency, year=year, state=state)
    return fill(report, doc or seed_document())


@pytest.fixture
def staff(agency, county):
    other = Agency.objects.create(name="湘潭县自然资源局", code="xtxzrzyj", parent=county)
    return {
        "clerk": person("clerk", (agency, Role.CLERK)),
        "head": person("head", (agency, Role.HEAD)),
        "leader": person("leader", (agency, Role.LEADER)),
        "supervisor": person("supervisor", (county, Role.SUPERVISOR)),
        "other_head": person("other_head", (other, Role.HEAD)),
        "other": other,
    }
