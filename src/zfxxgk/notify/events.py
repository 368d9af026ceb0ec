"""Which case events (:mod:`zfxxgk.cases.services`) tell whom.

The applicant hears of every notice the procedure gives them and of the answer; staff hear of a
new online application, which waits for their 确认收到 (条例第三十一条). Records migrated from a
ledger (registered with a ``source``) tell nobody: their events happened long ago.

A step whose event issued a notice document (:mod:`zfxxgk.cases.notices`, in the same transaction)
names it — its title and 文号, and that it can be downloaded from the status page. An event with a
notice but no message of its own (重新答复, 逾期未补正, 逾期未缴费: each issues a 答复告知书) sends
the generic ``notice_issued`` message.

Each event's messages carry the key ``event:<event id>``: a message is made once per event and
channel, whatever calls first.
"""
from __future__ import annotations

import logging
from datetime import date

from ..cases.choices import EventKind
from ..cases.models import IMPORTED_SEQ, Event, Notice
from ..cases.notices.issue import KIND_OF_EVENT
from . import services

log = logging.getLogger(__name__)

TO_APPLICANT = {
    EventKind.CORRECTION_REQUESTED: "correction_requested",  # 条例第三十条
    EventKind.EXTENSION_APPROVED: "extension_approved",      # 条例第三十三条第二款
    EventKind.FEE_NOTICE: "fee_notice",                      # 国办函〔2020〕109号
    EventKind.DEFERRED: "deferred",                          # 条例第三十五条
    EventKind.ANSWERED: "answered",
}
ONLINE_CHANNELS = {"internet"}  # the public portal and the API


def tells_someone(kind: str) -> bool:
    return kind in TO_APPLICANT or kind in KIND_OF_EVENT or kind == EventKind.REGISTERED


def event_committed(event_id: int) -> None:
    event = Event.objects.select_related("application__agency").filter(pk=event_id).first()
    if event is None:
        return
    app = event.application
    if _migrated(app):
        return
    key = f"event:{event.pk}"
    if event.kind == EventKind.REGISTERED:
        if app.channel in ONLINE_CHANNELS:
            services.send_to_staff(app.agency, "new_online", key=key, application=app)
        return
    notice = Notice.objects.filter(event=event, to_applicant=True).first()
    if event.kind in TO_APPLICANT:
        services.send_to_applicant(app, TO_APPLICANT[event.kind], {**_details(event), "notice": notice}, key=key)
    elif notice is not None:
        services.send_to_applicant(app, "notice_issued", {"notice": notice, "title": notice.title, "document_number": notice.number}, key=key)


def _migrated(app) -> bool:
    if app.seq == IMPORTED_SEQ:
        return True
    return app.events.filter(kind=EventKind.REGISTERED).exclude(reason="").exists()


def _details(event: Event) -> dict:
    """What the templates need beyond the application: the event and its data, dates parsed."""
    data = dict(event.data)
    for name in ("until",):
        if isinstance(data.get(name), str):
            data[name] = date.fromisoformat(data[name])
    if event.kind == EventKind.EXTENSION_APPROVED:
        # 第三十三条第二款: the applicant is told why the period is extended — the clerk's reason on the
        # request, not the head's note on approving it.
        requested = event.application.events.filter(kind=EventKind.EXTENSION_REQUESTED).order_by("on", "id").first()
        data["reason"] = requested.reason if requested else event.reason
    return {"event": event, "data": data}
