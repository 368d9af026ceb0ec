"""Figures imported from an XLSX in the report's layout or a CSV of path,value lines."""
from __future__ import annotations

from datetime import date

import pytest

from zfxxgk.annual import services as annual
from zfxxgk.annual.models import AnnualReport
from zfxxgk.reports.write import render

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(agency, casework, clerk):
    casework.app(date(2024, 2, 1), date(2024, 2, 20), "granted")
    report = annual.get(agency, 2024)
    annual.generate(report, clerk)
    return report


CSV = "path,value\nactive.licensing,120\nactive.penalty, 35\n# comment line\n\nactive.fees_wan_yuan,1.25\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_utf8_or_gbk(report, clerk, encoding):
    data = ("路径,数值\n" + CSV.split("\n", 1)[1] + "active.coercion,0\n").encode(encoding)
    annual.import_figures(report, clerk, "表二.csv", data)
    assert report.figures["active.licensing"] == {"value": 120, "source": "import", "computed": None}
    assert report.figures["active.penalty"]["value"] == 35
    assert report.figures["active.fees_wan_yuan"]["value"] == "1.25"


@pytest.mark.parametrize("data, message", [
    (b"", "文件为空"),
    (b"active.licensing,12,3\n", "第1行应为“单元格路径,数值”两列"),
    (b"active.licensing,12\nactive.nothing,3\n", "第2行：“active.nothing”不是年度报告格式"),
    (b"active.licensing,12\nactive.licensing,13\n", "重复出现"),
    ("active.licensing,十二\n".encode(), "“表二 行政许可·本年处理决定数量”应填写非负整数"),
    (b"\xff\xfe\x00\x00garbage", "编码"),
    (b"# only a comment\n", "没有数据"),
])
def test_bad_csv_is_refused_whole(report, clerk, data, message):
    before = AnnualReport.objects.get(pk=report.pk).figures
    with pytest.raises(annual.AnnualInvalid) as exc:
        annual.import_figures(report, clerk, "figures.csv", data)
    assert message in exc.value.message
    assert AnnualReport.objects.get(pk=report.pk).figures == before


def test_xlsx_in_the_report_layout(report, clerk, table2):
    annual.save(report, clerk, figures=table2)
    doc = annual.document(report)
    doc.cells["active.licensing"].value = 99
    doc.cells["requests.granted.natural_person"].value = 4  # over the computed 1
    annual.save(report, clerk, figures={"active.licensing": None})
    annual.import_figures(report, clerk, "2024年报.xlsx", render(doc, "xlsx"))
    assert report.figures["active.licensing"] == {"value": 99, "source": "import", "computed": None}
    assert report.figures["requests.granted.natural_person"] == {"value": 4, "source": "import", "computed": 1}
    assert "T3-ROWSUM" in {f["rule"] for f in report.findings if f["severity"] == "error"}


def test_bad_files(report, clerk, stranger):
    with pytest.raises(annual.AnnualInvalid, match="XLSX"):
        annual.import_figures(report, clerk, "figures.doc", b"whatever")
    with pytest.raises(annual.AnnualInvalid, match="文件已损坏"):  # the reader's own Chinese reason
        annual.import_figures(report, clerk, "figures.xlsx", b"PK\x03\x04 not really a zip")
    with pytest.raises(annual.AnnualForbidden):
        annual.import_figures(report, stranger, "figures.csv", CSV.encode())
