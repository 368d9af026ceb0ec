"""Helpers shared by the workspace tests (fixtures are in conftest.py)."""
from __future__ import annotations

from datetime import date

from zfxxgk.cases import services as s

from testkit import TODAY  # noqa: F401 - a Monday: the clock fixture's default, which the workspace tests use


WRITERS = ("clerk", "head", "leader")
ROLES = ("clerk", "head", "leader", "supervisor", "superuser")


def new(submitted: date = date(2025, 6, 2), channel: str = "in_person", name: str = "张三", what: str = "2024年法律援助经费使用情况", **kw) -> s.NewApplication:
    kind = kw.pop("kind", "natural_person")
    kw.setdefault("phone", "13800000000")
    kw.setdefault("id_number", "430321199001011234")
    return s.NewApplication(kind, name, what, channel, submitted, **kw)


def login(client, user):
    client.force_login(user)
    return client
