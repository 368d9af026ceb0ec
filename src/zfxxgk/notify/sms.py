"""SMS through a pluggable backend, in the manner of Django's e-mail backends.

``settings.ZFXXGK_SMS_BACKEND`` names the class (dotted path). Shipped here:

* :class:`FileBackend` (default): each message appended to a file in ``ZFXXGK_SMS_FILE_PATH``
  (``<data>/sms-outbox``), for an installation without a gateway and for development;
* :class:`ConsoleBackend`: printed on standard output;
* :class:`LocmemBackend`: kept in :data:`outbox` (the test suite's backend);
* :class:`HttpGatewayBackend`: a JSON POST to ``ZFXXGK_SMS_GATEWAY_URL`` — an example adapter.

A real gateway (a carrier's or a cloud provider's SMS API) is an adapter: subclass
:class:`BaseSmsBackend`, implement :meth:`~BaseSmsBackend.send_messages` (raise on failure: the
message is retried) and point the setting at it.
"""
from __future__ import annotations

import json
import sys
import threading
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT_BACKEND = "zfxxgk.notify.sms.FileBackend"


@dataclass
class SmsMessage:
    to: str  # a mobile number
    body: str


class BaseSmsBackend:
    """Send SMS; raise any exception when a message could not be handed to the gateway."""

    def __init__(self, **kwargs):
        self.options = kwargs

    def send_messages(self, messages: list[SmsMessage]) -> int:
        raise NotImplementedError("短信网关适配器需要实现 send_messages()")


class ConsoleBackend(BaseSmsBackend):
    def __init__(self, stream=None, **kwargs):
        super().__init__(**kwargs)
        self.stream = stream or sys.stdout

    def send_messages(self, messages):
        for m in messages:
            self.stream.write(f"短信 → {m.to}\n{m.body}\n{'-' * 40}\n")
        self.stream.flush()
        return len(messages)


class FileBackend(BaseSmsBackend):
    """One file per day in the folder (created 0700; the process's umask keeps the files 0600)."""

    _lock = threading.Lock()

    def __init__(self, file_path=None, **kwargs):
        super().__init__(**kwargs)
        self.path = Path(file_path or getattr(settings, "ZFXXGK_SMS_FILE_PATH", None) or settings.DATA_DIR / "sms-outbox")

    def send_messages(self, messages):
        self.path.mkdir(mode=0o700, parents=True, exist_ok=True)
        now = datetime.now()
        with self._lock, open(self.path / f"{now:%Y-%m-%d}.log", "a", encoding="utf-8") as fh:
            for m in messages:
                fh.write(f"[{now:%H:%M:%S}] 短信 → {m.to}\n{m.body}\n{'-' * 40}\n")
        return len(messages)


outbox: list[SmsMessage] = []  # LocmemBackend's, like django.core.mail.outbox


class LocmemBackend(BaseSmsBackend):
    def send_messages(self, messages):
        outbox.extend(messages)
        return len(messages)


class HttpGatewayBackend(BaseSmsBackend):
    """POST ``{"to": …, "text": …, "sign": …}`` as JSON with ``Authorization: Bearer <token>`` to
    ``ZFXXGK_SMS_GATEWAY_URL``; any answer but 2xx is a failure (and the message is retried)."""

    def __init__(self, url=None, token=None, sign=None, timeout=10, **kwargs):
        super().__init__(**kwargs)
        self.url = url or getattr(settings, "ZFXXGK_SMS_GATEWAY_URL", "")
        self.token = token if token is not None else getattr(settings, "ZFXXGK_SMS_GATEWAY_TOKEN", "")
        self.sign = sign if sign is not None else getattr(settings, "ZFXXGK_SMS_SIGN", "")
        self.timeout = timeout
        if not self.url:
            raise ValueError("未设置短信网关地址 ZFXXGK_SMS_GATEWAY_URL")

    def send_messages(self, messages):
        for m in messages:
            data = json.dumps({"to": m.to, "text": m.body, "sign": self.sign}, ensure_ascii=False).encode()
            request = urllib.request.Request(self.url, data=data, method="POST", headers={
                "Content-Type": "application/json; charset=utf-8",
                **({"Authorization": f"Bearer {self.token}"} if self.token else {}),
            })
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - the configured gateway
                if not 200 <= response.status < 300:
                    raise RuntimeError(f"短信网关返回 HTTP {response.status}")
        return len(messages)


def get_backend(path: str | None = None, **kwargs) -> BaseSmsBackend:
    return import_string(path or getattr(settings, "ZFXXGK_SMS_BACKEND", "") or DEFAULT_BACKEND)(**kwargs)


def send_sms(to: str, body: str) -> int:
    return get_backend().send_messages([SmsMessage(to, body)])
