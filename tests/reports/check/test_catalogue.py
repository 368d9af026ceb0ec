from zfxxgk.reports.check import RULE_BY_ID, RULES, Finding, check, rates
from zfxxgk.reports.check.findings import BLANK_NOTE, SEVERITIES
from zfxxgk.reports.model import ReportDocument

from checkdocs import ids, make_doc

SPEC_SEVERITY = {
    "T3-BAL": "error", "T3-ROWSUM": "error", "T3-LEAFSUM": "error", "T3-NONNEG": "error",
    "T3-COMPLETE": "warning", "T3-CF-BOUND": "error", "T3-XYEAR": "warning", "T3-SPLIT": "warning",
    "T4-SUM-G": "error", "T4-NONNEG": "error", "T4-NARR": "warning",
    "T2-NONNEG": "error", "T2-INFORCE-LB": "warning", "T2-ROLL": "info",
    "W-FEE-1": "warning", "W-FEE-2": "warning", "W-FEE-3": "warning",
    "W-NARR-REQ": "warning", "W-NARR-NUM": "warning", "W-NARR-SUM": "warning", "W-CONTRA": "warning",
    "W-YEAR": "warning", "W-SEC5": "warning", "W-DEADLINE": "warning", "W-CITE": "info", "N-PLACEHOLDER": "error",
    "W-PERIOD": "info", "W-SECTIONS": "warning", "W-VERSION": "warning", "W-BLANK": "warning",
    "W-CLONE": "warning", "M-RATES": "info", "MISSING": "error", "W-META": "warning",
    "R-UNDETERMINED": "warning", "R-INFERRED": "info",
}


def test_catalogue_has_every_spec_rule_with_its_severity():
    assert {r.id: r.severity for r in RULES} == SPEC_SEVERITY
    assert all(r.title_zh and r.basis and callable(r.function) for r in RULES)
    assert RULE_BY_ID["T3-BAL"].function is RULES[2].function


def test_consistent_document_has_no_error_or_warning(doc):
    findings = check(doc)
    assert ids(findings, ("error", "warning")) == set()
    assert ids(findings) == {"M-RATES"}


def test_findings_sorted_by_severity_then_rule():
    doc = make_doc()
    doc.cells["requests.granted.total"].value += 1  # ROWSUM, LEAFSUM (error)
    doc.sections["other"] = "无"  # W-FEE-1 (warning)
    findings = check(doc)
    keys = [(SEVERITIES.index(f.severity), f.rule) for f in findings]
    assert keys == sorted(keys)
    assert findings[0].severity == "error" and findings[-1].severity == "info"


def test_finding_to_dict_is_plain_json():
    f = Finding("T3-BAL", "error", "消息", ["requests.total.total"], {"active.fees_wan_yuan": __import__("decimal").Decimal("1.50")})
    assert f.to_dict() == {"rule": "T3-BAL", "severity": "error", "message": "消息",
                           "cells": ["requests.total.total"], "values": {"active.fees_wan_yuan": "1.50"}}
    assert "T3-BAL" in str(f)


def test_blank_policy_downgrades_error_to_warning():
    rule = RULE_BY_ID["T3-BAL"]
    f = rule.finding("x", blank=True)
    assert f.severity == "warning" and f.message.endswith(BLANK_NOTE)
    assert RULE_BY_ID["W-BLANK"].finding("x", blank=True).severity == "warning"


def test_empty_document_does_not_raise_and_reports_missing():
    findings = check(ReportDocument())
    assert ids(findings, ("error",)) == {"MISSING"}
    assert len([f for f in findings if f.rule == "MISSING"]) == 3  # one per table
    assert not any("执行出错" in f.message for f in findings)


def test_missing_cells_skip_formulas_and_are_listed(doc):
    del doc.cells["requests.granted.natural_person"]
    del doc.cells["requests.unable_not_held.natural_person"]
    doc.cells["requests.total.natural_person"].value += 5  # unverifiable without the cells above
    findings = check(doc)
    missing = [f for f in findings if f.rule == "MISSING"]
    assert len(missing) == 1
    assert set(missing[0].cells) == {"requests.granted.natural_person", "requests.unable_not_held.natural_person"}
    assert "表三缺少2个单元格" in missing[0].message and "（一）予以公开" in missing[0].message
    # the R24 row and the balance still fail on their own cells, the leaf sum is skipped
    assert "T3-LEAFSUM" not in ids(findings) or all(
        "natural_person" not in p for f in findings if f.rule == "T3-LEAFSUM" for p in f.cells)


def test_missing_whole_row_is_named_once(doc):
    for col in ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"):
        del doc.cells[f"requests.other_other.{col}"]
    (missing,) = [f for f in check(doc) if f.rule == "MISSING"]
    assert "“（六）其他处理 3.其他”整行" in missing.message


def test_pre2019_document_gets_no_table_rules():
    doc = ReportDocument(format="pre2019", year=2015, sections={"overview": "2015年，我局…"})
    assert not ids(check(doc)) & {"MISSING", "W-BLANK", "T3-BAL"}


def test_rules_subset():
    doc = make_doc()
    doc.sections["other"] = "无"
    assert ids(check(doc, rules=[RULE_BY_ID["W-FEE-1"]])) == {"W-FEE-1"}


def test_rates_function(doc):
    r = rates(doc)
    assert r["substantive_disclosure_rate"] == (4 + 1) / 9
    assert r["reconsideration_correction_rate"] == 1 / 2
    assert rates(ReportDocument()) == {"substantive_disclosure_rate": None, "reconsideration_correction_rate": None}
