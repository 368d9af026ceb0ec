"""The 2021 national format (国办公开办函〔2021〕30号) as data.

Labels are verbatim from the template (full-width punctuation); keys are the fixed
JSON contract of spec §6. Nothing here does I/O or imports Django.
"""
from __future__ import annotations

from dataclasses import dataclass

FORMAT_2021 = "2021"
FORMAT_2019 = "2019"
FORMAT_PRE2019 = "pre2019"


@dataclass(frozen=True)
class Section:
    key: str
    number: str  # 一 .. 六
    heading: str  # canonical heading, as emitted by writers
    variants: tuple[str, ...] = ()  # other headings seen in the wild (without the number)


SECTIONS: tuple[Section, ...] = (
    Section("overview", "一", "一、总体情况"),
    Section("proactive", "二", "二、主动公开政府信息情况"),
    Section("requests", "三", "三、收到和处理政府信息公开申请情况", ("收到的处理政府信息公开申请情况",)),
    Section(
        "appeals",
        "四",
        "四、政府信息公开行政复议、行政诉讼情况",
        ("因政府信息公开工作被申请行政复议和提起行政诉讼情况", "政府信息公开行政复议行政诉讼情况"),
    ),
    Section(
        "problems",
        "五",
        "五、存在的主要问题及改进情况",
        ("政府信息公开工作存在的主要问题及改进情况", "存在问题及改进情况", "存在的主要问题和改进情况"),
    ),
    Section("other", "六", "六、其他需要报告的事项", ("其他需要报告的事项",)),
)
SECTION_KEYS = tuple(s.key for s in SECTIONS)


@dataclass(frozen=True)
class Row:
    code: str  # R01 .. R25
    key: str  # spec §6 key
    label: str  # the row's own label (leaf label for leaves)
    group: str | None = None  # （三）不予公开 … for leaves of a group
    level1: str | None = None  # 三、本年度办理结果 for rows under it

    @property
    def is_leaf(self) -> bool:  # an outcome row counted in （七）总计
        return self.level1 is not None and self.key != "total"


_L3 = "三、本年度办理结果"
_G3, _G4, _G5, _G6 = "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"

# Table 三 rows in printed order (spec §4.3, keys of §6).
REQUEST_ROWS: tuple[Row, ...] = (
    Row("R01", "new_received", "一、本年新收政府信息公开申请数量"),
    Row("R02", "carried_over", "二、上年结转政府信息公开申请数量"),
    Row("R03", "granted", "（一）予以公开", None, _L3),
    Row("R04", "partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None, _L3),
    Row("R05", "denied_state_secret", "1.属于国家秘密", _G3, _L3),
    Row("R06", "denied_prohibited_by_law", "2.其他法律行政法规禁止公开", _G3, _L3),
    Row("R07", "denied_three_securities_one_stability", "3.危及“三安全一稳定”", _G3, _L3),
    Row("R08", "denied_third_party_rights", "4.保护第三方合法权益", _G3, _L3),
    Row("R09", "denied_internal_affairs", "5.属于三类内部事务信息", _G3, _L3),
    Row("R10", "denied_process_information", "6.属于四类过程性信息", _G3, _L3),
    Row("R11", "denied_law_enforcement_file", "7.属于行政执法案卷", _G3, _L3),
    Row("R12", "denied_administrative_query", "8.属于行政查询事项", _G3, _L3),
    Row("R13", "unable_not_held", "1.本机关不掌握相关政府信息", _G4, _L3),
    Row("R14", "unable_needs_creation", "2.没有现成信息需要另行制作", _G4, _L3),
    Row("R15", "unable_unclear_after_correction", "3.补正后申请内容仍不明确", _G4, _L3),
    Row("R16", "not_handled_petition", "1.信访举报投诉类申请", _G5, _L3),
    Row("R17", "not_handled_duplicate", "2.重复申请", _G5, _L3),
    Row("R18", "not_handled_publication", "3.要求提供公开出版物", _G5, _L3),
    Row("R19", "not_handled_excessive", "4.无正当理由大量反复申请", _G5, _L3),
    Row("R20", "not_handled_confirmation", "5.要求行政机关确认或重新出具已获取信息", _G5, _L3),
    Row("R21", "other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", _G6, _L3),
    Row("R22", "other_no_fee_payment", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", _G6, _L3),
    Row("R23", "other_other", "3.其他", _G6, _L3),
    Row("R24", "total", "（七）总计", None, _L3),
    Row("R25", "carried_forward", "四、结转下年度继续办理"),
)
ROW_BY_KEY = {r.key: r for r in REQUEST_ROWS}
ROW_KEYS = tuple(r.key for r in REQUEST_ROWS)
LEAF_KEYS = tuple(r.key for r in REQUEST_ROWS if r.is_leaf)  # the 21 outcome leaves R03–R23
GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # (subtotal key, group label, leaf keys) — subtotals are derived, never printed
    ("denied_subtotal", _G3, tuple(r.key for r in REQUEST_ROWS if r.group == _G3)),
    ("unable_subtotal", _G4, tuple(r.key for r in REQUEST_ROWS if r.group == _G4)),
    ("not_handled_subtotal", _G5, tuple(r.key for r in REQUEST_ROWS if r.group == _G5)),
    ("other_subtotal", _G6, tuple(r.key for r in REQUEST_ROWS if r.group == _G6)),
)
TABLE3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


@dataclass(frozen=True)
class Column:
    code: str
    key: str
    label: str
    group: str | None = None


REQUEST_COLUMNS: tuple[Column, ...] = (
    Column("C1", "natural_person", "自然人"),
    Column("C2", "commercial", "商业企业", "法人或其他组织"),
    Column("C3", "research", "科研机构", "法人或其他组织"),
    Column("C4", "social_welfare", "社会公益组织", "法人或其他组织"),
    Column("C5", "legal_service", "法律服务机构", "法人或其他组织"),
    Column("C6", "other_org", "其他", "法人或其他组织"),
    Column("C7", "total", "总计"),
)
COLUMN_KEYS = tuple(c.key for c in REQUEST_COLUMNS)
APPLICANT_KEYS = COLUMN_KEYS[:6]  # C1..C6, the columns summed into 总计
COLUMN_BY_KEY = {c.key: c for c in REQUEST_COLUMNS}

# Table 四 (identical in 2019 and 2021).
APPEAL_GROUPS: tuple[tuple[str, str], ...] = (
    ("reconsideration", "行政复议"),
    ("litigation_direct", "未经复议直接起诉"),
    ("litigation_after_reconsideration", "复议后起诉"),
)
APPEAL_MEASURES: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
APPEAL_PARTS = tuple(k for k, _ in APPEAL_MEASURES if k != "total")


@dataclass(frozen=True)
class ActiveItem:
    """One row of table 二: its block, label, and the paths of its value cells."""

    block: str  # 第二十条第（一）项
    label: str
    key: str
    measures: tuple[tuple[str, str], ...]  # (measure key, column header); () = single value

    def paths(self) -> tuple[str, ...]:
        if not self.measures:
            return (f"active.{self.key}",)
        return tuple(f"active.{self.key}.{m}" for m, _ in self.measures)


_DOCS = (("made", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数"))
FEE_HEADER = "本年收费金额（单位：万元）"
DECISIONS_HEADER = "本年处理决定数量"
ACTIVE_ITEMS: tuple[ActiveItem, ...] = (
    ActiveItem("第二十条第（一）项", "规章", "regulations", _DOCS),
    ActiveItem("第二十条第（一）项", "行政规范性文件", "normative_documents", _DOCS),
    ActiveItem("第二十条第（五）项", "行政许可", "licensing", ()),
    ActiveItem("第二十条第（六）项", "行政处罚", "penalty", ()),
    ActiveItem("第二十条第（六）项", "行政强制", "coercion", ()),
    ActiveItem("第二十条第（八）项", "行政事业性收费", "fees_wan_yuan", ()),
)
ACTIVE_BLOCKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # (block title, column headers after 信息内容)
    ("第二十条第（一）项", tuple(h for _, h in _DOCS)),
    ("第二十条第（五）项", (DECISIONS_HEADER,)),
    ("第二十条第（六）项", (DECISIONS_HEADER,)),
    ("第二十条第（八）项", (FEE_HEADER,)),
)
DECIMAL_PATHS = frozenset({"active.fees_wan_yuan"})


def request_paths() -> tuple[str, ...]:
    return tuple(f"requests.{r}.{c}" for r in ROW_KEYS for c in COLUMN_KEYS)


def appeal_paths() -> tuple[str, ...]:
    return tuple(f"appeals.{g}.{m}" for g, _ in APPEAL_GROUPS for m, _ in APPEAL_MEASURES)


def active_paths() -> tuple[str, ...]:
    return tuple(p for item in ACTIVE_ITEMS for p in item.paths())


ALL_PATHS_2021 = active_paths() + request_paths() + appeal_paths()
