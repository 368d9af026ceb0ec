"""Attachments and the pre-publication scan through the services: accepted by content, scanned at
once, findings placed and masked, blocking submission and approval until removed or allowed."""
from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zfxxgk.approvals import queries as approval_queries
from zfxxgk.approvals import services as approvals
from zfxxgk.publishing import scanning, services
from zfxxgk.publishing.models import Attachment, HitKind, Publication, PubState, Resolution, ScanHit, SensitiveWord

from publishing.conftest import ID, docx, pdf, review, xlsx

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("isolated")]
PublishingError = services.PublishingError


def refused(status: int, fn, *args, **kwargs) -> str:
    with pytest.raises(PublishingError) as exc:
        fn(*args, **kwargs)
    assert exc.value.status == status, exc.value.message
    return exc.value.message


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


# -- types and sizes ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, data, stored_as, content_type", [
    ("汇总.xlsx", lambda: xlsx(), "汇总.xlsx", "spreadsheetml"),
    ("通知.docx", lambda: docx(), "通知.docx", "wordprocessingml"),
    ("决定书.pdf", lambda: pdf(), "决定书.pdf", "application/pdf"),
    ("说明.txt", lambda: "第一行\n第二行".encode("gb18030"), "说明.txt", "text/plain"),
    ("照片.png", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "照片.png", "image/png"),
    ("名字不对.pdf", lambda: xlsx(), "名字不对.xlsx", "spreadsheetml"),  # judged by content; named by it
])
def test_accepted_types_are_stored_under_a_random_name(draft, clerk, name, data, stored_as, content_type, settings):
    pub = draft()
    content = data()  # once: a generated zip carries the second it was made in, so two calls may differ
    att = services.add_attachment(pub, clerk, upload(name, content))
    assert att.original_name == stored_as and content_type in att.content_type
    assert re.fullmatch(r"publications/\d{4}/[0-9a-f]{32}\." + stored_as.rsplit(".", 1)[1], att.file.name)
    assert att.file.path.startswith(str(settings.MEDIA_ROOT))
    assert att.size == len(content)


@pytest.mark.parametrize("data, words", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "旧版"),
    (b"Rar!\x1a\x07\x00", "压缩包"),
    (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00\xff" * 64, "无法识别"),
    (b"", "空"),
])
def test_unscannable_types_are_refused_with_the_way_out(draft, clerk, data, words):
    pub = draft()
    assert words in refused(415, services.add_attachment, pub, clerk, upload("文件.doc", data))
    assert not Attachment.objects.exists()


def test_a_zip_that_is_not_an_office_file_and_macros_are_refused(draft, clerk):
    import zipfile

    pub = draft()
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as zf:
        zf.writestr("a.txt", "x")
    assert "压缩包" in refused(415, services.add_attachment, pub, clerk, upload("a.zip", plain.getvalue()))
    macro = io.BytesIO()
    with zipfile.ZipFile(macro, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
        zf.writestr("word/vbaProject.bin", "x")
    assert "宏" in refused(415, services.add_attachment, pub, clerk, upload("a.docm", macro.getvalue()))
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<x/>")
    assert "OpenDocument" in refused(415, services.add_attachment, pub, clerk, upload("a.odt", odt.getvalue()))


def test_the_size_limit_is_a_setting(draft, clerk, settings):
    settings.ZFXXGK_PUBLICATION_MAX_UPLOAD = 1000
    pub = draft()
    assert "不能超过" in refused(413, services.add_attachment, pub, clerk, upload("大.txt", ("字" * 400).encode()))
    services.add_attachment(pub, clerk, upload("小.txt", ("字" * 300).encode()))
    assert services.max_upload() == 1000
    del settings.ZFXXGK_PUBLICATION_MAX_UPLOAD
    assert services.max_upload() == 20 * 1024 * 1024


# -- findings ---------------------------------------------------------------------------------------

def test_a_hidden_sheet_is_found_at_once_placed_in_the_attachment_and_masked(draft, clerk):
    pub = draft()
    att = services.add_attachment(pub, clerk, upload("名单.xlsx", xlsx(hidden=True)))
    hit = pub.hits.get()
    assert hit.kind == HitKind.HIDDEN_SHEET and hit.attachment == att and hit.resolution == Resolution.OPEN
    assert hit.place == "附件“名单.xlsx”：工作表“名单”"
    assert ID not in hit.excerpt and "1234" in hit.excerpt
    assert att.text == "活动名称\n普法宣传进社区"


def test_findings_in_the_body_say_which_paragraph(draft):
    pub = draft(title="关于张三（身份证号430321199003071234）的处罚决定", body="<p>第一段</p><p>当事人电话13812345678。</p>")
    places = {(h.kind, h.place) for h in pub.hits.all()}
    assert places == {(HitKind.ID_CARD, "标题"), (HitKind.MOBILE, "正文第2段")}
    assert all("5678" not in h.excerpt or "****" in h.excerpt for h in pub.hits.all())


def test_editing_the_finding_away_marks_it_removed_by_the_drafter(draft, clerk):
    pub = draft(body="<p>电话13812345678</p>")
    hit = pub.hits.get()
    services.update(pub, clerk, body="<p>电话请见公告栏</p>")
    hit.refresh_from_db()
    assert (hit.resolution, hit.reason, hit.resolved_by) == (Resolution.REMOVED, "已从正文/附件中删除", clerk)
    services.update(pub, clerk, body="<p>电话13812345678</p>")  # and back: open again
    hit.refresh_from_db()
    assert hit.resolution == Resolution.OPEN and hit.resolved_by is None


def test_removing_the_attachment_removes_its_findings_and_its_file(draft, clerk, django_capture_on_commit_callbacks):
    pub = draft()
    att = services.add_attachment(pub, clerk, upload("名单.xlsx", xlsx(hidden=True)))
    path = att.file.path
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_attachment(pub, clerk, att)
    hit = ScanHit.objects.get(publication=pub)
    assert (hit.resolution, hit.reason, hit.resolved_by, hit.attachment) == (Resolution.REMOVED, "已从正文/附件中删除", clerk, None)
    import os

    assert not os.path.exists(path)


def test_sensitive_words_of_the_agency_its_ancestors_and_everyone(agency, county, other_agency, draft):
    SensitiveWord.objects.create(agency=None, word="绝密")
    SensitiveWord.objects.create(agency=county, word="内部资料")
    SensitiveWord.objects.create(agency=agency, word="仅供参考")
    SensitiveWord.objects.create(agency=other_agency, word="别人的词")
    assert scanning.words_for(agency) == sorted(["绝密", "内部资料", "仅供参考"])
    pub = draft(body="<p>本文件为内部资料，绝密，仅供参考，别人的词。</p>")
    assert pub.hits.filter(kind=HitKind.SENSITIVE_WORD).count() == 3


def test_a_rescan_finds_words_added_later(agency, draft, clerk):
    pub = draft(body="<p>涉及内部资料</p>")
    assert not pub.hits.exists()
    SensitiveWord.objects.create(agency=agency, word="内部资料")
    found = services.rescan(pub, clerk)
    assert [h.kind for h in found] == [HitKind.SENSITIVE_WORD] and found[0].place == "正文第1段"


# -- resolving and blocking ------------------------------------------------------------------------

def test_open_findings_block_submission_until_a_reviewer_allows_them(draft, clerk, head, leader, supervisor, outsider):
    pub = draft(body="<p>举报电话13812345678</p>")
    hit = pub.hits.get()
    services.declare(pub, clerk)
    assert "1项待处理" in refused(409, services.submit, pub, clerk)
    for user in (clerk, supervisor, outsider):
        refused(403, services.resolve_hit, hit, user, reason="公开的举报电话")
    assert "理由" in refused(400, services.resolve_hit, hit, head, reason=" ")
    services.resolve_hit(hit, head, reason="这是公开的举报电话，不是个人信息")
    hit.refresh_from_db()
    assert (hit.resolution, hit.resolved_by) == (Resolution.ALLOWED, head)
    refused(409, services.resolve_hit, hit, leader, reason="再允许一次")
    services.submit(pub, clerk)  # the declaration stands: allowing a finding changes no content
    assert pub.state == PubState.PENDING
    hit.refresh_from_db()
    assert hit.resolution == Resolution.ALLOWED  # a rescan keeps what a reviewer allowed


def test_approving_is_refused_while_a_finding_is_open(agency, draft, clerk, head, leader):
    pub = draft(body="<p>内部资料</p>")
    services.declare(pub, clerk)
    services.submit(pub, clerk)
    SensitiveWord.objects.create(agency=agency, word="内部资料")
    services.rescan(pub, head)  # a reviewer checks again with the new word
    assert "待处理" in refused(409, services.decide, pub, head, approve=True)
    services.decide(pub, head, approve=False, comment="请删除内部资料字样")  # returning stays possible
    assert pub.state == PubState.DRAFT


def test_the_last_step_through_the_generic_approval_pages_is_refused_too(agency, draft, clerk, head, leader):
    """approvals.services.decide (the /workspace/approvals/ pages) calls the publication's hook,
    which refuses: the decision is rolled back and the publication stays under review."""
    pub = draft(body="<p>内部资料</p>")
    services.declare(pub, clerk)
    services.submit(pub, clerk)
    services.decide(pub, head, approve=True)
    SensitiveWord.objects.create(agency=agency, word="内部资料")
    services.rescan(pub, leader)
    approval = approval_queries.pending_for(pub)
    with pytest.raises(approvals.ApprovalError) as exc:
        approvals.decide(approval, leader, approve=True)
    assert "待处理" in exc.value.message
    approval.refresh_from_db()
    pub.refresh_from_db()
    assert approval.state == "pending" and approval.step == 1 and pub.state == PubState.PENDING
    assert not Publication.objects.public().exists()


def test_publishing_is_refused_while_a_finding_is_open(agency, draft, clerk, head, leader):
    pub = review(draft(body="<p>内部资料</p>"), clerk, head, leader)
    SensitiveWord.objects.create(agency=agency, word="内部资料")
    services.rescan(pub, clerk)
    refused(409, services.publish, pub, clerk)
    assert not Publication.objects.public().exists()


def test_a_published_item_is_not_rescanned(make_published, clerk):
    refused(409, services.rescan, make_published(), clerk)


def test_a_correction_copies_the_attachments_and_keeps_what_reviewers_allowed(draft, clerk, head, leader, clock):
    pub = draft(body="<p>举报电话13812345678</p>")
    att = services.add_attachment(pub, clerk, upload("名单.xlsx", xlsx(hidden=True)))
    for hit in pub.hits.all():
        services.resolve_hit(hit, head, reason="已核实可以公开")
    services.publish(review(pub, clerk, head, leader), clerk)
    new = services.start_correction(pub, clerk, "补充说明")
    copy = new.attachments.get()
    assert copy.pk != att.pk and copy.file.name != att.file.name and copy.original_name == "名单.xlsx"
    assert copy.file.read() == att.file.open("rb").read()
    assert new.hits.count() == 2
    assert set(new.hits.values_list("resolution", flat=True)) == {Resolution.ALLOWED}
    assert all(h.reason.startswith("沿用第1版审核时的处理") for h in new.hits.all())
    services.remove_attachment(new, clerk, copy)  # the draft's copy goes; the published file stays
    assert att.file.storage.exists(att.file.name)
    assert clock["day"] == date(2025, 6, 30)



def test_hit_keeps_the_scans_advice_and_the_page_shows_it(draft, clerk, client):
    """The scan's explanation of each finding is stored with the hit and shown while it is open."""
    pub = draft(body=f"<p>申请人身份证号码{ID}。</p>")
    (hit,) = pub.hits.filter(resolution=Resolution.OPEN)
    assert hit.kind == HitKind.ID_CARD and "身份证" in hit.message
    client.force_login(clerk)
    page = client.get(f"/workspace/publishing/{pub.pk}/").content.decode()
    assert hit.message in page
