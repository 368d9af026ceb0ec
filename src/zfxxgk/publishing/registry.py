"""The registry of 规章 and 行政规范性文件 (条例第二十条第（一）项): registering, changing, repealing
and letting documents lapse, and the yearly counts of table 二 第（一）项.

    doc = create(agency, user, kind=..., doc_number=..., title=..., issued_on=...)
    update(doc, user, title=..., expires_on=...)
    repeal(doc, user, on=date(...))          # 废止
    expire(doc, user, on=date(...))          # 失效 (有效期届满)
    table2(agency, year) -> {"active.regulations.made": 0, ..., "active.normative_documents.in_force": 9}

Every act checks that ``user`` writes for the agency (:func:`zfxxgk.agencies.access.can_write`;
``user=None`` is the system itself) and refuses bad input with a Chinese :class:`RegistryError`
before anything is written. A document's status on a day is the model's
(:meth:`NormativeDocument.status_on`); :func:`status_filter` asks the same question of the database.

The counting rules of :func:`table2` (the three columns of 第二十条第（一）项 in the 2021 format):

* 本年制发件数: ``issued_on`` in the year.
* 本年废止件数: the document stopped being in force in the year — repealed (废止) **or** lapsed
  (失效, 有效期届满), whichever came first (:attr:`NormativeDocument.ended_on`). The table has no
  column for lapsed documents, and a lapsed document is no longer in force just as a repealed one
  is; reports in practice say so in the cell ("（含自然失效29件）", spec §8.5 notes). Counting it
  here makes the two table-二 rules of spec §8.3 hold by construction: T2-INFORCE-LB
  (every document made this year is either counted as ended this year or still in force at year
  end) and T2-ROLL (现行有效(Y) = 现行有效(Y−1) + 制发(Y) − 废止(Y), since every document that
  leaves the in-force count in Y is counted in 废止(Y) and nothing else leaves it). Counting only
  废止 would make T2-ROLL fail for every lapse, the case the spec names as its known false alarm.
* 现行有效件数: issued on or before 31 December and not ended by 31 December — counted at year
  end, the reading under which T2-INFORCE-LB is derived (spec §8.3). A document issued but whose
  施行日期 is next year counts: it is neither repealed nor lapsed, and leaving it out would break
  T2-INFORCE-LB for a document issued in late December.

A document ending on 31 December is ended that year (the model: it is not in force on its
``ended_on``). 规章 may be made only by the people's governments of provinces and of cities with
districts and by State Council departments (立法法第九十一条、第九十三条; spec §8.3 T2-REG-POWER):
the platform has no agency metadata for that power, so it does not refuse a 规章 entry; the
registry page says who may make them.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce, Least

from ..agencies import access
from ..standard import format2021 as f21
from ..text import InputError, clean_input, clean_name
from .models import DocKind, DocStatus, NormativeDocument, Publication

log = logging.getLogger(__name__)

# The table-二 item of each kind (format2021.ACTIVE_ITEMS keys) and the six paths, in the format's order.
ITEM_OF_KIND = {DocKind.REGULATION: "regulations", DocKind.NORMATIVE: "normative_documents"}
MEASURES = ("made", "repealed", "in_force")
PATHS = tuple(p for item in f21.ACTIVE_ITEMS if item.key in ITEM_OF_KIND.values() for p in item.paths())
assert len(PATHS) == 6 and all(p.rsplit(".", 1)[1] in MEASURES for p in PATHS), PATHS

EARLIEST = date(1949, 10, 1)  # a date before this is a typing slip (0202-01-01 for 2022-01-01)
EDITABLE = ("kind", "doc_number", "title", "issued_on", "effective_on", "repealed_on", "expires_on", "publication", "note")


class RegistryError(Exception):
    """A refused act; ``message`` is Chinese, for the user; ``status`` maps onto HTTP."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def today() -> date:
    from ..cases import services  # the engine's clock (tests move it)

    return services.today()


# --- validation ------------------------------------------------------------------------------------

_YEAR_BRACKETS = re.compile(r"[\[［【〔(（]\s*(\d{4})\s*[\]］】〕)）]")


def normal_doc_number(value: str) -> str:
    """The 文号 as stored: no spaces, and the year in 六角括号 as GB/T 9704 prints it
    (湘司发[2024]3号, 湘司发【2024】3号 → 湘司发〔2024〕3号), so one document is not registered twice
    under two spellings."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFC", value or ""))
    return _YEAR_BRACKETS.sub(lambda m: f"〔{m.group(1)}〕", text)


def _text(value, label: str, *, required: bool, limit: int) -> str:
    if value is not None and not isinstance(value, str):
        raise RegistryError(f"“{label}”应为文字。", 422)
    try:
        text = clean_name(value or "", label=label)
    except InputError as exc:
        raise RegistryError(exc.message, 422) from None
    if required and not text:
        raise RegistryError(f"请填写{label}。", 422)
    if len(text) > limit:
        raise RegistryError(f"“{label}”不能超过{limit}个字。", 422)
    return text


def _day(value, label: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(clean_input(str(value)).strip())
    except (ValueError, InputError):
        raise RegistryError(f"“{label}”应为日期，如 2024-03-15。", 422) from None


def _clean(agency, values: dict, *, pk: int | None) -> dict:
    """The fields as they will be stored, or the first problem in Chinese."""
    out = dict(values)
    if out["kind"] not in DocKind.values:
        raise RegistryError("类别只能是“规章”或“行政规范性文件”。", 422)
    out["doc_number"] = normal_doc_number(_text(out["doc_number"], "文号", required=True, limit=80))
    out["title"] = _text(out["title"], "标题", required=True, limit=200)
    out["note"] = _text(out.get("note"), "备注", required=False, limit=200)
    labels = {"issued_on": "制发日期", "effective_on": "施行日期", "repealed_on": "废止日期", "expires_on": "失效日期"}
    for name, label in labels.items():
        out[name] = _day(out.get(name), label)
    issued = out["issued_on"]
    if issued is None:
        raise RegistryError("请填写制发日期。", 422)
    if issued < EARLIEST:
        raise RegistryError(f"制发日期{issued:%Y-%m-%d}有误，请检查年份。", 422)
    if issued > today():
        raise RegistryError(f"制发日期不能晚于今天（{today():%Y-%m-%d}）：文件制发后再登记。", 422)
    for name in ("effective_on", "repealed_on", "expires_on"):
        if out[name] is not None and out[name] < issued:
            raise RegistryError(f"{labels[name]}（{out[name]:%Y-%m-%d}）不能早于制发日期（{issued:%Y-%m-%d}）。", 422)
    publication = out.get("publication")
    if publication is not None and (not isinstance(publication, Publication) or publication.agency_id != agency.pk):
        raise RegistryError("所选的公开信息不属于本机关。", 422)
    twin = NormativeDocument.objects.filter(agency=agency, doc_number=out["doc_number"]).exclude(pk=pk).first()
    if twin is not None:
        raise RegistryError(f"本机关已登记文号为“{out['doc_number']}”的文件（{twin.title}），同一文号只能登记一次。", 409)
    return out


def _require_writer(agency, user) -> None:
    if user is not None and not access.can_write(user, agency.pk):
        raise RegistryError("您没有登记该机关规章和规范性文件的权限：只有本机关的经办人、负责人和分管领导可以登记。", 403)


def _saved(doc: NormativeDocument) -> NormativeDocument:
    """Save; a concurrent registration of the same 文号 ends as the same Chinese refusal."""
    try:
        with transaction.atomic():
            doc.save()
    except IntegrityError:
        raise RegistryError(f"本机关已登记文号为“{doc.doc_number}”的文件，同一文号只能登记一次。", 409) from None
    return doc


# --- the acts ----------------------------------------------------------------------------------------

def create(agency, user, *, kind=DocKind.NORMATIVE, doc_number, title, issued_on, effective_on=None,
           repealed_on=None, expires_on=None, publication=None, note="") -> NormativeDocument:
    """Register a document the agency has issued (repeal and lapse dates may be given at once when
    it is registered late)."""
    _require_writer(agency, user)
    values = _clean(agency, {"kind": kind, "doc_number": doc_number, "title": title, "issued_on": issued_on,
                             "effective_on": effective_on, "repealed_on": repealed_on, "expires_on": expires_on,
                             "publication": publication, "note": note}, pk=None)
    doc = _saved(NormativeDocument(agency=agency, **values))
    log.info("registry: document %s (%s) registered for agency %s by user %s", doc.pk, doc.kind, agency.pk, getattr(user, "pk", None))
    return doc


def update(doc: NormativeDocument, user, **fields) -> NormativeDocument:
    """Change any registered field (a mistyped date or 文号 included); everything is checked again."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise RegistryError(f"不能修改“{'、'.join(sorted(unknown))}”。", 422)
    _require_writer(doc.agency, user)
    with transaction.atomic():
        locked = NormativeDocument.objects.select_for_update().select_related("agency").get(pk=doc.pk)
        values = {name: getattr(locked, name) for name in EDITABLE} | fields
        for name, value in _clean(locked.agency, values, pk=locked.pk).items():
            setattr(locked, name, value)
        _saved(locked)
    log.info("registry: document %s changed (%s) by user %s", locked.pk, ",".join(sorted(fields)), getattr(user, "pk", None))
    _keep_in_step(doc, locked)
    return doc


def repeal(doc: NormativeDocument, user, *, on, note: str | None = None) -> NormativeDocument:
    """废止: the document stops being in force on ``on`` (a decision may name a later day)."""
    _require_writer(doc.agency, user)
    day = _day(on, "废止日期")
    if day is None:
        raise RegistryError("请填写废止日期。", 422)
    with transaction.atomic():
        locked = NormativeDocument.objects.select_for_update().get(pk=doc.pk)
        if locked.repealed_on is not None:
            raise RegistryError(f"该文件已登记于{locked.repealed_on:%Y-%m-%d}废止。如日期有误，请修改登记信息。", 409)
        if locked.expires_on is not None and locked.expires_on <= day:
            raise RegistryError(f"该文件已于{locked.expires_on:%Y-%m-%d}失效，不能在{day:%Y-%m-%d}再废止。", 409)
        fields = {"repealed_on": day} | ({"note": note} if note is not None else {})
        return update(doc, user, **fields)


def expire(doc: NormativeDocument, user, *, on) -> NormativeDocument:
    """失效: the document's term of validity has run out; it is not in force from ``on``."""
    _require_writer(doc.agency, user)
    day = _day(on, "失效日期")
    if day is None:
        raise RegistryError("请填写失效日期。", 422)
    with transaction.atomic():
        locked = NormativeDocument.objects.select_for_update().get(pk=doc.pk)
        if locked.repealed_on is not None and locked.repealed_on <= day:
            raise RegistryError(f"该文件已于{locked.repealed_on:%Y-%m-%d}废止，无需再登记失效。", 409)
        if locked.expires_on is not None and locked.expires_on <= today():
            raise RegistryError(f"该文件已于{locked.expires_on:%Y-%m-%d}失效。如日期有误，请修改登记信息。", 409)
        return update(doc, user, expires_on=day)


def _keep_in_step(doc: NormativeDocument, source: NormativeDocument) -> None:
    if doc is not source:
        for f in NormativeDocument._meta.concrete_fields:
            setattr(doc, f.attname, getattr(source, f.attname))


# --- questions -----------------------------------------------------------------------------------------

def _ended() -> Least:
    """The day a document stopped being in force: the earlier of repeal and lapse, or NULL.
    (LEAST skips NULLs on PostgreSQL but not on SQLite: each side falls back to the other.)"""
    return Least(Coalesce("repealed_on", "expires_on"), Coalesce("expires_on", "repealed_on"))


def with_ended(queryset: QuerySet | None = None) -> QuerySet:
    return (queryset if queryset is not None else NormativeDocument.objects.all()).annotate(ended=_ended())


def status_filter(day: date, status: str) -> Q:
    """Documents whose :meth:`NormativeDocument.status_on` ``day`` is ``status`` (on a queryset of
    :func:`with_ended`)."""
    ended = Q(ended__isnull=False, ended__lte=day)
    if status == DocStatus.REPEALED:
        return ended & Q(ended=F("repealed_on"))
    if status == DocStatus.EXPIRED:
        return ended & ~Q(ended=F("repealed_on"), repealed_on__isnull=False)
    not_yet = Q(effective_on__isnull=False, effective_on__gt=day)
    if status == DocStatus.NOT_YET:
        return ~ended & not_yet
    if status == DocStatus.IN_FORCE:
        return ~ended & ~not_yet
    raise ValueError(status)


def documents(agency) -> QuerySet:
    return with_ended(NormativeDocument.objects.filter(agency=agency))


def in_use(agency, year: int) -> bool:
    """Whether the registry speaks for ``year``: the agency has registered a document issued by
    its 31 December. Before that the registry cannot tell a true 0 from an agency that kept its
    list elsewhere, so the annual report keeps what staff enter (see annual.assemble.computed)."""
    return NormativeDocument.objects.filter(agency=agency, issued_on__lte=date(year, 12, 31)).exists()


def table2(agency, year: int) -> dict[str, int]:
    """Table 二 第（一）项 of ``year`` (the rules are the module's docstring), in one query."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    rows = (documents(agency).filter(issued_on__lte=end).values("kind").annotate(
        made=Count("id", filter=Q(issued_on__gte=start)),
        repealed=Count("id", filter=Q(ended__gte=start, ended__lte=end)),
        in_force=Count("id", filter=Q(ended__isnull=True) | Q(ended__gt=end)),
    ).order_by())
    counts = {row["kind"]: row for row in rows}
    out = {}
    for kind, item in ITEM_OF_KIND.items():
        for measure in MEASURES:
            out[f"active.{item}.{measure}"] = counts.get(kind, {}).get(measure, 0)
    return {path: out[path] for path in PATHS}
