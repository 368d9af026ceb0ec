"""The full-text index of public publications (zfxxgk.publishing.search), in raw SQL per database.

Not Django models: the index is the search back ends' own (SQLite FTS5 virtual tables, PostgreSQL
tsvector columns with GIN indexes), written and read only by zfxxgk.publishing.search. It holds
no foreign key to publishing_publication, so flushing or truncating the publications never trips
over it; search() checks every hit against Publication.objects.public() anyway.

    publishing_search_meta    name → value (the tokenizer version the words were cut with)
    publishing_search_entry   one row per public publication: sort_key (published day << 32 |
                              publication id, so newest first is sort_key descending), the filters,
                              the base text (title, body = 文号 + body text + attachments' text)
    SQLite:      the segmented text and filter tags beside it, indexed by two contentless FTS5 tables:
                 publishing_search_words (rjieba tokens; bm25) and publishing_search_grams (every
                 character and pair of characters: substring search for 1–2 characters and the
                 fallback), rowid = sort_key
    PostgreSQL:  words and grams tsvector columns, each with a GIN index
"""
from django.db import migrations

FTS = "tokenize='unicode61 remove_diacritics 0'"

SQLITE = [
    "CREATE TABLE publishing_search_meta (name varchar(40) NOT NULL PRIMARY KEY, value text NOT NULL)",
    "CREATE TABLE publishing_search_entry (sort_key integer NOT NULL PRIMARY KEY, publication_id integer NOT NULL UNIQUE,"
    " title text NOT NULL, body text NOT NULL, seg_title text NOT NULL, seg_body text NOT NULL, tags text NOT NULL)",
    f"CREATE VIRTUAL TABLE publishing_search_words USING fts5(title, body, tags, content='', {FTS})",
    f"CREATE VIRTUAL TABLE publishing_search_grams USING fts5(title, body, tags, content='', detail='column', {FTS})",
]
SQLITE_DROP = ["DROP TABLE publishing_search_grams", "DROP TABLE publishing_search_words",
               "DROP TABLE publishing_search_entry", "DROP TABLE publishing_search_meta"]

POSTGRES = [
    "CREATE TABLE publishing_search_meta (name varchar(40) NOT NULL PRIMARY KEY, value text NOT NULL)",
    "CREATE TABLE publishing_search_entry (sort_key bigint NOT NULL PRIMARY KEY, publication_id bigint NOT NULL UNIQUE,"
    " agency_id bigint NOT NULL, column_id bigint NOT NULL, year smallint NOT NULL,"
    " title text NOT NULL, body text NOT NULL, words tsvector NOT NULL, grams tsvector NOT NULL)",
    "CREATE INDEX publishing_search_entry_words ON publishing_search_entry USING gin (words)",
    "CREATE INDEX publishing_search_entry_grams ON publishing_search_entry USING gin (grams)",
    "CREATE INDEX publishing_search_entry_agency ON publishing_search_entry (agency_id)",
    "CREATE INDEX publishing_search_entry_column ON publishing_search_entry (column_id)",
    "CREATE INDEX publishing_search_entry_year ON publishing_search_entry (year)",
]
POSTGRES_DROP = ["DROP TABLE publishing_search_entry", "DROP TABLE publishing_search_meta"]


def _run(schema_editor, statements: dict[str, list[str]]) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in statements:
        raise RuntimeError(f"the publication search index supports SQLite and PostgreSQL, not {vendor}")
    for sql in statements[vendor]:
        schema_editor.execute(sql)


def create(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE, "postgresql": POSTGRES})


def drop(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})


class Migration(migrations.Migration):

    dependencies = [
        ("publishing", "0002_health_links"),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
