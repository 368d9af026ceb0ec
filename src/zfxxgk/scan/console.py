"""``zfxxgk scan FILE…``: the findings of each file in Chinese, or as JSON.

Exit codes follow the command line's: 0 nothing found, 1 something found, 2 a file is missing or
cannot be checked (a damaged file, a zip bomb, an image): the scan cannot vouch for it, which
weighs more than any finding.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from . import words as wordlist
from .files import scan_file
from .finding import FileScan, Kind

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
KINDS_ZH = {"pdf": "PDF", "docx": "Word 文档", "xlsx": "Excel 工作簿", "text": "文本", "html": "网页", "image": "图片",
            "archive": "压缩包", "office97": "旧版 Office 文件", "pptx": "演示文稿", "odf": "OpenDocument 文件",
            "ofd": "OFD 文件", "empty": "空文件", "unknown": "未知类型", "unreadable": "无法读取"}


def run(paths: list[str], *, as_json: bool = False, words_file: str | None = None, out=None, err=None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    words: list[str] = []
    if words_file:
        try:
            words = wordlist.load(words_file)
        except OSError as exc:
            print(f"错误：无法读取敏感词文件“{words_file}”（{exc.strerror or exc}）。", file=err)
            return EXIT_UNREADABLE
    results: list[dict] = []
    code = EXIT_OK
    for path in paths:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            reason = "文件不存在" if isinstance(exc, FileNotFoundError) else (exc.strerror or str(exc))
            print(f"错误：无法打开文件“{path}”：{reason}。", file=err)
            results.append({"file": path, "error": f"无法打开文件：{reason}"})
            code = EXIT_UNREADABLE
            continue
        scan = scan_file(data, Path(path).name, words=words)
        code = max(code, _code(scan))
        if as_json:
            results.append({"file": path, "kind": scan.kind, "chars": len(scan.text),
                            "findings": [f.to_dict() for f in scan.findings]})
        else:
            _print(path, scan, out)
    if as_json:
        print(json.dumps({"files": results, "exit": code}, ensure_ascii=False, indent=2), file=out)
    elif len(paths) > 1:
        print(_summary(code), file=out)
    return code


def _code(scan: FileScan) -> int:
    if scan.unreadable:
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if scan.findings else EXIT_OK


def _print(path: str, scan: FileScan, out) -> None:
    kind = KINDS_ZH.get(scan.kind, scan.kind)
    if not scan.findings:
        print(f"{path}（{kind}）：未发现问题。", file=out)
        return
    print(f"{path}（{kind}）：发现 {len(scan.findings)} 处问题", file=out)
    for f in scan.findings:
        excerpt = f"  摘录：{f.excerpt}" if f.excerpt and f.kind != Kind.UNREADABLE else ""
        print(f"  [{f.label}] {f.place}：{f.message}{excerpt}", file=out)


def _summary(code: int) -> str:
    return {EXIT_OK: "全部文件未发现问题。", EXIT_FINDINGS: "有文件发现问题，请处理后再公开。",
            EXIT_UNREADABLE: "有文件无法检查，请人工核对。"}[code]
