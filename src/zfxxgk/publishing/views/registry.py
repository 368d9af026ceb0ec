"""Staff pages of the registry of 规章 and 行政规范性文件 (/workspace/publishing/registry/).

    list      the agency's documents with their status on a chosen day (DocStatus), filtered by
              kind, status, year of issue and words; CSV export of the same rows
    new/edit  register a document, correct its fields (publishing.registry.create / update)
    end       废止 or 失效 (registry.repeal / expire)
    table2    table 二 第（一）项 of a year: the figures the annual report takes, and the documents
              behind each of them

Who may see what is :mod:`zfxxgk.agencies.access`' answer, as everywhere: the agency's clerks,
heads and leaders write; a county supervisor reads; an agency outside the user's reach is 404
(its existence is not revealed). The services check everything again.
"""
from __future__ import annotations

import csv
import io
from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ...agencies import access
from ...site.forms import Form
from ...standard import format2021 as f21
from .. import registry
from ..models import ColumnKind, DocKind, DocStatus, NormativeDocument, Publication
from .common import audit, forbidden, show, today, who

PER_PAGE = 100
WRITERS_ONLY = "您只能查看该机关的规章和规范性文件登记：只有本机关的经办人、负责人和分管领导可以登记、修改、废止。"
STATUS_CSS = {DocStatus.IN_FORCE: "pub-state-published", DocStatus.NOT_YET: "pub-state-pending",
              DocStatus.REPEALED: "pub-state-withdrawn", DocStatus.EXPIRED: "pub-state-withdrawn"}
_DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


def _date_field(label: str, *, required: bool = False, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, help_text=help_text, **_DATE,
                           error_messages={"required": f"请填写{label}。", "invalid": f"请按“年-月-日”填写{label}，如 2025-06-30。"})


# --- forms -------------------------------------------------------------------------------------------

class FilterForm(Form):
    on = _date_field("状态日期", help_text="显示各文件在该日的状态（默认今天）")
    kind = forms.ChoiceField(label="类别", required=False, choices=[("", "全部")] + DocKind.choices)
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部")] + DocStatus.choices)
    year = forms.IntegerField(label="制发年度", required=False, min_value=1949, max_value=2100,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                              error_messages={"invalid": "年度请填写四位数字。", "min_value": "年度不正确。", "max_value": "年度不正确。"})
    q = forms.CharField(label="标题或文号包含", required=False, max_length=100, widget=forms.TextInput(attrs={"type": "search"}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "reg-f-%s")
        super().__init__(*args, **kwargs)


class DocumentForm(Form):
    name_fields = ("doc_number", "title", "note")

    kind = forms.ChoiceField(label="类别", choices=DocKind.choices, initial=DocKind.NORMATIVE,
                             help_text="规章只能由国务院部门，省、自治区、直辖市和设区的市、自治州的人民政府制定（立法法第九十一条、第九十三条）；"
                                       "县级部门制发的是行政规范性文件。",
                             error_messages={"required": "请选择类别。", "invalid_choice": "请选择“规章”或“行政规范性文件”。"})
    doc_number = forms.CharField(label="文号", max_length=80, help_text="如“湘司发〔2025〕3号”；同一机关的文号只能登记一次。",
                                 error_messages={"required": "请填写文号。", "max_length": "文号不能超过%(limit_value)d个字。"})
    title = forms.CharField(label="标题", max_length=200, error_messages={"required": "请填写标题。", "max_length": "标题不能超过%(limit_value)d个字。"})
    issued_on = _date_field("制发日期", required=True, help_text="计入该日所在年度的“本年制发件数”。")
    effective_on = _date_field("施行日期", help_text="留空即自制发之日起施行。")
    expires_on = _date_field("失效日期", help_text="规定了有效期的，填写自该日起不再有效的日期（有效期届满的次日）。失效计入当年“本年废止件数”。")
    repealed_on = _date_field("废止日期", help_text="自该日起废止。补登已废止的文件时填写；现行文件请用下方的“废止或失效”。")
    publication = forms.TypedChoiceField(label="对应的公开信息", required=False, coerce=int, empty_value=None,
                                         error_messages={"invalid_choice": "请选择本机关已发布的信息。"})
    note = forms.CharField(label="备注", required=False, max_length=200, error_messages={"max_length": "备注不能超过%(limit_value)d个字。"})

    def __init__(self, *args, agency, **kwargs):
        kwargs.setdefault("auto_id", "reg-%s")
        super().__init__(*args, **kwargs)
        self.agency = agency
        pubs = (Publication.objects.public().filter(agency=agency, column__kind__in=(ColumnKind.REGULATIONS, ColumnKind.NORMATIVE))
                .order_by("-published_on", "-id").values_list("pk", "title", "doc_number")[:500])
        self.fields["publication"].choices = [("", "（不关联）")] + [(pk, f"{t}（{n}）" if n else t) for pk, t, n in pubs]

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        pk = data.pop("publication")
        data["publication"] = Publication.objects.filter(pk=pk).first() if pk else None
        return data

    @staticmethod
    def initial_for(doc: NormativeDocument) -> dict:
        return {name: getattr(doc, name) for name in registry.EDITABLE if name != "publication"} | {"publication": doc.publication_id}


class EndForm(Form):
    how = forms.ChoiceField(label="登记为", choices=[("repeal", "废止"), ("expire", "失效（有效期届满）")],
                            widget=forms.RadioSelect, error_messages={"required": "请选择废止或失效。", "invalid_choice": "请选择废止或失效。"})
    on = _date_field("日期", required=True, help_text="自该日起不再有效；废止和失效都计入该年度的“本年废止件数”。")
    note = forms.CharField(label="说明（可选）", required=False, max_length=200, help_text="如废止文件的文号；写入备注。")
    name_fields = ("note",)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "end-%s")
        super().__init__(*args, **kwargs)


class YearForm(Form):
    year = forms.IntegerField(label="报告年度", min_value=2008, max_value=2100, widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                              error_messages={"required": "请填写年度。", "invalid": "年度请填写四位数字。",
                                              "min_value": "年度不能早于2008年。", "max_value": "年度不正确。"})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "t2-%s")
        super().__init__(*args, **kwargs)


# --- reaching an agency and a document ----------------------------------------------------------------

def _agency(request, *, writable_only: bool = False):
    """(agency, the agencies offered) chosen with ?agency=<code>: by default the first the user writes
    in, else reads. A code outside the user's reach is 404, one readable but not writable (when
    writing) 403 — answered by the caller through ``None``."""
    agencies = list(access.readable_agencies(request.user).order_by("name"))
    writable = access.writable_agency_ids(request.user)
    code = request.GET.get("agency", "")
    if code:
        chosen = next((a for a in agencies if a.code == code), None)
        if chosen is None:
            raise Http404
    else:
        chosen = next((a for a in agencies if a.pk in writable), None) or (agencies[0] if agencies else None)
    if writable_only:
        agencies = [a for a in agencies if a.pk in writable]
        if chosen is not None and chosen.pk not in writable:
            chosen = None
    return chosen, agencies


def _document(request, pk: int) -> NormativeDocument:
    """Document ``pk`` of an agency the user reads; 404 otherwise."""
    readable = access.readable_agency_ids(request.user)
    return get_object_or_404(NormativeDocument.objects.select_related("agency", "publication").filter(agency_id__in=readable), pk=pk)


def _list_url(agency, **params) -> str:
    return reverse("publishing:registry:list") + "?" + urlencode({"agency": agency.code, **params})


# --- the list and its export --------------------------------------------------------------------------

def _rows(agency, data: dict, day: date):
    rows = registry.documents(agency).filter(issued_on__lte=day)
    if data.get("kind"):
        rows = rows.filter(kind=data["kind"])
    if data.get("status"):
        rows = rows.filter(registry.status_filter(day, data["status"]))
    if data.get("year"):
        rows = rows.filter(issued_on__year=data["year"])
    if data.get("q"):
        words = data["q"].strip()
        rows = rows.filter(Q(title__icontains=words) | Q(doc_number__icontains=words))
    return rows.order_by("-issued_on", "-id")


def _filters(request) -> tuple[FilterForm, dict, date]:
    form = FilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, data, data.get("on") or today()


@login_required
@require_GET
def registry_list(request):
    agency, agencies = _agency(request)
    if agency is None:
        return show(request, "publishing/workspace/registry.html", {"agency": None})
    form, data, day = _filters(request)
    page = Paginator(_rows(agency, data, day).select_related("publication"), PER_PAGE).get_page(request.GET.get("page"))
    items = [(doc, doc.status_on(day), STATUS_CSS[doc.status_on(day)]) for doc in page.object_list]
    params = {k: v for k, v in request.GET.items() if k != "page" and v}
    return show(request, "publishing/workspace/registry.html", {
        "agency": agency, "agencies": agencies, "form": form, "page": page, "items": items, "day": day,
        "params": urlencode(params), "writer": access.can_write(request.user, agency.pk), "subnav": "registry",
        "report_year": _working_year(agency),
    })


def _csv_cell(value) -> str:
    """A cell a spreadsheet shows as text: one starting with = + - @ is not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@login_required
@require_GET
def export(request):
    agency, _ = _agency(request)
    if agency is None:
        raise Http404
    _, data, day = _filters(request)
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 with a BOM as Chinese text
    writer = csv.writer(out)
    writer.writerow(["类别", "文号", "标题", "制发日期", "施行日期", "废止日期", "失效日期", f"状态（{day:%Y-%m-%d}）", "备注"])
    for doc in _rows(agency, data, day).iterator():
        writer.writerow([_csv_cell(v) for v in (
            doc.get_kind_display(), doc.doc_number, doc.title, doc.issued_on, doc.effective_on or "", doc.repealed_on or "",
            doc.expires_on or "", DocStatus(doc.status_on(day)).label, doc.note)])
    response = HttpResponse(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"{agency.name}规章和规范性文件登记_{day:%Y%m%d}.csv")
    audit.info("registry of agency %s exported by %s", agency.pk, who(request.user))
    return response


# --- register, correct, end ------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    agency, agencies = _agency(request, writable_only=True)
    if agency is None:
        return forbidden(request, "您没有登记规章和规范性文件的权限：只有机关的经办人、负责人和分管领导可以登记。")
    form = DocumentForm(request.POST or None, agency=agency)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                doc = registry.create(agency, request.user, **form.values())
            except registry.RegistryError as exc:
                messages.error(request, exc.message)
                status = exc.status
            else:
                audit.info("registry document %s created by %s", doc.pk, who(request.user))
                messages.success(request, f"已登记“{doc.title}”（{doc.doc_number}）。")
                return redirect(_list_url(agency))
    return show(request, "publishing/workspace/registry_form.html", {
        "agency": agency, "agencies": agencies, "form": form, "doc": None, "subnav": "registry"}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    doc = _document(request, pk)
    if not access.can_write(request.user, doc.agency_id):
        return forbidden(request, WRITERS_ONLY)
    form = DocumentForm(request.POST or None, agency=doc.agency, initial=DocumentForm.initial_for(doc))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                registry.update(doc, request.user, **form.values())
            except registry.RegistryError as exc:
                messages.error(request, exc.message)
                status = exc.status
            else:
                audit.info("registry document %s changed by %s", doc.pk, who(request.user))
                messages.success(request, f"已保存“{doc.title}”的登记信息。")
                return redirect(_list_url(doc.agency))
    return _edit_page(request, doc, form, EndForm(initial={"on": today()}), status)


def _edit_page(request, doc, form, end_form, status):
    return show(request, "publishing/workspace/registry_form.html", {
        "agency": doc.agency, "form": form, "doc": doc, "end_form": end_form, "subnav": "registry",
        "status_now": DocStatus(doc.status_on(today())).label}, status=status)


@login_required
@require_POST
def end(request, pk: int):
    """废止 or 失效 from the document's page."""
    doc = _document(request, pk)
    if not access.can_write(request.user, doc.agency_id):
        return forbidden(request, WRITERS_ONLY)
    form = EndForm(request.POST)
    status = 400
    if form.is_valid():
        how, day, note = form.cleaned_data["how"], form.cleaned_data["on"], form.cleaned_data["note"]
        try:
            if how == "repeal":
                registry.repeal(doc, request.user, on=day, note=note or None)
            else:
                registry.expire(doc, request.user, on=day)
                if note:
                    registry.update(doc, request.user, note=note)
        except registry.RegistryError as exc:
            messages.error(request, exc.message)
            status = exc.status
        else:
            audit.info("registry document %s %s on %s by %s", doc.pk, how, day, who(request.user))
            messages.success(request, f"已登记“{doc.title}”自{day:%Y年%m月%d日}{'废止' if how == 'repeal' else '失效'}。")
            return redirect(_list_url(doc.agency))
    return _edit_page(request, doc, DocumentForm(agency=doc.agency, initial=DocumentForm.initial_for(doc)), form, status)


# --- table 二 第（一）项 -------------------------------------------------------------------------------------

@login_required
@require_GET
def table2(request):
    """The six figures of a year as the annual report takes them, with the documents behind them."""
    agency, agencies = _agency(request)
    if agency is None:
        raise Http404
    default = _working_year(agency)
    form = YearForm(request.GET if "year" in request.GET else None, initial={"year": default})
    year = form.cleaned_data["year"] if form.is_bound and form.is_valid() else default
    figures = registry.table2(agency, year)
    start, end_ = date(year, 1, 1), date(year, 12, 31)
    docs = registry.documents(agency).filter(issued_on__lte=end_).order_by("issued_on", "id")
    rows = [{"label": item.label, "cells": [figures[p] for p in item.paths()]}
            for item in f21.ACTIVE_ITEMS if item.key in registry.ITEM_OF_KIND.values()]
    report = _annual_report(request.user, agency, year)
    return show(request, "publishing/workspace/registry_table2.html", {
        "agency": agency, "agencies": agencies, "form": form, "year": year, "rows": rows, "in_use": registry.in_use(agency, year),
        "headers": [label for _, label in f21.ACTIVE_ITEMS[0].measures], "report": report, "subnav": "table2",
        "made": docs.filter(issued_on__gte=start), "ended": docs.filter(ended__gte=start, ended__lte=end_),
        "list_url": _list_url(agency, on=end_.isoformat()),
    }, status=200 if not form.is_bound or form.is_valid() else 400)


def _working_year(agency) -> int:
    """The report year people are working on (annual.deadlines.working_year): last year's in January."""
    from ...annual.deadlines import working_year

    return working_year(today(), [agency])


def _annual_report(user, agency, year: int):
    """The agency's annual report of ``year`` when it exists (the page links to it)."""
    from ...annual.models import AnnualReport

    return AnnualReport.objects.readable_by(user).filter(agency=agency, year=year).first()
