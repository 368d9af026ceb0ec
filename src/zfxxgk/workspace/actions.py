"""Every action of the case page: its button, the rule it applies in plain words, its form,
when it is offered, and the service call it makes.

Whether an action is *offered* (``show``) only tidies the page; whether it is *allowed* is
decided by :mod:`zfxxgk.cases.services` (state, dates, once-only rules) and, for who may act,
by :mod:`zfxxgk.agencies.access` in the view.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from ..cases import corrections as c
from ..cases import services as s
from ..cases.choices import AppealResult, EventKind, Outcome, State
from ..cases.deadlines import CONSULTATION_DAYS, FEE_PAYMENT_DAYS, MAX_EXTENSION_DAYS, REPLY_DAYS, Timeline
from ..cases.models import Appeal, Application
from . import forms as f


@dataclass
class Situation:
    """What the page knows about a case when it decides which forms to offer."""

    app: Application
    t: Timeline
    kinds: set[str]  # kinds of the events recorded so far
    today: date


@dataclass(frozen=True)
class Action:
    name: str  # URL name (workspace:<name>) and form prefix
    title: str
    rule: str  # the rule this action applies, in plain words
    form: type
    run: Callable  # (app, cleaned_data, user, appeal) -> success message
    show: Callable[[Situation], bool]
    hint: Callable[[Situation], str] | None = None  # case-specific help (a deadline, a period)
    approver: bool = False  # needs the office head (条例第三十三条第二款)
    per_appeal: bool = False  # acts on one appeal of the case
    closes: bool = False  # ends the case: the button says so


def _due(app: Application) -> str:
    if app.due_on is None:
        return ""
    return f"答复期限现为 {app.due_on}{'（暂定）' if app.due_provisional else ''}。"


def _state(*states: str) -> Callable[[Situation], bool]:
    return lambda x: x.app.state in states


# --- run: call the service, say what happened ------------------------------------------------------

def _confirm(app, d, user, appeal):
    app = s.confirm_receipt(app, d["on"], user)
    return f"已确认：{d['on']} 为收到申请之日。{_due(app)}"


def _request_correction(app, d, user, appeal):
    s.request_correction(app, d["on"], d["until"], d["items"], user)
    return f"已记录补正告知，补正期限至 {d['until']}。收到补正材料后请点“收到补正材料”，答复期限从那天重新计算。"


def _receive_correction(app, d, user, appeal):
    app = s.receive_correction(app, d["on"], user)
    return f"已记录收到补正材料（{d['on']}）。{_due(app)}"


def _lapse_correction(app, d, user, appeal):
    s.lapse_correction(app, d["on"], user)
    return "已按“申请人无正当理由逾期不补正”办结（年度报告表三 R21）。"


def _start_consultation(app, d, user, appeal):
    s.start_consultation(app, d["on"], d["party"], d["reason"], user,
                         party_name=d.get("party_name", ""), party_address=d.get("party_address", ""))
    letter = "已生成征求第三方意见书，请下载、盖章后寄送第三方。" if d.get("party_name") else ""
    return f"已记录征求意见。征求意见期间不计入答复期限；对方应在{CONSULTATION_DAYS}个工作日内答复。{letter}"


def _end_consultation(app, d, user, appeal):
    app = s.end_consultation(app, d["on"], d.get("reason", ""), user)
    return f"征求意见已结束，答复期限继续计算。{_due(app)}"


def _request_extension(app, d, user, appeal):
    s.request_extension(app, d["on"], d["days"], d["reason"], user)
    return "已提交延期申请，已送政府信息公开工作机构负责人审批（待我审核），批准后才生效。"


def _approve_extension(app, d, user, appeal):
    if d["decision"] == f.REFUSE:
        app = s.refuse_extension(app, d["on"], user, d["reason"])
        return f"已不同意延期，答复期限不变。{_due(app)}"
    days = d["days"] if d["decision"] == f.SHORTEN else None
    app = s.approve_extension(app, d["on"], user, d.get("reason", ""), days=days)
    return f"已批准延期。{_due(app)}请告知申请人。"


def _fee_notice(app, d, user, appeal):
    app = s.issue_fee_notice(app, d["on"], d["method"], d["quantity"], user, items_before=d.get("items_before") or 0)
    event = app.events.filter(kind=EventKind.FEE_NOTICE).latest("id")
    return f"已记录收费通知：{event.data['amount']} 元（{event.data['working']}）。缴费期间不计入答复期限。"


def _record_payment(app, d, user, appeal):
    app = s.record_payment(app, d["on"], user)
    return f"已记录缴费，答复期限继续计算。{_due(app)}"


def _lapse_fee(app, d, user, appeal):
    s.lapse_fee(app, d["on"], user)
    return "已按“申请人逾期未按收费通知要求缴纳费用”办结（年度报告表三 R22）。"


def _defer(app, d, user, appeal):
    s.defer(app, d["on"], d["until"], d["reason"], user)
    return f"已确定延迟答复期限至 {d['until']}，请告知申请人（条例第三十五条）。"


def _answer(app, d, user, appeal):
    app = s.answer(app, d["on"], d["outcome"], user, d.get("reason", ""))
    if app.state != State.CLOSED:
        return "答复已送分管领导审签（本机关要求答复经审签后发出）；审签同意后申请即办结。"
    return f"已答复并办结：{Outcome(d['outcome']).label}。可以下载答复告知书。"


def _reanswer(app, d, user, appeal):
    app = c.reanswer(app, d["on"], d["outcome"], user, d.get("reason", ""))
    if s.timeline(app).reply_pending:
        return "重新答复已送分管领导审签；审签同意后发出。"
    return f"已重新答复：{Outcome(d['outcome']).label}。"


def _void_event(app, d, user, appeal):
    app = c.void_event(app, d["event"], d["reason"], user)
    return f"已作废该记录，理由记入办理记录。{_due(app) or '当前状态：' + app.get_state_display() + '。'}"


def _correct_details(app, d, user, appeal):
    changes = {k: v for k, v in d.items() if k in c.DETAIL_FIELDS}
    app = c.correct_details(app, changes, d["reason"], user)
    event = app.events.filter(kind=EventKind.DETAILS_CORRECTED).latest("id")
    return f"已更正：{'、'.join(event.data['fields'])}。原来的内容保留在办理记录中。"


def _assign(app, d, user, appeal):
    from django.contrib.auth import get_user_model

    assignee = get_user_model().objects.filter(pk=d["assignee"]).first()
    if assignee is None:
        raise s.CaseInvalid("请选择承办人。")
    c.assign(app, assignee, user)
    return f"已指定承办人：{assignee.get_full_name() or assignee.get_username()}。"


def _add_appeal(app, d, user, appeal):
    s.add_appeal(app, d["kind"], d["filed_on"], d["result"], d.get("decided_on"), d.get("note", ""), actor=user)
    return "已登记行政复议或行政诉讼（年度报告表四）。"


def _decide_appeal(app, d, user, appeal: Appeal):
    s.decide_appeal(appeal, d["result"], d["decided_on"], actor=user)
    return f"已登记审结结果：{AppealResult(d['result']).label}。"


# --- hints: this case's dates ----------------------------------------------------------------------

def _hint_correction_notice(x: Situation) -> str:
    if x.t.correction_notice_due:
        return f"本申请应在 {x.t.correction_notice_due} 前告知补正。"
    return ""


def _hint_correction_until(x: Situation) -> str:
    return f"补正期限至 {x.t.correction_until}，期满后才能按逾期不补正办结。" if x.t.correction_until else ""


def _hint_consultation(x: Situation) -> str:
    running = [p for p in x.t.pauses if p.kind == "consultation" and p.end is None]
    return f"{running[-1].label}自 {running[-1].start} 起，对方应于 {running[-1].due} 前答复。" if running else ""


def _hint_fee(x: Situation) -> str:
    running = [p for p in x.t.pauses if p.kind == "fee" and p.end is None]
    return f"缴费期限至 {running[-1].due}，期满后才能按逾期未缴费办结。" if running else ""


def _hint_extension(x: Situation) -> str:
    requested = [e for e in x.app.events.all() if e.kind == EventKind.EXTENSION_REQUESTED and e.pk not in x.t.voided]
    if not requested:
        return ""
    e = requested[-1]
    return f"{e.on} 申请延长 {e.data.get('days')} 个工作日，理由：{e.reason}"


def _may_reanswer(x: Situation) -> bool:
    corrected = sum(1 for a in x.app.appeals.all() if a.result == AppealResult.CORRECTED and a.decided_on)
    done = sum(1 for e in x.app.events.all() if e.kind == EventKind.REANSWERED and e.pk not in x.t.voided)
    return x.app.state == State.CLOSED and corrected > done and not x.t.reply_pending


def _may_void(x: Situation) -> bool:
    return c.latest_voidable(x.app) is not None


ACTIONS: dict[str, Action] = {a.name: a for a in (
    Action(
        "confirm_receipt", "确认收到申请",
        "条例第三十一条：平常信函、传真、电子邮件和网上提交的申请，以与申请人确认之日为收到申请之日，应当在收到的当日确认。",
        f.ConfirmReceiptForm, _confirm, _state(State.AWAITING_CONFIRMATION),
    ),
    Action(
        "request_correction", "告知补正",
        "条例第三十条：申请内容不明确的，应当自收到申请之日起7个工作日内一次性告知申请人补正，说明需要补正的事项和合理的补正期限。"
        "补正期间不计算答复期限，答复期限自收到补正的申请之日起计算。",
        f.RequestCorrectionForm, _request_correction,
        lambda x: x.app.state == State.PROCESSING and EventKind.CORRECTION_REQUESTED not in x.kinds,
        _hint_correction_notice,
    ),
    Action(
        "receive_correction", "收到补正材料",
        "条例第三十条：答复期限自收到补正的申请之日起重新计算20个工作日。",
        f.ReceiveCorrectionForm, _receive_correction, _state(State.CORRECTION), _hint_correction_until,
    ),
    Action(
        "lapse_correction", "逾期未补正，办结",
        "条例第三十条：申请人无正当理由逾期不补正的，视为放弃申请，行政机关不再处理。只能在补正期限届满后办结。",
        f.LapseCorrectionForm, _lapse_correction, _state(State.CORRECTION), _hint_correction_until, closes=True,
    ),
    Action(
        "start_consultation", "征求第三方或其他机关意见",
        f"条例第三十二条、第三十四条：公开可能损害第三方合法权益的，应当书面征求第三方意见；与其他机关共同制作的信息，可以征求其他机关意见。"
        f"对方应在{CONSULTATION_DAYS}个工作日内提出意见，征求意见所需时间不计算在答复期限内（第三十三条第三款）。",
        f.StartConsultationForm, _start_consultation, _state(State.PROCESSING),
    ),
    Action(
        "end_consultation", "征求意见结束",
        "收到对方意见或者对方逾期未答复时记录。从次日起答复期限继续计算。",
        f.EndConsultationForm, _end_consultation, _state(State.CONSULTING), _hint_consultation,
    ),
    Action(
        "request_extension", "申请延长答复期限",
        f"条例第三十三条第二款：不能在{REPLY_DAYS}个工作日内答复的，经政府信息公开工作机构负责人同意并告知申请人，可以延长，"
        f"延长的期限最长不得超过{MAX_EXTENSION_DAYS}个工作日。只能延长一次。",
        f.RequestExtensionForm, _request_extension,
        lambda x: x.app.state in (State.PROCESSING, State.CONSULTING, State.FEE_PENDING)
        and not x.t.extension_requested and not x.t.extension_days,
    ),
    Action(
        "approve_extension", "审批延期（负责人）",
        "条例第三十三条第二款：延长答复期限须经政府信息公开工作机构负责人同意，并在原答复期限届满前批准。"
        "负责人可以同意、缩短延长的天数或不同意；缩短和不同意须说明理由。",
        f.ApproveExtensionForm, _approve_extension,
        lambda x: x.app.state != State.CLOSED and x.t.extension_requested, _hint_extension, approver=True,
    ),
    Action(
        "issue_fee_notice", "发出收费通知",
        f"《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）：按件或按量超额累进计收，只能选一种。按量：30页以内不收费，"
        f"31—100页每页10元，101—200页每页20元，201页以上每页40元；按件：同一申请人每月10件以内不收费，11—30件每件100元，"
        f"此后每10件一档、每档每件加100元。申请人应在{FEE_PAYMENT_DAYS}个工作日内缴费，期间不计入答复期限。",
        f.FeeNoticeForm, _fee_notice,
        lambda x: x.app.state == State.PROCESSING and EventKind.FEE_NOTICE not in x.kinds,
    ),
    Action(
        "record_payment", "申请人已缴费",
        "申请人缴费后，答复期限从次日起继续计算。",
        f.RecordPaymentForm, _record_payment, _state(State.FEE_PENDING), _hint_fee,
    ),
    Action(
        "lapse_fee", "逾期未缴费，办结",
        f"申请人应当在收到收费通知次日起{FEE_PAYMENT_DAYS}个工作日内缴费，逾期未缴纳的视为放弃申请。只能在缴费期限届满后办结。",
        f.LapseFeeForm, _lapse_fee, _state(State.FEE_PENDING), _hint_fee, closes=True,
    ),
    Action(
        "defer", "确定延迟答复期限（第三十五条）",
        "条例第三十五条：申请数量、频次明显超过合理范围，申请人说明的理由合理，但无法在规定期限内答复的，可以确定延迟答复的合理期限并告知申请人。"
        "（理由不合理的，应以“不予处理 4.无正当理由大量反复申请”答复。）",
        f.DeferForm, _defer, _state(State.PROCESSING),
    ),
    Action(
        "answer", "答复并办结",
        "条例第三十六条至第三十九条：选择一种办理结果（即年度报告表三的一行）。答复后申请即办结，不能撤回；答复告知书按所选结果生成。",
        f.AnswerForm, _answer, lambda x: x.app.state in (State.PROCESSING, State.CONSULTING) and not x.t.reply_pending,
        closes=True,
    ),
    Action(
        "reanswer", "重新答复",
        "条例第五十一条：行政复议或行政诉讼结果为“纠正”（撤销、责令重新答复）的，按决定重新答复。"
        "重新答复与原答复在同一年度的，年度报告按重新答复的结果统计；原答复已计入以前年度报告的，不再重复统计。",
        f.ReanswerForm, _reanswer, _may_reanswer,
    ),
    Action(
        "assign", "指定承办人",
        "条例第四十五条：申请的登记、办理、答复由具体承办人负责。指定或更换承办人记入办理记录。",
        f.AssignForm, _assign, lambda x: x.app.state != State.CLOSED,
    ),
    Action(
        "correct_details", "更正申请人信息或申请内容",
        "登记的申请人信息或申请内容有误时在此更正，原来的内容和更正理由保留在办理记录中（不能在后台直接修改）。",
        f.CorrectDetailsForm, _correct_details, lambda x: True,
    ),
    Action(
        "void_event", "更正：作废一项记录",
        "办理记录只能追加、不能删除：录错的记录（如日期录错）以“更正”作废，写明理由，再按实际情况重新记录。"
        "作废的记录仍显示在办理记录中并标明已作废，答复期限按其余记录重新计算。",
        f.VoidEventForm, _void_event, _may_void,
    ),
    Action(
        "add_appeal", "登记行政复议或行政诉讼",
        "条例第五十一条：申请人可以依法申请行政复议或者提起行政诉讼。这里登记的案件计入年度报告表四。",
        f.AddAppealForm, _add_appeal, lambda x: True,
    ),
    Action(
        "decide_appeal", "登记审结结果",
        "行政复议或行政诉讼审结后，登记结果（维持、纠正或其他），计入年度报告表四。",
        f.DecideAppealForm, _decide_appeal, lambda x: False, per_appeal=True,
    ),
)}
