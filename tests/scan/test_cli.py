"""`zfxxgk scan FILE…`: Chinese output, JSON, a word file, exit codes 0/1/2."""
from __future__ import annotations

import json
import subprocess
import sys

from zfxxgk.cli import main


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(["scan", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_file_exits_0(capsys, tmp_path, make_docx):
    path = tmp_path / "通知.docx"
    path.write_bytes(make_docx())
    code, out, err = run(capsys, str(path))
    assert code == 0 and "未发现问题" in out and err == ""


def test_findings_exit_1_and_are_printed_in_chinese(capsys, tmp_path):
    path = tmp_path / "名单.txt"
    path.write_text("公示名单\n张三 13812345678\n", encoding="utf-8")
    code, out, _ = run(capsys, str(path))
    assert code == 1
    assert "发现 1 处问题" in out and "[手机号码] 第2行" in out and "138****5678" in out and "13812345678" not in out


def test_json_output(capsys, tmp_path, make_xlsx):
    from openpyxl.comments import Comment

    def build(wb):
        wb["公开"]["A2"].comment = Comment("内部意见", "王科长")

    path = tmp_path / "表.xlsx"
    path.write_bytes(make_xlsx(build))
    code, out, _ = run(capsys, "--json", str(path))
    data = json.loads(out)
    assert code == 1 and data["exit"] == 1
    [entry] = data["files"]
    assert entry["kind"] == "xlsx" and entry["chars"] > 0
    [f] = entry["findings"]
    assert f["kind"] == "comment" and f["label"] == "批注" and f["place"] == "工作表“公开”A2"
    assert set(f) == {"kind", "label", "place", "excerpt", "digest", "message"}


def test_words_file(capsys, tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("# 本单位敏感词\n内部资料\n", encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("本文为内部资料。", encoding="utf-8")
    code, out, _ = run(capsys, "--words", str(words), str(doc))
    assert code == 1 and "[敏感词]" in out and "内部资料" in out
    code, out, _ = run(capsys, str(doc))
    assert code == 0


def test_missing_and_unreadable_files_exit_2(capsys, tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("手机13812345678", encoding="utf-8")
    broken = tmp_path / "b.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    code, out, err = run(capsys, str(good), str(tmp_path / "没有.pdf"))
    assert code == 2 and "错误：无法打开文件" in err and "文件不存在" in err and "[手机号码]" in out
    code, out, _ = run(capsys, str(broken))
    assert code == 2 and "[无法检查的文件]" in out and "损坏" in out
    code, _, err = run(capsys, "--words", str(tmp_path / "没有.txt"), str(good))
    assert code == 2 and "敏感词文件" in err


def test_summary_line_for_several_files(capsys, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("无问题", encoding="utf-8")
    b.write_text("13812345678", encoding="utf-8")
    code, out, _ = run(capsys, str(a), str(b))
    assert code == 1 and out.strip().endswith("有文件发现问题，请处理后再公开。")


def test_installed_command(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("手机 138 1234 5678", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "zfxxgk.cli", "scan", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "[手机号码]" in done.stdout
