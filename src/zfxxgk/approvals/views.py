"""The reviewer's pages: what waits for my decision, and the decision itself (approve / return).

Generic over subjects: a subject shows up with its ``title`` and links to its own page through
``get_absolute_url`` when it has one. An approval of an agency the user cannot read is 404 (its
existence is not revealed); one the user may read but not decide is 403.
"""
from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import NoReverseMatch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ..agencies import access
from . import queries, services
from .forms import DecisionForm
from .models import Approval

log = logging.getLogger(__name__)


def _page(request, template: str, context: dict, status: int = 200):
    context.setdefault("nav_writer", bool(access.writable_agency_ids(request.user)))
    return render(request, template, context, status=status)


def _forbidden(request, message: str):
    return _page(request, "approvals/forbidden.html", {"message": message}, status=403)


def _subject_url(approval: Approval) -> str:
    subject = approval.subject
    # a subject's page in the workspace when it has one (a publication's public page is for the public)
    get_url = getattr(subject, "get_workspace_url", None) or getattr(subject, "get_absolute_url", None)
    try:
        return get_url() if get_url else ""
    except NoReverseMatch:  # a subject whose own pages are not installed: listed without a link
        return ""


def _load(request, pk: int) -> Approval:
    approval = get_object_or_404(Approval.objects.select_related("agency", "submitted_by"), pk=pk)
    if approval.agency_id not in access.readable_agency_ids(request.user):
        raise Http404
    return approval


@login_required
def queue(request):
    waiting = list(queries.waiting_for(request.user).prefetch_related("subject"))
    for approval in waiting:
        approval.subject_url = _subject_url(approval)
    return _page(request, "approvals/queue.html", {"waiting": waiting, "nav": "approvals"})


@login_required
@require_http_methods(["GET", "POST"])
def decide(request, pk: int):
    approval = _load(request, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and not services.may_decide(approval, request.user):
        return _forbidden(request, _refusal(approval))
    if request.method == "POST" and form.is_valid():
        try:
            services.decide(approval, request.user, approve=form.approve, comment=form.cleaned_data["comment"])
        except services.ApprovalError as exc:
            if exc.status == 403:
                return _forbidden(request, exc.message)
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已{'同意' if form.approve else '退回'}：{approval.title}")
        return redirect("approvals:queue")
    status = 400 if request.method == "POST" else 200
    context = {
        "approval": approval, "form": form, "subject_url": _subject_url(approval),
        "history": approval.decisions.select_related("user"), "may_decide": services.may_decide(approval, request.user),
        "refusal": _refusal(approval), "nav": "approvals",
    }
    return _page(request, "approvals/decide.html", context, status=status)


@login_required
@require_POST
def withdraw(request, pk: int):
    approval = _load(request, pk)
    try:
        services.withdraw(approval, request.user)
    except services.ApprovalError as exc:
        if exc.status == 403:
            return _forbidden(request, exc.message)
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已撤回：{approval.title}")
    target = _subject_url(approval)
    return redirect(target or "approvals:queue")


def _refusal(approval: Approval) -> str:
    if approval.current_role is None:
        return f"该事项已{approval.get_state_display()}。"
    return f"该事项当前由本机关的“{services._role_name(approval.current_role)}”审核，您没有审核权限。"
