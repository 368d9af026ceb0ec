"""Property tests (hypothesis): consistent documents pass the table rules; one planted change is
flagged by exactly the rules whose formulas it breaks. The expected rules are computed here from
the formulas of spec §8.1–§8.3, not by calling the checker."""
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zfxxgk.reports.check import check
from zfxxgk.reports.model import Cell, ReportDocument
from zfxxgk.standard import format2021 as f21

from checkdocs import APPLICANTS, COLUMNS, make_doc

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
count = st.one_of(st.just(0), st.just(0), st.integers(0, 9), st.integers(0, 40))


@st.composite
def consistent_docs(draw):
    leaves = {col: draw(st.dictionaries(st.sampled_from(f21.LEAF_KEYS), count, max_size=5)) for col in APPLICANTS}
    carried_forward = {col: draw(count) for col in APPLICANTS}
    # R02 may be anything up to what the column handled, so R01 = R24 + R25 − R02 ≥ 0
    carried_over = {col: draw(st.integers(0, sum(leaves[col].values()) + carried_forward[col])) for col in APPLICANTS}
    appeals = {g: tuple(draw(count) for _ in range(4)) for g, _ in f21.APPEAL_GROUPS}
    active = {}
    for item in ("regulations", "normative_documents"):
        made, repealed = draw(count), draw(count)
        active[f"active.{item}.made"] = made
        active[f"active.{item}.repealed"] = repealed
        active[f"active.{item}.in_force"] = max(0, made - repealed) + draw(count)
    for item in ("licensing", "penalty", "coercion"):
        active[f"active.{item}"] = draw(count)
    active["active.fees_wan_yuan"] = draw(st.decimals(min_value=0, max_value=500, places=2))
    return make_doc(leaves=leaves, carried_over=carried_over, carried_forward=carried_forward,
                    appeals=appeals, active=active)


def _splits(values):
    for i in range(6):
        a, b = values[i], values[i + 1]
        if 1 <= a <= 9 and 0 <= b <= 9:
            merged = values[:i] + [10 * a + b] + values[i + 2:]
            if sum(merged[:-1]) == merged[-1]:
                return True
    return False


def broken_rules(v: dict) -> set[str]:
    """The table rules a set of 2021-format values violates, straight from the formulas."""
    out = set()
    t3 = lambda r, c: v[f"requests.{r}.{c}"]  # noqa: E731
    for c in COLUMNS:
        if t3("new_received", c) + t3("carried_over", c) != t3("total", c) + t3("carried_forward", c):
            out.add("T3-BAL")
        if t3("total", c) != sum(t3(r, c) for r in f21.LEAF_KEYS):
            out.add("T3-LEAFSUM")
        if t3("carried_forward", c) > t3("new_received", c) + t3("carried_over", c):
            out.add("T3-CF-BOUND")
    for r in f21.ROW_KEYS:
        row = [t3(r, c) for c in COLUMNS]
        if sum(row[:6]) != row[6]:
            out.add("T3-ROWSUM")
            if _splits(row):
                out.add("T3-SPLIT")
    if any(x < 0 for p, x in v.items() if p.startswith("requests.")):
        out.add("T3-NONNEG")
    for g, _ in f21.APPEAL_GROUPS:
        if sum(v[f"appeals.{g}.{m}"] for m in f21.APPEAL_PARTS) != v[f"appeals.{g}.total"]:
            out.add("T4-SUM-G")
    if any(x < 0 for p, x in v.items() if p.startswith("appeals.")):
        out.add("T4-NONNEG")
    if any(x < 0 for p, x in v.items() if p.startswith("active.")):
        out.add("T2-NONNEG")
    for item in ("regulations", "normative_documents"):
        if v[f"active.{item}.in_force"] < v[f"active.{item}.made"] - v[f"active.{item}.repealed"]:
            out.add("T2-INFORCE-LB")
    return out


def _serious(findings) -> set[str]:
    return {f.rule for f in findings if f.severity in ("error", "warning")}


@SETTINGS
@given(consistent_docs())
def test_consistent_documents_pass(doc):
    values = {p: c.value for p, c in doc.cells.items()}
    assert broken_rules(values) == set()  # the builder really is consistent
    assert _serious(check(doc)) == set()


@SETTINGS
@given(consistent_docs(), st.sampled_from(f21.ALL_PATHS_2021), st.sampled_from([1, 2, 7, 10, -1]))
def test_one_planted_change_is_flagged_by_exactly_the_broken_rules(doc, path, delta):
    cell = doc.cells[path]
    new = cell.value + (Decimal(delta) if isinstance(cell.value, Decimal) else delta)
    doc.cells[path] = Cell(new, raw=str(new), source="测试")
    values = {p: c.value for p, c in doc.cells.items()}
    expected = broken_rules(values)
    findings = check(doc)
    assert _serious(findings) == expected
    # an error names the planted cell (T3-SPLIT may point at its neighbour pair instead)
    for f in findings:
        if f.severity == "error":
            assert path in f.cells, (f.rule, path)


@SETTINGS
@given(consistent_docs(), st.sampled_from([p for p in f21.ALL_PATHS_2021 if p.startswith(("requests.", "appeals."))]))
def test_planted_change_through_a_blank_cell_is_never_an_error(doc, path):
    # the cell was printed blank (0) but the rest of the table counts it as 3
    doc.cells[path] = Cell(0, raw="", status="blank")
    findings = check(doc)
    broken = broken_rules({p: c.value for p, c in doc.cells.items()})
    for f in findings:
        if f.rule in broken and path in f.cells:
            assert f.severity != "error" and f.message.endswith("（含空白单元格，按0计）")
    assert ("W-BLANK" in _serious(findings))


_text = st.text(alphabet="，。；：、0123456789０１２３年月日件条共累计收到申请结转下年度办结答复行政复议诉讼未无我局所有均已信息处理费收费通知统计期限至国务院令第492号711",
                max_size=120)


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(st.sampled_from(f21.ALL_PATHS_2021), st.tuples(st.integers(-3, 30), st.sampled_from(["ok", "blank", "dash", "annotated"])), max_size=60),
    st.dictionaries(st.sampled_from(("preamble",) + f21.SECTION_KEYS), _text, max_size=7),
    st.sampled_from(["2021", "2019", "pre2019"]),
    st.one_of(st.none(), st.integers(2015, 2030)),
)
def test_checker_never_raises_on_partial_documents(cells, sections, fmt, year):
    doc = ReportDocument(format=fmt, year=year, sections=sections, agency="某某局")
    for path, (value, status) in cells.items():
        doc.cells[path] = Cell(Decimal(value) if path == "active.fees_wan_yuan" else value, status=status)
    previous = ReportDocument(format="2021", year=(year or 2020) - 1, sections=dict(sections))
    findings = check(doc, previous)
    assert not any("执行出错" in f.message for f in findings)
    assert all(f.severity in ("error", "warning", "info") for f in findings)
