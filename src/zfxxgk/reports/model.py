"""The one document model every reader produces and every writer and the checker consume.

A :class:`ReportDocument` holds the report's metadata, the narrative of its six sections and
its table cells keyed by path (``requests.granted.total``, ``appeals.reconsideration.upheld``,
``active.regulations.made``; spec §6). Each :class:`Cell` keeps its raw text and where it was
read, so a blank can be told from a printed 0 and a finding can point at the source.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..standard import format2019 as f19
from ..standard import format2021 as f21

Number = int | Decimal


@dataclass(slots=True)
class Cell:
    value: Number
    raw: str | None = None  # text as printed (None when the value was computed, not read)
    source: str | None = None  # "第12行", "表格2 第5行第3列", "第2页"
    status: str = "ok"  # ok | blank | dash | annotated
    ocr: bool = False  # read by OCR from a scanned page
    # Set when the text alone did not fix the value and the format's arithmetic did (a degraded
    # copy: digits run together, identical lines merged, a number split over lines): how, in Chinese.
    inferred: str | None = None

    @property
    def flagged(self) -> bool:
        return self.status in ("blank", "dash")


@dataclass(slots=True)
class Evidence:
    """One reading of a report's agency, year, title or publication fact, and where it came from
    (reader: ``read/meta``). ``weight`` ranks the source (an explicit title line 0.95 … the
    statistics period 0.3); ``chosen`` marks the readings the document took; ``rejected`` those
    that failed the organ-name rule (weight 0)."""

    item: str  # agency | year | title | published_on | written_on | index_no | doc_no | url
    value: object
    source: str  # title | field_title | citation | field_agency | page_title | attachment | file_name | signature | period …
    where: str = ""  # "第3段", "第12行", "网页元数据", "文件名"
    weight: float = 0.0
    chosen: bool = False
    rejected: bool = False

    def to_dict(self) -> dict:
        value = self.value.isoformat() if isinstance(self.value, date) else self.value
        return {"item": self.item, "value": value, "source": self.source, "where": self.where,
                "weight": self.weight, "chosen": self.chosen, "rejected": self.rejected}


@dataclass
class ReportDocument:
    format: str = f21.FORMAT_2021
    agency: str | None = None
    year: int | None = None
    published_on: date | None = None
    title: str | None = None
    sections: dict[str, str] = field(default_factory=dict)
    cells: dict[str, Cell] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # reader remarks (noise skipped, OCR used …)
    source_kind: str | None = None  # text | html | docx | markdown | pdf | xlsx | ocr
    # Publication facts the page or document prints (条例第四十九条: the report's publication date
    # decides W-DEADLINE). written_on is the 成文日期 — the field, or else the signature's date.
    written_on: date | None = None
    index_no: str | None = None  # 索引号
    doc_no: str | None = None  # 文号
    url: str | None = None  # the original page's address
    agency_normalised: str | None = None  # the agency in the 行政区划 list's spelling, when it knows the area
    evidence: list[Evidence] = field(default_factory=list)  # every reading of the facts above (read/meta)
    meta_confidence: dict[str, float] = field(default_factory=dict)  # agency/year: 1 − Π(1 − weight) of the chosen readings
    # Cells the reader could not fix: several readings of a degraded copy satisfy every rule of
    # the format (or none does). path -> why, in Chinese. Such cells stay out of ``cells``.
    undetermined: dict[str, str] = field(default_factory=dict)
    # The evidence that decided ``format`` (table 二's columns, table 三's （六）rows …), in Chinese.
    format_signals: list[str] = field(default_factory=list)

    # -- access -----------------------------------------------------------------------
    def value(self, path: str) -> Number | None:
        cell = self.cells.get(path)
        return None if cell is None else cell.value

    def __getitem__(self, path: str) -> Number:
        return self.cells[path].value

    def set(self, path: str, value: Number, **kw) -> None:
        self.cells[path] = Cell(value, **kw)

    def paths(self) -> tuple[str, ...]:
        return expected_paths(self.format)

    def missing(self) -> list[str]:
        return [p for p in self.paths() if p not in self.cells]

    def inferred(self) -> list[str]:
        """Cells whose value the format's arithmetic fixed, not the text alone."""
        return [p for p, c in self.cells.items() if c.inferred]

    @property
    def ocr(self) -> bool:
        return any(c.ocr for c in self.cells.values())

    # -- comparison -------------------------------------------------------------------
    def values(self) -> dict:
        """Everything a round trip must preserve: metadata, section text and cell values."""
        return {
            "format": self.format,
            "agency": self.agency,
            "year": self.year,
            "sections": {k: _squash(v) for k, v in self.sections.items() if k in f21.SECTION_KEYS and _squash(v)},
            "cells": {p: c.value for p, c in self.cells.items()},
        }

    # -- the spec §6 JSON contract ------------------------------------------------------
    def to_dict(self, *, with_sources: bool = False) -> dict:
        out: dict = {
            "format": self.format,
            "agency": self.agency,
            "year": self.year,
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "title": self.title,
            "sections": {k: self.sections.get(k, "") for k in f21.SECTION_KEYS},
        }
        for key in _FACTS:  # only when known: the spec §6 keys above stay as they were
            value = getattr(self, key)
            if value is not None:
                out[key] = value.isoformat() if isinstance(value, date) else value
        for path, cell in self.cells.items():
            node = out
            *parents, leaf = path.split(".")
            for part in parents:
                node = node.setdefault(part, {})
            node[leaf] = _json_value(cell.value)
        if with_sources:
            out["cell_sources"] = {
                p: {"raw": c.raw, "source": c.source, "status": c.status, "ocr": c.ocr}
                | ({"inferred": c.inferred} if c.inferred else {})
                for p, c in self.cells.items()
            }
            if self.evidence:
                out["meta_sources"] = [e.to_dict() for e in self.evidence]
                out["meta_confidence"] = dict(self.meta_confidence)
            if self.format_signals:
                out["format_signals"] = list(self.format_signals)
        if self.undetermined:
            out["undetermined"] = dict(self.undetermined)
        if self.notes:
            out["notes"] = list(self.notes)
        return out

    def to_json(self, **kw) -> str:
        return json.dumps(self.to_dict(**kw), ensure_ascii=False, indent=2)

    @classmethod
    def from_dict(cls, data: dict) -> "ReportDocument":
        doc = cls(
            format=str(data.get("format") or f21.FORMAT_2021),
            agency=data.get("agency"),
            year=data.get("year"),
            published_on=date.fromisoformat(data["published_on"]) if data.get("published_on") else None,
            title=data.get("title"),
            sections={k: v for k, v in (data.get("sections") or {}).items() if v},
        )
        for key in _FACTS:  # facts the reader found; one it cannot parse is dropped, never fatal
            value = data.get(key)
            if value and key == "written_on":
                try:
                    doc.written_on = date.fromisoformat(str(value))
                except ValueError:
                    pass
            elif value:
                setattr(doc, key, str(value))
        sources = data.get("cell_sources") or {}
        decimals = f21.DECIMAL_PATHS | f19.DECIMAL_PATHS_2019
        for path in expected_paths(doc.format):
            node = data
            for part in path.split("."):
                node = node.get(part) if isinstance(node, dict) else None
            if node is None:
                continue
            value: Number = Decimal(str(node)) if path in decimals else int(node)
            src = sources.get(path) or {}
            doc.cells[path] = Cell(value, src.get("raw"), src.get("source"), src.get("status", "ok"), src.get("ocr", False),
                                   src.get("inferred"))
        doc.undetermined = {str(k): str(v) for k, v in (data.get("undetermined") or {}).items()}
        doc.format_signals = [str(s) for s in data.get("format_signals") or ()]
        return doc


_FACTS = ("written_on", "index_no", "doc_no", "url", "agency_normalised")


def _json_value(value: Number):
    return str(value) if isinstance(value, Decimal) else value


def _squash(text: str) -> str:
    return "".join(text.split())


def expected_paths(fmt: str) -> tuple[str, ...]:
    if fmt == f21.FORMAT_2019:
        return f19.ALL_PATHS_2019
    if fmt == f21.FORMAT_PRE2019:
        return ()
    return f21.ALL_PATHS_2021


def is_decimal_path(path: str) -> bool:
    return path in f21.DECIMAL_PATHS or path in f19.DECIMAL_PATHS_2019
