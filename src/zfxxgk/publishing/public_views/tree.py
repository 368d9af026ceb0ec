"""An agency's 公开目录 as the public pages read it: the columns in one query, parents cached in
memory (so breadcrumbs and sub-column lookups cost no further queries), and the count and latest
date of public items per column with each column's sub-columns included."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Max
from django.shortcuts import get_object_or_404

from ...agencies.models import Agency
from ..columns import DEFAULT_COLUMNS
from ..models import Column, Publication


def agency_or_404(code: str) -> Agency:
    return get_object_or_404(Agency, code=code)


@dataclass
class Node:
    """One column on a page: ``column`` is None for the default tree shown to an agency without columns."""

    name: str
    code: str
    kind: str
    column: Column | None = None
    count: int = 0
    latest: date | None = None
    children: list["Node"] = field(default_factory=list)


class Tree:
    def __init__(self, agency: Agency):
        self.agency = agency
        self.columns = list(Column.objects.filter(agency=agency).order_by("position", "id"))
        self.by_id = {c.pk: c for c in self.columns}
        self.by_code = {c.code: c for c in self.columns}
        self._children: dict[int | None, list[Column]] = {}
        for column in self.columns:
            column.agency = agency  # the FK cache, as for the parents below
            parent_id = column.parent_id if column.parent_id in self.by_id else None
            if parent_id:
                column.parent = self.by_id[parent_id]  # the FK cache: path_names() asks no query
            self._children.setdefault(parent_id, []).append(column)

    def children(self, column: Column | None) -> list[Column]:
        return self._children.get(column.pk if column else None, [])

    def subtree_ids(self, column: Column) -> list[int]:
        """The column and every column below it (a cycle an administrator made stops the walk)."""
        out, frontier = [], [column]
        while frontier:
            node = frontier.pop()
            if node.pk in out:
                continue
            out.append(node.pk)
            frontier.extend(self.children(node))
        return out

    def lineage(self, column: Column) -> list[Column]:
        """From the top of the tree down to ``column``: the breadcrumbs (names as Column.path_names)."""
        out, node = [], column
        while node is not None and node not in out:
            out.append(node)
            node = self.by_id.get(node.parent_id)
        return out[::-1]

    def of_kind(self, kind: str) -> Column | None:
        return next((c for c in self.columns if c.kind == kind), None)

    def nodes(self) -> list[Node]:
        """The tree with the count and latest date of public items of each column, sub-columns included;
        for an agency that has no columns yet the default tree, read-only and empty (a GET creates nothing)."""
        if not self.columns:
            return _default_nodes(DEFAULT_COLUMNS)
        own = {
            row["column_id"]: (row["n"], row["latest"])
            for row in Publication.objects.public().filter(agency=self.agency).values("column_id").annotate(n=Count("id"), latest=Max("published_on"))
        }
        return [self._node(c, own, set()) for c in self.children(None)]

    def _node(self, column: Column, own: dict, seen: set) -> Node:
        seen.add(column.pk)
        count, latest = own.get(column.pk, (0, None))
        node = Node(column.name, column.code, column.kind, column, count, latest)
        for child in self.children(column):
            if child.pk in seen:
                continue
            sub = self._node(child, own, seen)
            node.children.append(sub)
            node.count += sub.count
            node.latest = max(filter(None, (node.latest, sub.latest)), default=None)
        return node


def _default_nodes(entries) -> list[Node]:
    return [Node(name, code, kind, children=_default_nodes(children)) for code, name, kind, _stale, children in entries]
