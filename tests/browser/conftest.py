"""Browser tests: Playwright drives Debian's Chromium against a live server (pytest-django).

Screenshots of the main pages land in artifacts/screenshots/ (a CI artefact).

Every test here is marked ``browser`` (``-m "not browser"`` leaves them out) and needs
``@pytest.mark.django_db(transaction=True)``: the live server thread must see the rows the test
writes. The live server runs in the test's process, so moving the engine's clock
(``services.today``, the ``clock`` fixture of tests/conftest.py) moves it for the pages too; the
county and 司法局 (``county``, ``agency``) come from tests/conftest.py as well.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from browser.helpers import PASSWORD, TIMEOUT_MS

# pytest-django's live_server runs in a thread while Playwright's sync API owns an event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Debian's Chromium against the live server (Playwright)")
    # pytest-base-url (pulled in by pytest-playwright) defines a session fixture pytest 9 deprecates; not ours.
    config.addinivalue_line("filterwarnings", "ignore:Session-scoped fixtures defined as instance methods:DeprecationWarning")
    config.addinivalue_line("filterwarnings", "ignore:Session-scoped fixtures defined as instance methods")


def pytest_collection_modifyitems(config, items):
    # Without Chromium a browser test skips, and fails under CI=true (need() in tests/testkit.py).
    for item in items:
        if "browser" in str(item.fspath):
            item.add_marker(pytest.mark.needs("chromium"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic", "--lang=zh-CN"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A browser in China: Chinese first, Beijing time.
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


@pytest.fixture(autouse=True)
def _isolated(request, isolated):
    """Each test: its own upload folder, an empty cache (lookup throttles), short timeouts."""
    if "context" in request.fixturenames or "page" in request.fixturenames:
        request.getfixturevalue("context").set_default_timeout(TIMEOUT_MS)


@pytest.fixture
def shot(page):
    """``shot(name)`` saves a full-page screenshot of ``page`` (or of ``target``, another page)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str, target=None) -> None:
        (target or page).screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def staff(transactional_db):
    """``staff(username, name, (agency, role), ...)`` creates a user who logs in with PASSWORD."""
    from django.contrib.auth.models import User

    from zfxxgk.agencies.models import Membership

    def make(username: str, name: str, *memberships):
        user = User.objects.create_user(username, password=PASSWORD, first_name=name)
        for a, role in memberships:
            Membership.objects.create(user=user, agency=a, role=role)
        return user

    return make
