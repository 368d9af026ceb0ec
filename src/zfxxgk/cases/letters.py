"""Reply letters (政府信息公开申请答复告知书) for the 21 outcomes of table 三 (R03–R23).

Plain Python, no Django: the case views fill a :class:`LetterData` from an application and
call :func:`render_letter`; anything else (scripts, tests) can do the same without a server.

* :func:`letter_text` gives the paragraphs (title, 文号, 称谓, body, 联系人, 落款).
* :func:`legal_basis` gives an outcome's default legal basis (spec §11.4); :func:`basis_for`
  the basis a given letter cites, which differs from the default in two places the spec
  allows: R03 cites 第三十六条第（一）项 when ``details`` says the information 已主动公开, and
  R13 cites 第三十六条第（五）项 when ``other_agency`` is named or ``details`` says the
  information is not this agency's to disclose.
* :func:`render_letter` lays the letter out in the official letter layout shared by every notice
  (:mod:`.notices.layout`) as DOCX, HTML, or PDF (WeasyPrint; optional extra ``zfxxgk[pdf]``).

The letter addresses the applicant by kind (您 / 贵单位), quotes the request in a short form,
says when the clock started again after a 补正 (条例第三十条), and names the 复议机关 and the
court of the agency in the 救济途径 sentence (条例第五十一条) when the agency has set them.
The wording per outcome lives in :mod:`.letter_texts`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..standard.format2021 import LEAF_KEYS
from .notices import layout as letter_layout
from .notices.layout import chinese_date
from . import letter_texts as texts

TITLE = texts.TITLE
FORMATS = letter_layout.FORMATS


@dataclass(frozen=True)
class LetterData:
    agency: str  # 受理机关
    number: str  # 依申请公开编号
    applicant: str  # 申请人姓名或名称
    received_on: date  # 收到申请之日
    description: str  # 申请内容（所需信息的描述）
    outcome: str  # one of the 21 LEAF_KEYS
    replied_on: date
    details: str = ""  # free text by the clerk: what is provided / why refused / which agency to ask …
    other_agency: str = ""  # 第三十六条（五）: the agency that holds it (name, contact), when known
    fee_amount: int | None = None  # 元: the fee noticed (R22) or charged (other outcomes)
    applicant_kind: str = "natural_person"  # 称谓: 您 for a person, 贵单位 for an organisation
    doc_number: str = ""  # 文号 of this letter (e.g. 湘县司依申复〔2026〕15号); blank: the application's number
    reconsideration_body: str = ""  # 复议机关 named in the 救济途径 sentence
    court: str = ""  # 人民法院 named in the 救济途径 sentence
    correction_requested_on: date | None = None  # 条例第三十条: the 补正 notice …
    corrected_on: date | None = None  # … and the day the corrected application arrived (the clock restarts)
    contact_person: str = ""
    contact_phone: str = ""


# -- wording -------------------------------------------------------------------------------
SHORT_QUOTE = 60  # characters of the request quoted in the letter (the request itself may hold 2,000)


def _check_outcome(outcome: str) -> None:
    if outcome not in LEAF_KEYS:
        raise ValueError(f"未知的办理结果：“{outcome}”，应为年度报告表三第三项（R03–R23）的办理结果之一")


def legal_basis(outcome: str) -> str:
    """The default legal basis of an outcome, e.g. 《中华人民共和国政府信息公开条例》第三十六条第（二）项."""
    _check_outcome(outcome)
    return texts.TEMPLATES[outcome].basis


# 已主动公开 / 已经在…主动公开, without a negation in between (未/不/非/无 …主动公开 is not a hint).
_PROACTIVE = re.compile(r"已(?:经)?[^，,。；;！？!?\n不未非无]{0,40}?主动公开")
_NOT_OURS = re.compile(r"不属于本(?:机关|单位|部门|局|委|厅|办|院|府)(?:负责公开|的?职责|的?职能)")


def template_key(d: LetterData) -> str:
    """Which template a letter uses: the outcome, or one of its two variants (see module doc)."""
    _check_outcome(d.outcome)
    if d.outcome == "granted" and _PROACTIVE.search(d.details):
        return "granted:proactive"
    if d.outcome == "unable_not_held" and (d.other_agency.strip() or _NOT_OURS.search(d.details)):
        return "unable_not_held:other_agency"
    return d.outcome


def basis_for(d: LetterData) -> str:
    """The legal basis this letter cites (the outcome's default unless a variant applies)."""
    return texts.TEMPLATES[template_key(d)].basis


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # XML cannot hold these
_SENTENCE_END = tuple("。！？!?；;：:…")


def _clean(text: str) -> str:
    return _CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in _clean(text).split("\n") if line.strip()]


def _sentence(text: str) -> str:
    return text if text.endswith(_SENTENCE_END) else text + "。"


def _description(text: str) -> str:
    # Inside “…”: several lines become one, and the letter's own quotes and full stop frame it.
    parts = (line.strip("“”\"「」").rstrip("。.；;，, ").strip("“”\"「」") for line in _lines(text))
    joined = "；".join(p for p in parts if p)
    return joined if len(joined) <= SHORT_QUOTE else joined[:SHORT_QUOTE].rstrip("，,；;、 ") + "……"


def remedy(reconsideration_body: str = "", court: str = "") -> str:
    """The 救济途径 sentence (条例第五十一条; 行政复议法第二十条: 60 days, 行政诉讼法第四十六条: six months),
    naming the 复议机关 and the court when the agency has set them."""
    body, court = " ".join(reconsideration_body.split()), " ".join(court.split())
    if not body and not court:
        return texts.REMEDY
    first = f"向{body}申请行政复议" if body else "依法申请行政复议"
    second = f"向{court}提起行政诉讼" if court else "依法提起行政诉讼"
    return f"如对本答复不服，可以在收到本告知书之日起六十日内{first}，或者在六个月内{second}。"


def _check(d: LetterData) -> None:
    _check_outcome(d.outcome)
    for label, value in (("受理机关", d.agency), ("编号", d.number), ("申请人", d.applicant), ("申请内容", d.description)):
        if not _lines(value):
            raise ValueError(f"答复告知书缺少{label}")
    if d.replied_on < d.received_on:
        raise ValueError(f"答复日期（{chinese_date(d.replied_on)}）早于收到申请之日（{chinese_date(d.received_on)}）")
    if d.corrected_on and not d.received_on <= d.corrected_on <= d.replied_on:
        raise ValueError(f"收到补正之日（{chinese_date(d.corrected_on)}）应在收到申请之日与答复日期之间")
    if d.fee_amount is not None and d.fee_amount < 0:
        raise ValueError("信息处理费金额不能为负数")


def paragraphs(d: LetterData) -> letter_layout.Layout:
    """The letter as (role, text) pairs; roles: title, number, salutation, body, contact, signature."""
    _check(d)
    tpl = texts.TEMPLATES[template_key(d)]
    fee = "信息处理费数额" if d.fee_amount is None else f"信息处理费{d.fee_amount}元"
    fields = {"basis": tpl.basis, "other_agency": " ".join(_lines(d.other_agency)), "fee": fee}
    details = [_sentence(line) for line in _lines(d.details)]

    number = " ".join(_lines(d.doc_number)) or f"编号：{' '.join(_lines(d.number))}"
    out = [("title", TITLE), ("number", number)]
    out.append(("salutation", f"{' '.join(_lines(d.applicant))}："))
    y = letter_layout.you(d.applicant_kind)
    body = [
        f"本机关于{chinese_date(d.received_on)}收到{y}提出的政府信息公开申请，申请获取“{_description(d.description)}”"
        + (f"（申请编号：{' '.join(_lines(d.number))}）。" if d.doc_number.strip() else "。")
    ]
    if d.corrected_on:  # 条例第三十条: the reply period ran from the day the corrected application arrived
        asked = f"本机关于{chinese_date(d.correction_requested_on)}告知{y}补正申请，" if d.correction_requested_on else ""
        body.append(f"{asked}于{chinese_date(d.corrected_on)}收到{y}补正后的申请，答复期限自该日起计算。")
    for para in tpl.paragraphs:
        if para == texts.DETAILS:
            body.extend(details or [letter_layout.addressed(x, d.applicant_kind) for x in _lines(tpl.default_details)])
        elif "{other_agency}" in para and not fields["other_agency"]:
            continue
        else:
            body.append(letter_layout.addressed(para, d.applicant_kind).format(**fields))
    if d.fee_amount and d.outcome != "other_no_fee_payment":
        body.append(f"本申请依据{texts.FEE_MEASURE}收取信息处理费{d.fee_amount}元。")
    body.append(remedy(d.reconsideration_body, d.court))  # every outcome, R03 included
    body.append(texts.CLOSING)
    out.extend(("body", text) for text in body)
    out.extend(letter_layout.closing(d.agency, d.replied_on, d.contact_person, d.contact_phone))
    return letter_layout.clean(out)


def letter_text(d: LetterData) -> list[str]:
    """The letter's paragraphs in order, from the title to the reply date."""
    return [text for _, text in paragraphs(d)]


# -- rendering -----------------------------------------------------------------------------
def render_letter(d: LetterData, fmt: str) -> bytes:
    """The letter as ``docx``, ``pdf`` or ``html`` (UTF-8) bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"不支持的答复告知书格式：“{fmt}”，可选 {'、'.join(FORMATS)}")
    subject = d.doc_number.strip() or d.number.strip()
    return letter_layout.render(paragraphs(d), fmt, title=TITLE, subject=subject, author=d.agency.strip())


def to_html(d: LetterData) -> str:
    return render_letter(d, "html").decode("utf-8")
