"""Wording of the reply letters (政府信息公开申请答复告知书), one template per table 三 leaf.

Plain data, no Django. The legal bases follow spec §11.4 (the mapping of the 2019 条例's
第三十六条–第三十九条 decisions to rows R03–R23); rows the spec marks as interpretation are
noted where they are defined. Quotations of the 条例 are verbatim from the 2019 text [S1].

Placeholders in the paragraphs: ``{basis}`` (the legal basis, see :data:`LAW`),
``{other_agency}``, ``{fee}`` (an amount phrase such as "信息处理费120元"). A paragraph that
is exactly :data:`DETAILS` is replaced by the clerk's free text (one paragraph per line), or
by the template's ``default_details`` when the clerk wrote nothing, or dropped. A paragraph
with ``{other_agency}`` is dropped when no other agency is named.
"""
from __future__ import annotations

from dataclasses import dataclass

LAW = "《中华人民共和国政府信息公开条例》"
FEE_MEASURE = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
DETAILS = "{details}"

TITLE = "政府信息公开申请答复告知书"
REMEDY = "如对本答复不服，可以在收到本告知书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。"
CLOSING = "特此告知。"


@dataclass(frozen=True)
class Template:
    basis: str
    paragraphs: tuple[str, ...]
    default_details: str = ""


def _law(*articles: str) -> str:
    return LAW + "、".join(articles)


_NOT_DISCLOSED = "根据{basis}的规定，该政府信息不予公开。"
_MAY_WITHHOLD = "根据{basis}的规定，本机关决定不予公开。"

# Keyed by the LEAF_KEYS of zfxxgk.standard.format2021 (R03–R23), plus the variants
# "granted:proactive" (36(1)) and "unable_not_held:other_agency" (36(5)) that letters.py
# picks from the clerk's input.
TEMPLATES: dict[str, Template] = {
    # R03 （一）予以公开 — 第三十六条第（二）项 by default.
    "granted": Template(
        _law("第三十六条第（二）项"),
        ("经审查，您申请获取的政府信息属于可以公开的政府信息。根据{basis}的规定，本机关向您提供该政府信息。", DETAILS),
        "该政府信息详见附件。",
    ),
    # R03 when the information was already published proactively (spec: PRACTICE, UNCONFIRMED row).
    "granted:proactive": Template(
        _law("第三十六条第（一）项"),
        ("经审查，您申请获取的政府信息已经主动公开。根据{basis}的规定，现将获取该政府信息的方式、途径告知如下：", DETAILS),
    ),
    # R04 （二）部分公开 — 第三十七条 区分处理.
    "partially_granted": Template(
        _law("第三十七条"),
        (
            "经审查，您申请获取的信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理。"
            "根据{basis}的规定，本机关向您提供可以公开的政府信息内容，并对不予公开的内容说明理由如下：",
            DETAILS,
        ),
        "可以公开的政府信息内容详见附件。",
    ),
    # R05–R07: 第十四条 + 第三十六条第（三）项.
    "denied_state_secret": Template(
        _law("第十四条", "第三十六条第（三）项"),
        ("经审查，您申请获取的政府信息属于依法确定为国家秘密的政府信息。" + _NOT_DISCLOSED, DETAILS),
    ),
    "denied_prohibited_by_law": Template(
        _law("第十四条", "第三十六条第（三）项"),
        ("经审查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息。" + _NOT_DISCLOSED, DETAILS),
    ),
    "denied_three_securities_one_stability": Template(
        _law("第十四条", "第三十六条第（三）项"),
        ("经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。" + _NOT_DISCLOSED, DETAILS),
    ),
    # R08: 第十五条 (商业秘密、个人隐私) and 第三十二条 (third party consulted) + 第三十六条第（三）项.
    "denied_third_party_rights": Template(
        _law("第十五条", "第三十二条", "第三十六条第（三）项"),
        (
            "经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。"
            + _NOT_DISCLOSED,
            DETAILS,
        ),
    ),
    # R09–R11: 第十六条 (可以不予公开, hence "本机关决定") + 第三十六条第（三）项.
    "denied_internal_affairs": Template(
        _law("第十六条第一款", "第三十六条第（三）项"),
        ("经审查，您申请获取的政府信息属于行政机关的内部事务信息（人事管理、后勤管理、内部工作流程等方面的信息）。" + _MAY_WITHHOLD, DETAILS),
    ),
    "denied_process_information": Template(
        _law("第十六条第二款", "第三十六条第（三）项"),
        (
            "经审查，您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、"
            "磋商信函、请示报告等过程性信息。" + _MAY_WITHHOLD,
            DETAILS,
        ),
    ),
    "denied_law_enforcement_file": Template(
        _law("第十六条第二款", "第三十六条第（三）项"),
        ("经审查，您申请获取的政府信息属于行政执法案卷信息。" + _MAY_WITHHOLD, DETAILS),
    ),
    # R12 属于行政查询事项 — 第三十六条第（七）项 (spec: interpretation, UNCONFIRMED row).
    "denied_administrative_query": Template(
        _law("第三十六条第（七）项"),
        (
            "经审查，您申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定。"
            "根据{basis}的规定，请您依照有关法律、行政法规的规定办理。",
            DETAILS,
        ),
    ),
    # R13 本机关不掌握相关政府信息 — 第三十六条第（四）项 (信息不存在) by default …
    "unable_not_held": Template(
        _law("第三十六条第（四）项"),
        ("经检索，本机关没有您所申请公开的政府信息。根据{basis}的规定，现告知您该政府信息不存在。", DETAILS),
    ),
    # … or 第（五）项 when the information is another agency's to disclose (spec: UNCONFIRMED row).
    "unable_not_held:other_agency": Template(
        _law("第三十六条第（五）项"),
        (
            "经审查，您所申请公开的政府信息不属于本机关负责公开。根据{basis}的规定，现告知如下：",
            DETAILS,
            "负责公开该政府信息的行政机关为{other_agency}，您可以向该机关提出申请。",
        ),
    ),
    # R14 没有现成信息需要另行制作 — 第三十八条.
    "unable_needs_creation": Template(
        _law("第三十八条"),
        (
            "经审查，本机关向申请人提供的信息应当是已制作或者获取的政府信息。您申请获取的信息需要本机关对现有政府信息"
            "进行加工、分析方能形成，本机关没有现成的信息。根据{basis}的规定，本机关不予提供。",
            DETAILS,
        ),
    ),
    # R15 补正后申请内容仍不明确 — 第三十条.
    "unable_unclear_after_correction": Template(
        _law("第三十条"),
        (
            "经审查，您的申请内容不明确，本机关已根据{basis}的规定一次性告知您作出补正。您补正后的申请内容仍不明确，"
            "本机关无法确定您所申请公开的政府信息，因此无法向您提供。",
            DETAILS,
            "您可以在明确所需政府信息的名称、文号或者便于行政机关查询的其他特征性描述后，重新提出申请。",
        ),
    ),
    # R16 信访举报投诉类申请 — 第三十九条第一款.
    "not_handled_petition": Template(
        _law("第三十九条第一款"),
        (
            "经审查，您以政府信息公开申请的形式进行信访、投诉、举报等活动。根据{basis}的规定，"
            "本机关不作为政府信息公开申请处理。",
            DETAILS,
        ),
        "您可以通过信访、投诉、举报等相应渠道提出。",
    ),
    # R17 重复申请 — 第三十六条第（六）项.
    "not_handled_duplicate": Template(
        _law("第三十六条第（六）项"),
        (
            "经审查，本机关已就您提出的政府信息公开申请作出答复，您本次重复申请公开相同政府信息。"
            "根据{basis}的规定，本机关不予重复处理。",
            DETAILS,
        ),
    ),
    # R18 要求提供公开出版物 — 第三十九条第二款.
    "not_handled_publication": Template(
        _law("第三十九条第二款"),
        (
            "经审查，您的申请内容为要求本机关提供政府公报、报刊、书籍等公开出版物。根据{basis}的规定，"
            "现将获取的途径告知如下：",
            DETAILS,
        ),
        "您可以通过公开发行渠道获取，或者到国家档案馆、公共图书馆、政务服务场所设置的政府信息查阅场所查阅。",
    ),
    # R19 无正当理由大量反复申请 — 第三十五条.
    "not_handled_excessive": Template(
        _law("第三十五条"),
        (
            "经审查，您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由。本机关认为您的申请理由"
            "不合理。根据{basis}的规定，本机关不予处理。",
            DETAILS,
        ),
    ),
    # R20 要求行政机关确认或重新出具已获取信息.
    # UNCONFIRMED (spec §11.4 and §15 item 6): no article of the 条例 names this case; the
    # letter says "经审查" and cites 第三十六条 as a whole until an agency confirms its basis.
    "not_handled_confirmation": Template(
        _law("第三十六条"),
        (
            "经审查，您的申请内容为要求本机关确认或者重新出具您已获取的信息，不属于申请获取政府信息的情形。"
            "根据{basis}的规定，本机关不予处理。",
            DETAILS,
        ),
    ),
    # R21 逾期不补正 — 第三十条 (视为放弃申请).
    "other_no_correction": Template(
        _law("第三十条"),
        (
            "经审查，您的申请内容不明确，本机关已一次性告知您作出补正，说明了需要补正的事项和补正期限。"
            "您无正当理由逾期未补正。根据{basis}的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。",
            DETAILS,
        ),
    ),
    # R22 逾期未缴费 — 国办函〔2020〕109号 (视为放弃申请; the 20-workday payment period is the
    # measure's rule as restated in spec §12.4).
    "other_no_fee_payment": Template(
        FEE_MEASURE,
        (
            "本机关已向您发出收费通知，告知您应缴纳的{fee}及缴纳方式。您未在收到收费通知次日起20个工作日内缴纳费用。"
            "根据{basis}的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。",
            DETAILS,
        ),
    ),
    # R23 其他 — neutral: the regulation in general, the clerk says what happened.
    "other_other": Template(
        LAW,
        ("根据{basis}的有关规定，现将您申请的办理情况告知如下：", DETAILS),
        "本机关已办结该申请。",
    ),
}

# Outcomes whose letter is incomplete without the clerk's own text (a form should ask for it):
# 第三十七条 wants the reasons for the withheld parts, R23 says what happened.
DETAILS_EXPECTED = frozenset({"partially_granted", "other_other"})
