"""Text that every part of the system can store and every writer can print (no Django here).

Two jobs, kept together because they are one rule seen from two sides:

* :func:`clean_input` is the boundary: forms and the API pass what people type through it. It
  refuses what no honest applicant types (NUL and other control characters, Unicode
  noncharacters such as U+FFFE/U+FFFF, bidirectional overrides such as U+202E that make a name
  display backwards) with a Chinese message, silently drops zero-width characters that copying
  from Word or a web page leaves behind, and refuses a name made only of invisible characters.
* :func:`printable` is the writers' side: whatever the database already holds (records from before
  the boundary existed, imports), it returns a string that XML (DOCX, XLSX, HTML) can hold, so a
  writer never fails on a stored string.
"""
from __future__ import annotations

import re
import unicodedata

# XML 1.0 allows tab, LF, CR and U+0020 upwards except surrogates and U+FFFE/U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
# Noncharacters in the supplementary planes (U+1FFFE, U+1FFFF, … U+10FFFF).
_ASTRAL_NONCHAR = re.compile("[\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
                             "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
                             "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
                             "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]")
# Zero-width characters left by copy and paste: dropped without a word.
_ZERO_WIDTH = re.compile("[\u200b\u2060\ufeff]")
# Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the marks
# U+200E/U+200F/U+061C: Chinese text never needs them, and they can make a file name or an
# applicant's name read backwards (“Trojan Source”).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_CONTROLS_MULTILINE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROLS_ONELINE = re.compile("[\x00-\x1f\x7f-\x9f]")


class InputError(ValueError):
    """Text refused at the boundary; ``message`` is for the user (Chinese)."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


def _codepoint(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def clean_input(value: str, *, multiline: bool = False, label: str = "") -> str:
    """The text as it will be stored, or :class:`InputError` saying in Chinese what is wrong.

    ``multiline`` allows tab and line breaks (descriptions, reasons); ``label`` names the field in
    the message where nothing else does (forms and the API show the field's name beside it: “此项”).
    """
    what = f"“{label}”" if label else "此项"
    value = _ZERO_WIDTH.sub("", value)
    bad = _XML_ILLEGAL.search(value) or _ASTRAL_NONCHAR.search(value)
    if bad is None:
        bad = (_CONTROLS_MULTILINE if multiline else _CONTROLS_ONELINE).search(value)
    if bad is not None:
        raise InputError(
            f"{what}含有不能保存的控制字符或非字符（{_codepoint(bad.group())}），请删除后重新填写。", "control_character")
    bad = _BIDI.search(value)
    if bad is not None:
        raise InputError(
            f"{what}含有改变文字显示方向的控制符（{_codepoint(bad.group())}），请删除后重新填写。", "bidi_control")
    return value


def is_invisible(value: str) -> bool:
    """True when nothing in ``value`` would show on paper: only spaces, format characters (Cf)
    and fillers such as U+3164 HANGUL FILLER."""
    return all(ch.isspace() or unicodedata.category(ch) in ("Cf", "Zs", "Mn", "Me") or ch in "\u3164\u115f\u1160\uffa0"
               for ch in value)


def clean_name(value: str, *, label: str = "") -> str:
    """A one-line name: :func:`clean_input`, runs of spaces folded, and at least one visible character."""
    value = re.sub(r"\s+", " ", clean_input(value, label=label)).strip()
    if value and is_invisible(value):
        what = f"“{label}”" if label else "此项"
        raise InputError(f"{what}只包含空白或不可见字符，请填写真实的姓名或名称。", "invisible")
    return value


def printable(value: str) -> str:
    """``value`` with everything XML cannot hold removed: safe for DOCX, XLSX and HTML writers."""
    if not value:
        return value
    value = _XML_ILLEGAL.sub("", value)
    return _ASTRAL_NONCHAR.sub("", value)
