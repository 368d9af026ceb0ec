"""Refusals by kind: the state does not allow the action (409), the user may not (403), the data or
the day is not acceptable (422). Every kind is still a CaseError, with the Chinese message."""
from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User

from zfxxgk.cases import services as s
from zfxxgk.cases.models import Event

from workspace.helpers import new

# On the engine's clock (tests/conftest.py: TODAY); ``agency`` and ``county`` are the root conftest's.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


@pytest.fixture
def app(agency):
    return s.register(agency, new())


def refused(kind, status, call, *args, match: str | None = None, **kw):
    before = Event.objects.count()
    with pytest.raises(s.CaseError, match=match) as info:
        call(*args, **kw)
    assert type(info.value) is kind, (type(info.value).__name__, info.value.message)
    assert info.value.status == status and isinstance(info.value, s.CaseError)
    assert Event.objects.count() == before  # nothing changed
    return info.value


def test_the_kinds_and_their_http_status():
    assert s.CaseError.status == 422
    assert (s.CaseStateError.status, s.CaseForbidden.status, s.CaseInvalid.status) == (409, 403, 422)
    for kind in (s.CaseStateError, s.CaseForbidden, s.CaseInvalid):
        assert issubclass(kind, s.CaseError)
        assert kind("说明").message == "说明"


def test_state_errors_are_409(app):
    s.answer(app, date(2025, 6, 20), "granted")
    refused(s.CaseStateError, 409, s.start_consultation, app, date(2025, 6, 25), "third_party", "x", match="已办结，不能再办理")
    refused(s.CaseStateError, 409, s.answer, app, date(2025, 6, 25), "granted", match="已办结")


def test_wrong_state_for_the_action_is_409(agency):
    online = s.register(agency, new(channel="internet"))
    refused(s.CaseStateError, 409, s.request_correction, online, date(2025, 6, 3), date(2025, 6, 20), "补正", match="当前状态为“待确认收到”")
    app = s.register(agency, new())
    refused(s.CaseStateError, 409, s.confirm_receipt, app, date(2025, 6, 3), match="无需确认")
    refused(s.CaseStateError, 409, s.record_payment, app, date(2025, 6, 3), match="没有待缴纳")
    s.request_correction(app, date(2025, 6, 3), date(2025, 6, 20), "请补充文号")
    s.receive_correction(app, date(2025, 6, 10))
    refused(s.CaseStateError, 409, s.request_correction, app, date(2025, 6, 11), date(2025, 6, 20), "再补正", match="一次性告知")


def test_already_decided_appeal_is_409(app):
    appeal = s.add_appeal(app, "reconsideration", date(2025, 6, 10))
    s.decide_appeal(appeal, "upheld", date(2025, 6, 20))
    refused(s.CaseStateError, 409, s.decide_appeal, appeal, "corrected", date(2025, 6, 21), match="已经审结")


def test_extension_by_someone_not_the_office_head_is_403(app):
    clerk = User.objects.create_user("clerk", password="x-unused-123")
    s.request_extension(app, date(2025, 6, 20), 10, "需要调取档案")
    refused(s.CaseForbidden, 403, s.approve_extension, app, date(2025, 6, 20), clerk, match="只有政府信息公开工作机构负责人")


def test_invalid_data_and_days_are_422(agency, app):
    refused(s.CaseInvalid, 422, s.register, agency, new(phone=""), match="联系方式")
    refused(s.CaseInvalid, 422, s.register, agency, new(date(2025, 7, 1)), match="不能晚于今天")
    refused(s.CaseInvalid, 422, s.register, agency, new(), number="  ", source="台账", match="编号不能为空")
    refused(s.CaseInvalid, 422, s.answer, app, date(2025, 6, 20), "nonsense", match="未知的办理结果")
    refused(s.CaseInvalid, 422, s.answer, app, date(2025, 7, 1), "granted", match="不能晚于今天")
    refused(s.CaseInvalid, 422, s.request_extension, app, date(2025, 6, 20), 21, "理由", match="最长不得超过")
    refused(s.CaseInvalid, 422, s.issue_fee_notice, app, date(2025, 6, 20), "per_page", 10, match="不收费")
    refused(s.CaseInvalid, 422, s.issue_fee_notice, app, date(2025, 6, 20), "per_item", 0)


def test_deadline_not_yet_passed_is_422(app):
    s.request_correction(app, date(2025, 6, 3), date(2025, 6, 27), "请补充文号")
    refused(s.CaseInvalid, 422, s.lapse_correction, app, date(2025, 6, 27), match="期限届满前")


def test_a_duplicate_number_is_a_conflict_409(agency, app):
    refused(s.CaseStateError, 409, s.register, agency, new(), number=app.number, source="台账", match="本机关已有编号")
