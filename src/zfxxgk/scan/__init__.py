"""Checks before publication (条例第十五条 personal privacy; 保密审查): personal data and sensitive
words in text, and what a file hides — hidden sheets, rows and columns, comments, tracked changes,
hidden text, author metadata, text under fake redactions, embedded files.

Pure Python, no Django: the publishing app stores the findings as ScanHit rows, the command line
(`zfxxgk scan FILE…`) prints them, and a researcher can call it directly::

    from zfxxgk.scan import scan_text, scan_file
    scan_text("联系电话 13812345678", place="正文第3段")
    scan_file(Path("名单.xlsx").read_bytes(), "名单.xlsx", words=["内部"])
"""
from .extract import extract_text
from .files import scan_file
from .finding import LABELS, FileScan, Finding, Kind
from .text import scan_text

__all__ = ["LABELS", "FileScan", "Finding", "Kind", "extract_text", "scan_file", "scan_text"]
