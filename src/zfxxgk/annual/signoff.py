"""Submitting, approving, publishing and correcting an annual report.

STUB of the skeleton: the sign-off work implements these (see annual/services.py).
"""
from __future__ import annotations


def submit(report, user):
    raise NotImplementedError


def publish(report, user):
    raise NotImplementedError


def start_correction(report, user, reason):
    raise NotImplementedError


def upload_published(agency, year, name, data, user):
    raise NotImplementedError


def on_approved(report, approval, user):
    raise NotImplementedError


def on_returned(report, approval, user):
    raise NotImplementedError
