"""The view of a document the rules work on: cells by path, format-dependent row lists,
and the narrative normalised once (NFKC, no whitespace inside a line)."""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cached_property

from ...standard import format2019 as f19
from ...standard import format2021 as f21
from ...standard.labels import strip_noise
from ..model import Cell, ReportDocument, expected_paths

SECTION_ORDER = ("preamble",) + f21.SECTION_KEYS
_SPACES = re.compile(r"\s+")
# NFKC turns full-width ，；：（） into , ; : ( ) but keeps 。、〔〕 — regexes below rely on it.
_SENTENCE_END = re.compile(r"(?<=[。!?;\n])")


def normalise(text: str | None) -> str:
    """NFKC, Word noise removed, whitespace removed inside lines ("2024 年" → "2024年")."""
    text = unicodedata.normalize("NFKC", strip_noise(text or ""))
    lines = (_SPACES.sub("", line) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


_DISPLAY = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})


def display(text: str, limit: int = 60) -> str:
    """Normalised text as quoted in a message: full-width punctuation again, cut at ``limit``."""
    text = text.strip().replace("\n", " ").translate(_DISPLAY)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def sentences(text: str) -> list[str]:
    """Split normalised text after 。!?; and line ends; keeps the terminator."""
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


class Context:
    def __init__(self, doc: ReportDocument, previous: ReportDocument | None = None,
                 published_on: date | None = None, *, siblings=()):
        self.doc = doc
        self.previous = previous
        self.siblings: tuple[ReportDocument, ...] = tuple(siblings)  # other agencies, same year
        self.published_on = published_on or doc.published_on
        self.fmt = doc.format
        self.year = doc.year
        self._memo: dict = {}

    def memo(self, key: str, compute):
        """Results shared by several rules (e.g. the rows T3-COMPLETE takes over)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    # -- cells --------------------------------------------------------------------------
    def cell(self, path: str) -> Cell | None:
        return self.doc.cells.get(path)

    def cells(self, paths) -> list[Cell] | None:
        """All cells of ``paths``, or None when one is missing (the formula is then skipped;
        MISSING reports the gap)."""
        out = [self.doc.cells.get(p) for p in paths]
        return None if any(c is None for c in out) else out

    def unbalanced(self, paths) -> tuple[list[Cell], list, object] | None:
        """For a row whose last path is the total of the others: (cells, parts, total) when the parts
        do not add up, None when they do or a cell is missing."""
        cells = self.cells(paths)
        if cells is None:
            return None
        parts = [c.value for c in cells[:-1]]
        total = cells[-1].value
        return None if sum(parts) == total else (cells, parts, total)

    def value(self, path: str):
        cell = self.doc.cells.get(path)
        return None if cell is None else cell.value

    @property
    def has_tables(self) -> bool:
        # pre-2019 reports have no standard tables (spec §9.3): no table rules apply
        return self.fmt in (f21.FORMAT_2021, f21.FORMAT_2019)

    @cached_property
    def expected(self) -> tuple[str, ...]:
        return expected_paths(self.fmt)

    @property
    def row_keys(self) -> tuple[str, ...]:
        return f19.ROW_KEYS_2019 if self.fmt == f21.FORMAT_2019 else f21.ROW_KEYS

    @property
    def leaf_keys(self) -> tuple[str, ...]:
        # 2021: R03–R23 (21 leaves); 2019 试行: R03–R20 plus （六）其他处理 (spec §9.1)
        return f19.LEAF_KEYS_2019 if self.fmt == f21.FORMAT_2019 else f21.LEAF_KEYS

    @property
    def is_government(self) -> bool:
        """The 本级政府 report (第四十九条第二款), told by the agency name."""
        name = normalise(self.doc.agency or "")
        return name.endswith("人民政府") or name.endswith(("政府办公室", "政府办公厅"))

    # -- narrative ----------------------------------------------------------------------
    @cached_property
    def texts(self) -> dict[str, str]:
        return {k: normalise(self.doc.sections.get(k)) for k in SECTION_ORDER if self.doc.sections.get(k)}

    def text(self, key: str) -> str:
        return self.texts.get(key, "")

    @cached_property
    def full_text(self) -> str:
        return "\n".join(self.texts[k] for k in SECTION_ORDER if k in self.texts)

    def section_sentences(self):
        """(section key, sentence) over the whole narrative in reading order."""
        for key in SECTION_ORDER:
            for sent in sentences(self.texts.get(key, "")):
                yield key, sent

    @cached_property
    def agency_norm(self) -> str:
        return normalise(self.doc.agency or "")
