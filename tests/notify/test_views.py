"""/workspace/notify/: staff see their agencies' messages with their state and masked contacts, and
send a failed one again; another agency's messages are not shown."""
from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from zfxxgk.cases import services as s
from zfxxgk.notify.models import Message, MessageState

from notify.helpers import EMAIL, MOBILE, FailingSms, new

pytestmark = pytest.mark.django_db

LIST = reverse("notify:list")


@pytest.fixture
def failed(agency, other, commit, settings, staff):
    FailingSms.calls = 0
    settings.ZFXXGK_SMS_BACKEND = "notify.helpers.FailingSms"
    settings.ZFXXGK_NOTIFY_MAX_ATTEMPTS = 1
    with commit():
        s.answer(s.register(agency, new()), date(2025, 6, 20), "granted")
        s.answer(s.register(other, new(phone="")), date(2025, 6, 20), "granted")
    settings.ZFXXGK_SMS_BACKEND = "zfxxgk.notify.sms.LocmemBackend"
    return Message.objects.get(state=MessageState.FAILED)


def test_staff_see_their_agencys_messages_with_state_and_masked_contacts(client, staff, failed):
    client.force_login(staff["clerk"])
    page = client.get(LIST).content.decode()
    assert page.count("<tr data-message=") == 2  # 司法局's e-mail and SMS, not 自然资源局's
    assert "发送失败，已放弃" in page and "已发送" in page and "ConnectionError: gateway refused ***" in page
    assert "zh***@example.com" in page and "138****5678" in page and EMAIL not in page and MOBILE not in page
    assert "通知记录" in page
    failed_only = client.get(LIST, {"state": "failed"}).content.decode()
    assert failed_only.count("<tr data-message=") == 1 and "重新发送" in failed_only


def test_a_clerk_sends_a_failed_message_again_a_supervisor_cannot(client, staff, failed, commit):
    client.force_login(staff["supervisor"])
    assert "<tr data-message=" in client.get(LIST).content.decode()  # reads the county's
    client.post(reverse("notify:resend", args=[failed.pk]))
    failed.refresh_from_db()
    assert failed.state == MessageState.FAILED
    client.force_login(staff["other_clerk"])
    assert client.post(reverse("notify:resend", args=[failed.pk])).status_code == 404
    client.force_login(staff["clerk"])
    with commit():
        client.post(reverse("notify:resend", args=[failed.pk]))
    failed.refresh_from_db()
    assert failed.state == MessageState.SENT


def test_the_messages_of_one_case_are_found_by_its_number(client, staff, failed, agency, commit):
    with commit():
        other_case = s.register(agency, new(phone=""))
        s.answer(other_case, date(2025, 6, 20), "granted")
    client.force_login(staff["head"])
    assert client.get(LIST).content.decode().count("<tr data-message=") == 3
    page = client.get(LIST, {"number": other_case.number}).content.decode()
    assert page.count("<tr data-message=") == 1 and other_case.number in page
