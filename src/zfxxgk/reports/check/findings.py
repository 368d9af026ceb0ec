"""What a rule produces (:class:`Finding`) and what a catalogue row is (:class:`Rule`).

Kept apart from :mod:`.catalogue` so that the rule modules can build findings without
importing the catalogue that imports them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable, Iterable

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)
SEVERITY_ZH = {ERROR: "错误", WARNING: "警告", INFO: "提示"}

# Blank policy (spec §8 notation): a blank or "/" cell is read as 0, but a table identity that
# only fails through such a cell is not proven wrong, so it is downgraded and says so.
BLANK_NOTE = "（含空白单元格，按0计）"


@dataclass
class Finding:
    rule: str  # stable id from spec §8, e.g. "T3-BAL"
    severity: str  # error | warning | info
    message: str  # Chinese, names the cells and the numbers
    cells: list[str] = field(default_factory=list)  # paths of the cells involved
    values: dict[str, Any] = field(default_factory=dict)  # path (or figure name) -> value

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "cells": list(self.cells),
            "values": {k: _plain(v) for k, v in self.values.items()},
        }

    def __str__(self) -> str:
        return f"[{SEVERITY_ZH.get(self.severity, self.severity)}] {self.rule} {self.message}"


def _plain(value):
    return str(value) if isinstance(value, Decimal) else value


@dataclass(frozen=True)
class Rule:
    """One row of the catalogue. ``function(ctx, rule)`` yields the rule's findings."""

    id: str
    severity: str
    title_zh: str
    basis: str  # where the rule comes from (spec section, article, practice)
    function: Callable[..., Iterable[Finding]] = field(repr=False, compare=False)

    def finding(self, message: str, cells: Iterable[str] = (), values: dict | None = None, *,
                blank: bool = False, severity: str | None = None) -> Finding:
        """Build a finding of this rule; ``blank=True`` applies the blank policy."""
        sev = severity or self.severity
        if blank:
            message += BLANK_NOTE
            if sev == ERROR:
                sev = WARNING
        return Finding(self.id, sev, message, list(cells), dict(values or {}))
