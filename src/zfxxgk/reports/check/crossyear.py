"""Rules comparing a report with the same agency's previous report (spec §8.1 T3-XYEAR,
§8.3 T2-ROLL, §8.4 W-CLONE), and W-CLONE also with the same year's reports of other agencies
of the county (``siblings``). Without ``previous`` and siblings they do nothing."""
from __future__ import annotations

import re
from functools import lru_cache

from ...standard import format2021 as f21
from ..model import ReportDocument
from .context import Context, normalise, sentences
from .findings import Rule
from .names import TABLE_ZH, column_label, fmt_num


def _consecutive(ctx: Context) -> bool:
    prev = ctx.previous
    if prev is None:
        return False
    # years unknown on either side: trust the caller that ``previous`` is Y−1
    return not (ctx.year and prev.year) or prev.year == ctx.year - 1


def check_carry_over(ctx: Context, rule: Rule):
    """T3-XYEAR — what was carried forward at the end of Y−1 is what is carried over into Y:
    R02(Y) = R25(Y−1), for 总计 always and for each applicant column when both reports fill
    them (PRACTICE "跨年度结转", spec §8.1; not an official rule, hence a warning)."""
    if not _consecutive(ctx):
        return
    prev = ctx.previous
    for col in f21.COLUMN_KEYS:
        here_p, prev_p = f"requests.carried_over.{col}", f"requests.carried_forward.{col}"
        here, before = ctx.cell(here_p), prev.cells.get(prev_p)
        if here is None or before is None:
            continue
        if col != "total" and not (_full_columns(ctx.doc) and _full_columns(prev)):
            continue
        if here.value == before.value:
            continue
        msg = (f"表三 {column_label(col)}列：本年“二、上年结转政府信息公开申请数量” = {fmt_num(here.value)}，"
               f"而 {prev.year or '上'}年报告“四、结转下年度继续办理” = {fmt_num(before.value)}")
        yield rule.finding(msg, [here_p], {here_p: here.value, f"previous.{prev_p}": before.value},
                           blank=here.flagged or before.flagged)


def _full_columns(doc) -> bool:
    """Both carry rows have every applicant column, and not all of them blank (spec §8.1)."""
    cells = [doc.cells.get(f"requests.{r}.{c}") for r in ("carried_over", "carried_forward") for c in f21.APPLICANT_KEYS]
    return all(c is not None for c in cells) and not all(c.flagged for c in cells)


def check_in_force_roll(ctx: Context, rule: Rule):
    """T2-ROLL — 现行有效(Y) = 现行有效(Y−1) + 本年制发(Y) − 本年废止(Y). A heuristic only: it
    fails legitimately on lapse (失效), 清理 or a change of scope (spec §8.3), so it is info."""
    prev = ctx.previous
    if not _consecutive(ctx) or ctx.fmt != f21.FORMAT_2021 or prev.format != f21.FORMAT_2021:
        return
    for item in f21.ACTIVE_ITEMS[:2]:
        paths = [f"active.{item.key}.{m}" for m in ("made", "repealed", "in_force")]
        cells = ctx.cells(paths)
        before = prev.cells.get(f"active.{item.key}.in_force")
        if cells is None or before is None:
            continue
        made, repealed, in_force = (c.value for c in cells)
        expected = before.value + made - repealed
        if expected == in_force:
            continue
        msg = (f"表二 {item.label}：上年现行有效 {fmt_num(before.value)} + 本年制发 {fmt_num(made)} − 本年废止 "
               f"{fmt_num(repealed)} = {fmt_num(expected)}，而 本年现行有效件数 = {fmt_num(in_force)}"
               "（差额未说明，可能因自然失效、清理或职能调整）")
        yield rule.finding(msg, paths, {**dict(zip(paths, (made, repealed, in_force))),
                                        f"previous.active.{item.key}.in_force": before.value})


# --- W-CLONE ------------------------------------------------------------------------------

CLONE_SHARE = 0.5  # "more than 50 % identical" (spec §8.5 X-CLONE)
_MIN_SENTENCE = 8  # shorter sentences ("无。", headings) say nothing about copying
_MIN_TEXT = 100


def _clone_sentences(ctx_texts: dict[str, str]) -> list[str]:
    out = []
    for key in f21.SECTION_KEYS:  # the preamble is boilerplate by design (spec §2.4)
        for sent in sentences(ctx_texts.get(key, "")):
            s = re.sub(r"\d+", "#", sent.strip().rstrip("。;!?"))  # a copy with the year changed is a copy
            if len(s) >= _MIN_SENTENCE:
                out.append(s)
    return out


def overlap(here_texts: dict[str, str], other: ReportDocument, *, names: tuple[str, str] = ("", "")) -> tuple[float, int]:
    """Share of a narrative (by characters) in sentences that also appear in ``other``,
    digits ignored; and the narrative length. ``names``: (this agency, the other agency), each
    masked in its own text, so that a copy with the agency's name changed is still a copy."""
    here = _clone_sentences(_masked(here_texts, names[0]))
    before = set(_clone_sentences(_masked(Context(other).texts, names[1])))
    total = sum(len(s) for s in here)
    if total == 0:
        return 0.0, 0
    return sum(len(s) for s in here if s in before) / total, total


def _masked(texts: dict[str, str], name: str) -> dict[str, str]:
    return {k: v.replace(name, "@") for k, v in texts.items()} if name else texts


def narrative_overlap(ctx: Context) -> tuple[float, int]:
    """:func:`overlap` of this report's narrative with the previous report's."""
    return overlap(ctx.texts, ctx.previous)


def check_clone(ctx: Context, rule: Rule):
    """W-CLONE — "内容雷同" is named in 国办公开办函〔2021〕30号 (spec §2.3, §13 #3): narrative
    mostly copied from the previous report, or a whole table repeated with non-zero data; and
    narrative mostly the same as another agency's report of the same county and year (one
    finding per such agency)."""
    yield from _clone_of_previous(ctx, rule)
    yield from _clone_of_siblings(ctx, rule)


def _clone_of_previous(ctx: Context, rule: Rule):
    prev = ctx.previous
    if prev is None:
        return
    share, length = narrative_overlap(ctx)
    if length >= _MIN_TEXT and share > CLONE_SHARE:
        yield rule.finding(f"正文有{share:.0%}的内容（按字数，忽略数字）与{prev.year or '上一'}年度报告逐句相同",
                           [], {"share": round(share, 3)})
    yield from repeated_tables(ctx, rule)


def repeated_tables(ctx: Context, rule: Rule):
    """The tables half of W-CLONE: a whole table with the previous report's non-zero data. The
    batch audit runs this on each pair of consecutive years, and compares narratives across the
    whole batch (check/clones.py)."""
    prev = ctx.previous
    if prev is None:
        return
    here_all, before_all = _by_table(ctx.doc.cells), _by_table(prev.cells)
    expected_all = _expected_by_table(ctx.expected)
    for prefix, table in TABLE_ZH.items():
        here, before = here_all.get(prefix, {}), before_all.get(prefix, {})
        if not here or here.keys() != expected_all.get(prefix, set()) or here != before:
            continue
        if any(v != 0 for v in here.values()):
            yield rule.finding(f"{table}全部数据与{prev.year or '上一'}年度报告完全相同（且不全为0）",
                               sorted(here), {})


def _by_table(cells) -> dict[str, dict]:
    """{table prefix: {path: value}} in one pass (a batch audit compares thousands of pairs)."""
    out: dict[str, dict] = {}
    for path, cell in cells.items():
        out.setdefault(path.split(".", 1)[0], {})[path] = cell.value
    return out


@lru_cache(maxsize=8)
def _expected_by_table(paths: tuple[str, ...]) -> dict[str, set]:
    out: dict[str, set] = {}
    for path in paths:
        out.setdefault(path.split(".", 1)[0], set()).add(path)
    return out


def _clone_of_siblings(ctx: Context, rule: Rule):
    for other in ctx.siblings:
        if other is ctx.doc or (other.agency and other.agency == ctx.doc.agency):
            continue
        share, length = overlap(ctx.texts, other, names=(ctx.agency_norm, normalise(other.agency or "")))
        if length >= _MIN_TEXT and share > CLONE_SHARE:
            name = other.agency or "同级另一机关"
            yield rule.finding(f"正文有{share:.0%}的内容（按字数，忽略数字）与{name}{other.year or ''}年度报告逐句相同",
                               [], {"share": round(share, 3), "sibling": name})
