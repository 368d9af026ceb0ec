"""Double clicks and two leaders at once (PostgreSQL: real parallel writers): one submission, one version."""
from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from zfxxgk.agencies.models import Membership, Role
from zfxxgk.annual import signoff
from zfxxgk.annual.errors import AnnualStateError
from zfxxgk.annual.models import AnnualReport, Version
from zfxxgk.approvals import services as approvals
from zfxxgk.approvals.models import Approval

from annual import test_signoff_kit as kit
from annual.test_signoff_kit import make_report
from testkit import parallel, run_parallel

staff = kit.staff


@parallel
@pytest.mark.django_db(transaction=True)
def test_parallel_submissions_make_one_approval(agency, staff):
    report = make_report(agency, 2025)
    results, errors, _ = run_parallel(6, lambda i: signoff.submit(AnnualReport.objects.get(pk=report.pk), staff["head"]).pk)
    assert len(results) == 1, errors
    assert all(isinstance(e, (AnnualStateError, approvals.ApprovalError)) for e in errors), errors
    assert Approval.objects.count() == 1
    assert AnnualReport.objects.get(pk=report.pk).state == "pending"


@parallel
@pytest.mark.django_db(transaction=True)
def test_two_leaders_approving_at_once_publish_one_version(agency, staff):
    second = User.objects.create_user("leader2", password="x-unused-123")
    Membership.objects.create(user=second, agency=agency, role=Role.LEADER)
    report = make_report(agency, 2025)
    approval = signoff.submit(report, staff["head"])
    leaders = [staff["leader"], second] * 2
    results, errors, _ = run_parallel(4, lambda i: approvals.decide(Approval.objects.get(pk=approval.pk), leaders[i], approve=True).state)
    assert results == ["approved"], errors
    assert all(isinstance(e, approvals.ApprovalError) and e.status == 409 for e in errors), errors
    assert Version.objects.filter(report=report).count() == 1
    assert AnnualReport.objects.get(pk=report.pk).state == "published"
