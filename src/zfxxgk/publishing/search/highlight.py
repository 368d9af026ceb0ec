"""Highlighted titles and snippets, made here in Python so both databases show the same.

Everything is escaped first; the only markup added is ``<mark>`` around the query's words, found
in the normalised text (text.normalise: full-width Ａ１ matches A1) and mapped back to the
characters as written.
"""
from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .text import normalise

_LONG_RUN = re.compile(r"[!-~]{24,}")  # a run of Latin letters, digits or signs that would not wrap
BEFORE, WINDOW = 40, 150  # a snippet: from 40 characters before the first match, 150 in all
HEAD = 120  # no match in the body (a title hit): its first characters


def _aligned(value: str) -> tuple[str, list[int]]:
    """The normalised text, and for each of its characters the index of the one it came from."""
    norm = normalise(value)
    if len(norm) == len(value):
        return norm, list(range(len(value)))
    out, origin = [], []
    for i, ch in enumerate(value):
        n = normalise(ch)
        out.append(n)
        origin.extend([i] * len(n))
    return "".join(out), origin


def _spans(value: str, marks: tuple[str, ...]) -> list[tuple[int, int]]:
    norm, origin = _aligned(value)
    spans = []
    for mark in marks:
        start = norm.find(mark) if mark else -1
        while start >= 0:
            end = start + len(mark)
            spans.append((origin[start], origin[end - 1] + 1))
            start = norm.find(mark, end)
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def highlight(value: str, marks: tuple[str, ...], wrap: bool = False) -> SafeString:
    """``value`` escaped, the marks in <mark>; ``wrap``: a <wbr> every 20 characters of a long run of
    Latin letters, digits or signs (a URL, a 文号 of digits), which a phone could not wrap."""
    put = _wrapped if wrap else escape
    out, at = [], 0
    for start, end in _spans(value, marks):
        out.append(put(value[at:start]))
        out.append("<mark>" + put(value[start:end]) + "</mark>")
        at = end
    out.append(put(value[at:]))
    return mark_safe("".join(out))


def _wrapped(value: str) -> str:
    out, at = [], 0
    for run in _LONG_RUN.finditer(value):
        out.append(escape(value[at:run.start()]))
        out.append("<wbr>".join(escape(run.group()[i:i + 20]) for i in range(0, len(run.group()), 20)))
        at = run.end()
    out.append(escape(value[at:]))
    return "".join(out)


def _first(body: str, marks: tuple[str, ...]) -> int | None:
    """Where the first of ``marks`` starts in ``body`` (an index of ``body``)."""
    norm = normalise(body)
    found = [p for p in (norm.find(m) for m in marks if m) if p >= 0]
    if not found:
        return None
    at = min(found)
    if len(norm) == len(body):
        return at
    # Normalising changed lengths (㎡ → m2 …): walk in blocks to the block that holds the match.
    seen = 0
    for start in range(0, len(body), 1000):
        block = normalise(body[start:start + 1000])
        if seen + len(block) > at:
            _, origin = _aligned(body[start:start + 1000])
            return start + origin[min(at - seen, len(origin) - 1)]
        seen += len(block)
    return None


def snippet(body: str, marks: tuple[str, ...]) -> SafeString:
    """About WINDOW characters of the body around its first match (its beginning when none)."""
    body = " ".join(body.split())
    at = _first(body, marks)
    start = 0 if at is None else max(0, at - BEFORE)
    end = start + (HEAD if at is None else WINDOW)
    window = highlight(body[start:end], marks, wrap=True)
    return mark_safe(("…" if start > 0 else "") + window + ("…" if end < len(body) else ""))
