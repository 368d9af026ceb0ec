"""The notices of a case (download, 送达), the files released with an answer, and the office's
settings page (本机关设置: the facts notices print and the 指南's contact facts, 条例第十二条)."""
from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from ..agencies import access
from ..agencies.models import OfficeSettings
from ..cases import services
from ..cases.models import Attachment, AttachmentRole
from ..cases.notices import issue, layout
from ..cases.notices.delivery import record_delivery
from ..reports.errors import MissingExtraError
from ..portal.uploads import display_name
from . import notice_forms as nf
from .views import _filename, _load, _who, forbidden, show

audit = logging.getLogger("zfxxgk.audit")


def case_context(app, writable: bool) -> dict:
    """What the case page shows of notices and released files (added to its context)."""
    notices = list(app.notices.select_related("issued_by").prefetch_related("deliveries"))
    rows = [{"notice": n, "form": nf.DeliveryForm(prefix=f"delivery-{n.pk}", initial={"delivered_on": services.today()}) if writable else None}
            for n in notices]
    released = [a for a in app.attachments.all() if a.role == AttachmentRole.RELEASED]
    return {"notices": rows, "released": released, "release_form": nf.ReleasedFilesForm() if writable else None}


@login_required
@require_GET
def notice_file(request, pk: int, notice_id: int, fmt: str):
    app = _load(request, pk)  # 404 for cases the user cannot read
    notice = get_object_or_404(app.notices, pk=notice_id)
    if fmt not in ("docx", "pdf"):
        raise Http404
    if fmt == "docx" and notice.file:
        body = notice.file.read()
    else:
        try:
            body = issue.render(notice, fmt)
        except MissingExtraError as exc:
            messages.error(request, f"{exc.message}。请先下载 Word 版（DOCX）。")
            return redirect("workspace:case", pk=app.pk)
    what = "letter" if notice.kind == "reply" else "notice"  # the reply letter keeps its audit line
    audit.info("%s download %s case=%s notice=%s format=%s", what, _who(request.user), app.pk, notice.pk, fmt)
    response = HttpResponse(body, content_type=layout.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, _filename(f"{notice.get_kind_display()}-{notice.number}.{fmt}"))
    return response


@login_required
@require_POST
def add_delivery(request, pk: int, notice_id: int):
    app = _load(request, pk)
    if not access.can_write(request.user, app.agency_id):
        return forbidden(request, "您对这件申请只有查看权限，不能办理。")
    notice = get_object_or_404(app.notices, pk=notice_id)
    form = nf.DeliveryForm(request.POST, prefix=f"delivery-{notice.pk}")
    if form.is_valid():
        d = form.cleaned_data
        try:
            record_delivery(notice, d["method"], d["delivered_on"], request.user, tracking_number=d["tracking_number"], note=d["note"])
        except services.CaseError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已记录{notice.get_kind_display()}（{notice.number}）的送达：{d['delivered_on']}。")
    else:
        messages.error(request, "送达记录：" + "；".join(e for errors in form.errors.values() for e in errors))
    return redirect(reverse("workspace:case", args=[app.pk]) + "#notices")


@login_required
@require_POST
def add_released(request, pk: int):
    """Files of the information released, for an applicant who chose 网上获取 (downloaded on the status page)."""
    app = _load(request, pk)
    if not access.can_write(request.user, app.agency_id):
        return forbidden(request, "您对这件申请只有查看权限，不能办理。")
    form = nf.ReleasedFilesForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect(reverse("workspace:case", args=[app.pk]) + "#released")
    written: list[str] = []
    try:
        with transaction.atomic():
            for upload in form.cleaned_data["files"]:
                att = Attachment(application=app, original_name=display_name(upload.name), content_type=upload.kind.content_type,
                                 size=upload.size, role=AttachmentRole.RELEASED)
                att.file.save("upload", upload, save=False)
                written.append(att.file.name)
                att.save()
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    audit.info("released files added %s case=%s count=%d", _who(request.user), app.pk, len(written))
    messages.success(request, f"已上传{len(written)}个公开的文件。申请人选择“网上获取”的，答复后可在查询页面下载。")
    return redirect(reverse("workspace:case", args=[app.pk]) + "#released")


@login_required
def office_settings(request):
    """本机关设置: the agency's office head (or a system administrator) enters them; others get 403."""
    agencies = list(access.managed_agencies(request.user))
    if not agencies:
        return forbidden(request, "只有本机关政府信息公开工作机构负责人可以修改本机关设置。")
    chosen = request.GET.get("agency") or request.POST.get("agency")
    agency = next((a for a in agencies if str(a.pk) == str(chosen)), None) if chosen else agencies[0]
    if agency is None:
        raise Http404
    instance = OfficeSettings.of(agency)
    form = nf.OfficeSettingsForm(request.POST or None, instance=instance)
    rules = nf.ReplyRulesForm(request.POST or None, instance=agency, prefix="rules")
    context = {"form": form, "rules": rules, "agency": agency, "agencies": agencies}
    if request.method == "POST":
        if form.is_valid() and rules.is_valid():
            with transaction.atomic():
                saved = form.save(commit=False)
                saved.updated_by = request.user
                saved.save()
                rules.save()
            audit.info("office settings changed %s agency=%s reply_signoff=%s", _who(request.user), agency.pk, agency.reply_signoff)
            messages.success(request, "已保存。新的设置用于此后生成的告知书和政府信息公开指南；已经生成的文书不变。")
            return redirect(reverse("workspace:office_settings") + f"?agency={agency.pk}")
        return show(request, "workspace/office_settings.html", context, status=400)
    return show(request, "workspace/office_settings.html", context)

