"""Audit many published reports at once: read and check in parallel, one row per report.

A researcher runs ``zfxxgk report audit DIR -j 2 --out results.xlsx`` over thousands of files;
nothing here needs a server. A file that cannot be read becomes a row with its reason, never
an aborted run.
"""
from __future__ import annotations

import csv
import logging
import os
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..standard import format2021 as f21
from .errors import ReportError

log = logging.getLogger(__name__)

SUFFIXES = {".txt", ".html", ".htm", ".shtml", ".json", ".md", ".markdown", ".docx", ".xlsx", ".pdf"}

# Key totals shown for every report (总计 column of table 三, table 四 group totals).
KEY_TOTALS: tuple[tuple[str, str], ...] = (
    ("requests.new_received.total", "本年新收"),
    ("requests.carried_over.total", "上年结转"),
    ("requests.granted.total", "予以公开"),
    ("requests.total.total", "办理结果总计"),
    ("requests.carried_forward.total", "结转下年度"),
    ("appeals.reconsideration.total", "行政复议总计"),
    ("appeals.litigation_direct.total", "直接起诉总计"),
    ("appeals.litigation_after_reconsideration.total", "复议后起诉总计"),
)


@dataclass
class Result:
    path: str
    ok: bool
    agency: str | None = None
    year: int | None = None
    format: str | None = None
    kind: str | None = None
    error: str | None = None  # why the file could not be read (Chinese)
    counts: Counter = field(default_factory=Counter)  # severity -> n
    findings: list[dict] = field(default_factory=list)
    cells: dict[str, object] = field(default_factory=dict)
    facts: dict[str, object] = field(default_factory=dict)  # 规范机关名、发布日期、成文日期、索引号、文号、网址 (read/meta)


def find_files(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES))
        elif p.is_file():
            out.append(p)
    return out


def audit_one(path: str) -> Result:
    from .check import check
    from .read import read

    try:
        doc = read(path)
        findings = check(doc)
    except ReportError as exc:
        return Result(path, False, error=exc.message)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop ten thousand
        log.exception("audit failed on %s", path)
        return Result(path, False, error=f"内部错误：{type(exc).__name__}")
    result = Result(path, True, doc.agency, doc.year, doc.format, doc.source_kind)
    for f in findings:
        result.counts[f.severity] += 1
        result.findings.append({"rule": f.rule, "severity": f.severity, "message": f.message})
    result.cells = {p: c.value for p, c in doc.cells.items()}
    result.facts = {key: getattr(doc, key) for key, _ in FACTS}
    return result


def run(paths: Iterable[str | Path], jobs: int = 1, progress: bool = True) -> Iterator[Result]:
    files = [str(f) for f in find_files(paths)]
    bar = _Progress(len(files), enabled=progress)
    if jobs <= 1 or len(files) < 2:
        for f in files:
            yield audit_one(f)
            bar.step()
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for result in pool.map(audit_one, files, chunksize=max(1, min(64, len(files) // (jobs * 8) or 1))):
                yield result
                bar.step()
    bar.close()


class _Progress:
    def __init__(self, total: int, enabled: bool):
        self.total, self.done = total, 0
        self.enabled = enabled and total > 0 and sys.stderr.isatty() or os.environ.get("ZFXXGK_PROGRESS") == "1"

    def step(self) -> None:
        self.done += 1
        if self.enabled and (self.done == self.total or self.done % max(1, self.total // 100) == 0):
            width = 30
            filled = int(width * self.done / self.total)
            sys.stderr.write(f"\r审核进度 [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


# --- output ----------------------------------------------------------------------------

# The publication facts the report prints (条例第四十九条: the publication date decides W-DEADLINE).
FACTS: tuple[tuple[str, str], ...] = (
    ("agency_normalised", "机关（规范名称）"), ("published_on", "发布日期"), ("written_on", "成文日期"),
    ("index_no", "索引号"), ("doc_no", "文号"), ("url", "网址"),
)

REPORT_COLUMNS = ["文件", "机关", "年度", "格式", "类型", "能否读取", "原因", "错误", "警告", "提示"] + [
    label for _, label in KEY_TOTALS
] + [label for _, label in FACTS]


def report_row(r: Result) -> list:
    return [
        r.path, r.agency, r.year, r.format, r.kind, "是" if r.ok else "否", r.error or "",
        r.counts.get("error", 0), r.counts.get("warning", 0), r.counts.get("info", 0),
    ] + [r.cells.get(path) for path, _ in KEY_TOTALS] + [_fact(r.facts.get(key)) for key, _ in FACTS]


def _fact(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def totals(results: list[Result]) -> dict[str, int]:
    """Every 2021-format cell summed across the readable reports (for county/province totals)."""
    sums: dict[str, object] = {p: 0 for p in f21.ALL_PATHS_2021}
    for r in results:
        if r.ok and r.format == f21.FORMAT_2021:
            for p in sums:
                sums[p] += r.cells.get(p, 0) or 0
    return sums


def summary_by_rule(results: list[Result]) -> Counter:
    """How many reports break each rule (a report counts once per rule)."""
    c: Counter = Counter()
    for r in results:
        for rule in {(f["rule"], f["severity"]) for f in r.findings}:
            c[rule] += 1
    return c


def write_results(results: list[Result], out: Path) -> list[Path]:
    findings = [[r.path, r.agency, f["rule"], f["severity"], f["message"]] for r in results for f in r.findings]
    sums = totals(results)
    if out.suffix.lower() == ".csv":
        written = [out, out.with_name(out.stem + "-findings.csv"), out.with_name(out.stem + "-totals.csv")]
        for path, header, rows in (
            (written[0], REPORT_COLUMNS, [report_row(r) for r in results]),
            (written[1], ["文件", "机关", "规则", "级别", "说明"], findings),
            (written[2], ["单元格", "合计"], list(sums.items())),
        ):
            with path.open("w", newline="", encoding="utf-8-sig") as fh:
                w = csv.writer(fh)
                w.writerow(header)
                w.writerows(rows)
        return written
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for title, header, rows in (
        ("报告", REPORT_COLUMNS, (report_row(r) for r in results)),
        ("问题", ["文件", "机关", "规则", "级别", "说明"], findings),
        ("合计", ["单元格", "合计"], ([p, int(v) if float(v).is_integer() else float(v)] for p, v in sums.items())),
    ):
        ws = wb.create_sheet(title)
        ws.append(header)
        for row in rows:
            ws.append(row)
    wb.save(out)
    return [out]
