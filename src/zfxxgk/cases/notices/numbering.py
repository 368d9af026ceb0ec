"""文号 of notices: a per-agency pattern, numbered per agency, kind of notice and year, gapless under
concurrent issuing (the counter row is locked until the issuing transaction ends)."""
from __future__ import annotations

import string

# The short word each kind puts in the pattern's {kind}: 湘县司依申复〔2026〕15号 is a reply.
KIND_WORDS = {"correction": "补", "consultation": "征", "extension": "延", "fee": "费", "reply": "复"}
FIELDS = {"kind", "year", "seq"}


def check_pattern(pattern: str) -> None:
    """Refuse a pattern that cannot number notices (Chinese message): it needs {seq}, knows only
    {kind} {year} {seq}, and must tell the kinds apart or be numbered per kind already."""
    unreadable = "文号格式无法识别：请使用 {kind} {year} {seq}，如 “湘县司依申{kind}〔{year}〕{seq}号”。"
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError:
        raise ValueError(unreadable) from None
    unknown = names - FIELDS
    if unknown:
        raise ValueError(f"文号格式中有未知的占位符：{'、'.join(sorted(unknown))}；可用 {{kind}} {{year}} {{seq}}。")
    try:
        format_number(pattern, "reply", 2026, 1)
    except (ValueError, KeyError, IndexError):
        raise ValueError(unreadable) from None
    if "seq" not in names:
        raise ValueError("文号格式须包含序号 {seq}。")
    if "kind" not in names:
        raise ValueError("文号格式须包含文书种类 {kind}：各种文书分别编号，缺少种类会出现相同的文号。")


def format_number(pattern: str, kind: str, year: int, seq: int) -> str:
    return pattern.format(kind=KIND_WORDS[kind], year=year, seq=seq)


def next_number(agency, kind: str, year: int) -> tuple[int, str]:
    """(seq, 文号) for the next notice of ``kind`` by ``agency`` in ``year``; call inside a transaction."""
    from django.db import transaction

    from ...agencies.models import OfficeSettings
    from ..models import NoticeSequence

    assert transaction.get_connection().in_atomic_block, "numbering must run inside the issuing transaction"
    NoticeSequence.objects.get_or_create(agency=agency, kind=kind, year=year)
    counter = NoticeSequence.objects.select_for_update().get(agency=agency, kind=kind, year=year)
    seq = counter.last + 1
    NoticeSequence.objects.filter(pk=counter.pk).update(last=seq)
    pattern = OfficeSettings.of(agency).notice_number_pattern
    try:
        return seq, format_number(pattern, kind, year, seq)
    except (ValueError, KeyError, IndexError):  # a pattern saved past the form's check: never a lost notice
        return seq, format_number(OfficeSettings._meta.get_field("notice_number_pattern").default, kind, year, seq)
