"""Narrative counts written in Chinese numerals, as "无" or in full-width digits (issue 12 item 3):
W-NARR-REQ, W-NARR-NUM, W-NARR-SUM, W-CONTRA and T4-NARR read them as they read digits."""
import cn2an
from hypothesis import given, settings
from hypothesis import strategies as st

from zfxxgk.reports.check import check
from zfxxgk.reports.check.numerals import arabic

from checkdocs import add_text, make_doc, of

# make_doc(): R01 总计 = 10, R02 = 1, R24 = 9, R25 = 2; 行政复议 总计 = 3, 行政诉讼 0.


def _with(text, key="overview", **kw):
    return check(add_text(make_doc(**kw), key, text))


def test_arabic_rewrites_counts_only():
    assert arabic("收到申请两件，办结十二件，公开一百零三条，〇件，零件") == "收到申请2件，办结12件，公开103条，0件，0件"
    assert arabic("共一万二千条，一百余件，两千零三个") == "共12000条，100余件，2003个"
    # not counts: enumerations, ordinals, words with 一, years, a bare 万
    # nor approximate ranges: "三五件" is three to five, not 35
    for text in ("一是公开意识有待加强，二是培训不足", "第一次会议", "统一规范", "二〇二四年", "万件", "十分重视",
                 "三五件", "一两件", "七八个", "十几件"):
        assert arabic(text) == text


def test_counts_in_words_that_match_the_tables():
    text = ("本年新收政府信息公开申请十件，上年结转政府信息公开申请一件，结转下年度继续办理两件。"
            "办结政府信息公开申请九件。因政府信息公开工作被申请行政复议三件，行政诉讼〇件。")
    findings = _with(text)
    assert not of(findings, "W-NARR-REQ") and not of(findings, "W-NARR-NUM")


def test_planted_request_counts_in_words():
    (f,) = of(_with("本年度共收到政府信息公开申请十二件。"), "W-NARR-REQ")
    assert f.values["narrative"] == 12 and f.values["requests.new_received.total"] == 10
    # the message quotes the sentence as printed, and states the number read
    assert "“本年度共收到政府信息公开申请十二件。”称12件" in f.message
    (f,) = of(_with("本年度收到政府信息公开申请一百零三件。"), "W-NARR-REQ")
    assert f.values["narrative"] == 103
    assert not of(_with("本年度收到政府信息公开申请十件。"), "W-NARR-REQ")
    # 10 + 上年结转 1 = 11 is accepted as in digits
    assert not of(_with("全年共收到政府信息公开申请十一件（含上年结转一件）。"), "W-NARR-REQ")


def test_liang_and_none():
    (f,) = of(_with("上年结转政府信息公开申请两件。"), "W-NARR-REQ")
    assert f.values["narrative"] == 2 and f.cells == ["requests.carried_over.total"]
    (f,) = of(_with("结转下年度继续办理：无。"), "W-NARR-REQ")
    assert f.values["narrative"] == 0 and f.cells == ["requests.carried_forward.total"]
    assert "称0件" in f.message and "“结转下年度继续办理：无。”" in f.message
    zero = make_doc(carried_forward={})
    assert not of(check(add_text(zero, "overview", "结转下年度继续办理：无。")), "W-NARR-REQ")
    # "无" must close the clause: "无误" is no count
    assert not of(_with("结转下年度继续办理的申请无误。"), "W-NARR-REQ")


def test_full_width_digits():
    (f,) = of(_with("本年度共收到政府信息公开申请１２件。"), "W-NARR-REQ")
    assert f.values["narrative"] == 12


def test_appeals_and_answers_in_words():
    bad = _with("办结政府信息公开申请八件。因政府信息公开工作被申请行政复议两件，被提起行政诉讼一起。")
    msgs = [f.message for f in of(bad, "W-NARR-NUM")]
    assert len(msgs) == 3
    assert "称办结/答复8件" in msgs[0] and "称行政复议2件" in msgs[1] and "称行政诉讼1件" in msgs[2]
    (f,) = of(_with("因政府信息公开工作被申请行政复议：无。", key="appeals"), "W-NARR-NUM")
    assert f.values["narrative"] == 0 and f.values["appeals.reconsideration.total"] == 3


def test_described_appeals_in_words_are_not_denials():
    doc = make_doc(appeals={"litigation_direct": (0, 0, 0, 2)})
    doc.sections["appeals"] = "因政府信息公开工作未经复议直接提起行政诉讼两件，均尚未审结。"
    findings = check(doc)
    assert not of(findings, "T4-NARR") and not of(findings, "W-NARR-NUM")


def test_stated_sum_in_words():
    text = "2024年，我局累计公开发布政府信息五十条。公开指南一条，政务公开二十七条，工作动态八条。"
    (f,) = of(_with(text), "W-NARR-SUM")
    assert f.values["parts"] == [1, 27, 8] and f.values["stated_total"] == 50
    assert "五十条" in f.message  # the sentence as printed
    assert not of(_with(text.replace("五十条", "三十六条")), "W-NARR-SUM")
    assert not of(_with("共发布信息二十条，其中通知公告十二条，工作动态五条等。"), "W-NARR-SUM")


def test_contradictions_in_words():
    for text in ("本年度我局政府信息公开零申请。", "本年度政府信息公开申请数量为零。", "本年度政府信息公开申请数量为0。"):
        (f,) = of(_with(text), "W-CONTRA")
        assert f.cells == ["requests.new_received.total"]
    none = make_doc(leaves={}, carried_over={}, carried_forward={})
    assert not of(check(add_text(none, "overview", "本年度我局政府信息公开零申请。")), "W-CONTRA")
    (f,) = of(_with("收到的政府信息公开申请全部按期答复，无结转下年度办理的申请。", key="requests"), "W-CONTRA")
    assert f.cells == ["requests.carried_forward.total"]
    assert not of(check(add_text(make_doc(carried_forward={}), "requests", "无结转下年度办理的申请。")), "W-CONTRA")


def test_enumerations_are_not_counts():
    text = "一是推进一件事一次办，二是统一发布平台。第一次培训覆盖全体人员。"
    findings = _with(text)
    assert not {f.rule for f in findings} & {"W-NARR-REQ", "W-NARR-NUM", "W-NARR-SUM", "W-CONTRA"}


@settings(max_examples=60, deadline=None)
@given(n=st.integers(min_value=0, max_value=99_999))
def test_any_count_in_words_is_compared(n):
    words = cn2an.an2cn(n)  # 一万二千三百零四, 零 …
    found = of(_with(f"本年新收政府信息公开申请{words}件。"), "W-NARR-REQ")
    if n == 10:
        assert not found
    else:
        assert [f.values["narrative"] for f in found] == [n]
