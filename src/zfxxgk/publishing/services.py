"""Every act in the life of a 主动公开 publication, one function each (条例第十九条–第二十六条).

    pub = create(agency, clerk, column=c, title="…", written_on=d, body="<p>…</p>")
    update(pub, clerk, body="…")                 # 草稿 only; body sanitised (sanitize.body)
    add_attachment(pub, clerk, upload)           # 草稿 only; type by content, size cap; scanned at once
    remove_attachment(pub, clerk, attachment)
    rescan(pub, user)                            # title, body and attachments again
    resolve_hit(hit, head, reason="…")           # 负责人/分管领导: allow a finding with a reason
    declare(pub, clerk)                          # 保密审查声明
    approval = submit(pub, clerk)                # 草稿 → 审核中 (approvals, Policy steps)
    decide(pub, head, approve=True)              # a step of the chain; refused while a finding is open
    publish(pub, clerk)                          # 待发布 → 已发布: 索引号, 发布日期, supersedes the old version
    withdraw(pub, clerk, "…")                    # 已发布 → 已撤回 (the public URL says so, 410)
    new = start_correction(pub, clerk, "…")      # a new version in 草稿, same series

Each act checks who may do it (:mod:`zfxxgk.agencies.access`: the agency's clerks, heads and
leaders write; supervisors never), then locks the publication row and checks its state under the
lock, so two people acting at once queue and the second sees the first's result. A refusal is a
:class:`PublishingError` with a Chinese message and an HTTP status. Every change of what the
public may see goes through :func:`zfxxgk.publishing.changes.public_changed` (search index, content health) in the same
transaction.
"""
from __future__ import annotations

import logging
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone

from ..agencies import access
from ..agencies.models import Agency, Membership, Role
from ..approvals import queries as approval_queries
from ..approvals import services as approvals
from ..approvals.models import Kind
from ..approvals.services import ApprovalError
from ..cases import services as cases
from ..text import InputError, clean_input, clean_name
from . import changes, filetypes, sanitize, scanning
from .models import DEFAULT_INDEX_PATTERN, DEFAULT_STEPS, Attachment, Column, Policy, Publication, PubState, Resolution, ScanHit

log = logging.getLogger(__name__)

MB = 1024 * 1024
DEFAULT_MAX_UPLOAD = 20 * MB  # settings.ZFXXGK_PUBLICATION_MAX_UPLOAD overrides
MAX_ATTACHMENTS = 20
MAX_BODY_CHARS = 500_000  # pasted HTML; a long 规划 is ~100,000 characters with its markup
EDITABLE = (PubState.DRAFT,)
UNDER_REVIEW = (PubState.DRAFT, PubState.PENDING, PubState.APPROVED)  # not public yet: findings can be resolved
FIELDS = ("column", "title", "doc_number", "written_on", "body")
WRITERS = "本机关的经办人、负责人和分管领导"


class PublishingError(ApprovalError):
    """A refused act: ``message`` (Chinese) for the user, ``status`` for HTTP.

    A subclass of :class:`~zfxxgk.approvals.services.ApprovalError` because the approval hooks
    (:func:`on_approved`) raise it inside ``approvals.services.decide``: the generic approval pages
    then show it like their own refusals (and roll the decision back), never as a 500.
    """


def max_upload() -> int:
    return int(getattr(settings, "ZFXXGK_PUBLICATION_MAX_UPLOAD", DEFAULT_MAX_UPLOAD))


# -- shared checks ------------------------------------------------------------------------------------

def _lock(pub: Publication) -> Publication:
    try:
        # of=("self",): the publication's row only (a join would lock its agency and column rows too)
        return Publication.objects.select_for_update(of=("self",)).select_related("agency", "column").get(pk=pub.pk)
    except Publication.DoesNotExist:
        raise PublishingError("该信息不存在或已被删除。", 404) from None


def _keep_in_step(target: Publication, source: Publication) -> None:
    """The caller's instance shows what the locked row now holds."""
    if target is not source:
        for f in Publication._meta.concrete_fields:
            setattr(target, f.attname, getattr(source, f.attname))


def _require_writer(user, agency_id: int, act: str) -> None:
    if not access.can_write(user, agency_id):
        raise PublishingError(f"您没有{act}的权限：只有{WRITERS}可以办理。", 403)


def is_reviewer(user, agency_id: int) -> bool:
    """负责人 or 分管领导 of the agency, acting there: who may allow a finding (resolve_hit)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (Membership.objects.filter(user=user, agency_id=agency_id, role__in=(Role.HEAD, Role.LEADER)).exists()
            and access.can_write(user, agency_id))


def _require_state(pub: Publication, states, act: str) -> None:
    if pub.state not in states:
        allowed = "、".join(PubState(s).label for s in states)
        raise PublishingError(f"该信息当前为“{pub.get_state_display()}”，只有“{allowed}”的信息可以{act}。", 409)


def _text(value, label: str, *, multiline: bool = False, required: bool = False, max_length: int | None = None) -> str:
    try:
        value = (clean_input(str(value or ""), multiline=True, label=label).strip() if multiline
                 else clean_name(str(value or ""), label=label))
    except InputError as exc:
        raise PublishingError(exc.message, 400) from None
    if required and not value:
        raise PublishingError(f"请填写{label}。", 400)
    if max_length and len(value) > max_length:
        raise PublishingError(f"{label}不能超过{max_length}个字（现为{len(value)}个字）。", 400)
    return value


def _reason(reason: str, label: str, why: str) -> str:
    value = _text(reason, label, multiline=True, max_length=2000)
    if not value:
        raise PublishingError(f"请填写{label}，{why}", 400)
    return value


def _validated(agency: Agency, fields: dict) -> dict:
    """The fields as they will be stored, or a refusal naming the first that is wrong."""
    out = {}
    if "column" in fields:
        column = fields["column"]
        if not isinstance(column, Column):
            column = Column.objects.filter(pk=column).first() if str(column or "").isdigit() else None
        if column is None or column.agency_id != agency.pk:
            raise PublishingError("请选择本机关公开目录中的栏目。", 400)
        out["column"] = column
    if "title" in fields:
        out["title"] = _text(fields["title"], "标题", required=True, max_length=200)
    if "doc_number" in fields:
        out["doc_number"] = _text(fields["doc_number"], "文号", max_length=80)
    if "written_on" in fields:
        day = fields["written_on"]
        if not isinstance(day, date):
            raise PublishingError("请填写成文日期。", 400)
        if day > cases.today():
            raise PublishingError("成文日期不能晚于今天。", 400)
        out["written_on"] = day
    if "body" in fields:
        body = fields["body"] or ""
        if len(body) > MAX_BODY_CHARS:
            raise PublishingError(f"正文过长（{len(body)}个字符，上限{MAX_BODY_CHARS}个），请将长篇内容作为附件上传。", 400)
        # Word writes U+000B/U+000C for manual line and page breaks: line breaks here, not refusals
        body = _text(body.replace("\x0b", "\n").replace("\x0c", "\n"), "正文", multiline=True)
        out["body"], out["body_text"] = sanitize.body(body)
    return out


def _clear_declaration(pub: Publication) -> list[str]:
    """The 保密审查声明 covers the content as it was: any change asks for it again."""
    if pub.declared_at is None and pub.declared_by_id is None:
        return []
    pub.declared_by, pub.declared_at = None, None
    return ["declared_by", "declared_at"]


def _open_hits(pub: Publication) -> int:
    return pub.hits.filter(resolution=Resolution.OPEN).count()


def _refuse_open_hits(pub: Publication, act: str) -> None:
    n = _open_hits(pub)
    if n:
        raise PublishingError(f"发布前检查还有{n}项待处理，不能{act}。请先删除相关内容，或由本机关负责人、分管领导说明理由后允许公开。", 409)


# -- drafting -----------------------------------------------------------------------------------------

def create(agency: Agency, user, *, column, title: str, doc_number: str = "", written_on: date, body: str = "") -> Publication:
    """A new publication in 草稿, the first version of its own series; its text is scanned at once."""
    _require_writer(user, agency.pk, "新建本机关主动公开信息")
    fields = _validated(agency, {"column": column, "title": title, "doc_number": doc_number, "written_on": written_on, "body": body})
    result = scanning.scan_body(fields["title"], fields["body_text"], scanning.words_for(agency))
    with transaction.atomic():
        pub = Publication.objects.create(agency=agency, created_by=user, state=PubState.DRAFT, **fields)
        pub.series = pub  # the first version names its series (the public URL's id)
        pub.save(update_fields=["series"])
        scanning.apply(pub, result, user)
    log.info("publication %s created in agency %s by user %s", pub.pk, agency.pk, user.pk)
    return pub


def update(pub: Publication, user, **changes) -> Publication:
    """Change a draft's fields (column, title, doc_number, written_on, body); the title and body are
    scanned again: findings no longer there are 已删除, new ones open."""
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise TypeError(f"update() got fields it does not change: {sorted(unknown)}")
    _require_writer(user, pub.agency_id, "修改该信息")
    fields = _validated(pub.agency, changes)
    words = scanning.words_for(pub.agency)
    with transaction.atomic():
        current = _lock(pub)
        _require_state(current, EDITABLE, "修改（审核中的信息请先撤回审核或等待退回）")
        changed = [name for name, value in fields.items()
                   if getattr(current, "column_id" if name == "column" else name) != (value.pk if name == "column" else value)]
        if changed:
            for name in changed:
                setattr(current, name, fields[name])
            current.save(update_fields=changed + _clear_declaration(current) + ["updated_at"])
            if {"title", "body", "body_text"} & set(changed):
                scanning.apply(current, scanning.scan_body(current.title, current.body_text, words), user)
    log.info("publication %s updated by user %s: %s", current.pk, user.pk, ", ".join(changed) or "no change")
    _keep_in_step(pub, current)
    return pub


def _read(upload, limit: int) -> bytes:
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise PublishingError(f"文件过大（{size / MB:.1f} MB），单个附件不能超过 {limit / MB:.0f} MB。", 413)
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = b"".join(upload.chunks()) if hasattr(upload, "chunks") else upload.read()
    if len(data) > limit:
        raise PublishingError(f"文件过大，单个附件不能超过 {limit / MB:.0f} MB。", 413)
    return data


def add_attachment(pub: Publication, user, uploaded_file) -> Attachment:
    """Attach a file to a draft: accepted by what its bytes are (:mod:`.filetypes`), at most
    :func:`max_upload` bytes, stored under a random name, and scanned at once (hidden sheets,
    comments, personal data …): each finding is an open hit placed “附件“name”：…”."""
    _require_writer(user, pub.agency_id, "上传附件")
    _require_state(pub, EDITABLE, "上传附件")
    data = _read(uploaded_file, max_upload())
    try:
        kind = filetypes.detect(data)
    except filetypes.Refused as exc:
        log.info("attachment refused for publication %s: %s", pub.pk, exc.message)
        raise PublishingError(exc.message, 415) from None
    name = filetypes.display_name(getattr(uploaded_file, "name", "") or "", kind)
    scanned = scanning.scan_bytes(data, name, scanning.words_for(pub.agency))  # outside the lock: seconds for a big file
    stored = None
    try:
        with transaction.atomic():
            current = _lock(pub)
            _require_state(current, EDITABLE, "上传附件")
            if current.attachments.count() >= MAX_ATTACHMENTS:
                raise PublishingError(f"每条信息最多{MAX_ATTACHMENTS}个附件；请合并或删除不需要的附件。", 409)
            attachment = Attachment(publication=current, original_name=name, content_type=kind.content_type, size=len(data),
                                    text=scanned.text or "", scanned_at=timezone.now())
            attachment.file.save(f"upload.{kind.ext}", ContentFile(data), save=False)
            stored = attachment.file.name
            attachment.save()
            scanning.apply(current, scanning.Result(attachment, list(scanned.findings), scanned.text), user)
            fields = _clear_declaration(current)
            current.save(update_fields=fields + ["updated_at"])
    except BaseException:
        if stored:
            attachment.file.storage.delete(stored)
        raise
    log.info("publication %s: attachment %s (%s, %d bytes, %d findings) added by user %s",
             current.pk, attachment.pk, kind.ext, len(data), len(scanned.findings), user.pk)
    _keep_in_step(pub, current)
    return attachment


def remove_attachment(pub: Publication, user, attachment: Attachment) -> None:
    """Take a file off a draft: its open findings become 已删除, the stored file goes once committed."""
    _require_writer(user, pub.agency_id, "删除附件")
    with transaction.atomic():
        current = _lock(pub)
        _require_state(current, EDITABLE, "删除附件")
        row = Attachment.objects.filter(pk=attachment.pk, publication=current).first()
        if row is None:
            raise PublishingError("该附件不存在或已被删除。", 404)
        scanning.remove_all(current, row, user)
        name, storage = row.file.name, row.file.storage
        row.delete()
        current.save(update_fields=_clear_declaration(current) + ["updated_at"])
        transaction.on_commit(lambda: storage.delete(name))
    log.info("publication %s: attachment %s removed by user %s", current.pk, attachment.pk, user.pk)
    _keep_in_step(pub, current)


def rescan(pub: Publication, user=None) -> list[ScanHit]:
    """Scan the title, body and every attachment again (the sensitive words may have changed):
    returns the hits found now. Findings no longer there are marked 已删除."""
    words = scanning.words_for(pub.agency)
    current = Publication.objects.get(pk=pub.pk)
    results = [scanning.scan_body(current.title, current.body_text, words)]
    results += [scanning.scan_attachment(a, words) for a in current.attachments.all()]
    found: list[ScanHit] = []
    with transaction.atomic():
        locked = _lock(pub)
        _require_state(locked, UNDER_REVIEW, "重新检查（已发布的信息如需修改请更正）")
        if (locked.title, locked.body_text) != (current.title, current.body_text):  # edited meanwhile
            results[0] = scanning.scan_body(locked.title, locked.body_text, words)
        present = set(locked.attachments.values_list("pk", flat=True))
        for result in results:
            if result.attachment is None or result.attachment.pk in present:
                found += scanning.apply(locked, result, user)
    log.info("publication %s rescanned: %d findings, %d open", locked.pk, len(found), _open_hits(locked))
    _keep_in_step(pub, locked)
    return found


def resolve_hit(hit: ScanHit, user, *, reason: str) -> ScanHit:
    """A reviewer (负责人 or 分管领导 of the agency) allows a finding to be published, with a reason."""
    pub = hit.publication
    if not is_reviewer(user, pub.agency_id):
        raise PublishingError("只有本机关的负责人或分管领导可以允许公开检查出的内容。", 403)
    reason = _reason(reason, "允许公开的理由", "说明为什么这项内容可以公开。")
    with transaction.atomic():
        current = _lock(pub)
        _require_state(current, UNDER_REVIEW, "处理检查结果")
        row = ScanHit.objects.select_for_update().filter(pk=hit.pk, publication=current).first()
        if row is None:
            raise PublishingError("该检查结果不存在。", 404)
        if row.resolution != Resolution.OPEN:
            raise PublishingError(f"该检查结果已{row.get_resolution_display()}，无需再处理。", 409)
        row.resolution, row.reason, row.resolved_by, row.resolved_at = Resolution.ALLOWED, reason, user, timezone.now()
        row.save(update_fields=["resolution", "reason", "resolved_by", "resolved_at"])
    log.info("publication %s: hit %s (%s) allowed by user %s", current.pk, row.pk, row.kind, user.pk)
    for name in ("resolution", "reason", "resolved_by_id", "resolved_at"):
        setattr(hit, name, getattr(row, name))
    return row


def declare(pub: Publication, user) -> Publication:
    """保密审查: the drafter declares the content holds no state secret and nothing that may not be
    made public (保守国家秘密法; 条例第十四条、第十七条). Required before submission."""
    _require_writer(user, pub.agency_id, "作保密审查声明")
    with transaction.atomic():
        current = _lock(pub)
        _require_state(current, EDITABLE, "作保密审查声明")
        current.declared_by, current.declared_at = user, timezone.now()
        current.save(update_fields=["declared_by", "declared_at", "updated_at"])
    log.info("publication %s: confidentiality declaration by user %s", current.pk, user.pk)
    _keep_in_step(pub, current)
    return pub


# -- review ---------------------------------------------------------------------------------------------

def steps_for(agency: Agency) -> list[str]:
    policy = Policy.objects.filter(agency=agency).first()
    return policy.steps if policy is not None else list(DEFAULT_STEPS)


def submit(pub: Publication, user, note: str = ""):
    """草稿 → 审核中: the chain of :func:`steps_for` (default 负责人 then 分管领导) signs it off.
    Refused without the 保密审查声明 and while any finding is open (the scan runs again first)."""
    _require_writer(user, pub.agency_id, "提交审核")
    _require_state(pub, EDITABLE, "提交审核")
    if pub.declared_at is None:
        raise PublishingError("请先勾选保密审查声明，确认内容不涉及国家秘密和不宜公开的信息，再提交审核。", 409)
    rescan(pub, user)  # its own transaction: the findings stay shown when the submission is refused
    with transaction.atomic():
        current = _lock(pub)
        _require_state(current, EDITABLE, "提交审核")
        if current.declared_at is None:
            raise PublishingError("内容已修改，请重新勾选保密审查声明后再提交审核。", 409)
        _refuse_open_hits(current, "提交审核")
        try:
            approval = approvals.submit(current, kind=Kind.PUBLICATION, agency=current.agency, user=user,
                                        steps=steps_for(current.agency), title=current.title, note=note)
        except ValueError as exc:  # a review chain the administrator set up wrongly
            log.error("publication %s: bad review steps for agency %s: %s", current.pk, current.agency_id, exc)
            raise PublishingError("本机关的审核环节设置有误，请系统管理员在“主动公开设置”中改正后再提交。", 409) from None
        current.state = PubState.PENDING
        current.save(update_fields=["state", "updated_at"])
    log.info("publication %s submitted by user %s (approval %s)", current.pk, user.pk, approval.pk)
    _keep_in_step(pub, current)
    return approval


def decide(pub: Publication, user, *, approve: bool, comment: str = ""):
    """The current step of the chain approves or returns (with a comment); approving is refused
    while a finding is open (a rescan during the review may have found one)."""
    with transaction.atomic():
        current = _lock(pub)
        _require_state(current, (PubState.PENDING,), "审核")
        approval = approval_queries.pending_for(current)
        if approval is None:
            raise PublishingError("该信息没有待审核的提交（可能已被审核或撤回），请刷新页面。", 409)
        if not approvals.may_decide(approval, user):
            raise PublishingError("该信息当前不由您审核。", 403)
        if approve:
            _refuse_open_hits(current, "同意")
        approvals.decide(approval, user, approve=approve, comment=comment)
        current.refresh_from_db()
    _keep_in_step(pub, current)
    return approval


def objection(pub: Publication) -> str | None:
    """Why a step may not approve ``pub`` now (for the approval mechanism's generic pages), or None."""
    n = _open_hits(pub)
    return f"发布前检查还有{n}项待处理，不能同意。请先处理检查结果。" if n else None


def on_approved(pub: Publication, approval, user) -> None:
    """The chain's last step approved: 待发布 (the office publishes it)."""
    current = _lock(pub)
    _require_state(current, (PubState.PENDING,), "审核通过")
    _refuse_open_hits(current, "同意")  # raising here rolls the decision back with it
    current.state = PubState.APPROVED
    current.save(update_fields=["state", "updated_at"])
    log.info("publication %s approved (approval %s, last step by user %s)", current.pk, approval.pk, getattr(user, "pk", None))
    _keep_in_step(pub, current)


def on_returned(pub: Publication, approval, user) -> None:
    """Returned by a reviewer or withdrawn by its submitter: back to 草稿."""
    current = _lock(pub)
    if current.state == PubState.PENDING:
        current.state = PubState.DRAFT
        current.save(update_fields=["state", "updated_at"])
    log.info("publication %s back to draft (approval %s %s by user %s)", current.pk, approval.pk, approval.state, getattr(user, "pk", None))
    _keep_in_step(pub, current)


# -- publishing -----------------------------------------------------------------------------------------

def _series_of(pub: Publication) -> Q:
    key = pub.series_id or pub.pk
    return Q(series_id=key) | Q(pk=key)


def _index_number(pub: Publication, year: int) -> str:
    """The next 索引号 of the agency and year from its pattern, under a lock on the agency row: two
    publications published at once never get the same number."""
    Agency.objects.select_for_update().filter(pk=pub.agency_id).first()
    policy = Policy.objects.filter(agency_id=pub.agency_id).first()
    pattern = (policy.index_pattern if policy else "") or DEFAULT_INDEX_PATTERN
    taken = set(Publication.objects.filter(agency_id=pub.agency_id).exclude(index_number="").values_list("index_number", flat=True))
    seq = 1 + (Publication.objects.filter(agency_id=pub.agency_id, version=1, published_on__year=year)
               .exclude(index_number="").exclude(pk=pub.pk).count())
    while True:
        try:
            number = pattern.format(code=pub.agency.code, year=year, seq=seq, column=pub.column.code)
        except (KeyError, IndexError, ValueError, AttributeError) as exc:
            log.error("agency %s: index pattern %r unusable: %r", pub.agency_id, pattern, exc)
            raise PublishingError(f"本机关的索引号格式“{pattern}”无法使用，请系统管理员在“主动公开设置”中改正后再发布。", 409) from None
        if number not in taken:
            break
        seq += 1
    if not number or len(number) > 80:
        raise PublishingError(f"按本机关的索引号格式生成的索引号“{number[:100]}”为空或超过80个字符，请系统管理员改正格式。", 409)
    return number


def publish(pub: Publication, user) -> Publication:
    """待发布 → 已发布 by the office: 发布日期 today, 索引号 from the agency's pattern (kept by a
    correction), and the version it corrects becomes 已更正."""
    _require_writer(user, pub.agency_id, "发布该信息")
    with transaction.atomic():
        current = _lock(pub)
        _require_state(current, (PubState.APPROVED,), "发布（须先经审核同意）")
        _refuse_open_hits(current, "发布")
        today = cases.today()
        if not current.index_number:
            current.index_number = _index_number(current, today.year)
        older = list(Publication.objects.select_for_update().filter(_series_of(current), state=PubState.PUBLISHED).exclude(pk=current.pk))
        for old in older:
            old.state = PubState.SUPERSEDED
            old.save(update_fields=["state", "updated_at"])
        if current.series_id is None:
            current.series_id = current.pk
        current.state, current.published_on, current.published_at, current.published_by = PubState.PUBLISHED, today, timezone.now(), user
        try:
            with transaction.atomic():
                current.save(update_fields=["state", "index_number", "series", "published_on", "published_at", "published_by", "updated_at"])
        except IntegrityError as exc:  # publication_one_public_version: the last guard
            log.warning("publication %s: publish refused by a constraint: %s", current.pk, exc)
            raise PublishingError("该信息的另一个版本正在同时发布，请刷新页面后重试。", 409) from None
        for old in older:
            changes.public_changed(old)
        changes.public_changed(current)
    log.info("publication %s published as %s by user %s (superseded %s)", current.pk, current.index_number, user.pk, [o.pk for o in older])
    _keep_in_step(pub, current)
    return pub


def withdraw(pub: Publication, user, reason: str) -> Publication:
    """已发布 → 已撤回: off the lists, search and feeds; its public URL says when and why (410)."""
    _require_writer(user, pub.agency_id, "撤回该信息")
    reason = _reason(reason, "撤回原因", "撤回原因将在公开页面上说明。")
    with transaction.atomic():
        current = _lock(pub)
        _require_state(current, (PubState.PUBLISHED,), "撤回")
        current.state, current.withdrawn_reason, current.withdrawn_at = PubState.WITHDRAWN, reason, timezone.now()
        current.save(update_fields=["state", "withdrawn_reason", "withdrawn_at", "updated_at"])
        changes.public_changed(current)
    log.info("publication %s withdrawn by user %s", current.pk, user.pk)
    _keep_in_step(pub, current)
    return pub


def start_correction(pub: Publication, user, reason: str) -> Publication:
    """更正: a new version (草稿, same series, version + 1) copying the fields and attachments of the
    published one; it goes through the same review, and once published the old one is 已更正.
    The public page keeps showing the current version until then."""
    _require_writer(user, pub.agency_id, "更正该信息")
    reason = _reason(reason, "更正原因", "更正原因将在公开页面上说明。")
    saved: list[tuple] = []
    try:
        with transaction.atomic():
            current = _lock(pub)
            _require_state(current, (PubState.PUBLISHED,), "更正")
            if current.series_id is None:  # a first version made elsewhere without its series
                current.series_id = current.pk
                current.save(update_fields=["series"])
            series = Publication.objects.filter(_series_of(current))
            open_version = series.filter(state__in=UNDER_REVIEW).order_by("-version").first()
            if open_version is not None:
                raise PublishingError(f"该信息已有正在办理的更正（第{open_version.version}版，{open_version.get_state_display()}），请在该版本上继续。", 409)
            version = (series.aggregate(n=Max("version"))["n"] or current.version) + 1
            new = Publication.objects.create(
                agency=current.agency, column=current.column, title=current.title, doc_number=current.doc_number,
                index_number=current.index_number, written_on=current.written_on, body=current.body,
                body_text=current.body_text, series_id=current.series_id, version=version, correction_reason=reason,
                created_by=user, state=PubState.DRAFT,
            )
            for old in current.attachments.all():  # copies: the draft may remove one, the published version keeps its own
                copy = Attachment(publication=new, original_name=old.original_name, content_type=old.content_type,
                                  size=old.size, text=old.text, scanned_at=old.scanned_at)
                with old.file.open("rb") as fh:
                    copy.file.save(f"copy.{old.file.name.rsplit('.', 1)[-1]}", ContentFile(fh.read()), save=False)
                saved.append((copy.file.storage, copy.file.name))
                copy.save()
    except BaseException:
        for storage, name in saved:
            storage.delete(name)
        raise
    log.info("publication %s: correction started as %s (version %s) by user %s", current.pk, new.pk, version, user.pk)
    rescan(new, user)
    scanning.carry_allowances(new, current)
    return new


def __getattr__(name: str):
    """``services.publish_annual_report(report, version)``: re-exported from :mod:`.annual_link`
    (the annual-report helper's module), imported when first asked for."""
    if name == "publish_annual_report":
        from .annual_link import publish_annual_report

        return publish_annual_report
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
