"""Sensitive words: a list the agency keeps (Policy.sensitive words, or a file for the command
line), matched in text case-insensitively and after folding full-width letters.

The words become one regular expression shaped as a trie (common prefixes shared), so a list of
thousands of words costs about what one word costs: Python's ``re`` tries the alternatives of a
plain ``a|b|c…`` one after another at every position. At a position the longest word wins.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from .personal import fold

MAX_WORD = 100  # characters; a longer "word" is a sentence pasted by mistake


def normalise(words: Iterable[str]) -> tuple[str, ...]:
    """The distinct, non-empty words, folded and case-folded, in a stable order."""
    seen = {fold(w).strip().casefold() for w in words if w and w.strip()}
    return tuple(sorted(w for w in seen if len(w) <= MAX_WORD))


@lru_cache(maxsize=32)
def _compiled(words: tuple[str, ...]) -> re.Pattern | None:
    if not words:
        return None
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return re.compile(_pattern(trie), re.IGNORECASE)


def _pattern(node: dict) -> str:
    ends = "" in node
    singles, branches = [], []
    for ch in sorted(k for k in node if k):
        rest = _pattern(node[ch]) if set(node[ch]) != {""} else ""
        (branches.append(re.escape(ch) + rest) if rest else singles.append(re.escape(ch)))
    if singles:
        branches.append(singles[0] if len(singles) == 1 else "[" + "".join(singles) + "]")
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


def find(text: str, words: Iterable[str]) -> Iterator[tuple[int, int, str]]:
    """(start, end, word as listed-and-folded) for each occurrence, left to right."""
    pattern = _compiled(normalise(words))
    if pattern is None:
        return
    for m in pattern.finditer(fold(text)):
        yield m.start(), m.end(), m.group().casefold()


def load(path: str | Path) -> list[str]:
    """One word a line (UTF-8, UTF-8 with BOM or GB18030); blank lines and lines starting
    with # are skipped."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030", "replace")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
