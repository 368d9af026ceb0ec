"""Findings as the report keeps them, and the key that lets a dismissal outlive a save."""
from __future__ import annotations

import hashlib
import json

from ..reports.check import ERROR, WARNING


def fingerprint(finding: dict) -> str:
    """A stable short key of a finding: its rule, its cells (sorted) and its message.

    A save that leaves a finding as it was keeps its key, so the warning stays dismissed; a
    change to what the finding says (other numbers, other cells) is a new finding to answer.
    """
    basis = json.dumps([finding["rule"], sorted(finding.get("cells") or ()), finding["message"]], ensure_ascii=False)
    return hashlib.sha256(basis.encode()).hexdigest()[:16]


def stored(findings, dismissed: set[str]) -> list[dict]:
    """``[Finding.to_dict() | {"key": …, "dismissed": bool}]`` in the checker's order."""
    out = []
    for f in findings:
        d = f.to_dict()
        d["key"] = fingerprint(d)
        d["dismissed"] = d["severity"] == WARNING and d["key"] in dismissed
        out.append(d)
    return out


def counts(findings: list[dict]) -> tuple[int, int]:
    """(errors, warnings not dismissed)."""
    errors = sum(1 for f in findings if f["severity"] == ERROR)
    warnings = sum(1 for f in findings if f["severity"] == WARNING and not f.get("dismissed"))
    return errors, warnings
