from __future__ import annotations

from django.db import models


class DailyCount(models.Model):
    """Online applications from one client on one day (the portal's per-address limit).

    ``client`` is an HMAC of the client's address under the site's secret key (``site.clientip``):
    no address is stored, and none can be recovered by hashing the 2³² IPv4 addresses. Counted in
    the database, inside the registration's transaction, so the limit holds exactly however many
    workers serve the portal; rows of past days are deleted.
    """

    day = models.DateField("日期")
    client = models.CharField("客户端（地址的HMAC）", max_length=64)
    n = models.PositiveIntegerField("在线申请数", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "在线申请计数"
        constraints = [models.UniqueConstraint(fields=["day", "client"], name="daily_count_unique")]

    def __str__(self) -> str:
        return f"{self.day} {self.client[:8]}… {self.n}"
