"""Two leaders deciding the same approval at once: the row lock lets exactly one decide (PostgreSQL)."""
from __future__ import annotations

import pytest

from zfxxgk.approvals import services
from zfxxgk.approvals.models import Approval, Decision, Kind, State, Verdict

from testkit import parallel, run_parallel


@parallel
@pytest.mark.django_db(transaction=True)
def test_concurrent_decisions_one_wins(subject, agency, staff):
    approval = services.submit(subject, kind=Kind.REPLY, agency=agency, user=staff["clerk"], steps=["leader"], title="答复审签")
    leaders = [staff["leader"], staff["leader2"]] * 4

    def work(i):
        return services.decide(Approval.objects.get(pk=approval.pk), leaders[i], approve=i % 2 == 0, comment=f"意见{i}").state

    results, errors, _ = run_parallel(len(leaders), work)
    assert len(results) == 1, (results, errors)
    assert all(isinstance(e, services.ApprovalError) and e.status == 409 for e in errors)
    approval.refresh_from_db()
    assert approval.state in (State.APPROVED, State.RETURNED)
    assert Decision.objects.filter(approval=approval).exclude(verdict=Verdict.SUBMIT).count() == 1
    assert len(subject.seen.calls) == 1
