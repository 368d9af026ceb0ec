"""The agency's publications (publishing:list) and 新建 (publishing:new).

The list shows one agency at a time (a user of several picks it): counts by state — 草稿, 审核中,
待发布, 已发布, 已撤回 — and the rows filtered by state, column, year and words of the title. A
version replaced by its correction (已更正) is not a row of its own: it is reached from the
current version's page. The year is the 发布日期's, or the 成文日期's while not published.
"""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from ...agencies import access
from .. import deadlines, services
from ..columns import ensure_catalogue
from ..forms import FilterForm, PublicationForm
from ..models import Publication, PubState
from .common import audit, forbidden, show, today, who

STATES = [PubState.DRAFT, PubState.PENDING, PubState.APPROVED, PubState.PUBLISHED, PubState.WITHDRAWN]
PER_PAGE = 50


def _agency(request, agencies, *, writable_only: bool = False):
    """The agency chosen with ?agency=<code>; by default the first the user writes in, else reads."""
    writable = access.writable_agency_ids(request.user)
    pool = [a for a in agencies if a.pk in writable] if writable_only else agencies
    wanted = request.GET.get("agency", "")
    chosen = next((a for a in pool if a.code == wanted), None)
    return chosen or next((a for a in pool if a.pk in writable), None) or (pool[0] if pool else None)


def _filtered(agency, data: dict):
    rows = Publication.objects.filter(agency=agency).exclude(state=PubState.SUPERSEDED)
    if data.get("column"):
        rows = rows.filter(column_id=data["column"])
    if data.get("year"):
        year = data["year"]
        rows = rows.filter(Q(published_on__year=year) | Q(published_on__isnull=True, written_on__year=year))
    if data.get("q"):
        rows = rows.filter(title__icontains=data["q"].strip())
    return rows


@login_required
def publication_list(request):
    agencies = list(access.readable_agencies(request.user).order_by("name"))
    agency = _agency(request, agencies)
    if agency is None:
        return show(request, "publishing/workspace/list.html", {"agency": None})
    form = FilterForm(request.GET or None, agency=agency)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    base = _filtered(agency, data)
    by_state = dict(base.order_by().values_list("state").annotate(n=Count("id")))
    state = data.get("state") or ""
    rows = base.filter(state=state) if state else base
    rows = rows.select_related("column").order_by("-updated_at", "-id")
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    params = {k: v for k, v in request.GET.items() if k not in ("page", "state") and v}
    counts = [{"key": "", "label": "全部", "n": sum(by_state.get(s, 0) for s in STATES), "href": "?" + urlencode(params)}]
    counts += [{"key": s.value, "label": s.label, "n": by_state.get(s, 0), "href": "?" + urlencode({**params, "state": s.value})}
               for s in STATES]
    day = today()
    items = [(pub, deadlines.is_late(pub, day)) for pub in page.object_list]
    context = {
        "agency": agency, "agencies": agencies, "form": form, "counts": counts, "state": state, "page": page, "items": items,
        "params": urlencode({**params, **({"state": state} if state else {})}),
        "writer": access.can_write(request.user, agency.pk),
    }
    return show(request, "publishing/workspace/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    agencies = list(access.readable_agencies(request.user).order_by("name"))
    agency = _agency(request, agencies, writable_only=True)
    if agency is None:
        return forbidden(request, "您没有新建主动公开信息的权限：只有机关的经办人、负责人和分管领导可以起草。")
    ensure_catalogue(agency)  # an agency without a catalogue starts with the default tree
    form = PublicationForm(request.POST or None, agency=agency, initial={"written_on": today()})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                pub = services.create(agency, request.user, **form.cleaned_data)
            except services.PublishingError as exc:
                messages.error(request, exc.message)
                status = exc.status
            else:
                audit.info("publication %s created by %s", pub.pk, who(request.user))
                opened = pub.hits.filter(resolution="open").count()
                messages.success(request, "已保存草稿。可以继续上传附件，完成后勾选保密审查声明并提交审核。"
                                 + (f"发布前检查发现{opened}项需要处理的内容，见下方“发布前检查”。" if opened else ""))
                return redirect("publishing:detail", pk=pub.pk)
    writable = access.writable_agency_ids(request.user)
    choices = [(a, reverse("publishing:new") + "?" + urlencode({"agency": a.code})) for a in agencies if a.pk in writable]
    return show(request, "publishing/workspace/new.html", {"agency": agency, "form": form, "choices": choices}, status=status)
