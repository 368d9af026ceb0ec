"""need() (tests/testkit.py) and the needs marker (tests/conftest.py): a missing tool or module
skips a test here and fails it under CI=true."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from testkit import need

CONFTEST = Path(__file__).with_name("conftest.py")  # the root one; never `import conftest` (see testkit.py)


@pytest.fixture
def no_tools(monkeypatch):
    """A machine without any executable on PATH."""
    monkeypatch.setattr(shutil, "which", lambda name: None)


def test_a_present_tool_or_module_is_returned(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}" if name == "libreoffice" else None)
    assert need("soffice") == "/usr/bin/libreoffice"  # either name of LibreOffice
    assert need("json") is sys.modules["json"]


def test_a_missing_tool_skips_locally(monkeypatch, no_tools):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="soffice is not installed.*libreoffice-writer-nogui"):
        need("soffice")


def test_a_missing_tool_fails_under_ci(monkeypatch, no_tools):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true requires pdftotext"):
        need("pdftotext")


@pytest.mark.parametrize("ci, outcome", [(None, pytest.skip.Exception), ("true", pytest.fail.Exception)])
def test_a_missing_module(monkeypatch, ci, outcome):
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint -> ImportError
    with pytest.raises(outcome, match="weasyprint.*zfxxgk\\[pdf\\]"):
        need("weasyprint")


def test_a_module_that_fails_for_another_reason_is_never_a_skip(monkeypatch, tmp_path):
    (tmp_path / "broken_extra_module.py").write_text("raise OSError('cannot load library libpango-1.0-0')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("CI", "false")
    with pytest.raises(OSError, match="libpango"):
        need("broken_extra_module")


def test_the_marker_skips_locally_and_fails_under_ci(pytester, monkeypatch):
    pytester.makeconftest(CONFTEST.read_text(encoding="utf-8"))
    pytester.makepyfile(test_marked="""
        import pytest

        @pytest.mark.needs("pdftotext")
        def test_dump():
            pass

        def test_plain():
            pass
    """)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    args = ("-p", "no:django", "-p", "no:xdist", "-p", "no:playwright", "-p", "no:hypothesispytest", "-p", "no:cacheprovider")  # a bare pytest
    monkeypatch.delenv("CI", raising=False)
    pytester.runpytest(*args).assert_outcomes(passed=1, skipped=1)
    monkeypatch.setenv("CI", "true")
    result = pytester.runpytest(*args)
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*CI=true requires pdftotext*"])
