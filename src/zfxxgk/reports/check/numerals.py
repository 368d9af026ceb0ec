"""Counts written in Chinese numerals, as the narrative rules read them: "收到申请两件",
"十二件", "一百零三件", "〇件", "一万二千条" become "2件", "12件", "103件", "0件", "12000条".

Only a run of numerals directly before a counting unit (optionally with 余/多 between) is
rewritten, so "一是", "统一", "第一次" and headings stay as they are; adjacent digits without
十/百/千/万 ("三五件", "一两件") are an approximate range and stay too. The value of a run comes
from cn2an (maintained; handles 两, 〇/零, 十 without 一, 万/亿) — the context that makes a run
a count is ours. Full-width digits need nothing here: the
narrative is NFKC-normalised (context.normalise), which makes "１２" "12".
"""
from __future__ import annotations

import re
from functools import lru_cache

_NUMERALS = "零〇一二两三四五六七八九十百千万亿"
# units of the counts the rules compare (件 applications, 起/宗 cases, 条/篇/… publications)
UNITS = "件起宗条篇次项个期份"
_RUN = re.compile(rf"(?<![第{_NUMERALS}])(?P<run>[{_NUMERALS}]+)(?=(?:余|多)?[{UNITS}])")


_POSITIONAL = set("十百千万亿")


@lru_cache(maxsize=4096)
def _value(run: str) -> int | None:
    if len(run) > 1 and not _POSITIONAL & set(run):
        return None  # "三五件", "一两件", "七八个": a range, not 35, 12, 78 (cn2an would read digit by digit)
    import cn2an  # imported on first use: 0.3 s, only when a report writes counts in words

    try:
        value = cn2an.cn2an(run, "smart")
    except ValueError:  # not a number ("万件" alone, "九九八十一" …): left as written
        return None
    return int(value) if float(value).is_integer() else None


def arabic(text: str) -> str:
    """``text`` with every Chinese-numeral count before a unit written in digits."""
    if not any(c in _NUMERALS for c in text):
        return text

    def sub(m: re.Match) -> str:
        value = _value(m.group("run"))
        return m.group(0) if value is None else str(value)

    return _RUN.sub(sub, text)
