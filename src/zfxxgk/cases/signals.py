"""When an administrator enters or corrects a holiday schedule, open cases get new due dates."""
from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import ScheduleDay


def refresh_after_commit() -> None:
    """Recompute open cases once the schedule change is committed."""
    from .calendar import forget
    from .services import refresh_open_cases

    forget()
    refresh_open_cases()


def _queued(using: str | None = None) -> bool:
    """Is a refresh already waiting for this transaction to commit?

    Asked of the connection's own list of on-commit callbacks rather than kept in a flag: Django
    drops the callbacks of a transaction or savepoint that rolls back, so nothing is left behind
    that would stop the next committed edit from refreshing. (A flag set here and cleared in the
    callback stayed set after a rollback, and no later edit refreshed again in that thread.)
    """
    connection = transaction.get_connection(using)
    return any(entry[1] is refresh_after_commit for entry in connection.run_on_commit)


@receiver([post_save, post_delete], sender=ScheduleDay)
def schedule_changed(sender, using=None, **kwargs) -> None:
    from .calendar import forget

    forget()
    if not _queued(using):  # one refresh per transaction, however many days were entered
        transaction.on_commit(refresh_after_commit, using=using)
