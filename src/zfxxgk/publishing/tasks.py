"""Background tasks of 主动公开 (django-tasks; the database backend's ``db_worker`` runs them in
production and under ``zfxxgk serve``, the immediate backend in tests).

Content health (:mod:`.health`) reads what these keep: :func:`refresh_publication` runs after every
change of a publication's public state (:func:`.health.on_public_change`), :func:`check_all` is the
``publishing_health`` command's work for a worker.
"""
from __future__ import annotations

import logging
from dataclasses import asdict

from django_tasks import task

from . import health, health_checks
from .models import Publication

log = logging.getLogger(__name__)


@task()
def refresh_publication(publication_id: int) -> dict:
    """Read the body's links and check the attachments of a publication that became public, or
    forget them for one that stopped being public; try its external links when that is on."""
    pub = Publication.objects.select_related("agency").filter(pk=publication_id).first()
    if pub is None:  # deleted before the worker came to it
        return {"publication": publication_id, "public": False}
    result = health_checks.refresh(pub)
    if result["public"] and health.external_checks_on():
        result["external"] = health_checks.check_external_for(pub)
    log.info("publication %s: health refreshed %s", publication_id, result)
    return {"publication": publication_id, **result}


@task()
def check_all(external: bool = False) -> dict:
    """Everything again (links, files; external links when ``external`` and the setting is on)."""
    result = health_checks.full_check(external=external and health.external_checks_on())
    return asdict(result)
