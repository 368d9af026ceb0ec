"""The publication page's acts, one small POST each. Each reaches the publication through the
user's agencies (404), checks the write right (403: a supervisor or another agency's staff), binds
its small form (400 with the page again), and calls the service; a refusal (PublishingError /
ApprovalError: Chinese message, HTTP status) comes back on the page with that status, never a 500.
"""
from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from ...approvals import queries as approval_queries
from ...approvals import services as approvals
from .. import forms as f
from .. import services
from ..models import Resolution
from .common import audit, forbidden, may_write, publication_for, who
from .detail import render_detail

REFUSALS = (services.PublishingError, approvals.ApprovalError)


def writer_action(view):
    """login, POST, the publication among the user's agencies (404), writable by the user (403)."""

    @login_required
    @require_POST
    @functools.wraps(view)
    def wrapper(request, pk: int, **kwargs):
        pub = publication_for(request.user, pk)
        if not may_write(request.user, pub):
            audit.info("publication %s: %s refused for %s (read only)", pub.pk, view.__name__, who(request.user))
            return forbidden(request)
        try:
            return view(request, pub, **kwargs)
        except REFUSALS as exc:
            audit.info("publication %s: %s refused for %s (%s)", pub.pk, view.__name__, who(request.user), exc.status)
            messages.error(request, exc.message)
            return render_detail(request, pub, status=exc.status)

    return wrapper


def filled(form_class, name: str, **form_kwargs):
    """The act's small form from the POST, bound and valid, or the page again with it open (400)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, pub, **kwargs):
            extra = {k: (v(pub) if callable(v) else v) for k, v in form_kwargs.items()}
            form = form_class(request.POST, request.FILES, **extra)
            if not form.is_valid():
                messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
                return render_detail(request, pub, status=400, forms={name: form, "open": name})
            return view(request, pub, form, **kwargs)

        return wrapper

    return decorate


def _back(pub):
    return redirect("publishing:detail", pk=pub.pk)


def _findings(pub) -> str:
    n = pub.hits.filter(resolution=Resolution.OPEN).count()
    return f"发布前检查有{n}项待处理，见“发布前检查”。" if n else "发布前检查未发现问题。"


@writer_action
@filled(f.PublicationForm, "edit", agency=lambda pub: pub.agency)
def edit(request, pub, form):
    services.update(pub, request.user, **form.cleaned_data)
    audit.info("publication %s edited by %s", pub.pk, who(request.user))
    messages.success(request, "已保存。" + _findings(pub))
    return _back(pub)


@writer_action
@filled(f.AttachmentForm, "attachment")
def upload(request, pub, form):
    attachment = services.add_attachment(pub, request.user, form.cleaned_data["file"])
    found = attachment.hits.filter(resolution=Resolution.OPEN).count()
    audit.info("publication %s: attachment %s uploaded by %s", pub.pk, attachment.pk, who(request.user))
    if found:
        messages.warning(request, f"已上传“{attachment.original_name}”，检查发现其中有{found}项需要处理的内容（见“发布前检查”）。"
                                  "请删除该附件、改好后重新上传，或请负责人、分管领导说明理由后允许公开。")
    else:
        messages.success(request, f"已上传“{attachment.original_name}”，检查未发现个人信息或隐藏内容。")
    return _back(pub)


@writer_action
def remove_attachment(request, pub, att: int):
    row = pub.attachments.filter(pk=att).first()
    if row is None:
        raise services.PublishingError("该附件不存在或已被删除。", 404)
    services.remove_attachment(pub, request.user, row)
    audit.info("publication %s: attachment %s removed by %s", pub.pk, att, who(request.user))
    messages.success(request, f"已删除附件“{row.original_name}”。")
    return _back(pub)


@writer_action
def rescan(request, pub):
    services.rescan(pub, request.user)
    messages.success(request, "已重新检查。" + _findings(pub))
    return _back(pub)


@writer_action
def allow_hit(request, pub, hit: int):
    row = pub.hits.filter(pk=hit).first()
    if row is None:
        raise services.PublishingError("该检查结果不存在。", 404)
    form = f.ReasonForm(request.POST, auto_id=f"allow-{row.pk}-%s")
    if not form.is_valid():
        messages.error(request, "请填写允许公开的理由。")
        return render_detail(request, pub, status=400, forms={"allow": {row.pk: form}, "open": "hit", "open_hit": row.pk})
    services.resolve_hit(row, request.user, reason=form.cleaned_data["reason"])
    audit.info("publication %s: hit %s allowed by %s", pub.pk, row.pk, who(request.user))
    messages.success(request, f"已允许公开：{row.get_kind_display()}（{row.place}）。")
    return _back(pub)


@writer_action
@filled(f.SubmitForm, "submit")
def submit(request, pub, form):
    services.declare(pub, request.user)
    approval = services.submit(pub, request.user, note=form.cleaned_data.get("note") or "")
    audit.info("publication %s submitted by %s (approval %s)", pub.pk, who(request.user), approval.pk)
    messages.success(request, "已提交审核。审核期间不能修改；如需修改，可撤回审核。")
    return _back(pub)


@writer_action
def recall(request, pub):
    """The submitter takes the publication back from review (approvals.services.withdraw)."""
    pending = approval_queries.pending_for(pub)
    if pending is None:
        raise services.PublishingError("该信息没有待审核的提交（可能已被审核或撤回），请刷新页面。", 409)
    approvals.withdraw(pending, request.user)
    audit.info("publication %s: review withdrawn by %s", pub.pk, who(request.user))
    messages.success(request, "已撤回审核，信息回到草稿，可以修改后重新提交。")
    return _back(pub)


@writer_action
@filled(f.DecideForm, "decide")
def decide(request, pub, form):
    services.decide(pub, request.user, approve=form.approve, comment=form.cleaned_data.get("comment") or "")
    pub.refresh_from_db()
    audit.info("publication %s %s by %s", pub.pk, "approved" if form.approve else "returned", who(request.user))
    if not form.approve:
        messages.success(request, "已退回修改，退回意见已告知拟稿人。")
    elif pub.state == "approved":
        messages.success(request, "已同意。审核已全部通过，待办公室发布。")
    else:
        messages.success(request, "已同意，进入下一审核环节。")
    return _back(pub)


@writer_action
def publish(request, pub):
    services.publish(pub, request.user)
    audit.info("publication %s published by %s", pub.pk, who(request.user))
    messages.success(request, f"已发布，索引号 {pub.index_number}。")
    return _back(pub)


@writer_action
@filled(f.ReasonForm, "withdraw", auto_id="withdraw-%s")
def withdraw(request, pub, form):
    services.withdraw(pub, request.user, form.cleaned_data["reason"])
    audit.info("publication %s withdrawn by %s", pub.pk, who(request.user))
    messages.success(request, "已撤回。公开页面将说明该信息已撤回及撤回原因。")
    return _back(pub)


@writer_action
@filled(f.ReasonForm, "correct", auto_id="correct-%s")
def correct(request, pub, form):
    new = services.start_correction(pub, request.user, form.cleaned_data["reason"])
    audit.info("publication %s: correction %s started by %s", pub.pk, new.pk, who(request.user))
    messages.success(request, f"已建立第{new.version}版（更正稿）。请修改后提交审核；发布前公开页面仍显示当前版本。")
    return redirect("publishing:detail", pk=new.pk)
