"""Offline registration: the 第二十九条 fields, the 第三十一条 receipt day per channel, writable agencies only."""
from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from zfxxgk.agencies.models import Membership, Role
from zfxxgk.cases.models import Application

from workspace.helpers import login

pytestmark = pytest.mark.django_db
URL = reverse("workspace:register")


def form(agency, **kw) -> dict:
    data = {
        "agency": agency.pk, "channel": "in_person", "submitted_on": "2025-06-30", "signed_on": "", "confirmed_on": "",
        "applicant_kind": "natural_person", "applicant_name": "张三", "id_type": "resident_id", "id_number": "430321199001011234",
        "contact_person": "", "phone": "13800000000", "email": "", "address": "", "description": "2024年法律援助经费使用情况",
        "document_number": "", "requested_form": "paper", "delivery": "pickup",
    }
    data.update(kw)
    return data


def test_form_offers_the_offline_channels_and_only_writable_agencies(client, users, agency, other):
    response = login(client, users["clerk"]).get(URL)
    f = response.context["form"]
    assert [v for v, _ in f.fields["channel"].choices] == ["in_person", "post_signed", "post_unsigned", "fax", "email"]
    assert list(f.fields["agency"].queryset) == [agency]
    assert "条例第三十一条" in response.content.decode()


def test_in_person_registration_shows_number_and_query_code(client, users, agency):
    response = login(client, users["clerk"]).post(URL, form(agency), follow=True)
    app = Application.objects.get()
    assert response.redirect_chain[-1][0] == reverse("workspace:case", args=[app.pk])
    html = response.content.decode()
    assert f"编号：{app.number}" in html and f"查询码：{app.query_code}" in html
    assert app.number == "湘司依申〔2025〕1号" and app.received_on == date(2025, 6, 30) and app.created_by == users["clerk"]
    assert app.id_number == "430321199001011234" and app.requested_form == "paper"


def test_signed_post_needs_the_signing_day(client, users, agency):
    c = login(client, users["clerk"])
    response = c.post(URL, form(agency, channel="post_signed", submitted_on="2025-06-24"))
    assert response.status_code == 400 and "签收日期" in response.content.decode() and not Application.objects.exists()
    c.post(URL, form(agency, channel="post_signed", submitted_on="2025-06-24", signed_on="2025-06-26"))
    assert Application.objects.get().received_on == date(2025, 6, 26)


def test_signing_day_after_today_is_refused_by_the_service(client, users, agency):
    response = login(client, users["clerk"]).post(URL, form(agency, channel="post_signed", submitted_on="2025-06-24", signed_on="2025-07-02"))
    assert response.status_code == 400 and "签收日期应在寄出日期之后、今天之前" in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.parametrize("channel", ["post_unsigned", "fax", "email"])
def test_confirmation_channels(client, users, agency, channel):
    c = login(client, users["clerk"])
    html = c.post(URL, form(agency, channel=channel, submitted_on="2025-06-27"), follow=True).content.decode()
    waiting = Application.objects.get()
    assert waiting.state == "awaiting_confirmation" and "确认收到日期" in html
    c.post(URL, form(agency, channel=channel, submitted_on="2025-06-27", confirmed_on="2025-06-27"))
    confirmed = Application.objects.exclude(pk=waiting.pk).get()
    assert confirmed.state == "processing" and confirmed.received_on == date(2025, 6, 27)
    assert list(confirmed.events.values_list("kind", flat=True)) == ["registered", "confirmed"]


def test_a_refused_confirmation_registers_nothing(client, users, agency):
    response = login(client, users["clerk"]).post(URL, form(agency, channel="fax", submitted_on="2025-06-27", confirmed_on="2025-06-26"))
    assert response.status_code == 400 and "确认日期应在提交日期之后" in response.content.decode()
    assert not Application.objects.exists()


def test_contact_and_description_are_required(client, users, agency):
    response = login(client, users["clerk"]).post(URL, form(agency, phone="", description=""))
    html = response.content.decode()
    assert response.status_code == 400 and "至少填写一种联系方式" in html and "这个字段是必填项" in html
    assert not Application.objects.exists()


def test_another_agency_cannot_be_chosen(client, users, agency, other):
    response = login(client, users["clerk"]).post(URL, form(other))
    assert response.status_code == 400 and not Application.objects.exists()


def test_member_of_two_agencies_chooses(client, users, agency, other):
    Membership.objects.create(user=users["head"], agency=other, role=Role.HEAD)
    c = login(client, users["head"])
    assert set(c.get(URL).context["form"].fields["agency"].queryset) == {agency, other}
    c.post(URL, form(other))
    assert Application.objects.get().agency == other


@pytest.mark.parametrize("role", ["supervisor", "superuser"])
def test_read_only_roles_cannot_register(client, users, agency, role):
    c = login(client, users[role])
    assert c.get(URL).status_code == 403
    assert c.post(URL, form(agency)).status_code == 403
    assert not Application.objects.exists()


def test_registration_is_not_logged_with_personal_data(client, users, agency, logs):
    login(client, users["clerk"]).post(URL, form(agency))
    text = "\n".join(r.getMessage() for r in logs)
    assert logs and "430321199001011234" not in text and "13800000000" not in text
