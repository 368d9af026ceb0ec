"""Shared fixtures of the annual-report tests: people with roles in 湘潭县司法局 (``agency``) and
its county, and ``casework``, which writes applications and appeals straight into the 台账 with
consistent fields (the CheckConstraints of cases/models hold) — much faster than the services
when a test needs a year of cases."""
from __future__ import annotations

import itertools
from datetime import date

import pytest

from testkit import member


def _user(username, agency, role, **kw):
    return member(username, *([(agency, role)] if agency is not None else []), **kw)


@pytest.fixture
def clerk(agency):
    return _user("clerk", agency, "clerk", first_name="李明")


@pytest.fixture
def head(agency):
    return _user("head", agency, "head")


@pytest.fixture
def leader(agency):
    return _user("leader", agency, "leader")


@pytest.fixture
def supervisor(county):
    """Reads the county and every agency under it; writes nothing."""
    return _user("supervisor", county, "supervisor")


@pytest.fixture
def stranger(db):
    return _user("stranger", None, None)


class Casework:
    """Applications and appeals written directly, as the case engine would have left them."""

    _numbers = itertools.count(1)

    def __init__(self, agency):
        self.agency = agency

    def app(self, received: date | None, closed: date | None = None, outcome: str | None = None, *,
            kind: str = "natural_person", agency=None, submitted: date | None = None):
        """An application received on ``received`` (None: still awaiting confirmation), closed on
        ``closed`` with ``outcome`` (both or neither), by an applicant of ``kind``."""
        from zfxxgk.cases.models import Application

        assert (closed is None) == (outcome is None), "closed and outcome go together"
        n = next(self._numbers)
        state = "closed" if closed else ("processing" if received else "awaiting_confirmation")
        submitted = submitted or received or date(2024, 6, 1)
        return Application.objects.create(
            agency=agency or self.agency, year=submitted.year, seq=n, number=f"T-{n}", query_code=f"Q{n:011d}",
            applicant_kind=kind, applicant_name="申请人", channel="in_person" if received else "internet",
            submitted_on=submitted, received_on=received, description="某项政府信息", state=state,
            outcome=outcome, closed_on=closed,
        )

    def appeal(self, application, kind: str, filed: date, result: str = "pending", decided: date | None = None):
        from zfxxgk.cases.models import Appeal

        assert (result == "pending") == (decided is None), "a decided appeal has a decision date"
        return Appeal.objects.create(application=application, kind=kind, filed_on=filed, result=result, decided_on=decided)


@pytest.fixture
def casework(agency):
    return Casework(agency)


TABLE2 = {
    "active.regulations.made": 0, "active.regulations.repealed": 0, "active.regulations.in_force": 0,
    "active.normative_documents.made": 2, "active.normative_documents.repealed": 1, "active.normative_documents.in_force": 9,
    "active.licensing": 120, "active.penalty": 35, "active.coercion": 0, "active.fees_wan_yuan": "1.25",
}


@pytest.fixture
def table2():
    """Table 二 as staff enter it (规章 none; 规范性文件 made 2, repealed 1, in force 9 …)."""
    return dict(TABLE2)


@pytest.fixture
def clock(clock):
    """The engine's clock (tests/conftest.py) in January 2026: the 2025 reports these tests write
    are drafted, submitted and published after their year is over, before the 31 January deadline."""
    clock["day"] = date(2026, 1, 12)
    return clock
