"""信息处理费 under 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号), spec §12.

Both methods are 超额累进 (progressive); an agency picks one per application, never both
(第三条). The per-item tier above 30 follows spec §12.2's reading (31–40: 200元, 41–50: 300元 …).
"""
from __future__ import annotations

from dataclasses import dataclass

PER_ITEM, PER_PAGE = "per_item", "per_page"


@dataclass(frozen=True)
class Fee:
    method: str
    quantity: int  # items this month (per item) or pages of this application (per page)
    amount: int  # 元
    working: str  # how the amount was computed, in Chinese


def item_price(k: int) -> int:
    """Price of the k-th item an applicant files in one calendar month (第四条)."""
    if k <= 10:
        return 0
    if k <= 30:
        return 100
    return 100 + 100 * -(-(k - 30) // 10)


def per_item(items_before: int, items: int) -> Fee:
    """Fee for ``items`` new items when the applicant already filed ``items_before`` this month."""
    if items_before < 0 or items < 1:
        raise ValueError("件数必须为正数")
    ks = range(items_before + 1, items_before + items + 1)
    amount = sum(item_price(k) for k in ks)
    return Fee(PER_ITEM, items, amount, f"本月第{ks.start}至第{ks.stop - 1}件，按件超额累进计收共{amount}元")


_PAGE_TIERS = ((30, 0), (100, 10), (200, 20), (None, 40))  # (up to page, 元 per page) — 第五条


def per_page(pages: int) -> Fee:
    if pages < 0:
        raise ValueError("页数不能为负数")
    amount, lower, parts = 0, 0, []
    for upper, price in _PAGE_TIERS:
        top = pages if upper is None else min(pages, upper)
        if top > lower:
            amount += (top - lower) * price
            if price:
                parts.append(f"{lower + 1}—{top}页×{price}元")
        lower = upper if upper is not None else lower
        if upper is None or pages <= upper:
            break
    working = "30页以内不收费" if not parts else "，".join(parts) + f"，共{amount}元"
    return Fee(PER_PAGE, pages, amount, working)
