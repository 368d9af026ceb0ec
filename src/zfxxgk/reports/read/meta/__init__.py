"""A report's agency, year, title and publication facts, from all the evidence it carries.

    title_at = read_meta(doc, body, tail, page, name)

:mod:`.evidence` finds every reading (title lines, the page's field block and <meta> tags, a
citation in the first paragraph, attachment and file names, the signature, the statistics
period); readings of the same value add up (1 − Π(1 − weight)), so sources that agree outweigh
one that does not. An agency must pass the organ-name rule (:mod:`.organs`): when none does the
agency stays empty and the checker says so (W-META) rather than guess. The reporting year is
the year reported on — a publication date never gives it.
"""
from __future__ import annotations

from math import prod

from ...model import Evidence, ReportDocument
from ..blocks import Block
from .divisions import normalise
from .evidence import SOURCES, Found, Title, collect
from .organs import organ_in, organ_name
from .titles import TITLE, TITLE_YEAR_AFTER, title_match

__all__ = ["SOURCES", "TITLE", "TITLE_YEAR_AFTER", "normalise", "organ_in", "organ_name", "read_meta", "title_match"]

_FACTS = ("index_no", "doc_no", "url")


def read_meta(doc: ReportDocument, body: list[Block], tail: list[Block], page: list[Block] = (), name: str = "") -> int | None:
    """Fill the document's agency, year, title and publication facts; return the body block of
    the title line (the preamble starts after it), None when the body prints none."""
    found = collect(body, list(tail), list(page), name)
    doc.evidence = found.evidence
    agency = _decide(found.evidence, "agency", _agency_key)
    year = _decide(found.evidence, "year", lambda v: v)
    doc.meta_confidence = {item: round(_score(group), 3) for item, group in (("agency", agency), ("year", year)) if group}
    if agency:
        doc.agency = max(agency, key=lambda e: e.weight).value
        doc.agency_normalised = normalise(doc.agency)
    if year:
        doc.year = year[0].value
    title = _title(found, doc)
    if title is not None:
        doc.title = title.text
    _publication(doc, found.evidence)
    return title.index if title is not None else None


def _agency_key(name: str) -> str:
    """Names that differ only in a confusable character of their area agree (沐阳/沭阳)."""
    return normalise(name) or name


def _score(group: list[Evidence]) -> float:
    return 1 - prod(1 - e.weight for e in group)


def _decide(evidence: list[Evidence], item: str, key) -> list[Evidence]:
    """The readings of the best-supported value of ``item`` (marked chosen), or []."""
    groups: dict = {}
    for e in evidence:
        if e.item == item and not e.rejected and e.source != "list":
            groups.setdefault(key(e.value), []).append(e)
    if not groups:
        return []
    best = max(groups.values(), key=lambda g: (round(_score(g), 9), max(e.weight for e in g)))
    for e in best:
        e.chosen = True
    return best


def _title(found: Found, doc: ReportDocument) -> Title | None:
    """The title consistent with the chosen agency and year: a title line before a 标题 field, a
    citation or the page's <title>; of equal ones the last line (the article's, after the site's
    lists)."""
    want = _agency_key(doc.agency) if doc.agency else None
    fits = [t for t in found.titles if t.source != "file_name" and t.year == doc.year
            and (t.agency is None or want is None or _agency_key(t.agency) == want)]
    if not fits:
        return None
    best = max(fits, key=lambda t: (SOURCES[t.source][0], t.index if t.index is not None else -1))
    for e in found.evidence:
        if e.item == "year" and e.source == best.source and e.where == best.where and e.value == best.year:
            doc.evidence.append(Evidence("title", best.text, best.source, best.where, e.weight, chosen=True))
            break
    return best


def _publication(doc: ReportDocument, evidence: list[Evidence]) -> None:
    """发布日期 from the page's field; 成文日期 from its field or else the signature's date
    (GB/T 9704: the 成文日期 is the date under the signature). Without a 发布日期 the report was
    published no earlier than it was written: the 成文日期 stands in, as W-DEADLINE's lower bound."""
    def first(item: str) -> Evidence | None:
        return max((e for e in evidence if e.item == item), key=lambda e: e.weight, default=None)

    published, written = first("published_on"), first("written_on")
    if written is not None:
        written.chosen = True
        doc.written_on = written.value
    if published is not None:
        published.chosen = True
        doc.published_on = published.value
    elif written is not None:
        doc.published_on = written.value
        evidence.append(Evidence("published_on", written.value, written.source, written.where, written.weight, chosen=True))
    for item in _FACTS:
        e = first(item)
        if e is not None:
            e.chosen = True
            setattr(doc, item, e.value)
