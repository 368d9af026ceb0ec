"""What the notices share: the facts of the case they are about, their titles, the opening and the
closing paragraphs. Plain data, no Django; each notice's wording is in its own module
(:mod:`.correction`, :mod:`.consultation`, :mod:`.extension`, :mod:`.fee`, :mod:`.reply`)."""
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


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip()]


def head(f: Facts, title: str) -> L.Layout:
    return [("title", title), ("number", f.doc_number or f"编号：{f.number}"), ("salutation", f"{f.applicant}：")]


def received(f: Facts) -> str:
    y = L.you(f.applicant_kind)
    when = f"于{L.chinese_date(f.received_on)}" if f.received_on else ""
    return f"本机关{when}收到{y}提出的政府信息公开申请，申请获取“{short(f.description)}”（申请编号：{f.number}）。"


def end(f: Facts, body: list[str], closing: str = "特此告知。") -> L.Layout:
    return [("body", t) for t in [*body, closing]] + L.closing(f.agency, f.issued_on, f.contact_person, f.contact_phone)
