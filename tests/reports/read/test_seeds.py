"""Every seed (a real published report) reads back exactly: every cell, agency, year, sections."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from zfxxgk.reports.read import read

SEEDS = sorted((Path(__file__).parents[2] / "fixtures" / "seeds").glob("*.txt"))


def test_there_are_five_seeds():
    assert len(SEEDS) == 5


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_reads_back_exactly(path: Path):
    expected = json.loads((path.parents[1] / "seeds-expected" / f"{path.stem}.expected.json").read_text("utf-8"))
    doc = read(path)
    got = doc.to_dict()
    assert got["agency"] == expected["agency"]
    assert got["year"] == expected["year"]
    assert got["format"] == expected["format"] == "2021"
    assert doc.missing() == []
    for table in ("active", "requests", "appeals"):
        assert got[table] == expected[table], table
    for key, text in expected["sections"].items():
        assert "".join(got["sections"][key].split()) == "".join(text.split()), key


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_cells_remember_where_they_came_from(path: Path):
    doc = read(path)
    for cell in doc.cells.values():
        assert cell.raw is not None and cell.source and cell.source.startswith("第")
