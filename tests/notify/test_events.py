"""Every case event that tells the applicant or staff sends through the test backends (mail.outbox,
the SMS outbox), once its action commits; nothing for refused or rolled-back actions or migrated records."""
from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction

from zfxxgk.cases import services as s
from zfxxgk.notify import send_to_applicant, sms
from zfxxgk.notify.models import Message, MessageState

from notify.helpers import EMAIL, MOBILE, new

pytestmark = pytest.mark.django_db


def test_the_answer_reaches_the_applicant_by_email_and_sms(agency, commit, mailoutbox):
    app = s.register(agency, new())
    with commit():
        s.answer(app, date(2025, 6, 20), "granted")
    assert len(mailoutbox) == 1 and len(sms.outbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [EMAIL]
    assert mail.subject == f"答复：政府信息公开申请 {app.number}"
    assert "张晓明：" in mail.body and "已于2025年6月20日作出答复" in mail.body and "（电子邮件）" in mail.body
    assert mail.body.rstrip().endswith("（本邮件由政府信息公开平台自动发送，请勿直接回复。）")
    assert "湘潭县司法局" in mail.body and "0731-57812345" in mail.body
    text = sms.outbox[0]
    assert text.to == MOBILE  # spaces the applicant typed are dropped
    assert text.body.startswith("【湘潭县司法局】您的政府信息公开申请（湘司依申〔2025〕1号）已作出答复")
    assert set(Message.objects.values_list("state", flat=True)) == {MessageState.SENT}
    assert Message.objects.filter(application=app, kind="answered").count() == 2


@pytest.mark.parametrize("act, kind, says", [
    (lambda app: s.request_correction(app, date(2025, 6, 5), date(2025, 6, 20), "请写明所需信息的年度和文号"),
     "correction_requested", ["请您于2025年6月20日前补正以下内容", "请写明所需信息的年度和文号", "条例》第三十条"]),
    (lambda app: s.issue_fee_notice(app, date(2025, 6, 5), "per_page", 40),
     "fee_notice", ["应缴纳信息处理费 100 元", "国办函〔2020〕109号", "20个工作日内缴纳"]),
    (lambda app: s.defer(app, date(2025, 6, 5), date(2025, 8, 29), "申请数量明显超过合理范围"),
     "deferred", ["延迟答复期限为2025年8月29日", "申请数量明显超过合理范围", "第三十五条"]),
])
def test_each_notice_event_tells_the_applicant(agency, commit, mailoutbox, act, kind, says):
    app = s.register(agency, new())
    with commit():
        act(app)
    assert [m.kind for m in Message.objects.all()] == [kind, kind]
    body = mailoutbox[0].body
    for words in says:
        assert words in body
    assert len(sms.outbox) == 1 and app.number in sms.outbox[0].body


def test_an_approved_extension_tells_the_new_due_date(agency, commit, mailoutbox, staff):
    app = s.register(agency, new())
    assert app.due_on == date(2025, 6, 30)
    with commit():
        s.request_extension(app, date(2025, 6, 20), 10, "需要调取档案馆的历史档案", staff["clerk"])
    assert mailoutbox == []  # a request is not yet a notice to the applicant
    with commit():
        s.approve_extension(app, date(2025, 6, 23), staff["head"], "同意延长")
    body = mailoutbox[0].body
    assert "答复期限延长10个工作日，延长后的答复期限为2025年7月14日" in body  # the due date after the event
    assert "因需要调取档案馆的历史档案，不能在规定期限内" in body and "第三十三条第二款" in body
    assert "同意延长" not in body  # the head's note is not the reason the applicant is given
    assert "至7月14日" in sms.outbox[0].body


def test_an_organisation_is_addressed_as_gui_danwei(agency, commit, mailoutbox):
    app = s.register(agency, new(kind="commercial", name="湘潭某某科技有限公司", id_type="credit_code", id_number=""))
    with commit():
        s.answer(app, date(2025, 6, 20), "granted")
    assert mailoutbox[0].body.startswith("湘潭某某科技有限公司：\n\n贵单位向湘潭县司法局提出")
    assert "【湘潭县司法局】贵单位的政府信息公开申请" in sms.outbox[0].body


def test_contacts_decide_the_channels(agency, commit, mailoutbox):
    landline = s.register(agency, new(phone="0731-5781234", email=""))
    mobile_only = s.register(agency, new(email=""))
    email_only = s.register(agency, new(phone=""))
    with commit():
        for app in (landline, mobile_only, email_only):
            s.answer(app, date(2025, 6, 20), "granted")
    assert [m.to for m in mailoutbox] == [[EMAIL]]
    assert [t.to for t in sms.outbox] == [MOBILE]
    assert not Message.objects.filter(application=landline).exists()


def test_a_rolled_back_action_tells_nobody(agency, commit, mailoutbox):
    app = s.register(agency, new())
    with commit():
        with pytest.raises(RuntimeError), transaction.atomic():
            s.answer(app, date(2025, 6, 20), "granted")
            raise RuntimeError("the request failed after the answer")
        with pytest.raises(s.CaseError):
            s.answer(app, date(2099, 1, 1), "granted")  # refused: a day in the future
    assert mailoutbox == [] and sms.outbox == [] and not Message.objects.exists()


def test_an_online_application_tells_the_agencys_clerks_and_head(agency, commit, mailoutbox, staff):
    with commit():
        app = s.register(agency, new(channel="internet"))
    to = sorted(addr for m in mailoutbox for addr in m.to)
    assert to == ["clerk@sfj.example.cn", "head@sfj.example.cn"]  # not the leader, the supervisor, the inactive, another agency
    mail = mailoutbox[0]
    assert mail.subject == f"新的网上申请待确认收到：{app.number}"
    assert "第三十一条" in mail.body and "确认收到" in mail.body
    assert "张晓明" not in mail.body and "13807315678" not in mail.body  # staff mail names the case, not the person
    assert sms.outbox == []
    with commit():
        s.register(agency, new(channel="in_person"))  # received at the counter: nothing to confirm
    assert len(mailoutbox) == 2


def test_records_migrated_from_a_ledger_tell_nobody(agency, commit, mailoutbox, staff):
    with commit():
        app = s.register(agency, new(channel="internet", submitted=date(2024, 3, 1)), number="司法〔2024〕7号", source="台账.xlsx 第3行")
        s.confirm_receipt(app, date(2024, 3, 1))
        s.answer(app, date(2024, 3, 20), "granted", reason="台账.xlsx 第3行")
    assert mailoutbox == [] and sms.outbox == [] and not Message.objects.exists()


def test_send_to_applicant_is_the_hook_for_notices_and_sends_once_per_key(agency, commit, mailoutbox):
    """What the notices part calls when it issues a notice document."""
    app = s.register(agency, new())
    with commit():
        made = send_to_applicant(app, "notice_issued", {"title": "补正告知书", "document_number": "湘县司依申补〔2025〕3号"}, key="notice:3")
        again = send_to_applicant(app, "notice_issued", {"title": "补正告知书"}, key="notice:3")
    assert len(made) == 2 and again == []
    assert mailoutbox[0].subject == f"补正告知书：政府信息公开申请 {app.number}"
    assert "发出了《补正告知书》（湘县司依申补〔2025〕3号）" in mailoutbox[0].body
    assert len(sms.outbox) == 1
    with pytest.raises(ValueError, match="不是发给申请人的"):
        send_to_applicant(app, "overdue")
    with pytest.raises(ValueError, match="未知的通知类型"):
        send_to_applicant(app, "no_such_kind")


def test_a_whole_case_leaves_no_personal_data_in_the_logs(agency, commit, mailoutbox, staff, logs, caplog):
    from notify.helpers import ID_NUMBER, NAME, PHONE

    caplog.set_level("DEBUG")
    with commit():
        app = s.register(agency, new(channel="internet", submitted=date(2025, 6, 2)))
        s.confirm_receipt(app, date(2025, 6, 3))
        s.request_correction(app, date(2025, 6, 4), date(2025, 6, 13), "请写明年度")
        s.receive_correction(app, date(2025, 6, 5))
        s.issue_fee_notice(app, date(2025, 6, 6), "per_page", 40)
        s.record_payment(app, date(2025, 6, 9))
        s.request_extension(app, date(2025, 6, 20), 5, "需要调取档案", staff["clerk"])
        s.approve_extension(app, date(2025, 6, 23), staff["head"])
        s.answer(app, date(2025, 6, 27), "granted")
    kinds = sorted(Message.objects.filter(application=app).values_list("kind", flat=True))
    assert kinds == sorted(["new_online"] * 2 + ["correction_requested", "fee_notice", "extension_approved", "answered"] * 2)
    records = logs + caplog.records
    assert any("message" in r.getMessage() for r in records)
    for r in records:
        text = r.getMessage()
        for value in (NAME, PHONE, MOBILE, EMAIL, ID_NUMBER, "clerk@sfj", "head@sfj", "金桂路"):
            assert value not in text, f"{value!r} in the log: {text}"


def test_a_notice_sent_with_the_events_key_replaces_the_generic_message(agency, commit, mailoutbox):
    app = s.register(agency, new())
    with commit(), transaction.atomic():
        app = s.request_correction(app, date(2025, 6, 5), date(2025, 6, 20), "请写明年度")
        event = app.events.get(kind="correction_requested")
        send_to_applicant(app, "notice_issued", {"title": "补正告知书"}, key=f"event:{event.pk}")
    assert [m.subject for m in mailoutbox] == [f"补正告知书：政府信息公开申请 {app.number}"]
    assert len(sms.outbox) == 1 and "《补正告知书》" in sms.outbox[0].body


def test_a_step_that_issued_a_notice_names_it_and_where_to_download_it(agency, commit, mailoutbox):
    app = s.register(agency, new())
    with commit():
        s.request_correction(app, date(2025, 6, 5), date(2025, 6, 20), "请写明年度")
    notice = app.notices.get()
    body = mailoutbox[0].body
    assert f"《{notice.title}》（{notice.number}）已发出" in body and "下载" in body
    assert "补正告知书" in notice.title and notice.number in body


def test_an_answer_without_a_message_of_its_own_sends_the_notice(agency, commit, mailoutbox):
    """逾期未补正 issues a 答复告知书 (条例第三十条): the applicant hears of it though the event has no
    message of its own."""
    app = s.register(agency, new())
    with commit():
        s.request_correction(app, date(2025, 6, 5), date(2025, 6, 20), "请写明年度")
    mailoutbox.clear()
    sms.outbox.clear()
    with commit():
        s.lapse_correction(app, date(2025, 6, 23))
    reply = app.notices.get(kind="reply")
    assert [m.kind for m in Message.objects.filter(application=app).order_by("pk")][-2:] == ["notice_issued", "notice_issued"]
    assert mailoutbox[0].subject == f"{reply.title}：政府信息公开申请 {app.number}"
    assert f"（{reply.number}）" in mailoutbox[0].body
    assert len(sms.outbox) == 1 and f"《{reply.title}》" in sms.outbox[0].body
