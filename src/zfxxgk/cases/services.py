"""Every action on an application. Views, the API, imports and the admin all call these, so a rule
is enforced in one place. Each action validates, appends its event and refreshes the cached
state in one transaction; a refused action raises a :class:`CaseError` (Chinese message) and
changes nothing. The error says what kind of refusal it is, and its HTTP ``status``:
:class:`CaseStateError` (409, the case's state does not allow it), :class:`CaseForbidden` (403, this
user may not) and :class:`CaseInvalid` (422, the data or the day is not acceptable).
"""
from __future__ import annotations

import logging
import secrets
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..agencies.access import can_approve_extension
from ..agencies.models import Agency
from . import fees
from .calendar import current_calendar
from .choices import (
    CONFIRMATION_CHANNELS, LAPSE_OUTCOMES, NOTE_EVENTS, ApplicantKind, AppealKind, AppealResult, Channel,
    ConsultationParty, Delivery, EventKind, IdType, Outcome, RequestedForm, State,
)
from .deadlines import MAX_EXTENSION_DAYS, Timeline, replay
from .models import IMPORTED_SEQ, Appeal, Application, Event, NumberSequence
from . import signoff

log = logging.getLogger(__name__)

class CaseError(Exception):
    """An action refused: ``message`` is for the user (Chinese); ``status`` is the HTTP status an
    API answers with. Raised as one of the subclasses below; catch this one for all of them."""

    status = 422

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class CaseStateError(CaseError):
    """The case (or appeal) is not in a state that allows the action: closed, another stage, already
    done once (补正 is notified once, an extension asked once, an appeal decided once), or a number
    already taken. Valid data; the same request may be right for another case."""

    status = 409


class CaseForbidden(CaseError):
    """The user may not take this action (an extension approved by someone who is not the office head)."""

    status = 403


class CaseInvalid(CaseError):
    """The data is not acceptable: a missing or unknown field, a day in the future or out of the
    period, a deadline that has not yet passed."""

    status = 422


def today() -> date:
    """China's calendar day now (TIME_ZONE is Asia/Shanghai); one place, so tests can move it."""
    return timezone.localdate()


def _require(condition: bool, message: str, error: type[CaseError]) -> None:
    """Refuse with ``error`` (the kind of refusal, always given) unless ``condition`` holds."""
    if not condition:
        raise error(message)


def _choice(value: str, choices, what: str) -> str:
    _require(value in choices.values, f"未知的{what}：“{value}”。可选：{'、'.join(choices.labels)}", CaseInvalid)
    return value


# --- registration --------------------------------------------------------------------------------

@dataclass
class NewApplication:
    """The fields of 条例第二十九条 plus how the application arrived (第三十一条)."""

    applicant_kind: str
    applicant_name: str
    description: str
    channel: str
    submitted_on: date
    id_type: str = IdType.RESIDENT_ID
    id_number: str = ""
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    document_number: str = ""
    requested_form: str = RequestedForm.ELECTRONIC
    delivery: str = Delivery.EMAIL
    signed_on: date | None = None  # 邮政快递: the day the agency signed for it


def register(agency: Agency, new: NewApplication, actor=None, *, number: str | None = None, source: str = "") -> Application:
    """Register an application, give it the agency's next number and a query code.

    ``number`` keeps the number an application already has (records migrated from a Word/Excel
    ledger); ``source`` says where such a record came from and is kept on the registration event —
    historical records may lack the contact details a new application must give. Such a record
    takes no number of the platform's sequence (its ``seq`` is :data:`IMPORTED_SEQ`), so the numbers
    the platform hands out per agency and year stay 1, 2, 3, … whatever is imported.
    """
    _choice(new.applicant_kind, ApplicantKind, "申请人类型")
    _choice(new.channel, Channel, "申请渠道")
    _choice(new.id_type, IdType, "证件类型")
    _choice(new.requested_form, RequestedForm, "信息提供形式")
    _choice(new.delivery, Delivery, "获取信息的方式")
    _require(bool(new.applicant_name.strip()), "请填写申请人姓名或名称（条例第二十九条第（一）项）。", CaseInvalid)
    _require(bool(new.description.strip()), "请填写所需政府信息的名称、文号或者便于查询的特征性描述（条例第二十九条第（二）项）。", CaseInvalid)
    _require(bool(source or new.phone.strip() or new.email.strip() or new.address.strip()), "请至少填写一种联系方式（条例第二十九条第（一）项）。", CaseInvalid)
    _require(new.submitted_on <= today(), "提交日期不能晚于今天。", CaseInvalid)
    if new.channel == Channel.POST_SIGNED:
        _require(new.signed_on is not None, "邮政快递寄送的申请，请填写签收日期（条例第三十一条第（二）项）。", CaseInvalid)
        _require(new.submitted_on <= new.signed_on <= today(), "签收日期应在寄出日期之后、今天之前。", CaseInvalid)
    if number is not None:
        _require(bool(number.strip()), "编号不能为空。", CaseInvalid)
    received_on = _receipt_day(new)
    year = new.submitted_on.year
    taken = f"本机关已有编号为“{number}”的申请。"
    with transaction.atomic():
        counter = _counter(agency, year)  # locked: registrations of one agency and year queue here
        if number is None:
            seq = _next_number(agency, counter)
            number = _format(agency, year, seq)
        else:
            seq = IMPORTED_SEQ
            _require(not Application.objects.filter(agency=agency, number=number).exists(), taken, CaseStateError)
        app = Application(
            agency=agency, year=year, seq=seq, number=number,
            query_code=new_query_code(), received_on=received_on, state=State.PROCESSING, created_by=actor,
            **{k: getattr(new, k) for k in (
                "applicant_kind", "applicant_name", "id_type", "id_number", "contact_person", "phone", "email",
                "address", "channel", "submitted_on", "signed_on", "description", "document_number",
                "requested_form", "delivery",
            )},
        )
        try:
            with transaction.atomic():  # a savepoint: the transaction stays usable after a refusal
                app.save()
        except IntegrityError:
            # Another transaction (of another year's counter) committed the same number first.
            if Application.objects.filter(agency=agency, number=number).exists():
                raise CaseStateError(taken) from None
            raise
        _append(app, EventKind.REGISTERED, new.submitted_on, actor, source)
        log.info("application %s registered for agency %s", app.number, agency.pk)
        return app


def _receipt_day(new: NewApplication) -> date | None:
    """条例第三十一条: the day of receipt by channel; None while awaiting confirmation."""
    if new.channel == Channel.IN_PERSON:
        return new.submitted_on
    if new.channel == Channel.POST_SIGNED:
        return new.signed_on
    return None  # 平常信函、互联网、传真、电子邮件: 以双方确认之日为收到申请之日


def _counter(agency: Agency, year: int) -> NumberSequence:
    """The agency's counter for ``year``, locked until the transaction ends."""
    NumberSequence.objects.get_or_create(agency=agency, year=year)
    return NumberSequence.objects.select_for_update().get(agency=agency, year=year)


def _format(agency: Agency, year: int, seq: int) -> str:
    return agency.number_pattern.format(code=agency.code, year=year, seq=seq)


def _next_number(agency: Agency, counter: NumberSequence) -> int:
    """The next sequence number, under the counter's row lock (gapless and unique under concurrent
    registrations). A number an imported record already holds is passed over: it exists, so the
    agency's numbers still have no gap, and handing it out again would be a duplicate."""
    seq = counter.last + 1
    while Application.objects.filter(agency=agency, number=_format(agency, counter.year, seq)).exists():
        seq += 1
    NumberSequence.objects.filter(pk=counter.pk).update(last=seq)
    counter.last = seq
    return seq


def clean_query_code(typed: str) -> str:
    """A query code as people type or read it out (any case, with spaces or dashes) in its stored form."""
    return "".join(typed.split()).replace("-", "").upper()


def new_query_code() -> str:
    """Unguessable: 12 characters from a 32-letter alphabet without look-alikes (60 bits)."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(12))


# --- actions ---------------------------------------------------------------------------------------

def timeline(app: Application, *, on: date | None = None, calendar=None, events=None) -> Timeline:
    """The application's state and due dates replayed from its events (pass them if already loaded)."""
    # received_on is what registration knew (in person, signed post); confirmation events add it later.
    received = app.received_on if app.channel not in CONFIRMATION_CHANNELS else None
    return replay(app.channel, received, events if events is not None else app.events.order_by("on", "id"), calendar or current_calendar(), on or today())


def _append(app: Application, kind: str, on: date, actor=None, reason: str = "", **data) -> Event:
    event = Event.objects.create(application=app, kind=kind, on=on, actor=actor, reason=reason, data=data)
    _refresh(app)
    return event


def _refresh(app: Application, calendar=None) -> None:
    t = timeline(app, calendar=calendar)
    app.state, app.due_on, app.due_provisional = t.state, t.due_on, t.provisional
    app.outcome, app.closed_on = t.outcome, t.closed_on
    app.received_on = t.received_on
    app.save(update_fields=["state", "due_on", "due_provisional", "outcome", "closed_on", "received_on"])


def refresh_open_cases(agencies=None) -> int:
    """Recompute the cached due dates of open cases: a running pause moves them every day, and a
    newly entered holiday schedule turns 暂定 dates into final ones."""
    calendar = current_calendar()
    qs = Application.objects.exclude(state=State.CLOSED)
    if agencies is not None:
        qs = qs.filter(agency__in=agencies)
    n = 0
    for app in qs.iterator():
        _refresh(app, calendar)
        n += 1
    return n


@contextmanager
def _acting(app: Application, on: date):
    """One action: a transaction, the application row locked and re-read, and the common checks
    (not closed, the day not in the future nor before receipt)."""
    with transaction.atomic():
        app = _locked(app)
        _open(app, on)
        yield app


def _locked(app: Application) -> Application:
    return Application.objects.select_for_update().get(pk=app.pk)


def _open(app: Application, on: date) -> None:
    _require(app.state != State.CLOSED, f"申请 {app.number} 已办结，不能再办理。", CaseStateError)
    _not_future(on)
    if app.received_on:
        _require(on >= app.received_on, f"日期不能早于收到申请之日（{app.received_on}）。", CaseInvalid)
    _after_history(app, on)


def _not_future(on: date, what: str = "日期") -> None:
    _require(on <= today(), f"{what}不能晚于今天（{today()}）。", CaseInvalid)


def effective_events(app: Application) -> list[Event]:
    """The steps of the procedure that count: every event but the voided ones and the records about
    the record (更正、指定承办人、复议诉讼), oldest first."""
    events = list(app.events.order_by("on", "id"))
    voided = {int(e.data["voids"]) for e in events if e.kind == EventKind.VOIDED}
    return [e for e in events if e.pk not in voided and e.kind not in NOTE_EVENTS]


def _after_history(app: Application, on: date) -> None:
    """Each step is dated on or after the step before it: a date that contradicts the case (an answer
    before the corrected application arrived, a payment before the fee notice) is refused."""
    steps = effective_events(app)
    if steps:
        last = steps[-1]
        _require(on >= last.on, f"日期不能早于上一项办理记录（{last.on} {last.get_kind_display()}）。", CaseInvalid)


def confirm_receipt(app: Application, on: date, actor=None) -> Application:
    """第三十一条: for letters without signature, internet and fax the confirmation day is the day of receipt."""
    with transaction.atomic():
        app = _locked(app)
        _require(app.state == State.AWAITING_CONFIRMATION, "该申请无需确认收到日期。", CaseStateError)
        _require(app.channel in CONFIRMATION_CHANNELS, "该渠道的申请不需要确认。", CaseStateError)
        _require(app.submitted_on <= on <= today(), "确认日期应在提交日期之后、今天之前。", CaseInvalid)
        _append(app, EventKind.CONFIRMED, on, actor)
        return app


def request_correction(app: Application, on: date, until: date, items: str, actor=None) -> Application:
    """第三十条: one notice listing everything to correct, within 7 working days of receipt."""
    with _acting(app, on) as app:
        _require(app.state == State.PROCESSING, f"当前状态为“{app.get_state_display()}”，不能告知补正。", CaseStateError)
        _require(not app.events.filter(kind=EventKind.CORRECTION_REQUESTED).exists(), "补正应当一次性告知，该申请已告知过补正（条例第三十条）。", CaseStateError)
        _require(until > on, "补正期限应晚于告知日期。", CaseInvalid)
        _require(bool(items.strip()), "请写明需要补正的事项（条例第三十条）。", CaseInvalid)
        _append(app, EventKind.CORRECTION_REQUESTED, on, actor, items, until=until.isoformat())
        return app


def receive_correction(app: Application, on: date, actor=None, text: str = "", *, online: bool = False) -> Application:
    """第三十条: the reply period runs from the day the corrected application arrives. ``text`` is what the
    applicant wrote; ``online`` marks a 补正 the applicant submitted on the status page."""
    asked = next((e for e in reversed(effective_events(app)) if e.kind == EventKind.CORRECTION_REQUESTED), None)
    if asked is not None:
        _require(on >= asked.on, f"收到补正材料的日期不能早于告知补正之日（{asked.on}）。", CaseInvalid)
    with _acting(app, on) as app:
        _require(app.state == State.CORRECTION, "该申请不在待补正状态。", CaseStateError)
        _append(app, EventKind.CORRECTION_RECEIVED, on, actor, text, **({"online": True} if online else {}))
        return app


def lapse_correction(app: Application, on: date, actor=None) -> Application:
    """第三十条: no correction in time without good reason — 视为放弃申请 (table 三 R21)."""
    with _acting(app, on) as app:
        _require(app.state == State.CORRECTION, "该申请不在待补正状态。", CaseStateError)
        t = timeline(app)
        _require(on > t.correction_until, f"补正期限至 {t.correction_until}，期限届满前不能按逾期不补正处理。", CaseInvalid)
        _append(app, EventKind.CORRECTION_LAPSED, on, actor, "申请人无正当理由逾期不补正", outcome="other_no_correction")
        return app


def start_consultation(app: Application, on: date, party: str, reason: str, actor=None, *,
                       party_name: str = "", party_address: str = "") -> Application:
    """第三十二条 (third party) / 第三十四条 (other agencies): 15 working days, outside the reply period.
    The party consulted is recorded by name and address: the 征求第三方意见书 is written to them (a
    consultation recorded without a name — imports, older records — gets no letter)."""
    with _acting(app, on) as app:
        _choice(party, ConsultationParty, "征求意见对象")
        _require(app.state == State.PROCESSING, f"当前状态为“{app.get_state_display()}”，不能发起征求意见。", CaseStateError)
        if party_name.strip():  # the workspace form asks for both for a third party
            _require(bool(party_address.strip()), "请填写被征求意见方的通信地址，征求意见书将寄送至该地址（条例第三十二条）。", CaseInvalid)
        named = {"party_name": party_name.strip(), "party_address": party_address.strip()} if party_name.strip() else {}
        _append(app, EventKind.CONSULTATION_STARTED, on, actor, reason, party=party, **named)
        return app


def end_consultation(app: Application, on: date, reason: str = "", actor=None) -> Application:
    with _acting(app, on) as app:
        _require(app.state == State.CONSULTING, "该申请没有正在进行的征求意见。", CaseStateError)
        started = app.events.filter(kind=EventKind.CONSULTATION_STARTED).latest("on", "id").on
        _require(on >= started, f"结束日期不能早于发起日期（{started}）。", CaseInvalid)
        _append(app, EventKind.CONSULTATION_ENDED, on, actor, reason)
        return app


def request_extension(app: Application, on: date, days: int, reason: str, actor=None) -> Application:
    """第三十三条第二款: asked by the clerk, it waits in the office head's queue (zfxxgk.approvals)."""
    with _acting(app, on) as app:
        _require(app.state not in (State.AWAITING_CONFIRMATION, State.CORRECTION), f"当前状态为“{app.get_state_display()}”，不能申请延期。", CaseStateError)
        _require(0 < days <= MAX_EXTENSION_DAYS, f"延长的期限最长不得超过{MAX_EXTENSION_DAYS}个工作日（条例第三十三条第二款）。", CaseInvalid)
        _require(bool(reason.strip()), "请说明需要延长答复期限的理由。", CaseInvalid)
        steps = effective_events(app)
        _require(not any(e.kind == EventKind.EXTENSION_APPROVED for e in steps), "该申请已经延期，答复期限只能延长一次。", CaseStateError)
        _require(not timeline(app).extension_requested, "该申请的延期申请正在等待负责人审批。", CaseStateError)
        event = _append(app, EventKind.EXTENSION_REQUESTED, on, actor, reason, days=days)
        signoff.submit_extension(app, event, actor)
        return app


def approve_extension(app: Application, on: date, approver, reason: str = "", days: int | None = None) -> Application:
    """第三十三条第二款: only with the consent of the head of the disclosure office, at most 20 days;
    ``days`` fewer than asked shortens the extension (with a reason)."""
    return decide_extension(app, on, approver, approve=True, days=days, reason=reason)


def refuse_extension(app: Application, on: date, approver, reason: str) -> Application:
    """The office head does not agree: the reply period stays as it was."""
    return decide_extension(app, on, approver, approve=False, reason=reason)


def decide_extension(app: Application, on: date, approver, *, approve: bool, days: int | None = None, reason: str = "") -> Application:
    """The head's decision on a pending extension, taken through the approval chain (its history
    keeps the decision); the approval's hook appends 批准延期 or 不同意延期 (:mod:`.signoff`)."""
    with _acting(app, on) as app:
        _require(can_approve_extension(approver, app.agency_id), "只有政府信息公开工作机构负责人可以批准延期（条例第三十三条第二款）。", CaseForbidden)
        t = timeline(app)
        requested = next((e for e in reversed(effective_events(app)) if e.kind == EventKind.EXTENSION_REQUESTED), None)
        _require(t.extension_requested and requested is not None, "该申请没有待批准的延期申请。", CaseStateError)
        asked = int(requested.data["days"])
        reason = reason.strip()
        if approve:
            days = asked if days is None else int(days)
            _require(0 < days <= asked, f"批准延长的期限应为1至{asked}个工作日（申请延长{asked}个工作日）。", CaseInvalid)
            _require(days == asked or bool(reason), "缩短延长期限时，请说明理由。", CaseInvalid)
            _require(t.due_on is None or on <= t.due_on, f"答复期限已于 {t.due_on} 届满，不能再批准延期。", CaseInvalid)
        else:
            _require(bool(reason), "不同意延期时，请说明理由。", CaseInvalid)
        signoff.decide(requested, approver, approve=approve, comment=reason, on=on, days=days)
        return app


def issue_fee_notice(app: Application, on: date, method: str, quantity: int, actor=None, *, items_before: int = 0) -> Application:
    """国办函〔2020〕109号: a fee notice within the reply period; the applicant has 20 working days to pay."""
    with _acting(app, on) as app:
        _require(app.state == State.PROCESSING, f"当前状态为“{app.get_state_display()}”，不能发出收费通知。", CaseStateError)
        _require(not app.events.filter(kind=EventKind.FEE_NOTICE).exists(), "该申请已经发出过收费通知。", CaseStateError)
        try:
            fee = fees.per_item(items_before, quantity) if method == fees.PER_ITEM else fees.per_page(quantity) if method == fees.PER_PAGE else None
        except ValueError as exc:
            raise CaseInvalid(str(exc)) from exc
        _require(fee is not None, "收费方式应为按件计收或按量计收（两者不得同时适用）。", CaseInvalid)
        _require(fee.amount > 0, f"按所选方式计算不收费（{fee.working}），无需发出收费通知。", CaseInvalid)
        _append(app, EventKind.FEE_NOTICE, on, actor, fee.working, method=fee.method, quantity=fee.quantity, amount=fee.amount, working=fee.working)
        return app


def record_payment(app: Application, on: date, actor=None) -> Application:
    with _acting(app, on) as app:
        _require(app.state == State.FEE_PENDING, "该申请没有待缴纳的信息处理费。", CaseStateError)
        _append(app, EventKind.FEE_PAID, on, actor)
        return app


def lapse_fee(app: Application, on: date, actor=None) -> Application:
    """Unpaid within 20 working days: 视为放弃申请 (table 三 R22)."""
    with _acting(app, on) as app:
        _require(app.state == State.FEE_PENDING, "该申请没有待缴纳的信息处理费。", CaseStateError)
        pause = [p for p in timeline(app).pauses if p.kind == "fee"][-1]
        _require(on > pause.due, f"缴费期限至 {pause.due}，期限届满前不能按逾期未缴费处理。", CaseInvalid)
        _append(app, EventKind.FEE_LAPSED, on, actor, "申请人逾期未按收费通知要求缴纳费用", outcome="other_no_fee_payment")
        return app


def defer(app: Application, on: date, until: date, reason: str, actor=None) -> Application:
    """第三十五条: excessive but reasonable applications may get a reasonable later reply date."""
    with _acting(app, on) as app:
        _require(app.state == State.PROCESSING, f"当前状态为“{app.get_state_display()}”，不能确定延迟答复期限。", CaseStateError)
        _require(until > on, "延迟答复期限应晚于今天。", CaseInvalid)
        _require(bool(reason.strip()), "请说明理由（条例第三十五条）。", CaseInvalid)
        _append(app, EventKind.DEFERRED, on, actor, reason, until=until.isoformat())
        return app


def answer(app: Application, on: date, outcome: str, actor=None, reason: str = "", *, sign_off: bool = True) -> Application:
    """Close the application with exactly one of the table-三 outcomes (R03–R23).

    When the agency requires the leader's 审签 (``Agency.reply_signoff``), the reply is sent for
    sign-off instead and is issued — the case closed — on the day the leader agrees
    (:mod:`.signoff`); a leader's own reply needs no second signature. ``sign_off=False``: records
    migrated from a ledger, answered long ago."""
    with _acting(app, on) as app:
        _choice(outcome, Outcome, "办理结果")
        _require(outcome not in LAPSE_OUTCOMES, "逾期不补正、逾期未缴费由相应的“逾期”操作办结。", CaseInvalid)
        _require(app.state in (State.PROCESSING, State.CONSULTING), f"当前状态为“{app.get_state_display()}”，不能答复。", CaseStateError)
        if outcome == "unable_unclear_after_correction":
            _require(any(e.kind == EventKind.CORRECTION_RECEIVED for e in effective_events(app)), "只有补正后内容仍不明确的申请才能选择此结果（条例第三十条）。", CaseInvalid)
        _require(not timeline(app).reply_pending, "该申请的答复正在等待分管领导审签。", CaseStateError)
        if sign_off and app.agency.reply_signoff and not signoff.is_leader(actor, app.agency_id):
            event = _append(app, EventKind.REPLY_SUBMITTED, on, actor, reason, outcome=outcome)
            signoff.submit_reply(app, event, actor)
            return app
        close_with_answer(app, on, outcome, actor, reason)
        return app


def close_with_answer(app: Application, on: date, outcome: str, actor, reason: str, **data) -> Event:
    """The answer itself, under the caller's lock: ends a consultation left open, closes the case."""
    if app.state == State.CONSULTING:  # the answer ends a consultation that was left open
        _append(app, EventKind.CONSULTATION_ENDED, on, actor, "答复时结束征求意见")
    return _append(app, EventKind.ANSWERED, on, actor, reason, outcome=outcome, **data)


def add_appeal(app: Application, kind: str, filed_on: date, result: str = AppealResult.PENDING, decided_on: date | None = None, note: str = "", actor=None) -> Appeal:
    """Record a 行政复议/行政诉讼 about an application (counted in table 四), as an event too."""
    _choice(kind, AppealKind, "复议诉讼类型")
    _choice(result, AppealResult, "复议诉讼结果")
    _not_future(filed_on, "立案日期")
    _require((result == AppealResult.PENDING) == (decided_on is None), "已审结的复议或诉讼请填写审结日期；尚未审结的不填。", CaseInvalid)
    _require(decided_on is None or decided_on >= filed_on, "审结日期不能早于立案日期。", CaseInvalid)
    if decided_on is not None:
        _not_future(decided_on, "审结日期")
    # 条例第五十一条: an appeal is about an application the agency received (or at least was sent).
    received = app.received_on or app.submitted_on
    _require(filed_on >= received, f"立案（申请）日期不能早于{'收到申请之日' if app.received_on else '提交申请之日'}（{received}）。", CaseInvalid)
    with transaction.atomic():
        _locked(app)  # one action on the application at a time
        appeal = Appeal.objects.create(application=app, kind=kind, filed_on=filed_on, result=result, decided_on=decided_on, note=note)
        _append(app, EventKind.APPEAL_FILED, filed_on, actor, note, appeal=appeal.pk, appeal_kind=kind)
        if decided_on:
            _append(app, EventKind.APPEAL_DECIDED, decided_on, actor, "", appeal=appeal.pk, result=result)
        return appeal


def decide_appeal(appeal: Appeal, result: str, decided_on: date, actor=None) -> Appeal:
    """Record the decision of a pending 复议 or 诉讼 — once: the rows are locked and re-read, so of two
    clerks deciding at the same moment the second is told it is already decided."""
    _choice(result, AppealResult, "复议诉讼结果")
    _require(result != AppealResult.PENDING, "请选择审结结果。", CaseInvalid)
    with transaction.atomic():
        _locked(appeal.application)  # the application first, as every action locks it
        current = Appeal.objects.select_for_update().get(pk=appeal.pk)
        _require(current.result == AppealResult.PENDING, "该复议或诉讼已经审结。", CaseStateError)
        _require(current.filed_on <= decided_on <= today(), "审结日期应在立案日期之后、今天之前。", CaseInvalid)
        current.result, current.decided_on = result, decided_on
        current.save(update_fields=["result", "decided_on"])
        _append(appeal.application, EventKind.APPEAL_DECIDED, decided_on, actor, "", appeal=appeal.pk, result=result)
    appeal.result, appeal.decided_on = result, decided_on  # the caller's copy too
    return appeal
