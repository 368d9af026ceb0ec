"""Case events that tell someone: each recorded event is looked at once its transaction commits
(:mod:`.events`); an action that rolls back tells nobody."""
from __future__ import annotations

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from ..cases.models import Event
from . import events


@receiver(post_save, sender=Event, dispatch_uid="notify_event_recorded")
def event_recorded(sender, instance: Event, created: bool, raw: bool = False, using=None, **kwargs) -> None:
    if created and not raw and events.tells_someone(instance.kind):
        transaction.on_commit(partial(events.event_committed, instance.pk), using=using, robust=True)
