"""Derived figures (spec §8.5 M-RATES): not rules, reported as info so a reader sees them."""
from __future__ import annotations

from ..model import ReportDocument
from .context import Context
from .findings import Rule
from .names import fmt_num

_GRANTED = ("requests.granted.total", "requests.partially_granted.total")
_PROCESSED = "requests.total.total"
_REVIEW = "appeals.reconsideration"


def _figures(doc: ReportDocument) -> dict:
    """Numerators and denominators; None where a cell is missing or the denominator is 0."""
    cells = doc.cells
    out = {"substantive_disclosure": None, "reconsideration_correction": None}
    if all(p in cells for p in _GRANTED + (_PROCESSED,)):
        num = sum(cells[p].value for p in _GRANTED)
        den = cells[_PROCESSED].value
        if den > 0:
            out["substantive_disclosure"] = (num, den)
    paths = [f"{_REVIEW}.{m}" for m in ("corrected", "total", "pending")]
    if all(p in cells for p in paths):
        corrected, total, pending = (cells[p].value for p in paths)
        den = total - pending  # cases decided this year
        if den > 0:
            out["reconsideration_correction"] = (corrected, den)
    return out


def rates(doc: ReportDocument) -> dict:
    """实质公开率 = (R03 + R04) / R24 and 复议纠错率 = 纠正 / (总计 − 尚未审结), as floats, or None
    when the denominator is 0 or a cell is missing."""
    return {
        f"{name}_rate": (None if f is None else float(f[0]) / float(f[1]))
        for name, f in _figures(doc).items()
    }


def check_rates(ctx: Context, rule: Rule):
    """M-RATES — info findings carrying the two figures (spec §8.5)."""
    figures = _figures(ctx.doc)
    sub = figures["substantive_disclosure"]
    if sub is not None:
        num, den = sub
        values = {p: ctx.value(p) for p in _GRANTED + (_PROCESSED,)}
        values["substantive_disclosure_rate"] = num / den
        yield rule.finding(f"实质公开率 =（予以公开+部分公开）/（七）总计 = ({fmt_sum2(values, _GRANTED)})/{fmt_num(den)} = "
                           f"{num / den:.1%}", list(_GRANTED + (_PROCESSED,)), values)
    rec = figures["reconsideration_correction"]
    if rec is not None:
        num, den = rec
        paths = [f"{_REVIEW}.{m}" for m in ("corrected", "total", "pending")]
        values = {p: ctx.value(p) for p in paths}
        values["reconsideration_correction_rate"] = num / den
        total, pending = ctx.value(paths[1]), ctx.value(paths[2])
        yield rule.finding(f"行政复议纠错率 = 结果纠正/（总计−尚未审结） = {fmt_num(num)}/({fmt_num(total)}−{fmt_num(pending)}) = "
                           f"{num / den:.1%}", paths, values)


def fmt_sum2(values: dict, paths) -> str:
    return "+".join(fmt_num(values[p]) for p in paths)
