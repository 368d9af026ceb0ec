"""The slow half of content health, run in the background (:mod:`.tasks`, the ``publishing_health``
command): read the links of public bodies, ask the storage about attachments, try external links.

What it finds is kept in :class:`~.models.health.BodyLink` and :class:`~.models.health.FileProblem`,
which the queries of :mod:`.health` read. Only public publications keep rows: one that stops being
public loses its links and file problems at its next refresh.
"""
from __future__ import annotations

import logging
import socket
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from django.conf import settings
from django.db import transaction
from django.http.request import validate_host
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.encoding import iri_to_uri

from .models import Attachment, Publication
from .models.health import BodyLink, FileProblem, LinkTarget

log = logging.getLogger(__name__)

MAX_URL = 1000
TIMEOUT = 5  # seconds, per connection attempt and per read
WORKERS = 8
USER_AGENT = "zfxxgk-link-check/1 (link check of a government information disclosure site)"  # headers are latin-1


# --- reading a body --------------------------------------------------------------------------------

class _Anchors(HTMLParser):
    """``<a href>`` (with their text) and ``<img src>`` of a sanitised body."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[list] = []  # [url, [text parts]]
        self._open: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self._open = [attrs["href"], []]
            self.found.append(self._open)
        elif tag == "img" and attrs.get("src"):
            self.found.append([attrs["src"], [attrs.get("alt") or ""]])

    def handle_endtag(self, tag):
        if tag == "a":
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open[1].append(data)


def _own_hosts() -> list[str]:
    # ALLOWED_HOSTS names this site; "*" would make every site ours, so it is left out.
    return [h for h in settings.ALLOWED_HOSTS if h != "*"]


def _base(code: str, series_id: int) -> str:
    """Where relative links in a body start from: the publication's public URL (its get_absolute_url)."""
    try:
        return reverse("publishing_public:publication", args=[code, series_id])
    except NoReverseMatch:
        return "/zfxxgk/"


# resolve()'s view name → what the link names and how its kwargs read (route order).
_ROUTES = {
    "publishing_public:publication": LinkTarget.PUBLICATION,
    "publishing_public:version": LinkTarget.VERSION,
    "publishing_public:attachment": LinkTarget.ATTACHMENT,
    "publishing_public:column": LinkTarget.COLUMN,
    "publishing_public:column_feed": LinkTarget.COLUMN,
    "publishing_public:agency": LinkTarget.AGENCY,
    "publishing_public:agency_feed": LinkTarget.AGENCY,
    "publishing_public:agency_search": LinkTarget.AGENCY,
    "public_annual:agency": LinkTarget.AGENCY,
    "public_annual:report": LinkTarget.ANNUAL,
    "public_annual:version": LinkTarget.ANNUAL,
    "public_annual:download": LinkTarget.ANNUAL,
}


def classify(href: str, base) -> dict | None:
    """The :class:`BodyLink` fields of one link, or None for what is no page (``#top``, ``mailto:``).
    ``base``: the page's URL, or a function giving it (asked only for a relative link)."""
    href = (href or "").strip()
    if not href or href.startswith("#") or len(href) > MAX_URL:
        return None
    parts = urlsplit(href)
    if not parts.scheme and not href.startswith("/"):  # relative: "../12/", "fj/3/"
        parts = urlsplit(urljoin(base() if callable(base) else base, href))
    if parts.scheme not in ("", "http", "https"):
        return None
    if parts.netloc and not validate_host((parts.hostname or "").lower(), _own_hosts()):
        return {"target": LinkTarget.EXTERNAL}
    try:
        match = resolve(unquote(parts.path) or "/")
    except Resolver404:
        return {"target": LinkTarget.MISSING}
    target = _ROUTES.get(match.view_name)
    if target is None:
        return {"target": LinkTarget.OTHER}
    kw = match.kwargs
    fields = {"target": target, "target_code": str(kw.get("code", ""))[:30]}
    if target in (LinkTarget.PUBLICATION, LinkTarget.VERSION, LinkTarget.ATTACHMENT):
        fields["target_number"] = kw.get("series")
        fields["target_version"] = kw.get("number") if target == LinkTarget.VERSION else None
        fields["target_attachment"] = kw.get("attachment")
    elif target == LinkTarget.COLUMN:
        fields["target_slug"] = str(kw.get("column", ""))[:40]
    elif target == LinkTarget.ANNUAL:
        fields["target_number"] = kw.get("year")
    return fields


def read_links(pub: Publication) -> list[BodyLink]:
    """The links of ``pub``'s body as unsaved rows, one per distinct URL."""
    return body_links(pub.pk, pub.body, lambda: _base(pub.agency.code, pub.series_id_or_self))


def body_links(pub_id: int, body: str, base) -> list[BodyLink]:
    """The links of a body (``base``: see :func:`classify`) as unsaved rows of publication ``pub_id``."""
    if not body or ("<a" not in body and "<img" not in body):
        return []
    parser = _Anchors()
    parser.feed(body)
    parser.close()
    seen, out = set(), []
    for url, parts in parser.found:
        url = url.strip()
        if url in seen:
            continue
        fields = classify(url, base)
        if fields is None:
            continue
        seen.add(url)
        text = " ".join("".join(parts).split())[:200]
        out.append(BodyLink(publication_id=pub_id, url=url, text=text, **fields))
    return out


_COPIED = ("target", "target_code", "target_slug", "target_number", "target_version", "target_attachment", "text")


def store_links(found: dict[int, list[BodyLink]]) -> None:
    """Replace the rows of each publication id in ``found`` by its links, keeping the rows (and the
    external check results) of URLs that stayed, so that "since when" still says when a link was
    first seen. A few queries for any number of publications."""
    kept = {(pub_id, url): (pk, values) for pk, pub_id, url, *values
            in BodyLink.objects.filter(publication_id__in=list(found)).values_list("pk", "publication_id", "url", *_COPIED)}
    new, changed = [], []
    for links in found.values():
        for link in links:
            old = kept.pop((link.publication_id, link.url), None)
            if old is None:
                new.append(link)
            elif old[1] != [getattr(link, f) for f in _COPIED]:
                link.pk = old[0]
                changed.append(link)
    if kept:
        BodyLink.objects.filter(pk__in=[pk for pk, _values in kept.values()]).delete()
    if changed:
        BodyLink.objects.bulk_update(changed, list(_COPIED))
    BodyLink.objects.bulk_create(new)


# --- attachments -----------------------------------------------------------------------------------

def file_problem(att: Attachment) -> tuple[str, int | None] | None:
    """(problem, actual size) of one attachment's file, None when it is there and whole."""
    name = att.file.name
    storage = att.file.storage
    try:
        if not name or not storage.exists(name):
            return FileProblem.Kind.MISSING, None
        size = storage.size(name)
    except (OSError, ValueError) as exc:  # a storage that cannot be asked counts as missing
        log.warning("attachment %s: storage error %s", att.pk, type(exc).__name__)
        return FileProblem.Kind.MISSING, None
    if size != att.size:
        return FileProblem.Kind.SIZE, size
    return None


def check_files(attachments) -> int:
    """Ask the storage about each attachment; record, update or clear its :class:`FileProblem`.
    Returns the number of attachments with a problem."""
    attachments = list(attachments)
    known = {p.attachment_id: p for p in FileProblem.objects.filter(attachment_id__in=[a.pk for a in attachments])}
    clear, bad = [], 0
    for att in attachments:
        found = file_problem(att)
        old = known.get(att.pk)
        if found is None:
            if old is not None:
                clear.append(old.pk)
            continue
        bad += 1
        problem, size = found
        if old is None:
            FileProblem.objects.create(attachment=att, problem=problem, actual_size=size)
        elif (old.problem, old.actual_size) != found:
            FileProblem.objects.filter(pk=old.pk).update(problem=problem, actual_size=size)
    if clear:
        FileProblem.objects.filter(pk__in=clear).delete()
    return bad


# --- one publication, everything -------------------------------------------------------------------

def refresh(pub: Publication) -> dict:
    """Bring ``pub``'s rows up to date: its links and file problems when it is public, none when not."""
    public = Publication.objects.public().filter(pk=pub.pk).exists()
    with transaction.atomic():
        if not public:
            BodyLink.objects.filter(publication=pub).delete()
            FileProblem.objects.filter(attachment__publication=pub).delete()
            return {"public": False, "links": 0, "file_problems": 0}
        store_links({pub.pk: read_links(pub)})
        bad = check_files(pub.attachments.all())
    return {"public": True, "links": BodyLink.objects.filter(publication=pub).count(), "file_problems": bad}


@dataclass
class FullCheck:
    publications: int = 0
    links: int = 0
    attachments: int = 0
    file_problems: int = 0
    external: dict = field(default_factory=dict)


def full_check(agency_ids=None, *, external: bool = False, chunk: int = 500) -> FullCheck:
    """Every public publication (of ``agency_ids``, or all): links read again, files asked again;
    rows of publications no longer public dropped. ``external``: also try the external links."""
    public = Publication.objects.public()
    if agency_ids is not None:
        public = public.filter(agency_id__in=list(agency_ids))
    result = FullCheck()
    scope = BodyLink.objects.all() if agency_ids is None else BodyLink.objects.filter(publication__agency_id__in=list(agency_ids))
    scope.exclude(publication__in=Publication.objects.public().values("pk")).delete()
    problems = FileProblem.objects.all() if agency_ids is None else FileProblem.objects.filter(attachment__publication__agency_id__in=list(agency_ids))
    problems.exclude(attachment__publication__in=Publication.objects.public().values("pk")).delete()
    found: dict[int, list[BodyLink]] = {}
    for pk, body, series_id, code in public.order_by("pk").values_list("pk", "body", "series_id", "agency__code").iterator(chunk_size=chunk):
        found[pk] = body_links(pk, body, lambda: _base(code, series_id or pk))  # noqa: B023 - called at once
        if len(found) == chunk:
            with transaction.atomic():
                store_links(found)
            result.publications, found = result.publications + len(found), {}
    with transaction.atomic():
        store_links(found)
    result.publications += len(found)
    result.links = BodyLink.objects.filter(publication__in=public.values("pk")).count()
    attachments = Attachment.objects.filter(publication__in=public.values("pk")).only("pk", "file", "size").order_by("pk")
    batch: list[Attachment] = []
    for att in attachments.iterator(chunk_size=chunk):
        batch.append(att)
        if len(batch) == chunk:
            result.file_problems += check_files(batch)
            result.attachments, batch = result.attachments + len(batch), []
    result.file_problems += check_files(batch)
    result.attachments += len(batch)
    if external:
        result.external = check_external(agency_ids)
    return result


# --- external links --------------------------------------------------------------------------------

def probe(url: str, timeout: float | None = None) -> tuple[int | None, str]:
    """(HTTP status, Chinese reason it failed — blank when the page answers 2xx/3xx). HEAD first;
    servers that refuse HEAD are asked with GET (the body is not read)."""
    timeout = timeout or TIMEOUT
    if url.startswith("//"):
        url = "http:" + url  # protocol-relative, as a browser on this site over http would read it
    if urlsplit(url).scheme not in ("http", "https"):
        return None, "不是 http(s) 链接"
    try:
        url = _ascii(url)
    except UnicodeError:
        return None, "网址无效"
    status, error = None, ""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only (classify)
                return response.status, ""
        except urllib.error.HTTPError as exc:
            status, error = exc.code, f"网站返回 HTTP {exc.code}"
            exc.close()
        except (TimeoutError, socket.timeout):
            return None, f"连接超时（超过{timeout:g}秒无响应）"
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                return None, f"连接超时（超过{timeout:g}秒无响应）"
            return None, f"无法连接（{str(exc.reason)[:100]}）"
        except (OSError, ValueError) as exc:
            return None, f"无法连接（{type(exc).__name__}）"
    return status, error


def _ascii(url: str) -> str:
    """A URL as it goes on the wire: the host in IDNA, Chinese in the path or query percent-encoded."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not host.isascii():
        netloc = host.encode("idna").decode("ascii") + (f":{parts.port}" if parts.port else "")
        parts = parts._replace(netloc=netloc)
    return iri_to_uri(urlunsplit(parts._replace(fragment="")))


def check_external(agency_ids=None, *, timeout: float | None = None) -> dict:
    """Try every distinct external URL of public bodies (of ``agency_ids``, or all) once."""
    links = BodyLink.objects.filter(target=LinkTarget.EXTERNAL, publication__in=Publication.objects.public().values("pk"))
    if agency_ids is not None:
        links = links.filter(publication__agency_id__in=list(agency_ids))
    return _try(links, timeout)


def check_external_for(pub: Publication, *, timeout: float | None = None) -> dict:
    """Try the external links of one publication's body (just published)."""
    return _try(BodyLink.objects.filter(target=LinkTarget.EXTERNAL, publication=pub), timeout)


def _try(links, timeout: float | None) -> dict:
    """Ask each distinct URL of ``links`` once (a few at a time) and record the answer on its rows.
    ``failing_since`` keeps the first failure of a run of failures."""
    timeout = timeout or TIMEOUT
    urls = sorted(set(links.values_list("url", flat=True)))
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        answers = dict(zip(urls, pool.map(lambda u: probe(u, timeout), urls)))
    now = timezone.now()
    failed = 0
    for url, (status, error) in answers.items():
        rows = links.filter(url=url)
        if error:
            failed += 1
            rows.filter(failing_since__isnull=True).update(failing_since=now)
            rows.update(checked_at=now, status=status, error=error[:200])
        else:
            rows.update(checked_at=now, status=status, error="", failing_since=None)
    return {"urls": len(urls), "failed": failed}
