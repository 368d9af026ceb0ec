"""Atom feeds of public items, for feed readers and the new-media accounts that pick them up
(微信公众号 and the like): per agency /zfxxgk/<code>/feed/ and per column
/zfxxgk/<code>/lm/<column>/feed/ (its sub-columns included).

Built on Django's syndication framework; the items are :meth:`PublicationQuerySet.public`, so a
withdrawn or superseded item leaves the feed the moment its state changes. Each entry's id is the
series' public URL: a correction updates the entry instead of adding another.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils import timezone
from django.utils.html import escape

from .models import Column, Publication
from .public_views.tree import Tree, agency_or_404

LATEST = 50
SUMMARY_CHARS = 200


class AgencyFeed(Feed):
    feed_type = Atom1Feed
    language = "zh-CN"

    def get_object(self, request, code: str):
        return agency_or_404(code)

    def title(self, agency) -> str:
        return f"{agency.name} · 主动公开信息"

    def subtitle(self, agency) -> str:
        return f"{agency.name}最新发布的{LATEST}条主动公开信息"

    def link(self, agency) -> str:
        return reverse("publishing_public:agency", args=[agency.code])

    def author_name(self, agency) -> str:
        return agency.name

    def items(self, agency):
        return Publication.objects.public().filter(agency=agency).select_related("agency", "column")[:LATEST]

    def item_title(self, item: Publication) -> str:
        return item.title  # Atom titles are text: the feed writer escapes them (no HTML escaping here)

    def item_description(self, item: Publication) -> str:
        """The start of the plain text, escaped: Atom's summary is written as type="html"."""
        text = " ".join(item.body_text.split())
        return escape(text[:SUMMARY_CHARS] + ("…" if len(text) > SUMMARY_CHARS else ""))

    def item_link(self, item: Publication) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Publication) -> datetime:
        """When it went public, in China's time (+08:00); a row without the time: that day's start."""
        if item.published_at:
            return timezone.localtime(item.published_at)
        return timezone.make_aware(datetime.combine(item.published_on, time()))

    def item_updateddate(self, item: Publication) -> datetime:
        return self.item_pubdate(item)

    def item_categories(self, item: Publication) -> tuple[str, ...]:
        return (item.column.name,)


@dataclass(frozen=True)
class Branch:
    """A column and the ids of the columns below it (its feed lists them all)."""

    column: Column
    ids: tuple[int, ...]


class ColumnFeed(AgencyFeed):
    def get_object(self, request, code: str, column: str) -> Branch:
        tree = Tree(agency_or_404(code))
        found = tree.by_code.get(column)
        if found is None:
            raise Http404
        return Branch(found, tuple(tree.subtree_ids(found)))

    def title(self, branch: Branch) -> str:
        return f"{branch.column.agency.name} · {' › '.join(branch.column.path_names())}"

    def subtitle(self, branch: Branch) -> str:
        return f"{branch.column.agency.name}“{branch.column.name}”栏目最新发布的{LATEST}条主动公开信息"

    def link(self, branch: Branch) -> str:
        return reverse("publishing_public:column", args=[branch.column.agency.code, branch.column.code])

    def author_name(self, branch: Branch) -> str:
        return branch.column.agency.name

    def items(self, branch: Branch):
        published = Publication.objects.public().filter(agency=branch.column.agency, column_id__in=branch.ids)
        return published.select_related("agency", "column")[:LATEST]
