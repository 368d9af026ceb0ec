"""Fixtures of the workspace tests: a county with two departments (the county and 司法局 come from
tests/conftest.py), staff in every role, and the engine's clock fixed for every test."""
from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User

from zfxxgk.agencies.models import Agency, Role
from zfxxgk.cases import services as s

from workspace.helpers import new
from testkit import member


@pytest.fixture(autouse=True)
def _clock(clock):
    """Every workspace test runs on the engine's clock (tests/conftest.py), which starts on TODAY."""


@pytest.fixture
def other(county):
    """Another department of the same county."""
    return Agency.objects.create(name="湘潭县自然资源局", code="xtxzrzyj", parent=county)


@pytest.fixture
def foreign(db):
    """An agency of another county: outside the supervisor's reach."""
    top = Agency.objects.create(name="韶山市人民政府", code="ssz", is_government=True)
    return Agency.objects.create(name="韶山市司法局", code="sssfj", parent=top)


def _user(username: str, name: str, *memberships, superuser: bool = False) -> User:
    return member(username, *memberships, superuser=superuser, first_name=name)


@pytest.fixture
def users(agency, other, county):
    """One user per role; the clerk, head and leader belong to 司法局, the supervisor to the county."""
    return {
        "clerk": _user("clerk", "李经办", (agency, Role.CLERK)),
        "head": _user("head", "王主任", (agency, Role.HEAD)),
        "leader": _user("leader", "赵局长", (agency, Role.LEADER)),
        "supervisor": _user("supervisor", "钱监督", (county, Role.SUPERVISOR)),
        "superuser": _user("admin", "管理员", superuser=True),
        "other_clerk": _user("other_clerk", "孙经办", (other, Role.CLERK)),
    }


@pytest.fixture
def make_case(users):
    def make(agency, submitted: date = date(2025, 6, 25), channel: str = "in_person", **kw):
        return s.register(agency, new(submitted, channel, **kw), users["clerk"])
    return make
