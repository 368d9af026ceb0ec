"""Shared by the annual-report page tests: staff in every role and reports filled from a seed.

A report is filled by writing ``AnnualReport.figures`` and ``sections`` from a seed read by the
report core (tests/fixtures/seeds/), so the page tests do not depend on the casework; the
checker's findings are then the drafting core's ``recheck``.
"""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from zfxxgk.agencies.models import Agency, Role
from zfxxgk.annual import services
from zfxxgk.annual.models import AnnualReport, ReportState
from zfxxgk.reports.model import ReportDocument
from zfxxgk.reports.read import read

from testkit import member

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
SEED_SFJ = SEEDS / "002_267bdac6bb3be835.txt"  # 湘潭县司法局 2024: no error findings


def seed_document(path: Path = SEED_SFJ) -> ReportDocument:
    return read(path.read_bytes(), name=path.name)


def person(username: str, *memberships, superuser: bool = False) -> User:
    return member(username, *memberships, superuser=superuser, first_name=username)


def fill(report: AnnualReport, doc: ReportDocument, source: str = "cases") -> AnnualReport:
    report.figures = {p: {"value": str(c.value) if isinstance(c.value, Decimal) else c.value, "source": source, "computed": None}
                      for p, c in doc.cells.items()}
    report.sections = dict(doc.sections)
    report.save()
    return report


def make_report(agency: Agency, year: int = 2025, *, doc: ReportDocument | None = None, state=ReportState.DRAFT,
                check: bool = True, source: str = "cases") -> AnnualReport:
    report = AnnualReport.objects.create(agency=agency, year=year, state=state)
    fill(report, doc or seed_document(), source)
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


# --- the pages -------------------------------------------------------------------------------------

NEW = "requests.new_received.natural_person"


def login(client, user):
    client.force_login(user)
    return client


def page_of(client, report):
    return client.get(reverse("annual:report", args=[report.pk]))


def snapshot(report: AnnualReport) -> tuple:
    report.refresh_from_db()
    return (report.state, report.figures, report.sections, report.findings, report.errors, report.warnings,
            report.updated_at, list(report.dismissals.values_list("key", flat=True)))


def form_data(report: AnnualReport, **changes) -> dict:
    """The editor's form as the browser sends it: every cell and section as shown, then ``changes``."""
    from zfxxgk.annual.forms import initial_values

    data = {k: v for k, v in initial_values(report).items()}
    data.update(changes)
    return data


@pytest.fixture
def generated(agency, users):
    """司法局's 2025 report generated from its (empty) casework, with table 二 filled in."""
    report = services.get(agency, 2025)
    services.generate(report, users["clerk"])
    services.save(report, users["clerk"], figures={p: 0 for p in (
        "active.regulations.made", "active.regulations.repealed", "active.regulations.in_force",
        "active.normative_documents.made", "active.normative_documents.repealed", "active.normative_documents.in_force",
        "active.licensing", "active.penalty", "active.coercion", "active.fees_wan_yuan")})
    report.refresh_from_db()
    assert report.errors == 0, report.findings
    return report


def cell_html(html: str, path: str) -> str:
    match = re.search(rf'<td class="an-cell[^"]*"[^>]*data-path="{re.escape(path)}">.*?</td>', html, re.S)
    assert match, path
    return match.group(0)


@pytest.fixture
def warned(generated, users):
    """现行有效 below 制发 − 废止: the T2-INFORCE-LB warning."""
    services.save(generated, users["clerk"], figures={"active.normative_documents.made": 3, "active.normative_documents.in_force": 2})
    generated.refresh_from_db()
    finding = next(f for f in generated.findings if f["rule"] == "T2-INFORCE-LB")
    return generated, finding
