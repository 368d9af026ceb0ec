"""What DOCX and XLSX packages share: document properties and embedded objects.

Word and Excel stamp the author, the last person who saved and the company into
docProps/core.xml and docProps/app.xml; an attachment published as is tells the world who drafted
it. Those become METADATA findings (fix: Word/Excel 的“检查文档”, or WPS 的“文档加密—属性”).
The free-text properties (title, subject, keywords, comments, category) are scanned like the
body, for personal data and sensitive words.

Objects under word/embeddings/ or xl/embeddings/ (OLE objects, the workbook behind every chart)
carry their own data, often far more than the chart shows: each is an EMBEDDED_FILE finding.
"""
from __future__ import annotations

import posixpath
import zipfile

from . import personal
from .finding import NAME_CHARS, Finding, Kind, Segment, clip, digest
from .safety import xml

_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_APP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"

PEOPLE = {f"{_DC}creator": "作者", f"{_CP}lastModifiedBy": "最后修改者", f"{_APP}Company": "单位", f"{_APP}Manager": "经理"}
FREE_TEXT = {f"{_DC}title": "标题", f"{_DC}subject": "主题", f"{_CP}keywords": "关键词", f"{_DC}description": "备注",
             f"{_CP}category": "类别"}


def properties(zf: zipfile.ZipFile) -> tuple[list[Finding], list[Segment]]:
    findings, segments = [], []
    for part in ("docProps/core.xml", "docProps/app.xml"):
        root = xml(zf, part)
        if root is None:
            continue
        for el in root:
            value = " ".join("".join(el.itertext()).split())
            if not value or not isinstance(el.tag, str):
                continue
            if el.tag in PEOPLE:
                label = PEOPLE[el.tag]
                findings.append(Finding(Kind.METADATA, f"文档属性“{label}”", clip(personal.mask(value)),
                                        digest(f"{label}={value}"),
                                        f"文档属性中的{label}为“{clip(personal.mask(value), 30)}”：公开前请删除文档属性和个人信息"
                                        "（Office“检查文档”）"))
            elif el.tag in FREE_TEXT:
                segments.append(Segment(f"文档属性“{FREE_TEXT[el.tag]}”", value))
    return findings, segments


def embedded(zf: zipfile.ZipFile) -> list[Finding]:
    out = []
    for info in zf.infolist():
        folder, name = posixpath.split(info.filename)
        if posixpath.basename(folder) != "embeddings" or not name:
            continue
        out.append(Finding(Kind.EMBEDDED_FILE, f"嵌入对象“{clip(name, NAME_CHARS)}”", clip(name), digest(f"{info.filename}:{info.CRC}"),
                           f"文件中嵌入了另一个文件（{name}，{_size(info.file_size)}），其内容不显示在页面上但随文件一起公开，"
                           "请删除或转为图片后再公开"))
    return out


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} 字节"
