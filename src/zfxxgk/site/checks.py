"""Deployment checks (``manage.py check --deploy`` and every start): settings that look wrong together."""
from __future__ import annotations

from django.conf import settings
from django.core.checks import Warning, register


@register("security", deploy=True)
def proxy_configured(app_configs, **kwargs):
    """HTTPS is terminated by a proxy (ZFXXGK_HTTPS=1), but no proxy is trusted: every client then has the
    proxy's address, and the throttles lock out everyone together."""
    if getattr(settings, "HTTPS", False) and not getattr(settings, "ZFXXGK_TRUSTED_PROXIES", 0):
        return [Warning(
            "ZFXXGK_HTTPS=1 but ZFXXGK_TRUSTED_PROXIES=0: behind nginx every client has the proxy's address.",
            hint="设置 ZFXXGK_TRUSTED_PROXIES=1（nginx 一层代理），否则登录和查询的限流会把所有人一起锁定。",
            id="zfxxgk.W001",
        )]
    return []
