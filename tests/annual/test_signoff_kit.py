"""Shared by the sign-off, render and public-page tests: staff, and reports filled from a seed.

A report is built by filling ``AnnualReport.figures`` and ``sections`` directly from one of the
seeds (tests/fixtures/seeds/, read by the report core), so these tests do not depend on the
casework. ``draft.document``/``draft.recheck`` are the drafting core's; while its module is still
the skeleton's stub, :func:`stand_in` supplies the obvious equivalents (document = the figures and
sections; recheck = the report core's checker) so the sign-off can be tested on its own.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from zfxxgk.agencies.models import Agency, Membership, Role
from zfxxgk.annual import draft
from zfxxgk.annual.models import AnnualReport, ReportState
from zfxxgk.reports import check as checker
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


def _stub(function) -> bool:
    try:
        function(None)
    except NotImplementedError:
        return True
    except Exception:  # noqa: BLE001 - a real implementation choking on None
        return False
    return False


def _document(report: AnnualReport) -> ReportDocument:
    doc = ReportDocument(agency=report.agency.name, year=report.year, sections=dict(report.sections),
                         title=f"{report.agency.name}{report.year}年政府信息公开工作年度报告")
    for path, figure in report.figures.items():
        value = figure["value"]
        doc.set(path, Decimal(value) if isinstance(value, str) else int(value))
    return doc


def _recheck(report: AnnualReport):
    findings = checker.check(_document(report))
    report.findings = [f.to_dict() | {"key": f"{f.rule}:{','.join(f.cells)}"} for f in findings]
    report.errors = sum(f.severity == checker.ERROR for f in findings)
    report.warnings = sum(f.severity == checker.WARNING for f in findings)
    report.save()
    return findings


@pytest.fixture
def stand_in(monkeypatch):
    """The drafting core's document/recheck, or a stand-in while draft.py is the skeleton's stub."""
    if _stub(draft.document):
        monkeypatch.setattr(draft, "document", _document)
    if _stub(draft.recheck):
        monkeypatch.setattr(draft, "recheck", _recheck)


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
