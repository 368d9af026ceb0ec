"""Attachments: accepted by what the bytes are (magic numbers), never by the name or the
browser's Content-Type; stored under a random name (see cases.models.attachment)."""
from __future__ import annotations

import os
import unicodedata

MAX_SIZE = 5 * 1024 * 1024
MAX_FILES = 3
ALLOWED = "PDF、JPEG、PNG"

_MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


def sniff(upload) -> str | None:
    """The content type the file's first bytes show, or None when it is none we accept."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, content_type in _MAGIC:
        if head.startswith(magic):
            return content_type
    return None


def display_name(name: str) -> str:
    """The applicant's file name, kept for the record only: no path, no control characters."""
    name = os.path.basename((name or "").replace("\\", "/"))
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    return name[-255:] or "附件"
