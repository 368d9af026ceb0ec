"""M-RATES: 实质公开率 and 行政复议纠错率 as info findings."""
from zfxxgk.reports.check import check, rates

from checkdocs import make_doc, of


def test_rates_findings(doc):
    sub, rec = of(check(doc), "M-RATES")
    assert sub.severity == rec.severity == "info"
    assert sub.message == "实质公开率 =（予以公开+部分公开）/（七）总计 = (4+1)/9 = 55.6%"
    assert sub.values["substantive_disclosure_rate"] == 5 / 9
    assert rec.message == "行政复议纠错率 = 结果纠正/（总计−尚未审结） = 1/(3−1) = 50.0%"
    assert rec.values["appeals.reconsideration.corrected"] == 1


def test_rates_skipped_when_denominator_is_zero():
    doc = make_doc(leaves={}, carried_over={}, carried_forward={}, appeals={"reconsideration": (0, 0, 0, 2)})
    assert not of(check(doc), "M-RATES")
    assert rates(doc) == {"substantive_disclosure_rate": None, "reconsideration_correction_rate": None}
