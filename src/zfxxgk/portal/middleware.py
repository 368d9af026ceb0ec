"""Refuse a flooding client before Django does any work (see :mod:`.limits`)."""
from __future__ import annotations

import re

from django.http import HttpResponse

from . import limits

_APPLY = re.compile(r"^/apply/([^/]+)/$")


class EarlyRefusalMiddleware:
    """A POST to an application form from an address already refused today gets the refusal page it
    was shown, with no session, CSRF check, query or template: a flood costs almost nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            match = _APPLY.match(request.path_info)
            page = limits.early_refusal(request, match.group(1)) if match else None
            if page is not None:
                return HttpResponse(page, status=429, content_type="text/html; charset=utf-8")
        return self.get_response(request)
