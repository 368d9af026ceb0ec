"""`zfxxgk annual build|status` and `zfxxgk worker`: the platform's annual reports on the command line."""
from __future__ import annotations

import json
from datetime import date

import pytest
from django.contrib.auth.models import User

from zfxxgk import cli
from zfxxgk.agencies.models import Agency, Membership, Role
from zfxxgk.annual.models import AnnualReport, ReportState, Version
from zfxxgk.cases import services as s
from zfxxgk.cli import main
from zfxxgk.reports.model import Cell, ReportDocument
from zfxxgk.reports.read import read

pytestmark = pytest.mark.django_db
YEAR = 2024


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _clock(clock):
    return clock


def _cases(agency: Agency, granted: int = 2) -> None:
    clerk = User.objects.create_user(f"{agency.code}-jb")
    Membership.objects.create(user=clerk, agency=agency, role=Role.CLERK)
    for i in range(granted):
        app = s.register(agency, s.NewApplication("natural_person", "张三", f"2024年预算{i}", "in_person", date(YEAR, 3, 4), phone="13800000000"))
        s.answer(app, date(YEAR, 3, 20), "granted", clerk)


def _published(agency: Agency, granted: int, published_on=date(YEAR + 1, 1, 20)) -> AnnualReport:
    doc = ReportDocument(agency=agency.name, year=YEAR)
    doc.cells["requests.granted.total"] = Cell(granted)
    report = AnnualReport.objects.create(agency=agency, year=YEAR, state=ReportState.PUBLISHED)
    Version.objects.create(report=report, number=1, published_on=published_on, document=doc.to_dict(with_sources=True))
    return report


def test_build_generates_a_draft_from_the_cases_without_publishing(capsys, tmp_path, agency):
    _cases(agency, granted=2)
    out_file = tmp_path / "r.json"
    code, out, err = run(capsys, "annual", "build", "湘潭县司法局", str(YEAR), "-o", str(out_file))
    assert code == 0, err
    assert "草稿" in out and str(out_file) in out
    data = json.loads(out_file.read_text("utf-8"))
    assert data["requests"]["granted"]["natural_person"] == 2 and data["requests"]["new_received"]["total"] == 2
    report = AnnualReport.objects.get(agency=agency, year=YEAR)
    assert report.state == ReportState.DRAFT and not report.versions.exists()


@pytest.mark.parametrize("fmt", ["html", "xlsx", "docx"])
def test_build_renders_the_published_version_and_reads_back(capsys, tmp_path, agency, fmt):
    _published(agency, granted=7)
    _cases(agency, granted=1)  # the cases say 1; the published version says 7 and wins
    out_file = tmp_path / f"report.{fmt}"
    code, out, err = run(capsys, "annual", "build", "xtxsfj", str(YEAR), "--to", fmt, "-o", str(out_file))
    assert code == 0, err
    assert "已发布" in out
    assert read(out_file).value("requests.granted.total") == 7


def test_build_refuses_unknown_agency_year_and_format_in_chinese(capsys, tmp_path, agency):
    code, out, err = run(capsys, "annual", "build", "不存在的局", "2024", "-o", str(tmp_path / "x.json"))
    assert code == 2 and out == "" and err.startswith("错误：") and "不存在的局" in err
    code, _, err = run(capsys, "annual", "build", "xtxsfj", "二〇二四", "-o", str(tmp_path / "x.json"))
    assert code == 2 and "报告年度" in err
    code, _, err = run(capsys, "annual", "build", "xtxsfj", "2024", "-o", str(tmp_path / "x.bin"))
    assert code == 2 and "--to" in err
    with pytest.raises(SystemExit) as exc:
        main(["annual", "build", "xtxsfj", "2024", "--to", "odt", "-o", "x.odt"])
    assert exc.value.code == 2
    assert not AnnualReport.objects.exists()  # nothing created by a refused command


def test_build_internal_error_exits_3(capsys, tmp_path, agency, monkeypatch):
    monkeypatch.setattr(cli, "annual_document", lambda agency, year: 1 / 0)
    code, _, err = run(capsys, "annual", "build", "xtxsfj", "2024", "-o", str(tmp_path / "x.json"))
    assert code == 3 and err.startswith("内部错误") and "Traceback" not in err and "-v" in err
    code, _, err = run(capsys, "-v", "annual", "build", "xtxsfj", "2024", "-o", str(tmp_path / "x.json"))
    assert code == 3 and "Traceback" in err and "ZeroDivisionError" in err  # -v: the details, for the bug report


def test_status_lists_every_agency_with_flags(capsys, clock, county, agency):
    clock["day"] = date(YEAR + 1, 2, 5)  # after 31 January
    other = Agency.objects.create(name="湘潭县教育局", code="xtxjyj", parent=county)
    late = Agency.objects.create(name="湘潭县财政局", code="xtxczj", parent=county)
    _published(agency, granted=3)
    _published(late, granted=1, published_on=date(YEAR + 1, 2, 3))
    AnnualReport.objects.create(agency=other, year=YEAR, state=ReportState.DRAFT, errors=2, warnings=1)
    code, out, err = run(capsys, "annual", "status", str(YEAR))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith(f"{YEAR}年度") and lines[1].split() == ["机关", "状态", "错误", "警告", "发布期限", "标记"]
    rows = {line.split()[0]: line.split() for line in lines[2:-1]}
    assert rows["湘潭县司法局"] == ["湘潭县司法局", "已发布", "0", "0", f"{YEAR + 1}-01-31", "—"]
    assert rows["湘潭县教育局"] == ["湘潭县教育局", "草稿", "2", "1", f"{YEAR + 1}-01-31", "逾期未发布"]
    assert rows["湘潭县财政局"][-1] == "逾期发布"
    assert rows["湘潭县人民政府"][1:] == ["未开始", "0", "0", f"{YEAR + 1}-03-31", "未开始"]  # 本级政府: 3月31日
    assert lines[-1] == "共 4 个机关：已发布 2 个，逾期 2 个。"


def test_status_default_year_follows_the_season(capsys, clock, agency):
    clock["day"] = date(2026, 2, 1)
    assert run(capsys, "annual", "status")[1].startswith("2025年度")
    clock["day"] = date(2026, 12, 3)
    assert run(capsys, "annual", "status")[1].startswith("2026年度")
    code, _, err = run(capsys, "annual", "status", "20x5")
    assert code == 2 and err.startswith("错误：")


def test_worker_runs_the_background_worker(monkeypatch):
    from zfxxgk.site import worker

    called = []
    monkeypatch.setattr(worker, "run_worker", lambda **kw: called.append(kw) or 0)
    assert main(["worker"]) == 0
    assert main(["worker", "--batch", "--interval", "5"]) == 0
    assert called == [{"batch": False, "interval": 1.0, "queue": "default"}, {"batch": True, "interval": 5.0, "queue": "default"}]
    monkeypatch.setattr(worker, "run_worker", lambda **kw: 1)  # tasks not on the database backend
    assert main(["worker"]) == 2
