"""A bug is not a bad file: a crashing front end or checker rule propagates (and the CLI exits 3
with 内部错误), while malformed inputs still give ReportReadError with a Chinese message."""
from __future__ import annotations

import logging

import pytest

from reports.factories import sample_document
from zfxxgk.cli import EXIT_INTERNAL, EXIT_UNREADABLE, main
from zfxxgk.reports.check import RULES, Rule, check
from zfxxgk.reports.errors import ReportReadError
from zfxxgk.reports.read import read, text
from zfxxgk.reports.write import render


def _crash(*args, **kwargs):
    raise TypeError("a bug, not a bad file")


def test_crashing_front_end_propagates(monkeypatch):
    monkeypatch.setattr(text, "blocks", _crash)
    with pytest.raises(TypeError) as info:
        read(render(sample_document(), "txt"), name="r.txt")
    assert "zfxxgk: reader text on r.txt" in info.value.__notes__


def test_malformed_input_is_still_unreadable():
    with pytest.raises(ReportReadError, match="损坏"):
        read(b"PK\x03\x04 broken", "docx")


def test_crashing_rule_propagates():
    rule = Rule("X-BUG", "error", "有缺陷的规则", "test", _crash)
    with pytest.raises(TypeError) as info:
        check(sample_document(), rules=[*RULES, rule])
    assert "zfxxgk: checker rule X-BUG" in info.value.__notes__


@pytest.mark.parametrize("command", ["parse", "check", "render"])
def test_cli_exits_3_with_the_traceback_logged(monkeypatch, tmp_path, capsys, caplog, command):
    path = tmp_path / "r.txt"
    path.write_bytes(render(sample_document(), "txt"))
    monkeypatch.setattr(text, "blocks", _crash)
    argv = ["report", command, str(path)] + (["--to", "html", "-o", str(tmp_path / "o.html")] if command == "render" else [])
    with caplog.at_level(logging.ERROR, logger="zfxxgk"):
        code = main(argv)
    err = capsys.readouterr().err
    assert code == EXIT_INTERNAL and "内部错误" in err and "TypeError" in err
    record = next(r for r in caplog.records if r.exc_info)
    assert record.exc_info[0] is TypeError


def test_cli_check_with_a_crashing_rule_exits_3(monkeypatch, tmp_path, capsys):
    from zfxxgk.reports.check import catalogue

    path = tmp_path / "r.txt"
    path.write_bytes(render(sample_document(), "txt"))
    monkeypatch.setattr(catalogue, "RULES", (*catalogue.RULES, Rule("X-BUG", "error", "有缺陷的规则", "test", _crash)))
    import zfxxgk.reports.check as checker

    monkeypatch.setattr(checker, "RULES", catalogue.RULES)
    assert main(["report", "check", str(path)]) == EXIT_INTERNAL
    assert "内部错误" in capsys.readouterr().err


def test_cli_unreadable_is_still_2(tmp_path, capsys):
    path = tmp_path / "r.docx"
    path.write_bytes(b"PK\x03\x04 broken")
    assert main(["report", "parse", str(path)]) == EXIT_UNREADABLE
    assert "内部错误" not in capsys.readouterr().err
