from __future__ import annotations

from django.db import models


class ScheduleDay(models.Model):
    """A day of an official holiday schedule entered by an administrator.

    Entering any day of a year makes that year *known* and replaces the built-in (chinesecalendar)
    data for it: the State Council publishes next year's schedule in November or December.
    """

    day = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("是否上班", help_text="勾选：调休上班日；不勾选：放假日")
    name = models.CharField("名称", max_length=40, help_text="如 春节、国庆节、调休上班")

    class Meta:
        verbose_name = verbose_name_plural = "节假日安排"
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {self.name}"
