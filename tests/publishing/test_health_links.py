"""Links in public bodies: read in the background (health_checks), judged at query time (health)
against the public querysets, so a link breaks the moment its target stops being public."""
from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from zfxxgk.annual.models import AnnualReport, Version
from zfxxgk.publishing import health, health_checks
from zfxxgk.publishing.models import PubState
from zfxxgk.publishing.models.health import BodyLink, LinkTarget

from publishing.test_health_helpers import attach, pub

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"publishing_public:{name}", args=args)


def linking(agency, *hrefs, title="引用通知", state=PubState.PUBLISHED):
    """A publication whose body links each of ``hrefs``, its links read as the background does."""
    body = "".join(f'<p><a href="{h}">链接{i}</a></p>' for i, h in enumerate(hrefs))
    p = pub(agency, title=title, body=body, state=state)
    health_checks.refresh(p)
    return p


def numbers(found) -> list[int]:
    """Which of ``linking``'s links (链接0, 链接1, …) the findings are about."""
    return sorted(int(re.search(r"“链接(\d+)”", f.message).group(1)) for f in found)


def problems(agency):
    return health.broken_links([agency.pk]), health.withdrawn_linked([agency.pk])


# --- reading -----------------------------------------------------------------------------------------

def test_links_are_read_with_their_text_and_what_they_name(agency, settings):
    settings.ALLOWED_HOSTS = ["www.xtx.gov.cn", "testserver"]
    target = pub(agency, title="被引用")
    body = (f'<p>见<a href="{url("publication", agency.code, target.pk)}">《被引用》 通知</a>和'
            f'<a href="https://www.xtx.gov.cn{url("column", agency.code, "gzdt")}">工作动态</a>，'
            '<a href="https://www.gov.cn/zhengce/">国务院</a><a href="mailto:a@b.cn">邮件</a><a href="#top">顶部</a>'
            '<a href="/zfxxgk/xtxsfj/no/such/page/">坏</a><a href="/workspace/">工作台</a><img src="/zfxxgk/ndbg.png" alt="图"></p>')
    p = pub(agency, body=body)
    got = {link.url: link for link in health_checks.read_links(p)}
    assert set(got) == {url("publication", agency.code, target.pk), f"https://www.xtx.gov.cn{url('column', agency.code, 'gzdt')}",
                        "https://www.gov.cn/zhengce/", "/zfxxgk/xtxsfj/no/such/page/", "/workspace/", "/zfxxgk/ndbg.png"}
    first = got[url("publication", agency.code, target.pk)]
    assert (first.target, first.target_code, first.target_number, first.text) == (LinkTarget.PUBLICATION, agency.code, target.pk, "《被引用》 通知")
    assert got[f"https://www.xtx.gov.cn{url('column', agency.code, 'gzdt')}"].target_slug == "gzdt"
    assert got["https://www.gov.cn/zhengce/"].target == LinkTarget.EXTERNAL
    assert got["/zfxxgk/xtxsfj/no/such/page/"].target == LinkTarget.MISSING
    assert got["/workspace/"].target == LinkTarget.OTHER
    assert got["/zfxxgk/ndbg.png"].text == "图"


def test_relative_links_start_from_the_publications_own_page(agency):
    target = pub(agency, title="被引用")
    p = linking(agency, f"../{target.pk}/", f"../{target.pk}/fj/7/")
    rows = {r.url: r for r in BodyLink.objects.filter(publication=p)}
    assert rows[f"../{target.pk}/"].target == LinkTarget.PUBLICATION and rows[f"../{target.pk}/"].target_number == target.pk
    assert rows[f"../{target.pk}/fj/7/"].target_attachment == 7


def test_a_wildcard_host_does_not_make_every_site_ours(agency, settings):
    settings.ALLOWED_HOSTS = ["*"]
    p = pub(agency, body='<a href="https://example.org/zfxxgk/">x</a>')
    assert [link.target for link in health_checks.read_links(p)] == [LinkTarget.EXTERNAL]


def test_only_public_bodies_keep_links_and_a_second_reading_keeps_the_first_seen_time(agency):
    draft = linking(agency, "/zfxxgk/nosuch/", state=PubState.DRAFT)
    assert not BodyLink.objects.filter(publication=draft).exists()
    p = linking(agency, "/zfxxgk/nosuch/", "/zfxxgk/other/")
    first = BodyLink.objects.get(publication=p, url="/zfxxgk/nosuch/")
    p.body = '<a href="/zfxxgk/nosuch/">改过的文字</a>'
    p.save()
    health_checks.refresh(p)
    [again] = BodyLink.objects.filter(publication=p)
    assert (again.pk, again.found_at, again.text) == (first.pk, first.found_at, "改过的文字")
    Publication = type(p)
    Publication.objects.filter(pk=p.pk).update(state=PubState.WITHDRAWN)
    health_checks.refresh(p)
    assert not BodyLink.objects.filter(publication=p).exists()


# --- broken links ------------------------------------------------------------------------------------

def test_a_link_to_a_public_item_is_fine(agency):
    target = pub(agency, title="被引用")
    linking(agency, url("publication", agency.code, target.pk))
    assert problems(agency) == ([], [])


@pytest.mark.parametrize("state", [PubState.DRAFT, PubState.PENDING, PubState.APPROVED])
def test_a_link_to_an_item_not_public_is_broken(agency, state):
    target = pub(agency, title="未公开", state=state)
    p = linking(agency, url("publication", agency.code, target.pk))
    [found], withdrawn = problems(agency)
    assert withdrawn == []
    assert (found.kind, found.publication_id, found.subject) == (health.Kind.BROKEN_LINK, p.pk, "《引用通知》")
    assert "不存在或未公开" in found.message and "链接0" in found.message and found.since == date.today()


def test_a_link_naming_another_agencys_item_or_no_page_is_broken(agency, county):
    theirs = pub(county, title="县政府信息")
    linking(agency, url("publication", agency.code, theirs.pk), "/zfxxgk/xtxsfj/no/such/page/", url("agency", "nosuch"))
    broken, _ = problems(agency)
    assert numbers(broken) == [0, 1, 2]
    assert "本站不存在的页面" in broken[1].message


def test_the_link_breaks_when_the_target_stops_being_public_without_reading_again(agency):
    target = pub(agency, title="被引用")
    linking(agency, url("publication", agency.code, target.pk))
    assert problems(agency) == ([], [])
    type(target).objects.filter(pk=target.pk).update(state=PubState.DRAFT, published_on=None)
    assert len(problems(agency)[0]) == 1


def test_older_versions_are_reachable_while_the_series_is_public(agency):
    first = pub(agency, title="原文", state=PubState.SUPERSEDED)
    pub(agency, title="更正后", series=first, version=2)
    linking(agency, url("publication", agency.code, first.pk), url("version", agency.code, first.pk, 1), url("version", agency.code, first.pk, 5))
    broken, _ = problems(agency)
    assert numbers(broken) == [2]


def test_attachment_links_follow_the_item_and_the_file(agency, isolated):
    target = pub(agency, title="附件所在")
    att = attach(target, "名单.pdf")
    p = linking(agency, url("attachment", agency.code, target.pk, att.pk), url("attachment", agency.code, target.pk, att.pk + 99))
    broken, _ = problems(agency)
    assert numbers(broken) == [1]  # an id that is no attachment of the item
    att.file.storage.delete(att.file.name)
    health_checks.refresh(target)  # the file check finds it missing
    broken, _ = problems(agency)
    assert numbers(broken) == [0, 1] and all(f.publication_id == p.pk for f in broken)


def test_column_agency_and_annual_report_links(agency):
    report = AnnualReport.objects.create(agency=agency, year=2024, state="draft")
    linking(agency, url("column", agency.code, "gzdt"), url("column", agency.code, "nosuch"), url("agency", agency.code),
            reverse("public_annual:report", args=[agency.code, 2024]))
    broken, _ = problems(agency)
    assert numbers(broken) == [1, 3]
    Version.objects.create(report=report, number=1, published_on=date(2025, 1, 20), document={})
    broken, _ = problems(agency)
    assert numbers(broken) == [1]


def test_an_agency_without_columns_shows_the_default_tree(agency, county):
    linking(agency, url("column", county.code, "gzdt"), url("column", county.code, "nosuch"))  # the county made no columns
    broken, _ = problems(agency)
    assert numbers(broken) == [1]


def test_links_in_bodies_not_public_are_not_reported(agency):
    p = linking(agency, "/zfxxgk/nosuch/page/x/")
    assert len(problems(agency)[0]) == 1
    type(p).objects.filter(pk=p.pk).update(state=PubState.WITHDRAWN)  # rows kept until the next refresh
    assert problems(agency) == ([], [])


# --- withdrawn items still linked --------------------------------------------------------------------

def test_a_link_to_a_withdrawn_item_is_its_own_finding(agency, isolated):
    target = pub(agency, title="已撤回的通知", state=PubState.WITHDRAWN, withdrawn_on=date(2025, 6, 20))
    att = attach(target)
    p = linking(agency, url("publication", agency.code, target.pk), url("attachment", agency.code, target.pk, att.pk))
    broken, withdrawn = problems(agency)
    assert broken == [] and len(withdrawn) == 2
    found = withdrawn[0]
    assert (found.kind, found.publication_id, found.since) == (health.Kind.WITHDRAWN_LINKED, p.pk, date(2025, 6, 20))
    assert "已撤回的《已撤回的通知》（2025-06-20撤回）" in found.message


def test_a_withdrawn_item_published_again_as_a_correction_is_linked_fine(agency):
    first = pub(agency, title="旧", state=PubState.WITHDRAWN, withdrawn_on=date(2025, 6, 20))
    linking(agency, url("publication", agency.code, first.pk))
    assert len(problems(agency)[1]) == 1
    pub(agency, title="新", series=first, version=2)
    assert problems(agency) == ([], [])


def test_counts_per_agency_and_kind(agency, county, isolated, clock):
    from zfxxgk.publishing.models import Column

    gone = pub(agency, title="已撤回", state=PubState.WITHDRAWN, withdrawn_on=date(2025, 6, 20))
    draft = pub(county, title="草稿", state=PubState.DRAFT)
    linking(agency, url("publication", agency.code, gone.pk), url("publication", county.code, draft.pk), "/zfxxgk/x/y/z/")
    linking(county, url("publication", agency.code, gone.pk))
    late = pub(county, "gkzn", written_on=date(2025, 3, 3), published_on=date(2025, 6, 9))
    att = attach(late)
    att.file.storage.delete(att.file.name)
    health_checks.refresh(late)
    Column.objects.filter(agency=county).update(stale_days=None)
    ids = [agency.pk, county.pk]
    found = health.findings(ids, clock["day"])
    assert health.counts(found)[agency.pk][health.Kind.BROKEN_LINK] == 2
    assert health.counts(found)[county.pk] == {health.Kind.LATE: 1, health.Kind.BROKEN_ATTACHMENT: 1, health.Kind.WITHDRAWN_LINKED: 1}
