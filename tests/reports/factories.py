"""Documents for tests (see zfxxgk.reports.sample: consistent by construction)."""
from zfxxgk.reports.sample import SECTIONS, sample_document

__all__ = ["SECTIONS", "sample_document"]
