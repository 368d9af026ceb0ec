"""Notifications: e-mail (Django's mail framework) and SMS (a pluggable backend, :mod:`.sms`), written
from templates in Chinese, stored as :class:`~.models.Message` rows and sent in the background
(:mod:`.tasks`, django-tasks) with bounded retries. Nothing personal goes into the logs: they name
message, application and agency ids only.

Other apps call :func:`send_to_applicant` (a notice issued, the case answered) and
:func:`send_to_staff`; the events of :mod:`zfxxgk.cases.services` are listened to in :mod:`.signals`.
"""
from __future__ import annotations


def send_to_applicant(application, kind: str, context: dict | None = None, *, key: str = ""):
    """Tell the applicant by the contacts they gave (e-mail and/or SMS): see :func:`.services.send_to_applicant`."""
    from .services import send_to_applicant as send

    return send(application, kind, context, key=key)


def send_to_staff(agency, kind: str, context: dict | None = None, **kwargs):
    """Tell the agency's staff by e-mail (``roles``, ``supervisors``, ``key``, ``application``): see
    :func:`.services.send_to_staff`."""
    from .services import send_to_staff as send

    return send(agency, kind, context, **kwargs)
