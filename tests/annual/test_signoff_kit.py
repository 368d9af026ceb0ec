"""Shared by the sign-off, render and public-page tests: staff, and reports filled from a seed.

The reports are :mod:`annual.test_views_kit`'s, their figures marked as entered by hand and left
unchecked: the drafting core (annual.draft) turns them into the document and checks them.
"""
from __future__ import annotations

import pytest

from zfxxgk.agencies.models import Agency, Role
from zfxxgk.annual.models import AnnualReport, ReportState
from zfxxgk.reports.model import ReportDocument

from annual.test_views_kit import SEED_SFJ, SEEDS, person, seed_document
from annual.test_views_kit import make_report as _make_report

__all__ = ["SEED_SFJ", "SEEDS", "make_report", "person", "seed_document", "staff"]


def make_report(agency: Agency, year: int = 2025, *, doc: ReportDocument | None = None, state=ReportState.DRAFT) -> AnnualReport:
    return _make_report(agency, year, doc=doc, state=state, check=False, source="manual")


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
