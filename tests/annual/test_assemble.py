"""生成草稿's rules of assembly, on hand-built casework (spec §4–§5; 条例第三十一条)."""
from __future__ import annotations

from datetime import date

import pytest

from zfxxgk.agencies.models import Agency
from zfxxgk.annual import services as annual
from zfxxgk.annual.models import NarrativeTemplate
from zfxxgk.annual.narrative import OPENING
from zfxxgk.cases.models import Event

pytestmark = pytest.mark.django_db


def value(report, path):
    return report.figures[path]["value"]


def t3(report, row, col="total"):
    return value(report, f"requests.{row}.{col}")


def generated(agency, year, user=None):
    report = annual.get(agency, year)
    annual.generate(report, user)
    return report


def test_the_rows_of_table_three_follow_receipt_and_closing_dates(agency, casework):
    casework.app(date(2023, 12, 20), date(2024, 1, 10), "granted")  # received Y-1, closed in Y
    casework.app(date(2023, 6, 1), date(2023, 12, 31), "granted")  # closed before Y: nowhere in Y
    casework.app(date(2024, 3, 1), date(2024, 12, 31), "denied_state_secret", kind="commercial")  # closed on the last day
    casework.app(date(2024, 12, 31))  # received on the last day, open on 31 Dec
    casework.app(date(2024, 11, 2), date(2025, 1, 1), "granted", kind="research")  # closed the day after: carried forward
    casework.app(None, submitted=date(2024, 5, 5))  # awaiting confirmation: counted nowhere
    casework.app(date(2025, 1, 1))  # next year's
    casework.app(date(2023, 12, 31), date(2024, 1, 1), "not_handled_petition", kind="legal_service")  # over New Year
    r = generated(agency, 2024)
    assert t3(r, "new_received") == 3
    assert t3(r, "carried_over", "legal_service") == 1 and t3(r, "not_handled_petition", "legal_service") == 1
    assert t3(r, "new_received", "commercial") == 1 and t3(r, "new_received", "research") == 1
    assert t3(r, "carried_over") == 2 and t3(r, "carried_over", "natural_person") == 1
    assert t3(r, "granted") == 1 and t3(r, "denied_state_secret", "commercial") == 1
    assert t3(r, "total") == 3
    assert t3(r, "carried_forward") == 2 and t3(r, "carried_forward", "research") == 1
    # T3-BAL by construction: 3 + 2 = 3 + 2
    r23 = generated(agency, 2023)
    assert (t3(r23, "new_received"), t3(r23, "carried_over"), t3(r23, "total"), t3(r23, "carried_forward")) == (3, 0, 1, 2)
    assert all(e["source"] == "cases" and e["computed"] == e["value"] for p, e in r.figures.items())


def test_table_four_by_filing_and_decision_dates(agency, casework):
    app = casework.app(date(2023, 11, 1), date(2023, 12, 1), "denied_third_party_rights")
    casework.appeal(app, "reconsideration", date(2023, 12, 30), "upheld", date(2024, 2, 1))  # filed Y-1: not in Y
    casework.appeal(app, "reconsideration", date(2024, 3, 1), "corrected", date(2024, 9, 1))
    casework.appeal(app, "reconsideration", date(2024, 6, 1), "upheld", date(2025, 1, 5))  # decided after 31 Dec: pending
    casework.appeal(app, "litigation_direct", date(2024, 12, 31))  # pending
    casework.appeal(app, "litigation_after_reconsideration", date(2024, 2, 1), "other", date(2024, 12, 31))
    r = generated(agency, 2024)
    a = {p.removeprefix("appeals."): e["value"] for p, e in r.figures.items() if p.startswith("appeals.") and e["value"]}
    assert a == {"reconsideration.corrected": 1, "reconsideration.pending": 1, "reconsideration.total": 2,
                 "litigation_direct.pending": 1, "litigation_direct.total": 1,
                 "litigation_after_reconsideration.other": 1, "litigation_after_reconsideration.total": 1}
    assert "被申请行政复议2件，被提起行政诉讼2件" in r.sections["appeals"]
    r23 = generated(agency, 2023)
    assert value(r23, "appeals.reconsideration.pending") == 1  # as known on 31 Dec 2023


def test_the_sections_speak_of_the_year_facts(agency, casework, clerk, head):
    casework.app(date(2023, 12, 20), date(2024, 1, 10), "granted")
    casework.app(date(2024, 3, 1), date(2024, 4, 1), "partially_granted")
    casework.app(date(2024, 3, 2), date(2024, 4, 2), "unable_not_held")
    casework.app(date(2024, 3, 3), date(2024, 4, 3), "not_handled_duplicate")
    casework.app(date(2024, 12, 1))
    r = generated(agency, 2024, clerk)
    assert r.sections["preamble"] == OPENING.replace("{year}", "2024")
    facts = "本年度新收政府信息公开申请4件，上年结转政府信息公开申请1件；本年度办结政府信息公开申请4件，其中予以公开1件、部分公开1件、无法提供1件、不予处理1件；结转下年度继续办理1件。"
    assert r.sections["requests"] == facts
    overview = r.sections["overview"]
    assert overview.startswith("2024年，湘潭县司法局")
    for heading in ("（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障"):
        assert f"\n{heading}。" in overview, heading
    assert facts in overview and "工作人员2名" in overview  # clerk and head
    assert "工作考核、社会评议和责任追究结果" not in overview  # a department, not the 本级政府
    assert r.sections["appeals"] == "本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"
    assert r.sections["other"].startswith("本年度未发出收费通知，未收取信息处理费。")
    assert len(r.sections["problems"]) > 20
    narrative_rules = {"W-NARR-REQ", "W-NARR-NUM", "W-CONTRA", "T4-NARR", "W-FEE-1", "W-FEE-2", "W-SEC5", "W-YEAR", "W-PERIOD"}
    assert [f["message"] for f in r.findings if f["rule"] in narrative_rules] == []


def test_fees_charged_are_reported_from_the_fee_events(agency, casework):
    paid = casework.app(date(2024, 3, 1), date(2024, 5, 1), "granted")
    lapsed = casework.app(date(2023, 12, 1), date(2024, 2, 1), "other_no_fee_payment")
    Event.objects.create(application=paid, kind="fee_notice", on=date(2024, 3, 10), data={"method": "per_page", "quantity": 130, "amount": 1300})
    Event.objects.create(application=paid, kind="fee_paid", on=date(2024, 3, 20))
    Event.objects.create(application=lapsed, kind="fee_notice", on=date(2023, 12, 10), data={"amount": 100})
    r = generated(agency, 2024)
    assert "本年度发出收费通知1件，收取信息处理费1件，金额1300元。" in r.sections["other"]
    assert "国办函〔2020〕109号" in r.sections["other"]
    # a notice of last year, unpaid this year (R22): no "未发出收费通知" (W-FEE-2)
    other = Agency.objects.create(name="湘潭县民政局", code="xtxmzj", parent=agency.parent)
    casework.app(date(2023, 12, 1), date(2024, 2, 1), "other_no_fee_payment", agency=other)
    r2 = generated(other, 2024)
    assert r2.sections["other"].startswith("本年度未收取信息处理费。")
    assert not [f for f in r2.findings if f["rule"] in ("W-FEE-1", "W-FEE-2")]


def test_the_county_government_report_asks_for_the_review_results(county):
    r = generated(county, 2024)
    assert "工作考核、社会评议和责任追究结果情况" in r.sections["overview"]


def test_templates_nearest_agency_wins(county, agency):
    NarrativeTemplate.objects.create(agency=None, section="problems", text="全部机关：{agency}{year}年存在的主要问题及改进情况如下。")
    assert generated(agency, 2024).sections["problems"] == "全部机关：湘潭县司法局2024年存在的主要问题及改进情况如下。"
    NarrativeTemplate.objects.create(agency=county, section="problems", text="县级模板：{agency}的问题与改进，{unknown}保留。")
    r = annual.get(agency, 2025)
    annual.generate(r, None)
    assert r.sections["problems"] == "县级模板：湘潭县司法局的问题与改进，{unknown}保留。"
    NarrativeTemplate.objects.create(agency=agency, section="problems", text="本机关模板：收到{new_received}件。")
    r = annual.get(agency, 2026)
    annual.generate(r, None)
    assert r.sections["problems"] == "本机关模板：收到0件。"
    assert generated(county, 2026).sections["problems"].startswith("县级模板：湘潭县人民政府")
