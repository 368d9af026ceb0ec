"""Content health, question by question: stale columns, 第二十六条 lateness, broken attachments.
(Links: test_health_links.py; external links: test_health_external.py; pages: test_health_views.py.)"""
from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from zfxxgk.annual.models import AnnualReport, Version
from zfxxgk.publishing import deadlines, health, health_checks
from zfxxgk.publishing.models import Column, Policy, Publication, PubState
from zfxxgk.publishing.models.health import FileProblem

from publishing.test_health_helpers import attach, column, pub
from testkit import TODAY

pytestmark = pytest.mark.django_db


def kinds(found, kind):
    return [f for f in found if f.kind == kind]


# --- stale columns ---------------------------------------------------------------------------------

def stale(agency, today=TODAY):
    return {f.subject: f for f in health.stale_columns([agency.pk], today)}


def test_a_column_not_updated_for_longer_than_its_days_is_stale_from_the_day_after(agency):
    pub(agency, "gzdt", published_on=date(2025, 5, 1))  # 工作动态: every 30 days
    found = stale(agency)["栏目“工作动态”"]
    assert found.kind == health.Kind.STALE_COLUMN and found.agency == agency.name and found.agency_id == agency.pk
    assert found.since == date(2025, 6, 1)  # 5-01 + 30 days is still fine; stale from 6-01
    assert "2025-05-01" in found.message and "60天未更新" in found.message and "30天" in found.message
    assert found.column_id == column(agency, "gzdt").pk
    # exactly 30 days old is not stale yet
    assert "栏目“工作动态”" not in stale(agency, date(2025, 5, 31))
    assert "栏目“工作动态”" in stale(agency, date(2025, 6, 1))


def test_a_recent_item_keeps_the_column_fresh(agency):
    pub(agency, "gzdt", published_on=date(2025, 6, 20))
    assert "栏目“工作动态”" not in stale(agency)


def test_an_empty_column_is_stale_since_it_was_made(agency):
    column(agency, "gzdt")
    found = stale(agency)["栏目“工作动态”"]
    assert "空白栏目" in found.message and found.since is not None


def test_drafts_withdrawn_and_superseded_items_do_not_update_a_column(agency):
    pub(agency, "gzdt", state=PubState.DRAFT, written_on=date(2025, 6, 25))
    pub(agency, "gzdt", state=PubState.WITHDRAWN, published_on=date(2025, 6, 20), withdrawn_on=date(2025, 6, 21))
    pub(agency, "gzdt", state=PubState.SUPERSEDED, published_on=date(2025, 6, 22))
    assert "空白栏目" in stale(agency)["栏目“工作动态”"].message


def test_items_in_sub_columns_update_the_column_above(agency):
    parent = column(agency, "fdzdgknr")
    Column.objects.filter(pk=parent.pk).update(stale_days=30)
    assert "栏目“法定主动公开内容”" in stale(agency)
    pub(agency, "gfxwj", published_on=date(2025, 6, 20))  # 规范性文件, below 法定主动公开内容
    found = stale(agency)
    assert "栏目“法定主动公开内容”" not in found and "栏目“规范性文件”" not in found
    assert "栏目“规划计划”" in found  # a sibling is not updated by it


def test_columns_without_days_are_never_stale(agency):
    column(agency, "gz")  # 规章: no stale_days
    assert "栏目“规章”" not in stale(agency)


def test_the_annual_report_column_counts_published_annual_reports(agency):
    column(agency, "ndbg")
    assert "栏目“政府信息公开年报”" in stale(agency)
    report = AnnualReport.objects.create(agency=agency, year=2024, state="published")
    Version.objects.create(report=report, number=1, published_on=date(2025, 1, 20), document={})
    assert "栏目“政府信息公开年报”" not in stale(agency)
    # 400 days later it is stale again, from the day after
    late = date(2025, 1, 20) + timedelta(days=401)
    assert stale(agency, late)["栏目“政府信息公开年报”"].since == late


def test_another_agencys_annual_report_does_not_count(agency, county):
    column(agency, "ndbg")
    report = AnnualReport.objects.create(agency=county, year=2024, state="published")
    Version.objects.create(report=report, number=1, published_on=date(2025, 1, 20), document={})
    assert "栏目“政府信息公开年报”" in stale(agency)


# --- 条例第二十六条 ---------------------------------------------------------------------------------

def late(agency, today=TODAY):
    return {f.publication_id: f for f in health.late_publications([agency.pk], today)}


def test_published_within_twenty_working_days_is_not_late(agency):
    on_time = pub(agency, written_on=date(2025, 6, 2), published_on=date(2025, 6, 9))
    assert on_time.pk not in late(agency)


def test_published_after_twenty_working_days_is_late_from_the_day_after_the_due_day(agency):
    p = pub(agency, written_on=date(2025, 4, 1), published_on=date(2025, 6, 9))
    due = deadlines.due_on(date(2025, 4, 1))
    found = late(agency)[p.pk]
    assert found.kind == health.Kind.LATE and found.since == due + timedelta(days=1)
    assert f"应于{due:%Y-%m-%d}前公开" in found.message and "实际2025-06-09发布" in found.message and "第二十六条" in found.message
    assert found.subject == "《关于开展法治宣传的通知》"


def test_unpublished_items_past_the_due_day_are_late_and_others_not_yet(agency):
    old = [pub(agency, state=s, written_on=date(2025, 4, 1)) for s in (PubState.DRAFT, PubState.PENDING, PubState.APPROVED)]
    recent = pub(agency, state=PubState.DRAFT, written_on=date(2025, 6, 20))
    found = late(agency)
    assert set(found) == {p.pk for p in old}
    assert "至今仍未发布（草稿）" in found[old[0].pk].message and "审核中" in found[old[1].pk].message
    assert recent.pk not in found


def test_the_agencys_own_time_limit_counts(agency):
    Policy.objects.create(agency=agency, late_workdays=60)
    p = pub(agency, written_on=date(2025, 4, 1), published_on=date(2025, 6, 9))
    assert p.pk not in late(agency)


def test_corrections_and_withdrawn_items_are_not_judged(agency):
    first = pub(agency, state=PubState.SUPERSEDED, written_on=date(2025, 1, 2), published_on=date(2025, 1, 10))
    pub(agency, written_on=date(2025, 1, 2), published_on=date(2025, 6, 9), series=first, version=2)
    pub(agency, state=PubState.WITHDRAWN, written_on=date(2025, 1, 2), published_on=date(2025, 5, 9), withdrawn_on=date(2025, 5, 10))
    assert late(agency) == {}


def test_lateness_long_ago_is_history(agency):
    p = pub(agency, written_on=date(2024, 1, 2), published_on=date(2024, 5, 9))
    assert p.pk not in late(agency)
    assert p.pk in late(agency, date(2024, 12, 31))


def test_the_answer_agrees_with_deadlines_is_late(agency, county):
    rng = random.Random(26)
    Policy.objects.create(agency=county, late_workdays=10)
    made = []
    for i in range(60):
        who = rng.choice([agency, county])
        written = TODAY - timedelta(days=rng.randint(0, 200))
        state = rng.choice([PubState.PUBLISHED, PubState.DRAFT, PubState.PENDING, PubState.APPROVED])
        published = min(TODAY, written + timedelta(days=rng.randint(0, 60)))
        made.append(pub(who, title=f"第{i}号", state=state, written_on=written, published_on=published))
    found = {f.publication_id for f in health.late_publications([agency.pk, county.pk], TODAY)}
    expected = {p.pk for p in Publication.objects.filter(pk__in=[m.pk for m in made]).select_related("agency__publishing_policy")
                if deadlines.is_late(p, TODAY)}
    assert found == expected and found


# --- attachments -----------------------------------------------------------------------------------

def broken(agency):
    return health.broken_attachments([agency.pk])


def test_an_intact_attachment_is_fine(agency, isolated):
    p = pub(agency)
    attach(p)
    health_checks.refresh(p)
    assert broken(agency) == [] and not FileProblem.objects.exists()


def test_a_file_missing_from_storage_is_found(agency, isolated):
    p = pub(agency, title="名单公示")
    att = attach(p, "名单.pdf")
    att.file.storage.delete(att.file.name)
    health_checks.refresh(p)
    [found] = broken(agency)
    assert found.kind == health.Kind.BROKEN_ATTACHMENT and found.publication_id == p.pk
    assert found.subject == "《名单公示》附件“名单.pdf”" and "找不到" in found.message
    assert found.since == date.today()


def test_a_file_of_another_size_is_found_and_a_repaired_one_forgotten(agency, isolated):
    p = pub(agency)
    att = attach(p, "名单.pdf", b"12345", size=9)
    health_checks.refresh(p)
    [found] = broken(agency)
    assert "5字节" in found.message and "9字节" in found.message
    att.size = 5
    att.save()
    health_checks.refresh(p)
    assert broken(agency) == []


def test_attachments_of_items_not_public_are_not_reported(agency, isolated):
    p = pub(agency, state=PubState.DRAFT)
    att = attach(p)
    att.file.storage.delete(att.file.name)
    health_checks.check_files([att])  # even when a problem is kept, a draft is nobody's reading
    assert FileProblem.objects.count() == 1 and broken(agency) == []
    health_checks.refresh(p)  # and a refresh of an item not public forgets it
    assert not FileProblem.objects.exists()


def test_findings_gathers_every_question_in_order(agency, isolated):
    column(agency, "gzdt")
    p = pub(agency, "gkzn", written_on=date(2025, 4, 1), published_on=date(2025, 6, 9))
    att = attach(p)
    att.file.storage.delete(att.file.name)
    health_checks.refresh(p)
    found = health.findings([agency.pk], TODAY)
    order = [f.kind for f in found]
    assert order == sorted(order, key=health.KIND_ORDER.index)
    assert {health.Kind.STALE_COLUMN, health.Kind.LATE, health.Kind.BROKEN_ATTACHMENT} <= set(order)
    counts = health.counts(found)
    assert counts[agency.pk][health.Kind.LATE] == 1 and counts[agency.pk][health.Kind.BROKEN_ATTACHMENT] == 1
    assert kinds(health.findings([agency.pk], TODAY, kinds=[health.Kind.LATE]), health.Kind.STALE_COLUMN) == []
