"""Label normalisation and number-cell parsing (spec §10.3).

Real reports print the same label with full- or half-width brackets, spaces and line
breaks inside, curly or straight quotes, ``1.`` or ``1、`` or ``1. `` prefixes. Everything
is matched on :func:`norm` of both sides, never on the raw text.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from decimal import Decimal, InvalidOperation

_WS = re.compile(r"\s+")
_NOISE = re.compile(r"\[bookmark:[^\]]*\]|\{\\[^}]*\}")
_QUOTES = str.maketrans({c: None for c in "“”‘’\"'「」『』〝〞＂"})
_BRACKETS = str.maketrans({"【": "(", "】": ")", "〔": "(", "〕": ")", "[": "(", "]": ")", "﹝": "(", "﹞": ")"})
# A few traditional forms seen on mirror pages (spec §10.4); enough for labels.
_TRAD = str.maketrans(dict(zip("開資訊請處結轉與關機構審數額決定預許強執費書條議訴訟維糾紛總計務體規範產節復應", "开资讯请处结转与关机构审数额决定预许强执费书条议诉讼维纠纷总计务体规范产节复应")))


def strip_noise(text: str) -> str:
    """Remove Word artefacts such as ``[bookmark: _GoBack]``."""
    return _NOISE.sub("", text)


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """The matching form of a label: NFKC, no whitespace, no quotes, ASCII brackets."""
    text = unicodedata.normalize("NFKC", strip_noise(text))
    text = text.translate(_TRAD).translate(_QUOTES).translate(_BRACKETS)
    text = text.replace("、", "、").replace("．", ".")
    return _WS.sub("", text)


# "(三)", "三、", "(1)", "1.", "1、", and "1" glued to the label ("①其他" is "1其他" after NFKC).
_ENUM = re.compile(r"^(?:\(?[一二三四五六七八九十]+\)|[一二三四五六七八九十]+[、.]|\(?\d{1,2}\)|\d{1,2}[、.,](?!\d)"
                   r"|\d{1,2}(?=[\u4e00-\u9fff]))")


@lru_cache(maxsize=65536)
def strip_enum(text: str) -> str:
    """``norm`` text without its leading enumeration: ``(三)``, ``1.``, ``1、``, ``四、``."""
    return _ENUM.sub("", text, count=1)


# --- number cells --------------------------------------------------------------------

BLANK, DASH, OK, ANNOTATED = "blank", "dash", "ok", "annotated"
# "一" alone in a number cell is a dash typed (or OCR-read) with the CJK character.
_DASHES = {"-", "--", "—", "——", "–", "/", "\\", "无", "空", "N/A", "n/a", "－", "―", "一"}
_NUM = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
# Signs as typed in a signed cell: dashes and U+2212 for minus, 减/增 in words.
_SIGNS = {"—": "-", "–": "-", "−": "-", "减": "-", "增": "+"}
# A number with a note after it ("16（其中修订3件）", "16其中修订3件"), never a date, a range, a
# page number or a ratio ("2024年…", "- 2 -", "2/9", "3:1").
_LEADING_NUM = re.compile(r"^([+-]?\d+(?:\.\d+)?)(?:件|个|条|项|人次|人|次|元|万元)?(?=$|\(|（|[^\d.\-—–/年月日号页时:%])")


@lru_cache(maxsize=65536)
def parse_number(raw: str | None, *, decimal: bool = False, signed: bool = False):
    """Parse a number cell. Returns ``(value, status)`` or ``None`` if it is not a number cell.

    Blank and dash cells read as 0 with status ``blank``/``dash`` so the checker can flag
    them (W-BLANK) and tell them from a printed 0. Annotated cells such as
    ``16（其中修订3件）`` read as 16 with status ``annotated``.
    """
    text = unicodedata.normalize("NFKC", strip_noise(raw or ""))
    text = _WS.sub("", text).replace(",", "").replace("，", "")
    if text == "":
        return (Decimal(0) if decimal else 0), BLANK
    if text in _DASHES:
        return (Decimal(0) if decimal else 0), DASH
    if signed and text[0] in _SIGNS and text[1:2].isdigit():  # 本年增/减: "—3", "减3", "增2"
        text = _SIGNS[text[0]] + text[1:]
    status = OK
    if not _NUM.match(text):
        m = _LEADING_NUM.match(text)
        if not m:
            return None
        # "251000元" is a unit suffix (ok); "16（其中修订3件）" carries a note (annotated)
        status = OK if m.end() == len(text) else ANNOTATED
        text = m.group(1)
    if decimal:
        try:
            return Decimal(text), status
        except InvalidOperation:  # pragma: no cover - regex guarantees digits
            return None
    if "." in text:
        return None
    value = int(text)
    if value < 0 and not signed:
        return value, status  # kept: T3-NONNEG reports it
    return value, status


def is_number_cell(raw: str) -> bool:
    """True for cells that hold a number, a dash or nothing (value cells, not labels)."""
    return parse_number(raw, decimal=True) is not None
