"""The public portal (no login): apply online, look up a case, read an agency's 政府信息公开指南.

Privacy: no public page shows an ID number, phone number, e-mail or address, and names are
masked. The query code never travels in a URL: the confirmation page reads the new application
from the session, and a lookup is a POST whose success is remembered in the session.
"""
from __future__ import annotations

import hmac
import logging
import re
import time

from django.contrib import messages
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ..agencies.models import Agency, OfficeSettings
from ..cases import fees, services
from ..cases.choices import CONFIRMATION_CHANNELS, Channel, Delivery, EventKind, Outcome, State
from ..cases.deadlines import CONSULTATION_DAYS, CORRECTION_NOTICE_DAYS, FEE_PAYMENT_DAYS, MAX_EXTENSION_DAYS, REPLY_DAYS
from ..cases.models import Application, Attachment, AttachmentRole, Notice
from . import checks, limits, uploads
from .forms import ApplicationForm, CorrectionForm, StatusForm

log = logging.getLogger(__name__)

SESSION_APPLIED = "portal_applied"  # {"id": application id, "at": epoch seconds}
SESSION_LOOKUP = "portal_lookup"  # the same, for the application last looked up with the right code
SESSION_TTL = 3600  # the confirmation and the letter links stay readable for an hour in that browser

WRONG = "编号或查询码不正确，请核对后重新输入。"


def home(request):
    return render(request, "portal/home.html", {"agencies": Agency.objects.select_related("parent")})


# -- apply --------------------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
def apply(request, code):
    agency = get_object_or_404(Agency, code=code)
    applied = limits.applied_today(request)
    if request.method == "POST":
        # Refused before the body is parsed: a flood costs no upload handling and stores nothing.
        refused = limits.refusal(applied, agency)
        if refused:
            log.info("online application to agency %s refused by a daily limit", agency.pk)
            response = render(request, "portal/apply.html", {"agency": agency, "refused": refused.message}, status=429)
            if refused.per_address:
                limits.keep_refusal(request, agency.code, response.content)
            return response
        if _content_length(request) > limits.max_body():
            message = f"提交的内容过大（附件合计不能超过{limits.max_total_attachments() // limits.MB}MB），请压缩附件后重新提交。"
            return render(request, "portal/apply.html", {"agency": agency, "refused": message}, status=413)
    form = ApplicationForm(request.POST or None, request.FILES or None, captcha=limits.captcha_to_apply(applied))
    if request.method == "POST" and form.is_valid():
        try:
            app = _register(request, agency, form)
        except limits.LimitReached as exc:  # a concurrent submission took the last place of the day
            return render(request, "portal/apply.html", {"agency": agency, "refused": exc.message}, status=429)
        except services.CaseError as exc:
            form.add_error(None, exc.message)
        else:
            request.session[SESSION_APPLIED] = {"id": app.pk, "at": int(time.time())}
            return redirect("portal:applied")
    return render(request, "portal/apply.html", {"agency": agency, "form": form}, status=200)


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _register(request, agency: Agency, form: ApplicationForm) -> Application:
    """One transaction: the daily count, the application, its registration event and its
    attachments; files already written are removed again when anything fails."""
    written: list[str] = []
    try:
        with transaction.atomic():
            limits.reserve(request, agency)
            app = services.register(agency, form.new_application(), actor=None)
            for upload in form.cleaned_data["attachments"]:
                att = Attachment(
                    application=app, original_name=uploads.display_name(upload.name),
                    content_type=upload.sniffed_type, size=upload.size,
                )
                att.file.save("upload", upload, save=False)
                written.append(att.file.name)
                att.save()
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    log.info("online application %s received for agency %s with %d attachment(s)", app.number, agency.pk, len(written))
    return app


def _from_session(request, key: str) -> Application | None:
    entry = request.session.get(key)
    if not isinstance(entry, dict) or time.time() - entry.get("at", 0) > SESSION_TTL:
        return None
    return Application.objects.select_related("agency").filter(pk=entry.get("id")).first()


@never_cache
def applied(request):
    app = _from_session(request, SESSION_APPLIED)
    if app is None:
        messages.info(request, "没有找到刚提交的申请（页面仅在提交后一小时内可以查看）。请使用依申请公开编号和查询码查询办理进度。")
        return redirect("portal:status")
    return render(request, "portal/applied.html", {
        "app": app, "agency": app.agency, "reply_days": REPLY_DAYS, "max_extension": MAX_EXTENSION_DAYS,
        "attachments": app.attachments.count(),
    })


# -- status ------------------------------------------------------------------------------------

def _find(number: str, code: str) -> Application | None:
    """The application with this number and code. Codes are compared in constant time, and a
    wrong number costs a comparison too, so timing tells nothing about which one was wrong."""
    found = None
    candidates = list(Application.objects.filter(number=number).select_related("agency")) or [None]
    for app in candidates:
        stored = app.query_code if app is not None else "0" * 12
        if hmac.compare_digest(stored.encode(), code.encode()) and app is not None:
            found = app
    return found


@never_cache
@require_http_methods(["GET", "POST"])
def status(request):
    failures = limits.lookup_failures(request)
    form = StatusForm(request.POST or None, captcha=limits.captcha_to_look_up(failures))
    app, error, code = None, None, 200
    if request.method == "POST":
        if limits.lookup_throttled(failures):
            error, code = limits.THROTTLED, 429
        elif form.is_valid():
            app = _find(form.cleaned_data["number"], form.cleaned_data["code"])
            if app is None:
                failures = limits.count_lookup_failure(request)
                error = WRONG
        elif "captcha" in form.errors:
            failures = limits.count_lookup_failure(request)  # guessing the picture is a failed attempt too
    context = {"form": form, "error": error}
    if app is not None:
        context.update(_status_context(app))
        _remember_lookup(request, app, _acts_later(context))
    if app is not None or error:
        # Never echo the code back into the page; a new picture after every attempt.
        number = "" if app is not None else form.data.get("number", "")
        context["form"] = StatusForm(initial={"number": number}, captcha=limits.captcha_to_look_up(failures))
    return render(request, "portal/status.html", context, status=code)


def _acts_later(context: dict) -> bool:
    """Does the page offer anything that reads the lookup from the session (a letter, a notice, a
    released file, the 补正 form)?"""
    return bool(context["letter_formats"] or context["notices"] or context["released"] or context["correction_form"])


def _remember_lookup(request, app: Application, has_letter: bool) -> None:
    """Only the links and forms below the result (letters, notices, files, 补正) read the lookup from
    the session, so only a case that has them is remembered, and an entry that is still fresh is not
    written again: a session write (a database commit) on every lookup was most of the cost of this
    page under load (bench/web.py)."""
    if not has_letter:
        request.session.pop(SESSION_LOOKUP, None)  # writes only if an earlier case was remembered
        return
    entry = request.session.get(SESSION_LOOKUP)
    if isinstance(entry, dict) and entry.get("id") == app.pk and time.time() - entry.get("at", 0) < SESSION_TTL / 2:
        return
    request.session[SESSION_LOOKUP] = {"id": app.pk, "at": int(time.time())}


def _outcome_label(outcome: str) -> str:
    label = Outcome(outcome).label
    label = re.sub(r"^（.）", "", label)
    label = re.sub(r"（区分处理的.*?）", "", label)
    return re.sub(r"\s*\d+\.", "：", label, count=1)


def _status_context(app: Application) -> dict:
    events = list(app.events.order_by("on", "id"))
    t = services.timeline(app, events=events)
    events = [e for e in events if e.pk not in t.voided]  # a 更正 voided them: the applicant sees what stands
    correction = next((e for e in events if e.kind == EventKind.CORRECTION_REQUESTED), None)
    correction_received = next((e for e in events if e.kind == EventKind.CORRECTION_RECEIVED), None)
    fee_notice = next((e for e in events if e.kind == EventKind.FEE_NOTICE), None)
    fee_paid = any(e.kind == EventKind.FEE_PAID for e in events)
    running = [p for p in t.pauses if p.end is None]
    fee_pause = next((p for p in t.pauses if p.kind == "fee"), None)
    notices = list(app.notices.filter(to_applicant=True))
    return {
        "app": app,
        "agency": app.agency,
        "masked_name": checks.mask_name(app.applicant_name, app.applicant_kind == "natural_person"),
        "description": _shorten(app.description, 80),
        "t": t,
        "state_label": State(t.state).label,
        "closed": t.state == State.CLOSED,
        "awaiting": t.state == State.AWAITING_CONFIRMATION,
        "confirmation_channel": app.channel in CONFIRMATION_CHANNELS,
        "correction": correction,
        "correction_received": correction_received,
        "pause": running[-1] if running else None,
        "fee_notice": fee_notice,
        "fee_paid": fee_paid,
        "fee_due": fee_pause.due if fee_pause else None,
        "outcome_label": _outcome_label(t.outcome) if t.outcome else "",
        "letter_formats": _letter_formats(app, t),
        "reply_days": REPLY_DAYS,
        # Item 2 of issue 11: every notice issued to the applicant, the fee's payment instructions, the
        # extension and its reason, the 补正 form while one is awaited, the files released online.
        "notices": notices,
        "payment_method": OfficeSettings.of(app.agency).payment_method if fee_notice else "",
        "fee_working": fee_notice.data.get("working", "") if fee_notice else "",
        "extension": next((e for e in events if e.kind == EventKind.EXTENSION_APPROVED), None),
        "correction_form": CorrectionForm() if t.state == State.CORRECTION else None,
        "released": _released(app, t),
    }


def _shorten(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "……"


# -- reply letter ------------------------------------------------------------------------------
LETTER_FORMATS = (("html", "在线查看（可打印）"), ("docx", "下载 Word 文档"), ("pdf", "下载 PDF 文件"))


def _letters():
    try:
        from ..cases import letters
    except ImportError:  # written by another part of the project; the link is left out without it
        return None
    return letters if hasattr(letters, "render_letter") and hasattr(letters, "LetterData") else None


def _letter_formats(app: Application, t) -> list[tuple[str, str]]:
    if _letters() is None or t.state != State.CLOSED or not t.outcome or not t.received_on or not t.closed_on:
        return []
    return list(LETTER_FORMATS)


def _letter_data(app: Application, t):
    """The reply of a case answered before notices were issued (cases.notices.issue.reply_data)."""
    from dataclasses import replace

    from ..cases.notices.issue import reply_data

    answered = app.events.filter(kind__in=[EventKind.ANSWERED, EventKind.CORRECTION_LAPSED, EventKind.FEE_LAPSED]).order_by("on", "id").last()
    d = reply_data(app, answered, OfficeSettings.of(app.agency), received_on=t.received_on)
    # The portal copy is addressed with the masked name: the letter sent by the agency is the original.
    return replace(d, applicant=checks.mask_name(app.applicant_name, app.applicant_kind == "natural_person"))


@never_cache
def letter(request, fmt):
    app = _from_session(request, SESSION_LOOKUP)
    if app is None or fmt not in dict(LETTER_FORMATS):
        raise Http404("请先使用依申请公开编号和查询码查询。")
    t = services.timeline(app)
    if not _letter_formats(app, t):
        raise Http404("该申请尚未答复。")
    letters = _letters()
    reply = app.notices.filter(kind="reply").last()
    if reply is not None:  # the letter as issued, with its 文号 (cases.notices)
        return notice(request, reply.pk, fmt)
    try:
        content = letters.render_letter(_letter_data(app, t), fmt)
    except Exception:
        log.exception("reply letter for %s (%s) could not be rendered", app.number, fmt)
        context = {"form": StatusForm(), "error": "答复告知书暂时无法生成该格式，请选择其他格式或者联系受理机关。"}
        context.update(_status_context(app))
        return render(request, "portal/status.html", context, status=503)
    types = {"html": "text/html; charset=utf-8", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "pdf": "application/pdf"}
    response = HttpResponse(content, content_type=types[fmt])
    safe_number = re.sub(r"[^\w\-〔〕]", "_", app.number)
    filename = f"答复告知书-{safe_number}.{fmt}"
    response["Content-Disposition"] = content_disposition_header(fmt != "html", filename)
    return response


# -- notices, released files and the online 补正 (条例第三十条) -------------------------------------

def _released(app: Application, t) -> list[Attachment]:
    """Files released with the answer, for an applicant who chose 网上获取 (条例第四十条), once answered."""
    if t.state != State.CLOSED or app.delivery != Delivery.ONLINE:
        return []
    return list(app.attachments.filter(role=AttachmentRole.RELEASED))


def _looked_up(request) -> Application:
    app = _from_session(request, SESSION_LOOKUP)
    if app is None:
        raise Http404("请先使用依申请公开编号和查询码查询。")
    return app


@never_cache
def notice(request, notice_id: int, fmt: str):
    """A notice issued to the applicant, addressed with the masked name like every public page."""
    from ..cases.notices import issue, layout

    app = _looked_up(request)
    item = get_object_or_404(Notice, pk=notice_id, application=app, to_applicant=True)
    if fmt not in ("pdf", "docx", "html"):
        raise Http404
    masked = checks.mask_name(app.applicant_name, app.applicant_kind == "natural_person")
    try:
        content = issue.render(item, fmt, salutation=masked)
    except Exception:
        log.exception("notice %s (%s) could not be rendered", item.pk, fmt)
        context = {"form": StatusForm(), "error": "文书暂时无法生成该格式，请选择其他格式或者联系受理机关。"}
        context.update(_status_context(app))
        return render(request, "portal/status.html", context, status=503)
    response = HttpResponse(content, content_type=layout.CONTENT_TYPES[fmt])
    safe = re.sub(r"[^\w\-〔〕]", "_", item.number)
    response["Content-Disposition"] = content_disposition_header(fmt != "html", f"{item.get_kind_display()}-{safe}.{fmt}")
    return response


@never_cache
def released(request, att_id: int):
    from django.http import FileResponse

    app = _looked_up(request)
    att = next((a for a in _released(app, services.timeline(app)) if a.pk == att_id), None)
    if att is None:
        raise Http404("没有这个文件。")
    log.info("released file %s of application %s downloaded online", att.pk, app.pk)
    return FileResponse(att.file.open("rb"), content_type=att.content_type, as_attachment=True, filename=att.download_name)


@never_cache
@require_http_methods(["POST"])
def correction(request):
    """The applicant submits the 补正 online: the text and files, in one transaction with the
    收到补正材料 event dated today — the reply period restarts from it (条例第三十条)."""
    app = _looked_up(request)
    if _content_length(request) > limits.max_body():
        return _status_page(request, app, error=f"提交的内容过大（附件合计不能超过{limits.max_total_attachments() // limits.MB}MB），请压缩附件后重新提交。", status=413)
    form = CorrectionForm(request.POST, request.FILES)
    if not form.is_valid():
        return _status_page(request, app, correction_form=form, status=400)
    written: list[str] = []
    try:
        with transaction.atomic():
            services.receive_correction(app, services.today(), None, form.cleaned_data["text"], online=True)
            for upload in form.cleaned_data["attachments"]:
                att = Attachment(application=app, original_name=uploads.display_name(upload.name), content_type=upload.sniffed_type,
                                 size=upload.size, role=AttachmentRole.CORRECTION)
                att.file.save("upload", upload, save=False)
                written.append(att.file.name)
                att.save()
    except services.CaseError as exc:
        for name in written:
            default_storage.delete(name)
        return _status_page(request, app, error=exc.message, status=exc.status)
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    log.info("correction for application %s submitted online with %d attachment(s)", app.pk, len(written))
    app.refresh_from_db()
    return _status_page(request, app, done="已收到您的补正，答复期限自今天起重新计算（条例第三十条）。")


def _status_page(request, app: Application, *, error: str = "", done: str = "", correction_form=None, status: int = 200):
    context = {"form": StatusForm(), "error": error or None, "done": done}
    context.update(_status_context(app))
    if correction_form is not None:
        context["correction_form"] = correction_form
    return render(request, "portal/status.html", context, status=status)


# -- guide -------------------------------------------------------------------------------------

def guide(request, code):
    agency = get_object_or_404(Agency.objects.select_related("parent"), code=code)
    item_tiers = _item_tiers()
    page_tiers = _page_tiers()
    context = {
        "agency": agency,
        "office": OfficeSettings.of(agency),  # 条例第十二条: the office's address, hours, phone, fax, e-mail
        "channels": Channel,
        "reply_days": REPLY_DAYS, "max_extension": MAX_EXTENSION_DAYS, "correction_days": CORRECTION_NOTICE_DAYS,
        "consultation_days": CONSULTATION_DAYS, "fee_payment_days": FEE_PAYMENT_DAYS,
        "item_tiers": item_tiers, "page_tiers": page_tiers,
        "example_items": fees.per_item(0, 35), "example_pages": fees.per_page(45), "example_pages_large": fees.per_page(250),
    }
    return render(request, "portal/guide.html", context)


def _item_tiers() -> list[tuple[str, str]]:
    """按件计收 per calendar month, read off fees.item_price: (range, price)."""
    rows, start, price = [], 1, fees.item_price(1)
    for k in range(2, 52):
        p = fees.item_price(k)
        if p != price:
            rows.append((start, k - 1, price))
            start, price = k, p
    out = [(f"{a}—{b}件" if a > 1 else f"{b}件以下（含{b}件）", "不收费" if p == 0 else f"{p}元/件") for a, b, p in rows]
    out.append(("此后每10件为一档", "每增加一档，收费标准提高100元/件"))
    return out


def _page_tiers() -> list[tuple[str, str]]:
    """按量计收 per application, read off fees.per_page: (range, price)."""
    rows, start, price = [], 1, fees.per_page(1).amount
    for pages in range(2, 402):
        p = fees.per_page(pages).amount - fees.per_page(pages - 1).amount
        if p != price:
            rows.append((start, pages - 1, price))
            start, price = pages, p
    out = [(f"{a}—{b}页" if a > 1 else f"{b}页以下（含{b}页）", "不收费" if p == 0 else f"{p}元/页") for a, b, p in rows]
    out.append((f"{start}页以上", f"{price}元/页"))
    return out
