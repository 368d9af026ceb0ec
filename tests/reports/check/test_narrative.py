"""Narrative rules without table arithmetic (W-YEAR, W-SEC5, W-FEE-*, W-CITE, W-PERIOD)."""
from decimal import Decimal

from zfxxgk.reports.check import check

from checkdocs import make_doc, of, set_value


def _doc(**sections):
    doc = make_doc()
    doc.sections.update(sections)
    return doc


# --- W-YEAR ---------------------------------------------------------------------------------

def test_year_of_the_work_differs():
    (f,) = of(check(_doc(overview="2023年，我局累计公开政府信息48条。")), "W-YEAR")
    assert "2023年" in f.message and "2024年" in f.message
    assert of(check(_doc(overview="2025 年，某县某某局认真贯彻落实条例。")), "W-YEAR")  # agency name as subject


def test_year_plans_and_look_backs_are_ignored():
    text = ("2024年，我局认真贯彻落实条例。针对2023年存在问题，2024年我们做了如下改进。"
            "2025年，我局将进一步深化政务公开工作。2023年以来，我局持续推进公开平台建设。")
    assert not of(check(_doc(overview=text, problems="2025年，我单位将严格按照《条例》要求，做好信息公开工作。")), "W-YEAR")


# --- W-SEC5 ---------------------------------------------------------------------------------

def test_problems_section_too_short():
    for text in ("无", "无。", "暂无问题。"):
        (f,) = of(check(_doc(problems=text)), "W-SEC5")
        assert "内容过少" in f.message
    assert not of(check(make_doc()), "W-SEC5")


def test_problems_section_absent_is_w_sections_case():
    doc = make_doc()
    del doc.sections["problems"]
    findings = check(doc)
    assert not of(findings, "W-SEC5") and of(findings, "W-SECTIONS")


def test_problems_heading_found_but_empty():
    doc = make_doc()
    del doc.sections["problems"]
    doc.headings_found = ["overview", "proactive", "requests", "appeals", "problems", "other"]
    findings = check(doc)
    assert of(findings, "W-SEC5") and not of(findings, "W-SECTIONS")


# --- 信息处理费 -------------------------------------------------------------------------------

def test_fee_statement_missing():
    (f,) = of(check(_doc(other="无")), "W-FEE-1")
    assert "未说明信息处理费" in f.message and "“无”" in f.message
    assert of(check(_doc(other="本年度无其他需要报告的事项。")), "W-FEE-1")
    # seed 004 wording: 政府信息公开处理费, 收费标准
    seed4 = "六、按照《国务院办公厅关于印发<政府信息公开处理费管理办法>的通知》规定的按件、按量收费标准，本年度没有产生政府信息公开处理费。"
    assert not of(check(_doc(other=seed4)), "W-FEE-1")
    assert not of(check(make_doc()), "W-FEE-1")


def test_fee_statement_is_not_asked_of_the_2019_format():
    # The 2019 试行 tables predate the fee (国办函〔2020〕109号) and its template line.
    doc = make_doc(fmt="2019", year=2019)
    doc.sections["other"] = "无。"
    assert not of(check(doc), "W-FEE-1")


def test_fee_notice_contradiction():
    text = "依据《政府信息公开信息处理费管理办法》，本年度我局未发出收费通知，未向任何单位或个人收取信息处理费。"
    doc = make_doc(leaves={"natural_person": {"granted": 3, "other_no_fee_payment": 1}})
    doc.sections["other"] = text
    (f,) = of(check(doc), "W-FEE-2")
    assert f.cells == ["requests.other_no_fee_payment.total"] and "未发出收费通知" in f.message
    assert not of(check(_doc(other=text)), "W-FEE-2")  # R22 = 0


def test_fee_amount_with_bare_none():
    doc = set_value(_doc(other="无。"), "active.fees_wan_yuan", Decimal("0.35"))
    (f,) = of(check(doc), "W-FEE-3")
    assert "0.35万元" in f.message
    assert not of(check(_doc(other="无。")), "W-FEE-3")  # fees are 0
    assert not of(check(set_value(make_doc(), "active.fees_wan_yuan", Decimal("0.35"))), "W-FEE-3")


# --- W-CITE, W-PERIOD -----------------------------------------------------------------------

def test_outdated_regulation():
    doc = _doc(preamble="根据《中华人民共和国政府信息公开条例》（国务院令第492号）编制本报告。")
    (f,) = of(check(doc), "W-CITE")
    assert f.severity == "info" and "492号" in f.message
    both = _doc(preamble="《条例》（2007年国务院令第492号公布，2019年国务院令第711号修订）")
    assert not of(check(both), "W-CITE")
    assert not of(check(make_doc()), "W-CITE")


def test_2019_notice_cited_after_2021():
    text = "根据《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函【2019】60号）编制。"
    assert of(check(_doc(preamble=text)), "W-CITE")
    old = make_doc(fmt="2019", year=2020)
    old.sections["preamble"] = text
    assert not of(check(old), "W-CITE")


def test_period():
    bad = _doc(preamble="本报告所列数据的统计期限为2023年1月1日至2023年12月31日。")
    (f,) = of(check(bad), "W-PERIOD")
    assert f.severity == "info" and "应为2024年1月1日至2024年12月31日" in f.message
    assert not of(check(make_doc()), "W-PERIOD")
    assert not of(check(_doc(preamble="统计期限为２０２４年１月１日至２０２４年１２月３１日。")), "W-PERIOD")


def test_period_not_stated_is_not_flagged():
    assert not of(check(_doc(preamble="")), "W-PERIOD")
