"""The text 生成草稿 writes into the report: templates filled with the year's facts.

Each section has a built-in text (:data:`BUILT_IN`); an administrator overrides it with a
:class:`~zfxxgk.annual.models.NarrativeTemplate` — the one of the nearest agency up the parent chain
wins, then one for all agencies, then the built-in text. A template names facts in braces:

    {year} {agency} {staff}
    {publications_sentence}  section 一's 主动公开: items first published in the year by top-level column,
                          and the 规章 / 规范性文件 made, repealed and in force (table 二 第（一）项)
    {new_received} {carried_over} {closed} {carried_forward}   表三 总计 of R01, R02, R24, R25
    {requests_sentence}   the applications received, closed (with the outcome mix) and carried forward
    {appeals_sentence}    行政复议 / 行政诉讼 counts, or the standard "未发生…" sentence
    {reconsideration} {litigation}
    {fee_sentence}        信息处理费 (国办函〔2020〕109号): notices, amount charged, or "本年度未收取信息处理费"
    {government_review}   for a 本级人民政府: the 工作考核、社会评议和责任追究结果 line (条例第五十条)

An unknown name in braces is left as written. The sentences are worded so that the checker's
narrative rules (W-NARR-REQ, W-NARR-NUM, W-NARR-SUM, W-CONTRA, T4-NARR, W-FEE-1/2, W-SEC5, W-YEAR,
W-PERIOD) find them consistent with the tables by construction: the numbers are the table's, a
stated total is the sum of the parts listed after it, and no phrase says "均已办结" or "未收到申请".
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..standard import format2021 as f21

# spec §2.4, verbatim (seeds 000 and 002): the legal basis and the statistical period.
OPENING = (
    "根据《中华人民共和国政府信息公开条例》（国务院令第711号）规定，以及《国务院办公厅政府信息与政务公开办公室"
    "关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制本报告。"
    "本报告所列数据的统计期限为{year}年1月1日至{year}年12月31日。"
)

# Section 一 in the five sub-headings of practice (spec §2.2; 国办公开办函〔2021〕30号).
BUILT_IN: dict[str, str] = {
    "preamble": OPENING,
    "overview": (
        "{year}年，{agency}深入贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，依法依规做好政府信息公开工作。\n"
        "（一）主动公开。{publications_sentence}\n"
        "（二）依申请公开。{requests_sentence}\n"
        "（三）政府信息管理。严格执行政府信息公开发布前保密审查，做好公开属性认定和已公开信息的动态更新。\n"
        "（四）政府信息公开平台建设。依托政府门户网站政府信息公开平台发布信息，及时维护栏目内容，保障平台稳定运行。\n"
        "（五）监督保障。本机关配备政府信息公开工作人员{staff}名，将政府信息公开工作纳入年度工作安排，加强业务学习，主动接受社会监督。{government_review}"
    ),
    "proactive": "本机关依照条例第二十条的规定主动公开政府信息，规章、行政规范性文件以及行政许可、行政处罚、行政强制、行政事业性收费情况如下。",
    "requests": "{requests_sentence}",
    "appeals": "{appeals_sentence}",
    "problems": (
        "存在的主要问题：一是政府信息公开工作人员业务能力有待进一步提升；二是主动公开内容的深度和广度有待拓展。\n"
        "改进情况：下一步，本机关将加强业务培训，规范办理流程，进一步提高政府信息公开工作质量。"
    ),
    "other": "{fee_sentence}\n本机关无其他需要报告的事项。",
}

# Outcome groups of table 三 as the mix sentence names them, in printed order.
OUTCOME_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("予以公开", ("granted",)),
    ("部分公开", ("partially_granted",)),
    ("不予公开", f21.GROUPS[0][2]),
    ("无法提供", f21.GROUPS[1][2]),
    ("不予处理", f21.GROUPS[2][2]),
    ("其他处理", f21.GROUPS[3][2]),
)

# The placeholders a template may use, as the admin explains them.
PLACEHOLDERS: dict[str, str] = {
    "year": "报告年度", "agency": "机关名称", "staff": "政府信息公开工作人员数",
    "new_received": "本年新收申请数", "carried_over": "上年结转申请数", "closed": "本年办结申请数",
    "carried_forward": "结转下年度申请数", "requests_sentence": "申请收到、办结和结转情况（整句）",
    "appeals_sentence": "行政复议、行政诉讼情况（整句）", "reconsideration": "行政复议件数", "litigation": "行政诉讼件数",
    "fee_sentence": "信息处理费收取情况（整句）", "government_review": "本级人民政府的考核、评议和责任追究结果句（部门为空）",
    "publications_sentence": "主动公开信息条数（按栏目）和规章、规范性文件制发、废止、现行有效件数（整句）",
}

GOVERNMENT_REVIEW = "本年度政府信息公开工作考核、社会评议和责任追究结果情况：【请据实填写】。"


@dataclass
class Facts:
    """The year's facts the templates speak of (taken from the report's own figures, so the text
    agrees with the tables even where a figure was entered by hand)."""

    year: int
    agency: str
    new_received: int = 0
    carried_over: int = 0
    closed: int = 0  # R24 （七）总计
    carried_forward: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)  # group label -> count
    reconsideration: int = 0
    litigation: int = 0
    staff: int = 0
    fee_notices: int = 0  # 收费通知 sent in the year
    fees_paid: int = 0  # applications whose fee was paid in the year
    fee_amount: int = 0  # 元
    no_fee_payment: int = 0  # R22 总计: notices went out (perhaps last year)
    is_government: bool = False
    publications: list[tuple[str, int]] = field(default_factory=list)  # (top-level column, items) of the year
    documents: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # "规章"/"规范性文件" -> table 二 (made, repealed, in force)

    def values(self) -> dict[str, str]:
        plain = {k: str(getattr(self, k)) for k in (
            "year", "agency", "new_received", "carried_over", "closed", "carried_forward",
            "reconsideration", "litigation", "staff")}
        return plain | {
            "publications_sentence": publications_sentence(self),
            "requests_sentence": requests_sentence(self),
            "appeals_sentence": appeals_sentence(self),
            "fee_sentence": fee_sentence(self),
            "government_review": GOVERNMENT_REVIEW if self.is_government else "",
        }


# Section 一's 主动公开 line before the platform published anything (and the text of earlier drafts).
PROACTIVE_GENERAL = "按照条例第十九条、第二十条的规定，通过政府信息公开专栏主动公开机构职能、政策文件、执法信息等政府信息"
_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")


def _column_name(name: str) -> str:
    """A column's name as the sentence prints it: its digits as Chinese numerals ("2024年专题" →
    "二〇二四年专题"), so that no number in a name is read as a count (W-NARR-SUM)."""
    return unicodedata.normalize("NFKC", name).translate(_DIGITS)


def _sums_agree(sentence: str) -> bool:
    """Whether the checker's W-NARR-SUM reads the sentence as consistent. The parts always add up to
    the total; this only guards against a column name the rule mistakes for a total of its own
    ("公共服务" reads as "共…"), when the breakdown is left out rather than flagged."""
    from ..reports.check import RULE_BY_ID, check
    from ..reports.model import ReportDocument

    return not check(ReportDocument(sections={"overview": sentence}), rules=[RULE_BY_ID["W-NARR-SUM"]])


def publications_sentence(f: Facts) -> str:
    """Section 一 （一）主动公开: "本年度通过政府信息公开专栏主动公开政府信息N条，其中A n条、B m条……；
    制发规范性文件N件，废止N件，现行有效N件。" The items are the publications first published in the
    year (publishing.queries.counts_by_column), so the total is the sum of the parts listed; the
    documents' figures are table 二 第（一）项 of the report itself (hand entries included), so the
    text agrees with the table. 规章 are named only when the table has some (most agencies may not
    make them, T2-REG-POWER). Without publications the general wording stays."""
    docs = "；".join(f"制发{name}{made}件，废止{repealed}件，现行有效{in_force}件"
                    for name, (made, repealed, in_force) in f.documents.items() if made or repealed or in_force)
    if not f.publications:
        return f"{PROACTIVE_GENERAL}{'；' + docs if docs else ''}，具体数据见第二部分。"
    total = sum(n for _, n in f.publications)
    head = f"本年度通过政府信息公开专栏主动公开政府信息{total}条"
    listed = "、".join(f"{_column_name(name)}{n}条" for name, n in f.publications)
    tail = f"；{docs}。" if docs else "。"
    sentence = f"{head}，其中{listed}{tail}"
    return sentence if _sums_agree(sentence) else f"{head}{tail}"


def requests_sentence(f: Facts) -> str:
    mix = "、".join(f"{name}{n}件" for name, n in f.outcomes.items() if n)
    closed = f"本年度办结政府信息公开申请{f.closed}件" + (f"，其中{mix}" if mix else "")
    return (f"本年度新收政府信息公开申请{f.new_received}件，上年结转政府信息公开申请{f.carried_over}件；"
            f"{closed}；结转下年度继续办理{f.carried_forward}件。")


def appeals_sentence(f: Facts) -> str:
    if not f.reconsideration and not f.litigation:
        return "本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"
    return f"本年度因政府信息公开工作被申请行政复议{f.reconsideration}件，被提起行政诉讼{f.litigation}件，具体情况见下表。"


def fee_sentence(f: Facts) -> str:
    """Section 六's 信息处理费 statement (spec §12.6; W-FEE-1). "未发出收费通知" only when table 三
    has no 逾期未缴费 row either (W-FEE-2)."""
    if f.fee_notices or f.fees_paid:
        return (f"依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本年度发出收费通知{f.fee_notices}件，"
                f"收取信息处理费{f.fees_paid}件，金额{f.fee_amount}元。")
    if f.no_fee_payment:
        return "本年度未收取信息处理费。"
    return "本年度未发出收费通知，未收取信息处理费。"


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template: str, values: dict[str, str]) -> str:
    """``template`` with its known ``{name}`` placeholders replaced; other braces are left alone."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def templates(agency) -> dict[str, str]:
    """The template of every text key for ``agency``: nearest agency up the chain, then the one for
    all agencies, then the built-in text. The opening sentence is the standard's, not editable."""
    from .models import NarrativeTemplate

    chain = []
    node = agency
    while node is not None and node.pk not in chain:
        chain.append(node.pk)
        node = node.parent
    rank = {pk: i for i, pk in enumerate(chain)} | {None: len(chain)}
    best: dict[str, tuple[int, str]] = {}
    rows = NarrativeTemplate.objects.filter(agency_id__in=chain) | NarrativeTemplate.objects.filter(agency__isnull=True)
    for row in rows:
        r = rank[row.agency_id]
        if row.section not in best or r < best[row.section][0]:
            best[row.section] = (r, row.text)
    return {key: best[key][1] if key in best else text for key, text in BUILT_IN.items()}


def render(agency, facts: Facts) -> dict[str, str]:
    """Every section's generated text (``preamble`` and the six of spec §2.1)."""
    values = facts.values()
    return {key: fill(text, values).strip() for key, text in templates(agency).items()}
