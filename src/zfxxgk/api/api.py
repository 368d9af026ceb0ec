"""The JSON API: the integration point for provincial systems. OpenAPI at /api/openapi.json,
interactive documentation at /api/docs.

* ``POST /api/applications`` — an agency system registers an application (token).
* ``POST /api/status`` — anyone with the number and query code sees the progress (no token, no
  personal data; failed lookups are throttled per address). The code travels in the body, never in
  a URL, so access logs never record a valid code.
* ``GET /api/agencies/{code}/applications[/export|/{number}]`` — the agency's own applications
  (token of that agency only).

Every error is ``{"detail": "<中文说明>"}`` with its status code. Nothing personal is logged.
"""
from __future__ import annotations

import logging
import re
from datetime import date
from typing import Literal
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from ninja import NinjaAPI, Query
from ninja.errors import AuthenticationError, HttpError, ValidationError

try:
    from ninja import Status
except ImportError:  # django-ninja < 1.6: a (status, body) tuple
    def Status(status_code, value):  # noqa: N802
        return status_code, value

from ..cases import services
from ..cases.choices import State
from ..cases.models import Application
from ..cases.services import CaseError, NewApplication
from ..portal import limits
from ..site.forms import MAX_INT  # the bound on integers the forms use too
from .auth import token_agency, token_auth
from .schemas import (
    ApplicationCreated, ApplicationDetail, ApplicationIn, ApplicationPage, Error, EventOut,
    StatusIn, StatusOut, ValidationErrorOut,
)

log = logging.getLogger(__name__)

DESCRIPTION = """政府信息公开平台的数据接口，供省级平台等系统对接依申请公开办理数据。

**认证**：机关系统使用接口令牌，在请求头中加入 `Authorization: Bearer <令牌>`。令牌由系统管理员
在后台或用 `manage.py create_api_token <机关编号代码> <名称>` 创建，只显示一次；一个令牌只代表其所属机关。
办理进度查询（`POST /api/status`，编号和查询码放在请求体中）无需令牌。

**错误**：统一返回 `{"detail": "中文说明"}`：400 请求无法解析，401 令牌缺失、无效或已停用，
403 无权访问其他机关或无权办理，404 未找到，409 当前办理状态不允许该操作，413 请求体过大，
422 数据校验不通过，429 查询失败次数过多。"""

api = NinjaAPI(
    title="政府信息公开平台数据接口",
    version="1.0",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 413: Error, 422: ValidationErrorOut}


# --- errors: always {"detail": "<Chinese>"} --------------------------------------------------------

@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    response = api.create_response(
        request, {"detail": "接口令牌缺失、无效或已停用：请在请求头中加入 Authorization: Bearer <令牌>。"}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="zfxxgk"'
    return response


_HTTP_MESSAGES = {"Cannot parse request body": "请求体无法解析：应为 JSON（UTF-8）。"}


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    message = str(exc)
    message = next((zh for en, zh in _HTTP_MESSAGES.items() if message.startswith(en)), message)
    return api.create_response(request, {"detail": message}, status=exc.status_code)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "未找到。"}, status=404)


@api.exception_handler(CaseError)
def _case_error(request, exc: CaseError):
    # Subclasses say what kind of refusal it is: invalid state 409, not allowed 403, invalid data 422.
    return api.create_response(request, {"detail": exc.message}, status=getattr(exc, "status", 422))


@api.exception_handler(RequestDataTooBig)
def _too_big(request, exc):
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024
    return api.create_response(request, {"detail": f"请求体过大：不能超过 {limit} KB。"}, status=413)


_SECTIONS = {"body", "query", "path", "header", "cookie", "form", "file", "payload"}


def _field_label(name: str, path: str = "") -> str:
    if name == "year" and "/annual/" in path:
        return "报告年度（year）"  # not the application's 编号年度
    from .publishing_schemas import label_of  # the 主动公开 routes name their own parameters

    if (label := label_of(name, path)) is not None:
        return label
    try:
        return f"{Application._meta.get_field(name).verbose_name}（{name}）"
    except Exception:
        return {"format": "导出格式（format）", "limit": "每页条数（limit）", "offset": "偏移量（offset）",
                "code": "查询码（code）", "received_from": "收到日期起（received_from）",
                "received_to": "收到日期止（received_to）"}.get(name, name)


def _error_message(error: dict) -> str:
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "missing":
        return "必须填写"
    if kind == "string_too_long":
        return f"最多 {ctx.get('max_length')} 个字符"
    if kind.startswith("date") or kind.startswith("datetime"):
        return "日期格式应为 YYYY-MM-DD"
    if kind.startswith("int"):
        return "应为整数"
    if kind == "greater_than_equal":
        return f"应不小于 {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"应不大于 {ctx.get('le')}"
    if kind == "literal_error":
        return f"可选值：{ctx.get('expected')}"
    if kind == "string_type":
        return "应为字符串"
    if kind == "bool_type" or kind == "bool_parsing":
        return "应为 true 或 false"
    if kind in ("model_attributes_type", "dict_type", "model_type"):
        return "应为 JSON 对象"
    if kind == "value_error":
        return str(ctx.get("error") or error.get("msg", "")).removeprefix("Value error, ")
    return "格式不正确"


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    errors = []
    for error in exc.errors:
        loc = [str(p) for p in error.get("loc", ()) if str(p) not in _SECTIONS]
        field = ".".join(loc) or "请求体"
        errors.append({"field": field, "message": _error_message(error)})
    detail = "；".join(f"{_field_label(e['field'], request.path)}：{e['message'].rstrip('。')}" for e in errors)
    if request.path.rstrip("/").endswith("/api/status"):
        limits.count_lookup_failure(request)  # garbage is a failed guess too
    return api.create_response(request, {"detail": f"请求数据有误：{detail}。", "errors": errors}, status=422)


# --- helpers -----------------------------------------------------------------------------------------

_COUNTING_RULE = re.compile(r"（区分处理的.*）$")


def outcome_label(app: Application) -> str | None:
    return _COUNTING_RULE.sub("", app.get_outcome_display()) if app.outcome else None


def mask_name(name: str) -> str:
    """张三 → 张*，张三丰 → 张*丰: enough for an applicant to recognise, nothing for anyone else."""
    name = name.strip()
    if len(name) <= 1:
        return "*"
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def _item(app: Application) -> dict:
    return {
        "number": app.number, "applicant_kind": app.applicant_kind, "applicant_kind_label": app.get_applicant_kind_display(),
        "applicant_name": app.applicant_name, "channel": app.channel, "channel_label": app.get_channel_display(),
        "submitted_on": app.submitted_on, "received_on": app.received_on, "state": app.state,
        "state_label": app.get_state_display(), "due_on": app.due_on, "due_provisional": app.due_provisional,
        "outcome": app.outcome, "outcome_label": outcome_label(app), "closed_on": app.closed_on,
    }


def _filtered(agency, state: str | None, year: int | None, received_from: date | None, received_to: date | None) -> QuerySet[Application]:
    qs = Application.objects.filter(agency=agency)
    if state:
        if state not in State.values:
            raise HttpError(422, f"未知的办理状态：“{state}”。可选：{'、'.join(f'{v}（{label}）' for v, label in State.choices)}")
        qs = qs.filter(state=state)
    if year is not None:
        qs = qs.filter(year=year)
    if received_from is not None:
        qs = qs.filter(received_on__gte=received_from)
    if received_to is not None:
        qs = qs.filter(received_on__lte=received_to)
    return qs.order_by("-year", "-seq", "-pk")


# --- status lookup (public) -------------------------------------------------------------------------

@api.post("/status", response={200: StatusOut, 404: Error, 422: ValidationErrorOut, 429: Error},
          summary="查询办理进度（公开，无需令牌）", tags=["公开查询"])
def status(request, payload: StatusIn):
    """凭依申请公开编号和查询码查询办理进度（放在 JSON 请求体中，不放在网址里，以免查询码留在访问日志中）。
    不返回任何个人信息（申请人仅显示脱敏名称）。同一地址查询失败次数过多时，一段时间内返回 429。"""
    # One count of failed lookups per client, shared with the portal's page (portal.limits).
    if limits.lookup_throttled(limits.lookup_failures(request)):
        response = api.create_response(request, {"detail": limits.THROTTLED}, status=429)
        response["Retry-After"] = str(limits.LOOKUP_WINDOW)
        return response
    app = (Application.objects.select_related("agency")
           .filter(number=payload.number, query_code=payload.code).first())
    if app is None:
        limits.count_lookup_failure(request)
        return Status(404, {"detail": "编号或查询码不正确，请核对后再试。"})
    closed = app.state == State.CLOSED
    return {
        "number": app.number, "agency": app.agency.name, "applicant": mask_name(app.applicant_name),
        "state": app.state, "stage": app.get_state_display(), "received_on": app.received_on,
        "due_on": None if closed else app.due_on, "due_provisional": False if closed else app.due_provisional,
        "outcome": outcome_label(app) if closed else None, "closed_on": app.closed_on if closed else None,
    }


# --- agency systems (token) -------------------------------------------------------------------------

@api.post("/applications", auth=token_auth, response={201: ApplicationCreated, **ERRORS},
          summary="登记依申请公开申请", tags=["机关对接"])
def create_application(request, payload: ApplicationIn):
    """为令牌所属机关登记一件申请（条例第二十九条的各项内容）。渠道默认为互联网（internet），
    此时收到申请之日待与申请人确认（第三十一条），答复期限在确认后计算。"""
    agency = token_agency(request)
    data = payload.dict()
    data["submitted_on"] = data["submitted_on"] or services.today()
    app = services.register(agency, NewApplication(**data), actor=None)  # CaseError → 422
    log.info("api token %s registered application %s for agency %s", request.auth.pk, app.number, agency.pk)
    return Status(201, {
        "number": app.number, "query_code": app.query_code, "state": app.state, "state_label": app.get_state_display(),
        "received_on": app.received_on, "due_on": app.due_on, "due_provisional": app.due_provisional,
    })


@api.get("/agencies/{code}/applications", auth=token_auth, response={200: ApplicationPage, **ERRORS},
         summary="本机关的申请列表", tags=["机关对接"])
def list_applications(
    request, code: str,
    state: str | None = Query(None, description="办理状态，如 processing、closed"),
    year: int | None = Query(None, ge=1, le=9999, description="编号年度"),
    received_from: date | None = Query(None, description="收到申请之日起（含）"),
    received_to: date | None = Query(None, description="收到申请之日止（含）"),
    limit: int = Query(50, ge=1, le=200, description="每页条数（最多200）"),
    offset: int = Query(0, ge=0, le=MAX_INT, description="跳过的条数"),
):
    """按编号倒序分页列出令牌所属机关的申请（不含证件号码、联系电话等个人信息）。"""
    agency = token_agency(request, code)
    qs = _filtered(agency, state, year, received_from, received_to)
    return {"count": qs.count(), "limit": limit, "offset": offset, "items": [_item(a) for a in qs[offset:offset + limit]]}


CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
_BINARY = {"schema": {"type": "string", "format": "binary"}}


@api.get("/agencies/{code}/applications/export", auth=token_auth, response=ERRORS,
         summary="导出依申请公开工作台账", tags=["机关对接"],
         openapi_extra={"responses": {200: {"description": "台账文件（CSV 为带 BOM 的 UTF-8）",
                                            "content": {t.split(";")[0]: _BINARY for t in CONTENT_TYPES.values()}}}})
def export_applications(
    request, code: str,
    fmt: Literal["csv", "xlsx"] = Query("csv", alias="format", description="文件格式：csv 或 xlsx"),
    state: str | None = Query(None, description="办理状态"),
    year: int | None = Query(None, ge=1, le=9999, description="编号年度（默认全部；XLSX 标题用本年度）"),
    received_from: date | None = Query(None, description="收到申请之日起（含）"),
    received_to: date | None = Query(None, description="收到申请之日止（含）"),
):
    """令牌所属机关的依申请公开工作台账（不含证件号码、联系方式），筛选条件同申请列表。"""
    from ..cases import ledger

    agency = token_agency(request, code)
    apps = list(_filtered(agency, state, year, received_from, received_to))
    title_year = year or services.today().year
    if fmt == "xlsx":
        body = ledger.export_xlsx(apps, ledger.ledger_title(agency, title_year))
    else:
        body = ledger.export_csv(apps)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    filename = f"{ledger.ledger_title(agency, title_year)}.{fmt}"
    ascii_name = f"{agency.code}-{title_year}-ledger.{fmt}"
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    response["Cache-Control"] = "no-store"
    return response


@api.get("/agencies/{code}/applications/{path:number}", auth=token_auth, response={200: ApplicationDetail, **ERRORS},
         summary="一件申请及其办理记录", tags=["机关对接"])
def application_detail(request, code: str, number: str):
    """令牌所属机关的一件申请：办理记录（事项、日期、理由）和答复期限的计算过程。"""
    agency = token_agency(request, code)
    app = Application.objects.filter(agency=agency, number=number).first()
    if app is None:
        raise HttpError(404, f"本机关没有编号为“{number}”的申请。")
    t = services.timeline(app)
    events = [EventOut(kind=e.kind, kind_label=e.get_kind_display(), on=e.on, reason=e.reason, voided=e.pk in t.voided)
              for e in app.events.order_by("on", "id")]
    return {
        **_item(app), "agency": agency.name, "description": app.description, "document_number": app.document_number,
        "requested_form": app.requested_form, "delivery": app.delivery, "signed_on": app.signed_on,
        "overdue": t.overdue(services.today()), "events": events, "working": t.working,
    }

api.add_router("", "zfxxgk.api.annual.router")  # annual reports and county totals (issue 9)
api.add_router("", "zfxxgk.api.publishing.router")  # 主动公开: publications, catalogue, registry (issue 10)
