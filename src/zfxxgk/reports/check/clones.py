"""W-CLONE over a whole batch: narrative sections that are near-duplicates of a section of
another report — another agency's, or the same agency's in another year (国办公开办函〔2021〕30号
names "内容雷同"; spec §8.4, §13 #3).

Pairwise comparison is quadratic (10,000 reports, 50 million pairs), so candidates come from
MinHash-LSH (datasketch) and only they are compared exactly (rapidfuzz):

1. each section is normalised (NFKC, no whitespace), the agency's own name masked and digits
   masked — a copy with the name, the year and the figures changed is still a copy;
2. sections shorter than ``MIN_SECTION`` characters ("情况见下表。") are template lines, not prose;
3. identical texts are grouped first (a copy shared by a thousand reports is one text);
4. each distinct text is the set of its pairs of consecutive clauses (split at ，。；：、): stock
   phrases ("公开质量明显提升") are shared by everyone, the order they come in is not; MinHash-LSH
   over those sets finds the texts sharing most of them;
5. a candidate pair is a clone when rapidfuzz's normalised similarity (Indel distance, the share
   of characters in common order) is at least ``SIMILARITY``.
"""
from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Hashable, Iterable

from ...standard import format2021 as f21
from .context import normalise

SIMILARITY = 0.85  # "基本相同": 85 % of the characters in common order
MIN_SECTION = 50  # characters, after masking: shorter sections are template lines
LSH_THRESHOLD = 0.3  # Jaccard of the clause-pair sets at which LSH proposes a pair (recall first:
#                     12 bands of 2 rows propose 97 % of the pairs at Jaccard 0.5, 99.5 % at 0.6)
NUM_PERM = 32
LISTED = 5  # other reports named in one finding

_CLAUSE = re.compile(r"[,.;:、。!?\n]+")


@dataclass
class Narrative:
    """One report of the batch: ``sections`` as read (any normalisation is done here)."""

    key: Hashable
    agency: str | None
    year: int | None
    sections: dict[str, str]


@dataclass
class Match:
    key: Hashable
    agency: str | None
    year: int | None
    similarity: float


@dataclass
class Clone:
    """Section ``section`` of a report is a near-duplicate of ``count`` other reports' (the first
    ``LISTED`` of them in ``matches``, most similar first)."""

    section: str
    count: int
    matches: list[Match] = field(default_factory=list)


def masked(text: str, agency: str | None) -> str:
    text = normalise(text)
    if agency:
        text = text.replace(normalise(agency), "@")
    return re.sub(r"\d+", "#", text)


def find_clones(narratives: Iterable[Narrative], *, similarity: float = SIMILARITY) -> dict[Hashable, list[Clone]]:
    """report key -> its cloned sections. Reports of the same agency and year (one report in two
    files) are not clones of each other."""
    narratives = list(narratives)
    out: dict[Hashable, list[Clone]] = defaultdict(list)
    for section in f21.SECTION_KEYS:
        for key, clone in _section_clones(narratives, section, similarity):
            out[key].append(clone)
    return dict(out)


def _shingles(text: str) -> list[bytes]:
    clauses = [c for c in _CLAUSE.split(text) if c]
    pairs = {f"{a}|{b}" for a, b in zip(clauses, clauses[1:])} or set(clauses)
    return [p.encode() for p in pairs]


def _identity(n: Narrative) -> tuple:
    # without an agency name a report can only be told from others by its key
    return (normalise(n.agency), n.year) if n.agency else ("#", n.key)


def _section_clones(narratives: list[Narrative], section: str, similarity: float):
    from datasketch import MinHash, MinHashLSH
    from rapidfuzz import fuzz

    groups: dict[str, list[Narrative]] = defaultdict(list)  # distinct masked text -> reports
    for n in narratives:
        text = n.sections.get(section)
        if text:
            text = masked(text, n.agency)
            if len(text) >= MIN_SECTION:
                groups[text].append(n)
    if not groups:
        return
    texts = list(groups)
    signatures = MinHash.bulk([_shingles(t) for t in texts], num_perm=NUM_PERM, hashfunc=zlib.crc32)
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    with lsh.insertion_session() as session:
        for i, sig in enumerate(signatures):
            session.insert(i, sig, check_duplication=False)
    cutoff = similarity * 100
    for i, text in enumerate(texts):
        # the texts near this one, with their similarity; itself (its identical copies) at 1.0
        near = {i: 1.0}
        for j in lsh.query(signatures[i]):
            if j != i:
                score = fuzz.ratio(text, texts[j], score_cutoff=cutoff)
                if score:
                    near[j] = score / 100
        members = [(n, s) for j, s in sorted(near.items(), key=lambda kv: -kv[1]) for n in groups[texts[j]]]
        if len(members) < 2:
            continue
        identities = Counter(_identity(n) for n, _ in members)
        for here in groups[text]:
            me = _identity(here)
            count = len(members) - identities[me]
            if count <= 0:
                continue
            listed = []
            for n, s in members:
                if _identity(n) != me:
                    listed.append(Match(n.key, n.agency, n.year, s))
                    if len(listed) == LISTED:
                        break
            yield here.key, Clone(section, count, listed)
