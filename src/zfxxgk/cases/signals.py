"""When an administrator enters or corrects a holiday schedule, open cases get new due dates."""
from __future__ import annotations

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import ScheduleDay

_pending = threading.local()


@receiver([post_save, post_delete], sender=ScheduleDay)
def schedule_changed(sender, **kwargs) -> None:
    from .calendar import forget

    forget()
    if getattr(_pending, "queued", False):
        return  # one refresh per transaction, however many days were entered
    _pending.queued = True

    def refresh() -> None:
        from .services import refresh_open_cases

        _pending.queued = False
        forget()
        refresh_open_cases()

    transaction.on_commit(refresh)
