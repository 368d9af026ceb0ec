"""The public pages on a phone (375 px wide, Chromium): nothing widens the page — long titles,
numbers and names wrap, a wide table inside a body scrolls in its own box — and the page's
stylesheet is a static file (the CSP allows no inline styles of ours)."""
from __future__ import annotations

import os
import shutil
from datetime import date

import pytest

from publishing import test_public_kit as kit
from publishing.test_public_kit import make_pub

# pytest-django's live_server runs in a thread while Playwright's sync API owns an event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.needs("chromium"), pytest.mark.slow, pytest.mark.django_db(transaction=True)]
columns = kit.columns
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 375, "height": 812}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # the same Chromium as tests/browser (whose conftest does not reach this folder)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ["--no-sandbox", "--disable-gpu", "--lang=zh-CN"]}


def overflow(page) -> int:
    """How many pixels the page is wider than the screen (0: it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_catalogue_column_and_publication_fit_a_phone(page, live_server, agency, columns):
    cells = "".join(f"<td>第{i}列数据项目名称</td>" for i in range(20))
    title = "湘潭县司法局关于" + "公布行政执法主体资格清单和行政执法人员名单" * 4 + "的通知"
    pub = make_pub(agency, columns["xzzf"], title, doc_number="湘县司法发〔2025〕" + "1" * 40 + "号", index_number="x" * 70,
                   body=f"<p>{'长' * 300}</p><table><tr>{cells}</tr></table>", published_on=date(2025, 6, 2))
    page.set_viewport_size(PHONE)
    for path in ("/zfxxgk/", "/zfxxgk/xtxsfj/", "/zfxxgk/xtxsfj/lm/xzzf/", kit.url(pub)):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert page.evaluate("getComputedStyle(document.querySelector('.gk-crumbs')).fontSize") == "15.3px", path  # public.css loaded
        assert overflow(page) <= 0, path
    table = page.locator(".gk-body table")
    assert table.evaluate("t => getComputedStyle(t).overflowX") == "auto"
    assert table.evaluate("t => t.scrollWidth > t.clientWidth")  # the table scrolls inside its box
    assert table.evaluate("t => t.getBoundingClientRect().right <= window.innerWidth")
    title_box = page.locator("h1#gk-title").bounding_box()
    assert title_box["x"] + title_box["width"] <= PHONE["width"] and title_box["height"] > 60  # wrapped over lines
