"""The index rebuild as a background task (django-tasks): queued by search.ensure_current when the
index was cut by another tokenizer version, run by the worker (at once under the test settings)."""
from __future__ import annotations

from django_tasks import task


@task()
def rebuild_index() -> int:
    from . import backend, rebuild, text

    if backend().version() == text.VERSION:  # another worker got there first
        return 0
    return rebuild()
