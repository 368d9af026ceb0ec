"""The dashboard's charts as plain data: each a title, a kind and labelled numbers.

The page prints every chart's numbers twice: in ``data-`` attributes of its box and in a table
beneath it (for screen readers and for those who would rather read); ``static/oversight/dashboard.js``
draws them with Apache ECharts from the same JSON (``json_script``: no inline script under the CSP).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from ..standard import format2021 as f21
from .status import AgencyRow, status_counts

YEARS_SHOWN = 5
OVERDUE_BARS = 20  # the agencies with the most overdue cases; the table lists them all


@dataclass
class Chart:
    key: str
    title: str
    kind: str  # bar | pie
    labels: list[str]
    values: list[int]
    unit: str = "件"
    note: str = ""
    colors: list[str] | None = None  # one per label where the colour carries a meaning (the status)

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def labels_json(self) -> str:
        return json.dumps(self.labels, ensure_ascii=False)

    @property
    def values_json(self) -> str:
        return json.dumps(self.values)

    @property
    def total(self) -> int:
        return sum(self.values)

    @property
    def rows(self) -> list[tuple[str, int]]:
        return list(zip(self.labels, self.values))


def received_years(year: int) -> list[int]:
    return list(range(year - YEARS_SHOWN + 1, year + 1))


def per_year(received: dict[int, int], year: int) -> Chart:
    """Applications received (条例第三十一条: the day of receipt) per year, the last five years, as
    counted from the cases (:func:`zfxxgk.cases.tally.received_per_year`, one grouped sum of the tallies)."""
    years = received_years(year)
    return Chart("per-year", f"近{YEARS_SHOWN}年收到的申请", "bar", [f"{y}年" for y in years], [received.get(y, 0) for y in years],
                 note="按收到申请之日所在年度统计，来自依申请公开台账（不含上传的外部报告）。")


OUTCOME_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("予以公开", ("granted",)),
    ("部分公开", ("partially_granted",)),
    *((label.strip("（）一二三四五六七"), leaves) for _, label, leaves in f21.GROUPS),
)


def outcome_mix(cells: dict, year: int) -> Chart:
    """The county's results of the year (table 三 R03–R23, 总计 column) in six groups."""
    values = [sum(int(cells.get(f"requests.{k}.total", 0)) for k in leaves) for _, leaves in OUTCOME_GROUPS]
    return Chart("outcomes", f"{year}年办理结果构成", "pie", [label for label, _ in OUTCOME_GROUPS], values,
                 note="全县合计（表三“总计”列），与下方县级汇总表一致。")


def overdue_by_agency(rows: list[AgencyRow]) -> Chart:
    worst = sorted((r for r in rows if r.overdue), key=lambda r: (-r.overdue, r.agency.name))
    note = "没有超期申请的机关不列出。" if worst else "目前没有超期未答复的申请。"
    if len(worst) > OVERDUE_BARS:
        note = f"超期最多的{OVERDUE_BARS}个机关（共{len(worst)}个机关有超期申请，见上方机关表）。"
        worst = worst[:OVERDUE_BARS]
    return Chart("overdue", "超期未答复的申请（按机关）", "bar", [r.agency.name for r in worst], [r.overdue for r in worst], note=note)


STATUS_COLORS = {
    "not_started": "#8c8c8c", "draft": "#c98a00", "failing": "#d9534f", "pending": "#2f4f8f",
    "published": "#1d6b2f", "corrected": "#4c9a5f", "late": "#a4161a",
}


def report_status(rows: list[AgencyRow], year: int) -> Chart:
    counts = status_counts(rows)
    return Chart("status", f"{year}年度报告进度（机关数）", "pie", [label for _, label, _ in counts], [n for _, _, n in counts], unit="个",
                 note="仅本平台上的机关；上传审核的外部报告见“未在本平台的机关”表。",
                 colors=[STATUS_COLORS.get(key, "#555555") for key, _, _ in counts])
