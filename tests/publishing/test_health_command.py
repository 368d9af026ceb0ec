"""What runs content health in the background: the hook the services call on every change of state,
the tasks, and the nightly ``publishing_health`` command."""
from __future__ import annotations

import io
import logging
from datetime import date
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command

from zfxxgk.publishing import health, health_checks, tasks
from zfxxgk.publishing.models import Publication, PubState
from zfxxgk.publishing.models.health import BodyLink, FileProblem

from publishing.test_health_helpers import attach, pub

pytestmark = pytest.mark.django_db
BAD = '<a href="/zfxxgk/nosuch/xxgk/1/">坏链接</a>'


def test_the_hook_reads_the_links_once_the_change_is_committed(agency, isolated, django_capture_on_commit_callbacks):
    p = pub(agency, body=BAD)
    att = attach(p)
    att.file.storage.delete(att.file.name)
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        health.on_public_change(p)
    assert len(waiting) == 1 and not BodyLink.objects.exists()  # nothing before the commit
    waiting[0]()
    assert BodyLink.objects.filter(publication=p).count() == 1 and FileProblem.objects.count() == 1
    assert len(health.broken_links([agency.pk])) == 1 and len(health.broken_attachments([agency.pk])) == 1

    Publication.objects.filter(pk=p.pk).update(state=PubState.WITHDRAWN)
    with django_capture_on_commit_callbacks(execute=True):
        health.on_public_change(p)
    assert not BodyLink.objects.exists() and not FileProblem.objects.exists()


def test_a_failure_to_enqueue_is_logged_not_raised(agency, monkeypatch, caplog, django_capture_on_commit_callbacks):
    def broken(*args, **kwargs):
        raise RuntimeError("task backend down")

    monkeypatch.setattr(tasks, "refresh_publication", SimpleNamespace(enqueue=broken))
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        health.on_public_change(pub(agency, body=BAD))
    assert "task backend down" in caplog.text


def test_the_task_forgets_a_deleted_publication(agency):
    assert tasks.refresh_publication.enqueue(987654).return_value == {"publication": 987654, "public": False}


def test_check_all_catches_up_on_everything(agency, isolated):
    good = pub(agency, body=BAD)
    draft = pub(agency, state=PubState.DRAFT, body=BAD)
    BodyLink.objects.create(publication=draft, url="/zfxxgk/old/", target="missing")  # left from when it was public
    att = attach(good)
    att.file.storage.delete(att.file.name)
    result = tasks.check_all.enqueue().return_value
    assert result["publications"] == 1 and result["links"] == 1 and result["attachments"] == 1 and result["file_problems"] == 1
    assert list(BodyLink.objects.values_list("publication_id", flat=True)) == [good.pk]


def run(*args) -> str:
    out = io.StringIO()
    call_command("publishing_health", *args, stdout=out)
    return out.getvalue()


def test_the_command_checks_and_lists_each_agency(agency, county, clock, isolated):
    pub(agency, "gkzn", title="迟发", written_on=date(2025, 3, 3), published_on=date(2025, 6, 9), body=BAD)
    output = run()
    assert "已检查公开信息 1 条、链接 1 个、附件 0 个" in output
    line = next(x for x in output.splitlines() if x.startswith(agency.name))
    assert "未在规定时限内公开 1" in line and "失效链接 1" in line and "栏目长期未更新" in line
    assert "合计" in output
    only = run("--agency", county.code, "--no-refresh")
    assert "已检查" not in only and agency.name not in only


def test_the_command_refuses_unknown_agencies(agency):
    with pytest.raises(CommandError, match="没有编号代码为 nosuch 的机关"):
        run("--agency", "nosuch")


def test_a_county_without_findings(county, clock):
    assert "未发现问题" in run()


def test_only_public_items_are_read(agency):
    pub(agency, state=PubState.PENDING, body=BAD)
    assert health_checks.full_check().publications == 0 and not BodyLink.objects.exists()
