"""What every staff page of 主动公开 shares: reaching a publication (404 outside the user's
agencies: its existence is not revealed), the write check (403 for read-only users such as the
county supervisor), the workspace frame, and the links a publication has.

Who may read or change an agency's publications is :mod:`zfxxgk.agencies.access`' answer, asked
through ``Publication.objects.readable_by(user)`` and the services.
"""
from __future__ import annotations

import logging
from datetime import date

from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse

from ...agencies import access
from ..models import Publication

audit = logging.getLogger("zfxxgk.audit")  # English; user and publication

READ_ONLY = "您只能查看本机关的主动公开信息：只有本机关的经办人、负责人和分管领导可以起草、提交、审核和发布。"


def today() -> date:
    from ...cases import services  # the engine's clock (tests move it)

    return services.today()


def publications_for(user):
    return Publication.objects.readable_by(user).select_related("agency", "column")


def publication_for(user, pk: int) -> Publication:
    """Publication ``pk`` if ``user`` may read it; 404 otherwise."""
    return get_object_or_404(publications_for(user), pk=pk)


def may_write(user, pub: Publication) -> bool:
    return access.can_write(user, pub.agency_id)


def show(request, template: str, context: dict, status: int = 200):
    """A page in the workspace frame (the menu's writer entries as on the other workspace pages)."""
    context.setdefault("nav_writer", bool(access.writable_agency_ids(request.user)))
    context.setdefault("nav", "publishing")
    return render(request, template, context, status=status)


def forbidden(request, message: str = READ_ONLY):
    return show(request, "workspace/forbidden.html", {"message": message}, status=403)


def who(user) -> str:
    return f"user={user.pk}:{user.get_username()}"


def staff_url(pub: Publication) -> str:
    """The publication's page in the workspace (what Publication.get_workspace_url returns)."""
    return reverse("publishing:detail", args=[pub.pk])


def public_url(pub: Publication) -> str | None:
    """Its public page (once the public pages are installed); None before it was ever published."""
    if pub.published_on is None:
        return None
    try:
        return pub.get_absolute_url()
    except NoReverseMatch:
        return None
