"""Audit many published reports at once: read and check in parallel, one row per report.

A researcher runs ``zfxxgk report audit DIR -j 2 --out results.xlsx`` over thousands of files;
nothing here needs a server. A file that cannot be read becomes a row with its reason, never
an aborted run. :func:`audit` then compares the batch with itself:

* reports of the same agency in consecutive years are paired, and each pair gets the
  cross-year rules (T3-XYEAR, T2-ROLL, W-CLONE's repeated tables);
* W-CLONE runs over all narratives of the batch at once (check/clones.py: near-duplicate
  sections between agencies and between years).

A rule that crashes is a bug in zfxxgk: its traceback is logged and the report is marked as
not fully checked (``Result.crashed``; the command exits 2), never a silent line.
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
from .model import Cell, ReportDocument

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
    flagged: set[str] = field(default_factory=set)  # blank or "/" cells (the blank policy of T3-XYEAR)
    sections: dict[str, str] = field(default_factory=dict)  # the narrative, for W-CLONE over the batch
    inferred: list[tuple[str, object, str]] = field(default_factory=list)  # (path, value, where) solved by the reader
    undetermined: list[tuple[str, str]] = field(default_factory=list)  # (path, why) the reader could not fix
    crashed: list[tuple[str, str]] = field(default_factory=list)  # (rule id or 读取, error): not fully checked
    previous: str | None = None  # the same agency's Y−1 report in the batch
    facts: dict[str, object] = field(default_factory=dict)  # 规范机关名、发布日期、成文日期、索引号、文号、网址 (read/meta)

    def add(self, finding) -> None:
        self.counts[finding.severity] += 1
        self.findings.append({"rule": finding.rule, "severity": finding.severity, "message": finding.message})

    def document(self) -> ReportDocument:
        """The cells as a document again (for the cross-year rules)."""
        cells = {p: Cell(v, status="blank" if p in self.flagged else "ok") for p, v in self.cells.items()}
        return ReportDocument(format=self.format, agency=self.agency, year=self.year, cells=cells)


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
    except ReportError as exc:
        return Result(path, False, error=exc.message)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop ten thousand
        log.exception("audit: the reader crashed on %s", path)
        return Result(path, False, error=f"内部错误：{type(exc).__name__}", crashed=[("读取", f"{type(exc).__name__}: {exc}")])
    result = Result(path, True, doc.agency, doc.year, doc.format, doc.source_kind)
    for f in check(doc, crashed=result.crashed):
        result.add(f)
    result.cells = {p: c.value for p, c in doc.cells.items()}
    result.flagged = {p for p, c in doc.cells.items() if c.flagged}
    result.sections = dict(doc.sections)
    result.inferred, result.undetermined = reader_doubts(doc)
    result.facts = {key: getattr(doc, key) for key, _ in FACTS}
    return result


def reader_doubts(doc) -> tuple[list, list]:
    """The cells the reader solved from the format's arithmetic (``Cell.inferred`` says how) and
    those it could not fix (``doc.undetermined``: path → why), for the audit's 推断与未定 sheet."""
    inferred = [(p, c.value, c.inferred) for p, c in doc.cells.items() if c.inferred]
    undetermined = [(p, why) for p, why in doc.undetermined.items()]
    return inferred, undetermined


def audit(paths: Iterable[str | Path], jobs: int = 1, progress: bool = True) -> list[Result]:
    """Every file read and checked (:func:`run`), then the batch compared with itself:
    consecutive years paired (:func:`compare_years`) and W-CLONE over all narratives
    (:func:`batch_clones`)."""
    results = list(run(paths, jobs=jobs, progress=progress))
    compare_years(results)
    batch_clones(results)
    return results


def _agency_key(name: str | None) -> str:
    from .check.context import normalise

    return normalise(name or "")


def compare_years(results: list[Result]) -> int:
    """Pair each readable report with the same agency's report of the year before, if the batch
    has it, and add the cross-year findings (T3-XYEAR, T2-ROLL, W-CLONE's repeated tables; spec
    §8.1, §8.3, §8.4). Two files of one agency and year: the first by path is the one compared.
    Returns the number of pairs."""
    from dataclasses import replace

    from .check import RULE_BY_ID, run_rules
    from .check.context import Context
    from .check.crossyear import repeated_tables

    rules = [RULE_BY_ID["T3-XYEAR"], RULE_BY_ID["T2-ROLL"], replace(RULE_BY_ID["W-CLONE"], function=repeated_tables)]
    by_year: dict[tuple[str, int], Result] = {}
    for r in sorted((r for r in results if r.ok and r.agency and r.year), key=lambda r: r.path):
        by_year.setdefault((_agency_key(r.agency), r.year), r)
    docs: dict[int, ReportDocument] = {}  # each report is "this year" once and "last year" once

    def document(r: Result) -> ReportDocument:
        if id(r) not in docs:
            docs[id(r)] = r.document()
        return docs[id(r)]

    pairs = 0
    for r in results:
        prev = by_year.get((_agency_key(r.agency), r.year - 1)) if r.ok and r.agency and r.year else None
        if prev is None:
            continue
        pairs += 1
        r.previous = prev.path
        for f in run_rules(Context(document(r), document(prev)), rules, r.crashed):
            r.add(f)
        docs.pop(id(prev), None)  # no report is needed as Y−1 twice
    return pairs


def batch_clones(results: list[Result]) -> int:
    """W-CLONE over the narratives of all readable reports (check/clones.py); one finding per
    cloned section of a report, naming the reports it shares it with. Returns the number of
    findings. If the comparison itself crashes, every report is marked as not fully checked."""
    from .check import RULE_BY_ID
    from .check.clones import Narrative, find_clones

    rule = RULE_BY_ID["W-CLONE"]
    readable = [r for r in results if r.ok]
    try:
        clones = find_clones(Narrative(i, r.agency, r.year, r.sections) for i, r in enumerate(readable))
    except Exception as exc:  # noqa: BLE001 - a bug here must not lose the other rules' results
        log.error("W-CLONE over the batch crashed", exc_info=exc)
        for r in readable:
            r.crashed.append(("W-CLONE", f"{type(exc).__name__}: {exc}"))
        return 0
    n = 0
    for i, found in clones.items():
        r = readable[i]
        for clone in found:
            r.add(rule.finding(clone_message(clone, readable, r), [], {"section": clone.section, "count": clone.count}))
            n += 1
    return n


def clone_message(clone, readable: list[Result], here: Result) -> str:
    from ..standard.format2021 import SECTIONS

    section = next(s for s in SECTIONS if s.key == clone.section)
    title = section.heading.split("、", 1)[-1]
    names = []
    for m in clone.matches:
        other = readable[m.key]
        who = "本机关" if m.agency and _agency_key(m.agency) == _agency_key(here.agency) else (m.agency or Path(other.path).name)
        names.append(f"{who}{m.year or ''}{'年度' if m.year else ''}报告（{m.similarity:.0%}，{Path(other.path).name}）")
    more = f"等{clone.count}份" if clone.count > len(names) else ""
    return (f"第{section.number}部分“{title}”与其他{clone.count}份报告的同一部分基本相同（忽略机关名称和数字，"
            f"相似度不低于{_similarity():.0%}）：{'、'.join(names)}{more}")


def _similarity() -> float:
    from .check.clones import SIMILARITY

    return SIMILARITY


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
] + [label for _, label in FACTS] + ["上年报告", "校验完整", "推断单元格", "未定单元格"]

CELL_COLUMNS = ["文件", "机关", "年度", "单元格", "名称", "状态", "数值", "说明"]
FINDING_COLUMNS = ["文件", "机关", "规则", "级别", "说明"]


def report_row(r: Result) -> list:
    complete = "否：" + "、".join(rule for rule, _ in r.crashed) + " 出错" if r.crashed else "是"
    return [
        r.path, r.agency, r.year, r.format, r.kind, "是" if r.ok else "否", r.error or "",
        r.counts.get("error", 0), r.counts.get("warning", 0), r.counts.get("info", 0),
    ] + [r.cells.get(path) for path, _ in KEY_TOTALS] + [_fact(r.facts.get(key)) for key, _ in FACTS] + [
        r.previous or "", complete, len(r.inferred), len(r.undetermined)]


def _fact(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def finding_rows(results: list[Result]) -> list[list]:
    rows = [[r.path, r.agency, f["rule"], f["severity"], f["message"]] for r in results for f in r.findings]
    rows += [[r.path, r.agency, rule, "程序错误", f"规则运行出错（本程序的缺陷，详见日志），本报告未完全校验：{error}"]
             for r in results for rule, error in r.crashed]
    return rows


def cell_rows(results: list[Result]) -> list[list]:
    """The inferred and undetermined cells of every report (the reader's doubts, issue 12)."""
    from .check.names import cell_label

    def label(path):
        try:
            return cell_label(path)
        except Exception:  # noqa: BLE001 - a path the labels do not know is still listed
            return ""

    rows = []
    for r in results:
        for path, value, where in r.inferred:
            rows.append([r.path, r.agency, r.year, path, label(path), "推断", _plain(value), where])
        for path, why in r.undetermined:
            rows.append([r.path, r.agency, r.year, path, label(path), "未定", None, why])
    return rows


def _plain(value):
    if value is None or isinstance(value, int):
        return value
    return int(value) if float(value).is_integer() else float(value)


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
    findings = finding_rows(results)
    cells = cell_rows(results)
    sums = totals(results)
    if out.suffix.lower() == ".csv":
        written = [out, out.with_name(out.stem + "-findings.csv"), out.with_name(out.stem + "-totals.csv"),
                   out.with_name(out.stem + "-cells.csv")]
        for path, header, rows in (
            (written[0], REPORT_COLUMNS, [report_row(r) for r in results]),
            (written[1], FINDING_COLUMNS, findings),
            (written[2], ["单元格", "合计"], list(sums.items())),
            (written[3], CELL_COLUMNS, cells),
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
        ("问题", FINDING_COLUMNS, findings),
        ("合计", ["单元格", "合计"], ([p, int(v) if float(v).is_integer() else float(v)] for p, v in sums.items())),
        ("推断与未定", CELL_COLUMNS, cells),
    ):
        ws = wb.create_sheet(title)
        ws.append(header)
        for row in rows:
            ws.append(row)
    wb.save(out)
    return [out]
