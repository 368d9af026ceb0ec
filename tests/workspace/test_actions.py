"""Each action on the case page: its own URL, the service call, Chinese refusals that change nothing."""
from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from zfxxgk.cases import services as s
from zfxxgk.cases.models import Event

from workspace.helpers import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk_client(client, users):
    return login(client, users["clerk"])


def act(client, app, action: str, **fields):
    return client.post(reverse(f"workspace:{action}", args=[app.pk]), {f"{action}-{k}": v for k, v in fields.items()})


def kinds(app) -> list[str]:
    return list(Event.objects.filter(application=app).order_by("id").values_list("kind", flat=True))


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def follow(client, response) -> str:
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response.url).content.decode()


def test_case_page_shows_facts_timeline_and_history(clerk_client, agency, make_case, users):
    app = make_case(agency, date(2025, 6, 3), phone="13912345678")
    s.request_extension(app, date(2025, 6, 20), 10, "需调取历史档案", users["clerk"])
    html = clerk_client.get(reverse("workspace:case", args=[app.pk])).content.decode()
    assert app.number in html and app.query_code in html
    assert "13912345678" in html and "430321199001011234" in html  # staff see the full record
    assert "收到申请之日：2025-06-03（第三十一条）" in html  # a working line
    assert "申请延长答复期限 10 个工作日" in html
    assert "需调取历史档案" in html and "李经办" in html  # who and why
    assert "答复期限：2025-07-01" in html and "3个工作日内到期" in html
    assert "条例第三十六条至第三十九条" in html and "7个工作日内一次性告知" in html  # each action explains its rule
    assert "等待本机关政府信息公开工作机构负责人批准" in html


def test_confirm_receipt(clerk_client, agency, make_case):
    app = make_case(agency, date(2025, 6, 27), "fax")
    page = clerk_client.get(reverse("workspace:case", args=[app.pk]))
    assert [a["action"].name for a in page.context["actions"]] == ["confirm_receipt", "assign", "correct_details", "add_appeal"]
    html = follow(clerk_client, act(clerk_client, app, "confirm_receipt", on="2025-06-30"))
    app.refresh_from_db()
    assert app.received_on == date(2025, 6, 30) and app.state == "processing"
    assert "已确认：2025-06-30 为收到申请之日" in html


def test_correction_requested_received_and_lapsed(clerk_client, agency, make_case, clock):
    app = make_case(agency, date(2025, 6, 25))
    follow(clerk_client, act(clerk_client, app, "request_correction", on="2025-06-26", until="2025-07-10", items="请补充文号"))
    app.refresh_from_db()
    assert app.state == "correction"
    # one notice only (第三十条): the service refuses a second; the page says why; nothing changes
    s.receive_correction(app, date(2025, 6, 30))
    response = act(clerk_client, app, "request_correction", on="2025-06-30", until="2025-07-20", items="再补")
    assert response.status_code == 400 and "一次性告知" in " ".join(messages_of(response))
    assert kinds(app).count("correction_requested") == 1

    other = make_case(agency, date(2025, 6, 20))
    s.request_correction(other, date(2025, 6, 23), date(2025, 6, 27), "请补充")
    clock["day"] = date(2025, 6, 27)
    response = act(clerk_client, other, "lapse_correction", on="2025-06-27")
    assert response.status_code == 400 and "期限届满前不能按逾期不补正处理" in response.content.decode()
    clock["day"] = date(2025, 6, 30)
    follow(clerk_client, act(clerk_client, other, "lapse_correction", on="2025-06-30"))
    other.refresh_from_db()
    assert (other.state, other.outcome) == ("closed", "other_no_correction")


def test_consultation_start_and_end(clerk_client, agency, make_case):
    app = make_case(agency, date(2025, 6, 16))
    follow(clerk_client, act(clerk_client, app, "start_consultation", on="2025-06-18", party="agency", reason="共同制作"))
    app.refresh_from_db()
    assert app.state == "consulting"
    html = clerk_client.get(reverse("workspace:case", args=[app.pk])).content.decode()
    assert "征求其他机关意见（第三十四条）" in html and "进行中" in html
    follow(clerk_client, act(clerk_client, app, "end_consultation", on="2025-06-27", reason="逾期未答复，视为同意"))
    app.refresh_from_db()
    assert app.state == "processing" and kinds(app)[-1] == "consultation_ended"


def test_extension_is_approved_only_by_the_head(client, users, agency, make_case):
    app = make_case(agency, date(2025, 6, 3))
    c = login(client, users["clerk"])
    response = act(c, app, "request_extension", on="2025-06-30", days="21", reason="档案多")
    assert response.status_code == 400 and kinds(app) == ["registered"]  # at most 20 working days
    follow(c, act(c, app, "request_extension", on="2025-06-30", days="15", reason="档案多"))
    for role in ("clerk", "leader", "supervisor", "superuser"):
        c = login(client, users[role])
        page = c.get(reverse("workspace:case", args=[app.pk]))
        assert "approve_extension" not in [a["action"].name for a in page.context["actions"]]
        assert act(c, app, "approve_extension", on="2025-06-30", reason="同意").status_code == 403, role
    assert "extension_approved" not in kinds(app)
    c = login(client, users["head"])
    page = c.get(reverse("workspace:case", args=[app.pk]))
    assert "approve_extension" in [a["action"].name for a in page.context["actions"]]
    assert "档案多" in page.content.decode()  # the head sees what he approves
    html = follow(c, act(c, app, "approve_extension", on="2025-06-30", reason="同意延长"))
    app.refresh_from_db()
    assert app.due_on == date(2025, 7, 22) and "已批准延期" in html
    approved = app.events.get(kind="extension_approved")
    assert approved.actor == users["head"] and approved.data["approver"] == "王主任"


def test_extension_approval_after_the_due_date_is_refused(client, users, agency, make_case):
    app = make_case(agency, date(2025, 5, 6))
    s.request_extension(app, date(2025, 5, 30), 10, "档案多", users["clerk"])
    response = act(login(client, users["head"]), app, "approve_extension", on="2025-06-30", reason="")
    assert response.status_code == 400 and "不能再批准延期" in response.content.decode()
    assert "extension_approved" not in kinds(app)


def test_fee_notice_preview_then_issue_then_payment(clerk_client, agency, make_case):
    app = make_case(agency, date(2025, 6, 25))
    preview = clerk_client.post(reverse("workspace:issue_fee_notice", args=[app.pk]), {
        "issue_fee_notice-on": "2025-06-30", "issue_fee_notice-method": "per_page", "issue_fee_notice-quantity": "45", "preview": "1"})
    assert preview.status_code == 200 and "150 元" in preview.content.decode() and kinds(app) == ["registered"]
    html = follow(clerk_client, act(clerk_client, app, "issue_fee_notice", on="2025-06-30", method="per_page", quantity="45"))
    assert "150 元" in html
    app.refresh_from_db()
    assert app.state == "fee_pending"
    follow(clerk_client, act(clerk_client, app, "record_payment", on="2025-06-30"))
    app.refresh_from_db()
    assert app.state == "processing"


def test_fee_notice_without_a_fee_is_refused(clerk_client, agency, make_case):
    app = make_case(agency, date(2025, 6, 25))
    response = act(clerk_client, app, "issue_fee_notice", on="2025-06-30", method="per_page", quantity="20")
    assert response.status_code == 400 and "不收费" in response.content.decode() and kinds(app) == ["registered"]


def test_per_item_fee_counts_the_months_earlier_items(clerk_client, agency, make_case):
    for _ in range(3):
        make_case(agency, date(2025, 6, 2), name="王五")
    app = make_case(agency, date(2025, 6, 25), name="王五")
    page = clerk_client.get(reverse("workspace:case", args=[app.pk]))
    form = next(a["form"] for a in page.context["actions"] if a["action"].name == "issue_fee_notice")
    assert form["items_before"].initial == 3
    follow(clerk_client, act(clerk_client, app, "issue_fee_notice", on="2025-06-30", method="per_item", quantity="10", items_before="3"))
    assert app.events.get(kind="fee_notice").data["amount"] == 300  # items 11–13 at 100 元


def test_fee_lapses_only_after_twenty_working_days(clerk_client, agency, make_case, clock):
    app = make_case(agency, date(2025, 6, 3))
    s.issue_fee_notice(app, date(2025, 6, 5), "per_page", 120)
    response = act(clerk_client, app, "lapse_fee", on="2025-06-30")
    assert response.status_code == 400 and "期限届满前" in response.content.decode()
    clock["day"] = date(2025, 7, 7)
    follow(clerk_client, act(clerk_client, app, "lapse_fee", on="2025-07-07"))
    app.refresh_from_db()
    assert app.outcome == "other_no_fee_payment"


def test_defer(clerk_client, agency, make_case):
    app = make_case(agency, date(2025, 6, 25))
    follow(clerk_client, act(clerk_client, app, "defer", on="2025-06-30", until="2025-09-30", reason="一月内申请五十件"))
    app.refresh_from_db()
    assert app.due_on == date(2025, 9, 30)


def test_answer_offers_the_outcomes_grouped_like_table_3(clerk_client, agency, make_case):
    app = make_case(agency, date(2025, 6, 25))
    page = clerk_client.get(reverse("workspace:case", args=[app.pk]))
    form = next(a["form"] for a in page.context["actions"] if a["action"].name == "answer")
    choices = form.fields["outcome"].choices
    groups = [label for label, value in choices if isinstance(value, list)]
    assert groups == ["（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"]
    keys = [k for _, v in choices if isinstance(v, list) for k, _ in v] + [k for k, v in choices if not isinstance(v, list) and k]
    assert len(keys) == 19 and "other_no_correction" not in keys  # 21 outcomes less the two lapses
    html = page.content.decode()
    assert '<optgroup label="（三）不予公开">' in html


def test_answer_refused_outcome_changes_nothing(clerk_client, agency, make_case):
    app = make_case(agency, date(2025, 6, 25))
    response = act(clerk_client, app, "answer", on="2025-06-30", outcome="unable_unclear_after_correction", reason="", confirm="on")
    assert response.status_code == 400 and "补正后内容仍不明确" in response.content.decode()
    response = act(clerk_client, app, "answer", on="2025-07-01", outcome="granted", reason="", confirm="on")
    assert response.status_code == 400 and "不能晚于今天" in response.content.decode()
    response = act(clerk_client, app, "answer", on="", outcome="granted")  # invalid form
    assert response.status_code == 400
    app.refresh_from_db()
    assert app.state == "processing" and kinds(app) == ["registered"]
    # the refused form is shown again, open, with what the clerk typed
    assert 'id="act-answer" open' in response.content.decode()


def test_appeals_added_and_decided(clerk_client, agency, make_case):
    app = make_case(agency, date(2025, 6, 3))
    s.answer(app, date(2025, 6, 10), "unable_not_held")
    follow(clerk_client, act(clerk_client, app, "add_appeal", kind="reconsideration", filed_on="2025-06-20", result="pending", decided_on="", note="申请人不服"))
    appeal = app.appeals.get()
    response = act(clerk_client, app, "add_appeal", kind="reconsideration", filed_on="2025-06-20", result="upheld", decided_on="")
    assert response.status_code == 400 and "审结日期" in response.content.decode() and app.appeals.count() == 1
    url = reverse("workspace:decide_appeal", args=[app.pk, appeal.pk])
    response = clerk_client.post(url, {f"decide_appeal-{appeal.pk}-result": "corrected", f"decide_appeal-{appeal.pk}-decided_on": "2025-06-28"})
    assert "结果纠正" in follow(clerk_client, response)
    appeal.refresh_from_db()
    assert (appeal.result, appeal.decided_on) == ("corrected", date(2025, 6, 28))
    response = clerk_client.post(url, {f"decide_appeal-{appeal.pk}-result": "upheld", f"decide_appeal-{appeal.pk}-decided_on": "2025-06-29"})
    assert response.status_code == 400 and "已经审结" in " ".join(messages_of(response))


def test_closed_case_offers_only_appeals_corrections_and_the_letter(clerk_client, agency, make_case):
    app = make_case(agency, date(2025, 6, 3))
    s.answer(app, date(2025, 6, 10), "granted")
    page = clerk_client.get(reverse("workspace:case", args=[app.pk]))
    assert [a["action"].name for a in page.context["actions"]] == ["correct_details", "void_event", "add_appeal"]
    html = page.content.decode()
    assert reverse("workspace:letter", args=[app.pk, "docx"]) in html and reverse("workspace:letter", args=[app.pk, "pdf"]) in html
    assert act(clerk_client, app, "answer", on="2025-06-30", outcome="granted").status_code == 400
    assert kinds(app) == ["registered", "answered"]
