"""主动公开 in the JSON API (issue 10): what the public site shows, as data for other systems.

Public, no token (条例第二十三条: 政府网站 and other channels carry what is proactively disclosed):

* ``GET /api/publications`` — public publications, newest first; filters agency, column (with its
  sub-columns), year, and ``q`` (full text through :func:`zfxxgk.publishing.search.search`).
* ``GET /api/publications/{id}`` — one series' current version (or ``?version=N``, an older one):
  metadata, body, attachments with their public download addresses, the versions. 404 for anything
  the public may not see; 410 with the date and reason for an item withdrawn (its body is gone).
* ``GET /api/agencies/{code}/catalogue`` — the 公开目录 with public counts per column.
* ``GET /api/agencies/{code}/registry?year=`` — the 规章 and 行政规范性文件 with their status on
  31 December of the year (today for this year) and table 二 第（一）项 (:func:`.registry.table2`).

Staff (the agency's own token, or a signed-in reader of the agency, zfxxgk.agencies.access):

* ``GET /api/agencies/{code}/publications`` — items not yet public (草稿, 审核中, 待发布), without body.

Only :meth:`PublicationQuerySet.public` rows are ever shown with their body: one rule for pages,
search, feeds and this API.
"""
from __future__ import annotations

from datetime import date
from typing import Literal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Path, Query, Router
from ninja.errors import HttpError
from ninja.security import django_auth

try:
    from ninja import Status
except ImportError:  # django-ninja < 1.6: a (status, body) tuple
    def Status(status_code, value):  # noqa: N802
        return status_code, value

from ..agencies import access
from ..agencies.models import Agency, Role
from ..publishing import deadlines
from ..publishing.models import Column, DocStatus, NormativeDocument, Publication, PubState
from ..publishing.public_views.series import Series, in_series
from ..site.forms import MAX_INT
from ..standard.format2021 import ACTIVE_ITEMS
from ..text import InputError, clean_input
from .auth import token_agency, token_auth
from .models import ApiToken
from .publishing_schemas import (
    CatalogueOut, PublicationDetail, PublicationPage, RegistryOut, WithdrawnOut, WorkPage,
)
from .schemas import Error, ValidationErrorOut

router = Router()

PUBLIC_TAG, STAFF_TAG = "主动公开", "主动公开（机关工作人员）"
ERRORS = {404: Error, 422: ValidationErrorOut}
FIRST_YEAR = 2008  # 条例 in force since 1 May 2008
NOT_PUBLIC = "未找到该公开信息：编号不存在，或该信息尚未公开。"
UNFINISHED = (PubState.DRAFT, PubState.PENDING, PubState.APPROVED)

# What each answer means, in Chinese, in the OpenAPI document (django-ninja writes "OK", "Not Found").
MEANINGS = {
    200: "成功", 401: "令牌缺失、无效或已停用，或未登录", 403: "无权查看该机关尚未公开的信息（令牌只代表其所属机关）",
    404: "未找到：机关不存在，或该信息不存在、尚未公开", 410: "该信息已撤回：只给出撤回日期和原因，不给正文",
    422: "请求数据有误（参数格式、取值范围、未知的机关或栏目代码）",
}


def _described(*codes: int) -> dict:
    """``openapi_extra`` giving each response of ``codes`` its Chinese description."""
    return {"responses": {code: {"description": MEANINGS[code]} for code in codes}}


def _today() -> date:
    from ..cases.services import today

    return today()


# --- addresses of the public site (publishing.public_urls) -----------------------------------------

def _site(request: HttpRequest, name: str, *args) -> str:
    """The absolute address of a public page, e.g. ``_site(request, "publication", code, series)``."""
    return request.build_absolute_uri(reverse(f"publishing_public:{name}", args=args))


# --- columns: one query per agency, paths without a query per row ----------------------------------

class _Columns:
    """The columns of some agencies by id, with their paths and descendants."""

    def __init__(self, agency_ids):
        self.by_id = {c.pk: c for c in Column.objects.filter(agency_id__in=set(agency_ids)).order_by("position", "id")}

    def path(self, column_id: int) -> list[str]:
        names, node, seen = [], self.by_id.get(column_id), set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            names.append(node.name)
            node = self.by_id.get(node.parent_id)
        return names[::-1]

    def ref(self, column_id: int) -> dict:
        column = self.by_id[column_id]
        return {"code": column.code, "name": column.name, "path": self.path(column_id)}

    def subtree(self, roots) -> set[int]:
        """The ids of ``roots`` and every column below them."""
        children: dict[int | None, list[int]] = {}
        for column in self.by_id.values():
            children.setdefault(column.parent_id, []).append(column.pk)
        ids, frontier = set(), [c.pk for c in roots]
        while frontier:
            pk = frontier.pop()
            if pk not in ids:
                ids.add(pk)
                frontier.extend(children.get(pk, ()))
        return ids


def _item(request, pub: Publication, columns: _Columns, snippet_html: str | None = None) -> dict:
    series = pub.series_id_or_self
    return {
        "id": series, "title": pub.title, "agency": {"code": pub.agency.code, "name": pub.agency.name},
        "column": columns.ref(pub.column_id), "index_number": pub.index_number, "doc_number": pub.doc_number,
        "written_on": pub.written_on, "published_on": pub.published_on, "version": pub.version,
        "corrected": pub.version > 1, "url": _site(request, "publication", pub.agency.code, series),
        "snippet_html": snippet_html,
    }


# --- input --------------------------------------------------------------------------------------

def _query_text(value: str | None, field: str, label: str) -> str:
    """Typed text through the system's boundary (zfxxgk.text), refused in the API's 422 shape."""
    try:
        return clean_input(value or "").strip()
    except InputError as exc:
        raise HttpError(422, f"请求数据有误：{label}（{field}）：{exc.message.rstrip('。')}。") from None


def _agency_or_422(code: str) -> Agency:
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise HttpError(422, f"请求数据有误：机关编号代码（agency）：没有编号代码为“{code}”的机关。")
    return agency


def _columns_or_422(agency: Agency | None, code: str) -> list[Column]:
    found = list(Column.objects.filter(code=code, **({"agency": agency} if agency else {})))
    if not found:
        where = f"{agency.name}没有" if agency else "没有任何机关有"
        raise HttpError(422, f"请求数据有误：栏目代码（column）：{where}栏目代码为“{code}”的栏目。")
    return found


def _year_or_422(year: int, field: str = "year") -> int:
    if year > _today().year:
        raise HttpError(422, f"请求数据有误：年度（{field}）：不能晚于今年（{_today().year}年）。")
    return year


# --- public: the list ---------------------------------------------------------------------------

@router.get("/publications", response={200: PublicationPage, **ERRORS}, tags=[PUBLIC_TAG],
            summary="主动公开信息列表（公开，无需令牌）", openapi_extra=_described(200, 404, 422))
def list_publications(
    request,
    agency: str | None = Query(None, max_length=30, description="机关编号代码，如 xtxsfj"),
    column: str | None = Query(None, max_length=40, description="栏目代码，如 gzdt（含其下级栏目；不指定机关时为各机关同代码的栏目）"),
    year: int | None = Query(None, ge=FIRST_YEAR, le=9999, description="发布年度"),
    q: str | None = Query(None, max_length=50, description="全文检索的词语（标题、正文、附件文字；最多50字，空格分隔的各词都须出现）"),
    limit: int = Query(20, ge=1, le=100, description="每页条数（最多100）"),
    offset: int = Query(0, ge=0, le=MAX_INT, description="跳过的条数"),
):
    """已发布的主动公开信息，按发布日期倒序；草稿、审核中、待发布、已撤回的信息一律不出现。
    指定 ``q`` 时按全文检索的相关度排序，并给出摘要。"""
    found_agency = _agency_or_422(agency) if agency else None
    columns = _columns_or_422(found_agency, column) if column else None
    if year is not None:
        _year_or_422(year)
    words = _query_text(q, "q", "检索词")
    if words:
        return _search(request, words, found_agency, column, year, limit, offset)
    qs = Publication.objects.public()
    if found_agency is not None:
        qs = qs.filter(agency=found_agency)
    if columns is not None:
        qs = qs.filter(column_id__in=_Columns({c.agency_id for c in columns}).subtree(columns))
    if year is not None:
        qs = qs.of_year(year)
    page = list(qs.select_related("agency").order_by("-published_on", "-id")[offset:offset + limit])
    known = _Columns({p.agency_id for p in page})
    return {"count": qs.count(), "limit": limit, "offset": offset, "items": [_item(request, p, known) for p in page]}


def _search(request, words: str, agency, column: str | None, year, limit: int, offset: int) -> dict:
    """The search's pages of ``limit`` items, cut to the API's offset (which may fall inside a page)."""
    from ..publishing import search

    first, skip = offset // limit + 1, offset % limit
    ask = {"agency": agency, "column": column, "year": year}
    if first + (1 if skip else 0) > search.MAX_PAGE:  # beyond what the search serves: the count alone
        return {"count": search.search(words, **ask, per_page=1).total, "limit": limit, "offset": offset, "items": []}
    results = search.search(words, **ask, page=first, per_page=limit)
    hits = list(results.hits)
    if skip and len(hits) == limit:
        hits += search.search(words, **ask, page=first + 1, per_page=limit).hits
    chosen = hits[skip:skip + limit]
    known = _Columns({h.publication.agency_id for h in chosen})
    items = [_item(request, h.publication, known, str(h.snippet_html)) for h in chosen]
    return {"count": results.total, "limit": limit, "offset": offset, "items": items}


# --- public: one publication --------------------------------------------------------------------

@router.get("/publications/{id}", response={200: PublicationDetail, 404: Error, 410: WithdrawnOut, 422: ValidationErrorOut},
            tags=[PUBLIC_TAG], summary="一条主动公开信息（公开，无需令牌）", openapi_extra=_described(200, 404, 410, 422))
def publication_detail(
    request, id: int = Path(..., ge=1, le=MAX_INT, description="信息编号（列表中的 id）"),
    version: int | None = Query(None, ge=1, le=999, description="已发布的第几版（默认当前版本）"),
):
    """当前公开版本的元数据、正文（HTML 和纯文本）、附件（公开下载地址）和全部已发布版本。
    未公开的信息（草稿、审核中、待发布）返回 404；已撤回的返回 410，只给出撤回日期和原因，不给正文。"""
    # What a series shows is the public pages' rule (public_views.series), not restated here.
    versions = list(Publication.objects.filter(in_series(id)).select_related("agency").order_by("version", "id"))
    found = Series(id, versions)
    current = found.current
    if current is None:
        withdrawn = found.withdrawn
        if withdrawn is None:
            raise HttpError(404, NOT_PUBLIC)
        day = timezone.localdate(withdrawn.withdrawn_at) if withdrawn.withdrawn_at else None
        when = f"于{day.year}年{day.month}月{day.day}日" if day else ""
        return Status(410, {"detail": f"该信息已{when}撤回，不再公开。撤回原因：{withdrawn.withdrawn_reason}",
                            "id": id, "title": withdrawn.title, "withdrawn_on": day, "reason": withdrawn.withdrawn_reason})
    shown = [*found.older, current]
    chosen = current if version is None else next((v for v in shown if v.version == version), None)
    if chosen is None:
        raise HttpError(404, f"该信息没有已发布的第{version}版。")
    code = chosen.agency.code

    def page(v: Publication) -> str:
        return _site(request, "publication", code, id) if v is current else _site(request, "version", code, id, v.version)

    attachments = [{"id": a.pk, "name": a.original_name, "content_type": a.content_type, "size": a.size,
                    "url": _site(request, "attachment", code, id, a.pk)}
                   for a in chosen.attachments.order_by("uploaded_at", "id")]
    versions_out = [{"version": v.version, "published_on": v.published_on, "correction_reason": v.correction_reason,
                     "current": v is current, "url": page(v)} for v in shown]
    return {**_item(request, chosen, _Columns({chosen.agency_id})), "id": id, "url": page(chosen),
            "correction_reason": chosen.correction_reason, "body_html": chosen.body, "body_text": chosen.body_text,
            "attachments": attachments, "versions": versions_out}


# --- public: the catalogue and the registry -----------------------------------------------------

@router.get("/agencies/{code}/catalogue", response={200: CatalogueOut, 404: Error}, tags=[PUBLIC_TAG],
            summary="机关的公开目录和各栏目公开信息数（公开，无需令牌）", openapi_extra=_described(200, 404))
def catalogue(request, code: str):
    """机关的公开目录（栏目树）：每个栏目本身及含下级栏目的已发布信息数。"""
    agency = get_object_or_404(Agency, code=code)
    columns = _Columns({agency.pk})
    counts = dict(Publication.objects.public().filter(agency=agency).values_list("column").annotate(n=Count("id")))
    children: dict[int | None, list[Column]] = {}
    for column in columns.by_id.values():
        children.setdefault(column.parent_id if column.parent_id in columns.by_id else None, []).append(column)

    def node(column: Column, seen: frozenset) -> dict:
        below = [node(c, seen | {c.pk}) for c in children.get(column.pk, ()) if c.pk not in seen]
        count = counts.get(column.pk, 0)
        return {"code": column.code, "name": column.name, "kind": column.kind, "count": count,
                "total": count + sum(b["total"] for b in below), "children": below,
                "url": _site(request, "column", code, column.code)}

    tree = [node(c, frozenset({c.pk})) for c in children.get(None, ())]
    return {"agency": {"code": agency.code, "name": agency.name}, "total": sum(counts.values()), "columns": tree}


def _table2_rows(figures: dict) -> list[dict]:
    rows = []
    for item in ACTIVE_ITEMS:
        if not item.measures:
            continue  # 第二十条第（五）（六）（八）项: entered by staff, not the registry's
        for (_, header), path in zip(item.measures, item.paths()):
            rows.append({"path": path, "label": f"{item.label}·{header}", "value": int(figures.get(path) or 0)})
    return rows


@router.get("/agencies/{code}/registry", response={200: RegistryOut, **ERRORS}, tags=[PUBLIC_TAG],
            summary="规章和行政规范性文件目录及年度报告表二 第（一）项（公开，无需令牌）",
            openapi_extra=_described(200, 404, 422))
def registry(request, code: str, year: int | None = Query(None, ge=FIRST_YEAR, le=9999, description="年度（默认今年）")):
    """机关制发的规章和行政规范性文件，及各件在该年12月31日（今年为今天）的状态：现行有效、已废止、
    已失效或尚未施行；另给出年度报告表二 第二十条第（一）项的本年制发、本年废止、现行有效件数。"""
    from ..publishing import registry as documents

    agency = get_object_or_404(Agency, code=code)
    today = _today()
    year = _year_or_422(year) if year is not None else today.year
    as_of = min(date(year, 12, 31), today)
    entries = list(NormativeDocument.objects.filter(agency=agency, issued_on__lte=as_of).order_by("-issued_on", "doc_number"))
    linked = Publication.objects.filter(pk__in=[e.publication_id for e in entries if e.publication_id])
    series_of = dict(linked.values_list("pk", "series"))
    public = set(Publication.objects.public().filter(agency=agency).values_list("series", flat=True))
    public |= set(Publication.objects.public().filter(agency=agency, series__isnull=True).values_list("pk", flat=True))

    def url(entry: NormativeDocument) -> str | None:
        if not entry.publication_id:
            return None
        series = series_of.get(entry.publication_id) or entry.publication_id
        return _site(request, "publication", code, series) if series in public else None

    out = []
    for entry in entries:
        status = entry.status_on(as_of)
        out.append({"kind": entry.kind, "kind_label": entry.get_kind_display(), "doc_number": entry.doc_number,
                    "title": entry.title, "issued_on": entry.issued_on, "effective_on": entry.effective_on,
                    "repealed_on": entry.repealed_on, "expires_on": entry.expires_on, "status": status,
                    "status_label": DocStatus(status).label,
                    "url": url(entry)})
    return {"agency": {"code": agency.code, "name": agency.name}, "year": year, "as_of": as_of, "entries": out,
            "table2": _table2_rows(documents.table2(agency, year))}


# --- staff: what is not public yet --------------------------------------------------------------

def _readable_agency(request: HttpRequest, code: str) -> Agency:
    """The agency when the caller may read its unpublished items: its own token, or a signed-in
    reader (access.readable_agency_ids); 403 for anyone else."""
    if isinstance(request.auth, ApiToken):
        return token_agency(request, code)  # a token acts for its one agency only
    agency = Agency.objects.filter(code=code).first()
    if agency is None or agency.pk not in access.readable_agency_ids(request.user):
        raise HttpError(403, "无权查看该机关尚未公开的信息。")
    return agency


@router.get("/agencies/{code}/publications", auth=[token_auth, django_auth],
            response={200: WorkPage, 401: Error, 403: Error, 422: ValidationErrorOut}, tags=[STAFF_TAG],
            summary="本机关尚未公开的信息（草稿、审核中、待发布）",
            openapi_extra=_described(200, 401, 403, 422))
def work_items(
    request, code: str,
    state: Literal["draft", "pending", "approved"] | None = Query(None, description="状态：draft 草稿、pending 审核中、approved 待发布；默认三者"),
    limit: int = Query(50, ge=1, le=200, description="每页条数（最多200）"),
    offset: int = Query(0, ge=0, le=MAX_INT, description="跳过的条数"),
):
    """本机关正在办理的主动公开信息：标题、栏目、状态、等待哪个角色审核、第二十六条的公开期限。
    只给本机关的令牌或有权查看该机关的工作人员（登录会话）；不含正文。"""
    agency = _readable_agency(request, code)
    qs = Publication.objects.filter(agency=agency, state__in=[state] if state else UNFINISHED).order_by("-updated_at", "-id")
    page = list(qs.select_related("agency")[offset:offset + limit])
    waiting = _waiting_roles([p.pk for p in page if p.state == PubState.PENDING])
    columns, today = _Columns({agency.pk}), _today()
    workdays = deadlines.workdays_for(agency)
    items = [{
        "id": p.pk, "series": p.series_id_or_self, "version": p.version, "title": p.title, "column": columns.ref(p.column_id),
        "state": p.state, "state_label": p.get_state_display(), "waiting_for": waiting.get(p.pk),
        "written_on": p.written_on, "due_on": deadlines.due_on(p.written_on, workdays),
        "late": deadlines.is_late(p, today), "updated_at": p.updated_at,
    } for p in page]
    return {"count": qs.count(), "limit": limit, "offset": offset, "items": items}


def _waiting_roles(ids: list[int]) -> dict[int, str]:
    """publication id → the role its pending approval waits for (in Chinese)."""
    from ..approvals.models import Approval, State

    if not ids:
        return {}
    content_type = ContentType.objects.get_for_model(Publication)
    pending = Approval.objects.filter(content_type=content_type, object_id__in=ids, state=State.PENDING)
    return {a.object_id: Role(a.current_role).label for a in pending if a.current_role in Role.values}
