"""Running counts of the applications and appeals per agency at the grain of a year (:mod:`..tally`).

The columns that tables 三 and 四 filter on carry the names and the meaning of the case's own fields,
cut to the year: ``received_on`` is 1 January of the year of receipt, ``closed_on`` 1 January of the
year of closing — or :data:`OPEN` (31 December 9999) while the application is open, so that every
key column is NOT NULL and one unique key holds each combination once. The filters of
:mod:`zfxxgk.cases.stats` (``q_received``, ``q_carried_over`` … all bounded by 1 January and
31 December of a year) then select the same applications from a tally row as from the cases.
"""
from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver

from ...agencies.models import Agency

OPEN = date(9999, 12, 31)  # ``closed_on`` / ``decided_on`` of a tally row: not closed, not decided


class ApplicationTally(models.Model):
    """How many applications of ``agency`` received (条例第三十一条) in a year, by applicant kind,
    outcome and year of closing. Applications still awaiting confirmation are counted nowhere."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+", db_index=False)  # the key leads with it
    applicant_kind = models.CharField(max_length=20)
    outcome = models.CharField(max_length=50)  # "" while open
    received_on = models.DateField()  # 1 January of the year of receipt
    closed_on = models.DateField()  # 1 January of the year of closing, or OPEN
    n = models.IntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "申请计数"
        constraints = [
            models.UniqueConstraint(fields=["agency", "applicant_kind", "outcome", "received_on", "closed_on"], name="application_tally_key"),
        ]
        # A year's table 三 reads the rows open at some time in it: still open, or closed since 1 January.
        indexes = [models.Index(fields=["closed_on", "received_on"], name="application_tally_year")]


class ReceiptTally(models.Model):
    """How many applications of ``agency`` were received in a year, by applicant kind: the
    :class:`ApplicationTally` rows summed over outcome and year of closing, kept beside them for the
    dashboard's applications-per-year chart (a hundredth of the rows to read)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+", db_index=False)  # the key leads with it
    applicant_kind = models.CharField(max_length=20)
    received_on = models.DateField()  # 1 January of the year of receipt
    n = models.IntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "收到申请计数"
        constraints = [models.UniqueConstraint(fields=["agency", "applicant_kind", "received_on"], name="receipt_tally_key")]


class AppealTally(models.Model):
    """How many appeals about applications of ``agency`` were filed in a year, by kind, result and
    year of decision (table 四)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+", db_index=False)  # the key leads with it
    kind = models.CharField(max_length=40)
    result = models.CharField(max_length=20)
    filed_on = models.DateField()  # 1 January of the year of filing
    decided_on = models.DateField()  # 1 January of the year of decision, or OPEN
    n = models.IntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "复议诉讼计数"
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "result", "filed_on", "decided_on"], name="appeal_tally_key"),
        ]


@receiver(post_delete, sender="cases.Application")
@receiver(post_delete, sender="cases.Appeal")
def _deleted(sender, instance, using, **kwargs) -> None:
    """A deleted application or appeal (the admin, a queryset's delete) leaves its tally, in the
    deletion's transaction."""
    from ..tally import forget

    forget(instance, using)
