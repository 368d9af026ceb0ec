"""The comparison page counts, for an agency counted live, only the cells a comparison reads
(tally.totals_by_agency: the 总计 column of table 三 and table 四) — the same numbers as the full count."""
from __future__ import annotations

import pytest

from zfxxgk.cases import tally
from zfxxgk.oversight import totals

from oversight import test_dashboard_helpers
from oversight.test_dashboard_helpers import YEAR

pytestmark = pytest.mark.django_db
world = test_dashboard_helpers.world


def test_every_cell_a_comparison_reads_is_counted():
    read = {p for p, _ in totals.KEY_ROWS} | set(totals._RATE_PATHS)
    assert read <= set(tally.TOTAL_PATHS)


@pytest.mark.parametrize("year", [YEAR, YEAR - 1])
def test_the_totals_are_those_of_the_full_count(world, year):
    ids = [a.pk for a in totals.county_agencies(world.county)]
    full = tally.tables_by_agency(ids, year)
    alone = tally.totals_by_agency(ids, year)
    assert alone == {i: {p: full[i][p] for p in tally.TOTAL_PATHS} for i in ids}
    assert year != YEAR or any(cells["requests.total.total"] for cells in alone.values())  # not zeros only


def test_the_comparison_of_live_agencies_is_unchanged(world, django_assert_max_num_queries):
    agencies = totals.county_agencies(world.county)
    counted = totals.county_figures(agencies, [YEAR, YEAR - 1])
    now, before = counted.by_year[YEAR], counted.by_year[YEAR - 1]
    with django_assert_max_num_queries(8):  # per year: the county's sums (2) and the agencies' totals (2)
        narrow = totals.compare(now, before, world.county.name, YEAR)
    assert not any("by_agency" in vars(f.cells.live) for f in now + before if isinstance(f.cells, totals.LiveCells))
    full = [totals.compare_cells(f.name, YEAR, dict(f.cells), dict(p.cells)) for f, p in zip(now, before)]
    assert [[(d.now, d.before) for d in c.deltas] for c in narrow[1:]] == [[(d.now, d.before) for d in c.deltas] for c in full]
