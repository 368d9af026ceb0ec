"""The sample county's 主动公开: a catalogue per agency, publications made through the review chain in
every state a walkthrough needs, a registry whose table 二 第（一）项 is non-zero and passes the
report checker's table-二 rules, the annual reports built on it, and search over what is public."""
from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User

from zfxxgk.agencies.models import Agency
from zfxxgk.annual.models import AnnualReport
from zfxxgk.approvals import queries as approvals
from zfxxgk.approvals.models import Approval, Decision
from zfxxgk.publishing import registry
from zfxxgk.publishing.columns import DEFAULT_COLUMNS
from zfxxgk.publishing.models import Attachment, Column, Publication, PubState, ScanHit
from zfxxgk.reports.check import check
from zfxxgk.reports.model import Cell, ReportDocument
from zfxxgk.site.sample import load_sample

pytestmark = pytest.mark.django_db


def _tree_size(entries) -> int:
    return sum(1 + _tree_size(children) for *_, children in entries)


def _table2_doc(agency, year: int) -> ReportDocument:
    doc = ReportDocument(agency=agency.name, year=year, title=f"{agency.name}{year}年政府信息公开工作年度报告")
    for path, value in registry.table2(agency, year).items():
        doc.cells[path] = Cell(value)
    return doc


def test_sample_loads_on_the_first_day_of_a_year(clock, isolated):
    """This year's documents and publications all fall on 1 January: still valid, still consistent.
    (First in the module: it loads its own sample before the shared one below exists.)"""
    clock["day"] = date(2026, 1, 1)
    load_sample()
    for agency in Agency.objects.all():
        for year in (2025, 2026):
            findings = check(_table2_doc(agency, year), previous=_table2_doc(agency, year - 1))
            assert not [f for f in findings if f.rule.startswith("T2-")], (agency, year)
        assert not Publication.objects.filter(agency=agency, published_on__gt=date(2026, 1, 1)).exists()


@pytest.fixture(scope="module")
def sample(django_db_setup, django_db_blocker, tmp_path_factory):
    """One sample (loading it takes seconds) for the read-only tests below, on the engine's clock of
    2025-06-30, rolled back when the module is done. Each test still runs in its own savepoint."""
    from django.core.cache import cache
    from django.db import transaction
    from django.test import override_settings

    from zfxxgk.cases import services

    day = date(2025, 6, 30)
    with (pytest.MonkeyPatch.context() as patch, override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("uploads")),
          django_db_blocker.unblock()):
        patch.setattr(services, "today", lambda: day)
        cache.clear()
        with transaction.atomic():
            load_sample()
            yield day
            transaction.set_rollback(True)


def test_every_agency_has_its_catalogue_and_a_year_and_a_half_of_publications(sample):
    for agency in Agency.objects.all():
        assert Column.objects.filter(agency=agency).count() == _tree_size(DEFAULT_COLUMNS), agency
        pubs = Publication.objects.filter(agency=agency)
        assert 10 <= pubs.count() <= 30, (agency, pubs.count())
        public = pubs.public()
        assert public.values("column").distinct().count() >= 6, agency  # spread across the catalogue
        assert {p.year for p in public.values_list("published_on", flat=True)} == {2024, 2025}, agency
        assert not public.filter(published_on__gt=sample).exists()
        assert public.count() >= 0.7 * pubs.count()  # most are published


def test_published_items_went_through_the_review_chain(sample):
    for pub in Publication.objects.public().exclude(column__kind="annual_report").select_related("agency"):
        approval = Approval.objects.get(object_id=pub.pk, kind="publication", state="approved")
        roles = list(Decision.objects.filter(approval=approval, verdict="approve").values_list("role", flat=True))
        assert roles == (["head", "leader"] if pub.agency.code == "xtxsfj" else ["head"]), pub
        first = Publication.objects.get(pk=pub.series_id)  # a correction keeps the first version's 索引号
        assert pub.declared_by_id and pub.index_number == first.index_number
        assert first.index_number.startswith(f"{pub.agency.code}/{first.published_on.year}-")
        assert not pub.hits.filter(resolution="open").exists()


def test_the_justice_bureau_shows_every_state(sample):
    sfj = Publication.objects.filter(agency__code="xtxsfj")
    states = {s: sfj.filter(state=s).count() for s in PubState.values}
    assert states["pending"] == 3 and states["approved"] == 1 and states["draft"] == 1
    assert states["withdrawn"] == 1 and states["superseded"] == 1 and states["published"] >= 15
    # the reviewers' queues: two items wait for the head, one for the leader
    head, leader = User.objects.get(username="xtxsfj-fzr"), User.objects.get(username="xtxsfj-ld")
    assert approvals.waiting_for(head).filter(kind="publication").count() == 2
    assert approvals.waiting_for(leader).filter(kind="publication").count() == 1
    assert approvals.waiting_for(User.objects.get(username="xtxzrzyj-fzr")).filter(kind="publication").count() == 1
    withdrawn = sfj.get(state="withdrawn")
    assert withdrawn.withdrawn_reason and withdrawn.withdrawn_at
    old = sfj.get(state="superseded")
    new = sfj.get(series=old.series_id, version=2)
    assert new.state == "published" and new.correction_reason and new.index_number == old.index_number
    assert "0731-5786" in new.body_text and new.body_text != old.body_text and new.published_on > old.published_on
    allowed = ScanHit.objects.get(publication__agency__code="xtxsfj", resolution="allowed")
    assert allowed.kind == "mobile" and allowed.reason and allowed.resolved_by.username == "xtxsfj-fzr"


def test_attachments_carry_searchable_text(sample):
    files = Attachment.objects.filter(publication__state="published").order_by("original_name")
    assert files.count() == 2
    assert {f.original_name.rsplit(".", 1)[1] for f in files} == {"docx", "xlsx"}
    assert any("一般公共预算财政拨款收入" in f.text for f in files)
    assert all(f.scanned_at and not f.hits.exists() for f in files)


def test_the_registry_gives_table_2_that_the_checker_accepts(sample):
    last = sample.year - 1
    for agency in Agency.objects.all():
        figures = registry.table2(agency, last)
        assert figures["active.normative_documents.made"] > 0 and figures["active.normative_documents.in_force"] > 0
        assert figures["active.normative_documents.repealed"] > 0
        for year in (last - 1, last, sample.year):
            findings = check(_table2_doc(agency, year), previous=_table2_doc(agency, year - 1))
            assert not [f for f in findings if f.rule.startswith("T2-")], (agency, year, findings)
        # last year's published report says what the registry says (自然资源局's: the file it uploaded)
        report = AnnualReport.objects.get(agency=agency, year=last)
        doc = ReportDocument.from_dict(report.versions.get().document)
        assert {p: doc.value(p) for p in figures} == figures, agency
    sfj = Agency.objects.get(code="xtxsfj")
    assert registry.table2(sfj, last)["active.normative_documents.in_force"] == 9  # as the tables said by hand before
    linked = registry.documents(sfj).filter(publication__isnull=False)
    assert linked.count() == 5 and all(d.publication.state == "published" for d in linked)


def test_nothing_unfinished_is_public_through_the_api(client, sample):
    hidden = Publication.objects.exclude(state="published").exclude(state="superseded")
    body = client.get("/api/publications?agency=xtxsfj&limit=100").json()
    assert body["count"] == Publication.objects.public().filter(agency__code="xtxsfj").count()
    shown = {i["title"] for i in body["items"]}
    assert not shown & set(hidden.exclude(title__in=Publication.objects.public().values("title")).values_list("title", flat=True))
    for pub in hidden:
        assert client.get(f"/api/publications/{pub.series_id_or_self}").status_code in (404, 410)
    registry_api = client.get(f"/api/agencies/xtxsfj/registry?year={sample.year - 1}").json()
    assert {r["path"]: r["value"] for r in registry_api["table2"]} == registry.table2(Agency.objects.get(code="xtxsfj"), sample.year - 1)


def test_search_finds_sample_words(sample):
    from zfxxgk.publishing import search

    found = search.search("法律援助")
    assert found.total >= 3
    assert all(hit.publication.state == "published" for hit in found.hits)
    budget = search.search("政府性基金预算财政拨款收入")  # inside the spreadsheet only
    assert [h.publication.title for h in budget.hits] == ["湘潭县司法局2025年部门预算"]
    assert search.search("送法下乡").total == 0  # a draft's words

