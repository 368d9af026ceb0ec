"""Helpers of the notification tests."""
from __future__ import annotations

from datetime import date

from zfxxgk.cases import services as s

NAME, PHONE, EMAIL, ID_NUMBER = "张晓明", "138 0731 5678", "zhangxm@example.com", "430321199001011234"
MOBILE = "13807315678"


def new(submitted: date = date(2025, 6, 2), channel: str = "in_person", **kw) -> s.NewApplication:
    kind = kw.pop("kind", "natural_person")
    kw.setdefault("phone", PHONE)
    kw.setdefault("email", EMAIL)
    kw.setdefault("id_number", ID_NUMBER)
    kw.setdefault("address", "湖南省湘潭县易俗河镇金桂路8号")
    return s.NewApplication(kind, kw.pop("name", NAME), "2024年法律援助经费使用情况", channel, submitted, **kw)


class FailingSms:
    """An SMS gateway that is down: every send raises, naming the number as gateways do."""

    calls = 0

    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        type(self).calls += 1
        raise ConnectionError(f"gateway refused {messages[0].to}: timeout")


class FlakySms(FailingSms):
    """Down for the first call, then up."""

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).calls == 1:
            raise ConnectionError("gateway busy")
        from zfxxgk.notify import sms

        sms.outbox.extend(messages)
        return len(messages)
