"""The report editor (annual:report) and 保存并校验 (annual:save).

One page shows the report whatever its state: tables 二, 三, 四 in the national layout and the six
sections, editable while a draft (or a correction) by the agency's staff; the findings beside the
cells and sentences they name; and the actions the user may take at this stage (生成草稿, 导入数据,
上传上年度报告, 提交审核, 同意发布 / 退回修改, 更正). Every change goes through
:mod:`zfxxgk.annual.services`; a refusal comes back on this page with its status.
"""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_POST

from ...approvals import queries as approval_queries
from ...approvals import services as approvals
from .. import services, signoff
from ..draft import editable
from . import sheet
from .. import forms as f
from .. import queries
from .common import READ_ONLY, audit, forbidden, may_write, report_for, show, today, who

CHANGES_KEY = "annual-changes-{pk}"  # the last 生成草稿's list of changes, shown once after the redirect


def public_links(report) -> dict:
    """The public page of this report and of each version (once the public pages exist)."""
    out = {"page": None, "versions": {}}
    kw = {"code": report.agency.code, "year": report.year}
    try:
        out["page"] = reverse("public_annual:report", kwargs=kw)
    except NoReverseMatch:
        return out
    for v in report.versions.all():
        try:
            out["versions"][v.number] = reverse("public_annual:version", kwargs={**kw, "number": v.number})
        except NoReverseMatch:
            pass
    return out


def group_changes(changes: list[dict] | None) -> dict | None:
    """The changes of the last 生成草稿 (annual.assemble.Change as dicts), grouped for reading:
    figures counted for the first time, figures that moved, hand entries kept (with the new count),
    sections regenerated, and edited sections kept (with the template's new text to copy from)."""
    if changes is None:
        return None
    out = {"first": 0, "first_tables": [], "moved": [], "kept_figures": [], "sections": [], "kept_sections": []}
    tables = {"active": "表二 第（一）项", "requests": "表三", "appeals": "表四"}
    for c in changes:
        if c.get("kind") == "figure":
            if c.get("kept"):
                out["kept_figures"].append(c)
            elif c.get("old") is None:
                out["first"] += 1
                table = tables.get(str(c.get("key", "")).split(".")[0])
                if table and table not in out["first_tables"]:
                    out["first_tables"].append(table)
            else:
                out["moved"].append(c)
        else:
            out["kept_sections" if c.get("kept") else "sections"].append(c)
    out["none"] = not changes
    return out


def context(request, report, *, form=None, forms: dict | None = None, changes=None) -> dict:
    user = request.user
    writer = may_write(user, report)
    can_edit = writer and editable(report)
    form = form or f.ReportForm(report=report)
    dismissals = {d.key: d for d in report.dismissals.select_related("user")}
    placed = sheet.place(report.findings, dismissals, form.initial if not form.is_bound else form.data)
    pending = approval_queries.pending_for(report)
    forms = forms or {}
    st = queries.status(report, report.agency, report.year, today())
    links = public_links(report) if report.is_public else {}
    versions = [(v, links.get("versions", {}).get(v.number)) for v in report.versions.order_by("number").select_related("published_by")]
    return {
        "report": report, "form": form, "placed": placed, "changes": group_changes(changes),
        "tables": sheet.tables(report, form, placed, editable=can_edit),
        "sections": sheet.section_rows(form, placed, editable=can_edit),
        "writer": writer, "editable": can_edit,
        "can_submit": editable(report) and signoff.may_submit(report, user),
        "year_open": not signoff.year_over(report),  # submitted from 1 January of the next year
        "pending": pending, "may_decide": bool(pending and approvals.may_decide(pending, user)),
        "history": list(approval_queries.history(report)),
        "versions": versions, "links": links,
        "due": st.due, "late": st.is_late and not report.is_public,
        "dismiss_form": forms.get("dismiss") or f.DismissForm(), "dismiss_key": forms["dismiss"].data.get("key") if "dismiss" in forms else None,
        "import_form": forms.get("import") or f.ImportFiguresForm(),
        "upload_form": forms.get("upload") or f.UploadPublishedForm(),
        "decide_form": forms.get("decide") or f.DecideForm(),
        "correct_form": forms.get("correct") or f.CorrectionForm(),
        "open": forms.get("open", ""),
        "nav": "annual",
    }


def render_report(request, report, status: int = 200, **kw):
    return show(request, "annual/report.html", context(request, report, **kw), status=status)


@login_required
@require_GET
def report(request, pk: int):
    rep = report_for(request.user, pk)
    changes = request.session.pop(CHANGES_KEY.format(pk=rep.pk), None)
    return render_report(request, rep, changes=changes)


@login_required
@require_POST
def save(request, pk: int):
    rep = report_for(request.user, pk)
    if not may_write(request.user, rep):
        return forbidden(request, READ_ONLY)
    form = f.ReportForm(request.POST, report=rep)
    if not form.is_valid():
        n = sum(len(e) for e in form.errors.values())
        messages.error(request, f"有 {n} 处填写不正确（已用红框标出），报告没有保存。请改正后再保存。")
        return render_report(request, rep, status=400, form=form)
    sections, figures = form.changes()
    try:
        services.save(rep, request.user, sections=sections, figures=figures)
    except services.AnnualError as exc:
        messages.error(request, exc.message)
        rep.refresh_from_db()
        return render_report(request, rep, status=exc.status, form=form)
    rep.refresh_from_db()
    audit.info("annual report %s saved by %s: %d figures, %d sections changed", rep.pk, who(request.user), len(figures), len(sections))
    messages.success(request, saved_message(rep))
    return redirect("annual:report", pk=rep.pk)


def saved_message(report) -> str:
    text = f"已保存并校验：{report.errors} 个错误，{report.warnings} 个需要说明的警告。"
    if report.errors:
        text += "有错误的报告不能提交审核，请按页面上方“校验结果”的说明改正。"
    return text
