"""China's administrative divisions (行政区划, province to county) and the normalised spelling
of an agency's area.

The list (``divisions.txt``, 3,400 names, ~90 KB) is taken from JioNLP's china_location data
(Apache-2.0; ``scripts/divisions_from_jionlp.py`` regenerates it). A report is read as printed —
OCR's "沐阳县人民政府" stays 沐阳 — and :func:`normalise` offers "沭阳县人民政府" when the list
recognises the area, so an audit can group the two.
"""
from __future__ import annotations

from functools import lru_cache
from itertools import product
from pathlib import Path

_DATA = Path(__file__).with_name("divisions.txt")

# Characters that OCR and hurried typing confuse in place names (one printed for the other).
_CONFUSABLE_PAIRS = (
    "沭沐", "泸沪", "汨汩", "亳毫", "睢雎", "荥荣", "盱吁", "眙贻", "郫陴", "泾经", "濮璞", "滦栾", "兖衮", "洮桃",
    "己已", "巳已", "未末", "士土", "戊戌", "戍戌", "日曰", "干千", "天夭", "大太", "郓鄆", "邛卭", "婺务", "歙翕",
)
_CONFUSABLE: dict[str, set[str]] = {}
for _a, _b in _CONFUSABLE_PAIRS:
    _CONFUSABLE.setdefault(_a, set()).add(_b)
    _CONFUSABLE.setdefault(_b, set()).add(_a)
_LONGEST = 16


@lru_cache(maxsize=1)
def names() -> frozenset[str]:
    """Full names of every province, city and county ("江苏省", "宿迁市", "沭阳县")."""
    out = set()
    for line in _DATA.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            out.add(line.split("\t")[1])
    return frozenset(out)


def starts_with_division(text: str) -> bool:
    known = names()
    return any(text[:n] in known for n in range(2, min(len(text), _LONGEST) + 1))


@lru_cache(maxsize=8192)
def _spelling_of(segment: str) -> str | None:
    """The division ``segment`` names: itself, or the one name it reaches by swapping confusable
    characters (None when there is no such name, or more than one)."""
    known = names()
    if segment in known:
        return segment
    options = [sorted({c} | _CONFUSABLE.get(c, set())) for c in segment]
    if all(len(o) == 1 for o in options):
        return None
    found = {"".join(p) for p in product(*options)} & known
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=4096)
def normalise(agency: str | None) -> str | None:
    """The agency with its leading area names in the list's spelling ("宿迁市沐阳县人民政府" →
    "宿迁市沭阳县人民政府"); None when the name does not start with a known division."""
    if not agency:
        return None
    name = "".join(agency.split())
    pos, parts = 0, []
    while pos < len(name):
        for n in range(min(_LONGEST, len(name) - pos), 1, -1):
            spelled = _spelling_of(name[pos:pos + n])
            if spelled:
                parts.append(spelled)
                pos += n
                break
        else:
            break
    return "".join(parts) + name[pos:] if parts else None
