"""The 2019 试行 format (国办公开办函〔2019〕60号), used for the 2019 and 2020 reports (spec §9).

Table 二 is not comparable with 2021 and lives under ``t2_2019.*``. Table 三 has the same
rows as 2021 except that （六）其他处理 is one leaf with numbers (``requests.other_subtotal``);
R21–R23 do not exist there. Table 四 is identical.
"""
from __future__ import annotations

from .format2021 import APPEAL_GROUPS, APPEAL_MEASURES, COLUMN_KEYS, REQUEST_ROWS, ActiveItem

_DOCS = (("made", "本年新制作数量"), ("published", "本年新公开数量"), ("total_public", "对外公开总数量"))
_ITEMS = (("prev_items", "上一年项目数量"), ("delta_items", "本年增/减"), ("decisions", "处理决定数量"))

ACTIVE_ITEMS_2019: tuple[ActiveItem, ...] = (
    ActiveItem("第二十条第（一）项", "规章", "reg", _DOCS),
    ActiveItem("第二十条第（一）项", "规范性文件", "nd", _DOCS),
    ActiveItem("第二十条第（五）项", "行政许可", "license", _ITEMS),
    ActiveItem("第二十条第（五）项", "其他对外管理服务事项", "other_service", _ITEMS),
    ActiveItem("第二十条第（六）项", "行政处罚", "penalty", _ITEMS),
    ActiveItem("第二十条第（六）项", "行政强制", "coercion", _ITEMS),
    ActiveItem("第二十条第（八）项", "行政事业性收费", "fee_items", _ITEMS[:2]),
    ActiveItem("第二十条第（九）项", "政府集中采购", "procurement", (("items", "采购项目数量"), ("amount", "采购总金额"))),
)
ACTIVE_BLOCKS_2019: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("第二十条第（一）项", tuple(h for _, h in _DOCS)),
    ("第二十条第（五）项", tuple(h for _, h in _ITEMS)),
    ("第二十条第（六）项", tuple(h for _, h in _ITEMS)),
    ("第二十条第（八）项", tuple(h for _, h in _ITEMS[:2])),
    ("第二十条第（九）项", ("采购项目数量", "采购总金额")),
)
# 本年增/减 may be signed, 采购总金额 may be money with a unit suffix (251000元).
SIGNED_PATHS_2019 = frozenset(f"t2_2019.{i.key}.delta_items" for i in ACTIVE_ITEMS_2019 if len(i.measures) > 1)
DECIMAL_PATHS_2019 = frozenset({"t2_2019.procurement.amount"})

OTHER_2019_LABEL = "（六）其他处理"
# Row keys of the 2019 table 三, in printed order: R01..R20, （六）, R24, R25.
ROW_KEYS_2019 = (
    tuple(r.key for r in REQUEST_ROWS[:20]) + ("other_subtotal",) + tuple(r.key for r in REQUEST_ROWS[23:])
)
LEAF_KEYS_2019 = ROW_KEYS_2019[2:21]


def active_paths_2019() -> tuple[str, ...]:
    return tuple(f"t2_2019.{i.key}.{m}" for i in ACTIVE_ITEMS_2019 for m, _ in i.measures)


ALL_PATHS_2019 = (
    active_paths_2019()
    + tuple(f"requests.{r}.{c}" for r in ROW_KEYS_2019 for c in COLUMN_KEYS)
    + tuple(f"appeals.{g}.{m}" for g, _ in APPEAL_GROUPS for m, _ in APPEAL_MEASURES)
)

# Evidence for format detection (spec §9.1): any strong hit decides.
SIGNALS_2019 = (
    "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减",
    "第二十条第（九）项", "政府集中采购", "其他对外管理服务事项",
)
SIGNALS_2021 = (
    "本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额（单位：万元）",
    "申请人无正当理由逾期不补正", "申请人逾期未按收费通知要求缴纳费用",
)
# Pre-2019 (2008 regulation) free-form reports (spec §9.3).
SIGNALS_PRE2019 = ("政府信息公开的收费及减免情况", "依申请公开政府信息情况", "不予公开情况", "国务院令第492号")
