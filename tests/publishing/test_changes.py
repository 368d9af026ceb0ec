"""One function follows every change in what the public sees (publishing.changes.public_changed):
the search index at once, and content health's reading of the links once the transaction commits."""
import pytest
from django.utils import timezone

from zfxxgk.publishing import health, search, services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("isolated")]


def test_publishing_and_withdrawing_reach_search_and_content_health(make_published, agency, clerk, django_capture_on_commit_callbacks):
    target = make_published(title="关于开展普法宣传的通知", body="<p>普法宣传月活动安排。</p>")
    with django_capture_on_commit_callbacks(execute=True):
        linking = make_published(title="普法宣传月工作动态", body=f'<p>详见<a href="{target.get_absolute_url()}">通知</a>。</p>')
    assert search.search("普法宣传月").total == 2
    assert not health.withdrawn_linked([agency.pk])
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(target, clerk, "内容已过时")
    assert [h.publication.pk for h in search.search("普法宣传月").hits] == [linking.pk]
    (finding,) = health.withdrawn_linked([agency.pk])
    assert "撤回" in finding.message
    assert health.findings([agency.pk], timezone.localdate(), kinds=[finding.kind])
