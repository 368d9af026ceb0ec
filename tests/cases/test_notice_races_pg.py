"""文号 of notices under real parallel writers (PostgreSQL; SQLite serialises writers, so it skips):
notices of one agency, kind and year issued at the same moment get 1…n, none twice, none skipped."""
from __future__ import annotations

from datetime import date

import pytest

from zfxxgk.cases import services as s
from zfxxgk.cases.models import Notice, NoticeSequence

from testkit import parallel, run_parallel
from workspace.helpers import new

pytestmark = pytest.mark.usefixtures("clock")


@parallel
@pytest.mark.django_db(transaction=True)
def test_parallel_answers_get_reply_numbers_1_to_n(agency, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    n = 20
    apps = [s.register(agency, new(date(2025, 6, 2))) for _ in range(n)]
    results, errors, took = run_parallel(n, lambda i: s.answer(apps[i], date(2025, 6, 3), "granted").notices.get().number)
    print(f"\n{n} parallel answers with their notices in {took:.2f} s")
    assert errors == []
    assert sorted(results) == sorted(f"依申复〔2025〕{i}号" for i in range(1, n + 1))
    assert sorted(Notice.objects.values_list("seq", flat=True)) == list(range(1, n + 1))
    assert NoticeSequence.objects.get(agency=agency, kind="reply", year=2025).last == n
