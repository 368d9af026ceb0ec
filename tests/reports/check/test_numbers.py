"""Narrative numbers against the tables (W-NARR-REQ, W-NARR-NUM, W-NARR-SUM, W-CONTRA, T4-NARR)."""
from zfxxgk.reports.check import check

from checkdocs import add_text, make_doc, of

# make_doc(): R01 总计 = 10, R02 = 1, R24 = 9, R25 = 2; 行政复议 总计 = 3, 行政诉讼 0.


def _with(text, key="overview", **kw):
    return check(add_text(make_doc(**kw), key, text))


def test_request_numbers_match():
    text = ("本年新收政府信息公开申请１０件，上年结转政府信息公开申请1件，"  # full-width digits: NFKC
            "结转下年度继续办理2件。")
    assert not of(_with(text), "W-NARR-REQ")


def test_received_may_include_carried_over():
    assert not of(_with("全年共收到政府信息公开申请11件（含上年结转1件）。"), "W-NARR-REQ")


def test_request_numbers_differ():
    findings = _with("本年共收到政府信息公开申请5件。结转下年度继续办理3件。")
    got = of(findings, "W-NARR-REQ")
    assert len(got) == 2
    assert "称5件，而 表三 “一、本年新收政府信息公开申请数量”总计 = 10" in got[0].message
    assert got[0].cells == ["requests.new_received.total"]
    assert "“四、结转下年度继续办理”总计 = 2" in got[1].message


def test_review_applications_are_not_disclosure_applications():
    # "收到行政复议申请N件" is a table-四 matter, not R01
    assert not of(_with("因政府信息公开收到行政复议申请3件。"), "W-NARR-REQ")


def test_other_numbers():
    ok = "办结政府信息公开申请9件。因政府信息公开工作被申请行政复议3件，行政诉讼0件。"
    assert not of(_with(ok), "W-NARR-NUM")
    bad = _with("已答复政府信息公开申请8件。因政府信息公开工作被申请行政复议2件，被提起行政诉讼1件。")
    msgs = [f.message for f in of(bad, "W-NARR-NUM")]
    assert len(msgs) == 3
    assert "称办结/答复8件" in msgs[0] and "（七）总计”总计 = 9" in msgs[0]
    assert "称行政复议2件，而 表四 行政复议 总计 = 3" in msgs[1]
    assert "行政诉讼1件" in msgs[2] and "未经复议直接起诉 总计 + 复议后起诉 总计 = 0" in msgs[2]


def test_review_cases_of_a_justice_bureau_are_not_counted():
    # a 司法局 handles 行政复议 as its business: no 信息公开 in the sentence, not the appeals section
    assert not of(_with("全年共办理行政复议案件120件。"), "W-NARR-NUM")


def test_no_requests_contradiction():
    assert of(_with("2024年，我局未收到政府信息公开申请。"), "W-CONTRA")
    zero = make_doc(leaves={}, carried_over={}, carried_forward={})
    assert not of(check(add_text(zero, "overview", "2024年，我局未收到政府信息公开申请。")), "W-CONTRA")


def test_all_done_contradiction():
    f = of(_with("所有申请均已按时办结。", key="requests"), "W-CONTRA")
    assert len(f) == 1 and "“四、结转下年度继续办理”总计 = 2" in f[0].message
    done = make_doc(carried_forward={})
    assert not of(check(add_text(done, "requests", "所有申请均已按时办结。")), "W-CONTRA")


def test_no_appeals_claim():
    text = "无因政府信息公开工作被申请行政复议、行政诉讼事项。"
    (f,) = of(_with(text), "T4-NARR")
    assert f.cells == ["appeals.reconsideration.total"] and "行政复议 总计 = 3" in f.message
    quiet = make_doc(appeals={})
    assert not of(check(add_text(quiet, "overview", text)), "T4-NARR")
    # only litigation denied, and there is none: fine even though reviews exist
    assert not of(_with("本年度未发生因政府信息公开工作被提起行政诉讼的情况。"), "T4-NARR")


def test_stated_sum_seed_000_sentence_adds_up():
    text = ("2024年，我局累计对外公开发布政府信息48条。在湘潭县人民政府网站上公开指南1条，政务公开27条，机构信息2条，"
            "财政信息3条，领导信息1条，信息公开年报1条，工作动态8条，重点专题信息5条。及时公开了2023年部门决算等内容。")
    assert not of(_with(text), "W-NARR-SUM")


def test_stated_sum_does_not_add_up():
    text = "2024年，我局累计公开发布政府信息50条。公开指南1条，政务公开27条，工作动态8条。"
    (f,) = of(_with(text), "W-NARR-SUM")
    assert "共50条" in f.message and "1+27+8 = 36条" in f.message
    assert f.values["parts"] == [1, 27, 8]


def test_stated_sum_same_sentence_and_open_list():
    assert of(_with("共发布信息20条，其中通知公告12条，工作动态9条。"), "W-NARR-SUM")  # 21 > 20
    assert not of(_with("共发布信息20条，其中通知公告12条，工作动态5条等。"), "W-NARR-SUM")  # 等: partial list
    assert of(_with("共发布信息20条，其中通知公告12条，工作动态9条等。"), "W-NARR-SUM")  # still too many
    assert not of(_with("共发布信息150余条，其中通知公告12条，工作动态9条。"), "W-NARR-SUM")  # approximate
    assert not of(_with("共发布信息20条，其中通知公告12条，工作动态8个。"), "W-NARR-SUM")  # other unit


def test_described_appeals_are_not_denials():
    doc = make_doc(appeals={"litigation_direct": (0, 0, 0, 2)})
    doc.sections["appeals"] = "因政府信息公开工作未经复议直接提起行政诉讼2件，均尚未审结。"
    assert not of(check(doc), "T4-NARR")
    assert not of(_with("尚未审结的行政复议1件。", key="appeals"), "T4-NARR")


def test_last_years_cases_all_done_is_no_contradiction():
    assert not of(_with("上年结转的申请均已办结。", key="requests"), "W-CONTRA")


def test_gong_tong_is_not_a_total():
    assert not of(_with("共同推进3项改革，其中1项已完成，2项正在推进，1项待启动。"), "W-NARR-SUM")


def test_request_count_beside_an_appeals_clause():
    text = "2024年，我局收到政府信息公开申请4件，未发生因政府信息公开被申请行政复议、行政诉讼的情况。"
    (f,) = of(_with(text), "W-NARR-REQ")
    assert "称4件" in f.message
    assert of(_with(text), "T4-NARR")  # 行政复议 总计 = 3 in make_doc()


def test_gong_gong_is_not_a_total():
    # 公共服务 names a column, not a total: 公开指南1条 does not have to add up to "共服务5条".
    text = "本年度共发布政府信息8条，其中公共服务5条，工作动态3条。"
    assert not of(_with(text), "W-NARR-SUM")
    assert of(_with("本年度共发布政府信息9条，其中公共服务5条，工作动态3条。"), "W-NARR-SUM")
