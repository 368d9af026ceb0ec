"""Narrative rules that need no table arithmetic (spec §8.4, §8.5, §12.6, §13):
the year spoken of, section 五, the 信息处理费 statement in 六, outdated citations and the
stated statistical period. Regexes run on NFKC text (，；：（） are , ; : ( ))."""
from __future__ import annotations

import re

from ...standard import format2021 as f21
from .context import SECTION_ORDER, Context, display
from .meta import found_keys
from .names import fmt_num

# --- W-YEAR ---------------------------------------------------------------------------------

# "2024年，我局…" — a year followed by the agency speaking of itself.
_SUBJECT = r"(?:我|本|全)(?:局|委|办|院|厅|部|署|会|中心|单位|机关|镇|乡|街道|区|县|市|州|省|所|站|队|系统)|我们"
_PLAN = re.compile(r"将|计划|拟|要|力争|预计|继续|下一步|打算")
_LOOK_BACK = re.compile(r"(?:针对|对照|较|比|相比|同比|与|截至|截止|自|从|延续|总结)$")


def check_year(ctx: Context, rule):
    """W-YEAR — the report speaks of its own year's work as another year (spec §8.5), e.g. a
    2023 report saying "2024年，我局累计公开…". Plans for a later year ("2025年，我局将…")
    and look-backs ("针对2023年存在问题") are not the report's work and are ignored."""
    year = ctx.year
    if not year:
        return
    subject = _SUBJECT + (f"|{re.escape(ctx.agency_norm)}" if ctx.agency_norm else "")
    regex = re.compile(rf"(?<!\d)(?P<y>20\d\d)年度?(?P<since>以来)?(?:全年|内)?[,:]?(?:{subject})")
    seen = set()
    for _, sent in ctx.section_sentences():
        for m in regex.finditer(sent):
            y = int(m.group("y"))
            if y == year or y in seen:
                continue
            after = sent[m.end():m.end() + 12]
            before = sent[max(0, m.start() - 6):m.start()]
            if y > year and _PLAN.search(after):
                continue
            if y < year and (m.group("since") or _LOOK_BACK.search(before)):  # "2023年以来" covers Y
                continue
            seen.add(y)
            quote = display(sent)
            yield rule.finding(f"正文“{quote}”以{y}年叙述本机关工作，而本报告年度为{year}年",
                               [], {"year": year, "narrative_year": y})


# --- W-SEC5 --------------------------------------------------------------------------------

_PUNCT = re.compile(r"[\s。.,;:、!?()（）\"“”]")


def _bare(text: str) -> str:
    text = re.sub(r"^[五六][、.]", "", text)  # seed 004 repeats "六、" in the body
    return _PUNCT.sub("", text)


def _section_present(ctx: Context, key: str) -> bool:
    found = getattr(ctx.doc, "headings_found", None)
    if found is not None:
        return key in found_keys(found)
    return key in ctx.doc.sections


def check_problems_section(ctx: Context, rule):
    """W-SEC5 — 第五十条(四) requires the main problems and improvements; a section 五 that is
    empty, "无" or under 10 characters does not report them (spec §8.5). A missing heading is
    W-SECTIONS' case."""
    if not _section_present(ctx, "problems"):
        return
    bare = _bare(ctx.text("problems"))
    if len(bare) < 10 or bare in ("无", "暂无", "没有"):
        shown = display(ctx.text("problems")) or "（空）"
        yield rule.finding(f"第五部分“存在的主要问题及改进情况”内容过少：“{shown}”（{len(bare)}字）",
                           [], {"length": len(bare)})


# --- 信息处理费 in section 六 (spec §12.6) -------------------------------------------------------

_FEE_WORDS = re.compile(r"信息处理费|处理费|收费")
_NO_NOTICE = re.compile(r"(?:未|没有|无)(?:发出|发送|送达|下发|开具|出具)?[^。;,]{0,6}?收费通知")


def check_fee_statement(ctx: Context, rule):
    """W-FEE-1 — the 2021 template puts "收取信息处理费情况在此处报告" under 六 (spec §8.4);
    the section must say whether 信息处理费 was charged. Reports in the 2019 试行 format predate
    the fee (国办函〔2020〕109号, in force from 2021) and its template line."""
    if ctx.fmt != f21.FORMAT_2021:
        return
    other = ctx.text("other")
    if not _FEE_WORDS.search(other):
        shown = display(other, 40) or "（空）"
        yield rule.finding(f"第六部分“其他需要报告的事项”未说明信息处理费收取情况：“{shown}”", [], {})


def check_fee_notice(ctx: Context, rule):
    """W-FEE-2 — R22 counts applications dropped after a 收费通知 went unpaid (国办函〔2020〕109号,
    spec §12.4), so R22 > 0 means notices were sent; "未发出收费通知" contradicts it."""
    cell = ctx.cell("requests.other_no_fee_payment.total")
    if cell is None or cell.value <= 0:
        return
    m = _NO_NOTICE.search(ctx.text("other"))
    if m:
        path = "requests.other_no_fee_payment.total"
        yield rule.finding(f"第六部分称“{display(m.group(0))}”，而 表三 “（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用…”总计 = "
                           f"{fmt_num(cell.value)}（有此项即发出过收费通知）", [path], {path: cell.value})


def check_fee_amount(ctx: Context, rule):
    """W-FEE-3 — table 二 shows fees charged while section 六 says only "无" (spec §8.5)."""
    cell = ctx.cell("active.fees_wan_yuan")
    if cell is None or cell.value <= 0:
        return
    if "other" in ctx.texts and _bare(ctx.text("other")) in ("无", "暂无", "没有"):
        path = "active.fees_wan_yuan"
        yield rule.finding(f"表二 行政事业性收费 本年收费金额 = {fmt_num(cell.value)}万元，而第六部分只写“无”",
                           [path], {path: cell.value})


# --- W-CITE, W-PERIOD ----------------------------------------------------------------------

_B_OPEN, _B_CLOSE = r"[〔【\[(﹝]", r"[〕】\])﹞]"
_OLD_REGULATION = re.compile(r"国务院令第492号")
_NEW_REGULATION = re.compile(r"国务院令第711号")
_NOTICE_2019 = re.compile(rf"关于政府信息公开工作年度报告有关事项的通知|国办公开办函{_B_OPEN}2019{_B_CLOSE}60号")


def check_citations(ctx: Context, rule):
    """W-CITE — the regulation in force is the 2019 revision (国务院令第711号, spec §1.1); from
    report year 2021 the format is 国办公开办函〔2021〕30号, not the 2019 notice (spec §1.2, §13 #7)."""
    text = ctx.full_text
    if _OLD_REGULATION.search(text) and not _NEW_REGULATION.search(text):
        yield rule.finding("正文引用已失效的《政府信息公开条例》（国务院令第492号），现行条例为国务院令第711号", [], {})
    if ctx.year and ctx.year >= 2021:
        m = _NOTICE_2019.search(text)
        if m:
            yield rule.finding(f"{ctx.year}年度报告引用2019年格式通知（“{display(m.group(0))}”），"
                               "2021年起应依据国办公开办函〔2021〕30号", [], {"year": ctx.year})


_PERIOD = re.compile(r"统计(?:期限|时限|时间|期间|区间|时段|周期|范围)(?:为|是|:|从|自)*"
                     r"(?P<a>\d{4})年(?P<b>\d{1,2})月(?P<c>\d{1,2})日(?:起)?(?:至|到|-|—|~|〜)"
                     r"(?P<d>\d{4})年(?P<e>\d{1,2})月(?P<f>\d{1,2})日")


def check_period(ctx: Context, rule):
    """W-PERIOD — the statistical period is the calendar year (spec §2.4; DB51/T 2660 2.1)."""
    if not ctx.year:
        return
    m = _PERIOD.search(ctx.full_text)
    if not m:
        return
    got = tuple(int(m.group(k)) for k in "abcdef")
    want = (ctx.year, 1, 1, ctx.year, 12, 31)
    if got != want:
        stated = f"{got[0]}年{got[1]}月{got[2]}日至{got[3]}年{got[4]}月{got[5]}日"
        yield rule.finding(f"正文所列统计期限为{stated}，应为{ctx.year}年1月1日至{ctx.year}年12月31日",
                           [], {"year": ctx.year, "stated": stated})


# --- N-PLACEHOLDER -------------------------------------------------------------------------

# What a template leaves for a person to fill: 【请据实填写】, （此处填写…）, "XX件", "××局".
_PLACEHOLDER = re.compile(
    r"【[^】]{0,30}(?:填写|填报|补充|填入|待定|待补)[^】]{0,30}】"
    r"|[(（][^)）]{0,10}(?:此处|请)(?:填写|填报|补充)[^)）]{0,30}[)）]"
    r"|(?<![A-Za-z0-9])(?:XX|xx|××)+(?![A-Za-z0-9])"
)


def check_placeholders(ctx: Context, rule):
    """N-PLACEHOLDER — a template's blank left unfilled in the text (国办公开办函〔2021〕30号 asks for
    accurate, complete reports and names 敷衍塞责; spec §13): one finding per section."""
    for key in SECTION_ORDER:
        text = ctx.text(key)
        found = [m.group(0) for m in _PLACEHOLDER.finditer(text)]
        if found:
            shown = "、".join(f"“{display(s, 20)}”" for s in dict.fromkeys(found))
            yield rule.finding(f"{_section_name(key)}留有未填写的模板内容：{shown}", [], {"section": key, "placeholders": found})


def _section_name(key: str) -> str:
    section = next((s for s in f21.SECTIONS if s.key == key), None)
    return f"第{section.number}部分" if section else "报告开头"
