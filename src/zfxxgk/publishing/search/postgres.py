"""The index on PostgreSQL: one table, publishing_search_entry (migration 0003), with

    words   tsvector ('simple' configuration) of the rjieba tokens: the title weighted A, the body B;
            ts_rank weighs A 10× B
    grams   tsvector of every character and pair of characters of title and body, and of the
            title's again marked with "~" (~局): a title hit is a lookup like any other

each with a GIN index, plain columns (agency, column, year) for the filters, and the title and body
normalised (text.normalise) for the substring check (strpos). The words go in as text through
PostgreSQL's parser (to_tsvector / plainto_tsquery: the same parser on both sides), the grams as
arrays (array_to_tsvector); a grams query is a tsquery of quoted lexemes built here: a gram is
letters and digits only, so it never holds a quote or a backslash.

Writers of the index take a transaction-scoped advisory lock: shared for one publication,
exclusive for a rebuild, so a rebuild never interleaves with a publication being indexed.
"""
from __future__ import annotations

import functools

from django.db import connection, transaction

from . import text
from .entries import Entry, Filters
from .text import Query

ENTRY = "publishing_search_entry"
META = "publishing_search_meta"
LOCK = 0x7A66_786B  # "zfxk": the advisory lock of the search index
WEIGHTS = "{0, 0, 0.1, 1.0}"  # D, C, B (body), A (title)
TITLE = "~"
PLAIN = "plainto_tsquery('simple', %s)"
WINDOWS = (4, 16, 64)  # for the newest n matches, the newest 4n rows are looked at first, then 16n, 64n, all


def _lexemes(lexemes) -> str:
    return " & ".join(f"'{lexeme}'" for lexeme in lexemes)


def _filters(f: Filters) -> tuple[str, list]:
    sql, params = "", []
    if f.agency_id is not None:
        sql += " AND agency_id = %s"
        params.append(f.agency_id)
    if f.column_ids is not None:
        sql += " AND column_id = ANY(%s)"
        params.append(list(f.column_ids))
    if f.year is not None:
        sql += " AND year = %s"
        params.append(f.year)
    return sql, params


def _index_scans(method):
    """Run ``method`` with sequential scans off (transaction-local, then as they were).

    Every row's tsvector is stored out of line (TOAST); a sequential scan unpacks each one to test
    it, a cost the planner does not count: for a common word it chose a scan of the whole table
    (115 ms for 10,000 rows) over the GIN index (20 ms)."""

    @functools.wraps(method)
    def run(self, *args, **kwargs):
        with transaction.atomic():
            before = self._one("SELECT b.v FROM (SELECT current_setting('enable_seqscan') AS v OFFSET 0) b,"
                               " LATERAL (SELECT set_config('enable_seqscan', 'off', true) || b.v) s")
            result = method(self, *args, **kwargs)
            self._one("SELECT set_config('enable_seqscan', %s, true)", [before])
        return result

    return run


class Backend:
    vendor = "postgresql"

    def _one(self, sql: str, params=()):
        with connection.cursor() as cursor:
            cursor.execute(sql, list(params))
            row = cursor.fetchone()
        return row[0] if row else None

    def _rows(self, sql: str, params=()) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, list(params))
            return cursor.fetchall()

    # -- upkeep -----------------------------------------------------------------------------------

    def lock(self, exclusive: bool) -> None:
        self._one("SELECT pg_advisory_xact_lock(%s)" if exclusive else "SELECT pg_advisory_xact_lock_shared(%s)", [LOCK])

    def version(self) -> str | None:
        return self._one(f"SELECT value FROM {META} WHERE name = 'version'")

    def set_version(self, value: str) -> None:
        self._one(f"INSERT INTO {META} (name, value) VALUES ('version', %s) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value"
                  " RETURNING name", [value])

    def put(self, entries: list[Entry], fresh: bool = False) -> None:
        if not fresh and entries:
            self._one(f"DELETE FROM {ENTRY} WHERE publication_id = ANY(%s) RETURNING 1", [[e.publication_id for e in entries]])
        rows = []
        for e in entries:
            title, body = text.normalise(e.title), text.normalise(e.body)
            grams = text.grams(title + "\n" + body) | {TITLE + g for g in text.grams(title)}
            rows.append((e.sort_key, e.publication_id, e.agency_id, e.column_id, e.year, title, body,
                         text.tokens(title), text.tokens(body), sorted(grams)))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {ENTRY} (sort_key, publication_id, agency_id, column_id, year, title, body, words, grams)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s,"
                " setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B'),"
                " array_to_tsvector(%s::text[]))", rows)

    def drop(self, publication_id: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {ENTRY} WHERE publication_id = %s", [publication_id])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {ENTRY}")

    def publication_ids(self) -> set[int]:
        return {row[0] for row in self._rows(f"SELECT publication_id FROM {ENTRY}")}

    # -- queries ----------------------------------------------------------------------------------

    def _words_query(self, q: Query) -> str:
        """The words as a tsquery (its text): every word, each itself or all its parts — put
        together by PostgreSQL from plainto_tsquery, so nothing typed is tsquery syntax."""
        terms, params = [], []
        for word, subs in zip(q.words, q.subwords):
            if subs:
                terms.append(f"({PLAIN} || ({' && '.join([PLAIN] * len(subs))}))")
                params += [word, *subs]
            else:
                terms.append(PLAIN)
                params.append(word)
        return self._one(f"SELECT ({' && '.join(terms)})::text", params)

    def _count(self, match: str, params: list, cap: int) -> int:
        return self._one(f"SELECT count(*) FROM (SELECT 1 FROM {ENTRY} WHERE {match} LIMIT %s) c", [*params, cap + 1])

    def _newest(self, match: str, params: list, n: int) -> list[int]:
        """The sort keys of the newest ``n`` entries matching, newest first.

        Looked for among the newest rows first (WINDOWS): the index's matches ANDed with a range of
        the primary key (a BitmapAnd), so only the window's rows are visited, not every match in
        the table; "sort_key + 0" keeps the planner from walking the primary key instead, which
        unpacks each row's tsvector to test it."""
        for factor in WINDOWS:
            floor = self._one(f"SELECT sort_key FROM {ENTRY} ORDER BY sort_key DESC OFFSET %s LIMIT 1", [factor * n - 1])
            if floor is None:  # the table is smaller than the window
                break
            keys = [key for (key,) in self._rows(
                f"SELECT sort_key FROM {ENTRY} WHERE {match} AND sort_key >= %s ORDER BY sort_key + 0 DESC LIMIT %s", [*params, floor, n])]
            if len(keys) >= n:
                return keys
        return [key for (key,) in self._rows(f"SELECT sort_key FROM {ENTRY} WHERE {match} ORDER BY sort_key + 0 DESC LIMIT %s", [*params, n])]

    @_index_scans
    def words(self, q: Query, f: Filters, offset: int, limit: int, rank_limit: int, cap: int) -> tuple[int, list[tuple[int, float]]]:
        """(total — cap + 1 when more than ``cap`` —, [(sort_key, score)] of the page): ts_rank
        order among the newest ``rank_limit`` matches, newest first after them."""
        where, params = _filters(f)
        query = self._words_query(q)
        if not query:
            return 0, []
        match = f"words @@ %s::tsquery{where}"
        total = self._count(match, [query, *params], cap)
        if not total:
            return 0, []
        ranked = min(total, rank_limit)
        page: list[tuple[int, float]] = []
        if offset < ranked:
            page = [(key, float(score)) for key, score in self._rows(
                f"SELECT sort_key, ts_rank('{WEIGHTS}', words, %s::tsquery, 1) AS score FROM {ENTRY} WHERE sort_key = ANY(%s)"
                " ORDER BY score DESC, sort_key DESC LIMIT %s OFFSET %s",
                [query, self._newest(match, [query, *params], ranked), min(limit, ranked - offset), offset])]
        if len(page) < limit and total > ranked and offset + limit > ranked:
            newest = self._newest(match, [query, *params], offset + limit)
            page += [(key, 0.0) for key in newest[max(offset, ranked):offset + limit]]
        return total, page

    @_index_scans
    def substring(self, grams: tuple[str, ...], f: Filters, offset: int, limit: int, cap: int) -> tuple[int, list[tuple[int, float]]]:
        """Entries holding every one of ``grams`` (here: the query's parts themselves), those with all
        of them in the title first, each group newest first."""
        where, params = _filters(f)
        anywhere, in_title = _lexemes(grams), _lexemes(TITLE + g for g in grams)
        total = self._count(f"grams @@ %s::tsquery{where}", [anywhere, *params], cap)
        if not total:
            return 0, []
        titled = self._count(f"grams @@ %s::tsquery{where}", [in_title, *params], min(cap, offset + limit))
        sql = f"SELECT sort_key FROM {ENTRY} WHERE grams @@ %s::tsquery{where} ORDER BY sort_key DESC LIMIT %s OFFSET %s"
        page: list[tuple[int, float]] = []
        if offset < titled:
            page = [(key, 1.0) for (key,) in self._rows(sql, [in_title, *params, min(limit, titled - offset), offset])]
        if len(page) < limit and total > titled:
            rest = f"{anywhere} & !({in_title})"
            page += [(key, 0.0) for (key,) in self._rows(sql, [rest, *params, limit - len(page), max(0, offset - titled)])]
        return total, page

    @_index_scans
    def checked(self, q: Query, f: Filters, limit: int) -> tuple[list[tuple[int, bool]], bool]:
        """Of the newest ``limit`` entries holding all the query's grams, those holding every part
        (as a substring of the stored normalised text): ([(sort_key, all parts in the title)],
        title matches first, newest first; whether more than ``limit`` entries held the grams)."""
        where, params = _filters(f)
        match = f"grams @@ %s::tsquery{where}"
        candidates = self._newest(match, [_lexemes(q.grams), *params], limit + 1)
        has = " AND ".join(["(strpos(title, %s) > 0 OR strpos(body, %s) > 0)"] * len(q.parts))
        titled = " AND ".join(["strpos(title, %s) > 0"] * len(q.parts))
        rows = self._rows(f"SELECT sort_key, {titled} AS t FROM {ENTRY} WHERE sort_key = ANY(%s) AND {has} ORDER BY t DESC, sort_key DESC",
                          [*q.parts, candidates[:limit], *[p for p in q.parts for _ in (1, 2)]])
        return [(key, bool(t)) for key, t in rows], len(candidates) > limit

    def size(self) -> int:
        return self._one(f"SELECT count(*) FROM {ENTRY}")
