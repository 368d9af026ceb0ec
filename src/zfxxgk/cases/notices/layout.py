"""The official letter layout shared by every notice (告知书、通知书、意见书). Plain Python, no Django.

A letter is a list of ``(role, text)`` pairs — title, number (文号), salutation (称谓), body, contact
(联系人、联系电话), signature (落款: the agency, then the date) — rendered here as HTML, PDF
(WeasyPrint from the HTML) or DOCX (python-docx) on A4 with the GB/T 9704 margins.

The 落款 and date never stand alone on a page: the last body paragraph, the contact line and the
落款 are one block that does not break (``break-inside: avoid`` in the PDF; "keep with next" and
"keep lines together" in Word). Space above the 落款 leaves room for the seal (印章).
"""
from __future__ import annotations

import logging
from datetime import date
from html import escape
from io import BytesIO

from ...reports.errors import MissingExtraError
from ...text import printable

FORMATS = ("docx", "pdf", "html")
ROLES = ("title", "number", "salutation", "body", "contact", "signature")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}

Layout = list[tuple[str, str]]


def chinese_date(d: date) -> str:
    """2021年3月5日 (no zero padding, no platform-specific strftime flags)."""
    return f"{d.year}年{d.month}月{d.day}日"


def you(applicant_kind: str) -> str:
    """申请人称谓: 您 for a person, 贵单位 for a legal person or other organisation."""
    return "您" if applicant_kind in ("", "natural_person") else "贵单位"


def addressed(text: str, applicant_kind: str) -> str:
    """A body written to “您” addressed to an organisation instead (贵单位)."""
    return text if you(applicant_kind) == "您" else text.replace("您（单位）", "贵单位").replace("您", "贵单位")


def closing(agency: str, on: date, contact_person: str = "", contact_phone: str = "") -> Layout:
    """联系人、联系电话 and the 落款 (agency, date) that end every letter."""
    out: Layout = []
    contact = "；".join(p for p in (f"联系人：{contact_person.strip()}" if contact_person.strip() else "",
                                    f"联系电话：{contact_phone.strip()}" if contact_phone.strip() else "") if p)
    if contact:
        out.append(("contact", contact + "。"))
    out.append(("signature", " ".join(agency.split())))
    out.append(("signature", chinese_date(on)))
    return out


def clean(layout: Layout) -> Layout:
    """Stored text may hold what XML cannot (records from before the input rule): never a failed letter."""
    return [(role, printable(text)) for role, text in layout]


def render(layout: Layout, fmt: str, *, title: str, subject: str = "", author: str = "") -> bytes:
    if fmt == "docx":
        return to_docx(layout, title=title, subject=subject, author=author)
    if fmt == "html":
        return to_html(layout, title=title, subject=subject).encode("utf-8")
    if fmt == "pdf":
        return to_pdf(layout, title=title, subject=subject)
    raise ValueError(f"不支持的文书格式：“{fmt}”，可选 {'、'.join(FORMATS)}")


CLOSING_PHRASE = 10  # 特此告知。特此通知。特此函询。: a closing formula, not the letter's last say


def _tail_start(layout: Layout) -> int:
    """Index of the first paragraph of the block kept together: the last body paragraph onwards, and
    the one before it when the last is only the closing formula (特此告知。)."""
    bodies = [i for i, (role, _) in enumerate(layout) if role == "body"]
    if not bodies:
        return next((i for i, (role, _) in enumerate(layout) if role in ("contact", "signature")), len(layout))
    if len(bodies) > 1 and len(layout[bodies[-1]][1]) <= CLOSING_PHRASE:
        return bodies[-2]
    return bodies[-1]


CSS = """
@page { size: A4; margin: 3.7cm 2.6cm 3.5cm 2.8cm; }
html { background: #fff; color: #000; }
body { font-family: "FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "Noto Serif CJK SC", serif;
       font-size: 16pt; line-height: 28pt; max-width: 15.6cm; margin: 0 auto; }
h1 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-weight: normal;
     font-size: 22pt; line-height: 1.4; text-align: center; margin: 0 0 0.5em; }
p { margin: 0; text-indent: 2em; text-align: justify; orphans: 2; widows: 2; }
p.number { text-indent: 0; text-align: center; margin-bottom: 28pt; }
p.salutation { text-indent: 0; }
p.contact { margin-top: 14pt; }
p.signature { text-indent: 0; text-align: right; padding-right: 2em; }
p.signature.first { margin-top: 70pt; }  /* room for the seal */
div.closing { break-inside: avoid; page-break-inside: avoid; }
@media print { body { max-width: none; } }
"""


def to_html(layout: Layout, *, title: str, subject: str = "") -> str:
    parts, first_signature, tail = [], True, _tail_start(layout)
    for i, (role, text) in enumerate(layout):
        if i == tail:
            parts.append('<div class="closing">')
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
    if tail < len(layout):
        parts.append("</div>")
    body = "\n".join(parts)
    head = escape(title) + (f"（{escape(subject)}）" if subject else "")
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{head}</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def to_pdf(layout: Layout, *, title: str, subject: str = "") -> bytes:
    page = to_html(layout, title=title, subject=subject)
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


def to_docx(layout: Layout, *, title: str, subject: str = "", author: str = "") -> bytes:
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_LINE_SPACING, WD_PARAGRAPH_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    from ...reports.write.docx_fonts import indent_chars, set_fonts

    body_size, title_size, line = Pt(16), Pt(22), Pt(28)

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
    fmt.widow_control = True
    indent_chars(fmt, 2, body_size)

    def style(name: str, align, size=body_size, font: str | None = None, before=None, after=None, indent=0):
        st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = normal
        if font:
            fonts(st.element.get_or_add_rPr(), font)
        st.font.size = size
        pf = st.paragraph_format
        pf.alignment = align
        indent_chars(pf, indent, size)
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
    style("Letter Contact", WD_PARAGRAPH_ALIGNMENT.JUSTIFY, before=Pt(14), indent=2)
    sig = style("Letter Signature", WD_PARAGRAPH_ALIGNMENT.RIGHT)
    first = style("Letter Signature First", WD_PARAGRAPH_ALIGNMENT.RIGHT, before=Pt(70))  # room for the seal
    for st in (sig, first):
        st.paragraph_format.right_indent = Pt(body_size.pt * 2)
    names = {"title": "Letter Title", "number": "Letter Number", "salutation": "Letter Salutation", "contact": "Letter Contact"}

    first_signature, tail = True, _tail_start(layout)
    for i, (role, text) in enumerate(layout):
        if role == "signature":
            name = "Letter Signature First" if first_signature else "Letter Signature"
            first_signature = False
        else:
            name = names.get(role, "Normal")
        paragraph = document.add_paragraph(text, name)
        if i >= tail:  # the closing block: the 落款 never starts a page alone
            pf = paragraph.paragraph_format
            pf.keep_together = True
            pf.keep_with_next = i < len(layout) - 1

    props = document.core_properties
    props.title, props.subject, props.author = title, subject, author
    props.comments = ""
    out = BytesIO()
    document.save(out)
    return out.getvalue()
