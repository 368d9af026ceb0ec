"""Whole-document rules: the six sections (W-SECTIONS), the format version for the year
(W-VERSION), the publication deadline (W-DEADLINE) and the report's agency and year (W-META)."""
from __future__ import annotations

from datetime import date

from ...standard import format2021 as f21
from .context import Context, display, normalise

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
    basis = _date_basis(ctx)
    yield rule.finding(f"报告发布日期{ctx.published_on.isoformat()}晚于法定期限{due.isoformat()}"
                       f"（条例第四十九条，{who}）{basis}", [],
                       {"published_on": ctx.published_on.isoformat(), "deadline": due.isoformat()})


def _date_basis(ctx: Context) -> str:
    """Which printed date the publication date is: the reader's chosen reading, when the date is
    the document's own (not one passed in by the caller)."""
    if ctx.published_on != ctx.doc.published_on:
        return ""
    chosen = next((e for e in ctx.doc.evidence if e.item == "published_on" and e.chosen), None)
    if chosen is None:
        return ""
    name = _source_zh(chosen.source)
    if chosen.source == "field_published":
        return f"；依据{name}"
    return f"；未见发布日期，依据{name}（发布不早于成文）"


def _source_zh(source: str) -> str:
    from ..read.meta.evidence import SOURCES  # the reader's names of its sources

    return SOURCES.get(source, (0, source))[1]


def check_meta(ctx: Context, rule):
    """W-META — the report's agency and year: missing (no source states them, or no candidate is
    an organ's name) or stated differently by sources of weight (spec §6: agency and year are
    the keys an audit sorts and pairs years by)."""
    doc = ctx.doc
    if not doc.agency:
        rejected = list(dict.fromkeys((e.value, e.source) for e in doc.evidence if e.item == "agency" and e.rejected))
        if rejected:
            shown = "、".join(f"“{display(str(v), 20)}”（{_source_zh(s)}）" for v, s in rejected[:3])
            msg = f"未能识别报告机关：{shown}不是机关名称，机关名称留空"
        else:
            msg = "未能识别报告机关：标题、页面字段、首段和落款均未写明机关名称"
        yield rule.finding(msg, [], {"item": "agency", "rejected": [v for v, _ in rejected]})
    if not doc.year:
        yield rule.finding("未能识别报告年度：标题、页面字段、首段和统计期限均未写明报告年度", [], {"item": "year"})
    for item, label in (("agency", "报告机关"), ("year", "报告年度")):
        chosen = [e for e in doc.evidence if e.item == item and e.chosen]
        if not chosen:
            continue
        strong = {}
        for e in doc.evidence:
            if e.item == item and not e.chosen and not e.rejected and e.weight >= 0.5:
                strong.setdefault(e.value, []).append(e)
        if item == "agency":  # spellings of one organ (沐阳/沭阳) are no conflict
            strong = {v: es for v, es in strong.items() if (doc.agency_normalised or doc.agency) not in (v, _normalised(v))}
        if strong:
            unit = "年" if item == "year" else ""
            other = "；".join(f"{v}{unit}（{'、'.join(dict.fromkeys(_source_zh(e.source) for e in es))}）" for v, es in strong.items())
            took = "、".join(dict.fromkeys(_source_zh(e.source) for e in chosen))
            yield rule.finding(f"{label}的来源不一致：采用{chosen[0].value}{unit}（{took}），另有{other}", [],
                               {"item": item, "chosen": chosen[0].value, "others": list(strong)})


def _normalised(name):
    from ..read.meta.divisions import normalise

    return normalise(name)
