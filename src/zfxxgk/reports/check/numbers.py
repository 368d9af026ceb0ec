"""Narrative against the tables (spec §8.2 T4-NARR, §8.4 W-NARR-REQ, §8.5 W-NARR-NUM,
W-NARR-SUM, W-CONTRA). Regexes run on the NFKC text (so ，；： are , ; :).

One id per situation:
* W-NARR-REQ — a stated count of applications differs from table 三 总计: received (R01),
  carried over (R02), carried forward (R25).
* W-NARR-NUM — other stated counts differ: answered/办结 (R24), 行政复议 / 行政诉讼 cases (table 四).
* W-CONTRA — a qualitative claim about applications contradicts table 三: "未收到…申请" while
  R01 > 0; "所有申请均已办结" while R25 > 0.
* T4-NARR — "无…行政复议、行政诉讼" while table 四 has cases (its own id in spec §8.2).
* W-NARR-SUM — a stated total and the parts listed right after it (no table involved).

Counts may be written in Chinese numerals ("收到申请两件", "一百零三件", "〇件": numerals.arabic)
or as "无" closing the clause ("结转下年度继续办理：无" = 0); messages quote the sentence as printed.
"""
from __future__ import annotations

import re

from .context import SECTION_ORDER, Context, display, sentences
from .findings import Rule
from .names import cell_label, fmt_num
from .numerals import arabic

_T = "requests.{}.total"
# A sentence about information-disclosure applications, not about petitions, proposals,
# reviews or licences (a 司法局 counts 行政复议 cases as its own business).
_NOT_REQUESTS = re.compile(r"复议|诉讼|起诉|建议|提案|政务服务|审批|许可|办件")
_GAP = r"[^。;,\d]"
# a count: N件, or "无" ending the clause ("上年结转：无")
_COUNT = r"(?:(?P<n>\d+)件|(?P<none>无)(?=[。;,!?\n]|$))"

_RECEIVED = re.compile(rf"(?<!未)(?<!没有)(?:本年度?新收到?|新收到?|共?收到|共?受理|共?接收)(?P<mid>{_GAP}{{0,20}}?)申请(?!人)(?P<mid2>{_GAP}{{0,8}}?){_COUNT}")
_CARRIED_OVER = re.compile(rf"上一?年度?结转(?P<mid>{_GAP}{{0,15}}?){_COUNT}")
_CARRIED_FORWARD = re.compile(rf"(?:结转|转入)(?:至|到)?下一?年度?(?:继续)?(?:办理)?(?P<mid>{_GAP}{{0,8}}?){_COUNT}")
_ANSWERED = re.compile(rf"(?<!未)(?:办结|办理完毕|办理完成|作出答复|答复)(?P<mid>{_GAP}{{0,10}}?){_COUNT}")
_APPEALS = re.compile(rf"(?P<kind>行政复议|行政诉讼)(?P<mid>{_GAP}{{0,8}}?)(?:(?P<n>\d+)(?:件|起|宗)|(?P<none>无)(?=[。;,!?\n]|$))")

# "未收到…申请", "无…申请", and none said with a numeral: "零申请", "申请数量为零"
_NO_REQUESTS = re.compile(r"(?:未|没有)(?:收到|受理|接到|接收)(?P<mid>[^。;,]{0,15}?)申请(?!人)|无(?:政府信息公开|依申请公开|信息公开)申请"
                          r"|(?<![\d.])[零〇]申请|申请(?:数量?|总数|总量|件数)(?:为|是)(?:[零〇]|0件?)(?![\d.])")
_ALL_DONE = re.compile(r"(?:所有|全部|均|悉数)(?P<mid>[^。;,]{0,10}?)(?:办结|办理完毕|办理完成|答复完毕|已答复|予以答复)"
                       r"|(?:无|没有|不存在)(?:需要?)?(?:结转(?:至|到)?下一?年度?|转入下一?年度?|跨年度?办理)")
_NO_APPEALS = re.compile(r"(?:无|没有|未发生|未出现|未有|未)(?!论)(?P<mid>[^。;,]{0,30}?)(?:行政复议|行政诉讼)")
# "未经复议直接提起行政诉讼2件", "尚未审结的行政复议1件" describe cases, they do not deny them
_NOT_DENIAL = re.compile(r"^经|审结|结案|办结|纠正|维持|判决|\d")


def _clause(sent: str, m: re.Match) -> str:
    """The comma-delimited clause around a match."""
    start = max(sent.rfind(c, 0, m.start()) for c in ",;:") + 1
    ends = [i for i in (sent.find(c, m.end()) for c in ",;:。") if i >= 0]
    return sent[start:min(ends) if ends else len(sent)]


def _sentences(ctx: Context) -> list[tuple[str, str, str]]:
    """(section key, sentence with counts in digits, sentence as printed) in reading order."""
    def compute():
        return [(key, arabic(sent), sent) for key in SECTION_ORDER for sent in sentences(ctx.texts.get(key, ""))]
    return ctx.memo("numbers.sentences", compute)


def _number(m: re.Match) -> int:
    return 0 if m.group("none") else int(m.group("n"))


def _matches(ctx: Context, regex, *, strict: bool = True):
    """(match, sentence, printed sentence) for ``regex`` in clauses about disclosure applications —
    not about petitions, proposals, reviews or licences (a 司法局 handles 行政复议 as its own
    business). ``strict``: the sentence must mention 申请 (needed for generic verbs such as 答复)."""
    for _, sent, printed in _sentences(ctx):
        if strict and "申请" not in sent:
            continue
        for m in regex.finditer(sent):
            if not _NOT_REQUESTS.search(_clause(sent, m)):
                yield m, sent, printed


def _quote(sent: str) -> str:
    return display(sent)


def _stated(ctx: Context, regex, *, exclude=r"复议|诉讼", strict=True) -> list[tuple[int, str]]:
    """Numbers the narrative states with ``regex``; the carry phrases are specific enough to
    need no 申请 in the sentence (``strict=False``)."""
    out = []
    for m, _, printed in _matches(ctx, regex, strict=strict):
        mid = m.group("mid") + (m.groupdict().get("mid2") or "")
        if not re.search(exclude, mid):
            out.append((_number(m), printed))
    return out


def _dedupe(items):
    seen = set()
    for n, sent in items:
        if n not in seen:
            seen.add(n)
            yield n, sent


def check_request_numbers(ctx: Context, rule: Rule):
    """W-NARR-REQ — "收到…申请N件", "上年结转N件", "结转下年度继续办理N件" equal R01/R02/R25 总计
    (PRACTICE, spec §8.4). "收到…N件" may count the carried-over ones too ("共收到申请15件，
    含上年结转2件"), so R01 + R02 is accepted for it."""
    r01, r02, r25 = (ctx.cell(_T.format(k)) for k in ("new_received", "carried_over", "carried_forward"))
    checks = (
        (_RECEIVED, r01, "一、本年新收政府信息公开申请数量", "new_received", r"复议|诉讼|结转"),
        (_CARRIED_OVER, r02, "二、上年结转政府信息公开申请数量", "carried_over", r"复议|诉讼"),
        (_CARRIED_FORWARD, r25, "四、结转下年度继续办理", "carried_forward", r"复议|诉讼"),
    )
    for regex, cell, label, key, exclude in checks:
        if cell is None:
            continue
        accepted = {cell.value}
        if key == "new_received" and r02 is not None:
            accepted.add(cell.value + r02.value)
        for n, sent in _dedupe(_stated(ctx, regex, exclude=exclude, strict=key == "new_received")):
            if n in accepted:
                continue
            path = _T.format(key)
            yield rule.finding(f"正文“{_quote(sent)}”称{n}件，而 表三 “{label}”总计 = {fmt_num(cell.value)}",
                               [path], {path: cell.value, "narrative": n})


def check_other_numbers(ctx: Context, rule: Rule):
    """W-NARR-NUM — "办结/答复N件" = R24 总计; "行政复议N件" = 行政复议 总计; "行政诉讼N件" =
    the two litigation 总计 together (PRACTICE, spec §8.5)."""
    r24 = ctx.cell(_T.format("total"))
    if r24 is not None:
        for n, sent in _dedupe(_stated(ctx, _ANSWERED, exclude=r"复议|诉讼|结转|上年|率")):
            if n != r24.value:
                path = _T.format("total")
                yield rule.finding(f"正文“{_quote(sent)}”称办结/答复{n}件，而 表三 “（七）总计”总计 = {fmt_num(r24.value)}",
                                   [path], {path: r24.value, "narrative": n})
    groups = {
        "行政复议": ["appeals.reconsideration.total"],
        "行政诉讼": ["appeals.litigation_direct.total", "appeals.litigation_after_reconsideration.total"],
    }
    seen = set()
    for key, sent, printed in _sentences(ctx):
        # only sentences about disclosure cases: a 司法局 also handles 行政复议 as its business
        if key != "appeals" and "信息公开" not in sent:
            continue
        for m in _APPEALS.finditer(sent):
            if re.search(r"维持|纠正|审结|结果|其中", m.group("mid")):
                continue
            kind, n = m.group("kind"), _number(m)
            cells = ctx.cells(groups[kind])
            if cells is None or (kind, n) in seen:
                continue
            seen.add((kind, n))
            table = sum(c.value for c in cells)
            if n != table:
                where = "行政复议 总计" if kind == "行政复议" else "未经复议直接起诉 总计 + 复议后起诉 总计"
                yield rule.finding(f"正文“{_quote(printed)}”称{kind}{n}件，而 表四 {where} = {fmt_num(table)}",
                                   groups[kind], {**{p: c.value for p, c in zip(groups[kind], cells)}, "narrative": n})


def check_contradictions(ctx: Context, rule: Rule):
    """W-CONTRA — "未收到…申请" ("零申请", "申请数量为零") while R01 > 0; "所有申请均已办结" or
    "无结转下年度…" while R25 > 0 (spec §8.5)."""
    r01, r25 = ctx.cell(_T.format("new_received")), ctx.cell(_T.format("carried_forward"))
    if r01 is not None and r01.value > 0:
        hit = next((printed for _, sent, printed in _sentences(ctx) for m in _NO_REQUESTS.finditer(sent)
                    if not re.search(r"复议|诉讼|起诉|建议|提案", m.group("mid") or "")), None)
        if hit:
            path = _T.format("new_received")
            yield rule.finding(f"正文“{_quote(hit)}”称未收到申请，而 表三 “一、本年新收政府信息公开申请数量”总计 = {fmt_num(r01.value)}",
                               [path], {path: r01.value})
    if r25 is not None and r25.value > 0:
        # "上年结转的申请均已办结" speaks of last year's cases only
        hit = next((printed for m, sent, printed in _matches(ctx, _ALL_DONE)
                    if m.group("mid") is None or not re.search(r"结转|上年", sent) and not re.search(r"未|不|尚", m.group("mid"))), None)
        if hit:
            path = _T.format("carried_forward")
            yield rule.finding(f"正文“{_quote(hit)}”称申请均已办结，而 表三 “四、结转下年度继续办理”总计 = {fmt_num(r25.value)}",
                               [path], {path: r25.value})


def check_no_appeals(ctx: Context, rule: Rule):
    """T4-NARR — "无因政府信息公开工作被申请行政复议、行政诉讼" while table 四 has cases
    (PRACTICE, seed wording, spec §8.2). Only the kinds the sentence names are compared."""
    for key, sent, printed in _sentences(ctx):
        for m in _NO_APPEALS.finditer(sent):
            if _NOT_DENIAL.search(m.group("mid")):
                continue
            clause = sent[m.start():]
            clause = re.split(r"[。;,]", clause, maxsplit=1)[0]
            if key != "appeals" and "信息公开" not in sent and "被" not in clause:
                continue
            paths = []
            if "复议" in clause:
                paths.append("appeals.reconsideration.total")
            if "诉讼" in clause or "起诉" in clause:
                paths += ["appeals.litigation_direct.total", "appeals.litigation_after_reconsideration.total"]
            cells = ctx.cells(paths)
            if not paths or cells is None:
                continue
            nonzero = {p: c.value for p, c in zip(paths, cells) if c.value != 0}
            if nonzero:
                listed = "，".join(f"{cell_label(p).replace('表四 ', '')} = {fmt_num(v)}" for p, v in nonzero.items())
                yield rule.finding(f"正文“{_quote(printed)}”称无行政复议/行政诉讼，而 表四 {listed}",
                                   list(nonzero), nonzero)
            break


# --- W-NARR-SUM ----------------------------------------------------------------------------

_TOTAL = re.compile(r"(?:累计|共计|合计|总计|(?<!公)共(?!同|享|建|性|识|产))(?P<what>[^。;,\d]{0,25}?)(?P<n>\d+)(?P<unit>条|件|篇|次|项|个|期)(?!以上|余|多)")
_PART = re.compile(r"^(?P<label>[^\d]*?)(?P<n>\d+)(?P<unit>条|件|篇|次|项|个|期)(?P<etc>等)?[^\d]{0,6}$")
_APPROX = re.compile(r"\d+(?:余|多)|约\d|近\d|各\d")


def _parts(region: str, unit: str):
    """The run of clauses right at the start of ``region`` that each end in N<unit>.
    Returns (numbers, open_ended, clean): open_ended when the list ends in 等; clean is
    False when the region is ambiguous (approximate numbers, 各, parts after a gap)."""
    clauses = [c for c in re.split(r"[,、;:]", region) if c]
    nums, open_ended = [], False
    i = 0
    for i, clause in enumerate(clauses):
        m = _PART.match(clause)
        if not m or m.group("unit") != unit or re.search(r"\d", m.group("label")):
            break
        nums.append(int(m.group("n")))
        if m.group("etc"):
            open_ended = True
            i += 1
            break
    else:
        i = len(clauses)
    rest = clauses[i:]
    clean = not _APPROX.search(region) and not any(
        (m := _PART.match(c)) and m.group("unit") == unit for c in rest)
    return nums, open_ended, clean


def check_stated_sums(ctx: Context, rule: Rule):
    """W-NARR-SUM — "累计公开发布政府信息48条。…公开指南1条，政务公开27条，…": the listed parts
    with the same unit add up to the stated total (PRACTICE, spec §8.5; seeds 000, 002).
    A list ending in 等 may be partial: then only parts exceeding the total are flagged."""
    for key, text in ctx.texts.items():
        printed = sentences(text)
        sents = [arabic(s) for s in printed]
        for idx, sent in enumerate(sents):
            for m in _TOTAL.finditer(sent):
                total, unit = int(m.group("n")), m.group("unit")
                region = sent[m.end():].rstrip("。\n")
                nums, open_ended, clean = _parts(region, unit)
                if not nums and idx + 1 < len(sents) and not re.search(r"\d", region):
                    region = sents[idx + 1].rstrip("。\n")
                    nums, open_ended, clean = _parts(region, unit)
                if len(nums) < 2 or not clean:
                    continue
                got = sum(nums)
                if got == total or (open_ended and got < total):
                    continue
                shown = "+".join(str(n) for n in nums)
                yield rule.finding(f"正文称共{total}{unit}，但随后列出的各项之和 = {shown} = {got}{unit}（“{_quote(printed[idx])}”）",
                                   [], {"stated_total": total, "parts": nums, "sum": got, "section": key})
