"""The scan core's kinds are the publishing app's HitKind values, label for label."""
from __future__ import annotations

import subprocess
import sys

from zfxxgk.scan import LABELS, Kind


def test_kinds_match_hitkind():
    from zfxxgk.publishing.models import HitKind

    assert {k.value: LABELS[k] for k in Kind} == dict(HitKind.choices)


def test_scan_never_imports_django():
    code = "import sys, zfxxgk.scan, zfxxgk.scan.console; assert not [m for m in sys.modules if m.startswith('django')], 'django'"
    subprocess.run([sys.executable, "-c", code], check=True)
