"""Cell-level rules: cells the format requires but the reader could not find (MISSING) and
blank / "/" / "-" cells read as 0 (W-BLANK, spec §8.4, §13 #6)."""
from __future__ import annotations

from .context import Context
from .findings import Rule
from ...standard.format2021 import COLUMN_KEYS
from .names import TABLE_ZH, cell_label, row_label

_TABLES = ("表二", "表三", "表四")
_LIST_AT_MOST = 12  # longer lists are cut in the message; ``cells`` always has them all


def _by_table(paths) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {t: [] for t in _TABLES}
    for p in paths:
        out.setdefault(TABLE_ZH.get(p.split(".", 1)[0], "其他"), []).append(p)
    return out


def _listing(paths: list[str]) -> str:
    """Cell names, a table-三 row named once when all its columns are concerned."""
    names, done = [], set()
    for p in paths:
        parts = p.split(".")
        if parts[0] == "requests" and len(parts) == 3 and parts[1] not in done:
            row = [q for q in paths if q.startswith(f"requests.{parts[1]}.")]
            if len(row) == len(COLUMN_KEYS):
                done.add(parts[1])
                names.append(f"“{row_label(parts[1])}”整行")
                continue
        if parts[0] == "requests" and parts[1] in done:
            continue
        names.append(cell_label(p).split(" ", 1)[-1])
    more = f"等共{len(paths)}个" if len(names) > _LIST_AT_MOST else ""
    return "；".join(names[:_LIST_AT_MOST]) + more


def check_missing(ctx: Context, rule: Rule):
    """MISSING — every cell of the format is required (spec §3–§5: 10 + 175 + 15 cells in 2021).
    Formulas that need a missing cell are skipped, so this is the only report of the gap."""
    if not ctx.has_tables:
        return
    undetermined = getattr(ctx.doc, "undetermined", None) or {}
    missing = [p for p in ctx.expected if p not in ctx.doc.cells and p not in undetermined]  # R-UNDETERMINED says why
    for table, paths in _by_table(missing).items():
        if not paths:
            continue
        expected = sum(1 for p in ctx.expected if TABLE_ZH.get(p.split(".", 1)[0]) == table)
        if len(paths) == expected:
            yield rule.finding(f"{table}整表缺失（全部{len(paths)}个单元格未填写或未读到）", paths)
        else:
            yield rule.finding(f"{table}缺少{len(paths)}个单元格：{_listing(paths)}", paths)


def check_blank(ctx: Context, rule: Rule):
    """W-BLANK — a blank, "/" or "-" where the format asks for a number; read as 0 (spec §3,
    §8.4). One finding per table."""
    if not ctx.has_tables:
        return
    flagged = [p for p in ctx.expected if (c := ctx.cell(p)) is not None and c.flagged]
    for table, paths in _by_table(flagged).items():
        if paths:
            yield rule.finding(f"{table}有{len(paths)}个单元格为空白或“/”“-”，已按0计：{_listing(paths)}",
                               paths, {p: ctx.value(p) for p in paths})


def check_inferred(ctx: Context, rule: Rule):
    """R-INFERRED — cells the reader fixed by the format's arithmetic, not by the text alone
    (a degraded copy: digits run together, identical lines merged, a number split over lines).
    One finding per table, so a reader of the findings knows which numbers were not printed
    plainly."""
    inferred = [p for p in ctx.expected if (c := ctx.cell(p)) is not None and c.inferred]
    for table, paths in _by_table(inferred).items():
        if paths:
            first = ctx.cell(paths[0]).inferred
            yield rule.finding(f"{table}有{len(paths)}个单元格由勾稽关系推算得出（原文无法直接读出）：{_listing(paths)}。"
                               f"例如：{first}", paths, {p: ctx.value(p) for p in paths})


def check_undetermined(ctx: Context, rule: Rule):
    """R-UNDETERMINED — cells the reader left empty because several readings of the degraded
    text satisfy every rule of the format (or none does); the reason names the readings."""
    undetermined = getattr(ctx.doc, "undetermined", None) or {}
    paths = [p for p in ctx.expected if p in undetermined and p not in ctx.doc.cells]
    for table, group in _by_table(paths).items():
        if group:
            yield rule.finding(f"{table}有{len(group)}个单元格无法确定，未填写：{_listing(group)}。"
                               f"原因：{undetermined[group[0]]}", group, {p: undetermined[p] for p in group})
