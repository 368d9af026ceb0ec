"""The public pages along the life the services give a publication (tests/publishing/conftest.py):
nothing shows before 发布, the page, feed and attachment appear on it, a correction moves the old
version to …/v1/, a withdrawal turns every URL into 410 and empties the feed."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from zfxxgk.publishing import services
from zfxxgk.publishing.models import PubState

A = "{http://www.w3.org/2005/Atom}"


def statuses(client, pub, att) -> tuple[int, int]:
    series = pub.series_id or pub.pk
    return (client.get(f"/zfxxgk/xtxsfj/xxgk/{series}/").status_code,
            client.get(f"/zfxxgk/xtxsfj/xxgk/{series}/fj/{att.pk}/").status_code)


def feed_titles(client) -> list[str]:
    root = ET.fromstring(client.get("/zfxxgk/xtxsfj/feed/").content)
    return [e.findtext(f"{A}title") for e in root.findall(f"{A}entry")]


def test_nothing_is_public_before_publish_and_everything_after(client, draft, clerk, head, leader, clock, isolated):
    clock["day"] = date(2025, 7, 1)
    pub = draft(title="关于开展法治宣传进社区活动的通知", body="<p>各社区：</p><script>alert(1)</script>")
    att = services.add_attachment(pub, clerk, SimpleUploadedFile("活动安排.txt", "活动安排表".encode()))
    assert statuses(client, pub, att) == (404, 404)
    services.declare(pub, clerk)
    services.submit(pub, clerk)
    assert statuses(client, pub, att) == (404, 404)
    services.decide(pub, head, approve=True)
    services.decide(pub, leader, approve=True)
    pub.refresh_from_db()
    assert pub.state == PubState.APPROVED and statuses(client, pub, att) == (404, 404) and feed_titles(client) == []
    services.publish(pub, clerk)
    pub.refresh_from_db()
    assert statuses(client, pub, att) == (200, 200)
    page = client.get(f"/zfxxgk/xtxsfj/xxgk/{pub.series_id}/").content.decode()
    assert f"<dt>索引号</dt><dd>{pub.index_number}</dd>" in page and "<dt>发布日期</dt><dd>2025-07-01</dd>" in page
    assert "<p>各社区：</p>" in page and "alert(1)" not in page  # the services' sanitiser dropped the script
    assert feed_titles(client) == ["关于开展法治宣传进社区活动的通知"]
    assert "关于开展法治宣传进社区活动的通知" in client.get("/zfxxgk/xtxsfj/lm/gzdt/").content.decode()
    # the catalogue's search box (q) finds it
    assert 'action="/zfxxgk/xtxsfj/search/"' in client.get("/zfxxgk/xtxsfj/").content.decode()
    assert f'/zfxxgk/xtxsfj/xxgk/{pub.series_id}/' in client.get("/zfxxgk/xtxsfj/search/", {"q": "法治宣传"}).content.decode()


def test_a_correction_through_the_services(client, make_published, clerk, head, leader, clock, isolated):
    clock["day"] = date(2025, 7, 1)
    first = make_published(title="2025年上半年工作动态", body="<p>共办理100件</p>")
    clock["day"] = date(2025, 7, 8)
    second = services.start_correction(first, clerk, "办理件数统计有误")
    services.update(second, clerk, body="<p>共办理110件</p>")
    page = client.get(f"/zfxxgk/xtxsfj/xxgk/{first.pk}/").content.decode()
    assert "共办理100件" in page and "更正" not in page  # the correction is still a draft
    services.declare(second, clerk)
    services.submit(second, clerk)
    services.decide(second, head, approve=True)
    services.decide(second, leader, approve=True)
    services.publish(second, clerk)
    page = client.get(f"/zfxxgk/xtxsfj/xxgk/{first.pk}/").content.decode()
    assert "共办理110件" in page and "本信息已于2025年7月8日更正。更正原因：办理件数统计有误" in page
    assert "共办理100件" in client.get(f"/zfxxgk/xtxsfj/xxgk/{first.pk}/v1/").content.decode()
    assert feed_titles(client) == ["2025年上半年工作动态"]


def test_a_withdrawal_through_the_services(client, make_published, clerk, clock, isolated):
    clock["day"] = date(2025, 7, 1)
    pub = make_published(title="将撤回的信息")
    att = services.add_attachment(services.start_correction(pub, clerk, "补充附件"), clerk, SimpleUploadedFile("a.txt", b"abc"))
    services.withdraw(pub, clerk, "信息有误")
    response = client.get(f"/zfxxgk/xtxsfj/xxgk/{pub.pk}/")
    assert response.status_code == 410 and "撤回原因：信息有误" in response.content.decode()
    assert client.get(f"/zfxxgk/xtxsfj/xxgk/{pub.pk}/fj/{att.pk}/").status_code == 404
    assert feed_titles(client) == []
