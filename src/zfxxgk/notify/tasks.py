"""Background sending (django-tasks; the database backend's ``db_worker`` — ``zfxxgk worker`` —
runs it in production and under ``zfxxgk serve``, the immediate backend in tests)."""
from __future__ import annotations

from django_tasks import task

from . import services


@task()
def deliver(message_id: int) -> str:
    """Try one message once; a failure schedules the next try itself (:func:`.services.attempt`)."""
    return services.attempt(message_id)
