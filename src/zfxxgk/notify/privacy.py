"""Keeping personal data out of logs and error notes (最小必要): contacts masked, error texts scrubbed."""
from __future__ import annotations

import re

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DIGITS = re.compile(r"\+?\d[\d -]{5,}\d[\dXx]?")  # phone and ID numbers, with or without spaces
MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")


def mask_contact(value: str) -> str:
    """``zh***@example.cn``, ``138****5678``: enough for staff to tell two contacts apart."""
    if "@" in value:
        name, _, domain = value.partition("@")
        return f"{name[:2]}***@{domain}"
    if len(value) >= 7:
        return f"{value[:3]}****{value[-4:]}"
    return "****"


def scrub(text: str, *known: str) -> str:
    """``text`` (an SMTP or gateway error) without the recipient, e-mail addresses and long numbers."""
    for value in known:
        if value:
            text = text.replace(value, "***")
    text = _EMAIL.sub("***", text)
    return _DIGITS.sub("***", text)


def sms_number(phone: str) -> str | None:
    """The mobile number in what the applicant typed (spaces and dashes dropped), or None for a
    landline or anything else an SMS cannot reach."""
    digits = re.sub(r"[\s-]", "", phone or "")
    return digits if MOBILE.match(digits) else None
