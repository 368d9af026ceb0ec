"""网站运维监测: what is wrong with the public catalogue of some agencies, one function per question.

    stale_columns(ids, today)      a column not updated for longer than its ``stale_days`` (or empty)
    late_publications(ids, today)  条例第二十六条: not public within 20 working days of 成文日期
    broken_links(ids)              links in public bodies to pages of this site that are not public,
                                   to attachments missing from storage, to external sites that fail
    broken_attachments(ids)        attachments of public items missing from storage or resized
    withdrawn_linked(ids)          public bodies still linking to an item that was withdrawn
    findings(ids, today)           all of them; ``counts(findings)`` per agency and kind

Each answer is a list of :class:`Finding` (agency, kind, object, Chinese message, since when), from
one query (lateness, attachments) or a fixed few (columns, links: :mod:`.health_links`) — never one
per agency or per item.

The office's page, the county supervisor's page, their exports and the ``publishing_health``
command all ask these. Reading bodies and asking the storage is the background's job
(:mod:`.health_checks`, run by :mod:`.tasks`): the links and file problems it keeps are read here,
whether a linked page is public is asked of the public querysets each time.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from . import deadlines, health_links
from .models import Column, ColumnKind, Publication, PubState
from .models.health import FileProblem, LinkTarget


class Kind(models.TextChoices):
    STALE_COLUMN = "stale_column", "栏目长期未更新"
    LATE = "late", "未在规定时限内公开"
    BROKEN_LINK = "broken_link", "失效链接"
    BROKEN_ATTACHMENT = "broken_attachment", "附件缺失或损坏"
    WITHDRAWN_LINKED = "withdrawn_linked", "仍链接已撤回的信息"


KIND_ORDER = [k.value for k in Kind]

# A publication published late is flagged for this long after it went public; older lateness is
# history (the annual report's business), not something the office can still fix.
LATE_WINDOW_DAYS = 365
UNPUBLISHED = (PubState.DRAFT, PubState.PENDING, PubState.APPROVED)


@dataclass(frozen=True)
class Finding:
    agency_id: int
    agency: str
    kind: str
    subject: str  # 对象: 《标题》, 栏目“名称”, 附件“文件名”
    message: str
    since: date | None
    publication_id: int | None = None  # the item to fix (staff page)
    column_id: int | None = None

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label


def external_checks_on() -> bool:
    """External links are checked (and reported) only when the administrator turned it on: the
    checks send requests from the server to any address a body names."""
    return bool(getattr(settings, "ZFXXGK_HEALTH_CHECK_EXTERNAL_LINKS", False))


def _public(ids) -> models.QuerySet:
    return Publication.objects.public().filter(agency_id__in=ids)


def _day(moment) -> date | None:
    return timezone.localdate(moment) if moment else None


# --- stale columns ---------------------------------------------------------------------------------

def stale_columns(ids, today: date) -> list[Finding]:
    """Columns with ``stale_days`` whose newest public item — in the column or below it — is older
    than that many days, or which never had one (an empty column: 空白栏目). The 年报 column also
    counts the agency's published annual reports (their versions), whether or not they were filed
    as publications. Two queries (three with a 年报 column): the columns, each column's newest day."""
    from ..annual.models import Version

    columns = list(Column.objects.filter(agency_id__in=ids).order_by()
                   .values("pk", "parent_id", "agency_id", "agency__name", "name", "kind", "stale_days", "created_at"))
    own = dict(Publication.objects.public().filter(agency_id__in=ids).order_by().values("column_id")
               .annotate(m=models.Max("published_on")).values_list("column_id", "m"))
    reports = {}
    if any(c["kind"] == ColumnKind.ANNUAL_REPORT for c in columns):
        reports = dict(Version.objects.filter(report__agency_id__in=ids).order_by().values("report__agency_id")
                       .annotate(m=models.Max("published_on")).values_list("report__agency_id", "m"))
    for c in columns:
        c["newest"] = own.get(c["pk"])
        c["newest_report"] = reports.get(c["agency_id"]) if c["kind"] == ColumnKind.ANNUAL_REPORT else None
    by_id = {c["pk"]: c for c in columns}
    newest: dict[int, date] = {}
    for c in columns:
        day = max((d for d in (c["newest"], c["newest_report"]) if d), default=None)
        node, seen = c, set()
        while day and node is not None and node["pk"] not in seen:  # the column and every column above it
            seen.add(node["pk"])
            if newest.get(node["pk"]) is None or newest[node["pk"]] < day:
                newest[node["pk"]] = day
            node = by_id.get(node["parent_id"])
    out = []
    for c in columns:
        days = c["stale_days"]
        if not days:
            continue
        last = newest.get(c["pk"])
        if last is None:
            out.append(Finding(c["agency_id"], c["agency__name"], Kind.STALE_COLUMN, f"栏目“{c['name']}”",
                               f"栏目“{c['name']}”尚未发布任何信息（空白栏目）。", _day(c["created_at"]), column_id=c["pk"]))
        elif (today - last).days > days:
            out.append(Finding(c["agency_id"], c["agency__name"], Kind.STALE_COLUMN, f"栏目“{c['name']}”",
                               f"栏目“{c['name']}”最近一次更新是{last:%Y-%m-%d}，已{(today - last).days}天未更新（要求每{days}天内更新）。",
                               last + timedelta(days=days + 1), column_id=c["pk"]))
    return out


# --- 条例第二十六条 ---------------------------------------------------------------------------------

def late_publications(ids, today: date, window_days: int = LATE_WINDOW_DAYS) -> list[Finding]:
    """First versions published past their due day (:func:`.deadlines.due_on`) in the last
    ``window_days``, and drafts, items under review or approved ones already past it.

    The same rule as :func:`.deadlines.is_late`, answered for many rows at once: the agency's
    working days come with the rows, each due day is computed once per 成文日期. A correction keeps
    the first version's 成文日期, so only first versions are judged."""
    rows = (Publication.objects.filter(agency_id__in=ids, version=1)
            .filter(Q(state__in=UNPUBLISHED) | Q(state=PubState.PUBLISHED, published_on__gte=today - timedelta(days=window_days)))
            .values("pk", "agency_id", "agency__name", "title", "state", "written_on", "published_on",
                    "agency__publishing_policy__late_workdays"))
    due_cache: dict[tuple[date, int], date] = {}
    out = []
    for r in rows:
        if r["written_on"] is None:
            continue
        workdays = r["agency__publishing_policy__late_workdays"]
        workdays = deadlines.DEFAULT_WORKDAYS if workdays is None else workdays
        key = (r["written_on"], workdays)
        due = due_cache.get(key)
        if due is None:
            due = due_cache[key] = deadlines.due_on(r["written_on"], workdays)
        title = f"《{r['title']}》"
        if r["state"] == PubState.PUBLISHED and r["published_on"] and r["published_on"] > due:
            message = (f"成文日期{r['written_on']:%Y-%m-%d}，应于{due:%Y-%m-%d}前公开（{workdays}个工作日），"
                       f"实际{r['published_on']:%Y-%m-%d}发布，超过条例第二十六条规定的时限。")
        elif r["state"] in UNPUBLISHED and today > due:
            message = (f"成文日期{r['written_on']:%Y-%m-%d}，应于{due:%Y-%m-%d}前公开（{workdays}个工作日），"
                       f"至今仍未发布（{PubState(r['state']).label}）。")
        else:
            continue
        out.append(Finding(r["agency_id"], r["agency__name"], Kind.LATE, title, message, due + timedelta(days=1), publication_id=r["pk"]))
    return out


# --- links -----------------------------------------------------------------------------------------

def _link_text(row) -> str:
    text = (row["text"] or "").strip()
    return f"“{text}”（{row['url']}）" if text and text != row["url"] else f"“{row['url']}”"


def _broken_link(r) -> Finding:
    if r["target"] == LinkTarget.EXTERNAL:
        message, since = f"正文中的外部链接{_link_text(r)}无法访问：{r['error']}。", r["failing_on"] or r["found_on"]
    elif r["target"] == LinkTarget.MISSING:
        message, since = f"正文中的链接{_link_text(r)}指向本站不存在的页面。", r["found_on"]
    else:
        what = LinkTarget(r["target"]).label
        message, since = f"正文中的链接{_link_text(r)}指向的{what}不存在或未公开（读者打开会看到“页面不存在”）。", r["found_on"]
    return Finding(r["publication__agency_id"], r["publication__agency__name"], Kind.BROKEN_LINK, f"《{r['publication__title']}》",
                   message, since, publication_id=r["publication_id"])


def _withdrawn_link(r) -> Finding:
    when = _day(r["withdrawn_at"])
    on = f"（{when:%Y-%m-%d}撤回）" if when else ""
    message = f"正文中的链接{_link_text(r)}指向已撤回的《{r['withdrawn_title']}》{on}，请删除或改为其他链接。"
    return Finding(r["publication__agency_id"], r["publication__agency__name"], Kind.WITHDRAWN_LINKED, f"《{r['publication__title']}》",
                   message, when or r["found_on"], publication_id=r["publication_id"])


def _link_findings(ids) -> tuple[list[Finding], list[Finding]]:
    """(broken links, links to withdrawn items), judged together (:func:`.health_links.judge`)."""
    rows = health_links.judge(ids, external=external_checks_on())
    return ([_broken_link(r) for r in rows if r["state"] == health_links.BROKEN],
            [_withdrawn_link(r) for r in rows if r["state"] == health_links.GONE])


def broken_links(ids) -> list[Finding]:
    """Links in public bodies that lead nowhere a reader can follow: a page of this site that does
    not exist or is not public (a draft, another agency's id, an unpublished annual report), an
    attachment missing from storage, or — when external checks are on — an external page that
    failed its last check. Links to withdrawn items are :func:`withdrawn_linked`'s."""
    return _link_findings(ids)[0]


def withdrawn_linked(ids) -> list[Finding]:
    """Public bodies that still link to an item (or its attachment, or an older version) whose
    series was withdrawn and has no public version: the reader finds “已撤回”."""
    return _link_findings(ids)[1]


# --- attachments -----------------------------------------------------------------------------------

def broken_attachments(ids) -> list[Finding]:
    """Attachments of public items that the last file check found missing from storage or of
    another size than uploaded (:func:`.health_checks.check_files`)."""
    rows = (FileProblem.objects.filter(attachment__publication__in=_public(ids).values("pk"))
            .order_by("attachment__publication_id", "attachment_id")
            .values("problem", "actual_size", "found_at", "attachment__original_name", "attachment__size",
                    "attachment__publication_id", "attachment__publication__title",
                    "attachment__publication__agency_id", "attachment__publication__agency__name"))
    out = []
    for r in rows:
        name = r["attachment__original_name"]
        if r["problem"] == FileProblem.Kind.MISSING:
            message = f"附件“{name}”的文件在存储中找不到，读者无法下载。请重新上传。"
        else:
            message = f"附件“{name}”的文件大小为{r['actual_size']}字节，与上传时的{r['attachment__size']}字节不符，文件可能已损坏。请重新上传。"
        out.append(Finding(r["attachment__publication__agency_id"], r["attachment__publication__agency__name"], Kind.BROKEN_ATTACHMENT,
                           f"《{r['attachment__publication__title']}》附件“{name}”", message, _day(r["found_at"]),
                           publication_id=r["attachment__publication_id"]))
    return out


# --- all of them -----------------------------------------------------------------------------------

def findings(ids, today: date, kinds=None) -> list[Finding]:
    """Every finding of the agencies ``ids`` (a fixed number of queries however many), by kind, agency and date."""
    ids = list(ids)
    asked = set(kinds or KIND_ORDER)
    out = []
    if Kind.STALE_COLUMN in asked:
        out += stale_columns(ids, today)
    if Kind.LATE in asked:
        out += late_publications(ids, today)
    if asked & {Kind.BROKEN_LINK, Kind.WITHDRAWN_LINKED}:  # one judging for both
        broken, gone = _link_findings(ids)
        out += (broken if Kind.BROKEN_LINK in asked else []) + (gone if Kind.WITHDRAWN_LINKED in asked else [])
    if Kind.BROKEN_ATTACHMENT in asked:
        out += broken_attachments(ids)
    out.sort(key=lambda f: (KIND_ORDER.index(f.kind), f.agency, f.since or date.min, f.subject))
    return out


def counts(found: list[Finding]) -> dict[int, Counter]:
    """{agency id: Counter({kind: n})} of a list of findings."""
    out: dict[int, Counter] = {}
    for f in found:
        out.setdefault(f.agency_id, Counter())[f.kind] += 1
    return out


def on_public_change(publication) -> None:
    """The services call this on every change of state, beside ``search.update``: once the
    transaction commits, a background task reads the body's links and checks the attachments
    (public) or forgets them (no longer public). Without it the nightly ``publishing_health``
    command catches up; a failure to enqueue is logged, never the user's problem."""
    from . import tasks

    pk = publication.pk
    transaction.on_commit(lambda: tasks.refresh_publication.enqueue(pk), robust=True)
