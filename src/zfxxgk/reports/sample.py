"""Sample documents, consistent by construction (every identity of spec §8 holds).

Used by tests, benchmarks and demos: random but reproducible (a seed), every cell filled.
"""
from __future__ import annotations

import random
from decimal import Decimal
from typing import Callable

from .model import Cell, ReportDocument
from ..standard import format2019 as f19
from ..standard import format2021 as f21

SECTIONS = {
    "overview": "{year}年，我局认真贯彻落实《中华人民共和国政府信息公开条例》。\n（一）主动公开方面。全年公开政府信息48条。",
    "proactive": "本年度主动公开情况见下表。",
    "requests": "本年度收到和处理政府信息公开申请情况见下表。",
    "appeals": "本年度政府信息公开行政复议、行政诉讼情况见下表。",
    "problems": "存在的主要问题：公开意识有待加强。改进情况：加强培训。",
    "other": "本年度未实际收取信息处理费。",
}


def sample_document(fmt: str = "2021", seed: int = 0, *, agency: str = "某某县司法局", year: int | None = None) -> ReportDocument:
    """Every path of the format filled with varied values that satisfy all table rules.

    The year defaults to one its format applies to (2024 for 2021, 2020 for the 2019 试行 format).
    """
    year = year or (2020 if fmt == f21.FORMAT_2019 else 2024)
    rnd = random.Random(seed)
    doc = ReportDocument(format=fmt, agency=agency, year=year, sections={k: v.replace("{year}", str(year)) for k, v in SECTIONS.items()})
    return fill_consistent(doc, rnd.randint, lambda: Decimal("12.5") if fmt == f21.FORMAT_2021 else Decimal("25.5"), size=9)


def fill_consistent(doc: ReportDocument, pick: Callable[[int, int], int], fee: Callable[[], Decimal], *,
                    size: int = 9, negatives: bool = False) -> ReportDocument:
    """Fill every table cell of ``doc.format`` so that every identity of spec §8 holds.

    ``pick(lo, hi)`` chooses an integer (``random.randint``, or a hypothesis draw), ``fee()`` an
    amount in 万元; counts go up to about ``size`` (the proportions keep ``sample_document``'s
    historical values, which some fixtures were made from). ``negatives`` lets the signed 2019 本年增/减 go
    below zero.
    """
    fmt = doc.format
    put = lambda path, value: doc.cells.__setitem__(path, Cell(value, str(value)))  # noqa: E731
    leaves = f19.LEAF_KEYS_2019 if fmt == f21.FORMAT_2019 else f21.LEAF_KEYS
    for col in f21.APPLICANT_KEYS:
        outcome = {leaf: pick(0, size) for leaf in leaves}
        processed = sum(outcome.values())
        carried_over = pick(0, min(processed, size * 5 // 9))
        forward = pick(0, size * 2 // 3)
        for leaf, v in outcome.items():
            put(f"requests.{leaf}.{col}", v)
        put(f"requests.total.{col}", processed)
        put(f"requests.carried_over.{col}", carried_over)
        put(f"requests.carried_forward.{col}", forward)
        put(f"requests.new_received.{col}", processed + forward - carried_over)  # T3-BAL
    rows = f19.ROW_KEYS_2019 if fmt == f21.FORMAT_2019 else f21.ROW_KEYS
    for row in rows:
        put(f"requests.{row}.total", sum(doc[f"requests.{row}.{c}"] for c in f21.APPLICANT_KEYS))
    for group, _ in f21.APPEAL_GROUPS:
        parts = {m: pick(0, size * 4 // 9) for m in f21.APPEAL_PARTS}
        for m, v in parts.items():
            put(f"appeals.{group}.{m}", v)
        put(f"appeals.{group}.total", sum(parts.values()))
    if fmt == f21.FORMAT_2019:
        for item in f19.ACTIVE_ITEMS_2019:
            for m, _ in item.measures:
                path = f"t2_2019.{item.key}.{m}"
                if path in f19.DECIMAL_PATHS_2019:
                    put(path, fee())
                elif negatives and path in f19.SIGNED_PATHS_2019:
                    put(path, pick(-size * 40 // 9, size * 40 // 9))
                else:
                    put(path, pick(0, size * 40 // 9))
    else:
        for doc_kind in ("regulations", "normative_documents"):
            made, repealed = pick(0, size), pick(0, size * 5 // 9)
            put(f"active.{doc_kind}.made", made)
            put(f"active.{doc_kind}.repealed", repealed)
            put(f"active.{doc_kind}.in_force", made + pick(0, size * 30 // 9))  # T2-INFORCE-LB
        for key in ("licensing", "penalty", "coercion"):
            put(f"active.{key}", pick(0, size * 500 // 9))
        put("active.fees_wan_yuan", fee())
    return doc
