"""The wording of the notices before the answer, one function per notice. Plain data, no Django.

Each returns the letter's ``(role, text)`` pairs (:mod:`.layout`); the reply letter's wording is in
:mod:`zfxxgk.cases.letters`. Articles are those of the 2019 条例 and 国办函〔2020〕109号.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import layout as L

LAW = "《中华人民共和国政府信息公开条例》"
FEE_MEASURE = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
SHORT_QUOTE = 60

TITLES = {
    "correction": "政府信息公开申请补正告知书",
    "consultation": "政府信息公开征求第三方意见书",
    "extension": "政府信息公开申请延期答复告知书",
    "fee": "政府信息公开信息处理费收费通知书",
    "reply": "政府信息公开申请答复告知书",
}


@dataclass(frozen=True)
class Facts:
    """What every notice about one application says: who writes to whom, about what, when."""

    agency: str
    applicant: str
    applicant_kind: str
    number: str  # the application's 依申请公开编号
    description: str
    received_on: date | None
    issued_on: date
    doc_number: str = ""  # 文号
    contact_person: str = ""
    contact_phone: str = ""
    address: str = ""  # where paper goes (通信地址 of the office)


def short(text: str, n: int = SHORT_QUOTE) -> str:
    """The request in a short form for a quotation: one line, at most ``n`` characters."""
    text = "；".join(p.strip().strip("“”\"").rstrip("。；;，, ") for p in text.splitlines() if p.strip())
    return text if len(text) <= n else text[:n].rstrip("，,；;、 ") + "……"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip()]


def _head(f: Facts, title: str) -> L.Layout:
    return [("title", title), ("number", f.doc_number or f"编号：{f.number}"), ("salutation", f"{f.applicant}：")]


def _received(f: Facts) -> str:
    y = L.you(f.applicant_kind)
    when = f"于{L.chinese_date(f.received_on)}" if f.received_on else ""
    return f"本机关{when}收到{y}提出的政府信息公开申请，申请获取“{short(f.description)}”（申请编号：{f.number}）。"


def _end(f: Facts, body: list[str], closing: str = "特此告知。") -> L.Layout:
    return [("body", t) for t in [*body, closing]] + L.closing(f.agency, f.issued_on, f.contact_person, f.contact_phone)


def correction(f: Facts, items: str, until: date, online: str = "") -> L.Layout:
    """补正告知书 — 条例第三十条: what to supply, by when, how to submit; the clock restarts on receipt."""
    y = L.you(f.applicant_kind)
    body = [_received(f), f"经审查，{y}的申请内容不明确。根据{LAW}第三十条的规定，现一次性告知{y}作出补正。需要补正的事项如下："]
    lines = _lines(items)
    body += [f"{i}. {line}" for i, line in enumerate(lines, 1)] if len(lines) > 1 else lines
    ways = []
    if online:
        ways.append(f"凭申请编号和查询码在{online}在线提交补正")
    if f.address:
        ways.append(f"将补正材料送交或者邮寄至{f.address}")
    how = f"{y}可以" + "，也可以".join(ways) + "。" if ways else "请将补正材料送交本机关政府信息公开工作机构。"
    body.append(f"请于{L.chinese_date(until)}前补正。{how}")
    body.append(f"答复期限自本机关收到补正的申请之日起计算。{y}无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。")
    return L.clean(_head(f, TITLES["correction"]) + _end(f, body))


def consultation(f: Facts, third_party: str, days: int, reply_to: str = "") -> L.Layout:
    """征求第三方意见书 — 条例第三十二条: written to the third party (never naming the applicant)."""
    when = f"于{L.chinese_date(f.received_on)}" if f.received_on else ""
    body = [
        f"本机关{when}收到政府信息公开申请，申请获取“{short(f.description)}”（申请编号：{f.number}）。"
        "经审查，公开该政府信息可能损害贵方的合法权益。",
        f"根据{LAW}第三十二条的规定，现书面征求贵方意见。请贵方自收到本意见书之日起{days}个工作日内提出意见，"
        "写明是否同意公开；不同意公开的，请说明理由" + (f"，并送交或者邮寄至{reply_to}。" if reply_to else "。"),
        "贵方逾期未提出意见的，由本机关依照条例的规定决定是否公开。贵方不同意公开且有合理理由的，本机关不予公开；"
        "本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知贵方。",
    ]
    head = [("title", TITLES["consultation"]), ("number", f.doc_number or f"编号：{f.number}"), ("salutation", f"{third_party}：")]
    return L.clean(head + _end(f, body, "特此函询。"))


def extension(f: Facts, days: int, reason: str, due_on: date | None, reply_days: int) -> L.Layout:
    """延期答复告知书 — 条例第三十三条第二款: the head agreed, the applicant is told, at most 20 days."""
    y = L.you(f.applicant_kind)
    why = " ".join(_lines(reason)).rstrip("。") or "需要进一步检索、核实"
    new_due = f"，本机关将于{L.chinese_date(due_on)}前作出答复" if due_on else ""
    body = [
        _received(f),
        f"因{why}，本机关不能在收到申请之日起{reply_days}个工作日内作出答复。根据{LAW}第三十三条第二款的规定，"
        f"经本机关政府信息公开工作机构负责人同意，答复期限延长{days}个工作日{new_due}。",
        f"征求意见、缴纳信息处理费等所需时间不计算在答复期限内，本机关将另行告知{y}。",
    ]
    return L.clean(_head(f, TITLES["extension"]) + _end(f, body))


def fee(f: Facts, amount: int, working: str, method_label: str, payment: str, days: int) -> L.Layout:
    """收费通知书 — 国办函〔2020〕109号: the amount, how it was worked out, how and where to pay."""
    y = L.you(f.applicant_kind)
    body = [
        _received(f),
        f"根据{FEE_MEASURE}的规定，本申请按{method_label}计收信息处理费：{working.rstrip('。')}，应缴纳信息处理费{amount}元（人民币）。",
    ]
    ways = _lines(payment)
    body.append("缴费方式：" + ("；".join(w.rstrip("。；;") for w in ways) + "。" if ways else "请与本机关政府信息公开工作机构联系。"))
    body.append(
        f"请{y}自收到本通知次日起{days}个工作日内缴纳费用。本机关收到费用后向{y}提供政府信息，并出具财政票据；"
        f"逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。发出收费通知至{y}缴纳费用期间不计算在答复期限内。"
    )
    return L.clean(_head(f, TITLES["fee"]) + _end(f, body, "特此通知。"))
