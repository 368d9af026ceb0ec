"""补正告知书 (条例第三十条): what to supply, by when and how; the reply period restarts on receipt."""
from __future__ import annotations

from datetime import date

from . import layout as L
from . import texts
from .texts import Facts


def paragraphs(f: Facts, items: str, until: date, online: str = "") -> L.Layout:
    """补正告知书 — 条例第三十条: what to supply, by when, how to submit; the clock restarts on receipt."""
    y = L.you(f.applicant_kind)
    body = [texts.received(f), f"经审查，{y}的申请内容不明确。根据{texts.LAW}第三十条的规定，现一次性告知{y}作出补正。需要补正的事项如下："]
    lines = texts.lines(items)
    body += [f"{i}. {line}" for i, line in enumerate(lines, 1)] if len(lines) > 1 else lines
    ways = []
    if online:
        ways.append(f"凭申请编号和查询码在{online}在线提交补正")
    if f.address:
        ways.append(f"将补正材料送交或者邮寄至{f.address}")
    how = f"{y}可以" + "，也可以".join(ways) + "。" if ways else "请将补正材料送交本机关政府信息公开工作机构。"
    body.append(f"请于{L.chinese_date(until)}前补正。{how}")
    body.append(f"答复期限自本机关收到补正的申请之日起计算。{y}无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。")
    return L.clean(texts.head(f, texts.TITLES["correction"]) + texts.end(f, body))
