"""One publication: /zfxxgk/<code>/xxgk/<series>/ shows the series' current version, …/v<n>/ an
older one it corrected.

The metadata block is the one government sites show above a document (索引号, 主题分类, 发布机构,
成文日期, 文号, 发布日期). The body is the HTML the services sanitised with nh3 when it was saved:
the only value the template marks safe. A withdrawn series answers 410 Gone with the day and the
reason of the withdrawal and nothing of the content (条例第十九条–第二十六条: what is no longer
public is not served, and the reader learns why).
"""
from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from ..models import Publication
from . import series as series_mod
from .tree import Tree, agency_or_404


@require_safe
def current(request, code: str, series: int):
    agency = agency_or_404(code)
    found = series_mod.load(agency, series)
    if found.current is None:
        return _gone_or_404(request, agency, found)
    return _page(request, agency, found, found.current)


@require_safe
def version(request, code: str, series: int, number: int):
    agency = agency_or_404(code)
    found = series_mod.load(agency, series)
    if found.current is None:
        return _gone_or_404(request, agency, found)
    if number == found.current.version:
        return redirect("publishing_public:publication", agency.code, series)
    return _page(request, agency, found, found.older_version(number))


def _gone_or_404(request, agency, found: series_mod.Series):
    withdrawn = found.withdrawn
    if withdrawn is None:
        raise Http404
    day = timezone.localdate(withdrawn.withdrawn_at) if withdrawn.withdrawn_at else None
    return render(request, "publishing/public/withdrawn.html", {"agency": agency, "day": day, "reason": withdrawn.withdrawn_reason}, status=410)


def _page(request, agency, found: series_mod.Series, shown: Publication):
    tree = Tree(agency)
    column = tree.by_id.get(shown.column_id, shown.column)
    is_current = shown.pk == found.current.pk
    context = {
        "agency": agency,
        "pub": shown,
        "series": found,
        "current": found.current,
        "is_current": is_current,
        "older": found.older,
        "column": column,
        "lineage": tree.lineage(column),
        "topic": " › ".join(column.path_names()),
        "attachments": list(shown.attachments.order_by("uploaded_at", "id")),
        "neighbours": _neighbours(shown) if is_current else (None, None),
    }
    return render(request, "publishing/public/publication.html", context)


def _neighbours(pub: Publication) -> tuple[Publication | None, Publication | None]:
    """(上一篇, 下一篇): the public items of the same column published just before and just after."""
    siblings = Publication.objects.public().filter(column_id=pub.column_id).only("id", "title", "series_id", "published_on")
    on = pub.published_on
    earlier = siblings.filter(Q(published_on__lt=on) | Q(published_on=on, id__lt=pub.pk)).order_by("-published_on", "-id").first()
    later = siblings.filter(Q(published_on__gt=on) | Q(published_on=on, id__gt=pub.pk)).order_by("published_on", "id").first()
    return earlier, later
