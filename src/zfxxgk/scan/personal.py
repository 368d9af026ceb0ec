"""Personal data in text (条例第十五条; 个人信息保护法第二十八条: 身份证号码、金融账户、行踪轨迹 are
sensitive personal information): 居民身份证号码, 手机号码, 银行卡号 and 详细住址.

Every pattern is checked past the regular expression, because a government document is full of
digit runs that look alike: 文号, 索引号, 统一社会信用代码, dates, amounts, landlines.

* 身份证号码 (GB 11643-1999): 18 characters with the ISO 7064 MOD 11-2 check character, a province
  code that exists and a birth date that is a real day between 1900 and today; the old 15-digit
  form with a province code and a real 19YY birth date. A run longer than 18 digits, or glued to
  letters (a 统一社会信用代码 such as 91430100MA4L1234XY), never matches.
* 手机号码: 11 digits 1[3-9]…, alone (not inside a longer digit run), written 13812345678,
  138-1234-5678, 138 1234 5678, with or without +86. Landlines start with 0 and never match.
* 银行卡号: 16–19 digits (or groups of four separated by spaces or hyphens) passing the Luhn
  check, starting like a card issued in China (62/60/65 银联, 4 Visa, 5 Mastercard, 3 JCB, 9 old
  domestic BINs); not shaped like a 身份证号码 (province + birth date: an ID number with a typo
  in its check character is a near miss, not a card), no run of eight zeros (a serial number).
* 详细住址: only a specific dwelling — a building with a unit or a room (3栋2单元301室, 5幢201室,
  2单元402, XX小区3-2-301), a 号楼 with a room after a residential name (小区/花园/苑…), or a
  rural house number (XX村3组12号). An agency's address ("XX路1号", "县政府办公楼3楼301室")
  and a land parcel ("XX村3组集体土地") do not match: those are published on purpose.

Text is folded first (full-width digits and letters to ASCII, one character for one, so offsets
stay valid); "１３８…" is a phone number too. Excerpts are masked: 430103********1234, 138****5678, 6222*********4567.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from .finding import Kind

# Full-width digits, letters, + and -; not the full-width punctuation every Chinese text is full of
# (，：（）), which no pattern needs and which would make folding a cost for every document.
_FULL_WIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff0b\uff0d]")


def fold(text: str) -> str:
    """Full-width digits and letters to ASCII: the same length, the same offsets."""
    return _FULL_WIDTH.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)


@dataclass(frozen=True)
class Hit:
    kind: Kind
    start: int
    end: int
    raw: str  # the value in a normal form (digits only …): what the digest is of
    excerpt: str  # masked
    message: str


_LAW = "公开前请删除或遮盖（条例第十五条）"

# -- 居民身份证号码 ---------------------------------------------------------------------------

# GB/T 2260 province codes, 71 台湾, 81/82 香港/澳门 居民居住证, 83 台湾居民居住证, 9x 外国人永久居留身份证 (2023)
PROVINCES = frozenset("11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
                      "61 62 63 64 65 71 81 82 83 91 92 93 94 95 96".split())
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_ID18 = re.compile(r"(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<![0-9A-Za-z])[1-9][0-9]{14}(?![0-9A-Za-z])")


def id_check_char(first17: str) -> str:
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS)) % 11]


def _real_day(year: int, month: int, day: int) -> bool:
    try:
        born = date(year, month, day)
    except ValueError:
        return False
    return 1900 <= year and born <= date.today()


def valid_id18(value: str) -> bool:
    value = value.upper()
    return id_shaped(value) and id_check_char(value[:17]) == value[17]


def id_shaped(value: str) -> bool:
    """18 digits with a province code and a real birth date: an ID number, perhaps mistyped."""
    return (len(value) == 18 and value[:17].isdigit() and value[:2] in PROVINCES
            and _real_day(int(value[6:10]), int(value[10:12]), int(value[12:14])))


def valid_id15(value: str) -> bool:
    return (len(value) == 15 and value.isdigit() and value[:2] in PROVINCES
            and _real_day(1900 + int(value[6:8]), int(value[8:10]), int(value[10:12])))


def _ids(text: str) -> Iterator[Hit]:
    for m in _ID18.finditer(text):
        value = m.group().upper()
        if valid_id18(value):
            yield Hit(Kind.ID_CARD, m.start(), m.end(), value, value[:6] + "*" * 8 + value[-4:], f"居民身份证号码，{_LAW}")
    for m in _ID15.finditer(text):
        value = m.group()
        if valid_id15(value):
            yield Hit(Kind.ID_CARD, m.start(), m.end(), value, value[:6] + "*" * 5 + value[-4:], f"旧式15位居民身份证号码，{_LAW}")


# -- 手机号码 ---------------------------------------------------------------------------------

_MOBILE = re.compile(r"(?<![0-9])(?:(?:\+|00)86[- ]?|\(\+?86\)[- ]?|86-)?"
                     r"(1[3-9][0-9])([- ]?)([0-9]{4})\2([0-9]{4})(?![0-9])")


def _mobiles(text: str) -> Iterator[Hit]:
    for m in _MOBILE.finditer(text):
        value = m[1] + m[3] + m[4]
        yield Hit(Kind.MOBILE, m.start(), m.end(), value, value[:3] + "****" + value[-4:], f"手机号码，{_LAW}")


# -- 银行卡号 ---------------------------------------------------------------------------------

_CARD = re.compile(r"(?<![0-9A-Za-z])(?:[0-9]{16,19}|[0-9]{4}([ -])[0-9]{4}\1[0-9]{4}\1[0-9]{4}(?:\1?[0-9]{1,3})?)"
                   r"(?![0-9A-Za-z])")
_CARD_START = ("3", "4", "5", "60", "62", "65", "9")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def valid_card(digits: str) -> bool:
    return (16 <= len(digits) <= 19 and digits.isdigit() and digits.startswith(_CARD_START)
            and "00000000" not in digits and not id_shaped(digits) and luhn_ok(digits))


def _cards(text: str) -> Iterator[Hit]:
    for m in _CARD.finditer(text):
        digits = re.sub(r"[ -]", "", m.group())
        if valid_card(digits):
            yield Hit(Kind.BANK_CARD, m.start(), m.end(), digits, digits[:4] + "*" * (len(digits) - 8) + digits[-4:],
                      f"银行卡号（符合卡号校验规则），{_LAW}")


# -- 详细住址 ---------------------------------------------------------------------------------

_N = "[0-9一二三四五六七八九十]{1,4}"
_ROOM = "[0-9]{1,5}"
_RESIDENTIAL = "(?:小区|花园|苑|公寓|新村|家园|宿舍|山庄|公馆|嘉园|雅居|名邸|华府)"
_ADDRESS = re.compile(
    rf"(?:{_N}|[A-Za-z])(?:栋|幢|号楼|座)-?{_N}单元-?{_ROOM}(?:室|号房|房|号)?"  # 3栋2单元301室
    rf"|{_N}(?:栋|幢)(?:{_N}(?:楼|层))?{_ROOM}(?:室|号房|房)"  # 5幢201室
    rf"|{_N}单元-?(?:{_ROOM}(?:室|号房|房)|[0-9]{{3,4}}(?![0-9]))"  # 2单元402 (not 第2单元3课)
    rf"|{_RESIDENTIAL}[A-Za-z0-9]{{0,4}}(?:{_N}号楼{_ROOM}(?:室|号房|房)|[0-9]{{1,3}}-[0-9]{{1,3}}-{_ROOM}(?:室|号)?)"
    rf"|村{_N}(?:组|队){_ROOM}号"  # (花石)村3组12号: the village's name joins as context
)
_NUMERALS = re.compile("[0-9一二三四五六七八九十]")
_CONTEXT = re.compile(r"[\u4e00-\u9fffA-Za-z0-9#-]{1,12}$")  # the street part before the match


# Every address pattern holds one of these words; a match lies within _REACH characters of it.
# Running _ADDRESS only around them makes ordinary prose (no such word) ~20 times faster: Python's
# re finds literal words quickly but tries a long alternation at every position.
_ANCHOR = re.compile(f"栋|幢|座|号楼|单元|村|{_RESIDENTIAL[3:-1]}")
_REACH = 24


def _windows(text: str) -> Iterator[tuple[int, int]]:
    start = end = -1
    for m in _ANCHOR.finditer(text):
        if m.start() - _REACH > end:
            if end > start:
                yield start, end
            start = max(0, m.start() - _REACH)
        end = min(len(text), m.end() + _REACH)
    if end > start:
        yield start, end


def _addresses(text: str) -> Iterator[Hit]:
    for start, end in _windows(text):
        yield from _addresses_in(text, start, end)


def _addresses_in(text: str, start: int, end: int) -> Iterator[Hit]:
    for m in _ADDRESS.finditer(text, start, end):
        before = _CONTEXT.search(text, max(0, m.start() - 12), m.start())
        span = text[before.start() if before else m.start():m.end()]
        yield Hit(Kind.ADDRESS, m.start(), m.end(), span, _NUMERALS.sub("*", span),
                  f"具体到门牌、房号的住址，{_LAW}")


# -- all of them ----------------------------------------------------------------------------

def find(text: str) -> list[Hit]:
    """Every personal-data hit in ``text`` (folded here), in order of position; a card number
    inside an ID-number hit (or any later hit overlapping an earlier kind's) is dropped."""
    text = fold(text)
    hits: list[Hit] = []
    for finder in (_ids, _mobiles, _cards, _addresses):
        starts = [h.start for h in hits]  # hits so far: sorted, not overlapping
        new = [hit for hit in finder(text) if not _overlaps(hits, starts, hit)]
        hits = sorted(hits + new, key=lambda h: h.start)
    return hits


def _overlaps(hits: list[Hit], starts: list[int], hit: Hit) -> bool:
    i = bisect_right(starts, hit.start)
    return (i > 0 and hits[i - 1].end > hit.start) or (i < len(hits) and hits[i].start < hit.end)


def mask(text: str) -> str:
    """``text`` with every personal-data hit replaced by its masked form (for excerpts of hidden
    content: a reviewer sees what is hidden without the stored hit holding the data)."""
    hits = find(text)
    if not hits:
        return text
    out, at = [], 0
    for hit in hits:
        out.append(text[at:hit.start])
        out.append(hit.excerpt)
        at = hit.end
    out.append(text[at:])
    return "".join(out)
