"""What a scan reports. Plain dataclasses: the publishing app stores them as ScanHit rows, the
command line prints them, a researcher can use them without Django.

``Kind`` repeats the values of ``zfxxgk.publishing.models.HitKind`` (this package never imports
Django); tests/scan/test_contract.py keeps the two in step.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    ID_CARD = "id_card"
    MOBILE = "mobile"
    BANK_CARD = "bank_card"
    ADDRESS = "address"
    SENSITIVE_WORD = "sensitive_word"
    HIDDEN_SHEET = "hidden_sheet"
    HIDDEN_ROWS = "hidden_rows"
    HIDDEN_COLUMNS = "hidden_columns"
    COMMENT = "comment"
    HIDDEN_NAME = "hidden_name"
    TRACKED_CHANGE = "tracked_change"
    HIDDEN_TEXT = "hidden_text"
    METADATA = "metadata"
    COVERED_TEXT = "covered_text"
    EMBEDDED_FILE = "embedded_file"
    UNREADABLE = "unreadable"


LABELS = {
    Kind.ID_CARD: "居民身份证号码", Kind.MOBILE: "手机号码", Kind.BANK_CARD: "银行卡号", Kind.ADDRESS: "详细住址",
    Kind.SENSITIVE_WORD: "敏感词", Kind.HIDDEN_SHEET: "隐藏工作表", Kind.HIDDEN_ROWS: "隐藏行", Kind.HIDDEN_COLUMNS: "隐藏列",
    Kind.COMMENT: "批注", Kind.HIDDEN_NAME: "指向隐藏数据的名称", Kind.TRACKED_CHANGE: "修订记录", Kind.HIDDEN_TEXT: "隐藏文字",
    Kind.METADATA: "文档属性（作者、单位等）", Kind.COVERED_TEXT: "被遮盖的文字（假涂黑）", Kind.EMBEDDED_FILE: "嵌入文件",
    Kind.UNREADABLE: "无法检查的文件",
}

EXCERPT_CHARS = 60  # an excerpt is a hint for the reviewer, never the document itself
NAME_CHARS = 40  # a name put in a place (an embedded file's, a defined name): places are stored in 200 characters


def digest(raw: str) -> str:
    """16 hex digits of SHA-256: the same value found again (a rescan) gets the same key, and the
    stored hit never holds the raw personal data."""
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def clip(text: str, limit: int = EXCERPT_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Finding:
    kind: str  # a Kind (HitKind) value
    place: str  # Chinese: "正文第3段", "工作表“名单”B3", "第2页"
    excerpt: str  # masked: personal data never appears in full
    digest: str  # 16 hex of sha256 of the raw value
    message: str  # Chinese, for the drafter and the reviewer

    @property
    def label(self) -> str:
        return LABELS.get(self.kind, self.kind)

    def to_dict(self) -> dict:
        return {**asdict(self), "kind": str(self.kind), "label": self.label}


@dataclass(frozen=True)
class Segment:
    """A piece of a document's visible text and where a reader finds it."""

    place: str
    text: str


@dataclass
class FileScan:
    kind: str  # "pdf", "docx", "xlsx", "text", "html", or one without a reader (see detect.detect), or "unreadable"
    text: str  # the visible text, for search ("" when none could be read)
    findings: list[Finding] = field(default_factory=list)

    @property
    def unreadable(self) -> bool:
        return any(f.kind == Kind.UNREADABLE for f in self.findings)
