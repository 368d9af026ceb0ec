"""Who may read and who may change which agency's cases — answered here only.

Views, the API and the services all ask these functions; querysets are filtered with them, so a
user never sees another agency's case by guessing a URL. System administrators (superusers)
manage data in the Django admin; in the workspace they read everything.
"""
from __future__ import annotations

from django.db.models import QuerySet

from .models import Agency, Membership, Role

WRITE_ROLES = {Role.CLERK, Role.HEAD, Role.LEADER}


def readable_agency_ids(user) -> set[int]:
    """Every agency the user belongs to, plus the reach of their supervisor roles."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if user.is_superuser:
        return set(Agency.objects.values_list("id", flat=True))
    memberships = list(Membership.objects.filter(user=user).select_related("agency"))
    return {m.agency_id for m in memberships} | _supervisor_reach(memberships)


def supervised_agency_ids(user) -> set[int]:
    """Agencies the user oversees (batch audit, oversight pages): each agency they supervise and
    its descendants; every agency for a superuser; none for clerks, heads and leaders."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if user.is_superuser:
        return set(Agency.objects.values_list("id", flat=True))
    return _supervisor_reach(Membership.objects.filter(user=user, role=Role.SUPERVISOR).select_related("agency"))


def supervised_agencies(user) -> QuerySet[Agency]:
    """The agencies the user holds a supervisor role in (not their descendants); none for a superuser,
    whose choice of county is the caller's."""
    if not getattr(user, "is_authenticated", False):
        return Agency.objects.none()
    return Agency.objects.filter(memberships__user=user, memberships__role=Role.SUPERVISOR).distinct()


def _supervisor_reach(memberships) -> set[int]:
    ids: set[int] = set()
    for m in memberships:
        if m.role == Role.SUPERVISOR:
            ids.add(m.agency_id)
            ids.update(a.id for a in m.agency.descendants())
    return ids


def writable_agency_ids(user) -> set[int]:
    """Agencies whose cases the user may act on: a supervisor writes none."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(Membership.objects.filter(user=user, role__in=WRITE_ROLES).values_list("agency_id", flat=True))


def headed_agency_ids(user) -> set[int]:
    """Agencies whose disclosure office ``user`` heads (政府信息公开工作机构负责人)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(Membership.objects.filter(user=user, role=Role.HEAD).values_list("agency_id", flat=True))


def readable_agencies(user) -> QuerySet[Agency]:
    return Agency.objects.filter(id__in=readable_agency_ids(user))


def can_write(user, agency_id: int) -> bool:
    return agency_id in writable_agency_ids(user)


def can_approve_extension(user, agency_id: int) -> bool:
    """条例第三十三条第二款: the head of the disclosure office of that agency."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if Membership.objects.filter(user=user, agency_id=agency_id, role=Role.HEAD).exists():
        return True
    return user.has_perm("cases.approve_extension")


def can_approve_extension_here(user, agency_id: int) -> bool:
    """The staff workspace's rule for the 批准延期 button: the user acts for that agency
    (:func:`can_write`) *and* is its office head (:func:`can_approve_extension`).

    ``can_approve_extension`` alone also answers True for holders of the global
    ``cases.approve_extension`` permission — superusers included — who may not write in the
    agency at all (a superuser reads everything in the workspace and changes nothing).
    """
    return can_write(user, agency_id) and can_approve_extension(user, agency_id)


def can_manage_office(user, agency_id: int) -> bool:
    """The agency's own settings (文号 pattern, 复议机关, 指南 contact facts …): its office head, or a
    system administrator."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or Membership.objects.filter(user=user, agency_id=agency_id, role=Role.HEAD).exists()


def managed_agencies(user) -> QuerySet[Agency]:
    """The agencies whose settings ``user`` may change (:func:`can_manage_office`)."""
    if not getattr(user, "is_authenticated", False):
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    return Agency.objects.filter(memberships__user=user, memberships__role=Role.HEAD).distinct()
