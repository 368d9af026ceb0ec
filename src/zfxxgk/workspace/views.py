"""The staff workspace: the queue, offline registration, the case page with its actions, the ledger.

Who sees what is decided in one place, :mod:`zfxxgk.agencies.access`: every view reaches
cases through :func:`cases_for` (the agencies the user may read), so a case of another agency
is 404 — its existence is not revealed — and every change checks ``can_write`` (403 for
read-only users such as supervisors and system administrators).
"""
from __future__ import annotations

import logging
import re
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from ..agencies import access
from ..agencies.models import Agency
from ..agencies.models import Membership, Role
from ..cases import corrections, queries, services, signoff
from ..cases.calendar import current_calendar
from ..cases.choices import CONFIRMATION_CHANNELS, EventKind, Outcome, State
from ..cases.models import Application, Event
from ..workdays import add_workdays
from . import forms as f
from .actions import ACTIONS, Action, Situation

audit = logging.getLogger("zfxxgk.audit")  # English; user and agency, never ID or phone numbers

PAGE_SIZE = 50


def cases_for(user) -> QuerySet[Application]:
    """The applications ``user`` may read — the only way views reach cases."""
    return Application.objects.readable_by(user).select_related("agency", "assignee")


def show(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    """Render a workspace page; the menu offers registration and import only to those who may write."""
    context.setdefault("nav_writer", bool(access.writable_agency_ids(request.user)))
    context.setdefault("nav_office", access.managed_agencies(request.user).exists())
    return render(request, template, context, status=status)


def forbidden(request, message: str) -> HttpResponse:
    return show(request, "workspace/forbidden.html", {"message": message}, status=403)


def _who(user) -> str:
    return f"user={user.pk}:{user.get_username()}"


# --- the queue -------------------------------------------------------------------------------------

def due_status(app: Application, today: date, soon_by: date) -> tuple[str, str]:
    """(css class, label) of a queue row: colour and words say the same thing. Overdue and due soon
    are :mod:`zfxxgk.cases.queries`' rule (a paused case is neither), as in the counts and filter."""
    if app.state == State.CLOSED:
        return "state-closed", "已办结"
    if app.state == State.AWAITING_CONFIRMATION:
        return "state-waiting", "待确认"
    if app.state == State.CORRECTION:
        return "state-waiting", "待补正"
    if app.state in queries.PAUSED_STATES:
        return "due-paused", "暂停中"
    if queries.is_overdue(app, today):
        return "due-overdue", "超期"
    if queries.is_due_by(app, today, soon_by):
        return "due-soon", "3个工作日内到期"
    return "due-ok", "正常"


def _filtered(request) -> tuple[f.QueueFilter, QuerySet[Application], QuerySet[Application], list[Agency]]:
    """The filter form, the filtered cases, and the cases before the state filter (for the counts)."""
    user = request.user
    base = cases_for(user)
    agencies = list(access.readable_agencies(user))
    years = list(base.order_by("-year").values_list("year", flat=True).distinct())
    form = f.QueueFilter(request.GET or None, agencies=agencies, years=years)
    data = {}
    if form.is_bound:
        form.is_valid()  # cleaned_data then holds the valid fields; an invalid one is left out
        data = form.cleaned_data
    qs = base
    if data.get("agency"):
        qs = qs.filter(agency_id=data["agency"])
    if data.get("applicant_kind"):
        qs = qs.filter(applicant_kind=data["applicant_kind"])
    if data.get("year"):
        qs = qs.filter(year=data["year"])
    if data.get("mine"):
        qs = qs.filter(assignee=user)
    if data.get("q"):
        q = data["q"].strip()
        qs = qs.filter(Q(number__icontains=q) | Q(applicant_name__icontains=q) | Q(description__icontains=q))
    unfiltered_state = qs
    state = data.get("state")
    if state == f.OVERDUE:
        qs = qs.overdue(services.today())
    elif state == f.CONFIRM_LATE:
        qs = qs.awaiting_confirmation_longer_than(current_calendar(), services.today(), queries.confirm_warn_days())
    elif state:
        qs = qs.filter(state=state)
    elif not data.get("closed"):
        qs = qs.exclude(state=State.CLOSED)
    qs = qs.order_by(
        Case(When(state=State.CLOSED, then=Value(1)), default=Value(0), output_field=IntegerField()),
        F("due_on").asc(nulls_last=True), "submitted_on", "id",
    )
    return form, qs, unfiltered_state, agencies


def _counts(qs: QuerySet[Application], today: date) -> list[dict]:
    by_state = dict(qs.values_list("state").annotate(n=Count("id")).order_by())
    overdue = qs.overdue(today).count()
    out = [{"key": f.OVERDUE, "label": "超期", "n": overdue, "css": "due-overdue"}]
    for value, label in State.choices:
        out.append({"key": value, "label": label, "n": by_state.get(value, 0), "css": ""})
    return out


@login_required
@require_GET
def queue(request):
    today = services.today()
    form, qs, before_state, agencies = _filtered(request)
    calendar = current_calendar()
    soon_by = queries.horizon(calendar, today, 3)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    late_days = queries.confirm_warn_days()
    rows = [(app, *_queue_status(app, calendar, today, soon_by, late_days)) for app in page.object_list]
    params = request.GET.copy()
    params.pop("page", None)
    counts = _counts(before_state, today)
    for c in counts:  # each count links to the queue with the other filters kept
        p = params.copy()
        p["state"] = c["key"]
        p.pop("closed", None)
        c["href"] = "?" + p.urlencode()
    return show(request, "workspace/queue.html", {
        "form": form, "rows": rows, "page": page, "counts": counts, "today": today,
        "agencies": agencies, "multi_agency": len(agencies) > 1, "params": params.urlencode(),
        "nav_writer": bool(access.writable_agency_ids(request.user)),
        "state_filter": form.data.get("state", "") if form.is_bound else "",
        "late_days": late_days, "confirm_late": _confirm_late_for_head(request.user, calendar, today, late_days),
        "confirm_late_key": f.CONFIRM_LATE,
    })


def _queue_status(app: Application, calendar, today: date, soon_by: date, late_days: int) -> tuple[str, str]:
    """:func:`due_status`, and for an application awaiting confirmation its age in working days
    (``app.confirm_age``), flagged past ``late_days`` (条例第三十一条: the clock starts only on confirmation)."""
    css, label = due_status(app, today, soon_by)
    if app.state == State.AWAITING_CONFIRMATION:
        app.confirm_age = queries.confirmation_age(calendar, app.submitted_on, today)
        if app.confirm_age > late_days:
            return "confirm-late", f"超过{late_days}个工作日未确认"
    return css, label


def _confirm_late_for_head(user, calendar, today: date, late_days: int) -> int:
    """Applications left unconfirmed too long in the agencies where ``user`` is the office head."""
    heads = access.headed_agency_ids(user)
    if not heads:
        return 0
    return Application.objects.filter(agency_id__in=heads).awaiting_confirmation_longer_than(calendar, today, late_days).count()


@login_required
@require_POST
def find_by_code(request):
    """An applicant on the phone reads out a query code: it comes in a POST body, never in a URL,
    so access logs and browser history hold no valid code. Only cases the user may read are found."""
    form = f.FindByCodeForm(request.POST)
    if form.is_valid():
        app = cases_for(request.user).filter(query_code=form.cleaned_data["code"]).first()
        if app is not None:
            audit.info("application %s found by query code by %s", app.pk, _who(request.user))
            return redirect("workspace:case", pk=app.pk)
        messages.error(request, "没有找到该查询码对应的申请（或该申请不属于您可以查看的机关）。")
    else:
        messages.error(request, "; ".join(e for errors in form.errors.values() for e in errors))
    return redirect("workspace:queue")


# --- registration ----------------------------------------------------------------------------------

def _writable_agencies(user) -> QuerySet[Agency]:
    return Agency.objects.filter(id__in=access.writable_agency_ids(user))


@login_required
def register(request):
    agencies = _writable_agencies(request.user)
    if not agencies.exists():
        return forbidden(request, "您没有登记申请的权限：只有机关的经办人、负责人和分管领导可以登记。")
    form = f.RegisterForm(request.POST or None, agencies=agencies, initial={"submitted_on": services.today()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        new = services.NewApplication(
            applicant_kind=d["applicant_kind"], applicant_name=d["applicant_name"].strip(), description=d["description"].strip(),
            channel=d["channel"], submitted_on=d["submitted_on"], id_type=d["id_type"], id_number=d["id_number"].strip(),
            contact_person=d["contact_person"].strip(), phone=d["phone"].strip(), email=d["email"].strip(),
            address=d["address"].strip(), document_number=d["document_number"].strip(), requested_form=d["requested_form"],
            delivery=d["delivery"], signed_on=d["signed_on"],
        )
        try:
            with transaction.atomic():
                app = services.register(d["agency"], new, request.user)
                if d.get("confirmed_on") and app.channel in CONFIRMATION_CHANNELS:
                    app = services.confirm_receipt(app, d["confirmed_on"], request.user)
        except services.CaseError as exc:
            messages.error(request, exc.message)
        else:
            text = f"已登记。编号：{app.number}；查询码：{app.query_code}。请把编号和查询码告知申请人，凭查询码可以查询办理进度。"
            if app.state == State.AWAITING_CONFIRMATION:
                text += "这件申请还需要与申请人确认收到日期（条例第三十一条），请在下面“确认收到申请”中记录。"
            messages.success(request, text)
            return redirect("workspace:case", pk=app.pk)
    return show(request, "workspace/register.html", {"form": form, "nav_writer": True}, status=400 if form.is_bound else 200)


# --- the case page ---------------------------------------------------------------------------------

def _load(request, pk: int) -> Application:
    qs = cases_for(request.user).select_related("assignee").prefetch_related(
        Prefetch("events", queryset=Event.objects.select_related("actor").order_by("on", "id")), "appeals",
    )
    return get_object_or_404(qs, pk=pk)


def _form(action: Action, today: date, data=None, app: Application | None = None, appeal=None):
    prefix = action.name if appeal is None else f"{action.name}-{appeal.pk}"
    form = action.form(data, prefix=prefix, today=today)
    if action.name == "issue_fee_notice" and data is None and app is not None:
        form.fields["items_before"].initial = _items_this_month(app)
    if action.name == "void_event" and app is not None:
        latest = corrections.latest_voidable(app)
        form.fields["event"].choices = [(latest.pk, f"{latest.on} {latest.get_kind_display()}")] if latest else []
    if action.name == "correct_details" and data is None and app is not None:
        for name in corrections.DETAIL_FIELDS:
            form.fields[name].initial = getattr(app, name)
    if action.name == "assign" and app is not None:
        people = corrections.assignable(app.agency_id)
        form.fields["assignee"].choices = [("", "请选择")] + [(u.pk, u.get_full_name() or u.get_username()) for u in people]
        form.fields["assignee"].initial = app.assignee_id
    return form


def _people(app: Application, events: list[Event]) -> None:
    """Each event's person by name, with the role they hold in the agency (经办人, 负责人 …)."""
    roles: dict[int, list[str]] = {}
    for user_id, role in Membership.objects.filter(agency_id=app.agency_id, user_id__in={e.actor_id for e in events}).values_list("user_id", "role"):
        roles.setdefault(user_id, []).append(Role(role).label)
    for e in events:
        if e.actor is None:
            e.actor_label = "系统"
            continue
        name = e.actor.get_full_name() or e.actor.get_username()
        e.actor_label = f"{name}（{'、'.join(roles[e.actor_id])}）" if e.actor_id in roles else name


def _items_this_month(app: Application) -> int:
    """Applications the same applicant filed with this agency earlier in the month (a suggestion)."""
    day = app.received_on or app.submitted_on
    return (Application.objects.filter(agency_id=app.agency_id, applicant_name=app.applicant_name,
                                       submitted_on__year=day.year, submitted_on__month=day.month)
            .filter(Q(submitted_on__lt=app.submitted_on) | Q(submitted_on=app.submitted_on, pk__lt=app.pk)).count())


def _render_case(request, app: Application, *, bound: dict | None = None, preview: str = "", status: int = 200):
    bound = bound or {}
    today = services.today()
    t = services.timeline(app)
    events = list(app.events.all())
    for e in events:
        e.outcome_label = Outcome(e.data["outcome"]).label if e.data.get("outcome") in Outcome.values else ""
        e.is_voided = e.pk in t.voided
        if e.kind == EventKind.DETAILS_CORRECTED:
            e.changes = [(corrections.DETAIL_FIELDS.get(k, k), v["from"], v["to"]) for k, v in e.data.get("changes", {}).items()]
    _people(app, events)
    appeals = list(app.appeals.all())
    x = Situation(app, t, {e.kind for e in events}, today)
    writable = access.can_write(request.user, app.agency_id)
    approver = access.can_approve_extension_here(request.user, app.agency_id)
    forms = []
    if writable:
        for action in ACTIONS.values():
            if action.per_appeal or (action.approver and not approver):
                continue
            if action.show(x) or action.name in bound:
                forms.append({
                    "action": action, "form": bound.get(action.name) or _form(action, today, app=app),
                    "url": reverse(f"workspace:{action.name}", args=[app.pk]), "open": action.name in bound,
                    "hint": action.hint(x) if action.hint else "", "preview": preview if action.name in bound else "",
                })
    decide = ACTIONS["decide_appeal"]
    appeal_rows = []
    for appeal in appeals:
        key = f"decide_appeal-{appeal.pk}"
        form = None
        if writable and appeal.result == "pending":
            form = bound.get(key) or _form(decide, today, appeal=appeal)
        appeal_rows.append({"appeal": appeal, "form": form, "open": key in bound,
                            "url": reverse("workspace:decide_appeal", args=[app.pk, appeal.pk])})
    soon_by = add_workdays(current_calendar(), today, 3).due
    shown = Application(state=t.state, due_on=t.due_on)
    css, label = due_status(shown, today, soon_by)
    pending = list(signoff.pending_approvals(events))
    reanswered = next((e for e in reversed(events) if e.kind == EventKind.REANSWERED and not e.is_voided), None)
    return show(request, "workspace/case.html", {
        "app": app, "t": t, "events": events, "pending_approvals": pending, "reanswered": reanswered, "appeals": appeal_rows, "actions": forms, "decide": decide,
        "writable": writable, "approver": approver, "today": today, "due_css": css, "due_label": label,
        "overdue": t.overdue(today),
        "extension_pending_for_head": t.extension_requested and t.state != State.CLOSED and not approver,
        **_notice_context(app, writable),
    }, status=status)


def _notice_context(app: Application, writable: bool) -> dict:
    from .notice_views import case_context

    return case_context(app, writable)


@login_required
@require_GET
def case(request, pk: int):
    return _render_case(request, _load(request, pk))


@login_required
@require_GET
def attachment(request, pk: int, att_id: int):
    """A file the applicant sent (an ID scan …): only for staff who may read the case."""
    from django.http import FileResponse

    app = _load(request, pk)  # 404 for cases the user cannot read
    att = get_object_or_404(app.attachments, pk=att_id)
    audit.info("attachment %s of application %s opened by user %s", att.pk, app.pk, request.user.pk)
    return FileResponse(att.file.open("rb"), content_type=att.content_type, as_attachment=True, filename=att.download_name)


@login_required
@require_POST
def act(request, pk: int, action: str, appeal_id: int | None = None):
    """One action on one case: the view behind each action's own URL."""
    spec = ACTIONS[action]
    app = _load(request, pk)  # 404 for cases the user cannot read
    if not access.can_write(request.user, app.agency_id):
        return forbidden(request, "您对这件申请只有查看权限，不能办理。")
    if spec.approver and not access.can_approve_extension_here(request.user, app.agency_id):
        return forbidden(request, "只有本机关政府信息公开工作机构负责人可以批准延期（条例第三十三条第二款）。")
    appeal = get_object_or_404(app.appeals, pk=appeal_id) if spec.per_appeal else None
    today = services.today()
    form = _form(spec, today, request.POST, app=app, appeal=appeal)
    key = spec.name if appeal is None else f"{spec.name}-{appeal.pk}"
    if form.is_valid():
        if spec.name == "issue_fee_notice" and "preview" in request.POST:
            try:
                fee = form.fee()
            except ValueError as exc:
                messages.error(request, str(exc))
                return _render_case(request, app, bound={key: form}, status=400)
            text = f"按所选方式计算：{fee.amount} 元（{fee.working}）。确认无误后点“发出收费通知”。"
            return _render_case(request, app, bound={key: form}, preview=text)
        try:
            message = spec.run(app, form.cleaned_data, request.user, appeal)
        except services.CaseError as exc:
            messages.error(request, exc.message)
        else:
            if spec.name in ("add_appeal", "decide_appeal"):  # appeals are not events: record who did it
                audit.info("%s %s case=%s agency=%s", spec.name, _who(request.user), app.pk, app.agency_id)
            messages.success(request, message)
            return redirect(reverse("workspace:case", args=[app.pk]) + "#history")
    else:
        messages.error(request, "请按提示修改后再提交。")
    app = _load(request, pk)
    return _render_case(request, app, bound={key: form}, status=400)


# --- reply letter ----------------------------------------------------------------------------------

def _filename(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text)


def letter_data(app: Application):
    """The reply letter of a case answered before notices were issued (no 答复告知书 on record)."""
    from ..agencies.models import OfficeSettings
    from ..cases.notices.issue import reply_data

    # The latest answer still in force is the letter's: a 重新答复 after 结果纠正 replaces the first one.
    closing = next((e for e in reversed(services.effective_events(app))
                    if e.kind in (EventKind.ANSWERED, EventKind.REANSWERED, EventKind.CORRECTION_LAPSED, EventKind.FEE_LAPSED)), None)
    return reply_data(app, closing, OfficeSettings.of(app.agency), received_on=app.received_on)


CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@login_required
@require_GET
def letter(request, pk: int, fmt: str):
    from ..cases.letters import render_letter
    from ..reports.errors import MissingExtraError
    from .notice_views import notice_file

    if fmt not in CONTENT_TYPES:
        raise Http404
    app = _load(request, pk)
    if app.state != State.CLOSED or not app.outcome:
        messages.error(request, "这件申请还没有办结，答复后才能生成答复告知书。")
        return redirect("workspace:case", pk=app.pk)
    reply = app.notices.filter(kind="reply").last()
    if reply is not None:  # the letter as issued, with its 文号 (cases.notices)
        return notice_file(request, pk, reply.pk, fmt)
    try:
        body = render_letter(letter_data(app), fmt)
    except MissingExtraError as exc:
        messages.error(request, f"{exc.message}。请先下载 Word 版（DOCX）。")
        return redirect("workspace:case", pk=app.pk)
    except ValueError as exc:
        messages.error(request, f"无法生成答复告知书：{exc}")
        return redirect("workspace:case", pk=app.pk)
    audit.info("letter download %s case=%s agency=%s format=%s", _who(request.user), app.pk, app.agency_id, fmt)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, _filename(f"答复告知书-{app.number}.{fmt}"))
    return response


# --- ledger ----------------------------------------------------------------------------------------

@login_required
@require_GET
def ledger_export(request):
    """The filtered queue as a ledger (依申请公开工作台账): ?fmt=xlsx (default) or csv, plus the queue's filters."""
    from ..cases import ledger

    fmt = request.GET.get("fmt", "xlsx")
    if fmt not in ("xlsx", "csv"):
        raise Http404
    form, qs, _, agencies = _filtered(request)
    apps = list(qs)
    data = form.cleaned_data if form.is_bound else {}
    chosen = next((a for a in agencies if a.id == data.get("agency")), None) or (agencies[0] if len(agencies) == 1 else None)
    who = chosen.name if chosen else "各机关"
    title = ledger.ledger_title(who, data["year"]) if data.get("year") else f"{who}依申请公开工作台账"
    stamp = services.today().strftime("%Y%m%d")
    if fmt == "xlsx":
        body = ledger.export_xlsx(apps, title)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = ledger.export_csv(apps)
        content_type = "text/csv; charset=utf-8"
    audit.info("ledger export %s agencies=%s format=%s rows=%d", _who(request.user),
               ",".join(str(i) for i in sorted({a.agency_id for a in apps})) or "-", fmt, len(apps))
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, _filename(f"{title}-{stamp}.{fmt}"))
    return response


@login_required
def ledger_import(request):
    from ..cases import ledger

    agencies = _writable_agencies(request.user)
    if not agencies.exists():
        return forbidden(request, "您没有导入台账的权限：只有机关的经办人、负责人和分管领导可以导入。")
    form = f.ImportForm(request.POST or None, request.FILES or None, agencies=agencies)
    result = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            agency = form.cleaned_data["agency"]
            upload = form.cleaned_data["file"]
            result = ledger.import_ledger(agency, upload.read(), upload.name, request.user)
            audit.info("ledger import %s agency=%s:%s bytes=%d created=%d errors=%d", _who(request.user), agency.pk,
                       agency.code, upload.size, len(result.created), len(result.errors))
            if result.ok:
                messages.success(request, f"导入完成：新登记 {len(result.created)} 件申请" + (f"，跳过空行 {result.skipped} 行" if result.skipped else "") + "。")
                status = 200
            else:
                messages.error(request, f"台账中有 {len(result.errors)} 处问题，一件也没有导入。请改正后重新上传。")
    return show(request, "workspace/import.html", {"form": form, "result": result, "nav_writer": True}, status=status)
