"""Reply letters (政府信息公开申请答复告知书) for the 21 outcomes of table 三 (R03–R23).

Plain Python, no Django: the case views fill a :class:`LetterData` from an application and
call :func:`render_letter`; anything else (scripts, tests) can do the same without a server.

* :func:`letter_text` gives the paragraphs (title, number, addressee, body, signature).
* :func:`legal_basis` gives an outcome's default legal basis (spec §11.4); :func:`basis_for`
  the basis a given letter cites, which differs from the default in two places the spec
  allows: R03 cites 第三十六条第（一）项 when ``details`` says the information 已主动公开, and
  R13 cites 第三十六条第（五）项 when ``other_agency`` is named or ``details`` says the
  information is not this agency's to disclose.
* :func:`render_letter` lays the letter out as DOCX (python-docx, A4, 黑体 title, 仿宋 body),
  HTML, or PDF (WeasyPrint from the HTML; optional extra ``zfxxgk[pdf]``).

The wording per outcome lives in :mod:`.letter_texts`.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from html import escape
from io import BytesIO

from ..reports.errors import MissingExtraError
from ..standard.format2021 import LEAF_KEYS
from ..text import printable
from . import letter_texts as texts

TITLE = texts.TITLE
FORMATS = ("docx", "pdf", "html")


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


# -- wording -------------------------------------------------------------------------------
def chinese_date(d: date) -> str:
    """2021年3月5日 (no zero padding, no platform-specific strftime flags)."""
    return f"{d.year}年{d.month}月{d.day}日"


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
    return "；".join(p for p in parts if p)


def _check(d: LetterData) -> None:
    _check_outcome(d.outcome)
    for label, value in (("受理机关", d.agency), ("编号", d.number), ("申请人", d.applicant), ("申请内容", d.description)):
        if not _lines(value):
            raise ValueError(f"答复告知书缺少{label}")
    if d.replied_on < d.received_on:
        raise ValueError(f"答复日期（{chinese_date(d.replied_on)}）早于收到申请之日（{chinese_date(d.received_on)}）")
    if d.fee_amount is not None and d.fee_amount < 0:
        raise ValueError("信息处理费金额不能为负数")


def _layout(d: LetterData) -> list[tuple[str, str]]:
    """The letter as (role, text) pairs; roles: title, number, salutation, body, signature."""
    _check(d)
    tpl = texts.TEMPLATES[template_key(d)]
    fee = "信息处理费数额" if d.fee_amount is None else f"信息处理费{d.fee_amount}元"
    fields = {"basis": tpl.basis, "other_agency": " ".join(_lines(d.other_agency)), "fee": fee}
    details = [_sentence(line) for line in _lines(d.details)]

    out = [("title", TITLE), ("number", f"编号：{' '.join(_lines(d.number))}")]
    out.append(("salutation", f"{' '.join(_lines(d.applicant))}："))
    out.append(
        (
            "body",
            f"本机关于{chinese_date(d.received_on)}收到您（单位）提出的政府信息公开申请，"
            f"申请获取“{_description(d.description)}”。",
        )
    )
    for para in tpl.paragraphs:
        if para == texts.DETAILS:
            out.extend(("body", line) for line in details or _lines(tpl.default_details))
        elif "{other_agency}" in para and not fields["other_agency"]:
            continue
        else:
            out.append(("body", para.format(**fields)))
    if d.fee_amount and d.outcome != "other_no_fee_payment":
        out.append(("body", f"本申请依据{texts.FEE_MEASURE}收取信息处理费{d.fee_amount}元。"))
    out.append(("body", texts.REMEDY))  # every outcome, R03 included
    out.append(("body", texts.CLOSING))
    out.append(("signature", " ".join(_lines(d.agency))))
    out.append(("signature", chinese_date(d.replied_on)))
    # Stored text may hold what XML cannot (records from before the input rule): never a failed letter.
    return [(role, printable(text)) for role, text in out]


def letter_text(d: LetterData) -> list[str]:
    """The letter's paragraphs in order, from the title to the reply date."""
    return [text for _, text in _layout(d)]


# -- rendering -----------------------------------------------------------------------------
def render_letter(d: LetterData, fmt: str) -> bytes:
    """The letter as ``docx``, ``pdf`` or ``html`` (UTF-8) bytes."""
    if fmt == "docx":
        return to_docx(d)
    if fmt == "html":
        return to_html(d).encode("utf-8")
    if fmt == "pdf":
        return to_pdf(d)
    raise ValueError(f"不支持的答复告知书格式：“{fmt}”，可选 {'、'.join(FORMATS)}")


CSS = """
@page { size: A4; margin: 3.7cm 2.6cm 3.5cm 2.8cm; }
html { background: #fff; color: #000; }
body { font-family: "FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "Noto Serif CJK SC", serif;
       font-size: 16pt; line-height: 28pt; max-width: 15.6cm; margin: 0 auto; }
h1 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-weight: normal;
     font-size: 22pt; line-height: 1.4; text-align: center; margin: 0 0 0.5em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.number { text-indent: 0; text-align: center; margin-bottom: 28pt; }
p.salutation { text-indent: 0; }
p.signature { text-indent: 0; text-align: right; }
p.signature.first { margin-top: 56pt; }
@media print { body { max-width: none; } }
"""


def to_html(d: LetterData) -> str:
    parts, first_signature = [], True
    for role, text in _layout(d):
        if role == "title":
            parts.append(f"<h1>{escape(text)}</h1>")
        elif role == "signature":
            cls = "signature first" if first_signature else "signature"
            first_signature = False
            parts.append(f'<p class="{cls}">{escape(text)}</p>')
        elif role == "body":
            parts.append(f"<p>{escape(text)}</p>")
        else:
            parts.append(f'<p class="{role}">{escape(text)}</p>')
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(TITLE)}（{escape(d.number.strip())}）</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def to_pdf(d: LetterData) -> bytes:
    page = to_html(d)  # validate before the (slow) import
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # not installed, or Pango/HarfBuzz libraries missing
        raise MissingExtraError("生成 PDF", "pdf", f"weasyprint unavailable: {exc!r}") from exc
    for name in ("weasyprint", "fontTools"):  # they log every unsupported property and subsetting step
        logging.getLogger(name).setLevel(logging.WARNING)
    return weasyprint.HTML(string=page).write_pdf()


# DOCX: A4 with the GB/T 9704 margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm),
# title 黑体 二号, body 仿宋 三号 at a fixed 28 pt line pitch. Word takes East-Asian font names
# only from w:rFonts/@w:eastAsia, and theme fonts would win over them, so those are removed.
LATIN = "Times New Roman"
TITLE_FONT, BODY_FONT = "黑体", "仿宋"


def to_docx(d: LetterData) -> bytes:
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_LINE_SPACING, WD_PARAGRAPH_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    layout = _layout(d)
    body_size, title_size, line = Pt(16), Pt(22), Pt(28)

    from ..reports.write.docx_fonts import indent_chars, set_fonts

    def fonts(rpr, east_asia: str) -> None:
        set_fonts(rpr, east_asia, LATIN)

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)

    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:  # drop the template's theme fonts (minorEastAsia …)
        for rfonts in defaults.iter(qn("w:rFonts")):
            fonts(rfonts.getparent(), BODY_FONT)

    styles = document.styles
    normal = styles["Normal"]
    rpr = normal.element.get_or_add_rPr()
    fonts(rpr, BODY_FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)
    normal.font.size = body_size
    fmt = normal.paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, line
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.alignment = WD_PARAGRAPH_ALIGNMENT.JUSTIFY
    indent_chars(fmt, 2, body_size)

    def style(name: str, align, size=body_size, font: str | None = None, before=None, after=None):
        st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = normal
        if font:
            fonts(st.element.get_or_add_rPr(), font)
        st.font.size = size
        pf = st.paragraph_format
        pf.alignment = align
        indent_chars(pf, 0, size)
        if size != body_size:
            pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
        if before is not None:
            pf.space_before = before
        if after is not None:
            pf.space_after = after
        return st

    style("Letter Title", WD_PARAGRAPH_ALIGNMENT.CENTER, title_size, TITLE_FONT, after=Pt(14))
    style("Letter Number", WD_PARAGRAPH_ALIGNMENT.CENTER, after=line)
    style("Letter Salutation", WD_PARAGRAPH_ALIGNMENT.LEFT)
    style("Letter Signature", WD_PARAGRAPH_ALIGNMENT.RIGHT)
    style("Letter Signature First", WD_PARAGRAPH_ALIGNMENT.RIGHT, before=Pt(56))
    names = {"title": "Letter Title", "number": "Letter Number", "salutation": "Letter Salutation"}

    first_signature = True
    for role, text in layout:
        if role == "signature":
            name = "Letter Signature First" if first_signature else "Letter Signature"
            first_signature = False
        else:
            name = names.get(role, "Normal")
        document.add_paragraph(text, name)

    props = document.core_properties
    props.title, props.subject, props.author = TITLE, d.number.strip(), d.agency.strip()
    props.comments = ""
    out = BytesIO()
    document.save(out)
    return out.getvalue()
