"""The audit sheet's columns for the publication facts a report prints (read/meta)."""
from __future__ import annotations

from datetime import date

from zfxxgk.reports import audit

from reports.read.sitepages import AGENCY, Page, html_page


def test_the_report_row_carries_the_publication_facts(tmp_path):
    page = Page(title=("沐阳县人民政府", 2024), published=date(2025, 3, 2), written=date(2025, 2, 28),
                index_no="1132/2025-00031", doc_no="沐政〔2025〕5号", meta_tags=True)
    (tmp_path / "a.html").write_text(html_page(page), "utf-8")
    (tmp_path / "b.html").write_text(html_page(Page(field_agency=AGENCY, period=2024)), "utf-8")
    results = list(audit.run([tmp_path], progress=False))
    rows = {r.path.rsplit("/", 1)[-1]: dict(zip(audit.REPORT_COLUMNS, audit.report_row(r))) for r in results}
    a, b = rows["a.html"], rows["b.html"]
    assert (a["机关"], a["机关（规范名称）"], a["年度"]) == ("沐阳县人民政府", "沭阳县人民政府", 2024)
    assert (a["发布日期"], a["成文日期"], a["索引号"], a["文号"], a["网址"]) == (
        "2025-03-02", "2025-02-28", "1132/2025-00031", "沐政〔2025〕5号", page.url)
    assert (b["机关"], b["年度"], b["发布日期"], b["文号"]) == (AGENCY, 2024, None, None)
    out = audit.write_results(results, tmp_path / "r.csv")[0]
    header = out.read_text("utf-8-sig").splitlines()[0].split(",")
    at = header.index("机关（规范名称）")  # the facts together, after the key totals
    assert header[at:at + 6] == ["机关（规范名称）", "发布日期", "成文日期", "索引号", "文号", "网址"]
