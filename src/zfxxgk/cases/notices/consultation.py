"""征求第三方意见书 (条例第三十二条): written to the third party, never naming the applicant."""
from __future__ import annotations

from . import layout as L
from . import texts
from .texts import Facts


def paragraphs(f: Facts, third_party: str, days: int, reply_to: str = "") -> L.Layout:
    """征求第三方意见书 — 条例第三十二条: written to the third party (never naming the applicant)."""
    when = f"于{L.chinese_date(f.received_on)}" if f.received_on else ""
    body = [
        f"本机关{when}收到政府信息公开申请，申请获取“{texts.short(f.description)}”（申请编号：{f.number}）。"
        "经审查，公开该政府信息可能损害贵方的合法权益。",
        f"根据{texts.LAW}第三十二条的规定，现书面征求贵方意见。请贵方自收到本意见书之日起{days}个工作日内提出意见，"
        "写明是否同意公开；不同意公开的，请说明理由" + (f"，并送交或者邮寄至{reply_to}。" if reply_to else "。"),
        "贵方逾期未提出意见的，由本机关依照条例的规定决定是否公开。贵方不同意公开且有合理理由的，本机关不予公开；"
        "本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知贵方。",
    ]
    head = [("title", texts.TITLES["consultation"]), ("number", f.doc_number or f"编号：{f.number}"), ("salutation", f"{third_party}：")]
    return L.clean(head + texts.end(f, body, "特此函询。"))
