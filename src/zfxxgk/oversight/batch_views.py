"""Pages of the batch audit (issue 9 item 6): upload, list, one batch with its progress and
findings, the progress as JSON for batch.js, and the review of a finding.

Only a county's supervisors (and superusers) see its batches: a batch of another county is 404,
and the pages of someone who supervises nothing are 403 (:func:`zfxxgk.agencies.access.supervised_agency_ids`).
"""
from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET, require_POST

from ..agencies import access
from ..workspace.views import forbidden, show
from . import batch as b
from .batch_forms import ReviewForm, UploadForm
from .models import AuditBatch, AuditedReport, BatchState, FindingReview, Verdict
from .status import batch_url
from .tasks import notice_dead_task

audit = logging.getLogger("zfxxgk.audit")

NOT_SUPERVISOR = "只有县级监督人员可以批量审核年度报告：您的账户没有监督角色。"


def _batch(request, pk: int) -> AuditBatch:
    return get_object_or_404(b.batches_for(request.user), pk=pk)


@login_required
@require_GET
def batch_list(request):
    if not access.supervised_agency_ids(request.user):
        return forbidden(request, NOT_SUPERVISOR)
    batches = b.batches_for(request.user)[:200]
    return show(request, "oversight/batch_list.html", {"batches": batches, "can_upload": b.counties_for_upload(request.user).exists()})


@login_required
def batch_new(request):
    counties = b.counties_for_upload(request.user)
    if not counties.exists():
        return forbidden(request, NOT_SUPERVISOR)
    form = UploadForm(request.POST or None, request.FILES or None, counties=counties)
    if request.method == "POST":
        if form.is_valid():
            uploads = form.cleaned_data["files"]
            batch = b.create_batch(form.cleaned_data["county"], form.cleaned_data["year"], uploads, request.user)
            audit.info("batch audit upload user=%s:%s batch=%s county=%s files=%d bytes=%d", request.user.pk,
                       request.user.get_username(), batch.pk, batch.county_id, len(uploads),
                       sum(len(u.content) for u in uploads))
            messages.success(request, f"已上传 {len(uploads)} 个文件，正在后台审核。")
            return redirect("batch:detail", batch.pk)
        return show(request, "oversight/batch_new.html", {"form": form}, status=400)
    return show(request, "oversight/batch_new.html", {"form": form})


@login_required
@require_GET
def batch_detail(request, pk: int):
    batch = _batch(request, pk)
    notice_dead_task(batch)
    reports = list(batch.reports.defer("content", "document").select_related("agency").prefetch_related("reviews__user"))
    for r in reports:
        reviews = {rv.key: rv for rv in r.reviews.all()}
        r.rows = [(f, reviews.get(f.get("key"))) for f in r.findings]
    return show(request, "oversight/batch_detail.html", {
        "batch": batch, "reports": reports, "finished": batch.finished,
        "unread": sum(1 for r in reports if r.read_ok is False),
    })


@login_required
@require_GET
def batch_progress(request, pk: int):
    batch = _batch(request, pk)
    notice_dead_task(batch)
    rows = batch.reports.values("pk", "filename", "read_ok", "error", "errors", "warnings", "agency_name", "agency_id", "year")
    return JsonResponse({
        "state": batch.state, "state_display": batch.get_state_display(), "done": batch.done, "total": batch.total,
        "finished": batch.finished, "error": batch.error,
        "reports": [{"id": r["pk"], "filename": r["filename"], "read_ok": r["read_ok"], "error": r["error"],
                     "errors": r["errors"], "warnings": r["warnings"], "agency_name": r["agency_name"],
                     "on_platform": r["agency_id"] is not None, "year": r["year"]} for r in rows],
    })


@login_required
@require_POST
def resume(request, pk: int):
    batch = _batch(request, pk)
    notice_dead_task(batch)
    if batch.state == BatchState.FAILED:
        b.resume_batch(batch)
        audit.info("batch audit resumed user=%s:%s batch=%s", request.user.pk, request.user.get_username(), batch.pk)
        messages.success(request, "已重新开始审核其余文件。")
    return redirect("batch:detail", batch.pk)


@login_required
@require_POST
def review(request, pk: int, report_id: int):
    batch = _batch(request, pk)
    report = get_object_or_404(AuditedReport.objects.defer("content"), batch=batch, pk=report_id)
    if request.POST.get("key") not in {f.get("key") for f in report.findings}:
        raise Http404
    form = ReviewForm(request.POST)
    anchor = batch_url(report)
    if not form.is_valid():
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, f"{report.filename}：{e}")
        return redirect(anchor)
    data = form.cleaned_data
    FindingReview.objects.update_or_create(report=report, key=data["key"],
                                           defaults={"verdict": data["verdict"], "note": data["note"], "user": request.user})
    audit.info("batch finding review user=%s:%s report=%s key=%s verdict=%s", request.user.pk,
               request.user.get_username(), report.pk, data["key"], data["verdict"])
    messages.success(request, f"已记录：{report.filename} 的一项校验结果为“{Verdict(data['verdict']).label}”。")
    return redirect(anchor)

