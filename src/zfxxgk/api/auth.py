"""Bearer-token authentication for agency systems, and the one rule of what a token may reach.

A token is the only credential the token endpoints accept: a browser's session cookie does not
authenticate there (and so no CSRF token is involved). A token acts for its own agency only.
"""
from __future__ import annotations

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer

from ..agencies.models import Agency
from .models import ApiToken


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``; the token is looked up by its SHA-256 hash."""

    def __call__(self, request: HttpRequest):
        # Not HttpBearer.__call__: that one logs the whole header (the credential) in DEBUG mode.
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return ApiToken.objects.authenticate(token)


token_auth = TokenAuth()


def token_agency(request: HttpRequest, code: str | None = None) -> Agency:
    """The agency the request's token acts for; 403 when ``code`` names another agency."""
    token: ApiToken = request.auth
    if code is not None and code != token.agency.code:
        raise HttpError(403, "该令牌只能访问本机关的数据，无权访问其他机关。")
    return token.agency
