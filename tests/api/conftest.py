from datetime import date

import pytest

from zfxxgk.agencies.models import Agency
from zfxxgk.api.models import ApiToken


@pytest.fixture(autouse=True)
def _isolated(isolated):
    """An empty cache (the status lookup throttle) for every API test."""


@pytest.fixture(autouse=True)
def today(clock) -> date:
    """Every API test runs on the engine's fixed clock (tests/conftest.py: a Monday, 2025-06-30)."""
    return clock["day"]


@pytest.fixture
def agency_a(db):
    # The same number pattern in both agencies: a number alone never says whose application it is.
    return Agency.objects.create(name="湘潭县司法局", code="xtxsfj", number_pattern="依申〔{year}〕{seq}号")


@pytest.fixture
def agency_b(db):
    return Agency.objects.create(name="湘潭县教育局", code="xtxjyj", number_pattern="依申〔{year}〕{seq}号")


@pytest.fixture
def token_a(agency_a):
    return ApiToken.issue(agency_a, "省政府信息公开平台")[1]


@pytest.fixture
def token_b(agency_b):
    return ApiToken.issue(agency_b, "省政府信息公开平台")[1]


def _bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def bearer():
    return _bearer


PAYLOAD = {
    "applicant_kind": "natural_person",
    "applicant_name": "张三丰",
    "id_type": "resident_id",
    "id_number": "430321199001011234",
    "phone": "13800138000",
    "email": "zhangsanfeng@example.com",
    "address": "湖南省湘潭县易俗河镇天易大道88号",
    "description": "2024年法律援助经费使用情况",
    "channel": "in_person",
}
PERSONAL = ("430321199001011234", "13800138000", "zhangsanfeng@example.com", "天易大道", "张三丰")


@pytest.fixture
def personal():
    """Strings of PAYLOAD that must never leave through the status lookup (nor reach a log)."""
    return PERSONAL


@pytest.fixture
def create(client, today):
    def create(token: str, **fields):
        body = {**PAYLOAD, "submitted_on": today.isoformat(), **fields}
        return client.post("/api/applications", body, content_type="application/json", **_bearer(token))
    return create
