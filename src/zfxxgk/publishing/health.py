"""网站运维监测: what is wrong with the public catalogue of some agencies, one query per question.

    stale_columns(ids, today)      a column not updated for longer than its ``stale_days`` (or empty)
    late_publications(ids, today)  条例第二十六条: not public within 20 working days of 成文日期
    broken_links(ids)              links in public bodies to pages of this site that are not public,
                                   to attachments missing from storage, to external sites that fail
    broken_attachments(ids)        attachments of public items missing from storage or resized
    withdrawn_linked(ids)          public bodies still linking to an item that was withdrawn
    findings(ids, today)           all of them; ``counts(findings)`` per agency and kind

Each answer is a list of :class:`Finding` (agency, kind, object, Chinese message, since when).
The office's page, the county supervisor's page, their exports and the ``publishing_health``
command all ask these. Reading bodies and asking the storage is the background's job
(:mod:`.health_checks`, run by :mod:`.tasks`): the links and file problems it keeps are read here,
whether a linked page is public is asked of the public querysets each time.
"""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q, Subquery, Value
from django.utils import timezone

from . import deadlines
from .columns import DEFAULT_COLUMNS
from .models import Attachment, Column, ColumnKind, Publication, PubState
from .models.health import BodyLink, FileProblem, LinkTarget

log = logging.getLogger(__name__)


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
    as publications."""
    from ..annual.models import Version

    newest_item = (Publication.objects.public().filter(column_id=OuterRef("pk")).order_by()
                   .values("column_id").annotate(m=models.Max("published_on")).values("m"))
    newest_report = (Version.objects.filter(report__agency_id=OuterRef("agency_id")).order_by()
                     .values("report__agency_id").annotate(m=models.Max("published_on")).values("m"))
    columns = list(
        Column.objects.filter(agency_id__in=ids)
        .annotate(newest=Subquery(newest_item), newest_report=models.Case(
            models.When(kind=ColumnKind.ANNUAL_REPORT, then=Subquery(newest_report)), default=Value(None), output_field=models.DateField()))
        .values("pk", "parent_id", "agency_id", "agency__name", "name", "stale_days", "created_at", "newest", "newest_report")
    )
    by_id = {c["pk"]: c for c in columns}
    newest: dict[int, date] = {}
    for c in columns:
        own = max((d for d in (c["newest"], c["newest_report"]) if d), default=None)
        node, seen = c, set()
        while own and node is not None and node["pk"] not in seen:  # the column and every column above it
            seen.add(node["pk"])
            if newest.get(node["pk"]) is None or newest[node["pk"]] < own:
                newest[node["pk"]] = own
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

SERIES_TARGETS = (LinkTarget.PUBLICATION, LinkTarget.VERSION, LinkTarget.ATTACHMENT)
DEFAULT_COLUMN_CODES = tuple(code for top in DEFAULT_COLUMNS for code in [top[0], *(c[0] for c in top[4])])


def in_series(series_id) -> Q:
    """Every version of series ``series_id`` (as the public pages read it): those naming it, and the
    first version itself, whose ``series`` is null or itself."""
    return Q(series_id=series_id) | Q(pk=series_id, series__isnull=True)


def _series(states=None, *, public: bool = False) -> models.QuerySet:
    """The versions of the series a link names (in a subquery over :class:`BodyLink`): in
    ``states``, or the public one."""
    qs = Publication.objects.public() if public else Publication.objects.all()
    qs = qs.filter(agency__code=OuterRef("target_code")).filter(in_series(OuterRef("target_number")))
    return qs if states is None else qs.filter(state__in=states)


def _gone() -> Q:
    """The link names a series that was withdrawn and has no public version now."""
    return Q(target__in=SERIES_TARGETS) & Exists(_series((PubState.WITHDRAWN,))) & ~Exists(_series(public=True))


def _reachable() -> models.Case:
    """Whether the page a link names is public now, by what the link names (see :class:`LinkTarget`)."""
    from ..agencies.models import Agency
    from ..annual.models import AnnualReport

    current = Exists(_series(public=True))
    version = Exists(_series((PubState.PUBLISHED, PubState.SUPERSEDED)).filter(version=OuterRef("target_version")))
    attachment = Exists(Attachment.objects.filter(
        pk=OuterRef("target_attachment"),
        publication__in=Publication.objects.filter(agency__code=OuterRef(OuterRef("target_code")), state__in=(PubState.PUBLISHED, PubState.SUPERSEDED))
        .filter(in_series(OuterRef(OuterRef("target_number")))).values("pk"),
    ))
    file_missing = Exists(FileProblem.objects.filter(attachment_id=OuterRef("target_attachment"), problem=FileProblem.Kind.MISSING))
    annual = Exists(AnnualReport.objects.public().filter(agency__code=OuterRef("target_code"), year=OuterRef("target_number")))
    agency = Exists(Agency.objects.filter(code=OuterRef("target_code")))
    column = Exists(Column.objects.filter(agency__code=OuterRef("target_code"), code=OuterRef("target_slug")))
    # An agency without columns shows the default tree (public_views.tree): its codes are pages.
    no_columns = ~Exists(Column.objects.filter(agency__code=OuterRef("target_code")))
    yes = Value(True)
    return models.Case(
        models.When(Q(target=LinkTarget.PUBLICATION) & current, then=yes),
        models.When(Q(target=LinkTarget.VERSION) & current & version, then=yes),
        models.When(Q(target=LinkTarget.ATTACHMENT) & current & attachment & ~file_missing, then=yes),
        models.When(Q(target=LinkTarget.ANNUAL) & annual, then=yes),
        models.When(Q(target=LinkTarget.AGENCY) & agency, then=yes),
        models.When(Q(target=LinkTarget.COLUMN) & column, then=yes),
        models.When(Q(target=LinkTarget.COLUMN, target_slug__in=DEFAULT_COLUMN_CODES) & agency & no_columns, then=yes),
        models.When(target=LinkTarget.OTHER, then=yes),
        models.When(target=LinkTarget.EXTERNAL, then=Q(error="")),
        default=Value(False), output_field=models.BooleanField(),
    )


_LINK_FIELDS = ("pk", "url", "text", "target", "found_at", "status", "error", "failing_since",
                "publication_id", "publication__title", "publication__agency_id", "publication__agency__name")


def _links(ids) -> models.QuerySet:
    qs = BodyLink.objects.filter(publication__in=_public(ids).values("pk")).exclude(target=LinkTarget.OTHER)
    if not external_checks_on():
        qs = qs.exclude(target=LinkTarget.EXTERNAL)
    return qs.annotate(reachable=_reachable()).filter(reachable=False)


def _link_text(row) -> str:
    text = (row["text"] or "").strip()
    return f"“{text}”（{row['url']}）" if text and text != row["url"] else f"“{row['url']}”"


def broken_links(ids) -> list[Finding]:
    """Links in public bodies that lead nowhere a reader can follow: a page of this site that does
    not exist or is not public (a draft, another agency's id, an unpublished annual report), an
    attachment missing from storage, or — when external checks are on — an external page that
    failed its last check. Links to withdrawn items are :func:`withdrawn_linked`'s."""
    rows = (_links(ids).exclude(_gone()).order_by("publication_id", "pk").values(*_LINK_FIELDS))
    out = []
    for r in rows:
        title = f"《{r['publication__title']}》"
        if r["target"] == LinkTarget.EXTERNAL:
            message, since = f"正文中的外部链接{_link_text(r)}无法访问：{r['error']}。", _day(r["failing_since"] or r["found_at"])
        elif r["target"] == LinkTarget.MISSING:
            message, since = f"正文中的链接{_link_text(r)}指向本站不存在的页面。", _day(r["found_at"])
        else:
            what = LinkTarget(r["target"]).label
            message, since = f"正文中的链接{_link_text(r)}指向的{what}不存在或未公开（读者打开会看到“页面不存在”）。", _day(r["found_at"])
        out.append(Finding(r["publication__agency_id"], r["publication__agency__name"], Kind.BROKEN_LINK, title, message, since,
                           publication_id=r["publication_id"]))
    return out


def withdrawn_linked(ids) -> list[Finding]:
    """Public bodies that still link to an item (or its attachment, or an older version) whose
    series was withdrawn and has no public version: the reader finds “已撤回”."""
    last = _series((PubState.WITHDRAWN,)).order_by("-withdrawn_at", "-version")
    rows = (_links(ids).filter(_gone())
            .annotate(withdrawn_at=Subquery(last.values("withdrawn_at")[:1]), withdrawn_title=Subquery(last.values("title")[:1]))
            .order_by("publication_id", "pk").values(*_LINK_FIELDS, "withdrawn_at", "withdrawn_title"))
    out = []
    for r in rows:
        when = _day(r["withdrawn_at"])
        on = f"（{when:%Y-%m-%d}撤回）" if when else ""
        message = f"正文中的链接{_link_text(r)}指向已撤回的《{r['withdrawn_title']}》{on}，请删除或改为其他链接。"
        out.append(Finding(r["publication__agency_id"], r["publication__agency__name"], Kind.WITHDRAWN_LINKED,
                           f"《{r['publication__title']}》", message, when or _day(r["found_at"]), publication_id=r["publication_id"]))
    return out


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
    """Every finding of the agencies ``ids`` (one query per kind asked), by kind, agency and date."""
    ids = list(ids)
    asked = set(kinds or KIND_ORDER)
    questions = {
        Kind.STALE_COLUMN: lambda: stale_columns(ids, today),
        Kind.LATE: lambda: late_publications(ids, today),
        Kind.BROKEN_LINK: lambda: broken_links(ids),
        Kind.BROKEN_ATTACHMENT: lambda: broken_attachments(ids),
        Kind.WITHDRAWN_LINKED: lambda: withdrawn_linked(ids),
    }
    out = [f for kind, ask in questions.items() if kind in asked for f in ask()]
    out.sort(key=lambda f: (KIND_ORDER.index(f.kind), f.agency, f.since or date.min, f.subject))
    return out


def counts(found: list[Finding]) -> dict[int, Counter]:
    """{agency id: Counter({kind: n})}."""
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
