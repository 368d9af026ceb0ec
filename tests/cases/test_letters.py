"""Reply letters (政府信息公开申请答复告知书): wording per outcome, DOCX/HTML/PDF. No Django."""
from __future__ import annotations

import builtins
import re
import subprocess
import sys
from dataclasses import replace
from datetime import date
from io import BytesIO

import pdfplumber
import pytest

from testkit import need
from zfxxgk.cases import letter_texts
from zfxxgk.cases.letters import (
    TITLE,
    LetterData,
    basis_for,
    chinese_date,
    legal_basis,
    letter_text,
    render_letter,
    template_key,
)
from zfxxgk.reports.errors import MissingExtraError
from zfxxgk.standard.format2021 import LEAF_KEYS, ROW_BY_KEY

LAW = "《中华人民共和国政府信息公开条例》"
REMEDY = "如对本答复不服，可以在收到本告知书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。"

BASE = LetterData(
    agency="某市人民政府办公室",
    number="某府办依申请〔2021〕第017号",
    applicant="张三",
    received_on=date(2021, 3, 5),
    description="2020年某区老旧小区改造项目的立项批复文件",
    outcome="granted",
    replied_on=date(2021, 3, 30),
)

# spec §11.4, written out independently of letter_texts.py
EXPECTED_BASIS = {
    "granted": LAW + "第三十六条第（二）项",
    "partially_granted": LAW + "第三十七条",
    "denied_state_secret": LAW + "第十四条、第三十六条第（三）项",
    "denied_prohibited_by_law": LAW + "第十四条、第三十六条第（三）项",
    "denied_three_securities_one_stability": LAW + "第十四条、第三十六条第（三）项",
    "denied_third_party_rights": LAW + "第十五条、第三十二条、第三十六条第（三）项",
    "denied_internal_affairs": LAW + "第十六条第一款、第三十六条第（三）项",
    "denied_process_information": LAW + "第十六条第二款、第三十六条第（三）项",
    "denied_law_enforcement_file": LAW + "第十六条第二款、第三十六条第（三）项",
    "denied_administrative_query": LAW + "第三十六条第（七）项",
    "unable_not_held": LAW + "第三十六条第（四）项",
    "unable_needs_creation": LAW + "第三十八条",
    "unable_unclear_after_correction": LAW + "第三十条",
    "not_handled_petition": LAW + "第三十九条第一款",
    "not_handled_duplicate": LAW + "第三十六条第（六）项",
    "not_handled_publication": LAW + "第三十九条第二款",
    "not_handled_excessive": LAW + "第三十五条",
    "not_handled_confirmation": LAW + "第三十六条",
    "other_no_correction": LAW + "第三十条",
    "other_no_fee_payment": "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
    "other_other": LAW,
}


def test_every_leaf_has_a_template_and_the_spec_basis():
    assert set(EXPECTED_BASIS) == set(LEAF_KEYS)
    assert set(LEAF_KEYS) <= set(letter_texts.TEMPLATES)
    for key in LEAF_KEYS:
        assert legal_basis(key) == EXPECTED_BASIS[key], ROW_BY_KEY[key].code


@pytest.mark.parametrize("outcome", LEAF_KEYS)
def test_letter_for_each_outcome(outcome):
    d = replace(BASE, outcome=outcome)
    paras = letter_text(d)
    text = "\n".join(paras)
    assert paras[0] == TITLE
    assert d.number in paras[1]
    assert paras[2] == "张三："
    assert paras[3] == (
        "本机关于2021年3月5日收到您提出的政府信息公开申请，"
        "申请获取“2020年某区老旧小区改造项目的立项批复文件”。"
    )
    assert f"根据{legal_basis(outcome)}" in text  # cited, not merely mentioned
    assert basis_for(d) == legal_basis(outcome)
    assert REMEDY in paras
    assert paras[-2:] == ["某市人民政府办公室", "2021年3月30日"]
    assert not re.search(r"[{}]", text), "unfilled placeholder"
    if outcome == "not_handled_confirmation":
        assert "经审查" in text
    if outcome in ("other_no_correction", "other_no_fee_payment"):
        assert "视为您放弃申请" in text


def test_unknown_outcome_raises_in_chinese():
    for call in (lambda: legal_basis("granted_maybe"), lambda: letter_text(replace(BASE, outcome="R03"))):
        with pytest.raises(ValueError, match="未知的办理结果"):
            call()
    with pytest.raises(ValueError, match="不支持的答复告知书格式"):
        render_letter(BASE, "odt")


def test_invalid_data_raises_in_chinese():
    with pytest.raises(ValueError, match="早于收到申请之日"):
        letter_text(replace(BASE, replied_on=date(2021, 3, 4)))
    with pytest.raises(ValueError, match="缺少申请人"):
        letter_text(replace(BASE, applicant="  "))
    with pytest.raises(ValueError, match="不能为负数"):
        letter_text(replace(BASE, fee_amount=-1))


def test_dates_without_padding():
    assert chinese_date(date(2021, 1, 9)) == "2021年1月9日"
    assert chinese_date(date(2021, 12, 31)) == "2021年12月31日"


def test_details_become_paragraphs_and_replace_the_default():
    d = replace(BASE, outcome="partially_granted", details="第2页涉及个人隐私，已作遮盖处理\n其余内容详见附件。")
    paras = letter_text(d)
    assert "第2页涉及个人隐私，已作遮盖处理。" in paras
    assert "其余内容详见附件。" in paras
    assert letter_texts.TEMPLATES["partially_granted"].default_details not in paras
    assert "该政府信息详见附件。" in letter_text(BASE)  # default when the clerk wrote nothing


def test_description_is_quoted_once():
    d = replace(BASE, description="“某某文件”。\n以及附件")
    assert letter_text(d)[3].endswith("申请获取“某某文件；以及附件”。")
    assert letter_text(replace(BASE, description="“某某文件。”"))[3].endswith("申请获取“某某文件”。")


def test_r03_already_published_cites_item_one():
    d = replace(BASE, details="该信息已于2021年1月5日在本机关门户网站主动公开，网址：http://www.example.gov.cn/1.html")
    assert template_key(d) == "granted:proactive"
    text = "\n".join(letter_text(d))
    assert f"根据{LAW}第三十六条第（一）项" in text and "第（二）项" not in text
    assert "网址：http://www.example.gov.cn/1.html。" in text
    # negations do not switch the basis
    for details in ("该信息未主动公开，现提供给您", "已核实该信息不属于主动公开范围"):
        assert template_key(replace(BASE, details=details)) == "granted"


def test_r13_other_agency_cites_item_five():
    d = replace(BASE, outcome="unable_not_held", other_agency="某市自然资源和规划局（联系电话：0000-1234567）")
    text = "\n".join(letter_text(d))
    assert f"根据{LAW}第三十六条第（五）项" in text
    assert "某市自然资源和规划局（联系电话：0000-1234567）" in text
    assert "第（四）项" not in text
    d = replace(BASE, outcome="unable_not_held", details="该信息不属于本机关负责公开。")
    assert basis_for(d).endswith("第三十六条第（五）项")
    assert "{other_agency}" not in "".join(letter_text(d)) and "行政机关为" not in "".join(letter_text(d))
    assert basis_for(replace(BASE, outcome="unable_not_held")).endswith("第三十六条第（四）项")


def test_fee_amount():
    text = "".join(letter_text(replace(BASE, outcome="other_no_fee_payment", fee_amount=2500)))
    assert "信息处理费2500元" in text and "国办函〔2020〕109号" in text
    assert "信息处理费数额" in "".join(letter_text(replace(BASE, outcome="other_no_fee_payment")))
    assert "收取信息处理费150元" in "".join(letter_text(replace(BASE, fee_amount=150)))


def test_html_escapes_text():
    d = replace(BASE, applicant="<b>李四</b> & Co", details="<script>alert(1)</script>")
    page = render_letter(d, "html").decode("utf-8")
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;b&gt;李四&lt;/b&gt; &amp; Co：" in page
    assert f"<h1>{TITLE}</h1>" in page


def test_docx_opens_with_title_and_fonts():
    from docx import Document
    from docx.oxml.ns import qn

    d = replace(BASE, outcome="denied_third_party_rights", details="第三方不同意公开且有合理理由\x07")
    document = Document(BytesIO(render_letter(d, "docx")))
    texts = [p.text for p in document.paragraphs]
    assert texts == letter_text(d)
    assert texts[0] == TITLE and document.core_properties.title == TITLE
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    title_fonts = document.paragraphs[0].style.element.rPr.find(qn("w:rFonts"))
    body_fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert title_fonts.get(qn("w:eastAsia")) == "黑体"
    assert body_fonts.get(qn("w:eastAsia")) == "仿宋"
    assert document.paragraphs[-1].style.paragraph_format.alignment == 2  # RIGHT (from its style)


def test_pdf_has_the_title():
    need("weasyprint")  # skips without zfxxgk[pdf], fails under CI=true
    data = render_letter(BASE, "pdf")
    assert data.startswith(b"%PDF")
    with pdfplumber.open(BytesIO(data)) as pdf:
        text = pdf.pages[0].extract_text()
    assert TITLE in text
    assert "2021年3月30日" in text


def test_pdf_without_weasyprint(monkeypatch):
    real_import = builtins.__import__

    def no_weasyprint(name, *args, **kwargs):
        if name == "weasyprint":
            raise ImportError("No module named 'weasyprint'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_weasyprint)
    with pytest.raises(MissingExtraError) as err:
        render_letter(BASE, "pdf")
    assert err.value.extra == "pdf" and "生成 PDF" in err.value.message


def test_module_does_not_import_django():
    code = (
        "import sys, zfxxgk.cases.letters, zfxxgk.cases.letter_texts; "
        "sys.exit(1 if any(m == 'django' or m.startswith('django.') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
