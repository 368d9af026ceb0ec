"""Table 四 (spec §8.2) and table 二 (spec §8.3) rules."""
from decimal import Decimal

from zfxxgk.reports.check import check

from checkdocs import DEFAULT_ACTIVE, ids, make_doc, of, set_value


def test_appeal_group_sum():
    doc = make_doc()
    assert not of(check(doc), "T4-SUM-G")
    set_value(doc, "appeals.reconsideration.total", 2)  # 1+1+0+1 = 3
    (f,) = of(check(doc), "T4-SUM-G")
    assert f.message == "表四 行政复议：结果维持+结果纠正+其他结果+尚未审结 = 1+1+0+1 = 3，而 总计 = 2"
    assert f.severity == "error" and len(f.cells) == 5


def test_appeal_sum_with_blank_is_warning():
    doc = make_doc(blank=("appeals.reconsideration.pending",))
    (f,) = of(check(doc), "T4-SUM-G")  # pending read as 0: 1+1+0+0 = 2 ≠ 3
    assert f.severity == "warning" and "（含空白单元格，按0计）" in f.message


def test_appeal_nonneg():
    doc = make_doc()
    assert not of(check(doc), "T4-NONNEG")
    set_value(doc, "appeals.litigation_direct.upheld", -2)
    (f,) = of(check(doc), "T4-NONNEG")
    assert "行政诉讼·未经复议直接起诉 结果维持 = -2" in f.message


def test_active_nonneg_counts_and_fee():
    doc = make_doc()
    assert not of(check(doc), "T2-NONNEG")
    set_value(doc, "active.fees_wan_yuan", Decimal("1.25"))  # decimals are fine for 万元
    assert not of(check(doc), "T2-NONNEG")
    set_value(doc, "active.fees_wan_yuan", Decimal("-0.5"))
    set_value(doc, "active.penalty", -1)
    (f,) = of(check(doc), "T2-NONNEG")
    assert set(f.cells) == {"active.fees_wan_yuan", "active.penalty"}
    assert "行政事业性收费 = -0.5" in f.message


def test_active_nonneg_2019_allows_signed_delta():
    doc = make_doc(fmt="2019", year=2020)
    set_value(doc, "t2_2019.license.delta_items", -3)  # 本年增/减 is signed (spec §9.1)
    assert not of(check(doc), "T2-NONNEG")
    set_value(doc, "t2_2019.license.decisions", -3)
    assert of(check(doc), "T2-NONNEG")


def test_in_force_lower_bound():
    doc = make_doc()
    assert not of(check(doc), "T2-INFORCE-LB")
    set_value(doc, "active.regulations.made", 3)
    (f,) = of(check(doc), "T2-INFORCE-LB")
    assert f.severity == "warning"
    assert f.message == "表二 规章：现行有效件数 = 0，少于 本年制发件数−本年废止件数 = 3−0 = 3"


def test_default_active_is_consistent():
    assert DEFAULT_ACTIVE["active.normative_documents.in_force"] >= 2 - 1
    assert not ids(check(make_doc()), ("error", "warning"))
