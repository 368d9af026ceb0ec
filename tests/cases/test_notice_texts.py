"""The wording of every notice (cases.notices.texts and the reply letters of cases.letters), per
applicant kind and outcome. No Django."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from zfxxgk.cases.letters import LetterData, letter_text, remedy
from zfxxgk.cases.notices import consultation, correction, extension, fee, layout, texts
from zfxxgk.standard.format2021 import LEAF_KEYS

ORGANISATIONS = ("commercial", "research", "social_welfare", "legal_service", "other_org")
FACTS = texts.Facts(
    agency="湘潭县司法局", applicant="张三", applicant_kind="natural_person", number="湘司依申〔2026〕7号",
    description="2025年本县法律援助经费预算及执行情况", received_on=date(2026, 3, 2), issued_on=date(2026, 3, 5),
    doc_number="湘县司依申补〔2026〕1号", contact_person="李明", contact_phone="0731-57812345", address="湘潭县易俗河镇天易大道1号",
)
REPLY = LetterData(
    agency="湘潭县司法局", number="湘司依申〔2026〕7号", applicant="张三", received_on=date(2026, 3, 2),
    description="2025年本县法律援助经费预算及执行情况", outcome="granted", replied_on=date(2026, 3, 20),
    doc_number="湘县司依申复〔2026〕15号", reconsideration_body="湘潭县人民政府", court="湘潭县人民法院",
    contact_person="李明", contact_phone="0731-57812345",
)


def _all(layout_: list[tuple[str, str]]) -> str:
    return "\n".join(text for _, text in layout_)


def _notices(f: texts.Facts) -> dict[str, list[tuple[str, str]]]:
    return {
        "correction": correction.paragraphs(f, "请写明所需信息的时间范围\n请提供身份证明", date(2026, 3, 20), "网上平台"),
        "extension": extension.paragraphs(f, 20, "所需信息涉及多个科室，需要检索、汇总", date(2026, 4, 28), 20),
        "fee": fee.paragraphs(f, 350, "共45页，第31至45页每页10元", "量（按量计收）", "湘潭县财政局非税收入汇缴账户：1234 5678\n到本机关窗口刷卡缴纳", 20),
        "consultation": consultation.paragraphs(f, "湘潭某某建设有限公司", 15, "湘潭县易俗河镇天易大道1号"),
    }


@pytest.mark.parametrize("kind", ["correction", "extension", "fee", "consultation"])
def test_every_notice_has_the_official_parts(kind):
    letter = _notices(FACTS)[kind]
    roles = [role for role, _ in letter]
    assert letter[0] == ("title", texts.TITLES[kind])
    assert letter[1] == ("number", "湘县司依申补〔2026〕1号")  # the 文号, not the internal case number
    assert roles[2] == "salutation" and roles[-3:] == ["contact", "signature", "signature"]
    assert letter[-3][1] == "联系人：李明；联系电话：0731-57812345。"
    assert letter[-2:] == [("signature", "湘潭县司法局"), ("signature", "2026年3月5日")]
    assert not re.search(r"[{}]", _all(letter)), "unfilled placeholder"


def test_person_is_您_and_organisation_is_贵单位():
    for kind, letter in _notices(FACTS).items():
        if kind == "consultation":
            continue
        assert "您" in _all(letter) and "贵单位" not in _all(letter), kind
    for applicant_kind in ORGANISATIONS:
        org = replace(FACTS, applicant="湘潭某某律师事务所", applicant_kind=applicant_kind)
        for kind, letter in _notices(org).items():
            text = _all(letter)
            assert "您" not in text, (applicant_kind, kind)
            if kind != "consultation":
                assert "贵单位" in text and letter[2] == ("salutation", "湘潭某某律师事务所："), (applicant_kind, kind)


def test_correction_notice_lists_items_deadline_and_ways_to_submit():
    text = _all(_notices(FACTS)["correction"])
    assert "第三十条" in text and "一次性告知" in text
    assert "1. 请写明所需信息的时间范围" in text and "2. 请提供身份证明" in text
    assert "请于2026年3月20日前补正" in text
    assert "在网上平台在线提交补正" in text and "邮寄至湘潭县易俗河镇天易大道1号" in text
    assert "答复期限自本机关收到补正的申请之日起计算" in text and "视为放弃申请" in text
    one = _all(correction.paragraphs(FACTS, "请写明时间范围", date(2026, 3, 20)))
    assert "1." not in one and "请写明时间范围" in one


def test_consultation_is_written_to_the_third_party_without_the_applicant():
    letter = _notices(FACTS)["consultation"]
    text = _all(letter)
    assert letter[2] == ("salutation", "湘潭某某建设有限公司：")
    assert "第三十二条" in text and "15个工作日内" in text and "张三" not in text
    assert "不同意公开且有合理理由的，本机关不予公开" in text


def test_extension_names_days_reason_and_new_due_date():
    text = _all(_notices(FACTS)["extension"])
    assert "因所需信息涉及多个科室，需要检索、汇总，本机关不能在收到申请之日起20个工作日内作出答复" in text
    assert "第三十三条第二款" in text and "延长20个工作日" in text and "2026年4月28日前作出答复" in text
    assert "政府信息公开工作机构负责人同意" in text


def test_fee_notice_has_amount_working_and_payment():
    text = _all(_notices(FACTS)["fee"])
    assert "国办函〔2020〕109号" in text and "应缴纳信息处理费350元" in text and "共45页，第31至45页每页10元" in text
    assert "缴费方式：湘潭县财政局非税收入汇缴账户：1234 5678；到本机关窗口刷卡缴纳。" in text
    assert "自收到本通知次日起20个工作日内缴纳" in text and "视为放弃申请" in text
    assert "缴费方式：请与本机关政府信息公开工作机构联系。" in _all(fee.paragraphs(FACTS, 350, "x", "件", "", 20))


def test_request_is_quoted_in_a_short_form():
    long = "关于" + "某某项目的审批文件、会议纪要、资金拨付凭证" * 100
    text = _all(correction.paragraphs(replace(FACTS, description=long), "x", date(2026, 3, 20)))
    quoted = re.search(r"申请获取“(.*?)”", text).group(1)
    assert quoted.endswith("……") and len(quoted) <= texts.SHORT_QUOTE + 2
    letter = letter_text(replace(REPLY, description=long))
    quoted = re.search(r"申请获取“(.*?)”", letter[3]).group(1)
    assert quoted.endswith("……") and len(quoted) <= 62


@pytest.mark.parametrize("outcome", LEAF_KEYS)
@pytest.mark.parametrize("kind", ["natural_person", "commercial", "other_org"])
def test_reply_per_outcome_and_applicant_kind(outcome, kind):
    d = replace(REPLY, outcome=outcome, applicant_kind=kind)
    paras = letter_text(d)
    text = "\n".join(paras)
    assert paras[1] == "湘县司依申复〔2026〕15号"
    assert "（申请编号：湘司依申〔2026〕7号）" in paras[3]
    if kind == "natural_person":
        assert "收到您提出的" in paras[3] and "贵单位" not in text
    else:
        assert "收到贵单位提出的" in paras[3] and "您" not in text
    assert "可以在收到本告知书之日起六十日内向湘潭县人民政府申请行政复议，或者在六个月内向湘潭县人民法院提起行政诉讼。" in text
    assert paras[-3:] == ["联系人：李明；联系电话：0731-57812345。", "湘潭县司法局", "2026年3月20日"]
    assert not re.search(r"[{}]", text)


def test_reply_after_correction_says_when_the_clock_started():
    d = replace(REPLY, correction_requested_on=date(2026, 3, 4), corrected_on=date(2026, 3, 10))
    text = "\n".join(letter_text(d))
    assert "本机关于2026年3月4日告知您补正申请，于2026年3月10日收到您补正后的申请，答复期限自该日起计算。" in text
    assert "补正" not in "\n".join(letter_text(REPLY))
    with pytest.raises(ValueError, match="收到补正之日"):
        letter_text(replace(REPLY, corrected_on=date(2026, 3, 21)))


def test_remedy_without_settings_is_the_generic_sentence():
    assert remedy() == "如对本答复不服，可以在收到本告知书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。"
    assert remedy("湘潭县人民政府") == "如对本答复不服，可以在收到本告知书之日起六十日内向湘潭县人民政府申请行政复议，或者在六个月内依法提起行政诉讼。"
    assert remedy("", "湘潭县人民法院").endswith("或者在六个月内向湘潭县人民法院提起行政诉讼。")


def test_salutation_word_by_kind():
    assert layout.you("natural_person") == "您"
    assert {layout.you(k) for k in ORGANISATIONS} == {"贵单位"}
    assert layout.addressed("本机关于某日收到您（单位）的申请，请您补正", "commercial") == "本机关于某日收到贵单位的申请，请贵单位补正"


def test_docx_keeps_the_closing_with_the_last_paragraph():
    from io import BytesIO

    from docx import Document

    letter = _notices(FACTS)["fee"]
    document = Document(BytesIO(layout.to_docx(letter, title="t")))
    paragraphs = document.paragraphs
    assert [p.text for p in paragraphs] == [text for _, text in letter]
    tail = paragraphs[-5:]  # 特此通知。, the contact line, the agency, the date (and the paragraph before)
    assert tail[0].text.startswith("请您自收到本通知次日起")
    assert all(p.paragraph_format.keep_with_next for p in tail[:-1])
    assert all(p.paragraph_format.keep_together for p in tail)
    assert not paragraphs[-6].paragraph_format.keep_with_next  # only the closing block is bound
