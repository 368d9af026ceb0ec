"""Acts at the same moment (PostgreSQL: SQLite serialises writers, so nothing races there): the
row locks let exactly one win, and 索引号 stay unique and gapless."""
from __future__ import annotations

import pytest

from zfxxgk.publishing import services
from zfxxgk.publishing.models import Publication, PubState

from publishing.conftest import review
from testkit import parallel, run_parallel

pytestmark = [parallel, pytest.mark.django_db(transaction=True)]


def test_publications_published_at_once_get_distinct_gapless_index_numbers(draft, clerk, head, leader):
    pubs = [review(draft(title=f"第{i}条"), clerk, head, leader) for i in range(8)]
    publishers = [clerk, head, leader] * 3

    def work(i):
        return services.publish(Publication.objects.get(pk=pubs[i].pk), publishers[i]).index_number

    results, errors, _ = run_parallel(len(pubs), work)
    assert not errors, errors
    assert sorted(results) == [f"xtxsfj/2025-{n:05d}" for n in range(1, 9)]
    assert Publication.objects.public().count() == 8


def test_one_publication_published_by_two_people_at_once_is_published_once(draft, clerk, head, leader):
    pub = review(draft(), clerk, head, leader)

    def work(i):
        return services.publish(Publication.objects.get(pk=pub.pk), (clerk, head)[i % 2]).index_number

    results, errors, _ = run_parallel(4, work)
    assert len(results) == 1 and all(isinstance(e, services.PublishingError) and e.status == 409 for e in errors), errors
    assert Publication.objects.get(pk=pub.pk).index_number == "xtxsfj/2025-00001"


def test_two_corrections_started_at_once_make_one_new_version(make_published, clerk, head):
    pub = make_published()

    def work(i):
        return services.start_correction(Publication.objects.get(pk=pub.pk), (clerk, head)[i % 2], f"更正{i}").version

    results, errors, _ = run_parallel(4, work)
    assert results == [2] and len(errors) == 3 and all(e.status == 409 for e in errors), (results, errors)
    assert Publication.objects.filter(series_id=pub.pk, state=PubState.DRAFT).count() == 1


def test_a_double_submission_at_once_makes_one_approval(draft, clerk):
    from zfxxgk.approvals import queries

    pub = draft()
    services.declare(pub, clerk)

    def work(i):
        return services.submit(Publication.objects.get(pk=pub.pk), clerk).pk

    results, errors, _ = run_parallel(4, work)
    assert len(results) == 1 and all(e.status == 409 for e in errors), (results, errors)
    assert queries.approvals_of(pub).count() == 1
