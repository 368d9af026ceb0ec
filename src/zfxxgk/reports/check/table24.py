"""Table 四 (spec §8.2) and table 二 (spec §8.3) rules."""
from __future__ import annotations

from ...standard import format2019 as f19
from ...standard import format2021 as f21
from .context import Context
from .findings import Rule
from .names import appeal_group_label, cell_label, fmt_num, fmt_sum


def check_appeal_sums(ctx: Context, rule: Rule):
    """T4-SUM-G — per group, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 (DERIVED).
    There is no official grand total across the three groups (spec §8.2)."""
    if not ctx.has_tables:
        return
    for group, _ in f21.APPEAL_GROUPS:
        paths = [f"appeals.{group}.{m}" for m in f21.APPEAL_PARTS] + [f"appeals.{group}.total"]
        got = ctx.unbalanced(paths)
        if got is None:
            continue
        cells, parts, total = got
        msg = (f"表四 {appeal_group_label(group)}：结果维持+结果纠正+其他结果+尚未审结 = {fmt_sum(parts)} = {sum(parts)}，"
               f"而 总计 = {fmt_num(total)}")
        yield rule.finding(msg, paths, {p: c.value for p, c in zip(paths, cells)}, blank=any(c.flagged for c in cells))


def _nonneg(ctx: Context, rule: Rule, prefixes: tuple[str, ...], table: str, signed=frozenset(), decimal=frozenset()):
    bad = []
    for path, cell in ctx.doc.cells.items():
        if not path.startswith(prefixes) or path in signed:
            continue
        v = cell.value
        if v < 0 or (path not in decimal and v != int(v)):
            bad.append((path, v))
    if bad:
        listed = "；".join(f"{cell_label(p)} = {fmt_num(v)}" for p, v in bad)
        yield rule.finding(f"{table} 出现负数或非整数：{listed}", [p for p, _ in bad], dict(bad))


def check_appeal_nonneg(ctx: Context, rule: Rule):
    """T4-NONNEG — case counts are integers ≥ 0 (DERIVED)."""
    if ctx.has_tables:
        yield from _nonneg(ctx, rule, ("appeals.",), "表四")


def check_active_nonneg(ctx: Context, rule: Rule):
    """T2-NONNEG — counts are integers ≥ 0, the fee amount (万元) a decimal ≥ 0 (DERIVED).
    2019 试行 本年增/减 is signed by design (spec §9.1) and is skipped."""
    if ctx.has_tables:
        yield from _nonneg(ctx, rule, ("active.", "t2_2019."), "表二",
                           signed=f19.SIGNED_PATHS_2019, decimal=f21.DECIMAL_PATHS | f19.DECIMAL_PATHS_2019)


def check_in_force_lower_bound(ctx: Context, rule: Rule):
    """T2-INFORCE-LB — at most ``repealed`` of this year's issuances can be gone by year end,
    so 现行有效件数 ≥ 本年制发件数 − 本年废止件数 (DERIVED, spec §8.3; 2021 table 二 only)."""
    if ctx.fmt != f21.FORMAT_2021:
        return
    for item in f21.ACTIVE_ITEMS[:2]:  # 规章, 行政规范性文件
        paths = [f"active.{item.key}.{m}" for m in ("made", "repealed", "in_force")]
        cells = ctx.cells(paths)
        if cells is None:
            continue
        made, repealed, in_force = (c.value for c in cells)
        if in_force >= made - repealed:
            continue
        msg = (f"表二 {item.label}：现行有效件数 = {fmt_num(in_force)}，少于 本年制发件数−本年废止件数 = "
               f"{fmt_num(made)}−{fmt_num(repealed)} = {made - repealed}")
        yield rule.finding(msg, paths, dict(zip(paths, (made, repealed, in_force))), blank=any(c.flagged for c in cells))
