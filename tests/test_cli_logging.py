"""The command's log output: other libraries' warnings at debug level, ours and errors as before.

Logging is configured once per process, so each case runs in a fresh interpreter.
"""
from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = """
import logging, sys, warnings
from zfxxgk.cli import configure_logging
configure_logging(verbose={verbose})
configure_logging(verbose={verbose})  # called twice: still one handler, no line printed twice
logging.getLogger("pdfminer.pdfpage").warning("CropBox missing from /Page, defaulting to MediaBox")
logging.getLogger("fontTools.subset").info("glyph names dropped")
warnings.warn("Workbook contains no default style", UserWarning)
logging.getLogger("zfxxgk.reports.read").warning("reader pdf refused x.pdf")
logging.getLogger("weasyprint").error("Failed to load font")
logging.getLogger("zfxxgk").debug("our debug detail")
"""


def stderr_of(verbose: bool) -> str:
    code = textwrap.dedent(SCRIPT.format(verbose=verbose))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    return proc.stderr


def test_third_party_warnings_are_not_printed():
    err = stderr_of(False).splitlines()
    assert err == [
        "WARNING zfxxgk.reports.read: reader pdf refused x.pdf",  # ours: as before
        "ERROR weasyprint: Failed to load font",  # an error of a library still shows
    ]


def test_verbose_shows_them_at_debug_level():
    err = stderr_of(True).splitlines()
    assert "DEBUG pdfminer.pdfpage: CropBox missing from /Page, defaulting to MediaBox" in err
    assert "DEBUG fontTools.subset: glyph names dropped" in err
    assert any(line.startswith("DEBUG py.warnings:") and "Workbook contains no default style" in line for line in err)
    assert "WARNING zfxxgk.reports.read: reader pdf refused x.pdf" in err
    assert "ERROR weasyprint: Failed to load font" in err
    assert "DEBUG zfxxgk: our debug detail" in err
    records = [line for line in err if line.split(" ", 1)[0] in ("DEBUG", "INFO", "WARNING", "ERROR")]
    assert len(records) == len(set(records)) == 6
