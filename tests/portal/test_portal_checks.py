"""The identity, code and phone checks and the name masking (no database)."""
from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from zfxxgk.portal import checks


def test_resident_id_known_example():
    # The GB 11643 example number 11010519491231002X.
    assert checks.clean_resident_id("11010519491231002x") == "11010519491231002X"
    with pytest.raises(ValidationError, match="校验位"):
        checks.clean_resident_id("110105194912310021")


def test_resident_id_future_birth():
    with pytest.raises(ValidationError, match="出生日期"):
        checks.clean_resident_id("110105203001010000", today=date(2025, 1, 1))


def test_credit_code_known_example():
    assert checks.clean_credit_code("91350100M000100Y43") == "91350100M000100Y43"
    with pytest.raises(ValidationError, match="校验位"):
        checks.clean_credit_code("91350100M000100Y44")
    with pytest.raises(ValidationError, match="格式"):
        checks.clean_credit_code("91350100M000100O43")


@pytest.mark.parametrize("raw,clean", [("138 1234 5678", "13812345678"), ("+8613812345678", "13812345678"),
                                       ("0731-58581234", "0731-58581234"), ("010-62345678-801", "010-62345678-801"),
                                       ("(0731)58581234", "073158581234")])
def test_phone_ok(raw, clean):
    assert checks.clean_phone(raw) == clean


@pytest.mark.parametrize("raw", ["12345", "1381234567", "23812345678", "0731-1234", "电话"])
def test_phone_bad(raw):
    with pytest.raises(ValidationError, match="联系电话格式不正确"):
        checks.clean_phone(raw)


@pytest.mark.parametrize("name,person,masked", [
    ("张伟", True, "张*"), ("欧阳娜娜", True, "欧***"), ("王", True, "王*"),
    ("湘潭某某建材有限公司", False, "湘潭某某**公司"), ("湘潭大学法学院", False, "湘潭**学院"), ("某某协会", False, "某**"),
])
def test_mask_name(name, person, masked):
    assert checks.mask_name(name, person) == masked
