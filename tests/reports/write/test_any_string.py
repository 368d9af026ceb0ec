"""Writers never fail on a stored string: noncharacters, NUL and other C0 controls, lone surrogates
and bidi overrides in the agency, title, narrative and notes still give a valid file."""
from __future__ import annotations

import io
import json
import zipfile

import pytest
from lxml import etree

from reports.factories import sample_document
from zfxxgk.reports.write import render

NASTY = "A\ufffeB\uffffC\x00D\x01\x08\x0b\x0c\x1f\x7fE\ud800F\udfffG\u202eH\U0010ffff"


def _doc():
    doc = sample_document("2021", 2)
    doc.agency = f"某某县{NASTY}司法局"
    doc.title = f"某某县{NASTY}司法局2024年政府信息公开工作年度报告"
    doc.sections = {k: f"{v}{NASTY}\n第二段{NASTY}" for k, v in doc.sections.items()}
    doc.notes = [f"注{NASTY}"]
    return doc


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_office_writers(fmt):
    data = render(_doc(), fmt)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                etree.fromstring(z.read(name))  # well-formed XML 1.0


@pytest.mark.parametrize("fmt", ["html", "md", "txt", "tsv", "json"])
def test_text_writers(fmt):
    text = render(_doc(), fmt).decode("utf-8")  # strict: no lone surrogate got through
    assert "司法局" in text


def test_json_keeps_every_string_it_can():
    data = json.loads(render(_doc(), "json"))  # a lone surrogate travels as a \\udXXX escape
    assert data["agency"] == _doc().agency


def test_html_is_well_formed_xml_text():
    page = render(_doc(), "html").decode()
    assert not any(ch in page for ch in "\x00\x01\ufffe\uffff")


@pytest.mark.slow
def test_pdf_writer():
    pytest.importorskip("weasyprint")
    assert render(_doc(), "pdf").startswith(b"%PDF")
