"""Issuing notices: each statutory step the applicant (or a third party) must be told of gets its
notice, in the same transaction as the event that records the step, with the next 文号.

=========================  ===================  ==========================================
event                      notice               rule
=========================  ===================  ==========================================
告知补正                    补正告知书            条例第三十条（一次性告知）
征求意见（第三方，具名）       征求第三方意见书       条例第三十二条（书面征求意见）
批准延期                    延期答复告知书         条例第三十三条第二款（并告知申请人）
发出收费通知                 收费通知书            国办函〔2020〕109号
答复、逾期不补正、逾期未缴费    答复告知书            条例第三十六条至第三十九条
=========================  ===================  ==========================================

Records imported from an old ledger (their registration names its ``source``) got their letters in
the old system: no notice is made for them.
"""
from __future__ import annotations

import logging
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from ...agencies.models import OfficeSettings
from .. import fees
from ..choices import ConsultationParty, EventKind
from ..deadlines import CONSULTATION_DAYS, FEE_PAYMENT_DAYS, REPLY_DAYS
from ..models import Application, Event, Notice, NoticeKind
from . import consultation, correction, extension, fee, layout, numbering, reply, texts
from .signals import notice_issued

log = logging.getLogger(__name__)

KIND_OF_EVENT = {
    EventKind.CORRECTION_REQUESTED: NoticeKind.CORRECTION,
    EventKind.CONSULTATION_STARTED: NoticeKind.CONSULTATION,
    EventKind.EXTENSION_APPROVED: NoticeKind.EXTENSION,
    EventKind.FEE_NOTICE: NoticeKind.FEE,
    EventKind.ANSWERED: NoticeKind.REPLY,
    EventKind.REANSWERED: NoticeKind.REPLY,  # 重新答复 after 结果纠正: a new 答复告知书 with the next 文号
    EventKind.CORRECTION_LAPSED: NoticeKind.REPLY,
    EventKind.FEE_LAPSED: NoticeKind.REPLY,
}
METHOD_LABELS = {fees.PER_ITEM: "件（按件计收）", fees.PER_PAGE: "量（按量计收）"}
ONLINE = "本机关政府信息公开申请平台“查询办理进度”页面"


@receiver(post_save, sender=Event, dispatch_uid="notices.issue_for_event")
def _event_recorded(sender, instance: Event, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw and instance.kind in KIND_OF_EVENT:
        issue_for(instance)


def issue_for(event: Event) -> Notice | None:
    """The notice ``event`` calls for, issued now (or None: an imported record, an unnamed party)."""
    app = event.application
    kind = KIND_OF_EVENT[event.kind]
    if _imported(app):
        return None
    if kind == NoticeKind.CONSULTATION and not (event.data.get("party") == ConsultationParty.THIRD_PARTY and event.data.get("party_name")):
        return None
    office = OfficeSettings.of(app.agency)
    with transaction.atomic():
        seq, number = numbering.next_number(app.agency, kind, event.on.year)
        facts = _facts(app, office, event.on, number)
        content, addressee = _content(kind, event, app, office, facts)
        notice = Notice(
            application=app, agency=app.agency, kind=kind, event=event, year=event.on.year, seq=seq, number=number,
            addressee=addressee, to_applicant=kind != NoticeKind.CONSULTATION, issued_on=event.on,
            issued_by=event.actor, content=content,
        )
        notice.file.save("notice.docx", ContentFile(render(notice, "docx")), save=False)
        notice.save()
    transaction.on_commit(lambda: notice_issued.send(sender=Notice, notice=notice))
    log.info("notice %s (%s) issued for application %s", notice.pk, kind, app.pk)
    return notice


def render(notice: Notice, fmt: str, *, salutation: str | None = None) -> bytes:
    """The notice as ``docx``/``pdf``/``html`` from its frozen text; ``salutation`` replaces the
    addressee line (the portal's copy is addressed with the masked name)."""
    content = [(role, text) for role, text in notice.content]
    if salutation is not None:
        content = [(role, f"{salutation}：" if role == "salutation" else text) for role, text in content]
    # The subject (the page title of the HTML copy) names the 文号 and the application's number.
    subject = f"{notice.number} / {notice.application.number}"
    return layout.render(content, fmt, title=notice.title, subject=subject, author=notice.agency.name)


def _imported(app: Application) -> bool:
    registered = app.events.filter(kind=EventKind.REGISTERED).only("reason").first()
    return bool(registered and registered.reason)


def _facts(app: Application, office: OfficeSettings, on: date, number: str) -> texts.Facts:
    from ..services import timeline

    return texts.Facts(
        agency=app.agency.name, applicant=app.applicant_name, applicant_kind=app.applicant_kind, number=app.number,
        description=app.description, received_on=timeline(app).received_on, issued_on=on, doc_number=number,
        contact_person=office.contact_person, contact_phone=office.contact_phone or office.phone or app.agency.phone,
        address=office.paper_address,
    )


def _content(kind: str, event: Event, app: Application, office: OfficeSettings, f: texts.Facts):
    if kind == NoticeKind.CORRECTION:
        return correction.paragraphs(f, event.reason, date.fromisoformat(event.data["until"]), ONLINE), app.applicant_name
    if kind == NoticeKind.CONSULTATION:
        name = event.data["party_name"]
        return consultation.paragraphs(f, name, CONSULTATION_DAYS, office.paper_address), f"{name}（{event.data.get('party_address', '')}）"
    if kind == NoticeKind.EXTENSION:
        from ..services import timeline

        t = timeline(app)
        return extension.paragraphs(f, event.data.get("days", 0), event.reason, t.due_on, REPLY_DAYS), app.applicant_name
    if kind == NoticeKind.FEE:
        d = event.data
        label = METHOD_LABELS.get(d.get("method"), "")
        return fee.paragraphs(f, int(d["amount"]), d.get("working", ""), label, office.payment_method, FEE_PAYMENT_DAYS), app.applicant_name
    return _reply(event, app, office, f), app.applicant_name


def _reply(event: Event, app: Application, office: OfficeSettings, f: texts.Facts):
    return reply.paragraphs(reply_data(app, event, office, f.doc_number, f.received_on))


def reply_data(app: Application, event: Event, office: OfficeSettings, doc_number: str = "", received_on: date | None = None):
    """The :class:`~zfxxgk.cases.letters.LetterData` of the reply closing ``app`` with ``event``."""
    from ..letters import LetterData
    from ..services import effective_events, timeline

    events = effective_events(app)  # a step voided by a 更正 says nothing in the letter
    requested = next((e for e in events if e.kind == EventKind.CORRECTION_REQUESTED), None)
    corrected = next((e for e in events if e.kind == EventKind.CORRECTION_RECEIVED), None)
    notice = next((e for e in events if e.kind == EventKind.FEE_NOTICE), None)
    paid = any(e.kind == EventKind.FEE_PAID for e in events)
    outcome = event.data["outcome"]
    charged = notice.data.get("amount") if notice and (paid or outcome == "other_no_fee_payment") else None
    return LetterData(
        agency=app.agency.name, number=app.number, applicant=app.applicant_name,
        received_on=received_on or timeline(app).received_on, description=app.description, outcome=outcome,
        replied_on=event.on, details=event.reason if event.kind in (EventKind.ANSWERED, EventKind.REANSWERED) else "",
        fee_amount=int(charged) if charged is not None else None, applicant_kind=app.applicant_kind, doc_number=doc_number,
        reconsideration_body=office.reconsideration_body, court=office.court,
        correction_requested_on=requested.on if requested else None, corrected_on=corrected.on if corrected else None,
        contact_person=office.contact_person, contact_phone=office.contact_phone or office.phone or app.agency.phone,
    )
