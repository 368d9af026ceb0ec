"""The agencies' rows of the dashboard, written in Python (oversight/views/rows.py) for speed: the
same markup the template wrote, every text escaped."""
from __future__ import annotations

import re
from datetime import date

from zfxxgk.agencies.models import Agency
from zfxxgk.oversight.status import AgencyRow
from zfxxgk.oversight.views.rows import agency_rows_html


def _squash(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


def test_a_row_links_its_counts_to_the_queue_and_escapes_every_text():
    rows = [
        AgencyRow(agency=Agency(pk=7, name="湘潭县<司法>局"), depth=1, open=3, overdue=1, stale=2, status="late",
                  errors=2, dismissed=1, report_url="/r/5/?a&b", due=date(2026, 1, 31)),
        AgencyRow(agency=Agency(pk=8, name="局&"), depth=0),
    ]
    html = _squash(agency_rows_html(rows, "/q/"))
    assert html == _squash(
        '<tr data-agency="7"><th scope="row" class="depth-1">湘潭县&lt;司法&gt;局</th>'
        '<td class="num" data-col="open"><a href="/q/?agency=7">3</a></td>'
        '<td class="num bad" data-col="overdue"><a href="/q/?agency=7&amp;state=overdue">1</a></td>'
        '<td class="num warn" data-col="stale"><a href="/q/?agency=7&amp;state=confirm_late">2</a></td>'
        '<td data-col="status"><span class="tag st-bad">逾期未发布</span> <a href="/r/5/?a&amp;b">查看报告</a>'
        '<br><span class="help">期限 2026-01-31</span></td>'
        '<td class="num bad" data-col="errors">2</td><td class="num" data-col="dismissed">1</td></tr>'
        '<tr data-agency="8"><th scope="row" class="depth-0">局&amp;</th>'
        '<td class="num" data-col="open"><a href="/q/?agency=8">0</a></td>'
        '<td class="num" data-col="overdue">0</td><td class="num" data-col="stale">0</td>'
        '<td data-col="status"><span class="tag st-none">未开始</span><br><span class="help">期限 </span></td>'
        '<td class="num" data-col="errors">0</td><td class="num" data-col="dismissed">0</td></tr>'
    )
