"""Code points a PDF's text layer gives for a character that is printed as the ordinary one.

Chromium's "save as PDF" with Noto CJK maps many ideographs to their Kangxi or supplement radical
(⼯ U+2F2F for 工, ⺠ U+2EA0 for 民, ⻚ U+2EDA for 页) and Latin pairs to ligatures (ﬂ). The page shows
莆田市人民政府; the text layer says 莆⽥市⼈⺠政府. Reading the facts on these would miss every
label and title, so they are read, and returned, as the characters they print.
"""
from __future__ import annotations

import re
import unicodedata

# CJK Radicals Supplement forms NFKC leaves alone, as the simplified characters they are.
_SUPPLEMENT = dict(zip("⺠⻓⻚⻅⻋⻔⻢⻛⻜⻝⻥⻦⻆⻉⻙⻰⻘⻩⻬⻮⻤⺩⻄⻣⻨", "民长页见车门马风飞食鱼鸟角贝韦龙青黄齐齿鬼王西骨麦"))
_TABLE = {c: unicodedata.normalize("NFKC", chr(c)) for r in ((0x2E80, 0x2EF4), (0x2F00, 0x2FD6), (0xFB00, 0xFB07))
          for c in range(*r) if unicodedata.normalize("NFKC", chr(c)) != chr(c)}
_TABLE.update({ord(k): v for k, v in _SUPPLEMENT.items()})
_ANY = re.compile("[\u2e80-\u2fdf\ufb00-\ufb06]")


def printed(text: str) -> str:
    """``text`` with radical and ligature code points replaced by the characters they print."""
    return text.translate(_TABLE) if _ANY.search(text) else text
