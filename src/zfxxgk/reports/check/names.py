"""Chinese names of cells for messages, taken from the standard module (spec §3–§6, §9.1)."""
from __future__ import annotations

from ...standard import format2019 as f19
from ...standard import format2021 as f21

TABLE_ZH = {"active": "表二", "t2_2019": "表二", "requests": "表三", "appeals": "表四"}

# Table 三 rows as the printed template numbers them; used in the short T3-BAL formula.
ROW_SHORT = {"new_received": "一", "carried_over": "二", "total": "三(七)总计", "carried_forward": "四"}


def row_label(key: str) -> str:
    """``（三）不予公开 1.属于国家秘密`` for a leaf, the printed label otherwise."""
    if key == "other_subtotal":  # 2019 试行: （六）其他处理 is one leaf (spec §9.1)
        return f19.OTHER_2019_LABEL
    row = f21.ROW_BY_KEY.get(key)
    if row is None:
        return key
    return f"{row.group} {row.label}" if row.group else row.label


def column_label(key: str) -> str:
    col = f21.COLUMN_BY_KEY.get(key)
    if col is None:
        return key
    if key == "other_org":  # "其他" alone is ambiguous next to row labels such as 3.其他
        return "其他（法人或其他组织）"
    return col.label


_APPEAL_GROUP = {
    "reconsideration": "行政复议",
    "litigation_direct": "行政诉讼·未经复议直接起诉",
    "litigation_after_reconsideration": "行政诉讼·复议后起诉",
}
_APPEAL_MEASURE = dict(f21.APPEAL_MEASURES)


def appeal_group_label(key: str) -> str:
    return _APPEAL_GROUP.get(key, key)


def appeal_measure_label(key: str) -> str:
    return _APPEAL_MEASURE.get(key, key)


def _active_items():
    for item in f21.ACTIVE_ITEMS:
        yield "active", item
    for item in f19.ACTIVE_ITEMS_2019:
        yield "t2_2019", item


def active_label(path: str) -> str:
    parts = path.split(".")
    for prefix, item in _active_items():
        if parts[0] == prefix and len(parts) > 1 and parts[1] == item.key:
            if not item.measures:
                return item.label
            measure = dict(item.measures).get(parts[2] if len(parts) > 2 else "", "")
            return f"{item.label} {measure}".strip()
    return path


def cell_label(path: str) -> str:
    """A cell named for a reader: ``表三 “（一）予以公开”行 自然人列``."""
    parts = path.split(".")
    table = TABLE_ZH.get(parts[0], "")
    if parts[0] == "requests" and len(parts) == 3:
        return f"{table} “{row_label(parts[1])}”行 {column_label(parts[2])}列"
    if parts[0] == "appeals" and len(parts) == 3:
        return f"{table} {appeal_group_label(parts[1])} {appeal_measure_label(parts[2])}"
    if parts[0] in ("active", "t2_2019"):
        return f"{table} {active_label(path)}"
    return path


def table_of(path: str) -> str:
    return TABLE_ZH.get(path.split(".", 1)[0], "")


def fmt_num(value) -> str:
    """Numbers as printed: ints plain, Decimals without trailing zeros."""
    if value is None:
        return "？"
    if hasattr(value, "normalize") and not isinstance(value, int):
        text = format(value.normalize(), "f")
        return text
    return str(value)


def fmt_sum(values) -> str:
    """``5+1`` (negative parts in brackets so the formula stays readable)."""
    return "+".join(f"({fmt_num(v)})" if v is not None and v < 0 else fmt_num(v) for v in values) or "0"
