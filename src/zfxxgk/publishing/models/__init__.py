from .catalogue import Column, ColumnKind
from .health import BodyLink, FileProblem, LinkTarget  # noqa: F401  content health (zfxxgk.publishing.health)
from .policy import DEFAULT_INDEX_PATTERN, DEFAULT_STEPS, Policy, SensitiveWord
from .publication import Attachment, HitKind, Publication, PubState, Resolution, ScanHit
from .registry import DocKind, DocStatus, NormativeDocument

__all__ = [
    "Attachment", "Column", "ColumnKind", "DEFAULT_INDEX_PATTERN", "DEFAULT_STEPS", "DocKind", "DocStatus", "HitKind",
    "NormativeDocument", "Policy", "PubState", "Publication", "Resolution", "ScanHit", "SensitiveWord",
]
