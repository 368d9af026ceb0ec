"""Site-wide request and response rules that no single view should have to remember."""
from __future__ import annotations

import logging
from urllib.parse import unquote

from django.http import HttpResponse

log = logging.getLogger(__name__)

_NUL_MESSAGE = "请求中含有空字符（U+0000），无法处理。请检查输入的内容。"


class RejectNulMiddleware:
    """A NUL byte in the path or the query string is refused with 400 before any view runs.

    PostgreSQL cannot store or compare NUL in text: a NUL reaching a query is a 500 there, and on
    any database it is never something a person typed. Form fields and API bodies are checked by
    their own validators (zfxxgk.text); this catches what reaches a view as a URL.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raw = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "\x00" in unquote(raw):  # the path is already decoded
            log.info("request refused: NUL in path or query string")
            # Plain text; under /api/ the API's middleware turns it into {"detail": …} like every error there.
            return HttpResponse(_NUL_MESSAGE, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every response the application renders (pages and API),
    unless the view chose its own: queues, case pages, status lookups and API answers carry
    personal data, which neither the browser's cache nor a proxy may keep. Static files are served
    before this by WhiteNoise with their own long-lived headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" not in response:
            response["Cache-Control"] = "no-store, private"
        return response
