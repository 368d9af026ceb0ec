"""Nothing unreviewed or withdrawn is public: a publication taken through the services is on the
public site (page, attachment, column list, feed, search) only while it is 已发布, and a withdrawn one
answers 410 with its reason."""
from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zfxxgk.publishing import search, services
from zfxxgk.publishing.models import Publication, PubState

from publishing.conftest import docx

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("isolated")]
TITLE = "关于开展2025年法治宣传月活动的通知"
WORD = "鹞子岭"  # only in the attachment


def public_state(client, pub, attachment) -> tuple[int, int, bool, bool, bool]:
    """(page status, attachment status, listed in its column, in the agency's feed, found by the
    site search by a word of its attachment)."""
    code, series = pub.agency.code, pub.series_id
    page = client.get(reverse("publishing_public:publication", args=[code, series])).status_code
    file = client.get(reverse("publishing_public:attachment", args=[code, series, attachment.pk])).status_code
    column = client.get(reverse("publishing_public:column", args=[code, pub.column.code])).content.decode()
    feed = client.get(reverse("publishing_public:agency_feed", args=[code])).content.decode()
    found = TITLE in client.get(reverse("publishing_public:search"), {"q": WORD}).content.decode()
    assert found == any(h.publication.pk == pub.pk for h in search.search(WORD).hits)
    return page, file, TITLE in column, TITLE in feed, found


def test_only_a_published_item_is_on_the_public_site(client, draft, clerk, head, leader):
    pub = draft(title=TITLE)
    attachment = services.add_attachment(pub, clerk, SimpleUploadedFile("通知.docx", docx(f"活动地点：{WORD}村")))
    hidden = (404, 404, False, False, False)
    assert public_state(client, pub, attachment) == hidden  # 草稿
    services.declare(pub, clerk)
    services.submit(pub, clerk)
    assert public_state(client, pub, attachment) == hidden  # 审核中
    services.decide(pub, head, approve=True)
    assert public_state(client, pub, attachment) == hidden  # one step approved
    services.decide(pub, leader, approve=True)
    assert pub.state == PubState.APPROVED
    assert public_state(client, pub, attachment) == hidden  # 待发布: approved is not published
    assert not Publication.objects.public().exists()
    services.publish(pub, clerk)
    assert public_state(client, pub, attachment) == (200, 200, True, True, True)
    services.withdraw(pub, clerk, "活动已取消")
    assert public_state(client, pub, attachment)[1:] == (404, False, False, False)
    gone = client.get(reverse("publishing_public:publication", args=[pub.agency.code, pub.series_id]))
    assert gone.status_code == 410 and "活动已取消" in gone.content.decode()
    assert not Publication.objects.public().exists()


def test_a_correction_in_progress_is_not_public_and_replaces_the_old_version_once_published(client, make_published, clerk, head, leader):
    from publishing.conftest import review

    def found(word):
        return [h.publication.pk for h in search.search(word).hits]

    old = make_published(title=TITLE, body="<p>活动时间为7月1日，地点在樟树村。</p>")
    new = services.start_correction(old, clerk, "活动时间有误")
    services.update(new, clerk, body="<p>活动时间为7月8日，地点在枫林村。</p>")
    assert found("樟树村") == [old.pk] and found("枫林村") == []
    page = client.get(reverse("publishing_public:publication", args=[old.agency.code, old.pk])).content.decode()
    assert "7月1日" in page and "7月8日" not in page
    services.publish(review(new, clerk, head, leader), clerk)
    page = client.get(reverse("publishing_public:publication", args=[old.agency.code, old.pk])).content.decode()
    assert "7月8日" in page and "活动时间有误" in page
    older = client.get(reverse("publishing_public:version", args=[old.agency.code, old.pk, 1])).content.decode()
    assert "7月1日" in older
    assert list(Publication.objects.public()) == [Publication.objects.get(pk=new.pk)]
    assert found("樟树村") == [] and found("枫林村") == [new.pk]
