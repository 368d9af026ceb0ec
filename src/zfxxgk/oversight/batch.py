"""Batch audit of reports published outside the platform (issue 9 item 6): who may run and see a
batch, unpacking an upload into files, creating the batch, and auditing one file.

The background task (:mod:`.tasks`) calls :func:`audit_report` once per file; the views call
:func:`batches_for` and :func:`counties_for_upload`; the dashboard reads the AuditedReport rows
(:func:`zfxxgk.oversight.status.audited_reports`).
"""
from __future__ import annotations

import hashlib
import io
import logging
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.db import DatabaseError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from ..agencies import access
from ..agencies.models import Agency
from ..reports import limits, zipsafe
from ..reports.errors import ReportError, ReportLimitError, ReportReadError
from .models import AuditBatch, AuditedReport, BatchState

log = logging.getLogger(__name__)

# What the readers take (reports.read.detect); anything else in a zip is listed as unreadable.
SUFFIXES = (".txt", ".html", ".htm", ".shtml", ".md", ".markdown", ".docx", ".xlsx", ".pdf", ".json")
YEAR_RULE = "BATCH-YEAR"  # a file of another year than the batch's


# --- who ----------------------------------------------------------------------------------------

def counties_for_upload(user) -> QuerySet[Agency]:
    """The agencies a batch may be filed under: a supervisor's own agencies; for a superuser every
    people's government and every agency with departments."""
    if getattr(user, "is_superuser", False):
        return Agency.objects.filter(Q(is_government=True) | Q(children__isnull=False)).distinct()
    return access.supervised_agencies(user)


def batches_for(user) -> QuerySet[AuditBatch]:
    """The batches ``user`` may see — the only way views reach batches."""
    return AuditBatch.objects.filter(county_id__in=access.supervised_agency_ids(user)).select_related("county", "created_by")


# --- unpacking an upload ------------------------------------------------------------------------

@dataclass
class Upload:
    """One file of a batch: its bytes, or why it was refused before reading (``error``)."""

    name: str
    content: bytes = b""
    error: str = ""


def unpack(name: str, data: bytes, lim: limits.Limits | None = None) -> list[Upload]:
    """A ``.zip`` becomes its members; any other file is itself. A zip that is itself unsafe
    (too many members, a bomb, broken) raises :class:`ReportReadError` with the Chinese reason;
    a single unsafe member becomes an :class:`Upload` with its ``error``, the rest are kept."""
    lim = lim or limits.current()
    if not name.lower().endswith(".zip"):
        return [Upload(_short(name), data)]
    limits.check_input(len(data), lim)
    try:
        zipsafe.member_names(data, lim)  # the member count from the end record, before ZipFile lists them
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in zf.infolist() if not i.is_dir()]
    except ReportLimitError:
        raise
    except (ReportReadError, zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise ReportReadError("压缩包已损坏，无法打开；请重新打包后上传。", f"bad zip {name!r}: {exc!r}") from exc
    if len(infos) > lim.max_zip_members:  # the end record can understate the directory
        raise limits.refuse("max_zip_members", f"{lim.max_zip_members} 个", f"压缩包内的文件数（{len(infos)} 个）",
                            detail=f"zip {name!r} with {len(infos)} members")
    total = sum(i.file_size for i in infos)
    if total > lim.max_unpacked_mb * limits.MB:
        raise limits.refuse("max_unpacked_mb", f"{lim.max_unpacked_mb} MB", "压缩包解压后", "可能是压缩炸弹，",
                            f"zip {name!r} declares {total} bytes")
    out = []
    for info in infos:
        if _ignored(info.filename):
            continue
        out.append(_member(zf, info, lim))
    if not out:
        raise ReportReadError("压缩包中没有文件。", f"empty zip {name!r}")
    return out


def _member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, lim: limits.Limits) -> Upload:
    raw = info.filename
    shown = _decode_name(info)
    name = _short(shown)
    parts = PurePosixPath(raw.replace("\\", "/")).parts
    if raw.startswith(("/", "\\")) or ".." in parts or (raw[1:2] == ":"):
        # Nothing is written to disk, but such a name is a sign of a crafted archive (zip slip).
        return Upload(name, error=f"压缩包中“{shown}”的路径不安全（绝对路径或含“..”），已拒绝读取。")
    if info.flag_bits & 0x1:
        return Upload(name, error="文件已加密（需要密码才能打开），请提供未加密的文件。")
    if name.lower().endswith(".zip"):
        return Upload(name, error="压缩包中的压缩包不会展开，请解压后与其他文件一起上传。")
    try:
        limits.check_input(info.file_size, lim)
        if info.file_size > 1 << 20 and info.file_size > lim.max_zip_ratio * max(info.compress_size, 1):
            raise limits.refuse("max_zip_ratio", f"{lim.max_zip_ratio}:1", f"压缩包中的“{name}”压缩比过高，",
                                "可能是压缩炸弹，", f"member {raw!r} ratio")
        with zf.open(info) as fh:  # bounded: never more than the declared size plus one byte
            content = fh.read(info.file_size + 1)
        if len(content) != info.file_size:
            raise ReportReadError(f"压缩包中“{name}”的内容与目录记录不符，已拒绝读取。", f"member {raw!r} size mismatch")
    except ReportError as exc:
        return Upload(name, error=exc.message)
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, NotImplementedError) as exc:
        log.warning("zip member %r unreadable: %r", raw, exc)
        return Upload(name, error=f"压缩包中“{name}”已损坏，无法解压。")
    return Upload(name, content)


def _ignored(path: str) -> bool:
    """macOS resource forks and hidden files that archivers add."""
    parts = PurePosixPath(path.replace("\\", "/")).parts
    return any(p == "__MACOSX" or p.startswith(".") and p not in (".", "..") for p in parts)


def _decode_name(info: zipfile.ZipInfo) -> str:
    """Zips made on Chinese Windows store names in GBK without the UTF-8 flag; zipfile then decodes
    them as cp437, which turns 司法局 into mojibake."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _short(name: str) -> str:
    base = PurePosixPath(name.replace("\\", "/").replace("\x00", "")).name or "未命名文件"
    return base[-255:]


# --- creating a batch ---------------------------------------------------------------------------

def create_batch(county: Agency, year: int, uploads: list[Upload], user) -> AuditBatch:
    """Store the batch and its files, then enqueue the one task that audits them (after the
    commit, so that a worker in another process finds the rows)."""
    with transaction.atomic():
        batch = AuditBatch.objects.create(county=county, year=year, total=len(uploads), created_by=user)
        AuditedReport.objects.bulk_create([
            AuditedReport(batch=batch, filename=u.name, content=u.content,
                          read_ok=False if u.error else None, error=u.error)
            for u in uploads
        ])
        refused = sum(1 for u in uploads if u.error)
        if refused:
            AuditBatch.objects.filter(pk=batch.pk).update(done=refused)
    return _enqueue(batch)


def resume_batch(batch: AuditBatch) -> AuditBatch:
    """A failed batch (its task died: the worker was stopped mid-batch) audits its remaining files
    in a new task; the files already read keep their results."""
    with transaction.atomic():
        updated = AuditBatch.objects.filter(pk=batch.pk, state=BatchState.FAILED).update(
            state=BatchState.QUEUED, error="", finished_at=None, task_id="")
    if not updated:
        return batch
    return _enqueue(batch)


def _enqueue(batch: AuditBatch) -> AuditBatch:
    from .tasks import audit_batch

    result = audit_batch.enqueue(batch.pk)
    # The immediate backend has finished already; a worker may have started: set task_id only.
    AuditBatch.objects.filter(pk=batch.pk).update(task_id=str(result.id)[:64])
    batch.refresh_from_db()
    return batch


# --- auditing one file --------------------------------------------------------------------------

def finding_key(finding: dict) -> str:
    """A stable key of a finding (rule, cells, message): reviews stay attached across re-audits."""
    text = "\x1f".join([finding["rule"], ",".join(finding.get("cells", [])), finding["message"]])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def audit_report(report: AuditedReport, county: Agency, year: int) -> None:
    """Read and check one file and save what was found. A file that cannot be read gets
    ``read_ok=False`` and the reader's Chinese reason; an unexpected exception (in the reader, the
    checker or saving the result) is logged and stored as 内部错误 — either way the batch goes on."""
    try:
        found = _audit(report, county, year)
    except ReportError as exc:
        log.info("batch file %s (report %s) unreadable: %s", report.filename, report.pk, exc.detail)
        found = _unreadable(exc.message)
    except Exception as exc:  # noqa: BLE001 - one broken file must not lose the rest of the batch
        log.exception("batch file %s (report %s): internal error", report.filename, report.pk)
        found = _unreadable(f"内部错误：{type(exc).__name__}")
    try:
        _save(report, found)
    except DatabaseError as exc:  # a value the database refuses; if the database is gone, this raises again
        log.exception("batch file %s (report %s): result not saved", report.filename, report.pk)
        _save(report, _unreadable(f"内部错误：{type(exc).__name__}"))


def _audit(report: AuditedReport, county: Agency, year: int) -> dict:
    from ..reports.check import check
    from ..reports.read import read

    doc = read(bytes(report.content), name=report.filename)
    findings = [f.to_dict() for f in check(doc)]
    if doc.year and doc.year != year:
        findings.append({"rule": YEAR_RULE, "severity": "warning", "cells": ["year"], "values": {"year": doc.year},
                         "message": f"报告年度为{doc.year}年，与本批次的{year}年度不符。"})
    findings = _clean(findings)
    seen: dict[str, int] = {}
    for f in findings:
        key = finding_key(f)
        seen[key] = seen.get(key, 0) + 1
        f["key"] = key if seen[key] == 1 else f"{key[:28]}-{seen[key]}"
    name = _clean((doc.agency or "").strip())[:200]
    return {
        "read_ok": True, "error": "", "agency_name": name, "agency": match_agency(county, name),
        "year": doc.year if doc.year and 1990 <= doc.year <= 2100 else year,
        "document": _clean(doc.to_dict(with_sources=True)), "findings": findings,
        "errors": sum(1 for f in findings if f["severity"] == "error"),
        "warnings": sum(1 for f in findings if f["severity"] == "warning"),
    }


def _unreadable(reason: str) -> dict:
    return {"read_ok": False, "error": _clean(reason), "agency_name": "", "agency": None, "year": None, "document": None,
            "findings": [], "errors": 0, "warnings": 0}


def _save(report: AuditedReport, found: dict) -> None:
    for field, value in found.items():
        setattr(report, field, value)
    with transaction.atomic():  # a savepoint: a refused value leaves the connection usable
        report.save(update_fields=list(found))


def _clean(value):
    """JSON-safe and without NUL characters (PostgreSQL's text and jsonb refuse them; a hostile
    file can put them in any string the reader returns)."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {_clean(str(k)): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return _clean(str(value))  # Decimal, date …


def match_agency(county: Agency, name: str) -> Agency | None:
    """The county or one of its agencies whose name equals the report's; None for an agency not on
    the platform."""
    if not name:
        return None
    squashed = "".join(name.split())
    ids = [county.id] + [a.id for a in county.descendants()]
    return Agency.objects.filter(id__in=ids, name=squashed).first()


def mark_progress(batch: AuditBatch) -> None:
    done = batch.reports.exclude(read_ok=None).count()
    AuditBatch.objects.filter(pk=batch.pk).update(done=done)


def finish(batch: AuditBatch, state: str, error: str = "") -> None:
    AuditBatch.objects.filter(pk=batch.pk).update(state=state, error=error, finished_at=timezone.now())
