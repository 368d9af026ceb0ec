"""收费通知书 (国办函〔2020〕109号): the amount, how it was worked out, how and where to pay, the 20 working days."""
from __future__ import annotations

from . import layout as L
from . import texts
from .texts import Facts


def paragraphs(f: Facts, amount: int, working: str, method_label: str, payment: str, days: int) -> L.Layout:
    """收费通知书 — 国办函〔2020〕109号: the amount, how it was worked out, how and where to pay."""
    y = L.you(f.applicant_kind)
    body = [
        texts.received(f),
        f"根据{texts.FEE_MEASURE}的规定，本申请按{method_label}计收信息处理费：{working.rstrip('。')}，应缴纳信息处理费{amount}元（人民币）。",
    ]
    ways = texts.lines(payment)
    body.append("缴费方式：" + ("；".join(w.rstrip("。；;") for w in ways) + "。" if ways else "请与本机关政府信息公开工作机构联系。"))
    body.append(
        f"请{y}自收到本通知次日起{days}个工作日内缴纳费用。本机关收到费用后向{y}提供政府信息，并出具财政票据；"
        f"逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。发出收费通知至{y}缴纳费用期间不计算在答复期限内。"
    )
    return L.clean(texts.head(f, texts.TITLES["fee"]) + texts.end(f, body, "特此通知。"))
