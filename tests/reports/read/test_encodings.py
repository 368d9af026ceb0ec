"""Notepad's "Unicode" (UTF-16 with a BOM, little- and big-endian) and a plain-text report shown
in an HTML <pre>: each reads back exactly as the seed's UTF-8 text does."""
from __future__ import annotations

import codecs
import html
from pathlib import Path

import pytest

from zfxxgk.reports.read import read

SEEDS = sorted((Path(__file__).resolve().parents[2] / "fixtures" / "seeds").glob("*.txt"))


def _reading(data: bytes, name: str):
    doc = read(data, name=name)
    return doc.values(), doc.source_kind


@pytest.fixture(scope="module", params=SEEDS, ids=lambda p: p.stem)
def seed(request):
    data = request.param.read_bytes()
    values, kind = _reading(data, "report.txt")
    assert kind == "text" and values["cells"]
    return data.decode("utf-8-sig"), values


@pytest.mark.parametrize("codec, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_utf16_text(seed, codec, bom):
    text, expected = seed
    data = bom + text.encode(codec)
    assert _reading(data, "report.txt") == (expected, "text")
    assert _reading(data, "")[0] == expected  # detected from the bytes alone


def _page(text: str) -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>年度报告</title></head>"
            f"<body><div class='article'><pre>{html.escape(text)}</pre></div></body></html>")


def test_text_report_inside_pre(seed):
    text, expected = seed
    values, kind = _reading(_page(text).encode(), "report.html")
    assert kind == "html"
    assert values["cells"] == expected["cells"]
    assert values == expected


@pytest.mark.parametrize("codec, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_utf16_html(seed, codec, bom):
    text, expected = seed
    data = bom + _page(text).replace("utf-8", "utf-16").encode(codec)
    values, kind = _reading(data, "report.html")
    assert kind == "html" and values == expected
    assert _reading(data, "")[0] == expected


@pytest.mark.parametrize("fmt", ["html", "md", "txt", "tsv"])
@pytest.mark.parametrize("codec, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_utf16_of_every_text_format(fmt, codec, bom):
    from reports.factories import sample_document
    from zfxxgk.reports.write import render

    data = render(sample_document("2021", 5), fmt)
    expected = read(data).values()
    utf16 = bom + data.decode().encode(codec)
    assert read(utf16).values() == expected  # detected from the bytes
    assert read(utf16, name=f"report.{fmt}").values() == expected
