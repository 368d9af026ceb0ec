"""/workspace/notify/: the messages of the agencies a user may read, with their state — a failed one
can be sent again by those who act for its agency. Contacts are shown masked (最小必要)."""
from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from ..agencies import access
from . import services
from .models import Message, MessageState

audit = logging.getLogger("zfxxgk.audit")


def messages_for(user):
    """The messages of the agencies ``user`` may read (:mod:`zfxxgk.agencies.access`)."""
    return Message.objects.filter(agency_id__in=access.readable_agency_ids(user))


@login_required
@require_GET
def message_list(request):
    qs = messages_for(request.user).select_related("agency", "application")
    state = request.GET.get("state", "")
    if state in MessageState.values:
        qs = qs.filter(state=state)
    number = request.GET.get("number", "").strip()[:80]
    if number:
        qs = qs.filter(application__number__icontains=number)
    counts = dict(messages_for(request.user).order_by().values_list("state").annotate(n=Count("id")))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    writable = access.writable_agency_ids(request.user)
    return render(request, "notify/list.html", {
        "page": page, "state": state, "number": number, "writable": writable,
        "counts": [(value, label, counts.get(value, 0)) for value, label in MessageState.choices],
        "nav_writer": bool(writable),
    })


@login_required
@require_POST
def resend(request, pk: int):
    msg = get_object_or_404(messages_for(request.user), pk=pk)
    if not access.can_write(request.user, msg.agency_id):
        messages.error(request, "您没有重新发送该机关通知的权限。")
    elif msg.state != MessageState.FAILED:
        messages.error(request, "只有发送失败并已放弃的通知才能重新发送。")
    else:
        services.resend(msg)
        audit.info("message %s sent again by user=%s", msg.pk, request.user.pk)
        messages.success(request, "已重新排队发送。")
    return redirect("notify:list")
