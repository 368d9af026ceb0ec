"""scan_file: everything the scan knows about one file before it is published."""
from __future__ import annotations

from collections.abc import Iterable

from .extract import read_safely
from .finding import FileScan
from .text import scan_segments


def scan_file(data: bytes, name: str = "", *, words: Iterable[str] = ()) -> FileScan:
    """The file's kind (from its content, not ``name``), its visible text (for search) and the
    findings: hidden data first, then personal data and sensitive words in the visible text,
    each with its place. Never raises on bad input: a file that cannot be checked has an
    UNREADABLE finding with a Chinese message (``name`` is only used in logs)."""
    reading = read_safely(data, name)
    findings = {(f.kind, f.place, f.digest): f for f in reading.findings + scan_segments(reading.segments, words=words)}
    return FileScan(reading.kind, reading.text, list(findings.values()))  # one per (kind, place, digest): the stored key
