"""What one publication puts in the index, read from the database through
``Publication.objects.public()`` — the gate: a row that query does not return has no entry.

The body of an entry is the body text and the attachments' text (``Attachment.text``, what the
scan read from each file), cut to fit ``text.MAX_BODY`` characters with the 文号 and 索引号 after it.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from . import text

ID_BITS = 32  # sort_key = published day << 32 | publication id


@dataclass(frozen=True)
class Entry:
    publication_id: int
    published_on: date
    agency_id: int
    column_id: int
    title: str
    body: str

    @property
    def sort_key(self) -> int:
        """Newest first is sort_key descending (the day, then the id within a day)."""
        return sort_key(self.published_on, self.publication_id)

    @property
    def year(self) -> int:
        return self.published_on.year


@dataclass(frozen=True)
class Filters:
    """``column_ids``: None for any column, else the columns allowed (a column and those below it;
    empty when the named column does not exist: nothing matches)."""

    agency_id: int | None = None
    column_ids: tuple[int, ...] | None = None
    year: int | None = None

    @property
    def nothing(self) -> bool:
        return self.column_ids == ()


def sort_key(published_on: date, publication_id: int) -> int:
    return (published_on.toordinal() << ID_BITS) | publication_id


def publication_id(key: int) -> int:
    return key & ((1 << ID_BITS) - 1)


FIELDS = ("id", "published_on", "agency_id", "column_id", "title", "doc_number", "index_number", "body_text")


def entry_of(publication_id: int) -> Entry | None:
    """The entry of a publication, or None when it is not public."""
    return next(entries(_public().filter(pk=publication_id)), None)


def all_entries(chunk: int = 500) -> Iterator[Entry]:
    """Every public publication's entry, by id, ``chunk`` rows (and their attachments) at a time."""
    batch: list[dict] = []
    for row in _public().order_by("pk").values(*FIELDS).iterator(chunk_size=chunk):
        batch.append(row)
        if len(batch) >= chunk:
            yield from _with_attachments(batch)
            batch = []
    yield from _with_attachments(batch)


def entries(queryset) -> Iterator[Entry]:
    return _with_attachments(list(queryset.values(*FIELDS)))


def _public():
    from ..models import Publication

    return Publication.objects.public()


def _with_attachments(rows: list[dict]) -> Iterator[Entry]:
    from ..models import Attachment

    if not rows:
        return
    texts: dict[int, list[str]] = {}
    found = Attachment.objects.filter(publication_id__in=[r["id"] for r in rows]).exclude(text="")
    for pub_id, attachment_text in found.order_by("uploaded_at", "id").values_list("publication_id", "text"):
        texts.setdefault(pub_id, []).append(attachment_text)
    for row in rows:
        yield Entry(row["id"], row["published_on"], row["agency_id"], row["column_id"], row["title"],
                    body_of(row, texts.get(row["id"], ())))


def bodies(publications) -> dict[int, str]:
    """{publication id: the text its entry is made of} for loaded publications (the snippets)."""
    from ..models import Attachment

    pubs = list(publications)
    texts: dict[int, list[str]] = {}
    found = Attachment.objects.filter(publication_id__in=[p.pk for p in pubs]).exclude(text="")
    for pub_id, attachment_text in found.order_by("uploaded_at", "id").values_list("publication_id", "text"):
        texts.setdefault(pub_id, []).append(attachment_text)
    return {p.pk: body_of({"doc_number": p.doc_number, "index_number": p.index_number, "body_text": p.body_text}, texts.get(p.pk, ()))
            for p in pubs}


def body_of(row: dict, attachment_texts: Iterable[str]) -> str:
    """The body text, the attachments' text, then the 文号 and 索引号 (last: a snippet from the
    beginning of the body shows the text, not the numbers)."""
    numbers = "\n".join(n.strip() for n in (row.get("doc_number") or "", row.get("index_number") or "") if n.strip())
    parts = [row.get("body_text") or "", *attachment_texts]
    body = "\n".join(p.strip() for p in parts if p and p.strip())[: text.MAX_BODY - len(numbers) - 1]
    return "\n".join(p for p in (body, numbers) if p)
