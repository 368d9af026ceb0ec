"""Tables whose numbers never wrap (write/fit.py) in the DOCX and HTML writers, and header rows
that repeat where a table crosses a page."""
from __future__ import annotations

import io
import re

import docx
from lxml import html as lxml_html

from reports.factories import sample_document
from zfxxgk.reports.write import render
from zfxxgk.reports.write.fit import SIZES, TEMPLATE_WEIGHTS, fit, text_width, value_columns
from zfxxgk.reports.write.layout import table2, table3, table4

LINE = 9746 / 20  # the DOCX text width (pt)
PAD = 2 * 57 / 20


def big(digits: int):
    """A report whose every cell is a ``digits``-digit number (表二's 许可/处罚 counts and the
    table 三 totals are what grows in real reports)."""
    doc = sample_document("2021", 1)
    for i, path in enumerate(doc.cells):
        doc.cells[path].value = int("9" * (digits - 1) + str(i % 10)) if digits > 1 else i % 10
    return doc


def _cells_fit(grid, fitted):
    """Every value cell's text, set at the fitted size, fits inside its column(s) less padding."""
    for line in grid.dense():
        for c, cell in enumerate(line):
            if cell is not None and cell.path:
                room = sum(fitted.widths[c:c + cell.colspan]) - PAD
                assert text_width(cell.text, fitted.size) < room, (cell.path, cell.text, room)


def test_template_widths_stay_when_the_figures_are_small():
    doc = sample_document("2021", 0)
    for grid in (table2(doc), table3(doc), table4(doc)):
        fitted = fit(grid, LINE, None, PAD)
        assert fitted.size == SIZES[0] and abs(fitted.total - LINE) < 0.01
        weights = TEMPLATE_WEIGHTS.get(grid.key, (1,) * grid.width)  # 表三's narrow-wide label columns
        assert fitted.widths == tuple(LINE * w / sum(weights) for w in weights)


def test_value_columns_are_the_numeric_ones():
    doc = sample_document("2021", 0)
    assert value_columns(table3(doc)) == set(range(3, 10))
    assert value_columns(table4(doc)) == set(range(15))
    assert value_columns(table2(doc)) == {1, 2, 3}


def test_seven_digit_figures_widen_their_columns_and_the_labels_give_way():
    doc = big(7)
    weights = (754, 921, 3271) + (685,) * 7
    grid = table3(doc)
    fitted = fit(grid, LINE, weights, PAD)
    _cells_fit(grid, fitted)
    template = [LINE * w / sum(weights) for w in weights]
    assert all(fitted.widths[c] > template[c] for c in range(3, 10))  # widened …
    assert fitted.widths[2] < template[2]  # … out of the long label column
    assert abs(fitted.total - LINE) < 0.01
    # 表四: fifteen value columns and no label column, so the text steps down
    four = table4(doc)
    fitted4 = fit(four, LINE, None, PAD)
    assert fitted4.size < SIZES[0]
    _cells_fit(four, fitted4)


def test_the_docx_columns_hold_every_figure():
    doc = big(7)
    d = docx.Document(io.BytesIO(render(doc, "docx")))
    for table, grid in zip(d.tables, (table2(doc), table3(doc), table4(doc))):
        widths = [int(w) / 20 for w in table._tbl.xpath("./w:tblGrid/w:gridCol/@w:w")]
        sizes = {r.font.size.pt for row in table.rows for cell in row.cells for p in cell.paragraphs for r in p.runs
                 if r.font.size is not None}
        size = sizes.pop() if sizes else 10.0
        assert not sizes  # one size for the whole table
        for line in grid.dense():
            for c, cell in enumerate(line):
                if cell is not None and cell.path:
                    assert text_width(cell.text, size) < sum(widths[c:c + cell.colspan]) - PAD, (cell.path, size)


def test_docx_header_rows_repeat_and_rows_keep_together():
    d = docx.Document(io.BytesIO(render(sample_document("2021", 0), "docx")))
    t3 = d.tables[1]
    headers = [bool(row._tr.xpath("./w:trPr/w:tblHeader")) for row in t3.rows]
    assert headers == [True] * 3 + [False] * (len(t3.rows) - 3)
    keep = [any(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs) for row in t3.rows]
    # the headers with the first data row; the last but one row with the last
    assert keep[:4] == [True] * 4 and keep[4] is False and keep[-2] is True and keep[-1] is False
    assert all(row._tr.xpath("./w:trPr/w:cantSplit") for row in t3.rows)


def test_html_tables_have_fitted_columns_and_a_thead():
    doc = big(7)
    tree = lxml_html.document_fromstring(render(doc, "html"))
    tables = tree.findall(".//table")
    for table, grid in zip(tables, (table2(doc), table3(doc), table4(doc))):
        cols = [float(re.search(r"width:([\d.]+)%", c.get("style")).group(1)) for c in table.iter("col")]
        assert len(cols) == grid.width
        style = table.get("style")
        size = float(re.search(r"font-size:([\d.]+)pt", style).group(1))
        total = float(re.search(r"width:([\d.]+)%", style).group(1))
        line = (21 - 4.4) / 2.54 * 72
        for row in grid.dense():
            for c, cell in enumerate(row):
                if cell is not None and cell.path:
                    room = sum(cols[c:c + cell.colspan]) / 100 * line
                    assert text_width(cell.text, size) < room, (cell.path, size, room)
        assert total >= 99.99
    assert [len(t.findall("./thead/tr")) for t in tables] == [0, 3, 3]
