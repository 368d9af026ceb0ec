from __future__ import annotations

from django.conf import settings
from django.db import models

from ...agencies.models import Agency
from ..choices import ApplicantKind, Channel, Delivery, IdType, Outcome, RequestedForm, State
from ..queries import ApplicationQuerySet

# The ``seq`` of a record registered with a number it already had (台账迁移): it takes no number of
# the platform's sequence, so the numbers handed out per agency and year stay 1, 2, 3, … .
IMPORTED_SEQ = 0


class Application(models.Model):
    """One application for government information (条例第二十九条), from receipt to its outcome.

    What happened to it is the append-only list of its events; ``state``, ``due_on`` and
    ``closed_on`` are caches of what :mod:`zfxxgk.cases.deadlines` derives from them, kept so
    that queues and statistics are plain indexed queries.
    """

    agency = models.ForeignKey(Agency, verbose_name="受理机关", on_delete=models.PROTECT, related_name="applications")
    year = models.PositiveIntegerField("编号年度")
    seq = models.PositiveIntegerField("年度序号", help_text="本平台按机关、年度连续编排的序号；0 表示沿用原台账编号的记录")
    number = models.CharField("依申请公开编号", max_length=80, db_index=True)  # the public lookup key
    query_code = models.CharField("查询码", max_length=32, unique=True)

    # 第二十九条（一）: the applicant
    applicant_kind = models.CharField("申请人类型", max_length=20, choices=ApplicantKind.choices)
    applicant_name = models.CharField("申请人姓名或名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices, default=IdType.RESIDENT_ID)
    id_number = models.CharField("证件号码", max_length=40, blank=True)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)

    # 第三十一条: how it arrived, and so which day counts as the day of receipt
    channel = models.CharField("申请渠道", max_length=20, choices=Channel.choices)
    submitted_on = models.DateField("提交日期")
    signed_on = models.DateField("签收日期", null=True, blank=True)
    received_on = models.DateField("收到申请之日", null=True, blank=True, db_index=True)

    # 第二十九条（二）（三）: what is asked for, and in which form
    description = models.TextField("所需政府信息的名称、文号或者特征性描述")
    document_number = models.CharField("文号", max_length=100, blank=True)
    requested_form = models.CharField("信息的指定提供形式", max_length=20, choices=RequestedForm.choices, default=RequestedForm.ELECTRONIC)
    delivery = models.CharField("获取信息的方式", max_length=20, choices=Delivery.choices, default=Delivery.EMAIL)

    state = models.CharField("办理状态", max_length=30, choices=State.choices, db_index=True)
    due_on = models.DateField("答复期限", null=True, blank=True, db_index=True)
    due_provisional = models.BooleanField("期限为暂定", default=False)
    outcome = models.CharField("办理结果", max_length=50, choices=Outcome.choices, null=True, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True, db_index=True)

    # The clerk the case is assigned to (an ASSIGNED event records each change, with who and when).
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="承办人", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = ApplicationQuerySet.as_manager()  # open(), overdue(), due_within(), readable_by()

    class Meta:
        verbose_name = verbose_name_plural = "政府信息公开申请"
        ordering = ["-year", "-seq"]
        permissions = [("approve_extension", "批准延长答复期限（政府信息公开工作机构负责人）")]
        constraints = [
            # Imported records (seq 0) share no sequence number; every number handed out is unique.
            models.UniqueConstraint(fields=["agency", "year", "seq"], condition=models.Q(seq__gt=IMPORTED_SEQ), name="application_seq_unique"),
            models.UniqueConstraint(fields=["agency", "number"], name="application_number_unique"),
            # A finished application has exactly one outcome and a closing day; an open one has neither.
            models.CheckConstraint(
                condition=models.Q(state="closed", outcome__isnull=False, closed_on__isnull=False)
                | (~models.Q(state="closed") & models.Q(outcome__isnull=True, closed_on__isnull=True)),
                name="application_closed_has_outcome",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True) | models.Q(received_on__isnull=True)
                | models.Q(closed_on__gte=models.F("received_on")),
                name="application_closed_after_receipt",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "state", "due_on"]),
            models.Index(fields=["agency", "closed_on"]),
            # The county dashboard counts open and overdue cases per agency over every agency at once
            # (bench/annual.py: 1,000,000 applications); partial indexes hold only the open few.
            models.Index(fields=["agency"], condition=~models.Q(state="closed"), name="application_open_by_agency"),
            models.Index(fields=["due_on", "agency"], condition=models.Q(state="processing"), name="application_running_by_due"),
            # Table 三 of a year for every agency of a county (oversight.totals): the applications open
            # at some time in the year are a range of closed_on (NULL, or from Jan 1), and every column
            # the count reads is in the index: an index-only scan, 3× faster than the table (PostgreSQL;
            # elsewhere ``include`` is ignored).
            models.Index(fields=["closed_on", "received_on"], include=["agency", "applicant_kind", "outcome"], name="application_year_counts"),
            # Table 四 of every agency: the year's appeals find their application's agency in the index
            # alone (5× faster than a table page per appeal on PostgreSQL).
            models.Index(fields=["id"], include=["agency"], name="application_agency_by_id"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.applicant_name}"

    def save(self, *args, **kwargs):
        """Saved with its count in the tallies moved in the same transaction (:mod:`..tally`)."""
        from ..tally import kept_in_step

        with kept_in_step(self, kwargs.get("update_fields"), kwargs.get("using")):
            super().save(*args, **kwargs)


class NumberSequence(models.Model):
    """The last number handed out per agency and year: numbers are gapless (a locked counter)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="number_sequence_unique")]
