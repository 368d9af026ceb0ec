"""延期答复告知书 (条例第三十三条第二款): the office head agreed; the applicant is told the days, the reason and the new date."""
from __future__ import annotations

from datetime import date

from . import layout as L
from . import texts
from .texts import Facts


def paragraphs(f: Facts, days: int, reason: str, due_on: date | None, reply_days: int) -> L.Layout:
    """延期答复告知书 — 条例第三十三条第二款: the head agreed, the applicant is told, at most 20 days."""
    y = L.you(f.applicant_kind)
    why = " ".join(texts.lines(reason)).rstrip("。") or "需要进一步检索、核实"
    new_due = f"，本机关将于{L.chinese_date(due_on)}前作出答复" if due_on else ""
    body = [
        texts.received(f),
        f"因{why}，本机关不能在收到申请之日起{reply_days}个工作日内作出答复。根据{texts.LAW}第三十三条第二款的规定，"
        f"经本机关政府信息公开工作机构负责人同意，答复期限延长{days}个工作日{new_due}。",
        f"征求意见、缴纳信息处理费等所需时间不计算在答复期限内，本机关将另行告知{y}。",
    ]
    return L.clean(texts.head(f, texts.TITLES["extension"]) + texts.end(f, body))
