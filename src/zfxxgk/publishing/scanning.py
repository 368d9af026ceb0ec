"""The pre-publication scan as stored rows: what :mod:`zfxxgk.scan` finds in a publication's title,
body and attachments becomes :class:`~.models.ScanHit` rows that block submission while open.

A *source* is the body (title and body text, ``attachment=None``) or one attachment. Each finding
gets a key from its kind, its value's digest and where it stands in its source, so scanning again
recognises the same hit: one a reviewer allowed stays allowed; one that is no longer found (the
drafter deleted the text, removed the file) is marked 已删除 automatically; one removed earlier and
found again is open again.

The scan itself (opening files) runs outside any transaction — a 20 MB spreadsheet takes seconds
and SQLite would hold its one write lock meanwhile; :func:`apply` stores its result under the
caller's lock on the publication.
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from .. import scan
from ..scan.finding import Finding, Kind, Segment, digest
from ..scan.text import scan_segments
from .models import Attachment, Publication, Resolution, ScanHit, SensitiveWord

log = logging.getLogger(__name__)

AUTO_REMOVED = "已从正文/附件中删除"
BODY = "body"


@dataclass
class Result:
    """One source's findings; ``text`` is an attachment's readable text (for search)."""

    attachment: Attachment | None
    findings: list[Finding]
    text: str = ""


def words_for(agency) -> list[str]:
    """The sensitive words that apply to ``agency``: its own, its ancestors' and the global ones."""
    ids, node, seen = [], agency, set()
    while node is not None and node.pk not in seen:
        seen.add(node.pk)
        ids.append(node.pk)
        node = node.parent
    words = SensitiveWord.objects.filter(Q(agency__isnull=True) | Q(agency_id__in=ids)).values_list("word", flat=True)
    return sorted({w.strip() for w in words if w.strip()})


def scan_body(title: str, body_text: str, words) -> Result:
    """The title and the body, the body a paragraph at a time (``body_text`` holds one a line,
    :mod:`.sanitize`), so a finding says where it is: 标题, 正文第3段."""
    segments = [Segment("标题", title or "")]
    segments += [Segment(f"正文第{n}段", line) for n, line in enumerate((body_text or "").split("\n"), start=1) if line.strip()]
    return Result(None, scan_segments(segments, words=words))


def scan_bytes(data: bytes, name: str, words) -> scan.FileScan:
    return scan.scan_file(data, name, words=words)


def scan_attachment(attachment: Attachment, words) -> Result:
    """Read the stored file and scan it; a file the storage lost is itself a finding."""
    try:
        with attachment.file.open("rb") as fh:
            data = fh.read()
    except OSError as exc:
        log.warning("attachment %s of publication %s unreadable in storage: %s", attachment.pk, attachment.publication_id, exc)
        lost = Finding(Kind.UNREADABLE, "", "", digest("missing:" + attachment.file.name),
                       "附件文件在服务器上找不到或无法读取，请删除后重新上传。")
        return Result(attachment, [lost], attachment.text)
    result = scan_bytes(data, attachment.original_name, words)
    return Result(attachment, list(result.findings), result.text)


def place_of(finding: Finding, attachment: Attachment | None) -> str:
    if attachment is None:
        return finding.place[:200]
    where = f"：{finding.place}" if finding.place else ""
    return f"附件“{attachment.original_name[:120]}”{where}"[:200]


def key_of(finding: Finding, attachment: Attachment | None) -> str:
    """kind:digest:where — where is the source and the place in it (hashed: places can be long)."""
    source = BODY if attachment is None else f"attachment:{attachment.pk}"
    where = hashlib.sha256(f"{source}|{finding.place}".encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{finding.kind}:{finding.digest}:{where}"[:64]


def apply(pub: Publication, result: Result, user) -> list[ScanHit]:
    """Store one source's findings (under the caller's lock on ``pub``); returns the hits found."""
    existing = {h.key: h for h in pub.hits.filter(attachment=result.attachment)}
    now = timezone.now()
    found: dict[str, ScanHit] = {}
    for finding in result.findings:
        key = key_of(finding, result.attachment)
        if key in found:
            continue
        hit = existing.get(key)
        if hit is None:
            hit = ScanHit.objects.create(
                publication=pub, attachment=result.attachment, kind=finding.kind, key=key,
                place=place_of(finding, result.attachment), excerpt=(finding.excerpt or "")[:200],
                message=(finding.message or "")[:300],
            )
        elif hit.resolution == Resolution.REMOVED:  # deleted once, back again
            hit.resolution, hit.reason, hit.resolved_by, hit.resolved_at = Resolution.OPEN, "", None, None
            hit.save(update_fields=["resolution", "reason", "resolved_by", "resolved_at"])
        found[key] = hit
    gone = [h.pk for k, h in existing.items() if k not in found and h.resolution == Resolution.OPEN]
    if gone:
        ScanHit.objects.filter(pk__in=gone).update(resolution=Resolution.REMOVED, reason=AUTO_REMOVED,
                                                   resolved_by=user if getattr(user, "pk", None) else None, resolved_at=now)
    return list(found.values())


def remove_all(pub: Publication, attachment: Attachment, user) -> int:
    """The attachment is going: its open hits are 已删除 (before the row, whose hits keep a null link)."""
    return (pub.hits.filter(attachment=attachment, resolution=Resolution.OPEN)
            .update(resolution=Resolution.REMOVED, reason=AUTO_REMOVED,
                    resolved_by=user if getattr(user, "pk", None) else None, resolved_at=timezone.now()))


def carry_allowances(pub: Publication, previous: Publication) -> int:
    """A correction starts from a published version whose reviewers allowed some hits: the same
    finding at the same place (the attachment copied under its name) stays allowed, with the
    earlier reason and reviewer, so that the reviewers are not asked twice about what they saw."""
    allowed = {(h.kind, h.place, h.key.split(":")[1]): h
               for h in previous.hits.filter(resolution=Resolution.ALLOWED).select_related("resolved_by")}
    carried = 0
    for hit in pub.hits.filter(resolution=Resolution.OPEN):
        earlier = allowed.get((hit.kind, hit.place, hit.key.split(":")[1]))
        if earlier is not None:
            hit.resolution, hit.resolved_by, hit.resolved_at = Resolution.ALLOWED, earlier.resolved_by, earlier.resolved_at
            hit.reason = f"沿用第{previous.version}版审核时的处理：{earlier.reason}"
            hit.save(update_fields=["resolution", "reason", "resolved_by", "resolved_at"])
            carried += 1
    return carried


def open_count(pub: Publication) -> int:
    return pub.hits.filter(resolution=Resolution.OPEN).count()
