"""The checker: walks the rule catalogue over a :class:`ReportDocument` (spec §8).

    findings = check(doc)                       # one report
    findings = check(doc, previous=last_year)   # + T3-XYEAR, T2-ROLL, W-CLONE
    findings = check(doc, siblings=[other, ...])  # + W-CLONE against other agencies of the county

Findings come sorted by severity (error, warning, info), then rule id. The checker never
raises on an incomplete document: missing cells give one MISSING finding per table and every
formula that needs them is skipped. A rule that raises anyway has a bug: the exception
propagates, noted with the rule's id, rather than becoming a finding nobody reads as one.
"""
from __future__ import annotations

from datetime import date

from ..model import ReportDocument
from .catalogue import RULE_BY_ID, RULES
from .context import Context
from .findings import BLANK_NOTE, ERROR, INFO, SEVERITIES, WARNING, Finding, Rule
from .rates import rates

__all__ = ["BLANK_NOTE", "ERROR", "INFO", "RULES", "RULE_BY_ID", "WARNING", "Finding", "Rule", "check", "rates"]


def check(doc: ReportDocument, previous: ReportDocument | None = None, *, siblings=(),
          published_on: date | None = None, rules=None) -> list[Finding]:
    """Run every rule of the catalogue (or ``rules``, a subset) and return the findings.

    ``siblings``: the same year's documents of other agencies of the same county, compared with
    this one's narrative by W-CLONE (国办公开办函〔2021〕30号 "内容雷同").
    """
    ctx = Context(doc, previous, published_on, siblings=siblings)
    findings: list[Finding] = []
    for rule in rules or RULES:
        try:
            findings.extend(rule.function(ctx, rule))
        except Exception as exc:
            exc.add_note(f"zfxxgk: checker rule {rule.id}")
            raise
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: (order.get(f.severity, len(order)), f.rule))
    return findings
