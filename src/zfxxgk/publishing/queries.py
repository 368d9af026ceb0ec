"""One queryset per question about publications: what the public may see, who may read drafts,
what a year counts, which are late.

Pages, search, feeds, the API, content health and the annual report all ask these, never their own
filters: an item that is not :meth:`PublicationQuerySet.public` is reachable nowhere public.
"""
from __future__ import annotations

from datetime import date

from django.db import models


class PublicationQuerySet(models.QuerySet):
    def public(self) -> "PublicationQuerySet":
        """What the public site, search, feeds and the API show: 已发布 and nothing else (a draft,
        one under review, approved but not yet published, withdrawn or superseded is never public)."""
        return self.filter(state="published", published_on__isnull=False)

    def readable_by(self, user) -> "PublicationQuerySet":
        """Every state, for the staff of the agencies ``user`` may read (zfxxgk.agencies.access)."""
        from ..agencies import access

        return self.filter(agency_id__in=access.readable_agency_ids(user))

    def of_year(self, year: int) -> "PublicationQuerySet":
        """Published in ``year`` (发布日期): what section 一 of that year's annual report counts."""
        return self.filter(published_on__gte=date(year, 1, 1), published_on__lte=date(year, 12, 31))

    def counted_in_year(self, year: int) -> "PublicationQuerySet":
        """What a year's report counts as 主动公开: the first publication of each item in the year
        (a correction is a new version of an item already counted, not a new item); items withdrawn
        later still count, they were public that year."""
        return self.of_year(year).filter(version=1, state__in=("published", "withdrawn", "superseded"))


def counts_by_column(agency, year: int) -> list[tuple[str, int]]:
    """[(top-level column name, items first published in ``year``)] in catalogue order — section 一's
    "公开指南1条，政务公开27条 …" (columns with none are left out)."""
    from .models import Column, Publication

    columns = list(Column.objects.filter(agency=agency).order_by("position", "id"))
    top = {c.pk: c for c in columns}

    def root(column_id: int) -> int:
        seen = set()
        node = top[column_id]
        while node.parent_id and node.parent_id in top and node.pk not in seen:
            seen.add(node.pk)
            node = top[node.parent_id]
        return node.pk

    counts: dict[int, int] = {}
    rows = Publication.objects.filter(agency=agency).counted_in_year(year).values("column_id").annotate(n=models.Count("id"))
    for row in rows:
        if row["column_id"] in top:
            key = root(row["column_id"])
            counts[key] = counts.get(key, 0) + row["n"]
    return [(top[pk].name, counts[pk]) for pk in (c.pk for c in columns if c.parent_id is None) if counts.get(pk)]
