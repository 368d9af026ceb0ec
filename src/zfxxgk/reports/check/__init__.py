"""The checker: walks the rule catalogue over a :class:`ReportDocument` (spec §8).

    findings = check(doc)                       # one report
    findings = check(doc, previous=last_year)   # + T3-XYEAR, T2-ROLL, W-CLONE
    findings = check(doc, siblings=[other, ...])  # + W-CLONE against other agencies of the county

Findings come sorted by severity (error, warning, info), then rule id. The checker never
raises on an incomplete document: missing cells give one MISSING finding per table and every
formula that needs them is skipped. A rule that raises anyway has a bug: the exception
propagates, noted with the rule's id, rather than becoming a finding nobody reads as one.
A batch (``zfxxgk report audit``) passes ``crashed=[]`` instead: the traceback is logged, the
rule's id and error are appended to the list (the report is then not fully checked) and the
other rules still run.
"""
from __future__ import annotations

import logging
from datetime import date

from ..model import ReportDocument
from .catalogue import RULE_BY_ID, RULES
from .context import Context
from .findings import BLANK_NOTE, ERROR, INFO, SEVERITIES, WARNING, Finding, Rule
from .rates import rates

__all__ = ["BLANK_NOTE", "ERROR", "INFO", "RULES", "RULE_BY_ID", "WARNING", "Finding", "Rule", "check", "rates", "run_rules"]

log = logging.getLogger(__name__)


def check(doc: ReportDocument, previous: ReportDocument | None = None, *, siblings=(),
          published_on: date | None = None, rules=None, crashed: list | None = None) -> list[Finding]:
    """Run every rule of the catalogue (or ``rules``, a subset) and return the findings.

    ``siblings``: the same year's documents of other agencies of the same county, compared with
    this one's narrative by W-CLONE (国办公开办函〔2021〕30号 "内容雷同").
    ``crashed``: see the module's docstring; (rule id, "TypeError: …") pairs are appended.
    """
    ctx = Context(doc, previous, published_on, siblings=siblings)
    findings = run_rules(ctx, rules or RULES, crashed)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: (order.get(f.severity, len(order)), f.rule))
    return findings


def run_rules(ctx: Context, rules, crashed: list | None = None) -> list[Finding]:
    """The findings of ``rules`` on ``ctx``; a rule that raises propagates, or with ``crashed``
    is logged with its traceback and listed there."""
    findings: list[Finding] = []
    for rule in rules:
        try:
            findings.extend(rule.function(ctx, rule))
        except Exception as exc:
            if crashed is None:
                exc.add_note(f"zfxxgk: checker rule {rule.id}")
                raise
            log.error("checker rule %s crashed on %s %s", rule.id, ctx.doc.agency, ctx.doc.year, exc_info=exc)
            crashed.append((rule.id, f"{type(exc).__name__}: {exc}"))
    return findings
