"""Numbering (登记编号): the numbers the platform hands out per agency and year are 1, 2, 3, … with no
gap and no duplicate, whatever records are imported with their own numbers (台账迁移)."""
from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User

from zfxxgk.cases import services as s
from zfxxgk.cases.models import Application, NumberSequence

from workspace.helpers import new

# On the engine's clock (tests/conftest.py: TODAY); ``agency`` and ``county`` are the root conftest's.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


def numbers(agency, year=2025) -> list[str]:
    return list(Application.objects.filter(agency=agency, year=year).order_by("id").values_list("number", flat=True))


def test_imported_numbers_do_not_consume_the_sequence(agency):
    s.register(agency, new(date(2025, 1, 6)), number="司法局2025-001", source="台账")
    s.register(agency, new(date(2025, 2, 3)), number="旧台账第7号", source="台账")
    first = s.register(agency, new())
    second = s.register(agency, new())
    assert (first.number, second.number) == ("湘司依申〔2025〕1号", "湘司依申〔2025〕2号")
    assert (first.seq, second.seq) == (1, 2)
    assert NumberSequence.objects.get(agency=agency, year=2025).last == 2
    # The imported records keep their numbers and hold no sequence number of the platform.
    imported = Application.objects.filter(agency=agency, number__in=["司法局2025-001", "旧台账第7号"])
    assert sorted(imported.values_list("seq", flat=True)) == [0, 0]


def test_numbers_interleaved_with_imports_stay_gapless(agency):
    got = []
    for i in range(6):
        if i % 2:
            s.register(agency, new(), number=f"旧-{i}", source="台账")
        else:
            got.append(s.register(agency, new()).number)
    assert got == ["湘司依申〔2025〕1号", "湘司依申〔2025〕2号", "湘司依申〔2025〕3号"]


def test_an_imported_number_in_the_platform_format_is_not_handed_out_again(agency):
    """Imported without the ledger's reservation: the platform skips the taken number (no duplicate),
    and the agency's numbers 1, 2, 3, 4 are still all there (no gap)."""
    s.register(agency, new(), number="湘司依申〔2025〕2号", source="台账")
    got = [s.register(agency, new()).number for _ in range(3)]
    assert got == ["湘司依申〔2025〕1号", "湘司依申〔2025〕3号", "湘司依申〔2025〕4号"]
    assert sorted(numbers(agency)) == sorted(f"湘司依申〔2025〕{n}号" for n in (1, 2, 3, 4))


def test_an_explicit_number_already_used_is_refused(agency):
    app = s.register(agency, new())
    with pytest.raises(s.CaseError, match="本机关已有编号为“湘司依申〔2025〕1号”的申请"):
        s.register(agency, new(), number=app.number, source="台账")
    s.register(agency, new(), number="旧-1", source="台账")
    with pytest.raises(s.CaseError, match="本机关已有编号为“旧-1”的申请"):
        s.register(agency, new(date(2024, 5, 6)), number="旧-1", source="台账")  # another year, the same agency
    assert s.register(agency, new()).number == "湘司依申〔2025〕2号"


def test_the_ledger_import_keeps_old_numbers_without_gaps_in_new_ones(agency):
    from zfxxgk.cases.ledger import import_ledger

    csv = (
        "序号,依申请公开编号,申请人,申请时间,申请方式,申请内容,处理状态\n"
        "1,2025-旧-01,张三,2025-01-06,当面,2024年法律援助经费使用情况,办理中\n"
        "2,2025-旧-02,李四,2025-01-08,当面,2024年法律援助经费使用情况,办理中\n"
    ).encode()
    result = import_ledger(agency, csv, "台账.csv", User.objects.create_user("clerk", password="x"))
    assert not result.errors and len(result.created) == 2
    assert s.register(agency, new()).number == "湘司依申〔2025〕1号"
