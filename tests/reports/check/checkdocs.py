"""Builders of documents for the checker tests: consistent by construction, so a test can
break exactly one identity. Totals are always computed, never typed in."""
from __future__ import annotations

from decimal import Decimal

from zfxxgk.reports.model import Cell, ReportDocument, expected_paths
from zfxxgk.standard import format2019 as f19
from zfxxgk.standard import format2021 as f21

APPLICANTS = f21.APPLICANT_KEYS
COLUMNS = f21.COLUMN_KEYS

# A small but non-trivial year: 自然人 and 商业企业 have cases, one is carried forward.
DEFAULT_LEAVES = {
    "natural_person": {"granted": 3, "partially_granted": 1, "denied_third_party_rights": 1, "unable_not_held": 2},
    "commercial": {"granted": 1, "not_handled_duplicate": 1},
}
DEFAULT_CARRIED_OVER = {"natural_person": 1}
DEFAULT_CARRIED_FORWARD = {"natural_person": 1, "commercial": 1}
DEFAULT_APPEALS = {"reconsideration": (1, 1, 0, 1), "litigation_direct": (0, 0, 0, 0),
                   "litigation_after_reconsideration": (0, 0, 0, 0)}
DEFAULT_ACTIVE = {
    "active.regulations.made": 0, "active.regulations.repealed": 0, "active.regulations.in_force": 0,
    "active.normative_documents.made": 2, "active.normative_documents.repealed": 1,
    "active.normative_documents.in_force": 12, "active.licensing": 35, "active.penalty": 4,
    "active.coercion": 0, "active.fees_wan_yuan": Decimal("0"),
}


def sections(year: int) -> dict[str, str]:
    """Narrative with no numbers that the table rules could contradict."""
    return {
        "preamble": ("根据《中华人民共和国政府信息公开条例》（国务院令第711号）规定，以及《国务院办公厅政府信息与政务公开办公室"
                     "关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制本报告。"
                     f"本报告所列数据的统计期限为{year}年1月1日至{year}年12月31日。"),
        "overview": f"{year}年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。",
        "problems": "一是公开意识有待进一步强化；二是信息发布的及时性有待提高。下一步将加强业务培训。",
        "other": "信息处理费收费情况。本年度未收取信息处理费。",
    }


def table3_values(leaves=None, carried_over=None, carried_forward=None, *, fmt=f21.FORMAT_2021) -> dict[str, int]:
    """All table-三 cells from the applicant-column leaves, R02 and R25: R24 is the leaf sum,
    R01 = R24 + R25 − R02 (the printed balance), 总计 the row sums."""
    leaves = DEFAULT_LEAVES if leaves is None else leaves
    carried_over = DEFAULT_CARRIED_OVER if carried_over is None else carried_over
    carried_forward = DEFAULT_CARRIED_FORWARD if carried_forward is None else carried_forward
    rows = f19.ROW_KEYS_2019 if fmt == f21.FORMAT_2019 else f21.ROW_KEYS
    leaf_keys = f19.LEAF_KEYS_2019 if fmt == f21.FORMAT_2019 else f21.LEAF_KEYS
    v: dict[str, int] = {}
    for col in APPLICANTS:
        for row in leaf_keys:
            v[f"requests.{row}.{col}"] = leaves.get(col, {}).get(row, 0)
        r24 = sum(v[f"requests.{row}.{col}"] for row in leaf_keys)
        r02 = carried_over.get(col, 0)
        r25 = carried_forward.get(col, 0)
        assert r24 + r25 - r02 >= 0, "carried over more than there was to handle"
        v[f"requests.total.{col}"] = r24
        v[f"requests.carried_over.{col}"] = r02
        v[f"requests.carried_forward.{col}"] = r25
        v[f"requests.new_received.{col}"] = r24 + r25 - r02
    for row in rows:
        v[f"requests.{row}.total"] = sum(v[f"requests.{row}.{c}"] for c in APPLICANTS)
    return v


def table4_values(appeals=None) -> dict[str, int]:
    appeals = DEFAULT_APPEALS if appeals is None else appeals
    v = {}
    for group, _ in f21.APPEAL_GROUPS:
        parts = appeals.get(group, (0, 0, 0, 0))
        for measure, n in zip(f21.APPEAL_PARTS, parts):
            v[f"appeals.{group}.{measure}"] = n
        v[f"appeals.{group}.total"] = sum(parts)
    return v


def table2_2019_values() -> dict:
    v = {p: 0 for p in f19.active_paths_2019()}
    v["t2_2019.procurement.amount"] = Decimal("0")
    return v


def make_doc(*, year: int = 2024, fmt: str = f21.FORMAT_2021, agency: str = "某县某某局",
             leaves=None, carried_over=None, carried_forward=None, appeals=None, active=None,
             narrative: dict | None = None, blank: tuple[str, ...] = ()) -> ReportDocument:
    """A complete, consistent document; ``blank`` paths get status blank (value 0)."""
    values = {}
    values.update(table2_2019_values() if fmt == f21.FORMAT_2019 else (active or DEFAULT_ACTIVE))
    values.update(table3_values(leaves, carried_over, carried_forward, fmt=fmt))
    values.update(table4_values(appeals))
    doc = ReportDocument(format=fmt, agency=agency, year=year, sections=sections(year) if narrative is None else narrative)
    for path in expected_paths(fmt):
        value = values[path]
        doc.cells[path] = Cell(value, raw=str(value), source="测试")
    for path in blank:
        doc.cells[path] = Cell(doc.cells[path].value * 0, raw="", source="测试", status="blank")
    return doc


def set_value(doc: ReportDocument, path: str, value, status: str = "ok") -> ReportDocument:
    doc.cells[path] = Cell(value, raw=str(value), source="测试", status=status)
    return doc


def add_text(doc: ReportDocument, key: str, text: str) -> ReportDocument:
    doc.sections[key] = (doc.sections.get(key, "") + text)
    return doc


def ids(findings, severities=("error", "warning", "info")) -> set[str]:
    return {f.rule for f in findings if f.severity in severities}


def of(findings, rule: str) -> list:
    return [f for f in findings if f.rule == rule]
