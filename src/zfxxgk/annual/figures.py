"""The figures of an annual report: which cells exist, their Chinese names, and what a valid value is.

``report.figures`` holds every spec §6 cell of format 2021 as
``{path: {"value": 3 | "1.5", "source": FigureSource, "computed": 2 | None}}``: ``value`` is what the
report says, ``computed`` what the 台账 gives (tables 三 and 四; None for table 二). Decimals (only
``active.fees_wan_yuan``) are stored as strings so JSON keeps them exact.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from ..reports.check.names import row_label
from ..standard import format2021 as f21
from .errors import AnnualInvalid

PATHS = f21.ALL_PATHS_2021
KNOWN = frozenset(PATHS)
COMPUTED = frozenset(f21.request_paths() + f21.appeal_paths())  # filled from the cases by 生成草稿
TEXT_KEYS = ("preamble",) + f21.SECTION_KEYS  # preamble: the standard opening sentence (spec §2.4)
TEXT_LABELS = {"preamble": "报告开头（编制依据和统计期限）"} | {s.key: s.heading for s in f21.SECTIONS}
MAX_VALUE = 10**9  # a count beyond this is a typing slip, not a year of casework
FEE_PLACES = 4  # 本年收费金额（万元）: up to 4 decimals (spec §14)

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)")


def _bare(label: str) -> str:
    """``（一）予以公开`` → ``予以公开``; the parenthetical of R04 dropped."""
    label = _NUMBERING.sub("", label)
    return label.split("（区分处理的")[0]


def label(path: str) -> str:
    """A cell named for the user: ``表三 予以公开·自然人``, ``表四 行政复议·结果维持``,
    ``表二 规章·本年制发件数``."""
    parts = path.split(".")
    if parts[0] == "requests" and len(parts) == 3 and parts[1] in f21.ROW_BY_KEY and parts[2] in f21.COLUMN_BY_KEY:
        row = f21.ROW_BY_KEY[parts[1]]
        name = f"{_bare(row.group)}·{_bare(row.label)}" if row.group else _bare(row_label(parts[1]))
        column = "其他组织" if parts[2] == "other_org" else f21.COLUMN_BY_KEY[parts[2]].label
        return f"表三 {name}·{column}"
    if parts[0] == "appeals" and len(parts) == 3:
        group = {"reconsideration": "行政复议", "litigation_direct": "行政诉讼（未经复议直接起诉）",
                 "litigation_after_reconsideration": "行政诉讼（复议后起诉）"}.get(parts[1], parts[1])
        return f"表四 {group}·{dict(f21.APPEAL_MEASURES).get(parts[2], parts[2])}"
    if parts[0] == "active":
        for item in f21.ACTIVE_ITEMS:
            if len(parts) > 1 and parts[1] == item.key:
                if not item.measures:
                    header = f21.FEE_HEADER if item.key == "fees_wan_yuan" else f21.DECISIONS_HEADER
                    return f"表二 {item.label}·{header}"
                return f"表二 {item.label}·{dict(item.measures).get(parts[2] if len(parts) > 2 else '', '')}"
    return path


def clean(path: str, value) -> int | Decimal:
    """The value of a hand-entered or imported figure, or :class:`AnnualInvalid` naming the cell."""
    if path not in KNOWN:
        raise AnnualInvalid(f"“{path}”不是年度报告格式（2021年版）中的单元格。")
    name = label(path)
    if isinstance(value, bool):
        raise AnnualInvalid(f"“{name}”应填写数字。")
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "")
    if path in f21.DECIMAL_PATHS:
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise AnnualInvalid(f"“{name}”应填写金额（单位：万元），如 1.25。") from None
        if not number.is_finite() or number < 0:
            raise AnnualInvalid(f"“{name}”不能为负数。")
        number = number.normalize()
        if -number.as_tuple().exponent > FEE_PLACES:
            raise AnnualInvalid(f"“{name}”最多保留{FEE_PLACES}位小数（单位：万元）。")
        if number >= MAX_VALUE:
            raise AnnualInvalid(f"“{name}”数值过大。")
        return number
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))  # a spreadsheet's 3.0
    if not re.fullmatch(r"\d+", text):
        if re.fullmatch(r"-\s*\d+", text):
            raise AnnualInvalid(f"“{name}”不能为负数。")
        raise AnnualInvalid(f"“{name}”应填写非负整数，而不是“{str(value)[:20]}”。")
    number = int(text)
    if number >= MAX_VALUE:
        raise AnnualInvalid(f"“{name}”数值过大。")
    return number


def stored(number: int | Decimal) -> int | str:
    """As kept in the JSON field: ints as they are, a Decimal as plain text (never ``1E+1``)."""
    return format(number, "f") if isinstance(number, Decimal) else int(number)


def number(path: str, value) -> int | Decimal:
    """A stored value back as a number of the document."""
    return Decimal(str(value)) if path in f21.DECIMAL_PATHS else int(value)
