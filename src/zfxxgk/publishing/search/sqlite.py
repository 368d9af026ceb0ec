"""The index on SQLite: publishing_search_entry (base text, the segmented text as indexed, the
filter tags) and two contentless FTS5 tables keyed by sort_key (migration 0003):

    publishing_search_words   title, body, tags   rjieba tokens; bm25 ranks, a title 10× a body
    publishing_search_grams   title, body, tags   characters and pairs (detail=column: no positions)

Filters are tokens in the tags column (a<agency id>, c<column id>, y<year>), so a filtered query is
one MATCH; a user's tokens are always restricted to {title body} and never meet them. Every token
goes into the MATCH as a quoted string, so nothing a user types is FTS5 syntax.

The entry table keeps the title and body normalised (text.normalise): the substring check runs
on them with instr(). Contentless tables forget what was inserted: removing an entry re-sends its
tokens — the segmented text as it was indexed (stored; the body's zlib-compressed, a third of its
size), whatever tokenizer cuts now, and the grams computed again from the stored normalised text
by text.grams (which text.SCHEME pins).
"""
from __future__ import annotations

import zlib

from django.db import connection

from . import text
from .entries import Entry, Filters
from .text import Query

WORDS = "publishing_search_words"
GRAMS = "publishing_search_grams"
ENTRY = "publishing_search_entry"
META = "publishing_search_meta"
TITLE_WEIGHT = 10.0


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _all(tokens) -> str:
    return "(" + " AND ".join(_quote(t) for t in tokens) + ")"


def _word(word: str, subs: tuple[str, ...]) -> str:
    return f"({_quote(word)} OR {_all(subs)})" if subs else _quote(word)


def _tags(f: Filters) -> str:
    out = ""
    if f.agency_id is not None:
        out += f' AND {{tags}} : "a{int(f.agency_id)}"'
    if f.column_ids is not None:
        out += " AND {tags} : (" + " OR ".join(f'"c{int(i)}"' for i in f.column_ids) + ")"
    if f.year is not None:
        out += f' AND {{tags}} : "y{int(f.year)}"'
    return out


def _grams_text(norm: str) -> str:
    return " ".join(sorted(text.grams(norm)))


class Backend:
    vendor = "sqlite"

    def _one(self, sql: str, *params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        return row[0] if row else None

    def _rows(self, sql: str, *params) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    # -- upkeep -----------------------------------------------------------------------------------

    def lock(self, exclusive: bool) -> None:
        """Nothing to take: SQLite has one writer at a time (the settings open IMMEDIATE transactions)."""

    def version(self) -> str | None:
        return self._one(f"SELECT value FROM {META} WHERE name = 'version'")

    def set_version(self, value: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT OR REPLACE INTO {META} (name, value) VALUES ('version', %s)", [value])

    def put(self, entries: list[Entry], fresh: bool = False) -> None:
        """Index ``entries``, replacing what each publication had (``fresh``: the index is empty)."""
        if not fresh:
            for e in entries:
                self.drop(e.publication_id)
        rows, words, grams = [], [], []
        for e in entries:
            key, tags = e.sort_key, f"a{e.agency_id} c{e.column_id} y{e.year}"
            title, body = text.normalise(e.title), text.normalise(e.body)
            seg_title, seg_body = text.tokens(title), text.tokens(body)
            rows.append((key, e.publication_id, title, body, seg_title, zlib.compress(seg_body.encode(), 1), tags))
            words.append((key, seg_title, seg_body, tags))
            grams.append((key, _grams_text(title), _grams_text(body), tags))
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {ENTRY} (sort_key, publication_id, title, body, seg_title, seg_body, tags)"
                               " VALUES (%s, %s, %s, %s, %s, %s, %s)", rows)
            cursor.executemany(f"INSERT INTO {WORDS} (rowid, title, body, tags) VALUES (%s, %s, %s, %s)", words)
            cursor.executemany(f"INSERT INTO {GRAMS} (rowid, title, body, tags) VALUES (%s, %s, %s, %s)", grams)

    def drop(self, publication_id: int) -> None:
        found = self._rows(f"SELECT sort_key, title, body, seg_title, seg_body, tags FROM {ENTRY} WHERE publication_id = %s",
                           publication_id)
        if not found:
            return
        key, title, body, seg_title, seg_body, tags = found[0]
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {WORDS} ({WORDS}, rowid, title, body, tags) VALUES ('delete', %s, %s, %s, %s)",
                           [key, seg_title, zlib.decompress(seg_body).decode(), tags])
            cursor.execute(f"INSERT INTO {GRAMS} ({GRAMS}, rowid, title, body, tags) VALUES ('delete', %s, %s, %s, %s)",
                           [key, _grams_text(title), _grams_text(body), tags])
            cursor.execute(f"DELETE FROM {ENTRY} WHERE sort_key = %s", [key])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {WORDS} ({WORDS}) VALUES ('delete-all')")
            cursor.execute(f"INSERT INTO {GRAMS} ({GRAMS}) VALUES ('delete-all')")
            cursor.execute(f"DELETE FROM {ENTRY}")

    def publication_ids(self) -> set[int]:
        return {row[0] for row in self._rows(f"SELECT publication_id FROM {ENTRY}")}

    # -- queries ----------------------------------------------------------------------------------

    def _count(self, table: str, match: str, cap: int) -> int:
        return self._one(f"SELECT count(*) FROM (SELECT rowid FROM {table} WHERE {table} MATCH %s LIMIT %s)", match, cap + 1)

    def words(self, q: Query, f: Filters, offset: int, limit: int, rank_limit: int, cap: int) -> tuple[int, list[tuple[int, float]]]:
        """(total — cap + 1 when more than ``cap`` —, [(sort_key, score)] of the page): bm25 order
        among the newest ``rank_limit`` matches, newest first after them. One pass lists the newest
        cap + 1 matches (the count, where the ranked ones end, the pages after them); a second
        ranks the newest ``rank_limit``."""
        match = "{title body} : (" + " AND ".join(_word(w, s) for w, s in zip(q.words, q.subwords)) + ")" + _tags(f)
        keys = [key for (key,) in self._rows(f"SELECT rowid FROM {WORDS} WHERE {WORDS} MATCH %s ORDER BY rowid DESC LIMIT %s",
                                             match, cap + 1)]
        total = len(keys)
        ranked = min(total, rank_limit)
        page: list[tuple[int, float]] = []
        if offset < ranked:
            page = [(key, float(score)) for key, score in self._rows(
                f"SELECT rowid, -bm25({WORDS}, {TITLE_WEIGHT}, 1.0, 0.0) AS score FROM {WORDS}"
                f" WHERE {WORDS} MATCH %s AND rowid >= %s ORDER BY score DESC, rowid DESC LIMIT %s OFFSET %s",
                match, keys[ranked - 1], min(limit, ranked - offset), offset)]
        if len(page) < limit and offset + limit > ranked:
            page += [(key, 0.0) for key in keys[max(offset, ranked):offset + limit]]
        return total, page

    def substring(self, grams: tuple[str, ...], f: Filters, offset: int, limit: int, cap: int) -> tuple[int, list[tuple[int, float]]]:
        """Entries holding every one of ``grams`` (here: the query's parts themselves), those with all
        of them in the title first, each group newest first."""
        anywhere, in_title = "{title body} : " + _all(grams), "{title} : " + _all(grams)
        tags = _tags(f)
        total = self._count(GRAMS, anywhere + tags, cap)
        if not total:
            return 0, []
        titled = self._count(GRAMS, in_title + tags, min(cap, offset + limit))
        page: list[tuple[int, float]] = []
        sql = f"SELECT rowid FROM {GRAMS} WHERE {GRAMS} MATCH %s ORDER BY rowid DESC LIMIT %s OFFSET %s"
        if offset < titled:
            page = [(key, 1.0) for (key,) in self._rows(sql, in_title + tags, min(limit, titled - offset), offset)]
        if len(page) < limit and total > titled:
            rest = f"({anywhere} NOT {in_title})" + tags
            page += [(key, 0.0) for (key,) in self._rows(sql, rest, limit - len(page), max(0, offset - titled))]
        return total, page

    def checked(self, q: Query, f: Filters, limit: int) -> tuple[list[tuple[int, bool]], bool]:
        """Of the newest ``limit`` entries holding all the query's grams, those holding every part
        (as a substring of the stored normalised text): ([(sort_key, all parts in the title)],
        title matches first, newest first; whether more than ``limit`` entries held the grams)."""
        match = "{title body} : " + _all(q.grams) + _tags(f)
        more = self._count(GRAMS, match, limit) > limit
        has = " AND ".join(["(instr(e.title, %s) > 0 OR instr(e.body, %s) > 0)"] * len(q.parts))
        titled = " AND ".join(["instr(e.title, %s) > 0"] * len(q.parts))
        return [(key, bool(t)) for key, t in self._rows(
            f"SELECT e.sort_key, {titled} AS t FROM (SELECT rowid FROM {GRAMS} WHERE {GRAMS} MATCH %s ORDER BY rowid DESC LIMIT %s) c"
            f" JOIN {ENTRY} e ON e.sort_key = c.rowid WHERE {has} ORDER BY t DESC, e.sort_key DESC",
            *q.parts, match, limit, *[p for p in q.parts for _ in (1, 2)])], more

    def size(self) -> int:
        return self._one(f"SELECT count(*) FROM {ENTRY}")
