"""Staff of 湘潭县司法局 in every role, and a generic subject: the approvals mechanism knows no annual report."""
from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from zfxxgk.agencies.models import Agency, Role

from testkit import member


def person(username: str, *memberships, superuser: bool = False) -> User:
    return member(username, *memberships, superuser=superuser, first_name=username)


@pytest.fixture
def other(county):
    return Agency.objects.create(name="湘潭县自然资源局", code="xtxzrzyj", parent=county)


@pytest.fixture
def staff(agency, other, county):
    return {
        "clerk": person("clerk", (agency, Role.CLERK)),
        "head": person("head", (agency, Role.HEAD)),
        "leader": person("leader", (agency, Role.LEADER)),
        "leader2": person("leader2", (agency, Role.LEADER)),
        "supervisor": person("supervisor", (county, Role.SUPERVISOR)),
        "other_leader": person("other_leader", (other, Role.LEADER)),
        "superuser": person("admin", superuser=True),
    }


class Seen:
    """Records the subject hooks the mechanism calls (patched onto the subject's model class)."""

    def __init__(self):
        self.calls: list[tuple[str, int, int]] = []


@pytest.fixture
def subject(agency, monkeypatch):
    """Any model can be signed off: here an Agency row stands in (no annual-report code involved)."""
    seen = Seen()
    subject = Agency.objects.create(name="待审事项载体", code="subject", parent=agency)

    def hook(name):
        def call(self, approval, user):
            seen.calls.append((name, self.pk, user.pk))
            if getattr(seen, "fail", False):
                raise RuntimeError("subject refused")
        return call

    monkeypatch.setattr(Agency, "approval_approved", hook("approved"), raising=False)
    monkeypatch.setattr(Agency, "approval_returned", hook("returned"), raising=False)
    monkeypatch.setattr(Agency, "get_absolute_url", lambda self: f"/subject/{self.pk}/", raising=False)
    subject.seen = seen
    return subject
