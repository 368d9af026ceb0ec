"""Which case events (:mod:`zfxxgk.cases.services`) tell whom.

The applicant hears of every notice the procedure gives them and of the answer; staff hear of a
new online application, which waits for their 确认收到 (条例第三十一条). Records migrated from a
ledger (registered with a ``source``) tell nobody: their events happened long ago.

Each event's messages carry the key ``event:<event id>``. Code that issues a notice document for the
same event and wants its own message instead (with the notice's title and 文号) calls
``send_to_applicant(app, "notice_issued", {...}, key=f"event:{event.pk}")`` inside the action's
transaction: its message is made first, and the generic one is then not made again.
"""
from __future__ import annotations

import logging
from datetime import date

from ..cases.choices import EventKind
from ..cases.models import IMPORTED_SEQ, Event
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
    return kind in TO_APPLICANT or kind == EventKind.REGISTERED


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
    services.send_to_applicant(app, TO_APPLICANT[event.kind], _details(event), key=key)


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
