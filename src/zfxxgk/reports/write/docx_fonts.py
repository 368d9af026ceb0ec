"""Chinese fonts in Word files, shared by the report writer and the reply letters.

Word takes East-Asian font names only from ``w:rFonts/@w:eastAsia``, and theme fonts would win
over explicit names, so every attribute is replaced.
"""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt


def set_fonts(rpr, east_asia: str, latin: str = "Times New Roman") -> None:
    """Set the Latin and East-Asian font of an rPr, dropping theme fonts that would win."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for attr, name in (("ascii", latin), ("hAnsi", latin), ("cs", latin), ("eastAsia", east_asia)):
        rfonts.set(qn(f"w:{attr}"), name)
    rfonts.set(qn("w:hint"), "eastAsia")


def indent_chars(fmt, chars: int, size: Pt) -> None:
    """First-line indent in characters: firstLineChars stays right when the font size changes;
    firstLine is the same indent in twips for readers that ignore the Chars form."""
    fmt.first_line_indent = Pt(size.pt * chars)
    fmt._element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), str(chars * 100))
