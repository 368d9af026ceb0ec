"""The case page's corrections and sign-off (issue 11 items 5 and 6): 更正 of a step and of the
details, 重新答复, the head's extension decision, 审签, the answer's confirmation, assignment, and a
history that names people."""
from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from zfxxgk.approvals.models import Approval
from zfxxgk.cases import services as s

from workspace.helpers import login
from workspace.test_actions import act, follow, kinds, messages_of

pytestmark = pytest.mark.django_db


def page_of(client, app):
    return client.get(reverse("workspace:case", args=[app.pk]))


def test_a_clerk_voids_a_mistyped_step_and_the_page_shows_it(client, users, agency, make_case):
    app = make_case(agency, date(2025, 6, 3))
    c = login(client, users["clerk"])
    follow(c, act(c, app, "request_correction", on="2025-06-05", until="2025-06-20", items="请写明年份"))
    follow(c, act(c, app, "receive_correction", on="2025-06-25"))  # really the 12th
    app.refresh_from_db()
    assert app.due_on == date(2025, 7, 23)
    wrong = app.events.get(kind="correction_received")
    form = next(a["form"] for a in page_of(c, app).context["actions"] if a["action"].name == "void_event")
    assert form.fields["event"].choices == [(wrong.pk, "2025-06-25 收到补正材料")]  # only the latest step
    response = act(c, app, "void_event", event=str(wrong.pk), reason="")
    assert response.status_code == 400 and kinds(app)[-1] == "correction_received"
    html = follow(c, act(c, app, "void_event", event=str(wrong.pk), reason="日期录错，实际为6月12日"))
    assert "已作废该记录" in html and "<del>2025-06-25 收到补正材料</del>" in html and "日期录错，实际为6月12日" in html
    assert "待申请人补正" in html
    html = follow(c, act(c, app, "receive_correction", on="2025-06-12"))
    app.refresh_from_db()
    assert app.due_on == date(2025, 7, 10) and "答复期限：2025-07-10" in html


def test_details_are_corrected_from_the_case_page(client, users, agency, make_case):
    app = make_case(agency, date(2025, 6, 3))
    c = login(client, users["clerk"])
    form = next(a["form"] for a in page_of(c, app).context["actions"] if a["action"].name == "correct_details")
    data = {name: form.fields[name].initial or "" for name in form.fields if name != "reason"}
    assert data["applicant_name"] == "张三" and data["phone"] == "13800000000"
    data.update(phone="13900000000", reason="申请人来电更正联系电话")
    html = follow(c, act(c, app, "correct_details", **data))
    app.refresh_from_db()
    assert app.phone == "13900000000" and "已更正：联系电话" in html
    assert "联系电话：“13800000000”更正为“13900000000”" in html


def test_a_case_is_assigned_and_the_history_names_people_with_their_roles(client, users, agency, make_case):
    app = make_case(agency, date(2025, 6, 3))
    c = login(client, users["head"])
    form = next(a["form"] for a in page_of(c, app).context["actions"] if a["action"].name == "assign")
    names = dict(form.fields["assignee"].choices)
    assert names[users["clerk"].pk] == "李经办" and users["other_clerk"].pk not in names and users["supervisor"].pk not in names
    html = follow(c, act(c, app, "assign", assignee=str(users["clerk"].pk)))
    app.refresh_from_db()
    assert app.assignee == users["clerk"] and "已指定承办人：李经办" in html
    assert "王主任（政府信息公开工作机构负责人）" in html and "承办人：李经办" in html
    assert "李经办（经办人）" in html  # the registration, by the clerk
    response = act(c, app, "assign", assignee=str(users["other_clerk"].pk))
    assert response.status_code == 400


def test_answering_asks_for_a_confirmation(client, users, agency, make_case):
    app = make_case(agency, date(2025, 6, 3))
    c = login(client, users["clerk"])
    response = act(c, app, "answer", on="2025-06-30", outcome="granted", reason="已提供")
    assert response.status_code == 400 and "请勾选确认" in response.content.decode()
    assert kinds(app) == ["registered"]
    html = follow(c, act(c, app, "answer", on="2025-06-30", outcome="granted", reason="已提供", confirm="on"))
    assert "已答复并办结" in html


def test_the_head_shortens_or_refuses_an_extension_on_the_case_page(client, users, agency, make_case):
    app = make_case(agency, date(2025, 6, 3))
    s.request_extension(app, date(2025, 6, 20), 15, "档案多", users["clerk"])
    c = login(client, users["head"])
    nav = page_of(c, app).content.decode()
    assert '待我审核 <span class="count" aria-label="1件">1</span>' in nav
    response = act(c, app, "approve_extension", on="2025-06-30", decision="shorten", reason="")
    assert response.status_code == 400 and "请填写批准的工作日数" in response.content.decode()
    html = follow(c, act(c, app, "approve_extension", on="2025-06-30", decision="shorten", days="5", reason="5个工作日足够"))
    app.refresh_from_db()
    assert app.due_on == date(2025, 7, 8) and "已批准延期" in html and "申请 15 个工作日，负责人缩短" in html
    assert Approval.objects.get().state == "approved"

    other = make_case(agency, date(2025, 6, 3))
    s.request_extension(other, date(2025, 6, 20), 10, "档案多", users["clerk"])
    html = follow(c, act(c, other, "approve_extension", on="2025-06-30", decision="refuse", reason="理由不充分"))
    other.refresh_from_db()
    assert "已不同意延期" in html and other.due_on == date(2025, 7, 1) and kinds(other)[-1] == "extension_refused"
    approvals_page = c.get(reverse("approvals:queue")).content.decode()
    assert "目前没有等待您审核的事项" in approvals_page


def test_a_reply_goes_to_the_leader_when_the_agency_requires_signoff(client, users, agency, make_case):
    agency.reply_signoff = True
    agency.save()
    app = make_case(agency, date(2025, 6, 3))
    c = login(client, users["clerk"])
    html = follow(c, act(c, app, "answer", on="2025-06-30", outcome="granted", reason="已提供", confirm="on"))
    app.refresh_from_db()
    assert app.state == "processing" and "答复已送分管领导审签" in html and "答复审签等待审核" in html
    assert "answer" not in [a["action"].name for a in page_of(c, app).context["actions"]]
    leader = login(client, users["leader"])
    queue = leader.get(reverse("approvals:queue")).content.decode()
    assert "共 1 件等待您审核" in queue and f"{app.number} 答复审签" in queue
    approval = Approval.objects.get()
    response = leader.post(reverse("approvals:decide", args=[approval.pk]), {"verdict": "approve", "comment": "同意"})
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.state == "closed" and app.outcome == "granted"
    assert "审签：赵局长" in page_of(leader, app).content.decode()


def test_reanswer_is_offered_after_a_corrected_appeal(client, users, agency, make_case):
    app = make_case(agency, date(2025, 6, 3))
    s.answer(app, date(2025, 6, 10), "denied_state_secret")
    c = login(client, users["clerk"])
    assert "reanswer" not in [a["action"].name for a in page_of(c, app).context["actions"]]
    appeal = s.add_appeal(app, "reconsideration", date(2025, 6, 12))
    s.decide_appeal(appeal, "corrected", date(2025, 6, 26))
    assert "reanswer" in [a["action"].name for a in page_of(c, app).context["actions"]]
    response = act(c, app, "reanswer", on="2025-06-25", outcome="granted", reason="", confirm="on")
    assert response.status_code == 400 and "不能早于纠正决定之日（2025-06-26）" in " ".join(messages_of(response))
    html = follow(c, act(c, app, "reanswer", on="2025-06-30", outcome="granted", reason="按复议决定公开", confirm="on"))
    app.refresh_from_db()
    assert "已重新答复" in html and app.outcome == "granted" and app.closed_on == date(2025, 6, 30)
    assert "reanswer" not in [a["action"].name for a in page_of(c, app).context["actions"]]


def test_the_reply_letter_follows_the_reanswer_even_in_a_later_year(client, users, agency, make_case, clock):
    from zfxxgk.workspace.views import letter_data

    clock["day"] = date(2026, 3, 31)
    app = make_case(agency, date(2025, 11, 3))
    s.answer(app, date(2025, 11, 20), "unable_not_held", reason="本机关不掌握")
    appeal = s.add_appeal(app, "reconsideration", date(2025, 12, 1))
    s.decide_appeal(appeal, "corrected", date(2026, 2, 5))
    from zfxxgk.cases import corrections

    corrections.reanswer(app, date(2026, 2, 20), "granted", reason="经查找，已提供")
    app.refresh_from_db()
    assert app.outcome == "unable_not_held"  # the row the 2025 report counted
    data = letter_data(app)
    assert (data.outcome, data.replied_on, data.details) == ("granted", date(2026, 2, 20), "经查找，已提供")
    html = page_of(login(client, users["clerk"]), app).content.decode()
    assert "2026-02-20 按行政复议或行政诉讼的纠正决定重新答复：（一）予以公开" in html
    assert "原答复已计入 2025 年度报告，不再重复统计" in html and "（一）予以公开”（重新答复）生成" in html


def test_the_queue_shows_the_assignee_and_filters_my_cases(client, users, agency, make_case):
    from zfxxgk.cases import corrections

    mine, theirs = make_case(agency, date(2025, 6, 3)), make_case(agency, date(2025, 6, 4))
    corrections.assign(mine, users["clerk"], users["head"])
    corrections.assign(theirs, users["head"], users["head"])
    c = login(client, users["clerk"])
    html = c.get(reverse("workspace:queue")).content.decode()
    assert "承办：李经办" in html and "承办：王主任" in html
    rows = c.get(reverse("workspace:queue"), {"mine": "on"}).context["rows"]
    assert [app.pk for app, _, _ in rows] == [mine.pk]
