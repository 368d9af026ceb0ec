"""What any test module may import (tests/ is on sys.path): ``need()`` for optional tools and
TODAY, the engine clock's default. The fixtures are in tests/conftest.py.

Import from here, never ``from conftest import …``: several folders have a conftest.py and the
name ``conftest`` is taken by whichever was imported last.
"""
from __future__ import annotations

import importlib
import os
import shutil
import threading
import time
from datetime import date

import pytest

TODAY = date(2025, 6, 30)  # a Monday: the clock fixture's default

# Executables: the names to look for on PATH, and where they come from.
TOOLS = {
    "soffice": (("soffice", "libreoffice"), "LibreOffice: apt-get install libreoffice-writer-nogui"),
    "pdftotext": (("pdftotext",), "poppler-utils: apt-get install poppler-utils"),
    "chromium": (("chromium", "/usr/bin/chromium"), "Debian's Chromium: apt-get install chromium"),
}
# Python modules of the optional extras.
MODULES = {
    "weasyprint": "pip install 'zfxxgk[pdf]'",
    "rapidocr": "pip install 'zfxxgk[ocr]'",
    "numpy": "pip install 'zfxxgk[ocr]'",
}


def member(username: str, *memberships, superuser: bool = False, password: str = "x-unused-123", **fields):
    """A user holding ``memberships`` ((agency, role) pairs; a supervisor's covers the agency's
    descendants). ``fields`` go to ``create_user`` (first_name, email, is_active…); a superuser is
    staff too, so the admin lets them in."""
    from django.contrib.auth.models import User

    from zfxxgk.agencies.models import Membership

    user = User.objects.create_user(username, password=password, is_superuser=superuser, is_staff=superuser, **fields)
    for agency, role in memberships:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


def in_ci() -> bool:
    return os.environ.get("CI") == "true"


def need(name: str):
    """The path of executable ``name`` or the imported module ``name``; skip (fail under CI=true) without it.

    Only a missing tool skips: a module that is installed but fails to load for another reason
    (a missing system library …) raises as it is, and nothing the tool does afterwards is caught.
    """
    if name in TOOLS:
        commands, source = TOOLS[name]
        found = next((path for path in map(shutil.which, commands) if path), None)
        if found:
            return found
        reason = f"{name} is not installed ({source}; ./test.sh installs it)"
    else:
        try:
            return importlib.import_module(name)
        except ImportError as exc:
            reason = f"Python module {name!r} is not installed: {exc} ({MODULES.get(name, 'pip install -e .[test]')})"
    if in_ci():
        pytest.fail(f"CI=true requires {name}, but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


# --- parallel transactions ------------------------------------------------------------------------

def _parallel_marker():
    from django.db import connection

    return pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises writers, so parallel transactions never race there "
               "(run with ZFXXGK_TEST_DB=postgres, as ./test.sh does)",
    )


parallel = _parallel_marker()


def run_parallel(n: int, work) -> tuple[list, list[BaseException], float]:
    """Run ``work(i)`` in ``n`` threads, each on its own database connection, all released at once.
    Returns the results, the exceptions raised and the seconds taken."""
    from django.db import connection, connections

    barrier = threading.Barrier(n)
    results: list = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def target(i: int) -> None:
        try:
            connection.ensure_connection()  # connect before the barrier: the race is in the work, not the login
            barrier.wait(timeout=60)
            out = work(i)
            with lock:
                results.append(out)
        except BaseException as exc:  # noqa: BLE001 — reported to the test
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(n)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a thread hung (deadlock?)"
    return results, errors, time.perf_counter() - start
