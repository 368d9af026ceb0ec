"""The models and their migrations agree: a model changed without ``makemigrations`` fails here."""
from __future__ import annotations

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def _pending_migrations() -> str | None:
    """What ``makemigrations --check --dry-run`` would write, or None when nothing is missing."""
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", "--verbosity", "2", stdout=out, stderr=out, no_color=True)
    except SystemExit as exit_:
        assert exit_.code == 1, out.getvalue()
        return out.getvalue()
    return None


def test_every_model_change_has_a_migration():
    pending = _pending_migrations()
    assert pending is None, f"models changed without a migration (run `zfxxgk manage makemigrations`):\n{pending}"


def test_a_model_change_without_a_migration_is_found(monkeypatch):
    from zfxxgk.agencies.models import Agency

    field = Agency._meta.get_field("name")
    monkeypatch.setattr(field, "max_length", field.max_length + 1)
    pending = _pending_migrations()
    assert pending is not None and "agencies" in pending and "name" in pending
