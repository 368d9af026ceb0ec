"""Tables 三 and 四 of a report as 190 numbers in the format's order, stored beside the JSON they come from.

The supervisor's dashboard sums hundreds of reports per view (bench/annual.py: 500 agencies), and
decoding each draft's figures (every cell with its source) or each version's document (tables,
sections, sources) was most of its time. So :class:`~zfxxgk.annual.models.AnnualReport` and
:class:`~zfxxgk.annual.models.Version` also keep, in ``tables``, their tables 三 and 四 as one JSON list
in the order of :data:`TABLE_PATHS` (None where a cell is missing; a non-integer as its text),
recomputed from the figures or the document at every save. A list that does not fit (another
length: the format's paths changed, or a row written past ``save()``) is not used: :func:`unpack`
returns None and the reader falls back to the JSON it was made from.
"""
from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal

from ..reports.model import ReportDocument
from ..standard import format2021 as f21

log = logging.getLogger(__name__)

TABLE_PATHS: tuple[str, ...] = f21.request_paths() + f21.appeal_paths()
_PATHS = frozenset(TABLE_PATHS)


def _tree(paths) -> tuple:
    """((table, ((row, ((column, path), …)), …)), …): the paths as the tree a stored document holds them in."""
    tree: dict[str, dict[str, list]] = {}
    for path in paths:
        table, row, column = path.split(".")
        tree.setdefault(table, {}).setdefault(row, []).append((column, path))
    return tuple((table, tuple((row, tuple(columns)) for row, columns in rows.items())) for table, rows in tree.items())


_TABLE_TREE = _tree(TABLE_PATHS)


def _number(value) -> int | Decimal | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        try:
            return Decimal(str(value))
        except ArithmeticError:
            return None


# --- from the JSON -----------------------------------------------------------------------------------

def from_document(data: dict | None) -> dict[str, int | Decimal]:
    """Tables 三 and 四 of a stored spec §6 document (missing cells left out).

    A format-2021 document is read straight from its JSON, the 190 cells only (what
    :meth:`ReportDocument.from_dict` would give for them, and {} where it would fail); other
    formats through ReportDocument."""
    if not data:
        return {}
    try:
        if str(data.get("format") or f21.FORMAT_2021) == f21.FORMAT_2021:
            return _table_cells(data)
        doc = ReportDocument.from_dict(data)
    except (TypeError, ValueError, ArithmeticError, AttributeError) as exc:
        log.warning("annual: unreadable stored document left out: %s", exc)
        return {}
    return {p: c.value for p, c in doc.cells.items() if p in _PATHS}


def _table_cells(data: dict) -> dict[str, int]:
    if data.get("published_on"):
        date.fromisoformat(data["published_on"])  # as from_dict: a bad date makes the document unreadable
    out = {}
    for table, rows in _TABLE_TREE:
        nodes = data.get(table)
        if not isinstance(nodes, dict):
            continue
        for row, columns in rows:
            node = nodes.get(row)
            if not isinstance(node, dict):
                continue
            for column, path in columns:
                value = node.get(column)
                if value is not None:
                    out[path] = value if type(value) is int else int(value)
    return out


def from_draft(figures: dict | None) -> dict[str, int | Decimal]:
    """Tables 三 and 四 of an AnnualReport's ``figures`` ({path: {"value": …}}): the 190 paths looked
    up (a draft holds table 二 and more besides), a plain integer taken as it is."""
    out = {}
    if not figures or not isinstance(figures, dict):
        return out
    get = figures.get
    for path in TABLE_PATHS:
        entry = get(path)
        if entry is None:
            continue
        value = entry.get("value") if isinstance(entry, dict) else entry
        if type(value) is not int:
            value = _number(value)
            if value is None:
                continue
        out[path] = value
    return out


# --- the compact list ----------------------------------------------------------------------------------

def pack(cells: dict) -> list:
    """The cells in TABLE_PATHS order: an int as it is, another number as its text, None if missing."""
    out = []
    for path in TABLE_PATHS:
        value = cells.get(path)
        out.append(value if value is None or type(value) is int else str(value))
    return out


def unpack(packed) -> dict[str, int | Decimal] | None:
    """The cells of a list :func:`pack` made; None when ``packed`` does not fit TABLE_PATHS."""
    if not isinstance(packed, list) or len(packed) != len(TABLE_PATHS):
        return None
    out = {}
    for path, value in zip(TABLE_PATHS, packed):
        if value is None:
            continue
        if type(value) is not int:
            value = _number(value)
            if value is None:
                return None
        out[path] = value
    return out
