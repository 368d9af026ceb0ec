"""Table 三 rules (spec §8.1, §8.5): the printed balance note, the 总计 column, the （七）总计
row, non-negative integers, completeness, the carry-forward bound and split cells."""
from __future__ import annotations

from ...standard.format2021 import APPLICANT_KEYS, COLUMN_KEYS
from .context import Context
from .findings import Rule
from .names import ROW_SHORT, cell_label, column_label, fmt_num, fmt_sum, row_label

_BAL_ROWS = ("new_received", "carried_over", "total", "carried_forward")


def _p(row: str, col: str) -> str:
    return f"requests.{row}.{col}"


def check_balance(ctx: Context, rule: Rule):
    """T3-BAL — the note printed in the table: "第一项加第二项之和，等于第三项加第四项之和",
    per column C1..C7 (CONFIRMED, spec §4.1)."""
    if not ctx.has_tables:
        return
    for col in COLUMN_KEYS:
        paths = [_p(r, col) for r in _BAL_ROWS]
        cells = ctx.cells(paths)
        if cells is None:
            continue
        r01, r02, r24, r25 = (c.value for c in cells)
        if r01 + r02 == r24 + r25:
            continue
        s = ROW_SHORT
        msg = (f"表三 {column_label(col)}列：{s['new_received']}+{s['carried_over']} = {fmt_sum([r01, r02])} = {r01 + r02}，"
               f"而 {s['total']}+{s['carried_forward']} = {fmt_sum([r24, r25])} = {r24 + r25}")
        yield rule.finding(msg, paths, dict(zip(paths, (r01, r02, r24, r25))), blank=any(c.flagged for c in cells))


def only_total_rows(ctx: Context) -> list[str]:
    """Rows where only 总计 is printed and every applicant column is blank or "/" (spec §13 #6,
    [S21]). Such rows are reported once by T3-COMPLETE instead of once per row by T3-ROWSUM."""
    return ctx.memo("only_total_rows", lambda: _only_total_rows(ctx))


def _only_total_rows(ctx: Context) -> list[str]:
    rows = []
    for row in ctx.row_keys:
        parts = ctx.cells([_p(row, c) for c in APPLICANT_KEYS])
        total = ctx.cell(_p(row, "total"))
        if parts is None or total is None:
            continue
        if all(c.flagged for c in parts) and not total.flagged and total.value != 0:
            rows.append(row)
    return rows


def check_complete(ctx: Context, rule: Rule):
    """T3-COMPLETE — some reports fill only the 总计 column (PRACTICE, spec §8.1)."""
    if not ctx.has_tables:
        return
    rows = only_total_rows(ctx)
    if not rows:
        return
    names = "；".join(f"“{row_label(r)}”（总计 {fmt_num(ctx.value(_p(r, 'total')))}）" for r in rows)
    cells = [_p(r, c) for r in rows for c in COLUMN_KEYS]
    yield rule.finding(f"表三 以下{len(rows)}行只填了总计，各类申请人列均为空白：{names}",
                       cells, {p: ctx.value(p) for p in cells})


def _rows_with_parts(ctx: Context) -> list[tuple[str, list[str]]]:
    """Table 三's rows and their seven cell paths, but not the rows that print only 总计
    (T3-COMPLETE reports those)."""
    skip = set(only_total_rows(ctx))
    return [(row, [_p(row, c) for c in COLUMN_KEYS]) for row in ctx.row_keys if row not in skip]


def check_rowsum(ctx: Context, rule: Rule):
    """T3-ROWSUM — 总计 = 自然人 + the five 法人或其他组织 columns, for every row (DERIVED)."""
    if not ctx.has_tables:
        return
    for row, paths in _rows_with_parts(ctx):
        got = ctx.unbalanced(paths)
        if got is None:
            continue
        cells, parts, total = got
        msg = (f"表三 “{row_label(row)}”行：自然人至其他各列之和 = {fmt_sum(parts)} = {sum(parts)}，"
               f"而 总计 = {fmt_num(total)}")
        yield rule.finding(msg, paths, {p: c.value for p, c in zip(paths, cells)}, blank=any(c.flagged for c in cells))


def check_leafsum(ctx: Context, rule: Rule):
    """T3-LEAFSUM — （七）总计 = the sum of the outcome leaves, per column (DERIVED, spec §4.3)."""
    if not ctx.has_tables:
        return
    leaves = ctx.leaf_keys
    for col in COLUMN_KEYS:
        paths = [_p(r, col) for r in leaves]
        cells = ctx.cells(paths + [_p("total", col)])
        if cells is None:
            continue
        *leaf_cells, total_cell = cells
        total = sum(c.value for c in leaf_cells)
        if total == total_cell.value:
            continue
        terms = [c.value for c in leaf_cells if c.value != 0]
        if terms:
            shown = f"{fmt_sum(terms)}（其余为0）" if len(terms) < len(leaf_cells) else fmt_sum(terms)
            shown = f"{shown} = {fmt_num(total)}"
        else:
            shown = "0（全部为0或空白）"
        msg = (f"表三 {column_label(col)}列：{len(leaves)}项办理结果之和 = {shown}，"
               f"而 （七）总计 = {fmt_num(total_cell.value)}")
        all_paths = paths + [_p("total", col)]
        yield rule.finding(msg, all_paths, {p: c.value for p, c in zip(all_paths, cells)},
                           blank=any(c.flagged for c in cells))


def check_carry_bound(ctx: Context, rule: Rule):
    """T3-CF-BOUND — what is carried forward cannot exceed what was there to handle
    (DERIVED from T3-BAL with R24 ≥ 0; pinpoints the error, spec §8.1)."""
    if not ctx.has_tables:
        return
    for col in COLUMN_KEYS:
        paths = [_p("new_received", col), _p("carried_over", col), _p("carried_forward", col)]
        cells = ctx.cells(paths)
        if cells is None:
            continue
        r01, r02, r25 = (c.value for c in cells)
        if r25 <= r01 + r02:
            continue
        msg = (f"表三 {column_label(col)}列：四、结转下年度继续办理 = {fmt_num(r25)}，"
               f"超过 一+二 = {fmt_sum([r01, r02])} = {r01 + r02}")
        yield rule.finding(msg, paths, dict(zip(paths, (r01, r02, r25))), blank=any(c.flagged for c in cells))


def check_nonneg(ctx: Context, rule: Rule):
    """T3-NONNEG — counts of applications are integers ≥ 0 (DERIVED)."""
    if not ctx.has_tables:
        return
    bad = [(p, c.value) for p, c in ctx.doc.cells.items()
           if p.startswith("requests.") and (c.value < 0 or c.value != int(c.value))]
    if bad:
        listed = "；".join(f"{cell_label(p)} = {fmt_num(v)}" for p, v in bad)
        yield rule.finding(f"表三 出现负数或非整数：{listed}", [p for p, _ in bad], dict(bad))


def split_pairs(values: list) -> list[int]:
    """Indexes i where reading cells i and i+1 (single digits) as one two-digit number
    makes the row add up: the first five of the remaining six values sum to the last.

    This is the shape of a two-digit cell shredded into two cells by a PDF/HTML export
    while a blank cell of the row was lost (spec §8.5, PRACTICE)."""
    found = []
    for i in range(len(values) - 1):
        a, b = values[i], values[i + 1]
        if not (isinstance(a, int) and isinstance(b, int) and 1 <= a <= 9 and 0 <= b <= 9):
            continue
        merged = values[:i] + [10 * a + b] + values[i + 2:]
        if sum(merged[:-1]) == merged[-1]:
            found.append(i)
    return found


def check_split(ctx: Context, rule: Rule):
    """T3-SPLIT — a T3-ROWSUM failure that disappears when two adjacent digits are one number."""
    if not ctx.has_tables:
        return
    for row, paths in _rows_with_parts(ctx):
        cells = ctx.cells(paths)
        if cells is None or any(c.flagged for c in cells):
            continue
        values = [c.value for c in cells]
        if sum(values[:-1]) == values[-1]:
            continue
        for i in split_pairs(values):
            a, b = values[i], values[i + 1]
            pair = paths[i:i + 2]
            msg = (f"表三 “{row_label(row)}”行疑似拆格：{column_label(COLUMN_KEYS[i])}列的{a}与"
                   f"{column_label(COLUMN_KEYS[i + 1])}列的{b}若合读为{10 * a + b}，该行即可平衡，请核对原表")
            yield rule.finding(msg, pair, {p: v for p, v in zip(pair, (a, b))})
