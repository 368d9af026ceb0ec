"""The registry of 规章 and 行政规范性文件: the services' checks and table 二 第（一）项.

table2 is compared with a count done by hand for a registry written out below over 2021–2025
(the reasoning next to each document), and, over random registries, the table-二 rules of spec §8.3
(T2-NONNEG, T2-INFORCE-LB, T2-ROLL) are run through the real checker on documents built from
its figures: they hold by construction of the counting rules (publishing.registry's docstring).
"""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zfxxgk.publishing import registry
from zfxxgk.publishing.models import DocKind, DocStatus, NormativeDocument
from zfxxgk.publishing.registry import RegistryError
from zfxxgk.reports import check as checker
from zfxxgk.reports.model import Cell, ReportDocument

N, R = DocKind.NORMATIVE, DocKind.REGULATION


def doc(agency, number, issued, *, kind=N, repealed=None, expires=None, effective=None):
    return NormativeDocument.objects.create(agency=agency, kind=kind, doc_number=number, title=f"文件{number}",
                                            issued_on=issued, repealed_on=repealed, expires_on=expires, effective_on=effective)


def counts(made_r, repealed_r, in_force_r, made_n, repealed_n, in_force_n) -> dict[str, int]:
    return {"active.regulations.made": made_r, "active.regulations.repealed": repealed_r, "active.regulations.in_force": in_force_r,
            "active.normative_documents.made": made_n, "active.normative_documents.repealed": repealed_n,
            "active.normative_documents.in_force": in_force_n}


# --- a registry counted by hand ---------------------------------------------------------------------

@pytest.fixture
def written_out(agency, other_agency):
    d = date
    doc(agency, "N1", d(2022, 3, 1))                                        # in force throughout
    doc(agency, "N2", d(2022, 6, 15), repealed=d(2023, 5, 10))              # an older document repealed in 2023
    doc(agency, "N3", d(2023, 2, 1), repealed=d(2023, 11, 30))              # issued and repealed in 2023
    doc(agency, "N4", d(2023, 12, 31))                                      # issued on 31 December
    doc(agency, "N5", d(2022, 1, 1), expires=d(2024, 1, 1))                 # lapses on 1 January 2024
    doc(agency, "N6", d(2024, 4, 1), expires=d(2024, 12, 31))               # issued and lapsed in 2024, on 31 December
    doc(agency, "N7", d(2024, 7, 1), effective=d(2025, 1, 1))               # 施行 next year: in force at the end of 2024 all the same
    doc(agency, "N8", d(2021, 5, 5), repealed=d(2025, 3, 1), expires=d(2026, 5, 5))   # repealed before it would lapse
    doc(agency, "N9", d(2025, 12, 31))                                      # issued on 31 December
    doc(agency, "N10", d(2022, 9, 9), repealed=d(2024, 12, 31), expires=d(2024, 6, 30))  # lapsed first: ended once, 2024-06-30
    doc(agency, "R1", d(2023, 8, 8), kind=R)
    doc(agency, "R2", d(2024, 1, 1), kind=R, repealed=d(2025, 1, 1))
    doc(other_agency, "N1", d(2023, 1, 1))                                  # another agency's: never counted here
    return agency


HAND_COUNT = {
    # year: 规章 (made, repealed, in force), 规范性文件 (made, repealed, in force)
    2020: counts(0, 0, 0, 0, 0, 0),
    2021: counts(0, 0, 0, 1, 0, 1),      # N8
    2022: counts(0, 0, 0, 4, 0, 5),      # made N1 N2 N5 N10; in force those and N8
    2023: counts(1, 0, 1, 2, 2, 5),      # R1; made N3 N4, ended N2 N3; in force N1 N4 N5 N8 N10
    2024: counts(1, 0, 2, 2, 3, 4),      # R2; made N6 N7, ended N5 N6 N10; in force N1 N4 N7 N8
    2025: counts(0, 1, 1, 1, 1, 4),      # R2 repealed 1 Jan; made N9, ended N8; in force N1 N4 N7 N9
}


@pytest.mark.parametrize("year", sorted(HAND_COUNT))
def test_table2_is_the_count_by_hand(written_out, year):
    assert registry.table2(written_out, year) == HAND_COUNT[year]


def test_table2_paths_are_the_formats_in_its_order(written_out):
    assert list(registry.table2(written_out, 2024)) == list(registry.PATHS) == [
        f"active.{item}.{m}" for item in ("regulations", "normative_documents") for m in ("made", "repealed", "in_force")]


def test_the_hand_count_rolls_over_and_passes_the_checker(written_out):
    years = sorted(HAND_COUNT)
    for before, year in zip(years, years[1:]):
        for item in ("regulations", "normative_documents"):
            now, last = HAND_COUNT[year], HAND_COUNT[before]
            assert now[f"active.{item}.in_force"] == (last[f"active.{item}.in_force"] + now[f"active.{item}.made"]
                                                      - now[f"active.{item}.repealed"])
    assert t2_findings(written_out, years) == []


def test_in_use_once_a_document_is_issued_by_the_years_end(written_out, agency):
    assert not registry.in_use(agency, 2020)
    assert registry.in_use(agency, 2021) and registry.in_use(agency, 2030)


@pytest.mark.parametrize("day", [date(2022, 1, 1), date(2023, 5, 10), date(2023, 12, 31), date(2024, 6, 30),
                                 date(2024, 7, 1), date(2024, 12, 31), date(2025, 1, 1), date(2025, 6, 30)])
def test_the_status_filter_agrees_with_the_models_status(written_out, day):
    rows = list(registry.documents(written_out))
    for status in DocStatus.values:
        got = set(registry.documents(written_out).filter(registry.status_filter(day, status)).values_list("doc_number", flat=True))
        assert got == {d.doc_number for d in rows if d.status_on(day) == status}, status


# --- the checker over random registries ----------------------------------------------------------

YEARS = range(2019, 2026)
FIRST, LAST = date(2018, 1, 1), date(2025, 12, 31)
EDGES = [date(y, m, d) for y in YEARS for m, d in ((1, 1), (12, 31))]
days = st.one_of(st.dates(FIRST, LAST), st.sampled_from(EDGES))
later = st.one_of(st.none(), st.integers(0, 1500), st.sampled_from((0, 1)))
documents = st.lists(st.tuples(st.sampled_from((N, R)), days, later, later, later), min_size=0, max_size=30)


def _after(day: date, delay) -> date | None:
    return None if delay is None else day + timedelta(days=delay)


def t2_findings(agency, years) -> list[str]:
    """T2-NONNEG, T2-INFORCE-LB and T2-ROLL of each year's table 二 第（一）项 against the year before,
    through zfxxgk.reports.check."""
    rules = [checker.RULE_BY_ID[r] for r in ("T2-NONNEG", "T2-INFORCE-LB", "T2-ROLL")]
    out, previous = [], None
    for year in years:
        doc_y = ReportDocument(agency=agency.name, year=year,
                               cells={p: Cell(v) for p, v in registry.table2(agency, year).items()})
        out += [f"{year} {f.rule} {f.message}" for f in checker.check(doc_y, previous, rules=rules)]
        previous = doc_y
    return out


def oracle(specs, year: int) -> dict[str, int]:
    """Table 二 第（一）项 counted one document at a time from the rules (registry's docstring)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    out = dict.fromkeys(registry.PATHS, 0)
    for kind, issued, repealed, expires, _ in specs:
        item = registry.ITEM_OF_KIND[kind]
        ended = min([d for d in (repealed, expires) if d], default=None)
        if start <= issued <= end:
            out[f"active.{item}.made"] += 1
        if ended and start <= ended <= end:
            out[f"active.{item}.repealed"] += 1
        if issued <= end and (ended is None or ended > end):
            out[f"active.{item}.in_force"] += 1
    return out


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents)
def test_random_registries_satisfy_the_table2_rules(agency, specs):
    with transaction.atomic():
        planted = []
        for i, (kind, issued, repeal_after, expire_after, effective_after) in enumerate(specs):
            repealed, expires = _after(issued, repeal_after), _after(issued, expire_after)
            doc(agency, f"P{i}", issued, kind=kind, repealed=repealed, expires=expires, effective=_after(issued, effective_after))
            planted.append((kind, issued, repealed, expires, None))
        for year in YEARS:
            assert registry.table2(agency, year) == oracle(planted, year), year
        assert t2_findings(agency, YEARS) == []
        transaction.set_rollback(True)


def test_counting_only_repeals_would_break_the_roll(written_out):
    """Why 失效 is counted with 废止: without it a lapse (N5, N6, N10 in 2024) is an unexplained change."""
    rules = [checker.RULE_BY_ID["T2-ROLL"]]
    before = ReportDocument(year=2023, cells={p: Cell(v) for p, v in registry.table2(written_out, 2023).items()})
    figures = registry.table2(written_out, 2024) | {"active.normative_documents.repealed": 0}  # N10 was also repealed, but after it lapsed
    after = ReportDocument(year=2024, cells={p: Cell(v) for p, v in figures.items()})
    assert [f.rule for f in checker.check(after, before, rules=rules)] == ["T2-ROLL"]


# --- the services -------------------------------------------------------------------------------------

@pytest.fixture
def registered(agency, clerk, clock):
    return registry.create(agency, clerk, kind=N, doc_number="湘司发 [2024] 3号", title="关于规范行政执法的若干规定",
                           issued_on=date(2024, 3, 15), effective_on=date(2024, 4, 15), note="有效期5年")


def test_create_cleans_the_doc_number_and_keeps_the_fields(registered, agency):
    doc_ = NormativeDocument.objects.get(pk=registered.pk)
    assert (doc_.agency, doc_.kind, doc_.doc_number, doc_.title) == (agency, N, "湘司发〔2024〕3号", "关于规范行政执法的若干规定")
    assert (doc_.issued_on, doc_.effective_on, doc_.repealed_on, doc_.expires_on) == (date(2024, 3, 15), date(2024, 4, 15), None, None)


@pytest.mark.parametrize("number", ["湘司发〔2024〕3号", "湘司发【2024】3号", "湘司发［2024］3号", " 湘司发(2024)3号 "])
def test_a_doc_number_is_registered_once_per_agency(registered, agency, other_agency, clerk, outsider, number):
    with pytest.raises(RegistryError, match="本机关已登记文号为“湘司发〔2024〕3号”的文件") as err:
        registry.create(agency, clerk, doc_number=number, title="另一份", issued_on=date(2024, 5, 1))
    assert err.value.status == 409
    registry.create(other_agency, outsider, doc_number=number, title="他机关同文号", issued_on=date(2024, 5, 1))  # another agency's own


@pytest.mark.parametrize(("fields", "message"), [
    ({"doc_number": "  "}, "请填写文号"),
    ({"title": ""}, "请填写标题"),
    ({"title": "标" * 201}, "“标题”不能超过200个字"),
    ({"issued_on": None}, "请填写制发日期"),
    ({"issued_on": "2024-13-01"}, "“制发日期”应为日期"),
    ({"issued_on": date(2025, 7, 1)}, "制发日期不能晚于今天（2025-06-30）"),
    ({"issued_on": date(202, 1, 1)}, "请检查年份"),
    ({"effective_on": date(2024, 3, 14)}, "施行日期（2024-03-14）不能早于制发日期（2024-03-15）"),
    ({"repealed_on": date(2024, 1, 1)}, "废止日期（2024-01-01）不能早于制发日期"),
    ({"expires_on": date(2023, 1, 1)}, "失效日期（2023-01-01）不能早于制发日期"),
    ({"kind": "law"}, "类别只能是“规章”或“行政规范性文件”"),
    ({"title": "含有\u202e控制符"}, "改变文字显示方向的控制符"),
])
def test_bad_input_is_refused_in_chinese_and_nothing_is_written(agency, clerk, clock, fields, message):
    values = {"kind": N, "doc_number": "湘司发〔2024〕9号", "title": "一份文件", "issued_on": date(2024, 3, 15)} | fields
    with pytest.raises(RegistryError, match=message.replace("(", r"\(").replace(")", r"\)")) as err:
        registry.create(agency, clerk, **values)
    assert err.value.status == 422
    assert not NormativeDocument.objects.exists()


@pytest.mark.parametrize("who", ["supervisor", "stranger", "outsider"])
def test_only_the_agencys_writers_register(agency, clock, request, who):
    user = request.getfixturevalue(who)
    with pytest.raises(RegistryError, match="没有登记该机关规章和规范性文件的权限") as err:
        registry.create(agency, user, doc_number="湘司发〔2024〕1号", title="一份文件", issued_on=date(2024, 1, 2))
    assert err.value.status == 403 and not NormativeDocument.objects.exists()


@pytest.mark.parametrize("who", ["clerk", "head", "leader"])
def test_clerks_heads_and_leaders_register(agency, clock, request, who):
    registry.create(agency, request.getfixturevalue(who), doc_number="湘司发〔2024〕1号", title="一份文件", issued_on=date(2024, 1, 2))


def test_update_checks_everything_again(registered, clerk, supervisor, agency):
    registry.update(registered, clerk, title="关于规范行政执法的规定（修订）", expires_on=date(2029, 3, 15))
    assert NormativeDocument.objects.get(pk=registered.pk).title.endswith("（修订）") and registered.expires_on == date(2029, 3, 15)
    other = registry.create(agency, clerk, doc_number="湘司发〔2024〕4号", title="第二份", issued_on=date(2024, 4, 1))
    with pytest.raises(RegistryError, match="同一文号只能登记一次"):
        registry.update(other, clerk, doc_number="湘司发[2024]3号")
    with pytest.raises(RegistryError, match="不能早于制发日期"):
        registry.update(registered, clerk, issued_on=date(2024, 5, 1))  # after its 施行日期
    with pytest.raises(RegistryError, match="权限"):
        registry.update(registered, supervisor, title="监督人员改的")
    with pytest.raises(RegistryError, match="不能修改“agency”"):
        registry.update(registered, clerk, agency=agency)
    registered.refresh_from_db()
    assert (registered.issued_on, registered.title) == (date(2024, 3, 15), "关于规范行政执法的规定（修订）")


def test_repeal_and_expire(registered, clerk, agency):
    registry.repeal(registered, clerk, on=date(2025, 6, 1), note="已被新规定替代")
    assert (registered.repealed_on, registered.note, registered.status_on(date(2025, 6, 1))) == (date(2025, 6, 1), "已被新规定替代", DocStatus.REPEALED)
    with pytest.raises(RegistryError, match="已登记于2025-06-01废止"):
        registry.repeal(registered, clerk, on=date(2025, 6, 2))
    with pytest.raises(RegistryError, match="已于2025-06-01废止，无需再登记失效"):
        registry.expire(registered, clerk, on=date(2025, 6, 20))
    lapsing = registry.create(agency, clerk, doc_number="湘司发〔2020〕2号", title="有效期5年的文件", issued_on=date(2020, 3, 1))
    registry.expire(lapsing, clerk, on=date(2025, 3, 1))
    assert lapsing.status_on(date(2025, 3, 1)) == DocStatus.EXPIRED
    with pytest.raises(RegistryError, match="已于2025-03-01失效，不能在2025-04-01再废止"):
        registry.repeal(lapsing, clerk, on=date(2025, 4, 1))
    with pytest.raises(RegistryError, match="废止日期.*不能早于制发日期"):
        registry.repeal(registry.create(agency, clerk, doc_number="x1", title="新文件", issued_on=date(2025, 6, 1)), clerk, on=date(2025, 5, 1))


def test_repeal_is_for_writers_only(registered, supervisor):
    with pytest.raises(RegistryError) as err:
        registry.repeal(registered, supervisor, on=date(2025, 6, 1))
    assert err.value.status == 403
    registered.refresh_from_db()
    assert registered.repealed_on is None


def test_a_publication_of_another_agency_is_refused(agency, other_agency, clerk, clock):
    from zfxxgk.publishing.columns import ensure_catalogue
    from zfxxgk.publishing.models import Publication

    column = ensure_catalogue(other_agency)[0]
    theirs = Publication.objects.create(agency=other_agency, column=column, title="他机关文件", written_on=date(2024, 1, 1))
    with pytest.raises(RegistryError, match="所选的公开信息不属于本机关"):
        registry.create(agency, clerk, doc_number="a", title="b", issued_on=date(2024, 1, 2), publication=theirs)


def test_table2_is_one_query(written_out, django_assert_num_queries):
    with django_assert_num_queries(1):
        registry.table2(written_out, 2024)
