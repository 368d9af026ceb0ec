"""The workspace menu's entries of the apps of issue 9: 年度报告, 待我审核, 监督.

Computed here, not with ``{% url %}`` in the menu, so that the menu still renders while an entry's
page does not exist yet (a missing URL name leaves the entry out instead of breaking every page).
"""
from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse

from ...agencies import access
from ...agencies.models import Membership, Role

register = template.Library()


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def entries(user) -> list[dict]:
    """(key, label, url) of the entries ``user`` is offered; the key matches the page's ``nav``."""
    if not getattr(user, "is_authenticated", False):
        return []
    out = []
    if access.readable_agency_ids(user):
        out.append(("annual", "年度报告", "annual:list"))
        out.append(("publishing", "主动公开", "publishing:list"))
    if access.writable_agency_ids(user):
        out.append(("approvals", "待我审核", "approvals:queue"))
        out.append(("notify", "通知记录", "notify:list"))
    if user.is_superuser or Membership.objects.filter(user=user, role=Role.SUPERVISOR).exists():
        out.append(("oversight", "监督", "oversight:dashboard"))
    menu = [{"key": key, "label": label, "url": url, "count": 0} for key, label, name in out if (url := _url(name))]
    for m in menu:
        if m["key"] == "approvals":  # what awaits this user's decision: extensions, 审签, reports, publications
            from ...approvals.queries import waiting_for

            m["count"] = waiting_for(user).count()
    return menu


@register.simple_tag(takes_context=True)
def workspace_menu(context) -> list[dict]:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return entries(user)
