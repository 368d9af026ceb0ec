"""The `zfxxgk report …` command forms are a fixed contract (issue 2)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from zfxxgk.cli import main
from zfxxgk.reports.sample import sample_document
from zfxxgk.reports.write import render

SEEDS = sorted((Path(__file__).parent / "fixtures" / "seeds").glob("*.txt"))


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_parse_json_prints_the_spec_shape(capsys):
    code, out, _ = run(capsys, "report", "parse", str(SEEDS[2]), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["agency"] == "湘潭县司法局" and data["year"] == 2024 and data["format"] == "2021"
    assert set(data["sections"]) == {"overview", "proactive", "requests", "appeals", "problems", "other"}
    assert data["active"]["penalty"] == 2
    assert data["active"]["fees_wan_yuan"] == "0"
    assert len(data["requests"]) == 25 and all(len(row) == 7 for row in data["requests"].values())
    assert data["appeals"]["litigation_after_reconsideration"]["total"] == 0


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary\xff" * 20, "随便一段文字，不是年度报告。".encode()])
def test_parse_unreadable_input_exits_2_with_chinese_message(capsys, tmp_path, content):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, out, err = run(capsys, "report", "parse", str(path), "--json")
    assert code == 2 and out == ""
    assert err.startswith("错误：") and "Traceback" not in err


def test_parse_missing_file_exits_2(capsys, tmp_path):
    code, _, err = run(capsys, "report", "parse", str(tmp_path / "nope.txt"))
    assert code == 2 and "无法打开文件" in err


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_check_seeds_exit_0(capsys, path):
    code, out, _ = run(capsys, "report", "check", str(path), "--json")
    data = json.loads(out)
    assert code == 0, data["findings"]
    assert not [f for f in data["findings"] if f["severity"] == "error"]
    for f in data["findings"]:
        assert {"rule", "severity", "message", "cells"} <= set(f)


def test_check_inconsistent_report_exits_1_and_names_cells(capsys, tmp_path):
    doc = sample_document("2021", 7)
    doc.cells["requests.new_received.natural_person"].value += 1
    path = tmp_path / "bad.txt"
    path.write_bytes(render(doc, "txt"))
    code, out, _ = run(capsys, "report", "check", str(path), "--json")
    assert code == 1
    rules = {f["rule"] for f in json.loads(out)["findings"] if f["severity"] == "error"}
    assert {"T3-BAL", "T3-ROWSUM"} <= rules


def test_check_with_previous_year(capsys, tmp_path):
    this, last = sample_document("2021", 1), sample_document("2021", 2, year=2023)
    (tmp_path / "a.txt").write_bytes(render(this, "txt"))
    (tmp_path / "b.txt").write_bytes(render(last, "txt"))
    code, out, _ = run(capsys, "report", "check", str(tmp_path / "a.txt"), "--previous", str(tmp_path / "b.txt"), "--json")
    assert code in (0, 1)
    assert any(f["rule"] == "T3-XYEAR" for f in json.loads(out)["findings"])


@pytest.mark.parametrize("fmt", ["json", "md", "html", "txt", "tsv", "xlsx", "docx"])
def test_render_writes_a_file(capsys, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    code, _, _ = run(capsys, "report", "render", str(SEEDS[0]), "--to", fmt, "-o", str(out))
    assert code == 0 and out.stat().st_size > 500


def test_audit_writes_three_sheets(capsys, tmp_path):
    (tmp_path / "broken.txt").write_bytes(b"\x00\x00garbage")
    out = tmp_path / "results.xlsx"
    code, stdout, _ = run(capsys, "report", "audit", str(SEEDS[0].parent), str(tmp_path / "broken.txt"), "-j", "2", "--out", str(out), "-q")
    assert code == 0
    assert "共 6 份报告：可读取 5 份，无法读取 1 份" in stdout
    from openpyxl import load_workbook

    wb = load_workbook(out)
    assert wb.sheetnames == ["报告", "问题", "合计", "推断与未定"]
    rows = list(wb["报告"].values)
    assert len(rows) == 7 and rows[0][:3] == ("文件", "机关", "年度")
    totals = {r[0]: r[1] for r in wb["合计"].values}
    assert totals["active.penalty"] == 2  # seed 002 is the only one with 行政处罚


def test_audit_csv(capsys, tmp_path):
    code, _, _ = run(capsys, "report", "audit", str(SEEDS[0].parent), "--out", str(tmp_path / "r.csv"), "-q")
    assert code == 0
    assert (tmp_path / "r-findings.csv").exists() and (tmp_path / "r-totals.csv").exists() and (tmp_path / "r-cells.csv").exists()
    assert len((tmp_path / "r.csv").read_text("utf-8-sig").splitlines()) == 6


def test_console_script_is_installed():
    exe = Path(sys.executable).parent / "zfxxgk"
    proc = subprocess.run([str(exe), "report", "parse", str(SEEDS[1])], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "殷都区科学技术局" in proc.stdout
