"""A publication's page in the workspace (publishing:detail): everything about it and the acts the
user may take at its stage.

草稿: the fields (editable by the agency's writers), attachments (upload / remove), the findings of
the pre-publication scan, the 保密审查 declaration and 提交审核. 审核中: the current step's reviewer
decides (同意 / 退回修改 with a comment); 负责人 and 分管领导 may allow a finding with a reason. 待发布:
the office publishes. 已发布: the public link, 撤回 and 更正 (each with a reason). Always: the
approval history, the versions of the series, and the 第二十六条 lateness flag.
"""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from ...agencies.models import Role
from ...approvals import queries as approval_queries
from ...approvals import services as approvals
from .. import deadlines, sanitize, services
from ..forms import AttachmentForm, DecideForm, PublicationForm, ReasonForm, SubmitForm
from ..models import Publication, PubState, Resolution
from .common import may_write, public_url, publication_for, show, today


def _versions(pub: Publication) -> list[dict]:
    key = pub.series_id or pub.pk
    rows = Publication.objects.filter(series_id=key) | Publication.objects.filter(pk=key)
    out = []
    for v in rows.order_by("version"):
        href = None
        if v.state in (PubState.SUPERSEDED,) and v.published_on:
            try:
                href = reverse("publishing_public:version", args=[v.agency.code, key, v.version])
            except NoReverseMatch:
                href = None
        out.append({"pub": v, "staff": reverse("publishing:detail", args=[v.pk]), "public": href, "current": v.pk == pub.pk})
    return out


def role_label(role: str | None) -> str:
    try:
        return Role(role).label
    except ValueError:
        return role or ""


def _history(pub: Publication) -> list:
    rows = list(approval_queries.history(pub))
    for d in rows:
        d.role_label = role_label(d.role) if d.role else ""
    return rows


def context(request, pub: Publication, *, forms: dict | None = None) -> dict:
    user = request.user
    forms = forms or {}
    writer = may_write(user, pub)
    draft = pub.state == PubState.DRAFT
    pending = approval_queries.pending_for(pub) if pub.state == PubState.PENDING else None
    hits = list(pub.hits.select_related("resolved_by", "attachment").order_by("resolution", "found_at", "id"))
    open_hits = [h for h in hits if h.resolution == Resolution.OPEN]
    day = today()
    versions = _versions(pub)
    newer = next((v["pub"] for v in versions if v["pub"].version > pub.version and v["pub"].state != PubState.SUPERSEDED), None)
    return {
        "pub": pub, "writer": writer, "editable": writer and draft,
        "reviewer": services.is_reviewer(user, pub.agency_id) and pub.state in services.UNDER_REVIEW,
        "body_html": sanitize.clean_html(pub.body),
        "attachments": list(pub.attachments.all()),
        "hits": hits, "open_hits": open_hits,
        "pending": pending,
        "may_decide": pending is not None and approvals.may_decide(pending, user),
        "may_recall": pending is not None and pending.submitted_by_id == user.pk,
        "pending_role": role_label(pending.current_role) if pending else "",
        "history": _history(pub),
        "can_submit": writer and draft, "can_publish": writer and pub.state == PubState.APPROVED,
        "can_withdraw": writer and pub.state == PubState.PUBLISHED,
        "can_correct": writer and pub.state == PubState.PUBLISHED and newer is None,
        "can_rescan": writer and pub.state in services.UNDER_REVIEW,
        "public_url": public_url(pub) if pub.state in (PubState.PUBLISHED, PubState.WITHDRAWN, PubState.SUPERSEDED) else None,
        "late": deadlines.is_late(pub, day),
        "due": deadlines.due_on(pub.written_on, deadlines.workdays_for(pub.agency)) if pub.written_on else None,
        "versions": versions if len(versions) > 1 else [], "newer": newer,
        "edit_form": forms.get("edit") or (PublicationForm(initial=PublicationForm.initial_for(pub), agency=pub.agency) if writer and draft else None),
        "attachment_form": forms.get("attachment") or AttachmentForm(),
        "submit_form": forms.get("submit") or SubmitForm(initial={"declare": pub.declared_at is not None}),
        "decide_form": forms.get("decide") or DecideForm(),
        "withdraw_form": forms.get("withdraw") or ReasonForm(auto_id="withdraw-%s"),
        "correct_form": forms.get("correct") or ReasonForm(auto_id="correct-%s"),
        "open": forms.get("open", ""), "open_hit": forms.get("open_hit"),
        "max_upload_mb": services.max_upload() // services.MB,
    }


def render_detail(request, pub: Publication, *, status: int = 200, forms: dict | None = None):
    pub.refresh_from_db()
    return show(request, "publishing/workspace/detail.html", context(request, pub, forms=forms), status=status)


@login_required
@require_GET
def detail(request, pk: int):
    return render_detail(request, publication_for(request.user, pk))


@login_required
@require_GET
def attachment(request, pk: int, att: int):
    """A file as uploaded, for the agency's staff and its supervisors whatever the state (the public
    site serves only those of public publications)."""
    pub = publication_for(request.user, pk)
    row = pub.attachments.filter(pk=att).first()
    if row is None:
        raise Http404
    try:
        handle = row.file.open("rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=row.original_name, content_type=row.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
