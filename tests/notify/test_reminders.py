"""Staff reminders (``zfxxgk remind --notify``): due within N working days and overdue cases to the
agency's staff, applications left unconfirmed to the office head and the county supervisor; once a
day; built on the queue's querysets."""
from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from zfxxgk.cases import services as s
from zfxxgk.cases.calendar import current_calendar
from zfxxgk.notify.models import Message
from zfxxgk.notify.reminders import send_staff_reminders

from notify.helpers import NAME, new

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 30)  # Monday


@pytest.fixture
def cases(agency, other, staff):
    return {
        "overdue": s.register(agency, new(date(2025, 5, 26))),        # due 24 June
        "due_soon": s.register(agency, new(date(2025, 6, 5))),        # due 3 July
        "later": s.register(agency, new(date(2025, 6, 20))),          # due 18 July
        "unconfirmed": s.register(agency, new(date(2025, 6, 24), channel="internet")),
        "fresh": s.register(agency, new(date(2025, 6, 27), channel="internet")),
        "elsewhere": s.register(other, new(date(2025, 5, 26))),
    }


def _to(mailoutbox, subject_part):
    return sorted(addr for m in mailoutbox if subject_part in m.subject for addr in m.to)


def test_each_list_goes_to_its_people(cases, commit, mailoutbox, settings):
    settings.ZFXXGK_SITE_URL = "https://gk.example.gov.cn"
    mailoutbox.clear()
    with commit():
        sent = send_staff_reminders(current_calendar(), TODAY, 3)
    assert _to(mailoutbox, "湘潭县司法局：1 件申请已超过答复期限") == ["clerk@sfj.example.cn", "head@sfj.example.cn", "leader@sfj.example.cn"]
    assert _to(mailoutbox, "湘潭县司法局：1 件申请将在3个工作日内到期") == ["clerk@sfj.example.cn", "head@sfj.example.cn"]
    assert _to(mailoutbox, "湘潭县司法局：1 件申请超过3个工作日未确认收到") == ["head@sfj.example.cn", "jd@xtx.example.cn"]
    assert _to(mailoutbox, "湘潭县自然资源局：1 件申请已超过答复期限") == ["clerk@zrzyj.example.cn"]
    assert (sent["overdue"].agencies, sent["overdue"].messages) == (2, 4)
    overdue = next(m for m in mailoutbox if "湘潭县司法局：1 件申请已超过答复期限" in m.subject).body
    assert f"{cases['overdue'].number}  答复期限 2025-06-24" in overdue and cases["later"].number not in overdue
    assert "工作台：https://gk.example.gov.cn/workspace/" in overdue
    unconfirmed = next(m for m in mailoutbox if "未确认收到" in m.subject).body
    assert f"{cases['unconfirmed'].number}  提交日期 2025-06-24  已等待 4 个工作日" in unconfirmed
    assert cases["fresh"].number not in unconfirmed and "第三十一条" in unconfirmed
    assert all(NAME not in m.body for m in mailoutbox)  # staff reminders name cases, not people


def test_a_second_run_the_same_day_sends_nothing_again(cases, commit, mailoutbox):
    with commit():
        send_staff_reminders(current_calendar(), TODAY, 3)
    n = len(mailoutbox)
    with commit():
        again = send_staff_reminders(current_calendar(), TODAY, 3)
    assert len(mailoutbox) == n and sum(x.messages for x in again.values()) == 0
    with commit():
        send_staff_reminders(current_calendar(), date(2025, 7, 1), 3)
    assert len(mailoutbox) > n  # the next day, again


def test_the_remind_command_sends_with_notify(cases, commit, mailoutbox, clock):
    clock["day"] = TODAY
    out = StringIO()
    call_command("remind", stdout=out)
    assert not Message.objects.filter(kind__in=["overdue", "due_soon", "unconfirmed"]).exists()
    with commit():
        call_command("remind", notify=True, stdout=out)
    text = out.getvalue()
    assert "提醒（超期）：2 个机关，4 封邮件" in text and "提醒（超期未确认收到）：1 个机关，2 封邮件" in text
    assert Message.objects.filter(kind="unconfirmed", state="sent").count() == 2
