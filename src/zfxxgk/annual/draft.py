"""Drafting an annual report: get, 生成草稿, save with check, dismiss warnings, the document.

STUB of the skeleton: the annual-core work implements these (see annual/services.py).
"""
from __future__ import annotations


def get(agency, year):
    raise NotImplementedError


def generate(report, user):
    raise NotImplementedError


def save(report, user, *, sections=None, figures=None):
    raise NotImplementedError


def recheck(report):
    raise NotImplementedError


def dismiss(report, user, key, reason):
    raise NotImplementedError


def document(report):
    raise NotImplementedError


def previous_document(report):
    raise NotImplementedError


def import_figures(report, user, name, data):
    raise NotImplementedError
