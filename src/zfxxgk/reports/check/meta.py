"""Whole-document rules: the six sections (W-SECTIONS), the format version for the year
(W-VERSION) and the publication deadline (W-DEADLINE)."""
from __future__ import annotations

from datetime import date

from ...standard import format2021 as f21
from .context import Context, normalise

# A section counts as present when its text was read or, for 二/三/四, its table was.
_TABLE_PREFIX = {"proactive": ("active.", "t2_2019."), "requests": ("requests.",), "appeals": ("appeals.",)}
_BY_NUMBER = {s.number: s.key for s in f21.SECTIONS}
_BY_HEADING = {normalise(s.heading): s.key for s in f21.SECTIONS}


def found_keys(found) -> list[str]:
    """``doc.headings_found`` as section keys, whatever the reader put there: keys
    ("overview"), numbers ("一") or heading text ("一、总体情况", variants of spec §2.1)."""
    keys = []
    for item in found or ():
        text = str(item)
        norm = normalise(text)
        key = text if text in f21.SECTION_KEYS else _BY_NUMBER.get(norm) or _BY_HEADING.get(norm)
        if key is None:
            key = next((s.key for s in f21.SECTIONS
                        if s.heading[2:] in norm or any(normalise(v) in norm for v in s.variants)), None)
        if key is not None:
            keys.append(key)
    return keys


def check_sections(ctx: Context, rule):
    """W-SECTIONS — all six headings of 第五十条 / the 2021 format, in order (spec §2.1)."""
    found = getattr(ctx.doc, "headings_found", None)
    if found is not None:
        keys = found_keys(found)
        present = set(keys)
    else:
        keys = None
        present = {k for k in f21.SECTION_KEYS if (ctx.doc.sections.get(k) or "").strip()}
        present |= {k for k, prefixes in _TABLE_PREFIX.items() if any(p.startswith(prefixes) for p in ctx.doc.cells)}
    missing = [s for s in f21.SECTIONS if s.key not in present]
    if missing:
        names = "；".join(s.heading for s in missing)
        yield rule.finding(f"缺少第{'、'.join(s.number for s in missing)}部分：{names}", [],
                           {"missing": [s.key for s in missing]})
    if keys:
        order = [k for k in dict.fromkeys(keys)]
        if order != sorted(order, key=f21.SECTION_KEYS.index):
            shown = "、".join(f21.SECTIONS[f21.SECTION_KEYS.index(k)].number for k in order)
            yield rule.finding(f"各部分顺序不符合格式要求：{shown}", [], {"order": order})


def check_version(ctx: Context, rule):
    """W-VERSION — report years from 2021 use the 2021 tables (国办公开办函〔2021〕30号); 2019 and
    2020 the 2019 试行 tables (spec §1.2, §9)."""
    year, fmt = ctx.year, ctx.fmt
    if not year:
        return
    zh = {f21.FORMAT_2021: "2021年格式", f21.FORMAT_2019: "2019年试行格式", f21.FORMAT_PRE2019: "2019年以前的自定格式"}
    if year >= 2021 and fmt != f21.FORMAT_2021:
        want = f21.FORMAT_2021
    elif year in (2019, 2020) and fmt != f21.FORMAT_2019:
        want = f21.FORMAT_2019
    else:
        return
    yield rule.finding(f"{year}年度报告使用了{zh.get(fmt, fmt)}的表格，应使用{zh[want]}", [],
                       {"year": year, "format": fmt, "expected_format": want})


def deadline(ctx: Context) -> date | None:
    """第四十九条: departments publish by 1月31日, the 本级政府 report by 3月31日 of Y+1."""
    if not ctx.year:
        return None
    return date(ctx.year + 1, 3, 31) if ctx.is_government else date(ctx.year + 1, 1, 31)


def check_deadline(ctx: Context, rule):
    """W-DEADLINE — only when the publication date is known (spec §1.3, §13 #1). Local
    deadlines may be earlier; this applies the statutory one."""
    due = deadline(ctx)
    if ctx.published_on is None or due is None or ctx.published_on <= due:
        return
    who = "本级人民政府年度报告" if ctx.is_government else "政府部门年度报告"
    yield rule.finding(f"报告发布日期{ctx.published_on.isoformat()}晚于法定期限{due.isoformat()}"
                       f"（条例第四十九条，{who}）", [],
                       {"published_on": ctx.published_on.isoformat(), "deadline": due.isoformat()})
