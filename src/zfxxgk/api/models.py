"""Tokens with which an agency's own systems (a provincial platform, an OA) call the API.

Only the SHA-256 of a token is stored: the token itself is shown once, when it is created
(``manage.py create_api_token`` or the admin), and cannot be recovered afterwards — a lost token
is revoked and a new one issued. A token acts for its one agency only.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import models
from django.utils import timezone

from ..agencies.models import Agency

PREFIX = "zfx_"
MAX_TOKEN_LENGTH = 200  # anything longer is not one of ours; do not even hash it
LAST_USED_RESOLUTION = timedelta(minutes=1)  # at most one write per token and minute


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def new_key() -> str:
    return PREFIX + secrets.token_urlsafe(32)  # 256 bits


class ApiTokenQuerySet(models.QuerySet):
    def authenticate(self, raw: str) -> "ApiToken | None":
        """The active token whose hash matches ``raw``, or None; records when it was last used."""
        if not raw or len(raw) > MAX_TOKEN_LENGTH:
            return None
        digest = hash_key(raw)
        token = self.select_related("agency").filter(key_hash=digest, revoked=False).first()
        if token is None or not hmac.compare_digest(token.key_hash, digest):
            return None
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token


class ApiToken(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("名称", max_length=100, help_text="调用方系统，如 “省政府信息公开平台”")
    key_hash = models.CharField("令牌摘要（SHA-256）", max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用时间", null=True, blank=True, editable=False)
    revoked = models.BooleanField("已停用", default=False, help_text="停用后该令牌的请求一律返回 401")

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "接口令牌"
        ordering = ["agency", "name"]

    def __str__(self) -> str:
        return f"{self.agency} · {self.name}"

    @classmethod
    def issue(cls, agency: Agency, name: str) -> tuple["ApiToken", str]:
        """Create a token; returns it with the raw key, which is not stored anywhere."""
        raw = new_key()
        return cls.objects.create(agency=agency, name=name, key_hash=hash_key(raw)), raw
