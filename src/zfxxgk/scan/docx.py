"""DOCX: the visible text by paragraph, and what Word keeps but a reader of the page does not see.

Read from the package XML with lxml (python-docx has no API for revisions, comments' anchors or
hidden runs):

* 修订记录 — w:ins, w:del, w:moveFrom, w:moveTo and formatting changes (w:rPrChange …): a
  document published with tracked changes shows the deleted wording and the reviewers' names to
  anyone who turns on 显示修订. One finding per paragraph, with the revisers.
* 批注 — word/comments.xml, placed at the paragraph where the comment is anchored.
* 隐藏文字 — runs with w:vanish, directly or through their character or paragraph style (only the
  style itself, not what it inherits through w:basedOn).
* 文档属性 and 嵌入对象 — :mod:`.ooxml`.

Places: "正文第3段" (every body paragraph counts, empty ones too, as in Word), "表格2第3行第1列",
"文本框（正文第5段）", "页眉", "页脚", "脚注", "尾注". Deleted and hidden text is not part of the
visible text; inserted text is (Word shows it).
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from . import ooxml, personal
from .finding import Finding, Kind, Segment, clip, digest
from .safety import Unreadable, open_zip, xml

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
P, R, TBL, TR, TC, TXBX = (f"{W}{t}" for t in ("p", "r", "tbl", "tr", "tc", "txbxContent"))
_INSERTED = {f"{W}ins": "插入", f"{W}moveTo": "移动"}
_DELETED = {f"{W}del": "删除", f"{W}moveFrom": "移动"}
_FORMAT_CHANGES = tuple(f"{W}{t}" for t in ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange",
                                            "tcPrChange", "numberingChange", "cellIns", "cellDel"))
_TEXT = {f"{W}t", f"{W}delText", f"{W}instrText"}
_SPACE = {f"{W}tab": "\t", f"{W}br": " ", f"{W}cr": " ", f"{W}noBreakHyphen": "-"}
_PARTS = (("word/header", "页眉"), ("word/footer", "页脚"), ("word/footnotes", "脚注"), ("word/endnotes", "尾注"))


@dataclass
class _Paragraph:
    place: str
    visible: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    changes: dict[str, list[str]] = field(default_factory=dict)  # "删除" → texts
    authors: set[str] = field(default_factory=set)


def read(data: bytes) -> tuple[list[Segment], list[Finding]]:
    zf = open_zip(data, "docx")
    main = _main_part(zf)
    root = xml(zf, main)
    if root is None or root.find(f"{W}body") is None:
        raise Unreadable("Word 文件缺少正文（word/document.xml），无法检查。", f"no body in {main}")
    hidden_styles = _hidden_styles(xml(zf, posixpath.join(posixpath.dirname(main), "styles.xml")))
    paragraphs, anchors = _walk(root, hidden_styles, body=True)
    for prefix, label in _PARTS:
        for name in sorted(n for n in zf.namelist() if n.startswith(prefix) and n.endswith(".xml")):
            part = xml(zf, name)
            if part is not None:
                more, _ = _walk(part, hidden_styles, label=label)
                paragraphs.extend(more)
    segments = [Segment(p.place, "".join(p.visible)) for p in paragraphs if "".join(p.visible).strip()]
    findings = [f for p in paragraphs for f in _paragraph_findings(p)]
    findings += _comments(xml(zf, posixpath.join(posixpath.dirname(main), "comments.xml")), anchors)
    meta, properties = ooxml.properties(zf)
    return segments + properties, findings + meta + ooxml.embedded(zf)


def _main_part(zf) -> str:
    rels = xml(zf, "_rels/.rels")
    for rel in rels if rels is not None else ():
        if str(rel.get("Type", "")).endswith("/officeDocument"):
            target = rel.get("Target", "").lstrip("/")
            if target in zf.namelist():
                return target
    return "word/document.xml"


def _on(el) -> bool:
    """A toggle property (w:vanish …) is on unless its w:val says 0/false/off."""
    return el is not None and el.get(f"{W}val", "true").lower() not in ("0", "false", "off")


def _hidden_styles(styles) -> set[str]:
    if styles is None:
        return set()
    return {s.get(f"{W}styleId") for s in styles.iter(f"{W}style") if _on(s.find(f"{W}rPr/{W}vanish"))}


def _walk(root, hidden_styles: set[str], *, body: bool = False, label: str = "") -> tuple[list[_Paragraph], dict]:
    for fallback in list(root.iter(_MC_FALLBACK)):  # the copy of a text box for old Word versions
        fallback.getparent().remove(fallback)
    places = _Places(label)
    paragraphs: dict = {}
    for p in root.iter(P):
        paragraphs[p] = _Paragraph(places.of(p))
    anchors = {}
    for el in root.iter(f"{W}commentRangeStart", f"{W}commentReference"):
        owner = paragraphs.get(_paragraph_of(el))
        anchors.setdefault(el.get(f"{W}id"), owner.place if owner else "正文")
    paragraph_hidden = {p: _style_hidden(p.find(f"{W}pPr/{W}pStyle"), hidden_styles) for p in paragraphs}
    for r in root.iter(R):
        p = _paragraph_of(r)
        if p in paragraphs:
            _run(r, paragraphs[p], paragraph_hidden[p], hidden_styles)
    for el in root.iter(*_INSERTED, *_DELETED, *_FORMAT_CHANGES):
        para = paragraphs.get(_paragraph_of(el))
        if para is None:
            continue
        if el.tag in _FORMAT_CHANGES or not any(True for _ in el.iter(*_TEXT)):
            para.changes.setdefault("格式或段落修订", [])
        if el.get(f"{W}author"):
            para.authors.add(el.get(f"{W}author"))
    return list(paragraphs.values()), anchors


def _paragraph_of(el):
    return next(el.iterancestors(P), None) if el.tag != P else el


def _run(r, para: _Paragraph, paragraph_hidden: bool, hidden_styles: set[str]) -> None:
    text = "".join(_SPACE.get(ch.tag, "") if ch.tag not in _TEXT else (ch.text or "") for ch in r)
    change = next((a for a in r.iterancestors(*_INSERTED, *_DELETED, P) if a.tag != P), None)
    if change is not None and change.tag in _DELETED:
        para.changes.setdefault(_DELETED[change.tag], []).append(text)
        return
    if change is not None:
        para.changes.setdefault(_INSERTED[change.tag], []).append(text)
    if _hidden(r, paragraph_hidden, hidden_styles):
        para.hidden.append(text)
    else:
        para.visible.append(text)


def _hidden(r, paragraph_hidden: bool, hidden_styles: set[str]) -> bool:
    """w:vanish on the run wins (on or off), then the run's character style, then the paragraph's style."""
    vanish = r.find(f"{W}rPr/{W}vanish")
    if vanish is not None:
        return _on(vanish)
    return _style_hidden(r.find(f"{W}rPr/{W}rStyle"), hidden_styles) or paragraph_hidden


def _style_hidden(style, hidden_styles: set[str]) -> bool:
    return style is not None and style.get(f"{W}val") in hidden_styles


class _Places:
    """Where a paragraph is, in words a Word user can follow."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.count = 0
        self.tables: dict = {}
        self.rows: dict = {}
        self.cells: dict = {}

    def of(self, p) -> str:
        ancestors = list(p.iterancestors())
        if any(a.tag == TXBX for a in ancestors):
            return f"文本框（{self.label or f'正文第{max(self.count, 1)}段'}）"
        tables = [a for a in ancestors if a.tag == TBL]
        if self.label and not tables:
            return self.label
        if not tables:
            self.count += 1
            return f"正文第{self.count}段"
        table = tables[-1]  # the outermost: a table nested in a cell is part of that cell
        inside = ancestors[: ancestors.index(table)]
        row = next((a for a in reversed(inside) if a.tag == TR), None)
        cell = next((a for a in reversed(inside) if a.tag == TC), None)
        number = self.tables.setdefault(table, len(self.tables) + 1)
        where = f"{self.label}表格{number}" if self.label else f"表格{number}"
        if row is None or cell is None:
            return where
        r = self._index(self.rows, table, row, TR, TBL)
        c = self._index(self.cells, row, cell, TC, TR)
        return f"{where}第{r}行第{c}列"

    @staticmethod
    def _index(cache: dict, parent, child, tag: str, parent_tag: str) -> int:
        if parent not in cache:
            cache[parent] = {el: i for i, el in enumerate(
                (el for el in parent.iter(tag) if next(el.iterancestors(parent_tag), None) is parent), 1)}
        return cache[parent].get(child, 0)


def _paragraph_findings(p: _Paragraph) -> list[Finding]:
    out = []
    if p.changes:
        shown = "；".join(f"{kind}“{clip(personal.mask(''.join(texts)), 24)}”" if "".join(texts).strip() else kind
                         for kind, texts in p.changes.items())
        who = f"，修订人：{'、'.join(sorted(p.authors))}" if p.authors else ""
        raw = "|".join(f"{k}:{''.join(v)}" for k, v in sorted(p.changes.items()))
        out.append(Finding(Kind.TRACKED_CHANGE, p.place, clip(shown), digest(raw),
                           f"含未处理的修订记录{who}：请接受或拒绝全部修订、关闭修订后再公开"))
    hidden = "".join(p.hidden)
    if hidden.strip():
        out.append(Finding(Kind.HIDDEN_TEXT, p.place, clip(personal.mask(hidden)), digest(hidden),
                           "含设置为“隐藏”的文字：页面上看不到，但随文件一起公开，请删除后再公开"))
    return out


def _comments(root, anchors: dict) -> list[Finding]:
    out = []
    for c in root.iter(f"{W}comment") if root is not None else ():
        text = " ".join("".join(p.itertext()) for p in c.iter(P)).strip()
        author = c.get(f"{W}author", "")
        place = anchors.get(c.get(f"{W}id"), "批注")
        who = f"（批注人：{author}）" if author else ""
        out.append(Finding(Kind.COMMENT, place, clip(personal.mask(text)), digest(f"{author}:{text}"),
                           f"含批注{who}：请删除全部批注后再公开"))
    return out

