from __future__ import annotations

import pytest

from zfxxgk.portal import checks

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"


def resident_id(first17: str = "43032119900307123") -> str:
    return first17 + checks.resident_id_check_char(first17)


def credit_code(first17: str = "91430321MA4L1234X") -> str:
    return first17 + checks.credit_code_check_char(first17)


@pytest.fixture(autouse=True)
def _clean(isolated):
    """Every portal test: its own upload folder and an empty cache (tests/conftest.py)."""


@pytest.fixture
def person():
    """A valid online application by a natural person (POST data)."""
    return {
        "applicant_kind": "natural_person", "applicant_name": "张伟", "id_type": "resident_id", "id_number": resident_id(),
        "contact_person": "", "phone": "13812345678", "email": "zhangwei@example.cn", "address": "湖南省湘潭县易俗河镇某某路8号",
        "description": "2024年本县法律援助经费预算及执行情况", "document_number": "", "requested_form": "electronic",
        "delivery": "email",
    }
