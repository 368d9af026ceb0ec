"""Drafting actions: hand edits kept on regeneration, validation that leaves data untouched, the
checker on every save, dismissals, state and permission rules."""
from __future__ import annotations

from datetime import date

import pytest

from zfxxgk.agencies.models import Agency
from zfxxgk.annual import services as annual
from zfxxgk.annual.models import AnnualReport, Dismissal, ReportState, Version

pytestmark = pytest.mark.django_db

GRANTED_NP = "requests.granted.natural_person"


@pytest.fixture
def draft(agency, casework, clerk, table2):
    """A 2024 draft: 2 granted to natural persons, 1 open; table 二 entered."""
    casework.app(date(2024, 2, 1), date(2024, 2, 20), "granted")
    casework.app(date(2024, 3, 1), date(2024, 3, 20), "granted")
    casework.app(date(2024, 12, 1))
    report = annual.get(agency, 2024)
    annual.generate(report, clerk)
    annual.save(report, clerk, figures=table2)
    return report


def rules(report, severity=None):
    return [f["rule"] for f in report.findings if severity is None or f["severity"] == severity]


def test_get_creates_once_and_generate_starts_the_draft(agency, clerk):
    report = annual.get(agency, 2024)
    assert report.state == ReportState.NOT_STARTED and annual.get(agency, 2024).pk == report.pk
    changes = annual.generate(report, clerk)
    assert report.state == ReportState.DRAFT and report.generated_at is not None
    assert {c.kind for c in changes} == {"figure", "section"} and not any(c.kept for c in changes)
    assert AnnualReport.objects.get(pk=report.pk).updated_by == clerk


def test_regenerating_keeps_hand_edits_and_lists_what_changed(draft, clerk, casework):
    annual.save(draft, clerk, figures={GRANTED_NP: 5}, sections={"problems": "本机关自己写的问题和改进情况，不是模板文字。"})
    assert draft.figures[GRANTED_NP] == {"value": 5, "source": "manual", "computed": 2}
    casework.app(date(2024, 5, 1), date(2024, 5, 9), "granted")  # one more granted
    changes = {c.key: c for c in annual.generate(draft, clerk)}
    hand = changes[GRANTED_NP]
    assert (hand.kind, hand.old, hand.new, hand.kept, hand.label_zh) == ("figure", 2, 3, True, "表三 予以公开·自然人")
    assert draft.figures[GRANTED_NP] == {"value": 5, "source": "manual", "computed": 3}  # both kept
    assert changes["requests.granted.total"].new == 3 and not changes["requests.granted.total"].kept
    assert draft.sections["problems"] == "本机关自己写的问题和改进情况，不是模板文字。"
    assert "problems" not in changes  # its template text did not change
    assert changes["requests"].kind == "section" and not changes["requests"].kept
    assert "新收政府信息公开申请4件" in draft.sections["requests"]
    # table 二 (entered by staff) is untouched by regeneration
    assert draft.figures["active.licensing"] == {"value": 120, "source": "manual", "computed": None}
    assert not any(k.startswith("active.") for k in changes)
    # nothing new: nothing changes
    assert annual.generate(draft, clerk) == []


def test_an_edited_section_is_kept_and_its_new_template_text_reported(draft, clerk, casework):
    annual.save(draft, clerk, sections={"requests": "我们自己的表述。"})
    casework.app(date(2024, 6, 1))
    changes = {c.key: c for c in annual.generate(draft, clerk)}
    assert changes["requests"].kept and "新收政府信息公开申请4件" in changes["requests"].new
    assert draft.sections["requests"] == "我们自己的表述。"
    assert not changes["overview"].kept  # untouched: regenerated


def test_removing_a_hand_entry_goes_back_to_the_computed_figure(draft, clerk):
    annual.save(draft, clerk, figures={GRANTED_NP: 7})
    annual.save(draft, clerk, figures={GRANTED_NP: None, "active.coercion": None})
    assert draft.figures[GRANTED_NP] == {"value": 2, "source": "cases", "computed": 2}
    assert "active.coercion" not in draft.figures
    assert "MISSING" in rules(draft, "error")


@pytest.mark.parametrize("figures, message", [
    ({GRANTED_NP: -1}, "“表三 予以公开·自然人”不能为负数。"),
    ({GRANTED_NP: "三"}, "“表三 予以公开·自然人”应填写非负整数"),
    ({GRANTED_NP: 1.5}, "“表三 予以公开·自然人”应填写非负整数"),
    ({GRANTED_NP: True}, "“表三 予以公开·自然人”应填写数字。"),
    ({"active.fees_wan_yuan": "1.23456"}, "最多保留4位小数"),
    ({"active.fees_wan_yuan": "-0.5"}, "“表二 行政事业性收费·本年收费金额（单位：万元）”不能为负数。"),
    ({"requests.granted.everyone": 1}, "不是年度报告格式（2021年版）中的单元格"),
    ({"appeals.reconsideration.upheld": 2, "appeals.reconsideration.total": "x"}, "“表四 行政复议·总计”应填写非负整数"),
])
def test_bad_figures_are_refused_and_nothing_is_saved(draft, clerk, figures, message):
    before = AnnualReport.objects.get(pk=draft.pk)
    with pytest.raises(annual.AnnualInvalid) as exc:
        annual.save(draft, clerk, figures=figures, sections={"problems": "这段文字不应被保存下来，因为数据有错。"})
    assert message in exc.value.message and exc.value.status == 422
    after = AnnualReport.objects.get(pk=draft.pk)
    assert (after.figures, after.sections, after.findings) == (before.figures, before.sections, before.findings)


@pytest.mark.parametrize("sections, message", [
    ({"epilogue": "x"}, "年度报告没有“epilogue”这一部分"),
    ({"overview": "含有控制字符\x00的文字"}, "一、总体情况"),
    ({"other": 3}, "应为文字"),
])
def test_bad_sections_are_refused(draft, clerk, sections, message):
    before = AnnualReport.objects.get(pk=draft.pk).sections
    with pytest.raises(annual.AnnualInvalid) as exc:
        annual.save(draft, clerk, sections=sections, figures={GRANTED_NP: 9})
    assert message in exc.value.message
    assert AnnualReport.objects.get(pk=draft.pk).sections == before
    assert AnnualReport.objects.get(pk=draft.pk).figures[GRANTED_NP]["value"] == 2


def test_text_is_cleaned_and_decimals_kept_exact(draft, clerk):
    annual.save(draft, clerk, sections={"other": "本年度未收取信息处理费。\u200b"}, figures={"active.fees_wan_yuan": "０.５０", GRANTED_NP: "２"})
    assert draft.sections["other"] == "本年度未收取信息处理费。"
    assert draft.figures["active.fees_wan_yuan"]["value"] == "0.5"
    assert draft.figures[GRANTED_NP]["value"] == 2
    assert str(annual.document(draft)["active.fees_wan_yuan"]) == "0.5"


def test_a_planted_inconsistency_is_an_error(draft, clerk):
    assert rules(draft, "error") == [] and draft.errors == 0
    annual.save(draft, clerk, figures={"requests.new_received.total": 9})
    assert "T3-BAL" in rules(draft, "error") and draft.errors > 0
    bal = next(f for f in draft.findings if f["rule"] == "T3-BAL")
    assert "requests.new_received.total" in bal["cells"]
    annual.save(draft, clerk, figures={"requests.new_received.total": None})
    assert draft.errors == 0


def test_dismissing_a_warning(draft, clerk, supervisor):
    annual.save(draft, clerk, sections={"problems": "无。"})  # W-SEC5
    warning = next(f for f in draft.findings if f["rule"] == "W-SEC5")
    assert warning["severity"] == "warning" and not warning["dismissed"]
    warnings = draft.warnings
    with pytest.raises(annual.AnnualInvalid, match="至少5个字"):
        annual.dismiss(draft, clerk, warning["key"], " 好的 ")
    with pytest.raises(annual.AnnualForbidden):
        annual.dismiss(draft, supervisor, warning["key"], "监督人员不能代为说明理由。")
    with pytest.raises(annual.AnnualInvalid, match="已不存在"):
        annual.dismiss(draft, clerk, "0123456789abcdef", "理由写得很充分。")
    annual.dismiss(draft, clerk, warning["key"], "本年度确无问题，已经主管部门确认。")
    d = Dismissal.objects.get(report=draft)
    assert (d.rule, d.user, d.reason) == ("W-SEC5", clerk, "本年度确无问题，已经主管部门确认。")
    assert draft.warnings == warnings - 1
    # a save that does not change the finding keeps it dismissed
    annual.save(draft, clerk, figures={"active.licensing": 121})
    assert next(f for f in draft.findings if f["rule"] == "W-SEC5")["dismissed"] and draft.warnings == warnings - 1
    # a changed finding is a new one to answer
    annual.save(draft, clerk, sections={"problems": "暂无"})
    assert not next(f for f in draft.findings if f["rule"] == "W-SEC5")["dismissed"]


def test_errors_and_infos_are_not_dismissed(draft, clerk):
    annual.save(draft, clerk, figures={"requests.new_received.total": 9})
    error = next(f for f in draft.findings if f["severity"] == "error")
    with pytest.raises(annual.AnnualInvalid, match="错误不能忽略，请修改数据或正文"):
        annual.dismiss(draft, clerk, error["key"], "我们认为这个数字没有问题。")
    info = next(f for f in draft.findings if f["severity"] == "info")
    with pytest.raises(annual.AnnualInvalid, match="无需说明"):
        annual.dismiss(draft, clerk, info["key"], "提示也想说明一下理由。")
    assert not Dismissal.objects.exists()


def test_state_and_permission_rules(draft, clerk, supervisor, stranger):
    for user in (supervisor, stranger):
        with pytest.raises(annual.AnnualForbidden):
            annual.generate(draft, user)
        with pytest.raises(annual.AnnualForbidden):
            annual.save(draft, user, figures={GRANTED_NP: 1})
    AnnualReport.objects.filter(pk=draft.pk).update(state=ReportState.PENDING)
    with pytest.raises(annual.AnnualStateError, match="审核"):
        annual.generate(draft, clerk)
    AnnualReport.objects.filter(pk=draft.pk).update(state=ReportState.PUBLISHED)
    with pytest.raises(annual.AnnualStateError, match="更正") as exc:
        annual.save(draft, clerk, figures={GRANTED_NP: 1})
    assert exc.value.status == 409
    AnnualReport.objects.filter(pk=draft.pk).update(correcting=True)
    annual.save(draft, clerk, figures={GRANTED_NP: 1})
    assert draft.state == ReportState.PUBLISHED and draft.figures[GRANTED_NP]["value"] == 1


def test_document_and_previous_year(draft, clerk, agency):
    doc = annual.document(draft)
    assert (doc.format, doc.agency, doc.year) == ("2021", "湘潭县司法局", 2024)
    assert len(doc.cells) == 200 and doc.missing() == []
    assert doc.cells[GRANTED_NP].raw is None and doc.cells[GRANTED_NP].source == "依申请公开台账（自动统计）"
    assert doc.cells["active.licensing"].source == "人工填报"
    assert doc.sections["preamble"].startswith("根据《中华人民共和国政府信息公开条例》")
    assert annual.previous_document(draft) is None
    # last year published with 3 carried forward, while this year carries over 0: T3-XYEAR
    last = annual.get(agency, 2023)
    prev_doc = annual.document(draft)
    prev_doc.year = 2023
    prev_doc.cells["requests.carried_forward.total"].value = 3
    Version.objects.create(report=last, number=1, published_on=date(2024, 1, 20), document=prev_doc.to_dict(with_sources=True))
    assert annual.previous_document(draft).year == 2023
    annual.recheck(draft)
    assert "T3-XYEAR" in rules(draft, "warning")
    assert "W-CLONE" in rules(draft, "warning")  # the same text as last year


def test_siblings_same_text_is_a_clone(draft, clerk, county):
    other = Agency.objects.create(name="湘潭县民政局", code="xtxmzj", parent=county)
    annual.generate(annual.get(other, 2024), None)
    annual.recheck(draft)
    clones = [f for f in draft.findings if f["rule"] == "W-CLONE"]
    assert len(clones) == 1 and "湘潭县民政局" in clones[0]["message"]
    # an agency of another county is not a sibling
    elsewhere = Agency.objects.create(name="韶山市民政局", code="ssmzj")
    annual.generate(annual.get(elsewhere, 2024), None)
    annual.recheck(draft)
    assert len([f for f in draft.findings if f["rule"] == "W-CLONE"]) == 1


@pytest.mark.parametrize("state, correcting, expected", [
    (ReportState.NOT_STARTED, False, True), (ReportState.DRAFT, False, True), (ReportState.DRAFT, True, True),
    (ReportState.PENDING, False, False), (ReportState.PENDING, True, False),  # a submitted correction waits too
    (ReportState.PUBLISHED, False, False), (ReportState.CORRECTED, False, False),
])
def test_one_rule_says_when_a_report_may_change(state, correcting, expected):
    from zfxxgk.annual import draft

    assert draft.editable(AnnualReport(year=2025, state=state, correcting=correcting)) is expected
