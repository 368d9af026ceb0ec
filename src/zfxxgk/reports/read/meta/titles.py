"""What a report's title looks like, wherever it is printed (a title line, a 标题 field, a page's
<title>, an attachment's file name, a citation in the first paragraph)."""
from __future__ import annotations

import re

# "XX局2024年政府信息公开工作年度报告", "2024年XX局…", "XX局关于2024年度政府信息公开工作的年度报告",
# "…政务公开和政府信息公开工作情况的报告".
TITLE = re.compile(r"^(?P<a>.*?)(?:关于)?(?P<y>(?:19|20)\d{2})\s*年度?(?P<b>.*?)(?:政府)?信息公开(?:工作)?(?:情况)?的?(?:年度)?(?:报告|年报)")
# "某局政府信息公开工作年度报告（2024年度）": the year after the title.
TITLE_YEAR_AFTER = re.compile(r"^(?P<a>.*?)(?P<b>)(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)\s*[（(]\s*(?P<y>(?:19|20)\d{2})\s*年?度?\s*[)）]$")
# Field labels of a CMS metadata block ("名称：XX局2024年…报告") and Chinese-numeral years (二〇二四年).
FIELD = re.compile(r"^(?:名称|标题|题目|文件名称|信息名称|文章标题)[:：]")
_CN_YEAR = re.compile(r"[一二][〇零○Ｏ一二三四五六七八九]{3}(?=年)")
_CN_DIGITS = str.maketrans("〇零○Ｏ一二三四五六七八九", "0000123456789")


def title_match(text: str):
    """(text, match) when the text reads as a report title, else None."""
    text = FIELD.sub("", "".join(text.split()))
    if "年" in text:
        text = _CN_YEAR.sub(lambda m: m.group().translate(_CN_DIGITS), text)
    m = TITLE.search(text) or TITLE_YEAR_AFTER.search(text)
    return (text, m) if m else None


def whole(text: str, m) -> bool:
    """Nothing follows 报告 — a title line rather than a link with its date after it."""
    return m.end() == len(text)


def agency_part(m) -> str:
    return (m.group("a") or m.group("b") or "").strip("关于的")
