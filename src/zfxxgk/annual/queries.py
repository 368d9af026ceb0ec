"""One queryset per question about annual reports: who may read them, which are late.

(Implemented by the annual-core work; the dashboard, API and CLI call these, never their own filters.)
"""
from __future__ import annotations

from django.db import models


class AnnualReportQuerySet(models.QuerySet):
    def readable_by(self, user) -> "AnnualReportQuerySet":
        """The reports of the agencies ``user`` may read (zfxxgk.agencies.access)."""
        from ..agencies import access

        return self.filter(agency_id__in=access.readable_agency_ids(user))
