"""The staff pages of 主动公开 (/workspace/publishing/): the list with counts and filters, 新建, the
publication page and its acts, for each role; read-only and outside users are refused."""
from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zfxxgk.approvals import queries as approval_queries
from zfxxgk.publishing import services
from zfxxgk.publishing.models import Publication, PubState, Resolution

from publishing.conftest import review, xlsx

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("isolated")]


def logged_in(client, user):
    client.force_login(user)
    return client


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def url(name: str, pub=None, *args) -> str:
    return reverse(f"publishing:{name}", args=([pub.pk] if pub is not None else []) + list(args))


# -- list and new ------------------------------------------------------------------------------------

def test_the_list_counts_by_state_and_filters(client, make_published, draft, clerk, head, leader, catalogue, clock):
    make_published(title="上半年工作动态")
    make_published(title="规范性文件一", column="gfxwj")
    draft(title="草稿一")
    pending = draft(title="审核中的一条")
    services.declare(pending, clerk)
    services.submit(pending, clerk)
    withdrawn = make_published(title="要撤回的")
    services.withdraw(withdrawn, clerk, "过时")
    page = text(logged_in(client, clerk).get(url("list")))
    for label, n in (("全部", 5), ("草稿", 1), ("审核中", 1), ("待发布", 0), ("已发布", 2), ("已撤回", 1)):
        assert f"{label} {n}" in page, label
    only = text(client.get(url("list"), {"state": "published"}))
    assert "上半年工作动态" in only and "草稿一" not in only and "要撤回的" not in only
    by_column = text(client.get(url("list"), {"column": catalogue["gfxwj"].pk}))
    assert "规范性文件一" in by_column and "上半年工作动态" not in by_column and "全部 1" in by_column
    by_title = text(client.get(url("list"), {"q": "草稿"}))
    assert "草稿一" in by_title and "上半年工作动态" not in by_title
    assert "全部 0" in text(client.get(url("list"), {"year": 2024}))
    assert client.get(url("list"), {"year": "abc", "column": "999999999999"}).status_code == 200


def test_a_correction_is_one_row_and_the_old_version_is_not(client, make_published, clerk):
    pub = make_published(title="只出现一次")
    services.start_correction(pub, clerk, "有误")
    page = logged_in(client, clerk).get(url("list")).content.decode()
    assert page.count("只出现一次") == 2  # the published version and its correction draft; no superseded row yet


def test_new_shows_the_column_tree_and_creates_a_draft(client, clerk, agency, catalogue, clock):
    page = logged_in(client, clerk).get(url("new"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "法定主动公开内容" in body and "└ 规范性文件" in body
    response = client.post(url("new"), {"column": catalogue["gfxwj"].pk, "title": "关于印发《普法责任清单》的通知",
                                        "doc_number": "湘司发〔2025〕3号", "written_on": "2025-06-20",
                                        "body": "第一段\n第二段 <script>alert(1)</script>"})
    pub = Publication.objects.get()
    assert response.status_code == 302 and response["Location"] == url("detail", pub)
    assert pub.body == "<p>第一段</p><p>第二段 </p>" and pub.column == catalogue["gfxwj"] and pub.state == PubState.DRAFT


def test_new_refuses_bad_input_with_messages(client, clerk, catalogue, other_agency):
    from zfxxgk.publishing.models import Column

    logged_in(client, clerk)
    theirs = Column.objects.filter(agency=other_agency).first()
    response = client.post(url("new"), {"column": theirs.pk, "title": "", "written_on": "2099-01-01"})
    assert response.status_code == 400
    page = text(response)
    assert "请选择本机关公开目录中的栏目" in page and "请填写标题" in page
    response = client.post(url("new"), {"column": catalogue["gzdt"].pk, "title": "标题", "written_on": "2099-01-01"})
    assert response.status_code == 400 and "成文日期不能晚于今天" in text(response)
    assert not Publication.objects.exists()


def test_new_is_for_writers_only(client, supervisor, stranger, catalogue):
    for user in (supervisor, stranger):
        client.force_login(user)
        assert client.get(url("new")).status_code == 403
        assert client.post(url("new"), {"column": catalogue["gzdt"].pk, "title": "标题", "written_on": "2025-06-01"}).status_code == 403
    assert not Publication.objects.exists()
    client.logout()
    assert client.get(url("list")).status_code == 302  # to the login page


# -- the publication page ----------------------------------------------------------------------------

def test_the_page_of_a_draft_shows_the_forms_for_its_writer(client, draft, clerk):
    pub = draft(body="<p>举报电话13812345678</p>")
    page = logged_in(client, clerk).get(url("detail", pub))
    body = page.content.decode()
    assert page.status_code == 200
    for part in ("保存", "上传附件", "发布前检查", "手机号码", "正文第1段", "138****5678", "保密审查声明", "提交审核"):
        assert part in body, part
    assert "13812345678" not in body.split("发布前检查")[1]  # the finding is masked (the editor holds the text itself)
    assert "允许公开的理由" not in body  # a clerk allows nothing
    assert 'src="/static/publishing/workspace.js"' in body and "<script>" not in body


def test_a_reviewer_allows_a_finding_with_a_reason_then_the_clerk_submits(client, draft, clerk, head):
    pub = draft(body="<p>举报电话13812345678</p>")
    hit = pub.hits.get()
    logged_in(client, clerk)
    response = client.post(url("submit", pub), {"declare": "on"})
    assert response.status_code == 409 and "1项待处理" in text(response)
    client.force_login(head)
    assert "允许公开的理由" in client.get(url("detail", pub)).content.decode()
    assert client.post(url("allow_hit", pub, hit.pk), {"reason": ""}).status_code == 400
    response = client.post(url("allow_hit", pub, hit.pk), {"reason": "公开的举报电话"})
    assert response.status_code == 302
    hit.refresh_from_db()
    assert hit.resolution == Resolution.ALLOWED and hit.reason == "公开的举报电话"
    client.force_login(clerk)
    assert client.post(url("allow_hit", pub, hit.pk), {"reason": "我也允许"}).status_code in (403, 409)
    assert client.post(url("submit", pub), {}).status_code == 400  # no declaration ticked
    assert client.post(url("submit", pub), {"declare": "on", "note": "请审核"}).status_code == 302
    pub.refresh_from_db()
    assert pub.state == PubState.PENDING and pub.declared_by == clerk


def test_the_whole_review_through_the_pages(client, draft, clerk, head, leader, clock):
    pub = draft()
    logged_in(client, clerk).post(url("submit", pub), {"declare": "on"})
    page = text(client.get(url("detail", pub)))
    assert "审核中" in page and "撤回审核" in page and "同意" not in page.split("审核和发布")[1].split("审核记录")[0]
    assert client.post(url("edit", pub), {"column": pub.column_id, "title": "改", "written_on": "2025-06-01"}).status_code == 409

    client.force_login(leader)
    assert client.post(url("decide", pub), {"verdict": "approve"}).status_code == 403  # the head's step first
    client.force_login(head)
    assert "退回修改" in text(client.get(url("detail", pub)))
    assert client.post(url("decide", pub), {"verdict": "return"}).status_code == 400  # a return needs a comment
    assert client.post(url("decide", pub), {"verdict": "approve", "comment": "同意"}).status_code == 302
    client.force_login(leader)
    assert client.post(url("decide", pub), {"verdict": "approve"}).status_code == 302
    pub.refresh_from_db()
    assert pub.state == PubState.APPROVED

    client.force_login(clerk)
    assert "发布" in text(client.get(url("detail", pub)))
    clock["day"] = date(2025, 7, 1)
    assert client.post(url("publish", pub)).status_code == 302
    pub.refresh_from_db()
    assert pub.state == PubState.PUBLISHED and pub.index_number == "xtxsfj/2025-00001"
    page = client.get(url("detail", pub)).content.decode()
    assert "xtxsfj/2025-00001" in page and "更正" in page and "撤回" in page
    assert "查看公开页面" in page and pub.get_absolute_url() in page
    history = text(client.get(url("detail", pub))).split("审核记录")[1]
    assert "李经办" in history and "王主任" in history and "赵局长" in history and "同意" in history


def test_return_and_recall_through_the_pages(client, draft, clerk, head):
    pub = draft()
    logged_in(client, clerk).post(url("submit", pub), {"declare": "on"})
    client.force_login(head)
    assert client.post(url("recall", pub)).status_code == 403  # only the submitter takes it back
    client.post(url("decide", pub), {"verdict": "return", "comment": "请补充依据"})
    pub.refresh_from_db()
    assert pub.state == PubState.DRAFT
    assert "请补充依据" in text(client.get(url("detail", pub)))
    client.force_login(clerk)
    client.post(url("submit", pub), {"declare": "on"})
    assert client.post(url("recall", pub)).status_code == 302
    pub.refresh_from_db()
    assert pub.state == PubState.DRAFT


def test_withdraw_and_correct_through_the_pages(client, make_published, clerk, head, leader, clock):
    pub = make_published()
    logged_in(client, clerk)
    assert client.post(url("withdraw", pub), {"reason": ""}).status_code == 400
    response = client.post(url("correct", pub), {"reason": "第二段数字有误"})
    new = Publication.objects.get(version=2)
    assert response["Location"] == url("detail", new)
    page = text(client.get(url("detail", new)))
    assert "第2版" in page and "第二段数字有误" in page and "各版本" in page
    assert "开始更正" not in text(client.get(url("detail", pub)))  # one correction at a time
    review(new, clerk, head, leader)
    client.post(url("publish", new))
    pub.refresh_from_db()
    assert pub.state == PubState.SUPERSEDED
    assert client.post(url("withdraw", new), {"reason": "信息已过时效"}).status_code == 302
    new.refresh_from_db()
    assert new.state == PubState.WITHDRAWN
    assert "信息已过时效" in text(client.get(url("detail", new)))


def test_uploading_and_removing_attachments(client, draft, clerk):
    pub = draft()
    logged_in(client, clerk)
    response = client.post(url("upload", pub), {"file": SimpleUploadedFile("名单.xlsx", xlsx(hidden=True))})
    assert response.status_code == 302
    att = pub.attachments.get()
    page = client.get(url("detail", pub)).content.decode()
    assert "附件“名单.xlsx”：工作表“名单”" in page and "隐藏工作表" in page
    download = client.get(url("attachment", pub, att.pk))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == xlsx(hidden=True) or download["Content-Type"].startswith("application/vnd")
    refused = client.post(url("upload", pub), {"file": SimpleUploadedFile("旧.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)})
    assert refused.status_code == 415 and "另存为" in text(refused)
    assert client.post(url("upload", pub), {}).status_code == 400
    assert client.post(url("remove_attachment", pub, att.pk)).status_code == 302
    assert not pub.attachments.exists() and pub.hits.get().resolution == Resolution.REMOVED


# -- who may see and do what --------------------------------------------------------------------------

def test_a_supervisor_reads_but_every_post_is_403(client, draft, make_published, supervisor, clerk):
    pub = draft(body="<p>电话13812345678</p>")
    published = make_published()
    hit = pub.hits.get()
    client.force_login(supervisor)
    assert client.get(url("list"), {"agency": "xtxsfj"}).status_code == 200
    page = client.get(url("detail", pub))
    assert page.status_code == 200 and "上传附件" not in page.content.decode()
    posts = [url("edit", pub), url("upload", pub), url("rescan", pub), url("allow_hit", pub, hit.pk), url("submit", pub),
             url("recall", pub), url("decide", pub), url("publish", pub), url("withdraw", published), url("correct", published)]
    for target in posts:
        assert client.post(target, {"reason": "x", "verdict": "approve", "declare": "on"}).status_code == 403, target
    pub.refresh_from_db()
    assert pub.state == PubState.DRAFT and pub.hits.get().resolution == Resolution.OPEN


def test_other_agencies_and_strangers_get_404(client, draft, outsider, stranger):
    pub = draft()
    for user in (outsider, stranger):
        client.force_login(user)
        assert client.get(url("detail", pub)).status_code == 404
        assert client.post(url("submit", pub), {"declare": "on"}).status_code == 404
        assert client.get(url("attachment", pub, 1)).status_code == 404


def test_the_lateness_flag(client, draft, clerk, clock):
    on_time = draft(title="及时", written_on=date(2025, 6, 20))
    late = draft(title="逾期", written_on=date(2025, 5, 1))
    logged_in(client, clerk)
    assert "已超过公开时限" in text(client.get(url("detail", late)))
    assert "已超过公开时限" not in text(client.get(url("detail", on_time)))
    assert "超期公开" in text(client.get(url("list")))


def test_the_approvals_queue_lists_the_publication(client, draft, clerk, head):
    pub = draft(title="请审核的信息")
    services.declare(pub, clerk)
    services.submit(pub, clerk)
    page = logged_in(client, head).get(reverse("approvals:queue")).content.decode()
    assert "请审核的信息" in page and "主动公开信息" in page
    assert approval_queries.pending_for(pub) is not None


def test_the_editor_shows_typed_text_as_typed_and_markup_as_markup(client, draft, clerk):
    from zfxxgk.publishing.forms import PublicationForm

    typed = draft(body="第一段\n第二段 收费<100元")
    assert PublicationForm.initial_for(typed)["body"] == "第一段\n第二段 收费<100元"
    marked = draft(body="<p>第一段</p><table><tr><td>甲</td></tr></table>")
    assert PublicationForm.initial_for(marked)["body"] == marked.body
    page = logged_in(client, clerk).get(url("detail", typed)).content.decode()
    assert "第一段\n第二段 收费&lt;100元</textarea>" in page
