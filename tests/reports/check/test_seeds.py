"""The five real reports (spec [S6]) give no error; the warnings they give are true.

Verified by reading the seed texts:
* 000 — "累计对外公开发布政府信息48条。…公开指南1条，政务公开27条，机构信息2条，财政信息3条，领导信息1条，
  信息公开年报1条，工作动态8条，重点专题信息5条" adds up (1+27+2+3+1+1+8+5 = 48): no W-NARR-SUM.
  "未收到政府信息公开申请" with R01 = 0 and "无…行政复议、行政诉讼事项" with table 四 all 0: no W-CONTRA/T4-NARR.
* 001 — section 六 is just "无": W-FEE-1 is right (spec §8.4 names this seed). "2025年，我单位将…" is a plan.
* 002 — "累计…66条" = 9+5+2+4+17+11+18 (list ends in 等) adds up.
* 003 (2023) — "2023年收到依申请公开申请事项0件" = R01; "2024年，我局将…" is a plan.
* 004 — "针对 2023 年存在问题，2024 年我们做了如下改进" is a look-back; 六 speaks of 处理费 and 收费标准.
"""
from pathlib import Path

import pytest

from zfxxgk.reports.check import check
from zfxxgk.reports.read import read

SEEDS = sorted((Path(__file__).parents[2] / "fixtures" / "seeds").glob("*.txt"))
EXPECTED = {"000": set(), "001": {"W-FEE-1"}, "002": set(), "003": set(), "004": set()}


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_findings(path):
    findings = check(read(path))
    assert not [f for f in findings if f.severity == "error"]
    assert {f.rule for f in findings if f.severity == "warning"} == EXPECTED[path.stem[:3]]
    assert not any("执行出错" in f.message for f in findings)


def test_seed_001_fee_warning_quotes_the_section():
    (f,) = [f for f in check(read(SEEDS[1])) if f.rule == "W-FEE-1"]
    assert f.message == "第六部分“其他需要报告的事项”未说明信息处理费收取情况：“无”"


def test_seed_000_with_itself_as_previous_year_is_a_clone():
    doc = read(SEEDS[0])
    previous = read(SEEDS[0])
    previous.year = doc.year - 1
    rules = {f.rule for f in check(doc, previous)}
    assert "W-CLONE" in rules and "T3-XYEAR" not in rules  # all-zero carry rows continue
