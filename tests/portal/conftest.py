from __future__ import annotations

import pytest
from django.core.cache import cache

from zfxxgk.agencies.models import Agency
from zfxxgk.portal import checks

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"


def resident_id(first17: str = "43032119900307123") -> str:
    return first17 + checks.resident_id_check_char(first17)


def credit_code(first17: str = "91430321MA4L1234X") -> str:
    return first17 + checks.credit_code_check_char(first17)


@pytest.fixture(autouse=True)
def _clean(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def agency(db):
    county = Agency.objects.create(name="湘潭县人民政府", code="xtx", is_government=True)
    return Agency.objects.create(
        name="湘潭县司法局", code="xtxsfj", parent=county, address="湖南省湘潭县易俗河镇天易大道1号", phone="0731-57812345",
    )


@pytest.fixture
def person():
    """A valid online application by a natural person (POST data)."""
    return {
        "applicant_kind": "natural_person", "applicant_name": "张伟", "id_type": "resident_id", "id_number": resident_id(),
        "contact_person": "", "phone": "13812345678", "email": "zhangwei@example.cn", "address": "湖南省湘潭县易俗河镇某某路8号",
        "description": "2024年本县法律援助经费预算及执行情况", "document_number": "", "requested_form": "electronic",
        "delivery": "email",
    }
