"""The public search pages: /zfxxgk/search/ (every agency) and /zfxxgk/<code>/search/ (one agency).

条例第二十三条 asks for public information to be easy to find. The form takes the words (q), a
column (by code: within the agency, or every agency's column of that code site-wide, each with its
sub-columns) and a year; results show the highlighted title, a snippet, the agency, the column and
the day, and link to the publication. Only what zfxxgk.publishing.search returns is shown, and it
returns public publications only. Bad parameters are ignored, never a 500.
"""
from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import search as index
from ..columns import DEFAULT_COLUMNS
from ..models import Column, Publication
from .tree import agency_or_404

PER_PAGE = 20


@require_GET
def search(request):
    return _page(request, None)


@require_GET
def agency_search(request, code: str):
    return _page(request, agency_or_404(code))


def _page(request, agency):
    q = request.GET.get("q", "").strip()
    columns = _columns(agency)
    column = request.GET.get("column", "")
    column = column if column in {code for code, _ in columns} else ""
    years = _years(agency)
    year = _int(request.GET.get("year"))
    year = year if year in years else None
    results = index.search(q, agency=agency, column=column or None, year=year, page=_int(request.GET.get("page")) or 1,
                           per_page=PER_PAGE)
    kept = {k: v for k, v in (("q", q), ("column", column), ("year", year or "")) if v}
    context = {
        "agency": agency,
        "q": q,
        "column": column,
        "columns": columns,
        "year": year,
        "years": years,
        "results": results,
        "searched": bool(results.query and not results.query.empty),
        "link": urlencode(kept),
        "first": (results.page - 1) * results.per_page + 1,
    }
    return render(request, "publishing/public/search.html", context)


def _int(raw) -> int | None:
    if raw and str(raw).isascii() and str(raw).isdigit() and len(str(raw)) <= 6:
        return int(raw)
    return None


def _years(agency) -> list[int]:
    items = Publication.objects.public()
    if agency is not None:
        items = items.filter(agency=agency)
    return [d.year for d in items.dates("published_on", "year", order="DESC")]


def _columns(agency) -> list[tuple[str, str]]:
    """(code, name indented by depth) for the column filter: the agency's tree, or site-wide the
    default catalogue's columns (each agency's column of that code is searched)."""
    if agency is None:
        return list(_flatten(DEFAULT_COLUMNS, 0))
    columns = list(Column.objects.filter(agency=agency).order_by("position", "id"))
    below: dict[int | None, list[Column]] = {}
    ids = {c.pk for c in columns}
    for c in columns:
        below.setdefault(c.parent_id if c.parent_id in ids else None, []).append(c)
    out, seen = [], set()

    def walk(parent_id, depth):
        for c in below.get(parent_id, []):
            if c.pk not in seen:
                seen.add(c.pk)
                out.append((c.code, "\u3000" * depth + c.name))
                walk(c.pk, depth + 1)

    walk(None, 0)
    return out


def _flatten(entries, depth):
    for code, name, _kind, _stale, children in entries:
        yield code, "\u3000" * depth + name
        yield from _flatten(children, depth + 1)
