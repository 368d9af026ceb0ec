"""Chinese full-text search over public publications (titles, bodies, attachment text).

    update(publication)   index it when Publication.objects.public() holds it, drop it otherwise
                          (the services call this on every change of state, in their transaction)
    rebuild()             the whole index again (publishing_reindex; and when the tokenizer changed)
    search(query, agency=…, column=…, year=…, page=1, per_page=20) -> Results(total, hits, …)

How a query is answered (text.py says what is indexed):

1. Words: the query cut by rjieba, every word required — itself, and when that finds fewer than
   RANK_LIMIT, itself or all the shorter words it is made of (a document may have cut 行政执法检查
   as 行政 / 执法检查: looking up the common short words costs more, so only when needed); bm25 (SQLite FTS5) or ts_rank
   (PostgreSQL) with a title match worth ten body matches, among the newest RANK_LIMIT matches
   (then newest first: a very common word matches nearly everything, and ranking it all costs
   more than a page is worth). Matches are counted up to COUNT_LIMIT.
2. Substring, for a query of one or two characters, and when the words found nothing: every
   whitespace-separated part of the query must occur as written (normalised: text.normalise).
   One or two letters/digits are answered by the index of characters and pairs; anything longer
   is narrowed to the entries holding all its pairs, and the newest VERIFY_LIMIT of those are
   checked in the database (``Results.partial`` says when more were left unchecked). Title
   matches first, then newest first.

Only public rows are ever in the index (update() is the gate), and every hit is looked up again
through Publication.objects.public(), so a withdrawn or superseded item is never shown even if the
index were stale. Nothing in a query is syntax: each word goes to the database as a quoted string
(SQLite) or through plainto_tsquery / quoted lexemes (PostgreSQL); a query is cut at
text.MAX_QUERY characters; an empty query searches nothing.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils.safestring import SafeString

from . import entries as _entries
from . import highlight, text
from .entries import Filters
from .text import Query

log = logging.getLogger(__name__)

RANK_LIMIT = 500
COUNT_LIMIT = 1000  # counted no further: "1000条以上" (on PostgreSQL a count visits every row it counts)
VERIFY_LIMIT = 500
MAX_PAGE = 1000  # pages further than this are not served (a crawler walking every page)

__all__ = ["Hit", "Results", "rebuild", "search", "update", "ensure_current"]


@dataclass
class Hit:
    publication: object  # a Publication, with agency and column loaded
    title_html: SafeString
    snippet_html: SafeString
    score: float


@dataclass
class Results:
    total: int  # at most COUNT_LIMIT (see ``more``)
    hits: list[Hit]
    query: Query | None = None
    page: int = 1
    per_page: int = 20
    mode: str = ""  # "words" | "substring" ("" when nothing was searched)
    partial: bool = False  # the substring check stopped at VERIFY_LIMIT candidates
    more: bool = False  # more than COUNT_LIMIT matched: ``total`` is COUNT_LIMIT
    pages: int = field(init=False)

    def __post_init__(self):
        self.pages = max(1, -(-self.total // self.per_page)) if self.per_page else 1


def backend():
    if connection.vendor == "postgresql":
        from .postgres import Backend
    elif connection.vendor == "sqlite":
        from .sqlite import Backend
    else:  # pragma: no cover - migration 0003 refuses other databases already
        raise RuntimeError(f"no search back end for {connection.vendor}")
    return Backend()


# -- keeping the index -------------------------------------------------------------------------------

_current: set[str] = set()  # the databases (aliases) whose index this process saw at VERSION


def ensure_current() -> bool:
    """Whether the index was cut with this tokenizer (text.VERSION). If not, a rebuild is queued
    (once; the background worker runs it, the immediate task backend at once) and the old index
    keeps answering meanwhile — the substring search does not depend on the tokenizer."""
    if connection.alias in _current:
        return True
    stored = backend().version()
    if stored == text.VERSION:
        _current.add(connection.alias)
        return True
    from django.core.cache import cache

    if cache.add(f"zfxxgk:search:rebuild:{connection.alias}", 1, 600):
        from .tasks import rebuild_index

        log.warning("search index was cut by %r, this is %r: rebuild queued", stored, text.VERSION)
        rebuild_index.enqueue()
    return False


def update(publication) -> None:
    """Index ``publication`` when Publication.objects.public() holds it, drop it otherwise. What is
    indexed is read again from the database, never taken from the object passed."""
    if publication.pk is None:
        return
    ensure_current()
    with transaction.atomic():
        index = backend()
        index.lock(exclusive=False)
        entry = _entries.entry_of(publication.pk)
        if entry is None:
            index.drop(publication.pk)
        else:
            index.put([entry])


def rebuild(chunk: int = 500) -> int:
    """Drop the whole index and index every public publication again; returns how many. One
    transaction: searches see the old index until it commits."""
    with transaction.atomic():
        index = backend()
        index.lock(exclusive=True)
        index.clear()
        n, batch = 0, []
        for entry in _entries.all_entries(chunk):
            batch.append(entry)
            if len(batch) >= chunk:
                index.put(batch, fresh=True)
                n, batch = n + len(batch), []
        index.put(batch, fresh=True)
        n += len(batch)
        index.set_version(text.VERSION)
    _current.add(connection.alias)
    log.info("search index rebuilt: %d publications", n)
    return n


def indexed_ids() -> set[int]:
    """The publications in the index (for checks and tests)."""
    return backend().publication_ids()


# -- searching ------------------------------------------------------------------------------------

def search(query, *, agency=None, column=None, year=None, page=1, per_page=20) -> Results:
    """Public publications matching ``query``. ``agency``: an Agency (or its id); ``column``: a
    column's code (within ``agency``, or every agency's column of that code) or a Column — its
    sub-columns included; ``year``: published that year."""
    q = text.parse(query)
    page, per_page = _page(page), max(1, min(int(per_page), 100))
    f = _filters(agency, column, year)
    if q.empty or f.nothing:
        return Results(0, [], q, page, per_page)
    ensure_current()
    index = backend()
    offset = (page - 1) * per_page
    mode, partial = "words", False
    total, rows = 0, []
    if not q.short and q.words:
        total, rows = index.words(q.strict(), f, offset, per_page, RANK_LIMIT, COUNT_LIMIT)
        if total < RANK_LIMIT and any(q.subwords):  # few: look again, each word also met by its parts
            total, rows = index.words(q, f, offset, per_page, RANK_LIMIT, COUNT_LIMIT)
    if not total:
        mode = "substring"
        if q.exact:
            total, rows = index.substring(q.parts, f, offset, per_page, COUNT_LIMIT)
        else:
            found, partial = index.checked(q, f, VERIFY_LIMIT)
            total, rows = len(found), [(key, 1.0 if titled else 0.0) for key, titled in found[offset:offset + per_page]]
    return Results(min(total, COUNT_LIMIT), _hits(rows, q), q, page, per_page, mode, partial, total > COUNT_LIMIT)


def _page(raw) -> int:
    try:
        return max(1, min(int(raw), MAX_PAGE))
    except (TypeError, ValueError):
        return 1


def _filters(agency, column, year) -> Filters:
    from ..models import Column

    agency_id = getattr(agency, "pk", agency)
    column_ids = None
    if isinstance(column, Column):
        column_ids = _below(Column.objects.filter(pk=column.pk))
    elif column:
        named = Column.objects.filter(code=str(column))
        column_ids = _below(named.filter(agency_id=agency_id) if agency_id is not None else named)
    try:
        year = int(year) if year not in (None, "") else None
    except (TypeError, ValueError):
        year = None
    if year is not None and not 1900 <= year <= 9999:
        year = None
    return Filters(int(agency_id) if agency_id is not None else None, column_ids, year)


def _below(columns) -> tuple[int, ...]:
    """The columns and every column under them (a cycle an administrator made stops the walk)."""
    from ..models import Column

    found = set(columns.values_list("pk", flat=True))
    frontier = set(found)
    while frontier:
        frontier = set(Column.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        found |= frontier
    return tuple(sorted(found))


def _hits(rows: list[tuple[int, float]], q: Query) -> list[Hit]:
    """The page's publications, each looked up again through Publication.objects.public(), with the
    title and a snippet of the text as the public sees it now, highlighted."""
    if not rows:
        return []
    from ..models import Publication

    public = Publication.objects.public().select_related("agency", "column").defer("body").in_bulk([_entries.publication_id(k) for k, _ in rows])
    bodies = _entries.bodies(public.values())
    marks = q.marks()
    hits = []
    for key, score in rows:
        pub = public.get(_entries.publication_id(key))
        if pub is None:  # withdrawn or superseded since it was indexed: never shown
            continue
        hits.append(Hit(pub, highlight.highlight(pub.title, marks), highlight.snippet(bodies[pub.pk], marks), score))
    return hits
