"""Every answer under /api/ is JSON, errors included: what Django, django-ninja or the site's own
middleware answer before any handler of ours runs (a method the route does not take, an unknown
path, a NUL in the URL) becomes the API's ``{"detail": "<中文说明>"}`` with the same status and
headers. A plain-text answer is the site's own Chinese message and becomes the detail as it is."""
from __future__ import annotations

import json

from django.http import HttpResponse

MESSAGES = {
    400: "请求无法解析。",
    403: "无权访问。",
    404: "接口地址不存在，请查看接口文档 /api/docs。",
    405: "该接口不支持 {method} 请求，可用：{allow}。",
    413: "请求体过大。",
    500: "服务器内部错误，已记录，请稍后再试或联系系统管理员。",
}


class JsonErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (not request.path.startswith("/api/") or response.status_code < 400
                or response.get("Content-Type", "").startswith("application/json")):
            return response
        if response.get("Content-Type", "").startswith("text/plain") and response.content:
            detail = response.content.decode(response.charset or "utf-8")
        else:
            template = MESSAGES.get(response.status_code, "请求失败。")
            detail = template.format(method=request.method, allow="、".join(
                m.strip() for m in response.get("Allow", "").split(",") if m.strip()) or "—")
        json_response = HttpResponse(json.dumps({"detail": detail}, ensure_ascii=False), status=response.status_code,
                                     content_type="application/json; charset=utf-8")
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if header in response:
                json_response[header] = response[header]
        return json_response
