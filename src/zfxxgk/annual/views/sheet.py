"""The editor's tables and findings panel: the national layout (reports/write/layout.py) with an
input in every value cell, each cell's source, and the checker's findings placed beside the cells
and sections they name.

A finding names cells by path (``finding["cells"]``); narrative findings quote the sentence
(“…”, as :func:`zfxxgk.reports.check.context.display` prints it) or name the part (第五部分), and
the section holding that sentence is highlighted.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.forms.utils import flatatt
from django.utils.html import format_html

from ...reports.model import ReportDocument
from ...reports.write import layout
from ...standard import format2021 as f21
from .. import figures as fig
from ..models import FigureSource

BADGES = {  # short words for the cell; the full label is the badge's title
    FigureSource.CASES: "自动统计",
    FigureSource.REGISTRY: "文件登记",
    FigureSource.MANUAL: "人工填报",
    FigureSource.IMPORT: "导入",
    FigureSource.UPLOAD: "上传",
}
SEVERITY_CSS = {"error": "an-error", "warning": "an-warning", "info": "an-info"}
TABLES = (("proactive", "表二 主动公开政府信息情况"), ("requests", "表三 收到和处理政府信息公开申请情况"),
          ("appeals", "表四 政府信息公开行政复议、行政诉讼情况"))
_NUMBERS = {s.number: s.key for s in f21.SECTIONS}


def cell_label(path: str) -> str:
    """A cell in words, as the drafting core names it in its messages (表三 予以公开·自然人)."""
    return fig.label(path)


# --- findings ------------------------------------------------------------------------------------------

@dataclass
class Placed:
    """The findings as the page shows them."""

    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)  # not yet answered
    dismissed: list = field(default_factory=list)  # (finding, Dismissal)
    infos: list = field(default_factory=list)
    by_cell: dict = field(default_factory=dict)  # path -> [finding]
    by_section: dict = field(default_factory=dict)  # section key -> [finding]


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def sections_named(finding: dict, sections: dict) -> list[str]:
    """The sections a narrative finding speaks of: those holding a sentence it quotes, or named by number."""
    keys = [k for k in finding.get("sections", []) if k in fig.TEXT_KEYS]
    message = finding.get("message", "")
    for quote in re.findall(r"“([^”]{4,})”", message):
        needle = _norm(quote.rstrip("…"))
        if len(needle) < 4:
            continue
        keys += [k for k in fig.TEXT_KEYS if needle in _norm(sections.get(k, ""))]
    for number in re.findall(r"第([一二三四五六])部分", message):
        keys.append(_NUMBERS[number])
    return list(dict.fromkeys(keys))


def place(findings: list[dict], dismissals: dict, sections: dict) -> Placed:
    placed = Placed()
    for finding in findings or []:
        labels = [cell_label(p) for p in finding.get("cells", [])]
        finding = {**finding, "labels": labels[:3], "more": max(0, len(labels) - 3)}
        finding["anchor"] = f"f-{finding['cells'][0]}" if finding.get("cells") else None
        severity = finding.get("severity")
        answered = dismissals.get(finding.get("key")) if severity == "warning" else None
        if answered is not None:
            placed.dismissed.append((finding, answered))
            continue
        {"error": placed.errors, "warning": placed.warnings}.get(severity, placed.infos).append(finding)
        if severity not in ("error", "warning"):
            continue  # derived rates and hints do not mark cells
        for path in finding.get("cells", []):
            placed.by_cell.setdefault(path, []).append(finding)
        named = sections_named(finding, sections)
        finding["section_keys"] = named
        if not finding["anchor"] and named:
            finding["anchor"] = f"f-{named[0]}"
        for key in named:
            placed.by_section.setdefault(key, []).append(finding)
    return placed


def worst(findings: list[dict]) -> str:
    severities = {f.get("severity") for f in findings}
    return "an-error" if "error" in severities else "an-warning" if severities else ""


# --- the tables ----------------------------------------------------------------------------------------

def _source(figure, path: str = "") -> tuple[str, str, str]:
    """(badge, full source label, “自动统计为N” — “文件登记为N” in table 二 — when a hand entry
    overrides a computed figure)."""
    if not isinstance(figure, dict) or figure.get("value") is None:
        return "", "", ""
    try:
        source = FigureSource(figure.get("source"))
    except ValueError:
        return "", "", ""
    computed, value = figure.get("computed"), figure.get("value")
    note = ""
    if computed is not None and source not in (FigureSource.CASES, FigureSource.REGISTRY) and str(computed) != str(value):
        note = f"{'文件登记' if path.startswith('active.') else '自动统计'}为{computed}"
    return BADGES[source], source.label, note


def tables(report, form, placed: Placed, *, editable: bool) -> list[dict]:
    """Each table's rows, every cell a dict the template draws (header text, or an input with its marks)."""
    blank = ReportDocument(format=f21.FORMAT_2021, agency=report.agency.name, year=report.year)
    out = []
    for key, title in TABLES:
        grid = layout.TABLES[key](blank)
        rows = []
        for cells in grid.rows:
            row = []
            for cell in cells:
                item = {"text": cell.text, "rowspan": cell.rowspan, "colspan": cell.colspan, "header": cell.header}
                if cell.path:
                    item.update(_value_cell(cell.path, report, form, placed, editable))
                row.append(item)
            rows.append(row)
        out.append({"key": key, "title": title, "rows": rows, "wide": grid.width > 4})
    return out


def _value_cell(path: str, report, form, placed: Placed, editable: bool) -> dict:
    figure = (report.figures or {}).get(path)
    badge, source, note = _source(figure, path)
    found = placed.by_cell.get(path, [])
    bound = form[path]
    mark = worst(found)
    title = "；".join(f["message"] for f in found)
    value = bound.value() if bound.value() not in (None, "") else ""
    if editable:
        attrs = {**bound.field.widget.attrs, "type": "text", "name": bound.html_name, "id": bound.auto_id,
                 "value": value, "aria-label": cell_label(path)}
        if title:
            attrs["title"] = title
        if mark or bound.errors:
            attrs["aria-invalid"] = "true"
        # The widget's attributes written directly: 200 cells through the widget template cost ~0.1 s a page.
        widget = format_html("<input{}>", flatatt(attrs))
    else:
        widget = None
    src = figure.get("source", "") if isinstance(figure, dict) else ""
    return {"path": path, "field": bound, "widget": widget, "value": value, "badge": badge, "source": source, "src": src,
            "note": note, "mark": mark, "title": title, "label": cell_label(path), "errors": bound.errors}


def rows_for(text: str) -> int:
    """A textarea as tall as its text (about 50 characters a line on the editor's width), 3 to 24 lines."""
    lines = sum(1 + len(line) // 50 for line in text.splitlines()) if text else 0
    return min(24, max(3, lines + 1))


def section_rows(form, placed: Placed, *, editable: bool) -> list[dict]:
    out = []
    for key in fig.TEXT_KEYS:
        found = placed.by_section.get(key, [])
        bound = form[key]
        text = bound.value() or ""
        out.append({"key": key, "heading": fig.TEXT_LABELS[key], "field": bound, "findings": found,
                    "mark": worst(found), "text": text, "editable": editable, "rows": rows_for(text)})
    return out
