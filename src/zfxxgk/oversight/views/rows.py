"""The dashboard's table of agencies, one ``<tr>`` per agency, written here rather than in the template.

A county has hundreds of agencies: Django's template engine spends ~0.5 ms per row on its variable
lookups and tags (bench/annual.py, 500 agencies), the same rows built with ``format_html`` ~20 µs.
The markup is the template's as it was (tests/browser/test_oversight.py reads it).
"""
from __future__ import annotations

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from ..status import AgencyRow

_ROW = (
    '<tr data-agency="{pk}">\n'
    '    <th scope="row" class="depth-{depth}">{name}</th>\n'
    '    <td class="num" data-col="open"><a href="{queue}?agency={pk}">{open}</a></td>\n'
    '    <td class="num{overdue_css}" data-col="overdue">{overdue}</td>\n'
    '    <td class="num{stale_css}" data-col="stale">{stale}</td>\n'
    '    <td data-col="status"><span class="tag {status_css}">{status_label}</span>{report}<br><span class="help">期限 {due}</span></td>\n'
    '    <td class="num{errors_css}" data-col="errors">{errors}</td>\n'
    '    <td class="num" data-col="dismissed">{dismissed}</td>\n'
    '  </tr>\n'
)


def _link(queue: str, pk: int, state: str, n: int) -> SafeString | str:
    if not n:
        return "0"
    return format_html('<a href="{}?agency={}&amp;state={}">{}</a>', queue, pk, state, n)


def agency_rows_html(rows: list[AgencyRow], queue: str) -> SafeString:
    """The ``<tbody>`` rows of ``#table-agencies``: each agency's open, overdue and long-unconfirmed
    applications (linked to the queue filtered so) and its report's status, errors and dismissals."""
    queue = escape(queue)
    out = []
    for r in rows:
        pk = r.agency.pk
        out.append(_ROW.format(
            pk=pk, depth=r.depth, name=escape(r.agency.name), queue=queue, open=r.open,
            overdue_css=" bad" if r.overdue else "", overdue=_link(queue, pk, "overdue", r.overdue),
            stale_css=" warn" if r.stale else "", stale=_link(queue, pk, "confirm_late", r.stale),
            status_css=escape(r.status_css), status_label=escape(r.status_label),
            report=format_html(' <a href="{}">查看报告</a>', r.report_url) if r.report_url else "",
            due=r.due.strftime("%Y-%m-%d") if r.due else "",
            errors_css=" bad" if r.errors else "", errors=r.errors, dismissed=r.dismissed,
        ))
    return mark_safe("".join(out))  # noqa: S308 — every value above is escaped or a number


_COMPARE_ROW = '<tr{css}>\n    <th scope="row">{name}{source}</th>\n    {cells}\n  </tr>'
_COMPARE_CELL = '<td class="num"><span class="ov-now">{now}</span><br><span class="help">上年 {before}{change}</span></td>'


def compare_rows_html(comparisons) -> SafeString:
    """The ``<tbody>`` rows of ``#table-compare`` (oversight/_compare.html): the county, then each
    agency, every delta's this year above last year and the change. 500 agencies × 9 deltas are
    ~4,500 cells: written here for the same reason as :func:`agency_rows_html`."""
    out = []
    for i, c in enumerate(comparisons):
        total = i == 0 and c.name.endswith("（合计）")
        source = format_html('<br><span class="help">{}</span>', c.now_source) if c.now_source else ""
        cells = "".join(_COMPARE_CELL.format(now=escape(d.now_text), before=escape(d.before_text),
                                             change=("，" + escape(d.change_text)) if d.change_text else "") for d in c.deltas)
        out.append(_COMPARE_ROW.format(css=' class="ov-total"' if total else "", name=escape(c.name), source=source, cells=cells))
    return mark_safe("".join(out))  # noqa: S308 — every value above is escaped
