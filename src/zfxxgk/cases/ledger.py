"""依申请公开工作台账: the ledger of applications, exported as XLSX or CSV and imported from one.

The columns are those of the ledger county offices keep in Word or Excel (seed 002, 附件3
《湘潭县司法局2024年依申请公开工作台账》): :data:`COLUMNS`. What each column means here:

* 申请人 / 申请单位 — 第二十九条（一） names the applicant by "姓名或者名称": a person or an
  organisation. The seed's 申请单位 column is blank, but only because the seed ledger has no
  application at all (its one row says "无"), so it decides nothing. We read 申请单位 as the
  *applicant's* organisation, not the receiving agency: the agency is already in the title
  ("{机关}{年}年依申请公开工作台账"), and 法人或其他组织 is exactly what table 三 splits its
  columns by (spec §4.2), so the ledger has to show it to tie to the annual report. Hence:
  a natural person → 申请人 = name, 申请单位 blank; an organisation → 申请单位 = its name
  (``applicant_name``) and 申请人 = the person who handles it (``contact_person``) if recorded,
  else the organisation's name again. Import reads it back the same way.
* 发布状态 — whether information was released to the applicant: "已公开" for 予以公开 and
  部分公开 (the only outcomes that provide information, 第三十六条（二）、第三十七条), "不公开"
  for every other outcome, blank while the application is open (nothing decided yet).
* 序号, 处理状态 and 发布状态 are derived from the application; import ignores them, except that
  a confirmation-channel row (平常信函、网上、传真、电子邮件) whose 处理状态 says 待确认 stays
  awaiting confirmation; every other such row is confirmed on its 申请时间 (第三十一条), the
  only day the ledger has.

No ID numbers, phone numbers, e-mail or postal addresses are exported (they are personal data
the ledger does not need). Cells starting with = + - @ are written as text, never formulas.

Import (:func:`import_ledger`) is all-or-nothing: every row is checked first, and rows are
registered through :mod:`.services` inside one transaction only when no row has an error.
Limits of a ledger as a source, documented where they bite:

* It records no contact details, which a new application must give (第二十九条（一））: imports
  register with ``source`` (the file and row), which :func:`.services.register` accepts instead,
  and keep the ledger's own 依申请公开编号 (``number``).
* It records no 补正 or 收费 steps, so the outcomes that need them (R15 补正后仍不明确, R21
  逾期不补正, R22 逾期未缴费) cannot be closed by import without inventing evidence: such a
  row is an error that tells the clerk to import it open and record the steps in the system.
* 申请人类型 is inferred from the 申请单位 name (:func:`infer_applicant_kind`).
* 待补正 / 征求意见中 / 待缴费 are steps the ledger does not carry: such rows import as 办理中.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Iterable, NamedTuple

from django.db import IntegrityError, transaction

from ..agencies.models import Agency
from ..reports import limits, zipsafe
from ..reports.errors import ReportReadError
from ..standard import format2021 as f21
from ..text import printable
from . import services
from .choices import CONFIRMATION_CHANNELS, ApplicantKind, Channel, Delivery, IdType, State
from .models import Application

COLUMNS = ("序号", "申请人", "申请渠道", "申请时间", "申请内容", "依申请公开编号", "申请单位",
           "答复时间", "处理状态", "信息获取方式", "发布状态", "办理结果")
REQUIRED = ("申请人", "申请时间", "申请内容")
GRANTED_KEYS = {"granted", "partially_granted"}

# Table 三's label of each of the 21 outcome leaves, e.g. "（三）不予公开 1.属于国家秘密". R04's
# bracketed counting rule ("区分处理的，只计这一情形…") is an instruction, not part of the outcome.
def _leaf_label(row: f21.Row) -> str:
    return re.sub(r"（区分处理的.*）$", "", row.label)


OUTCOME_LABELS = {r.key: (f"{r.group} " if r.group else "") + _leaf_label(r) for r in f21.REQUEST_ROWS if r.is_leaf}
# Outcomes whose service action needs a 补正 or 收费 history that a ledger does not record.
NEEDS_HISTORY = {"unable_unclear_after_correction", "other_no_correction", "other_no_fee_payment"}


# --- export ----------------------------------------------------------------------------------------

def ledger_title(agency: Agency | str, year: int) -> str:
    return f"{agency}{year}年依申请公开工作台账"


def _values(app: Application, index: int) -> list:
    """One ledger row with dates as :class:`date` (the XLSX writes them as date cells)."""
    org = app.applicant_kind != ApplicantKind.NATURAL_PERSON
    key = app.outcome
    closed = app.state == State.CLOSED
    return [
        index,
        (app.contact_person or app.applicant_name) if org else app.applicant_name,
        app.get_channel_display(),
        app.submitted_on,
        app.description,
        app.number,
        app.applicant_name if org else "",
        app.closed_on,
        app.get_state_display(),
        app.get_delivery_display(),
        ("已公开" if key in GRANTED_KEYS else "不公开") if closed else "",
        OUTCOME_LABELS.get(key, "") if closed else "",
    ]


def _ordered(applications: Iterable[Application]) -> list[Application]:
    # A ledger is kept in the order applications came in; 序号 follows it.
    return sorted(applications, key=lambda a: (a.submitted_on, a.year, a.seq, a.pk or 0))


def ledger_rows(applications: Iterable[Application]) -> list[list]:
    """The rows under :data:`COLUMNS`: 序号 an int, dates as YYYY-MM-DD, everything else text."""
    return [[v.isoformat() if isinstance(v, date) else ("" if v is None else v) for v in _values(app, i)]
            for i, app in enumerate(_ordered(applications), 1)]


def _csv_safe(value):
    # A cell starting with = + - @ would run as a formula in Excel (CSV injection): prefix a quote.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def export_csv(applications: Iterable[Application]) -> bytes:
    """UTF-8 with a BOM, so that Excel opens the Chinese text correctly; header row, no title."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in ledger_rows(applications):
        writer.writerow([_csv_safe(v) for v in row])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


WIDTHS = (6, 12, 16, 12, 40, 24, 22, 12, 11, 13, 10, 30)


def export_xlsx(applications: Iterable[Application], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    body, bold = Font(name="宋体", size=10.5), Font(name="宋体", size=10.5, bold=True)

    wb = Workbook()
    ws = wb.active
    ws.title = "依申请公开工作台账"
    ws.cell(1, 1, printable(title)).font = Font(name="宋体", size=16, bold=True)
    ws.cell(1, 1).alignment = center
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    ws.row_dimensions[1].height = 32
    for c, label in enumerate(COLUMNS, 1):
        cell = ws.cell(2, c, label)
        cell.font, cell.alignment, cell.border = bold, center, border
        ws.column_dimensions[get_column_letter(c)].width = WIDTHS[c - 1]
    for r, row in enumerate((_values(a, i) for i, a in enumerate(_ordered(applications), 1)), 3):
        for c, value in enumerate(row, 1):
            if isinstance(value, str):
                value = printable(value)  # whatever the database holds, the file can hold
            cell = ws.cell(r, c, value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the applicant typed
            elif isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            cell.font, cell.border = body, border
            cell.alignment = left if COLUMNS[c - 1] in ("申请内容", "办理结果", "申请单位") else center
    ws.freeze_panes = "A3"  # title and header stay visible
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.properties.title = title
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- import: reading a table -----------------------------------------------------------------------

class LedgerError(NamedTuple):
    row: int  # the row number as the user sees it (Excel row, CSV record, Word table row)
    column: str  # the column header, or "" when the error is about the whole row or file
    message: str


@dataclass
class ImportResult:
    created: list[Application] = field(default_factory=list)
    errors: list[LedgerError] = field(default_factory=list)
    skipped: int = 0  # blank lines and "无" rows

    @property
    def ok(self) -> bool:
        return not self.errors


class _Unreadable(Exception):
    pass


def _norm(text) -> str:
    """For matching labels only: full-width → half-width (NFKC), no whitespace at all."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or "")))


def _tables(data: bytes, filename: str) -> list[list[tuple[int, list]]]:
    """Every table in the file as (row number, cells) lists, within the report reader's caps
    (:mod:`zfxxgk.reports.limits`): a hostile upload is refused with the cap's Chinese message."""
    try:
        return _read_tables(data, filename)
    except ReportReadError as exc:  # a cap, a zip bomb, a DTD, a broken container
        raise _Unreadable(exc.message) from exc


def _read_tables(data: bytes, filename: str) -> list[list[tuple[int, list]]]:
    name = (filename or "").lower()
    limits.check_input(len(data))
    if data[:4] == b"PK\x03\x04":
        names = set(zipsafe.member_names(data))
        if "word/document.xml" in names:
            zipsafe.open_zip(data, kind="docx")
            return _docx_tables(data)
        if "xl/workbook.xml" in names:
            zipsafe.open_zip(data, kind="xlsx")
            return _xlsx_tables(data)
        raise _Unreadable("无法识别的文件格式，请上传 .xlsx、.csv 或 .docx 文件。")
    if data[:8] == bytes.fromhex("d0cf11e0a1b11ae1") or name.endswith((".xls", ".doc")):
        raise _Unreadable("不支持旧版 .xls/.doc 文件，请在 Excel 或 Word 中另存为 .xlsx 或 .docx 后再导入。")
    return [_csv_rows(data)]


_MAX_COLUMNS = 100  # a ledger has 12; a stray cell at XFD1 must not make every row 16,384 wide


def _xlsx_tables(data: bytes) -> list[list[tuple[int, list]]]:
    from openpyxl import load_workbook

    from ..reports.read.xlsx import OPENPYXL_ERRORS

    cap = limits.current()
    rows = cells = 0
    tables = []
    try:
        wb = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
        for ws in wb.worksheets:
            table = []
            # Read-only mode also yields a row for every gap and pads rows to the declared width:
            # the caps count what it yields, trailing empty cells dropped.
            for r, row in enumerate(ws.iter_rows(max_col=_MAX_COLUMNS, values_only=True), 1):
                row = list(row)
                while row and row[-1] is None:
                    row.pop()
                rows, cells = rows + 1, cells + len(row)
                if rows > cap.max_xlsx_rows:
                    raise limits.refuse("max_xlsx_rows", f"{cap.max_xlsx_rows} 行", "表格行数", "不像一份台账，")
                if cells > cap.max_xlsx_cells:
                    raise limits.refuse("max_xlsx_cells", f"{cap.max_xlsx_cells} 个", "表格单元格数", "不像一份台账，")
                table.append((r, row))
            tables.append(table)
        wb.close()
    except OPENPYXL_ERRORS as exc:
        raise _Unreadable("Excel 文件已损坏，无法读取。") from exc
    return tables


def _docx_tables(data: bytes) -> list[list[tuple[int, list]]]:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        doc = Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, XMLSyntaxError, zipfile.BadZipFile) as exc:
        # ValueError: python-docx's "not a Word file" for another content type
        raise _Unreadable("Word 文件已损坏，无法读取。") from exc
    return [[(r, [c.text for c in row.cells]) for r, row in enumerate(t.rows, 1)] for t in doc.tables]


def _csv_rows(data: bytes) -> list[tuple[int, list]]:
    limits.check_text_bytes(len(data))
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("gb18030")  # a superset of GBK, what Excel saves "CSV" as on Chinese Windows
            except UnicodeDecodeError as exc:
                raise _Unreadable("无法识别文件的文字编码，请另存为 UTF-8 或 GBK 编码的 CSV 文件。") from exc
    limits.check_text(text)
    # Comma-separated unless the first lines have more tabs (Excel's "Unicode text" export);
    # csv.Sniffer guesses wrongly on Chinese text with commas inside quoted cells.
    head = "\n".join(text.splitlines()[:5])
    dialect = csv.excel_tab if head.count("\t") > head.count(",") else csv.excel
    return [(r, [_csv_unquote(v) for v in row]) for r, row in enumerate(csv.reader(io.StringIO(text), dialect), 1)]


def _csv_unquote(value: str) -> str:
    # Undo :func:`_csv_safe`.
    return value[1:] if value[:2] in ("'=", "'+", "'-", "'@") else value


# Header labels seen in ledgers, normalised, → our column.
_HEADER_ALIASES = {
    "序号": ("序号", "No.", "NO."),
    "申请人": ("申请人", "申请人姓名", "申请人姓名或名称", "姓名"),
    "申请渠道": ("申请渠道", "申请方式", "渠道", "提交方式"),
    "申请时间": ("申请时间", "申请日期", "提交时间", "提交日期", "收到申请时间"),
    "申请内容": ("申请内容", "申请事项", "申请公开内容", "申请公开的内容", "所需信息"),
    "依申请公开编号": ("依申请公开编号", "申请编号", "编号", "受理编号"),
    "申请单位": ("申请单位", "申请人单位", "单位名称", "工作单位"),
    "答复时间": ("答复时间", "答复日期", "办结时间", "办结日期"),
    "处理状态": ("处理状态", "办理状态", "状态"),
    "信息获取方式": ("信息获取方式", "获取方式", "获取信息方式", "获取信息的方式"),
    "发布状态": ("发布状态",),
    "办理结果": ("办理结果", "答复结果", "处理结果", "答复类型"),
}
_HEADER_LOOKUP = {_norm(alias).strip("*：:"): column for column, aliases in _HEADER_ALIASES.items() for alias in aliases}


def _header(table: list[tuple[int, list]]) -> tuple[int, dict[str, int]] | None:
    """The row with the most recognised labels (at least three) among the first 30, and where each column is."""
    best = None
    for r, cells in table[:30]:
        found: dict[str, int] = {}
        for i, cell in enumerate(cells):
            column = _HEADER_LOOKUP.get(_norm(cell).strip("*：:"))
            if column and column not in found:
                found[column] = i
        if len(found) >= 3 and (best is None or len(found) > len(best[1])):
            best = (r, found)
    return best


# --- import: values --------------------------------------------------------------------------------

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")


def _date(value) -> date:
    """2024-01-05, 2024/1/5, 2024.1.5, 2024年1月5日, 20240105, or an Excel date cell."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 < value < 80000:
        from openpyxl.utils.datetime import from_excel  # a date cell without a date format
        return from_excel(value).date()
    text = unicodedata.normalize("NFKC", str(value)).strip()
    m = _DATE.fullmatch(text) or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    try:
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        pass
    raise ValueError(f"日期“{str(value).strip()}”无法识别（可写作 2024-01-05、2024/1/5、2024.1.5 或 2024年1月5日）")


def _match(text: str, table: tuple[tuple[tuple[str, ...], str], ...]) -> str | None:
    t = _norm(text).lower()
    for words, value in table:
        if any(w in t for w in words):
            return value
    return None


# Checked in order: "平常信函" before "信函", "电子邮件" before "邮件"-like words.
_CHANNELS = (
    (("无需签收", "平常信函", "平信", "普通信函"), Channel.POST_UNSIGNED),
    (("电子邮件", "邮箱", "email", "e-mail", "电邮"), Channel.EMAIL),
    (("传真",), Channel.FAX),
    (("互联网", "网络", "网上", "网站", "在线", "平台", "门户"), Channel.INTERNET),
    (("信函", "邮寄", "快递", "邮政", "挂号", "来信", "寄送"), Channel.POST_SIGNED),
    (("当面", "现场", "窗口", "面交", "来访", "到场"), Channel.IN_PERSON),
)
_DELIVERIES = (
    (("电子邮件", "邮箱", "email", "e-mail", "电邮"), Delivery.EMAIL),
    (("邮寄", "邮政", "快递", "寄送", "信函"), Delivery.POST),
    (("传真",), Delivery.FAX),
    (("网上", "网络", "互联网", "在线", "平台", "网站", "下载"), Delivery.ONLINE),
    (("当面", "领取", "自取", "现场", "面交", "窗口"), Delivery.PICKUP),
)
# A blank 信息获取方式 defaults to the way the application came in.
_DEFAULT_DELIVERY = {
    Channel.IN_PERSON: Delivery.PICKUP, Channel.POST_SIGNED: Delivery.POST, Channel.POST_UNSIGNED: Delivery.POST,
    Channel.INTERNET: Delivery.ONLINE, Channel.EMAIL: Delivery.EMAIL, Channel.FAX: Delivery.FAX,
}
# 申请单位 → 申请人类型 (table 三 C2–C6), by words in the name; first match wins. The legal form
# (公司, 企业) decides before the field of work, so a "研究院有限公司" is a 商业企业. Bare 院/所
# are not used: 医院、法院、派出所 are not 科研机构. Anything else is 其他组织.
_KINDS = (
    (("律师", "律所", "法律服务", "法律援助", "公证", "司法鉴定", "基层法律"), ApplicantKind.LEGAL_SERVICE),
    (("公司", "企业", "厂", "集团", "商行", "商店", "个体工商户", "银行"), ApplicantKind.COMMERCIAL),
    (("研究", "大学", "学院", "科学院", "实验室", "设计院", "科研"), ApplicantKind.RESEARCH),
    (("基金会", "慈善", "公益", "志愿", "红十字", "救助", "福利"), ApplicantKind.SOCIAL_WELFARE),
)


def infer_applicant_kind(organisation: str) -> str:
    if not organisation.strip():
        return ApplicantKind.NATURAL_PERSON
    return _match(organisation, _KINDS) or ApplicantKind.OTHER_ORG


# Outcomes, matched loosely: numbering, brackets, punctuation, spaces and 属于 are ignored; the
# text must then equal a leaf's label or contain exactly one leaf's label (within its group if a
# group such as 不予公开 is named). Aliases cover wording seen in ledgers.
_GROUPS = {"不予公开", "无法提供", "不予处理", "其他处理"}


def _outcome_norm(text: str) -> str:
    t = _norm(text)
    t = re.sub(r"[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]|[一二三四五六七八九十]+、", "", t)
    t = re.sub(r"[^\w]", "", t)  # brackets, quotes, punctuation
    return t.replace("属于", "")


# key → (normalised group or None, normalised leaf label), e.g. ("不予公开", "国家秘密").
_LEAVES = {r.key: (r.group and _outcome_norm(r.group), _outcome_norm(_leaf_label(r)))
           for r in f21.REQUEST_ROWS if r.is_leaf}
_OUTCOME_ALIASES = {
    "公开": "granted", "同意公开": "granted", "全部公开": "granted", "已公开": "granted", "依申请公开": "granted",
    "已主动公开": "granted", "区分处理": "partially_granted",
    "信息不存在": "unable_not_held", "政府信息不存在": "unable_not_held", "不掌握": "unable_not_held",
    "非本机关信息": "unable_not_held", "不属于本机关负责公开": "unable_not_held",
    "需要另行制作": "unable_needs_creation", "需另行制作": "unable_needs_creation",
    "信访": "not_handled_petition", "投诉举报": "not_handled_petition", "信访投诉举报": "not_handled_petition",
    "公开出版物": "not_handled_publication", "大量反复申请": "not_handled_excessive",
    "逾期不补正": "other_no_correction", "逾期未补正": "other_no_correction",
    "逾期未缴费": "other_no_fee_payment", "逾期不缴费": "other_no_fee_payment", "未缴费": "other_no_fee_payment",
    "其他": "other_other", "其他处理": "other_other",
}
OPEN_WORDS = {"", "无", "办理中", "正在办理", "未办结", "待答复", "-", "/"}


def match_outcome(text: str) -> str:
    """The table-三 key of an outcome written loosely; ValueError (Chinese) when unknown or ambiguous."""
    t = _outcome_norm(text)
    if t in _OUTCOME_ALIASES:
        return _OUTCOME_ALIASES[t]
    group = next((g for g in _GROUPS if t.startswith(g)), None)
    rest = t[len(group):] if group else t
    candidates = [k for k, (g, leaf) in _LEAVES.items() if not group or g == group]
    exact = [k for k in candidates if _LEAVES[k][1] == rest]
    if len(exact) == 1:
        return exact[0]
    if rest:
        hits = [k for k in candidates if len(_LEAVES[k][1]) >= 3 and (_LEAVES[k][1] in rest or (len(rest) >= 3 and rest in _LEAVES[k][1]))]
        if len(hits) == 1:
            return hits[0]
        if not hits and rest in _OUTCOME_ALIASES and (not group or _LEAVES[_OUTCOME_ALIASES[rest]][0] == group):
            return _OUTCOME_ALIASES[rest]
    if group and not rest:
        raise ValueError(f"办理结果“{text.strip()}”不够具体，请写明是哪一种{group}情形，如“{OUTCOME_LABELS[candidates[0]]}”")
    raise ValueError(f"办理结果“{text.strip()}”无法识别，应为年度报告表三的办理结果之一，如“予以公开”“部分公开”“不予公开（国家秘密）”“本机关不掌握相关政府信息”")


# --- import: checking rows ------------------------------------------------------------------------

@dataclass
class _Plan:
    row: int
    new: services.NewApplication
    number: str
    confirm: bool
    outcome: str | None
    closed_on: date | None


_PLACEHOLDERS = {"无", "暂无", "无申请", "/", "-", "—", "——", "空"}


def _check_row(row: int, get, today: date, errors: list[LedgerError]) -> _Plan | None:
    """A plan for one row, or None for a blank row; errors are appended (and None returned)."""
    person, org, content = get("申请人"), get("申请单位"), get("申请内容")
    if (not person or person in _PLACEHOLDERS) and (not content or content in _PLACEHOLDERS) and not org:
        return None  # a blank line, or the "1 无" row of a year without applications
    before = len(errors)

    def err(column: str, message: str) -> None:
        errors.append(LedgerError(row, column, message))

    if not person and not org:
        err("申请人", "请填写申请人姓名或名称")
    if not content:
        err("申请内容", "请填写申请内容")
    for column, text, limit in (("申请人", person, 100 if not org else 50), ("申请单位", org, 100), ("依申请公开编号", get("依申请公开编号"), 80)):
        if len(text) > limit:
            err(column, f"内容过长（{len(text)}个字，最多{limit}个字）")

    submitted = closed = None
    raw = get("申请时间", raw=True)
    if raw in (None, ""):
        err("申请时间", "请填写申请时间")
    else:
        try:
            submitted = _date(raw)
            if submitted > today:
                err("申请时间", f"申请时间（{submitted}）晚于今天")
                submitted = None
        except ValueError as exc:
            err("申请时间", str(exc))
    raw = get("答复时间", raw=True)
    if raw not in (None, ""):
        try:
            closed = _date(raw)
            if closed > today:
                err("答复时间", f"答复时间（{closed}）晚于今天")
            elif submitted and closed < submitted:
                err("答复时间", f"答复时间（{closed}）早于申请时间（{submitted}）")
        except ValueError as exc:
            err("答复时间", str(exc))

    channel = Channel.IN_PERSON
    if get("申请渠道"):
        channel = _match(get("申请渠道"), _CHANNELS)
        if channel is None:
            err("申请渠道", f"申请渠道“{get('申请渠道')}”无法识别，可填：当面、邮寄/快递（需签收）、平常信函、网上、传真、电子邮件")
    delivery = _DEFAULT_DELIVERY.get(channel, Delivery.EMAIL)
    if get("信息获取方式"):
        delivery = _match(get("信息获取方式"), _DELIVERIES)
        if delivery is None:
            err("信息获取方式", f"信息获取方式“{get('信息获取方式')}”无法识别，可填：当面领取、邮寄、电子邮件、传真、网上获取")

    outcome = None
    text = get("办理结果")
    if _norm(text) not in OPEN_WORDS:
        try:
            outcome = match_outcome(text)
        except ValueError as exc:
            err("办理结果", str(exc))
        if outcome in NEEDS_HISTORY:
            err("办理结果", f"“{OUTCOME_LABELS[outcome]}”须有补正或收费通知的办理记录，台账中没有：请将本行的办理结果和答复时间留空导入，"
                           "再在系统中登记补正（或收费）经过并办结")
        if closed is None and "答复时间" not in [e.column for e in errors[before:]]:
            err("答复时间", "已填写办理结果，请填写答复时间")
    elif closed is not None:
        err("办理结果", "已填写答复时间，请填写办理结果")

    if len(errors) > before:
        return None
    kind = infer_applicant_kind(org)
    new = services.NewApplication(
        applicant_kind=kind, applicant_name=org or person, description=content, channel=channel, submitted_on=submitted,
        id_type=IdType.CREDIT_CODE if org else IdType.RESIDENT_ID, contact_person=person if org and person != org else "",
        delivery=delivery, signed_on=submitted if channel == Channel.POST_SIGNED else None,
    )
    # 第三十一条: these channels count from the day both sides confirmed; the ledger's 申请时间 is the
    # only day it has, unless the row says it is still awaiting confirmation.
    confirm = channel in CONFIRMATION_CHANNELS and not (outcome is None and "待确认" in _norm(get("处理状态")))
    return _Plan(row, new, get("依申请公开编号"), confirm, outcome, closed)


def import_ledger(agency: Agency, data: bytes, filename: str = "", actor=None) -> ImportResult:
    """Register every row of a ledger file for ``agency``, or none of them (see the module doc)."""
    today = services.today()
    result = ImportResult()
    try:
        tables = _tables(data, filename)
    except _Unreadable as exc:
        result.errors.append(LedgerError(1, "", str(exc)))
        return result
    found = next(((t, h) for t in tables if (h := _header(t))), None)
    if found is None:
        result.errors.append(LedgerError(1, "", "未找到台账表头：应有“申请人”“申请时间”“申请内容”等列（见导出的台账模板）"))
        return result
    table, (header_row, where) = found
    for column in REQUIRED:
        if column not in where:
            result.errors.append(LedgerError(header_row, column, f"缺少“{column}”列"))
    if result.errors:
        return result

    plans: list[_Plan] = []
    seen: dict[str, int] = {}
    for r, cells in table:
        if r <= header_row:
            continue

        def get(column, raw=False, cells=cells):
            i = where.get(column)
            value = cells[i] if i is not None and i < len(cells) else None
            if raw:
                return value.strip() if isinstance(value, str) else value
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            return "" if value is None else str(value).strip()

        plan = _check_row(r, get, today, result.errors)
        if plan is None:
            result.skipped += not any(e.row == r for e in result.errors)
            continue
        if plan.number:
            if plan.number in seen:
                result.errors.append(LedgerError(r, "依申请公开编号", f"编号“{plan.number}”与第{seen[plan.number]}行重复"))
            elif Application.objects.filter(agency=agency, number=plan.number).exists():
                result.errors.append(LedgerError(r, "依申请公开编号", f"本机关已有编号为“{plan.number}”的申请"))
            seen.setdefault(plan.number, r)
        plans.append(plan)
    if result.errors:
        return result

    with transaction.atomic():
        # Kept numbers take no sequence number; one in the agency's own format is passed over when the
        # platform's numbering reaches it (services.register), so new numbers stay gapless.
        for plan in plans:
            try:
                with transaction.atomic():
                    result.created.append(_apply(agency, plan, actor, filename))
            except services.CaseError as exc:
                result.errors.append(LedgerError(plan.row, "", exc.message))
            except IntegrityError:
                result.errors.append(LedgerError(plan.row, "依申请公开编号", f"编号“{plan.number}”已被使用"))
        if result.errors:
            transaction.set_rollback(True)  # all or nothing
            result.created = []
    return result


def _apply(agency: Agency, plan: _Plan, actor, filename: str) -> Application:
    where = f"（{filename}第{plan.row}行）" if filename else f"（第{plan.row}行）"
    source = f"据依申请公开工作台账导入{where}"
    app = services.register(agency, plan.new, actor, number=plan.number or None, source=source)
    if plan.confirm:
        app = services.confirm_receipt(app, plan.new.submitted_on, actor)
    if plan.outcome:
        app = services.answer(app, plan.closed_on, plan.outcome, actor, reason=source, sign_off=False)  # answered long ago
    return Application.objects.get(pk=app.pk)
