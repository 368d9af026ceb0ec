"""答复告知书 (条例第三十六条至第三十九条): the wording per outcome is :mod:`zfxxgk.cases.letters` (with
:mod:`zfxxgk.cases.letter_texts`), in the same letter layout as every other notice."""
from __future__ import annotations

from ..letters import LetterData, paragraphs

__all__ = ["LetterData", "paragraphs"]
