"""W-SECTIONS, W-VERSION, W-DEADLINE."""
from datetime import date

from zfxxgk.reports.check import check

from checkdocs import make_doc, of


def test_sections_inferred_from_text_and_tables():
    doc = make_doc()  # 二/三/四 have tables only, 一/五/六 have text
    assert not of(check(doc), "W-SECTIONS")
    del doc.sections["other"]
    for p in [p for p in doc.cells if p.startswith("appeals.")]:
        del doc.cells[p]
    (f,) = of(check(doc), "W-SECTIONS")
    assert f.message.startswith("缺少第四、六部分") and f.values["missing"] == ["appeals", "other"]


def test_sections_from_reader_headings():
    doc = make_doc()
    doc.headings_found = ["一、总体情况", "二、主动公开政府信息情况", "三、收到的处理政府信息公开申请情况",
                          "四", "五、存在问题及改进情况", "other"]
    assert not of(check(doc), "W-SECTIONS")
    doc.headings_found = ["overview", "requests", "proactive", "appeals", "problems"]
    msgs = [f.message for f in of(check(doc), "W-SECTIONS")]
    assert msgs[0].startswith("缺少第六部分") and msgs[1] == "各部分顺序不符合格式要求：一、三、二、四、五"


def test_version():
    assert not of(check(make_doc()), "W-VERSION")
    assert not of(check(make_doc(fmt="2019", year=2020)), "W-VERSION")
    (f,) = of(check(make_doc(fmt="2019", year=2022)), "W-VERSION")
    assert "2022年度报告使用了2019年试行格式的表格，应使用2021年格式" == f.message
    assert of(check(make_doc(fmt="2021", year=2020)), "W-VERSION")


def test_deadline_department():
    doc = make_doc()
    assert not of(check(doc), "W-DEADLINE")  # date unknown
    assert not of(check(doc, published_on=date(2025, 1, 31)), "W-DEADLINE")
    (f,) = of(check(doc, published_on=date(2025, 2, 1)), "W-DEADLINE")
    assert "2025-02-01" in f.message and "2025-01-31" in f.message
    doc.published_on = date(2025, 3, 1)
    assert of(check(doc), "W-DEADLINE")


def test_deadline_government_report():
    for agency in ("某县人民政府", "某县人民政府办公室", "某市政府办公厅"):
        doc = make_doc(agency=agency)
        assert not of(check(doc, published_on=date(2025, 3, 31)), "W-DEADLINE"), agency
        assert of(check(doc, published_on=date(2025, 4, 1)), "W-DEADLINE"), agency


def test_w_meta_missing_agency_and_year():
    from zfxxgk.reports.model import Evidence

    doc = make_doc()
    assert not of(check(doc), "W-META")
    doc.agency, doc.year = None, None
    agency, year = of(check(doc), "W-META")
    assert agency.message == "未能识别报告机关：标题、页面字段、首段和落款均未写明机关名称"
    assert year.message == "未能识别报告年度：标题、页面字段、首段和统计期限均未写明报告年度"
    doc.evidence = [Evidence("agency", "以前", "title", "第3段", 0.0, rejected=True)]
    assert of(check(doc), "W-META")[0].message == "未能识别报告机关：“以前”（标题行）不是机关名称，机关名称留空"


def test_w_meta_conflicting_sources_of_weight():
    from zfxxgk.reports.model import Evidence

    doc = make_doc()  # 2024
    doc.evidence = [Evidence("year", 2024, "title", "第1段", 0.95, chosen=True),
                    Evidence("year", 2023, "list", "第2段", 0.15),  # a site's list: no conflict
                    Evidence("year", 2022, "period", "统计期限", 0.3)]  # too weak to report
    assert not of(check(doc), "W-META")
    doc.evidence.append(Evidence("year", 2023, "field_title", "第4段", 0.9))
    (f,) = of(check(doc), "W-META")
    assert f.message == "报告年度的来源不一致：采用2024年（标题行），另有2023年（页面“标题”栏）"
    assert f.values == {"item": "year", "chosen": 2024, "others": [2023]}
