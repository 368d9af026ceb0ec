"""Fixtures of the notification tests: staff with e-mail addresses in every role, the SMS test
outbox emptied, on-commit callbacks run (messages are made and sent when an action commits), and
every log record of the "zfxxgk" loggers kept for the privacy checks."""
from __future__ import annotations


import pytest

from zfxxgk.agencies.models import Agency, Role
from zfxxgk.notify import sms

from testkit import member


@pytest.fixture(autouse=True)
def _outboxes(clock, mailoutbox):
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """``with commit(): …`` runs what the block left for its transaction's commit (and what that left)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _user(username, email, *memberships, active=True):
    return member(username, *memberships, email=email, is_active=active)


@pytest.fixture
def other(county):
    return Agency.objects.create(name="湘潭县自然资源局", code="xtxzrzyj", parent=county)


@pytest.fixture
def staff(agency, county, other):
    return {
        "clerk": _user("clerk", "clerk@sfj.example.cn", (agency, Role.CLERK)),
        "head": _user("head", "head@sfj.example.cn", (agency, Role.HEAD)),
        "leader": _user("leader", "leader@sfj.example.cn", (agency, Role.LEADER)),
        "supervisor": _user("supervisor", "jd@xtx.example.cn", (county, Role.SUPERVISOR)),
        "no_mail": _user("no_mail", "", (agency, Role.CLERK)),
        "gone": _user("gone", "gone@sfj.example.cn", (agency, Role.CLERK), active=False),
        "other_clerk": _user("other_clerk", "clerk@zrzyj.example.cn", (other, Role.CLERK)),
    }
