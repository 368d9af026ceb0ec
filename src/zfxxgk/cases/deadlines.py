"""The state and due dates of an application, derived from its events alone.

Nothing here reads the database: give it the application's channel and receipt day and its
events in order, and it replays them. The result explains itself (``working``), so a clerk sees
why the due date is what it is. Articles cited are those of the 2019 条例.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable, Protocol

from ..workdays import Due, WorkCalendar, add_workdays
from .choices import CONFIRMATION_CHANNELS, EventKind, State

REPLY_DAYS = 20  # 第三十三条第二款
CORRECTION_NOTICE_DAYS = 7  # 第三十条
CONSULTATION_DAYS = 15  # 第三十二条、第三十四条
MAX_EXTENSION_DAYS = 20  # 第三十三条第二款
FEE_PAYMENT_DAYS = 20  # 国办函〔2020〕109号 / spec §12.4


class EventLike(Protocol):
    id: int | None
    kind: str
    on: date
    data: dict
    reason: str


@dataclass
class Pause:
    kind: str  # consultation | fee
    start: date
    end: date | None  # None while still running
    due: date  # the other side's deadline (15 working days to answer, 20 to pay)
    label: str


@dataclass
class Timeline:
    state: str
    received_on: date | None
    clock_from: date | None = None  # receipt, or receipt of the corrected application (第三十条)
    reply_due: Due | None = None
    deferred_to: date | None = None  # 第三十五条: a reasonable later date set by the agency
    correction_notice_due: date | None = None
    correction_until: date | None = None
    extension_days: int = 0
    extension_requested: bool = False
    pauses: list[Pause] = field(default_factory=list)
    outcome: str | None = None
    closed_on: date | None = None
    working: list[str] = field(default_factory=list)
    awaiting_correction: bool = False
    reply_pending: bool = False  # a reply waits for the leader's 审签
    voided: set[int] = field(default_factory=set)  # ids of the events a 更正 voided

    @property
    def due_on(self) -> date | None:
        if self.state in (State.CLOSED, State.CORRECTION):
            return None  # 第三十条: while a correction is awaited no reply is due (not even a deferred one)
        if self.deferred_to:
            return self.deferred_to
        return self.reply_due.due if self.reply_due else None

    @property
    def provisional(self) -> bool:
        return bool(self.reply_due and self.reply_due.provisional)

    @property
    def paused(self) -> bool:
        return any(p.end is None for p in self.pauses)

    def overdue(self, today: date) -> bool:
        due = self.due_on
        return due is not None and not self.paused and today > due


def replay(channel: str, received_on: date | None, events: Iterable[EventLike], calendar: WorkCalendar, today: date) -> Timeline:
    """Replay the events of one application (oldest first) into its timeline."""
    t = Timeline(State.AWAITING_CONFIRMATION if received_on is None else State.PROCESSING, received_on)
    w = t.working
    events = list(events)
    # A 更正 voids an event for good: the replay passes over it as if it had never been recorded
    # (it stays in the history, marked), so the due date is what the remaining events give.
    t.voided = {int(ev.data["voids"]) for ev in events if ev.kind == EventKind.VOIDED}
    for ev in events:
        kind = ev.kind
        if getattr(ev, "id", None) in t.voided:
            continue
        if kind == EventKind.VOIDED:
            w.append(f"{ev.on} 更正：{ev.data.get('voided_on', '')} 的“{ev.data.get('voided_label', '')}”记录作废，不再计算（{ev.reason}）")
        elif kind == EventKind.REGISTERED:
            if received_on is not None:
                w.append(f"收到申请之日：{received_on}（第三十一条）")
            elif channel in CONFIRMATION_CHANNELS:
                w.append("待与申请人确认收到申请之日（第三十一条）")
        elif kind == EventKind.CONFIRMED:
            t.received_on = ev.on
            w.append(f"{ev.on} 与申请人确认，确认之日为收到申请之日（第三十一条）")
        elif kind == EventKind.CORRECTION_REQUESTED:
            t.correction_until = date.fromisoformat(ev.data["until"])
            t.awaiting_correction = True
            w.append(f"{ev.on} 一次性告知补正，补正期限至 {t.correction_until}；答复期限自收到补正申请之日起计算（第三十条）")
        elif kind == EventKind.CORRECTION_RECEIVED:
            t.clock_from = ev.on
            t.awaiting_correction = False
            w.append(f"{ev.on} 收到补正后的申请，答复期限重新起算（第三十条）")
        elif kind == EventKind.CONSULTATION_STARTED:
            due = add_workdays(calendar, ev.on, CONSULTATION_DAYS).due
            label = "征求第三方意见（第三十二条）" if ev.data.get("party") == "third_party" else "征求其他机关意见（第三十四条）"
            t.pauses.append(Pause("consultation", ev.on, None, due, label))
            w.append(f"{ev.on} {label}，对方应于 {due} 前答复；所需时间不计入答复期限（第三十三条第三款）")
        elif kind == EventKind.CONSULTATION_ENDED:
            _end(t, "consultation", ev.on)
            w.append(f"{ev.on} 征求意见结束")
        elif kind == EventKind.EXTENSION_REQUESTED:
            t.extension_requested = True
            w.append(f"{ev.on} 申请延长答复期限 {ev.data.get('days')} 个工作日：{ev.reason}")
        elif kind == EventKind.EXTENSION_APPROVED:
            t.extension_requested = False
            t.extension_days += int(ev.data["days"])
            w.append(f"{ev.on} 经政府信息公开工作机构负责人{ev.data.get('approver', '')}同意，延长 {ev.data['days']} 个工作日（第三十三条第二款）")
        elif kind == EventKind.EXTENSION_REFUSED:
            t.extension_requested = False
            w.append(f"{ev.on} 政府信息公开工作机构负责人{ev.data.get('approver', '')}不同意延期，答复期限不变")
        elif kind == EventKind.REPLY_SUBMITTED:
            t.reply_pending = True
            w.append(f"{ev.on} 答复送分管领导审签")
        elif kind == EventKind.REPLY_RETURNED:
            t.reply_pending = False
            w.append(f"{ev.on} 审签退回，答复未发出")
        elif kind == EventKind.FEE_NOTICE:
            due = add_workdays(calendar, ev.on, FEE_PAYMENT_DAYS).due
            t.pauses.append(Pause("fee", ev.on, None, due, "收费通知"))
            w.append(f"{ev.on} 发出收费通知 {ev.data.get('amount')} 元（{ev.data.get('working', '')}），申请人应于 {due} 前缴纳；期间不计入答复期限")
        elif kind == EventKind.FEE_PAID:
            _end(t, "fee", ev.on)
            w.append(f"{ev.on} 申请人已缴纳信息处理费")
        elif kind == EventKind.DEFERRED:
            t.deferred_to = date.fromisoformat(ev.data["until"])
            w.append(f"{ev.on} 申请数量、频次明显超过合理范围，确定延迟答复期限至 {t.deferred_to}（第三十五条）")
        elif kind in (EventKind.ANSWERED, EventKind.CORRECTION_LAPSED, EventKind.FEE_LAPSED):
            t.outcome = ev.data["outcome"]
            t.awaiting_correction = t.reply_pending = False
            t.closed_on = ev.on
            w.append(f"{ev.on} 办结")
        elif kind == EventKind.REANSWERED and t.closed_on is not None:
            t.reply_pending = False
            # 条例第五十一条: an appeal ended 结果纠正 and the agency answers again. Table 三 counts an
            # application once, in one row (its R04 note; T3-BAL: R01 + R02 = R24 + R25): a re-answer
            # within the year of the first answer replaces its row; one in a later year leaves the
            # year already reported as it was — counting it again there would count an application
            # that year neither received nor carried over. Table 四 counts the appeal as 结果纠正.
            if ev.on.year == t.closed_on.year:
                t.outcome, t.closed_on = ev.data["outcome"], ev.on
                w.append(f"{ev.on} 重新答复（同一年度内，年度报告按重新答复的结果统计）")
            else:
                w.append(f"{ev.on} 重新答复（原答复已计入 {t.closed_on.year} 年度报告，不再重复统计）")
    t.state = _state(t)
    _compute_due(t, calendar, today)
    return t


def _state(t: Timeline) -> str:
    if t.outcome:
        return State.CLOSED
    if t.received_on is None:
        return State.AWAITING_CONFIRMATION
    if t.awaiting_correction:
        return State.CORRECTION
    running = [p for p in t.pauses if p.end is None]
    if running:
        return State.CONSULTING if running[-1].kind == "consultation" else State.FEE_PENDING
    return State.PROCESSING


def _end(t: Timeline, kind: str, on: date) -> None:
    for p in reversed(t.pauses):
        if p.kind == kind and p.end is None:
            p.end = on
            return


def _compute_due(t: Timeline, calendar: WorkCalendar, today: date) -> None:
    if t.received_on is None:
        return
    t.correction_notice_due = add_workdays(calendar, t.received_on, CORRECTION_NOTICE_DAYS).due
    if t.state in (State.CLOSED, State.CORRECTION):
        return
    start = t.clock_from or t.received_on
    # A running pause is counted up to today: the due date moves on each day it lasts.
    paused = [(_next(p.start), p.end or today) for p in t.pauses if (p.end or today) > p.start and p.start >= start]
    t.reply_due = add_workdays(calendar, start, REPLY_DAYS + t.extension_days, paused=paused)
    text = f"答复期限：自 {start} 起 {REPLY_DAYS + t.extension_days} 个工作日"
    if paused:
        text += "，扣除征求意见或缴费期间"
    text += f"，至 {t.reply_due.due}"
    if t.reply_due.provisional:
        text += f"【暂定：{t.reply_due.reason}】"
    t.working.append(text)


def _next(d: date) -> date:
    return d + timedelta(days=1)
