"""Drafting an annual report: get, 生成草稿, save with check, dismiss warnings, the document.

Every change runs in one transaction on the locked report row and is checked at once
(:func:`recheck`): a refused change leaves the report as it was. ``user=None`` is the system
itself (the CLI, the sample-data loader); a person must be able to write in the agency
(:func:`zfxxgk.agencies.access.can_write`).
"""
from __future__ import annotations

from contextlib import contextmanager

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..agencies import access
from ..reports import check as checker
from ..text import InputError, clean_input
from . import assemble, figures_import, narrative
from . import figures as fig
from .documents import document, previous_document, sibling_documents
from .errors import AnnualForbidden, AnnualInvalid, AnnualStateError
from .findings import counts, stored
from .models import AnnualReport, Dismissal, FigureSource, ReportState

__all__ = ["dismiss", "document", "generate", "get", "import_figures", "previous_document", "recheck", "save"]

MIN_REASON = 5


def get(agency, year: int) -> AnnualReport:
    """The agency's report of ``year``, created (未开始) the first time it is asked for."""
    year = int(year)
    try:
        report, _ = AnnualReport.objects.get_or_create(agency=agency, year=year)
    except IntegrityError:  # created meanwhile by another request
        report = AnnualReport.objects.get(agency=agency, year=year)
    return report


# --- the rules every change obeys ----------------------------------------------------------------

def _require_writer(report: AnnualReport, user) -> None:
    if user is not None and not access.can_write(user, report.agency_id):
        raise AnnualForbidden("您没有修改该机关年度报告的权限。")


def editable(report: AnnualReport) -> bool:
    """Whether the report's text and figures may change now: before submission, or while a published
    report is being corrected (start_correction puts it back to 草稿); never while it awaits approval."""
    return report.state in (ReportState.NOT_STARTED, ReportState.DRAFT) or (
        report.correcting and report.state in (ReportState.PUBLISHED, ReportState.CORRECTED))


def _require_editable(report: AnnualReport) -> None:
    if editable(report):
        return
    if report.state == ReportState.PENDING:
        raise AnnualStateError("年度报告已提交审核，审核期间不能修改；如需修改，请由审核人退回。")
    if report.state in (ReportState.PUBLISHED, ReportState.CORRECTED) and not report.correcting:
        raise AnnualStateError("年度报告已发布，不能直接修改；如需更正，请先发起更正并说明理由。")


@contextmanager
def _editing(report: AnnualReport, user):
    """The locked row, fresh from the database, after the permission and state checks."""
    _require_writer(report, user)
    with transaction.atomic():
        locked = AnnualReport.objects.select_for_update().select_related("agency").get(pk=report.pk)
        _require_editable(locked)
        yield locked
        if locked.state == ReportState.NOT_STARTED:
            locked.state = ReportState.DRAFT
        locked.updated_by = user if user is not None else locked.updated_by
        locked.save()
        recheck(locked)
    keep_in_step(report, locked)


def keep_in_step(report: AnnualReport, source: AnnualReport) -> None:
    """The caller's object sees what was saved on the locked row ``source`` (no second query)."""
    if report is source:
        return
    for f in AnnualReport._meta.concrete_fields:
        setattr(report, f.attname, getattr(source, f.attname))


# --- 生成草稿 -----------------------------------------------------------------------------------------

def generate(report: AnnualReport, user) -> list[assemble.Change]:
    """Fill tables 三 and 四 from the cases, table 二 第（一）项 from the registry (when it speaks for
    the year) and the sections from the templates (条例第三十一条, the 2021 format's notes: see
    cases.stats and publishing.registry). Figures and text entered by hand are kept; the
    returned changes list what moved, ``kept=True`` where a hand entry stood in the way."""
    with _editing(report, user) as locked:
        figures, figure_changes = assemble.merge_figures(locked.figures or {}, assemble.computed(locked.agency, locked.year))
        fresh = narrative.render(locked.agency, assemble.facts(locked.agency, locked.year, figures))
        sections, section_changes = assemble.merge_sections(locked.sections or {}, locked.generated or {}, fresh)
        locked.figures, locked.sections, locked.generated = figures, sections, fresh
        locked.generated_at = timezone.now()
    return figure_changes + section_changes


# --- hand edits ------------------------------------------------------------------------------------

def _clean_sections(sections: dict) -> dict[str, str]:
    out = {}
    for key, text in sections.items():
        if key not in fig.TEXT_KEYS:
            raise AnnualInvalid(f"年度报告没有“{key}”这一部分。")
        label = fig.TEXT_LABELS[key]
        if text is not None and not isinstance(text, str):
            raise AnnualInvalid(f"“{label}”应为文字。")
        try:
            out[key] = clean_input(text or "", multiline=True, label=label).strip()
        except InputError as exc:
            raise AnnualInvalid(exc.message) from None
    return out


def _clean_figures(figures: dict) -> dict[str, object]:
    """``{path: stored value or None}``; the first bad cell raises, naming it."""
    out = {}
    for path, value in figures.items():
        if path not in fig.KNOWN:
            raise AnnualInvalid(f"“{path}”不是年度报告格式（2021年版）中的单元格。")
        out[path] = None if value is None or value == "" else fig.stored(fig.clean(path, value))
    return out


def _apply_figures(current: dict, cleaned: dict, source: str) -> dict:
    out = {p: dict(e) for p, e in current.items()}
    for path, value in cleaned.items():
        entry = out.get(path) or {}
        if value is None:  # the hand entry removed: back to the computed figure, or no figure
            if entry.get("computed") is not None:
                out[path] = {"value": entry["computed"], "source": assemble.source_of(path), "computed": entry["computed"]}
            else:
                out.pop(path, None)
            continue
        out[path] = {"value": value, "source": source, "computed": entry.get("computed")}
    return out


def save(report: AnnualReport, user, *, sections=None, figures=None) -> list[dict]:
    """Hand edits of sections (text) and figures (``{path: value}``; None removes the hand entry).
    Everything is validated before anything is written; returns the new findings."""
    clean_sections = _clean_sections(sections or {})
    clean_figures = _clean_figures(figures or {})
    with _editing(report, user) as locked:
        locked.sections = {**(locked.sections or {}), **clean_sections}
        locked.figures = _apply_figures(locked.figures or {}, clean_figures, FigureSource.MANUAL.value)
    return report.findings


def import_figures(report: AnnualReport, user, name: str, data: bytes) -> list[dict]:
    """Figures from an XLSX in the report's layout or a CSV of ``path,value`` lines."""
    _require_writer(report, user)
    cleaned = _clean_figures(figures_import.parse(name or "", data))
    with _editing(report, user) as locked:
        locked.figures = _apply_figures(locked.figures or {}, cleaned, FigureSource.IMPORT.value)
    return report.findings


# --- the checker -------------------------------------------------------------------------------------

def recheck(report: AnnualReport) -> list[dict]:
    """Run the checker (with last year's report and the sibling agencies' for W-CLONE) and keep
    the findings, their keys, and the counts of errors and of warnings not yet answered."""
    findings = checker.check(document(report), previous=previous_document(report),
                             siblings=sibling_documents(report), published_on=None)
    dismissed = set(report.dismissals.values_list("key", flat=True))
    report.findings = stored(findings, dismissed)
    report.errors, report.warnings = counts(report.findings)
    report.checked_at = timezone.now()
    report.save(update_fields=["findings", "errors", "warnings", "checked_at"])
    return report.findings


def dismiss(report: AnnualReport, user, key: str, reason: str) -> Dismissal:
    """A current warning answered with a written reason (kept, shown to the supervisor)."""
    if user is None or not access.can_write(user, report.agency_id):
        raise AnnualForbidden("您没有修改该机关年度报告的权限。")
    try:
        reason = clean_input(reason or "", multiline=True, label="说明理由").strip()
    except InputError as exc:
        raise AnnualInvalid(exc.message) from None
    with transaction.atomic():
        locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
        _require_editable(locked)
        finding = next((f for f in locked.findings or () if f.get("key") == key), None)
        if finding is None:
            raise AnnualInvalid("该校验结果已不存在（数据或正文已修改），请刷新后查看最新的校验结果。")
        if finding["severity"] == checker.ERROR:
            raise AnnualInvalid("错误不能忽略，请修改数据或正文")
        if finding["severity"] != checker.WARNING:
            raise AnnualInvalid("提示类校验结果无需说明理由。")
        if len(reason) < MIN_REASON:
            raise AnnualInvalid(f"请写明忽略该警告的理由（至少{MIN_REASON}个字）。")
        dismissal, _ = Dismissal.objects.update_or_create(
            report=locked, key=key, defaults={"rule": finding["rule"], "message": finding["message"], "reason": reason, "user": user},
        )
        for f in locked.findings:
            if f.get("key") == key:
                f["dismissed"] = True
        locked.errors, locked.warnings = counts(locked.findings)
        locked.save(update_fields=["findings", "errors", "warnings"])
    keep_in_step(report, locked)
    return dismissal
