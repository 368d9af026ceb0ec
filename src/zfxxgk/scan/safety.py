"""What keeps a hostile file from hurting the scan: the caps and zip checks of the report readers
(:mod:`zfxxgk.reports.limits`, :mod:`zfxxgk.reports.zipsafe`, one set of ``ZFXXGK_MAX_…``
variables for the whole system), an XML parser that loads no DTD and resolves no entity, and one
exception, :class:`Unreadable`, that :func:`~zfxxgk.scan.files.scan_file` turns into a finding.
"""
from __future__ import annotations

import zipfile

from lxml import etree

from ..reports import limits, zipsafe
from ..reports.errors import ReportError


class Unreadable(Exception):
    """The file cannot be checked; ``message`` is Chinese (for the user), ``detail`` English (logs)."""

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.message = message
        self.detail = detail or message


def from_report_error(exc: ReportError) -> Unreadable:
    # The caps were written for annual reports; an attachment is not one.
    message = exc.message.replace("不像一份年度报告或台账，", "").replace("不像一份年度报告，", "")
    return Unreadable(message, exc.detail)


def check_input(data: bytes) -> None:
    try:
        limits.check_input(len(data))
    except ReportError as exc:
        raise from_report_error(exc) from exc


def member_names(data: bytes) -> list[str]:
    try:
        return zipsafe.member_names(data)
    except ReportError as exc:
        raise from_report_error(exc) from exc


# The block cap (ZFXXGK_MAX_BLOCKS, 20,000) is the annual-report matcher's cost; scanning a block
# costs far less, and a published 名单 in Word can have 25,000 table rows.
SCAN_BLOCKS = 200_000
# One XML part parsed into a tree: lxml takes several times the part's size in memory.
MAX_PART_MB = 64


def open_zip(data: bytes, kind: str) -> zipfile.ZipFile:
    """The DOCX/XLSX container once every member was inflated through a capped stream and no XML
    part holds a DTD; rows, cells and paragraphs counted against the caps."""
    caps = limits.current()
    try:
        return zipsafe.open_zip(data, caps.but(max_blocks=max(caps.max_blocks, SCAN_BLOCKS)), kind=kind)
    except ReportError as exc:
        raise from_report_error(exc) from exc


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True)


def xml(zf: zipfile.ZipFile, name: str) -> etree._Element | None:
    """A package part parsed (None when absent); broken XML is :class:`Unreadable`."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_MB * limits.MB:
        raise Unreadable(f"文件中的“{name}”解压后超过 {MAX_PART_MB} MB，无法检查，请拆分后再上传。",
                         f"{name}: {info.file_size} bytes")
    try:
        return etree.fromstring(zf.read(name), _PARSER)
    except etree.XMLSyntaxError as exc:
        raise Unreadable(f"文件已损坏：其中的“{name}”不是有效的 XML，无法检查。", f"{name}: {exc}") from exc


def max_text_chars() -> int:
    return limits.current().max_text_chars


def max_pdf_pages() -> int:
    return limits.current().max_pdf_pages
