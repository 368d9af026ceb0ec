"""The ``zfxxgk`` command. The ``report`` forms are a fixed contract (issue 2):

    zfxxgk report parse FILE --json
    zfxxgk report check FILE [--previous FILE] [--json]
    zfxxgk report render FILE --to html|docx|xlsx|md|json|pdf|txt|tsv -o OUT
    zfxxgk report audit PATH... [-j N] [--out results.xlsx|csv]   (exit 2: a report not fully checked)

The platform's annual reports (issue 9) and its background worker:

    zfxxgk annual build AGENCY YEAR [--to docx|pdf|html|xlsx|json] -o FILE
    zfxxgk annual status [YEAR]
    zfxxgk worker

Exit codes: 0 fine, 1 the report has error-severity findings, 2 the input cannot be read,
3 an internal error (a bug in zfxxgk, not a problem of the file: the traceback is logged).
Users see Chinese messages; logs get the English detail.
"""
from __future__ import annotations

import argparse
import functools
import json
import logging
import sys
from pathlib import Path

log = logging.getLogger("zfxxgk")

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE, EXIT_INTERNAL = 0, 1, 2, 3


def _fail(exc) -> int:
    print(f"错误：{exc.message}", file=sys.stderr)
    if getattr(exc, "detail", ""):
        log.info("%s", exc.detail)
    return EXIT_UNREADABLE


def _internal_errors(command):
    """The one exit-3 mechanism: anything a command raises that it did not turn into exit 2 is a
    bug in zfxxgk: log its traceback (its notes name the reader or rule) and exit 3, never 0 or 2."""
    @functools.wraps(command)
    def run(args) -> int:
        try:
            return command(args)
        except Exception as exc:
            print(f"内部错误：处理时程序出错（{type(exc).__name__}）。这是本程序的缺陷，不是输入的问题；"
                  "加 -v 参数重新运行可显示错误详情，请报告给维护人员。", file=sys.stderr)
            log.error("internal error in '%s %s'", args.command, args.action, exc_info=exc)
            return EXIT_INTERNAL
    return run


@_internal_errors
def cmd_parse(args) -> int:
    from .reports.errors import ReportError
    from .reports.read import read

    try:
        doc = read(args.file, args.kind)
    except ReportError as exc:
        return _fail(exc)
    if args.json:
        print(doc.to_json(with_sources=args.sources))
    else:
        print(f"机关：{doc.agency or '（未识别）'}  年度：{doc.year or '（未识别）'}  格式：{doc.format}  来源：{doc.source_kind}")
        print(f"已读取单元格 {len(doc.cells)} 个，缺失 {len(doc.missing())} 个。")
        for signal in doc.format_signals:
            print(f"  格式依据：{signal}")
        if doc.inferred():  # a degraded copy: the format's arithmetic fixed these cells
            print(f"  由勾稽关系推算的单元格 {len(doc.inferred())} 个（--json --sources 列出每格的推算依据）")
        for path, why in doc.undetermined.items():
            print(f"  无法确定（未填写）：{path}：{why}")
        for note in doc.notes:
            print(f"  注：{note}")
    return EXIT_OK


@_internal_errors
def cmd_check(args) -> int:
    from .reports.check import check
    from .reports.errors import ReportError
    from .reports.read import read

    try:
        doc = read(args.file)
        previous = read(args.previous) if args.previous else None
    except ReportError as exc:
        return _fail(exc)
    findings = check(doc, previous)
    if args.json:
        print(json.dumps({"file": str(args.file), "agency": doc.agency, "year": doc.year, "format": doc.format,
                          "findings": [f.to_dict() for f in findings]}, ensure_ascii=False, indent=2))
    else:
        print(f"{doc.agency or '（未识别机关）'} {doc.year or ''}年度报告（{doc.format} 格式）")
        if not findings:
            print("未发现问题。")
        for f in findings:
            print(f"[{_SEVERITY_ZH.get(f.severity, f.severity)}] {f.rule}：{f.message}")
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK


_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


@_internal_errors
def cmd_render(args) -> int:
    from .reports.errors import ReportError
    from .reports.read import read
    from .reports.write import render

    try:
        doc = read(args.file)
        data = render(doc, args.to)
    except ReportError as exc:
        return _fail(exc)
    Path(args.output).write_bytes(data)
    print(f"已生成 {args.output}（{len(data)} 字节）")
    return EXIT_OK


@_internal_errors
def cmd_audit(args) -> int:
    from .reports import audit

    files = audit.find_files(args.paths)
    if not files:
        print("错误：没有找到可审核的报告文件（支持 txt/html/md/docx/xlsx/pdf）。", file=sys.stderr)
        return EXIT_UNREADABLE
    results = audit.audit(args.paths, jobs=args.jobs, progress=not args.quiet)
    readable = [r for r in results if r.ok]
    print(f"共 {len(results)} 份报告：可读取 {len(readable)} 份，无法读取 {len(results) - len(readable)} 份；"
          f"含错误 {sum(1 for r in readable if r.counts.get('error'))} 份；"
          f"与上一年度配对比较 {sum(1 for r in readable if r.previous)} 份。")
    doubts = [r for r in readable if r.inferred or r.undetermined]
    if doubts:
        print(f"含推断或未定单元格的报告 {len(doubts)} 份（推断 {sum(len(r.inferred) for r in doubts)} 格，"
              f"未定 {sum(len(r.undetermined) for r in doubts)} 格）。")
    by_rule = audit.summary_by_rule(results)
    if by_rule:
        print("按规则统计（报告份数）：")
        for (rule, severity), n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {rule:<14} {_SEVERITY_ZH.get(severity, severity)}  {n}")
    if args.out:
        for path in audit.write_results(results, Path(args.out)):
            print(f"已写入 {path}")
    incomplete = [r for r in results if r.crashed]
    if incomplete:
        # a crashing rule or reader is a bug of this program: said loudly, with exit 2 (tracebacks in the log)
        print(f"错误：{len(incomplete)} 份报告未完全校验（程序出错，加 -v 参数重新运行可显示错误详情，请报告给维护人员）：", file=sys.stderr)
        for r in incomplete[:20]:
            print(f"  {r.path}：" + "；".join(f"{rule} {error}" for rule, error in r.crashed), file=sys.stderr)
        if len(incomplete) > 20:
            print(f"  ……另有 {len(incomplete) - 20} 份", file=sys.stderr)
        return EXIT_UNREADABLE
    return EXIT_OK


@_internal_errors
def cmd_scan(args) -> int:
    from .scan.console import run

    return run(args.files, as_json=args.json, words_file=args.words)


def cmd_deadline(args) -> int:
    from datetime import date

    from .workdays import WorkCalendar, add_workdays

    try:
        start = date.fromisoformat(args.date)
    except ValueError:
        print(f"错误：日期格式应为 YYYY-MM-DD，收到“{args.date}”。", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.days < 0:
        print("错误：工作日天数不能为负数。", file=sys.stderr)
        return EXIT_UNREADABLE
    calendar = WorkCalendar.builtin()
    due = add_workdays(calendar, start, args.days, count_start=args.count_start)
    day = lambda d: f"{d.isoformat()}（{calendar.describe(d)}）" if not calendar.is_workday(d) or d.weekday() >= 5 else d.isoformat()  # noqa: E731
    print(f"起算日：{start.isoformat()}（{'计入' if args.count_start else '不计入'}期限），期限 {args.days} 个工作日")
    print(f"到期日：{due.due.isoformat()}（星期{'一二三四五六日'[due.due.weekday()]}）" + ("【暂定】" if due.provisional else ""))
    if due.skipped:
        print("跳过的非工作日：" + "、".join(day(d) for d in due.skipped))
    makeup = [d for d in due.counted if d.weekday() >= 5]
    if makeup:
        print("计入的调休上班日：" + "、".join(day(d) for d in makeup))
    if due.provisional:
        print(f"注意：{due.reason}。")
    return EXIT_OK


def _django() -> None:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zfxxgk.site.settings")
    import django

    django.setup()


# --- the platform's annual reports ----------------------------------------------------------------

ANNUAL_FORMATS = ("docx", "pdf", "html", "xlsx", "json")


class _UserError(Exception):
    """A problem of the command's input (exit 2); ``message`` is Chinese, for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _annual_errors(command):
    """AnnualError, ReportError and _UserError are the user's (exit 2); the rest is
    :func:`_internal_errors`'s (exit 3)."""
    @_internal_errors
    @functools.wraps(command)
    def run(args) -> int:
        _django()
        from .annual.errors import AnnualError
        from .reports.errors import ReportError

        try:
            return command(args)
        except (_UserError, AnnualError, ReportError) as exc:
            return _fail(exc)
    return run


def _find_agency(name_or_code: str):
    from .agencies.models import Agency

    agency = Agency.objects.filter(code=name_or_code).first() or Agency.objects.filter(name=name_or_code.strip()).first()
    if agency is None:
        raise _UserError(f"没有编号代码或名称为“{name_or_code}”的机关。可用 `zfxxgk annual status` 查看全部机关。")
    return agency


def _year(text: str | None):
    from .annual.deadlines import working_year
    from .cases import services

    if text is None:
        return working_year(services.today())  # Jan–Mar: last year's; then this year's
    if not text.isdigit() or not 2008 <= int(text) <= 9999:
        raise _UserError(f"报告年度应为四位数年份，如 2025，收到“{text}”。")
    return int(text)


def _format_of(args) -> str:
    fmt = args.to or Path(args.output).suffix.lower().lstrip(".")
    if fmt not in ANNUAL_FORMATS:
        raise _UserError(f"请用 --to 指定输出格式（{'、'.join(ANNUAL_FORMATS)}），或让输出文件名以其中之一结尾。")
    return fmt


def annual_document(agency, year: int):
    """(document, description, version): the current published version's frozen document, else the
    draft (version None) — generated from the cases first when the report was never started.
    Nothing is published."""
    from .annual import services
    from .annual.models import ReportState
    from .reports.model import ReportDocument

    report = services.get(agency, year)
    version = report.versions.order_by("-number").first()
    if version is not None:
        label = "已发布" if version.number == 1 else f"已更正（第{version.number}版）"
        return ReportDocument.from_dict(version.document), label, version
    if report.state == ReportState.NOT_STARTED:
        services.generate(report, None)
        report.refresh_from_db()
        return services.document(report), "草稿（刚从依申请公开台账生成）", None
    return services.document(report), report.get_state_display(), None


@_annual_errors
def cmd_annual_build(args) -> int:
    from .reports.write import render

    fmt = _format_of(args)
    agency = _find_agency(args.agency)
    year = _year(args.year)
    doc, label, version = annual_document(agency, year)
    stored = getattr(version, fmt, None) if version is not None and fmt != "json" else None
    if stored:  # the very file that was published
        data = stored.encode("utf-8") if isinstance(stored, str) else bytes(stored)
    else:
        data = render(doc, fmt)
    Path(args.output).write_bytes(data)
    print(f"已生成 {args.output}（{len(data)} 字节）：{agency.name} {year}年度报告，{label}。")
    return EXIT_OK


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


@_annual_errors
def cmd_annual_status(args) -> int:
    from .agencies.models import Agency
    from .cases import services
    from .oversight.status import agency_rows

    year = _year(args.year)
    today = services.today()
    agencies = list(Agency.objects.order_by("name"))
    rows = agency_rows(agencies, year, today)
    table = [("机关", "状态", "错误", "警告", "发布期限", "标记")]
    published = 0
    for r in rows:
        first = getattr(r.report, "first_published_on", None) if r.report else None
        published += first is not None
        flags = []
        if first is None and (r.report is None or r.report.state == "not_started"):
            flags.append("未开始")
        if r.late:  # annual.queries.status: published after the due date, or not published by it
            flags.append("逾期发布" if first is not None else "逾期未发布")
        state = r.report.get_state_display() if r.report else "未开始"
        table.append((r.agency.name, state, str(r.errors), str(r.report.warnings if r.report else 0),
                      r.due.isoformat() if r.due else "—", "、".join(flags) or "—"))
    widths = [max(_width(row[i]) for row in table) for i in range(len(table[0]))]
    print(f"{year}年度政府信息公开工作年度报告（{today.isoformat()}）")
    for row in table:
        print("  ".join(_pad(cell, w) for cell, w in zip(row, widths)).rstrip())
    late = sum(1 for r in rows if r.late)
    print(f"共 {len(rows)} 个机关：已发布 {published} 个，逾期 {late} 个。")
    return EXIT_OK


def cmd_worker(args) -> int:
    """The background task worker (django-tasks' database backend: the batch audit, …), until
    SIGTERM/SIGINT, or with --batch until the queue is empty (for cron)."""
    _django()
    from .site.worker import run_worker

    status = run_worker(batch=args.batch, interval=args.interval, queue=args.queue)
    return EXIT_OK if not status else EXIT_UNREADABLE  # not the database backend: a set-up error, said in Chinese


def cmd_remind(args) -> int:
    _django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("remind", days=args.days, notify=args.notify)
    return EXIT_OK


def cmd_serve(args) -> int:
    from .site.serve import serve

    return serve(args.host, args.port, args.workers, sample=not args.no_sample)


def cmd_manage(args) -> int:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zfxxgk.site.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["zfxxgk manage", *args.rest])
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zfxxgk", description="政府信息公开平台命令行工具")
    parser.add_argument("-v", "--verbose", action="store_true", help="输出调试日志（英文）")
    sub = parser.add_subparsers(dest="command", required=True)

    report = sub.add_parser("report", help="政府信息公开工作年度报告：读取、校验、生成、批量审核")
    rsub = report.add_subparsers(dest="action", required=True)

    p = rsub.add_parser("parse", help="读取报告，输出结构化数据")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="输出规范 §6 的 JSON")
    p.add_argument("--sources", action="store_true", help="JSON 中附上每个单元格的原文和位置，以及机关、年度、发布信息的每处来源（meta_sources）")
    p.add_argument("--kind", choices=["text", "html", "docx", "markdown", "pdf", "xlsx", "ocr"], help="指定输入类型（默认自动识别）")
    p.set_defaults(func=cmd_parse)

    p = rsub.add_parser("check", help="按勾稽关系等规则校验报告")
    p.add_argument("file")
    p.add_argument("--previous", help="上一年度报告（用于跨年度结转等校验）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_check)

    p = rsub.add_parser("render", help="把报告转换为 HTML/DOCX/XLSX/Markdown/JSON/PDF")
    p.add_argument("file")
    p.add_argument("--to", required=True, choices=["html", "docx", "xlsx", "md", "json", "pdf", "txt", "tsv"])
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(func=cmd_render)

    p = rsub.add_parser("audit", help="批量读取并校验一个或多个目录下的报告")
    p.add_argument("paths", nargs="+")
    p.add_argument("-j", "--jobs", type=int, default=1, help="并行进程数")
    p.add_argument("--out", help="结果文件（.xlsx 或 .csv）")
    p.add_argument("-q", "--quiet", action="store_true", help="不显示进度条")
    p.set_defaults(func=cmd_audit)
    p = sub.add_parser("scan", help="公开前检查文件：个人信息、敏感词、隐藏数据（隐藏工作表、修订、批注、假涂黑等）")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.add_argument("--words", metavar="FILE", help="敏感词文件（每行一个词，# 开头的行为注释）")
    p.set_defaults(func=cmd_scan, action="")

    p = sub.add_parser("deadline", help="按工作日计算期限（含法定节假日和调休）")
    p.add_argument("date", help="起算日期，如 2025-01-20（收到申请之日）")
    p.add_argument("--days", type=int, default=20, help="工作日天数（默认 20，条例第三十三条）")
    p.add_argument("--count-start", action="store_true", help="起算日当天计入期限（默认不计入）")
    p.set_defaults(func=cmd_deadline)

    p = sub.add_parser("remind", help="列出超期和即将到期的依申请公开申请（供 cron 调用）；--notify 发送提醒邮件")
    p.add_argument("--days", type=int, default=None, help="提前提醒的工作日数（默认 3，或 ZFXXGK_NOTIFY_DUE_DAYS）")
    p.add_argument("--notify", action="store_true", help="向工作人员发送到期、超期和超期未确认收到的提醒邮件，并补发到期重试的通知")
    p.set_defaults(func=cmd_remind)

    p = sub.add_parser("serve", help="启动平台（首次运行自动建库并创建示例数据）")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--no-sample", action="store_true", help="首次运行时不创建示例数据")
    p.set_defaults(func=cmd_serve)

    annual = sub.add_parser("annual", help="本平台的政府信息公开工作年度报告：生成文件、查看各机关进度")
    asub = annual.add_subparsers(dest="action", required=True)
    p = asub.add_parser("build", help="生成某机关某年度的年度报告文件（已发布的取当前版本，否则取草稿）")
    p.add_argument("agency", help="机关编号代码或完整名称，如 xtxsfj 或 湘潭县司法局")
    p.add_argument("year", help="报告年度，如 2025")
    p.add_argument("--to", choices=ANNUAL_FORMATS, help="输出格式（默认按输出文件的扩展名）")
    p.add_argument("-o", "--output", required=True, help="输出文件")
    p.set_defaults(func=cmd_annual_build)
    p = asub.add_parser("status", help="各机关年度报告的状态、错误、警告、发布期限和逾期情况")
    p.add_argument("year", nargs="?", help="报告年度（默认：1—3月为上一年度，其余月份为本年度）")
    p.set_defaults(func=cmd_annual_status)

    p = sub.add_parser("worker", help="运行后台任务（批量审核等）；生产环境作为独立服务与网站同时运行")
    p.add_argument("--batch", action="store_true", help="处理完队列中的任务后退出（供 cron 调用）")
    p.add_argument("--interval", type=float, default=1.0, help="检查新任务的间隔秒数（默认 1）")
    p.add_argument("--queue", default="default", help="任务队列名（默认 default）")
    p.set_defaults(func=cmd_worker)

    p = sub.add_parser("manage", help="Django 管理命令（如 createsuperuser、migrate）")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_manage)
    return parser


class ThirdPartyAtDebug(logging.Filter):
    """Other libraries' warnings are logged at debug level, not printed among the results.

    pdfminer, fontTools, WeasyPrint, openpyxl and the like warn about ordinary files (a missing
    CropBox, an unknown glyph, an unsupported extension); users of the command cannot act on
    that. Below ERROR, a record from a logger outside ``zfxxgk`` (and a Python warning, routed
    through the ``py.warnings`` logger) becomes DEBUG, so it shows only with ``--verbose``.
    """

    def __init__(self, verbose: bool):
        super().__init__()
        self.verbose = verbose

    def filter(self, record: logging.LogRecord) -> bool:
        ours = record.name == "zfxxgk" or record.name.startswith("zfxxgk.")
        if ours or record.levelno >= logging.ERROR:
            return True
        if record.levelno > logging.DEBUG:
            record.levelno, record.levelname = logging.DEBUG, logging.getLevelName(logging.DEBUG)
        return self.verbose


class _Brief(logging.Formatter):
    """Without ``--verbose`` a record's traceback is left out of the output (it is still in the
    record, for any other handler): the user has been told in Chinese what happened."""

    def format(self, record: logging.LogRecord) -> str:
        saved = record.exc_info, record.exc_text, record.stack_info
        record.exc_info = record.exc_text = record.stack_info = None
        try:
            return super().format(record)
        finally:
            record.exc_info, record.exc_text, record.stack_info = saved


def configure_logging(verbose: bool = False) -> logging.Handler:
    """One stderr handler on the root logger: our messages from WARNING (all with ``--verbose``),
    third-party ones demoted to DEBUG (:class:`ThirdPartyAtDebug`)."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "zfxxgk_cli", False)]:
        root.removeHandler(old)  # main() called again in one process (tests): one handler, today's stderr
    handler = logging.StreamHandler(sys.stderr)
    handler.zfxxgk_cli = True
    handler.setFormatter((logging.Formatter if verbose else _Brief)("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(ThirdPartyAtDebug(verbose))
    root.addHandler(handler)
    # third-party records reach the handler's filter only if the root lets them through
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)
    logging.captureWarnings(True)  # warnings.warn() of the libraries → the py.warnings logger
    return handler


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging(args.verbose)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
