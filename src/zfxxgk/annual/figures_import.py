"""Figures from a file: an XLSX in the report's own layout (read by the report core) or a CSV of
``path,value`` lines (UTF-8 or GBK, as Excel saves it in China)."""
from __future__ import annotations

import csv
import io

from ..reports.errors import ReportError
from ..reports.read import read
from . import figures as fig
from .errors import AnnualInvalid

MAX_CSV = 1024 * 1024  # 200 cells fit in a few kilobytes


def parse(name: str, data: bytes) -> dict[str, object]:
    """``{path: raw value}`` from the file; :class:`AnnualInvalid` (Chinese) for a bad file."""
    if not data:
        raise AnnualInvalid("文件为空。")
    if name.lower().endswith(".csv"):
        return _csv(data)
    if name.lower().endswith((".xlsx", ".xlsm")):
        return _xlsx(name, data)
    raise AnnualInvalid("请上传按年度报告格式填写的 XLSX 文件，或每行“单元格路径,数值”的 CSV 文件。")


def _xlsx(name: str, data: bytes) -> dict[str, object]:
    try:
        doc = read(data, name=name)
    except ReportError as exc:
        raise AnnualInvalid(exc.message) from exc
    if not doc.cells:
        raise AnnualInvalid("文件中没有读到年度报告表格的数据。")
    return {p: c.value for p, c in doc.cells.items()}


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AnnualInvalid("CSV 文件的编码无法识别，请另存为 UTF-8 或 GBK 编码。")


def _csv(data: bytes) -> dict[str, object]:
    if len(data) > MAX_CSV:
        raise AnnualInvalid("CSV 文件过大。")
    out: dict[str, object] = {}
    for number, row in enumerate(csv.reader(io.StringIO(_decode(data))), start=1):
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if number == 1 and cells[0].lower() in ("path", "路径", "单元格"):
            continue  # a header line
        if len(cells) < 2 or len([c for c in cells[2:] if c]):
            raise AnnualInvalid(f"CSV 第{number}行应为“单元格路径,数值”两列。")
        path, value = cells[0], cells[1]
        if path not in fig.KNOWN:
            raise AnnualInvalid(f"CSV 第{number}行：“{path[:60]}”不是年度报告格式（2021年版）中的单元格。")
        if path in out:
            raise AnnualInvalid(f"CSV 第{number}行：“{fig.label(path)}”重复出现。")
        out[path] = value
    if not out:
        raise AnnualInvalid("CSV 文件中没有数据。")
    return out
