"""Checks of what applicants type, and how the portal shows a name (no Django models here).

* 居民身份证号码 (GB 11643-1999): 17 digits, a valid birth date, ISO 7064 MOD 11-2 check character.
* 统一社会信用代码 (GB 32100-2015): 18 characters from 31 letters and digits, MOD 31 check character.
* 电话: a mainland mobile number or a landline with its area code.
"""
from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError

# -- 居民身份证 ------------------------------------------------------------------------------
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")


def resident_id_check_char(first17: str) -> str:
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS)) % 11]


def clean_resident_id(value: str, today: date | None = None) -> str:
    value = value.strip().replace(" ", "").upper()
    if not _ID_SHAPE.match(value):
        raise ValidationError("居民身份证号码应为18位：前17位为数字，最后一位为数字或字母X。", code="id_shape")
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        born = None
    if born is None or born.year < 1900 or born > (today or date.today()):
        raise ValidationError("居民身份证号码中的出生日期（第7至14位）不正确，请核对。", code="id_birth")
    if resident_id_check_char(value[:17]) != value[17]:
        raise ValidationError("居民身份证号码校验位不正确（最后一位与前17位不符），请核对后重新填写。", code="id_checksum")
    return value


# -- 统一社会信用代码 ----------------------------------------------------------------------------
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I O S V Z
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_SHAPE = re.compile(rf"^[{CREDIT_ALPHABET}]{{2}}\d{{6}}[{CREDIT_ALPHABET}]{{10}}$")


def credit_code_check_char(first17: str) -> str:
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def clean_credit_code(value: str) -> str:
    value = value.strip().replace(" ", "").upper()
    if len(value) != 18:
        raise ValidationError("统一社会信用代码应为18位，当前为%(n)s位。", code="credit_length", params={"n": len(value)})
    if not _CREDIT_SHAPE.match(value):
        raise ValidationError(
            "统一社会信用代码格式不正确：由数字和大写英文字母组成（不含I、O、S、V、Z），第3至8位为行政区划代码（数字）。",
            code="credit_shape",
        )
    if credit_code_check_char(value[:17]) != value[17]:
        raise ValidationError("统一社会信用代码校验位不正确（最后一位与前17位不符），请核对后重新填写。", code="credit_checksum")
    return value


# -- 证件 other than the two above -----------------------------------------------------------
_DOCUMENT = re.compile(r"^[A-Z0-9()（）\-]{5,30}$")


def clean_other_document(value: str) -> str:
    value = value.strip().replace(" ", "").upper()
    if not _DOCUMENT.match(value):
        raise ValidationError("证件号码应为5至30位字母或数字，请核对。", code="document_shape")
    return value


# -- 电话 -------------------------------------------------------------------------------------
_MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?[2-9]\d{6,7}(?:-\d{1,6})?$")


def clean_phone(value: str) -> str:
    compact = re.sub(r"[\s（）()]", "", value.strip()).replace("—", "-").replace("－", "-")
    if _MOBILE.match(compact.replace("-", "")):
        return compact.replace("-", "")[-11:]
    if _LANDLINE.match(compact):
        return compact
    raise ValidationError("联系电话格式不正确：请填写11位手机号码，或带区号的固定电话（如 0731-58581234）。", code="phone")


# -- names on public pages ---------------------------------------------------------------------
def mask_name(name: str, natural_person: bool) -> str:
    """张伟 → 张*; 湘潭某某建材有限公司 → 湘潭某某**公司; short organisation names keep less."""
    name = name.strip()
    if not name:
        return ""
    if natural_person:
        return name[0] + "*" * max(1, min(len(name) - 1, 3))
    n = len(name)
    if n >= 8:
        return f"{name[:4]}**{name[-2:]}"
    if n >= 5:
        return f"{name[:2]}**{name[-2:]}"
    return f"{name[0]}**"
