"""The versions of one publication as the public may see them.

A public URL names a series (the first version's id). What it may show follows from the states of
its versions, never from the URL: the one 已发布 version (``current``); the 已更正 versions before it,
as older versions, only while the series has a current one; and, for a series whose last public
version was withdrawn, the withdrawal notice (HTTP 410). Drafts, items under review or approved
but not yet published belong to no public URL, and neither does another agency's series.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404

from ..models import Publication, PubState


@dataclass
class Series:
    id: int
    versions: list[Publication]

    @property
    def current(self) -> Publication | None:
        return next((v for v in self.versions if v.state == PubState.PUBLISHED and v.published_on), None)

    @property
    def withdrawn(self) -> Publication | None:
        """The last withdrawn version of a series that has no public one (its URL answers 410)."""
        if self.current:
            return None
        return next((v for v in reversed(self.versions) if v.state == PubState.WITHDRAWN), None)

    @property
    def older(self) -> list[Publication]:
        """The superseded versions readers may still open (…/v<n>/): only beside a current version."""
        if not self.current:
            return []
        return [v for v in self.versions if v.state == PubState.SUPERSEDED and v.version < self.current.version]

    def older_version(self, number: int) -> Publication:
        found = next((v for v in self.older if v.version == number), None)
        if found is None:
            raise Http404
        return found

    @property
    def public_ids(self) -> list[int]:
        """The versions whose attachments may be downloaded."""
        return [v.pk for v in ([self.current] if self.current else []) + self.older]


def in_series(series_id: int) -> Q:
    """Every version of series ``series_id``: those that name it, and the first version itself
    (whose ``series`` is null, or points at itself)."""
    return Q(series_id=series_id) | Q(pk=series_id, series__isnull=True)


def load(agency, series_id: int) -> Series:
    """The versions of ``agency``'s series ``series_id`` (404 when it has none: unknown id, another
    agency's id, or the id of a later version rather than the series)."""
    versions = list(Publication.objects.filter(agency=agency).filter(in_series(series_id)).select_related("column").order_by("version", "id"))
    if not versions:
        raise Http404
    return Series(series_id, versions)
