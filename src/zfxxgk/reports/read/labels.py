"""What a table cell's text means: a row label, a header, a section heading, or nothing known.

Every label of the national format is matched on its normalised form with the enumeration
stripped (``(三)``, ``1.``, ``四、``), so "(二) 部分公开 (区分处理的, …)" and
"（二）部分公开（区分处理的，…）" are the same label (spec §10.3).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from ...standard import format2019 as f19
from ...standard import format2021 as f21
from ...standard.labels import norm, strip_enum


@dataclass(frozen=True)
class Target:
    """A row of a table that receives numbers: its cell paths in printed order."""

    table: str  # active | requests | appeals
    key: str  # row key (requests), item key (active) or "values" (appeals)
    paths: tuple[str, ...]
    decimal: frozenset[str] = frozenset()
    signed: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        # Derived once: the matcher and _fill_cells ask for these for every row of every report.
        object.__setattr__(self, "id", f"{self.table}:{self.key}")
        object.__setattr__(self, "specs", tuple((p, p in self.decimal, p in self.signed) for p in self.paths))


@lru_cache(maxsize=65536)
def label_body(label: str) -> str:
    """The matching form of a label without its enumeration."""
    return strip_enum(norm(label))



@lru_cache(maxsize=8)
def request_targets(fmt: str) -> dict[str, Target]:
    rows = f19.ROW_KEYS_2019 if fmt == f21.FORMAT_2019 else f21.ROW_KEYS
    return {k: Target("requests", k, tuple(f"requests.{k}.{c}" for c in f21.COLUMN_KEYS)) for k in rows}


@lru_cache(maxsize=8)
def active_targets(fmt: str) -> dict[str, Target]:
    """Table 二 label (normalised) -> target; 2019 items live under t2_2019.*"""
    if fmt == f21.FORMAT_2019:
        items, prefix = f19.ACTIVE_ITEMS_2019, "t2_2019"
        decimal, signed = f19.DECIMAL_PATHS_2019, f19.SIGNED_PATHS_2019
    else:
        items, prefix, decimal, signed = f21.ACTIVE_ITEMS, "active", f21.DECIMAL_PATHS, frozenset()
    out = {}
    for item in items:
        paths = tuple(f"{prefix}.{item.key}.{m}" for m, _ in item.measures) or (f"{prefix}.{item.key}",)
        out[label_body(item.label)] = Target("active", item.key, paths, decimal & set(paths), signed & set(paths))
    if fmt != f21.FORMAT_2019:
        out.setdefault("规范性文件", out["行政规范性文件"])  # 2021 reports that drop the 行政 prefix
    return out


@lru_cache(maxsize=1)
def active_labels() -> frozenset[str]:
    """Every table-二 row label body (both formats)."""
    return frozenset(active_targets(f21.FORMAT_2021)) | frozenset(active_targets(f21.FORMAT_2019))


APPEALS = Target(
    "appeals", "values",
    tuple(f"appeals.{g}.{m}" for g, _ in f21.APPEAL_GROUPS for m, _ in f21.APPEAL_MEASURES),
)
APPEALS_ANCHOR = "行政复议"

# Leaf label bodies of table 三 (2021 and 2019 share them except （六）).
_ROW_BODIES = {label_body(r.label): r.key for r in f21.REQUEST_ROWS}
_ROW_BODIES.pop(label_body("3.其他"))  # "其他" is also a column header: matched in context only
_ROW_BODIES.pop(label_body("（七）总计"))  # likewise "总计"
_GROUP_BODIES = {label_body(label): key for key, label, _ in f21.GROUPS}
_LEVEL1 = label_body("三、本年度办理结果")
_OTHER_GROUP = label_body(f19.OTHER_2019_LABEL)

# Header texts: they belong to a table but carry no numbers and must not end a row.
_HEADERS = {
    label_body(t) for t in (
        "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", f21.DECISIONS_HEADER, f21.FEE_HEADER,
        "申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "科研企业", "社会公益组织",
        "法律服务机构", "其他", "总计", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结",
        "未经复议直接起诉", "复议后起诉", "本年新制作数量", "本年新公开数量", "对外公开总数量",
        "上一年项目数量", "本年增/减", "处理决定数量", "采购项目数量", "采购总金额", f21.TABLE3_NOTE,
    )
} | {label_body(title) for title, _ in f21.ACTIVE_BLOCKS + f19.ACTIVE_BLOCKS_2019}
_NOTE_PREFIX = label_body("（本列数据的勾稽关系为")


@dataclass(frozen=True)
class Meaning:
    kind: str  # row | group | level1 | header | anchor | unknown
    key: str | None = None  # row key, group key


UNKNOWN = Meaning("unknown")
_FUZZY_MAX = 60


@lru_cache(maxsize=4096)
def request_meaning(cell: str) -> Meaning:
    """What a cell of table 三 means, ignoring context ("其他"/"总计" are resolved by the caller)."""
    raw = norm(cell)
    body = strip_enum(raw)
    if not body:
        return UNKNOWN
    if body in _ROW_BODIES:
        return Meaning("row", _ROW_BODIES[body])
    if body == _OTHER_GROUP:
        return Meaning("group", "other_subtotal")
    if body in _GROUP_BODIES:
        return Meaning("group", _GROUP_BODIES[body])
    for group in _GROUP_BODIES:  # "（三）不予公开1.属于国家秘密": a group and its first leaf in one cell
        if body.startswith(group) and len(body) > len(group):
            leaf = request_meaning(body[len(group):])
            if leaf.kind == "row":
                return leaf
    if body == _LEVEL1:
        return Meaning("level1")
    if body == "其他" and raw != body:  # "3.其他": the enumerated leaf
        return Meaning("row", "other_other")
    if body == "总计" and raw != body:  # "(七)总计"
        return Meaning("row", "total")
    if body in _HEADERS or body.startswith(_NOTE_PREFIX) or body.startswith("申请人情况"):
        return Meaning("header")
    if len(body) >= 4 and len(body) <= _FUZZY_MAX:
        # Truncated, extended or slightly misprinted labels ("本年新收的政府信息公开申请数量").
        hits = [k for t, k in _ROW_BODIES.items() if t.startswith(body) or body.startswith(t)]
        if len(set(hits)) == 1:
            return Meaning("row", hits[0])
        close = difflib.get_close_matches(body, list(_ROW_BODIES), n=1, cutoff=0.82)
        if close:
            return Meaning("row", _ROW_BODIES[close[0]])
    return UNKNOWN


def is_header(cell: str) -> bool:
    text = label_body(cell)
    return text in _HEADERS or text.startswith(_NOTE_PREFIX)


@lru_cache(maxsize=65536)
def is_furniture(cell: str) -> bool:
    """A label that belongs to table 三's frame (a header, group or level-1 label) but opens no row."""
    return is_header(cell) or request_meaning(cell).kind != "unknown"


@lru_cache(maxsize=65536)
def is_known_label(text: str) -> bool:
    """A label of the national format: a row of table 二/三, a group, a header, 行政复议."""
    body = label_body(text)
    return is_furniture(text) or body == APPEALS_ANCHOR or body in active_labels()


# --- section headings ----------------------------------------------------------------

# Top-level headings are numbered 一、 or 1、 (seed 003); "(一)"/"(1)" number sub-headings.
_HEAD_ENUM = re.compile(r"^([一二三四五六123456])(?!\d)[、.,:：]?")
_TRAIL = re.compile(r"[。:：.,，;；]+$")
_NUMBERS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5}


def _heading_bodies() -> list[tuple[int, str]]:
    out = []
    for i, s in enumerate(f21.SECTIONS):
        out.append((i, label_body(s.heading)))
        out.extend((i, norm(v)) for v in s.variants)
    return out


_HEADING_BODIES = _heading_bodies()
# Loose keywords for headings that differ from the template (only with a matching number).
_HEADING_KEYWORDS = (
    ("总体情况",), ("主动公开",), ("申请",), ("复议", "诉讼"), ("问题",), ("其他",),
)


@lru_cache(maxsize=16384)
def heading_index(text: str) -> tuple[int, str] | None:
    """(section index, remainder) when the text is (or starts with) a section heading."""
    raw = norm(text)
    if not raw or len(raw) > 200:
        return None
    m = _HEAD_ENUM.match(raw)
    number = _NUMBERS.get(m.group(1)) if m else None
    body = raw[m.end():] if m else raw
    stripped = _TRAIL.sub("", body)
    for i, head in _HEADING_BODIES:
        if stripped == head:
            return i, ""
        if m and number == i and body.startswith(head) and len(body) > len(head):
            return i, body[len(head):].lstrip("。:：.,，")  # heading and text in one paragraph
    if m and number is not None and len(stripped) <= 24 and request_meaning(text).kind == "unknown":
        words = _HEADING_KEYWORDS[number]
        if all(w in stripped for w in words) and "年" not in stripped[:6]:
            return number, ""
    return None


# --- table 四 headers as converters print them ---------------------------------------------

# A converter that flattens table 四 runs its header cells together ("行政复议行政诉讼", "结果维持结果
# 纠正…") or names each of the 15 columns itself ("复议维持 复议纠正 … 复议后起诉总计").
_APPEAL_GROUP_WORD = r"(?:行政复议|复议|行政诉讼|诉讼|未经复议直接起诉|直接起诉|直诉|复议后起诉|复议后诉讼)"
_APPEAL_MEASURE_WORD = r"(?:结果)?(?:维持|纠正|其他(?:结果)?|尚未审结|未审结|总计|合计)"
_APPEAL_HEADER = re.compile(rf"^(?:{_APPEAL_GROUP_WORD}|{_APPEAL_GROUP_WORD}?{_APPEAL_MEASURE_WORD})+$")
_APPEAL_GROUP = re.compile(_APPEAL_GROUP_WORD)


@lru_cache(maxsize=4096)
def appeals_header(cell: str) -> bool:
    """Table 四's header as a converter printed it: several of its header words in one cell, or a
    column named by group and measure ("复议维持"). A single template header ("结果维持") is not:
    it is furniture wherever it stands."""
    body = norm(cell)
    if body in _HEADERS or body == APPEALS_ANCHOR or not _APPEAL_HEADER.match(body):
        return False
    return bool(_APPEAL_GROUP.search(body)) or len(body) > 4
