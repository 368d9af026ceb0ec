"""Scanning text: personal data (:mod:`.personal`) and sensitive words (:mod:`.words`).

A document arrives as segments (a paragraph, a cell, a page), each with its place. They are
joined into one string with newlines — no pattern crosses a newline — and scanned once, so a
sheet of 100,000 cells costs a few regular-expression passes, not 100,000 of them; each hit is
then given the place of the segment it lies in.

The same value in the same place is one finding (a list repeating one phone number in a cell
is one thing to fix), which is also what the stored hit's key (kind, place, digest) assumes.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence

from . import personal
from . import words as wordlist
from .finding import Finding, Kind, Segment, clip, digest

_CONTEXT = 10  # characters either side of a sensitive word in its excerpt
_DIGITS = re.compile("[0-9\uff10-\uff19]")


def _hide_digits(context: str) -> str:
    """A word's context may hold a piece of an ID or phone number cut by the window: no digits."""
    return _DIGITS.sub("*", context)


def scan_text(text: str, *, place: str = "正文", words: Iterable[str] = ()) -> list[Finding]:
    """Personal data and the given sensitive words in ``text``; every finding has ``place``."""
    return scan_segments([Segment(place, text)], words=words)


def scan_segments(segments: Sequence[Segment], *, words: Iterable[str] = ()) -> list[Finding]:
    texts = [s.text.replace("\n", " ") if "\n" in s.text else s.text for s in segments]
    joined = "\n".join(texts)
    starts, at = [], 0
    for t in texts:
        starts.append(at)
        at += len(t) + 1
    found: dict[tuple[str, str, str], Finding] = {}

    def add(kind: str, start: int, excerpt: str, raw: str, message: str) -> None:
        place = segments[bisect_right(starts, start) - 1].place
        key = (kind, place, digest(raw))
        if key not in found:
            found[key] = Finding(kind, place, excerpt, key[2], message)

    for hit in personal.find(joined):
        add(hit.kind, hit.start, hit.excerpt, hit.raw, hit.message)
    words = wordlist.normalise(words)
    if words:
        for start, end, word in wordlist.find(joined, words):
            i = bisect_right(starts, start) - 1
            seg_start, seg_end = starts[i], starts[i] + len(texts[i])
            before = joined[max(seg_start, start - _CONTEXT):start]
            after = joined[end:min(seg_end, end + _CONTEXT)]
            excerpt = clip(_hide_digits(before) + "【" + joined[start:end] + "】" + _hide_digits(after))
            add(Kind.SENSITIVE_WORD, start, excerpt, word, f"含敏感词“{word}”，请确认可以公开")
    return list(found.values())
