"""N-PLACEHOLDER: a template's blank left in the text is an error (pure checker)."""
from zfxxgk.reports.check import check
from zfxxgk.reports.model import ReportDocument


def _rule(sections: dict) -> list:
    return [f for f in check(ReportDocument(agency="某局", year=2025, sections=sections)) if f.rule == "N-PLACEHOLDER"]


def test_unfilled_blanks_are_errors_named_by_section():
    found = _rule({
        "overview": "本年度政府信息公开工作考核、社会评议和责任追究结果情况：【请据实填写】。",
        "requests": "本年度新收申请XX件，办结××件。",
        "other": "（此处填写信息处理费收取情况）",
    })
    assert [(f.severity, f.values["section"]) for f in found] == [("error", "overview"), ("error", "requests"), ("error", "other")]
    assert "第一部分" in found[0].message and "请据实填写" in found[0].message
    assert found[1].values["placeholders"] == ["XX", "××"]


def test_ordinary_text_is_not_a_placeholder():
    assert _rule({
        "overview": "【工作考核】本年度考核结果为优秀。我局在XXL码服装抽检中发现问题，2025年共收到申请12件。",
        "problems": "（一）存在问题：公开内容不够全面。请各单位按时填写台账。",
    }) == []
