"""One queryset per question about approvals (views, dashboards and reminders call these)."""
from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from ..agencies import access
from ..agencies.models import Membership
from .models import Approval, Decision, State

MAX_STEPS = 5  # the longest chain in use is 三审 (three steps); services.submit refuses longer ones


def waiting_for(user) -> QuerySet[Approval]:
    """What waits for ``user``'s decision: pending, and its current step's role is one the user holds
    in that agency (and may act there: a supervisor or a read-only account signs off nothing)."""
    if not getattr(user, "is_authenticated", False):
        return Approval.objects.none()
    writable = access.writable_agency_ids(user)
    held = Q(pk__in=[])
    for agency_id, role in Membership.objects.filter(user=user, agency_id__in=writable).values_list("agency_id", "role"):
        # steps[step] == role, written as a lookup the database answers (JSON array index by the step number
        # is not portable), so the steps a role can be are enumerated: a list of at most a few roles.
        for index in range(MAX_STEPS):
            held |= Q(agency_id=agency_id, step=index, **{f"steps__{index}": role})
    return (Approval.objects.filter(held, state=State.PENDING)
            .select_related("agency", "submitted_by", "content_type").order_by("submitted_at", "pk"))


def history(subject) -> QuerySet[Decision]:
    """Every act on every approval of ``subject``, oldest first (submit, approve, return, withdraw)."""
    content_type = ContentType.objects.get_for_model(subject)
    return (Decision.objects.filter(approval__content_type=content_type, approval__object_id=subject.pk)
            .select_related("approval", "user").order_by("at", "pk"))


def approvals_of(subject) -> QuerySet[Approval]:
    """The approvals of ``subject``, newest first."""
    content_type = ContentType.objects.get_for_model(subject)
    return Approval.objects.filter(content_type=content_type, object_id=subject.pk).order_by("-submitted_at", "-pk")


def pending_for(subject) -> Approval | None:
    return approvals_of(subject).filter(state=State.PENDING).first()
