"""The generated site pages printed to PDF by Chromium, as a visitor's "save as PDF" does (the
browser's header with the print time and the page's <title>, its footer with the address and
page numbers; the text layer with radical code points for 工, 人, 民 …): agency, year and the
publication facts read as from the HTML."""
from __future__ import annotations

import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from testkit import need
from zfxxgk.reports.check import check
from zfxxgk.reports.read import read

from reports.read.sitepages import AGENCY, Page, html_page, title_of

pytestmark = pytest.mark.slow

CASES = {
    "all": Page(published=date(2025, 1, 20), written=date(2025, 1, 18), signed_on=date(2025, 1, 18),
                index_no="11350300MB1234567X/2025-00012", doc_no="莆城管〔2025〕3号").all_sources(),
    "none": Page(),
    "title": Page(title=(AGENCY, 2024)),
    "field_title": Page(field_title=(AGENCY, 2024)),
    "citation": Page(citation=(AGENCY, 2024)),
    "attachment": Page(attachment=(AGENCY, 2024)),
    "signature+period": Page(signature=AGENCY, period=2024),
    "field_agency+period": Page(field_agency=AGENCY, period=2024),
    "conflict": Page(title=(AGENCY, 2024), citation=(AGENCY, 2023), period=2023),
}


class _Pages(BaseHTTPRequestHandler):
    pages: dict[str, str] = {}

    def do_GET(self):  # noqa: N802 - the http.server API
        body = self.pages.get(self.path)
        if body is None:
            self.send_error(404)
            return
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def printed():
    """{case: (PDF bytes, the page's address)} — every case printed once by one browser."""
    chromium = need("chromium")
    playwright = need("playwright.sync_api")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)  # a free port: tests may run in parallel
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    out, failed = {}, []

    def print_all():
        # In a thread of its own: pytest-playwright's browser tests leave an asyncio loop running in
        # this worker's main thread, where Playwright's sync API refuses to start.
        try:
            with playwright.sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page()
                for name, spec in CASES.items():
                    path = f"/zwgk/ndbg/202501/t20250120_{name}.html"
                    _Pages.pages[path] = html_page(spec)
                    page.goto(base + path)
                    out[name] = (page.pdf(display_header_footer=True, format="A4",
                                          margin={"top": "1.5cm", "bottom": "1.5cm", "left": "1cm", "right": "1cm"}), base + path)
                browser.close()
        except BaseException as exc:  # noqa: BLE001 - raised again in the test's thread
            failed.append(exc)

    try:
        worker = threading.Thread(target=print_all)
        worker.start()
        worker.join()
    finally:
        server.shutdown()
    if failed:
        raise failed[0]
    return out


def _w_meta(doc) -> list[str]:
    return [f.message for f in check(doc) if f.rule == "W-META"]


def test_every_source_agreeing_in_a_print(printed):
    pdf, url = printed["all"]
    doc = read(pdf, "pdf")
    assert (doc.agency, doc.year, doc.title) == (AGENCY, 2024, title_of(AGENCY, 2024))  # 莆⽥ read as 莆田
    assert (doc.published_on, doc.written_on) == (date(2025, 1, 20), date(2025, 1, 18))
    assert (doc.index_no, doc.doc_no, doc.url) == ("11350300MB1234567X/2025-00012", "莆城管〔2025〕3号", url)
    assert _w_meta(doc) == []


@pytest.mark.parametrize("case,source", [("title", "title"), ("field_title", "field_title"), ("citation", "citation"),
                                         ("attachment", "attachment"), ("signature+period", "signature"),
                                         ("field_agency+period", "field_agency")])
def test_one_source_in_a_print(printed, case: str, source: str):
    doc = read(printed[case][0], "pdf")
    assert (doc.agency, doc.year) == (AGENCY, 2024)
    assert source in {e.source for e in doc.evidence if e.item == "agency" and e.chosen}
    assert _w_meta(doc) == []


def test_a_print_stating_nothing(printed):
    pdf, url = printed["none"]
    doc = read(pdf, "pdf")
    assert (doc.agency, doc.year, doc.url) == (None, None, url)  # the print's footer still gives the address
    assert len(_w_meta(doc)) == 2


def test_a_print_in_conflict(printed):
    doc = read(printed["conflict"][0], "pdf")
    assert doc.year == 2024
    assert _w_meta(doc) == ["报告年度的来源不一致：采用2024年（标题行），另有2023年（首段引述）"]
