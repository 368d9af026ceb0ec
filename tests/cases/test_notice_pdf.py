"""The 落款 (agency and date) of a notice never stands alone on the last page of its PDF: rendered
with WeasyPrint and read back page by page. The same letters laid out without the keep-together rule
do leave it alone, so the letters tested really cross a page break where it matters."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from io import BytesIO

import pdfplumber
import pytest

from testkit import need
from zfxxgk.cases.letters import LetterData, paragraphs
from zfxxgk.cases.notices import fee, layout, texts

REPLY = LetterData(
    agency="湘潭县司法局", number="湘司依申〔2026〕7号", applicant="张三", received_on=date(2026, 3, 2),
    description="2025年本县法律援助经费预算及执行情况", outcome="granted", replied_on=date(2026, 3, 20),
    doc_number="湘县司依申复〔2026〕15号", reconsideration_body="湘潭县人民政府", court="湘潭县人民法院",
    contact_person="李明", contact_phone="0731-57812345",
)
LINE = "提供的政府信息包括二〇二五年度法律援助经费的预算批复、季度执行报表和年度决算说明。"
KEEP_RULE = "div.closing { break-inside: avoid; page-break-inside: avoid; }"


def _pages(lay, *, keep: bool = True) -> list[str]:
    weasyprint = need("weasyprint")  # skips without zfxxgk[pdf], fails under CI=true
    html = layout.to_html(lay, title="答复告知书")
    assert KEEP_RULE in html
    if not keep:
        html = html.replace(KEEP_RULE, "")
    with pdfplumber.open(BytesIO(weasyprint.HTML(string=html).write_pdf())) as pdf:
        return [(page.extract_text() or "").replace("\n", "") for page in pdf.pages]


def _alone(last_page: str) -> bool:
    """The last page holds no paragraph of the body: only the contact line and the 落款 (or less)."""
    rest = last_page.replace("湘潭县司法局", "").replace("2026年3月20日", "").replace("联系人：李明；联系电话：0731-57812345。", "")
    return not rest.strip()


@pytest.mark.needs("weasyprint")
def test_closing_never_alone_on_the_last_page():
    naive_alone = 0
    for n in range(11, 17):  # bodies that end near the foot of page 2, at the top of page 3, and in between
        lay = paragraphs(replace(REPLY, details="\n".join([LINE] * n)))
        pages = _pages(lay)
        last = pages[-1]
        assert "湘潭县司法局" in last and "2026年3月20日" in last, n
        assert "特此告知。" in last and "如对本答复不服" in last, (n, last)  # the last paragraphs came along
        assert not _alone(last), n
        naive_alone += _alone(_pages(lay, keep=False)[-1])
    assert naive_alone, "no length tested puts the 落款 on a page of its own without the rule"


@pytest.mark.needs("weasyprint")
def test_fee_notice_pdf_has_title_number_and_closing_on_one_page():
    f = texts.Facts(agency="湘潭县司法局", applicant="张三", applicant_kind="natural_person", number="湘司依申〔2026〕7号",
                    description="某信息", received_on=date(2026, 3, 2), issued_on=date(2026, 3, 20), doc_number="湘县司依申费〔2026〕3号")
    pages = _pages(fee.paragraphs(f, 150, "共45页，第31至45页每页10元", "量（按量计收）", "到本机关窗口缴纳", 20))
    assert len(pages) == 1
    assert texts.TITLES["fee"] in pages[0] and "湘县司依申费〔2026〕3号" in pages[0] and pages[0].endswith("2026年3月20日")
