"""Documents for tests (see zfxxgk.reports.sample: consistent by construction)."""
from decimal import Decimal

from zfxxgk.reports.model import Cell, ReportDocument, expected_paths, is_decimal_path
from zfxxgk.reports.sample import SECTIONS, sample_document

__all__ = ["SECTIONS", "distinct_document", "sample_document"]


def distinct_document(fmt: str = "2021") -> ReportDocument:
    """Every path a different non-zero value (fees 12.5 万元), so a cell read into the wrong row or
    column cannot go unseen. Not consistent: for round trips, not for the checker."""
    doc = sample_document(fmt, year=2024)
    doc.cells = {p: Cell(Decimal("12.5") if is_decimal_path(p) else i) for i, p in enumerate(expected_paths(fmt), start=1)}
    return doc
