"""The national annual-report format as data (no I/O, no Django)."""
from .format2019 import ACTIVE_ITEMS_2019, ALL_PATHS_2019, ROW_KEYS_2019
from .format2021 import (
    ACTIVE_ITEMS, ALL_PATHS_2021, APPEAL_GROUPS, APPEAL_MEASURES, COLUMN_KEYS, FORMAT_2019,
    FORMAT_2021, FORMAT_PRE2019, LEAF_KEYS, REQUEST_COLUMNS, REQUEST_ROWS, ROW_KEYS, SECTIONS,
)
from .labels import norm, parse_number, strip_enum

__all__ = [
    "ACTIVE_ITEMS", "ACTIVE_ITEMS_2019", "ALL_PATHS_2019", "ALL_PATHS_2021", "APPEAL_GROUPS",
    "APPEAL_MEASURES", "COLUMN_KEYS", "FORMAT_2019", "FORMAT_2021", "FORMAT_PRE2019", "LEAF_KEYS",
    "REQUEST_COLUMNS", "REQUEST_ROWS", "ROW_KEYS", "ROW_KEYS_2019", "SECTIONS", "norm",
    "parse_number", "strip_enum",
]
