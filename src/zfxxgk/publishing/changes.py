"""What follows a change in what the public may see of a publication (published, withdrawn,
superseded): the search index at once, in the same transaction; the content-health reading of its
links and files in the background once the transaction commits. The services and annual_link call
this one function, so neither can be forgotten."""
from __future__ import annotations

from . import health, search


def public_changed(publication) -> None:
    search.update(publication)
    health.on_public_change(publication)
