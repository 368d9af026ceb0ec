"""The client's address, decided once for login throttling (django-axes), the portal and the API.

Behind the README's nginx every request comes from 127.0.0.1: throttles keyed on REMOTE_ADDR
would then lock out every citizen together. The address in X-Forwarded-For is believed only
when ``ZFXXGK_TRUSTED_PROXIES`` says how many proxies of our own stand in front (each appends the
address it saw, so the client is that many entries from the right); anything further left was
written by the client and is ignored.
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    address = address.strip()
    if address.startswith("[") and "]" in address:  # [::1]:443
        address = address[1:address.index("]")]
    elif address.count(":") == 1:  # 203.0.113.7:51234
        address = address.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The address of the client that sent ``request``; "" when it has none (a test request, a
    socket without a peer) — django-axes then stores NULL, never a word an IP column refuses."""
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or ""
    proxies = int(getattr(settings, "ZFXXGK_TRUSTED_PROXIES", 0) or 0)
    if proxies <= 0:
        return remote
    hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    if len(hops) < proxies:
        return remote  # the request bypassed our proxies (or one is misconfigured): trust no header
    return _valid(hops[-proxies]) or remote


def client_key(request) -> str:
    """An HMAC of the client's address under the secret key, for cache keys and counters: nothing
    stores an address, and a plain hash of one of 2³² IPv4 addresses could be reversed."""
    return hmac.new(settings.SECRET_KEY.encode(), client_ip(request).encode(), hashlib.sha256).hexdigest()[:32]
