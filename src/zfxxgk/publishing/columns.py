"""The default 公开目录 a new agency starts with, as government sites lay it out.

Each entry is (code, name, kind, stale_days, children). ``ensure_catalogue(agency)`` creates the
tree once (an agency that already has columns keeps its own). The kinds mark where the platform
files 规章, 规范性文件 (the registry's publications) and the annual reports (条例第五十条).
"""
from __future__ import annotations

from django.db import transaction

from .models import Column, ColumnKind

G = ColumnKind.GENERAL
DEFAULT_COLUMNS: tuple = (
    ("gkzn", "政府信息公开指南", ColumnKind.GUIDE, 365, ()),
    ("gkzd", "政府信息公开制度", G, 365, ()),
    ("jgzn", "机构职能", G, 365, ()),
    ("fdzdgknr", "法定主动公开内容", G, None, (
        ("gz", "规章", ColumnKind.REGULATIONS, None, ()),
        ("gfxwj", "规范性文件", ColumnKind.NORMATIVE, 180, ()),
        ("ghjh", "规划计划", G, 365, ()),
        ("czxx", "财政信息（预决算）", G, 365, ()),
        ("rsxx", "人事信息", G, 365, ()),
        ("xzzf", "行政执法（许可/处罚/强制）", G, 90, ()),
        ("zdlyxx", "重点领域信息", G, 180, ()),
    )),
    ("gzdt", "工作动态", G, 30, ()),
    ("ndbg", "政府信息公开年报", ColumnKind.ANNUAL_REPORT, 400, ()),
)


def ensure_catalogue(agency) -> list[Column]:
    """The agency's columns, creating the default tree when it has none."""
    with transaction.atomic():
        existing = list(Column.objects.select_for_update().filter(agency=agency))
        if existing:
            return existing
        _create(agency, None, DEFAULT_COLUMNS)
    return list(Column.objects.filter(agency=agency))


def _create(agency, parent, entries) -> None:
    for position, (code, name, kind, stale_days, children) in enumerate(entries, start=1):
        column = Column.objects.create(agency=agency, parent=parent, code=code, name=name, kind=kind, position=position, stale_days=stale_days)
        _create(agency, column, children)


def column_of_kind(agency, kind: str) -> Column | None:
    """The agency's column for 规章 / 规范性文件 / 年报 (the first one if it made several)."""
    return Column.objects.filter(agency=agency, kind=kind).order_by("position", "id").first()
