"""Blocks -> ReportDocument: the one label-anchored matcher behind every reader.

It never trusts column positions. A table row is identified by its label; its numbers are the
value cells after the label, in the same block or — for shredded text with one cell per line —
in the blocks that follow. One row is "open" at a time; a new row label, a heading or a
paragraph closes it. Spec §10 describes the layouts this has to survive.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...standard import format2019 as f19
from ...standard import format2021 as f21
from ...standard.labels import BLANK, DASH, norm, parse_number, strip_noise
from ..errors import ReportReadError
from ..model import Cell, ReportDocument
from . import labels as L
from . import reflow, solve
from .blocks import COVERED, LABEL_CELL, LINE, PAGE_META, PAGE_TITLE, PARAGRAPH, ROW, VALUE_CELL, Block, cell_kind, describe
from .meta import TITLE as _TITLE  # noqa: F401 - the title pattern, imported from here by older tests
from .meta import read_meta


class _Open:
    """The row being read: its target and the (raw, where, ocr) values found so far."""

    __slots__ = ("target", "values", "needed", "spilled", "marks")

    def __init__(self, target: L.Target) -> None:
        self.target = target
        self.values: list[tuple[str, object, bool]] = []
        self.needed = len(target.paths)
        self.spilled = False  # values on lines of their own kept coming after the row was full
        self.marks: list[tuple[str, int]] = []  # table 四: header labels met among the values, and where


def _blank(cell: str) -> bool:
    return not cell_kind(cell)


def _stray(cell: str) -> bool:
    """A LINE cell left over outside any table row: a plain number or a table header. A dash
    word ("无") or a date ("2025年1月20日") is prose."""
    if L.is_header(cell):
        return True
    parsed = parse_number(cell, decimal=True, signed=True)
    return parsed is not None and parsed[1] in ("ok", BLANK)


_SENTENCE_END = re.compile(r"[。；;！!？?]")


class _Matcher:
    def __init__(self, fmt: str):
        self.fmt = fmt
        self.requests = L.request_targets(fmt)
        self.active = L.active_targets(fmt)
        self.open: _Open | None = None
        self.rows: dict[str, list[tuple[str, str, bool]]] = {}  # target key -> values
        self.targets: dict[str, L.Target] = {}
        self.last_request_row: str | None = None
        self.group: str | None = None
        self.consumed: set[int] = set()  # blocks that belong to a table
        self.section: str | None = None  # the section the block being fed stands in
        self.waiting: list[L.Target] = []  # labels read before their values (a column of labels)
        # Rows read with too few or too many values (a degraded copy): solved in _fill_cells by
        # the format's arithmetic (.solve). target key -> (target, values, spilled)
        self.degraded: dict[str, tuple[L.Target, list[tuple[str, object, bool]], bool]] = {}

    # -- rows -------------------------------------------------------------------------
    def close(self) -> None:
        o, self.open = self.open, None
        waiting, self.waiting = self.waiting, []
        if o is None or not o.values:
            return
        if waiting and self._fill_column([*waiting, o.target], o.values):
            return
        key = o.target.id
        if key in self.rows or key in self.degraded:  # the first occurrence wins; repeats are page headers
            return
        values = o.values
        if o.target is L.APPEALS and len(values) == o.needed and _transposed(o.marks):
            # table 四 printed vertically, one row per measure with the three groups across
            values = [values[m * 3 + g] for g in range(3) for m in range(5)]
        if len(values) > o.needed and o.target.table == "requests":
            values = _drop_org_subtotal(values)
        if len(values) > o.needed:
            values = _fit(values, o.needed, _total_below_a_part if o.target.table == "requests" else None)
        if len(values) != o.needed:
            self.degraded[key] = (o.target, values, o.spilled)
            self.targets[key] = o.target
            return
        self.rows[key] = values
        self.targets[key] = o.target

    def start(self, target: L.Target) -> None:
        o = self.open
        if (o is not None and not o.values and o.target.table == target.table and o.target != target
                and (o.target.table != "requests" or o.target.key in self.requests)):
            # A label with no values, then another: the labels were printed as a column and their
            # values follow as another (a PDF or Markdown conversion that took the table apart).
            self.waiting.append(o.target)
            self.open = None
        else:
            self.close()
        self.open = _Open(target)

    def _fill_column(self, targets: list[L.Target], values: list[tuple[str, object, bool]]) -> bool:
        """The values after a column of labels, row by row — only when they are exactly as many
        as the rows' cells; otherwise the labels without values stay unread, as before."""
        if len(values) != sum(len(t.paths) for t in targets) or any(_blank(v[0]) for v in values):
            return False
        at = 0
        for t in targets:  # each row's own 总计 must hold, or the numbers are another row's pieces
            nums = [parse_number(v[0]) for v in values[at:at + len(t.paths)]]
            if None in nums or any(nums[total][0] != sum(nums[p][0] for p in parts)
                                   for total, parts in solve.local_sums(t.paths)):
                return False
            at += len(t.paths)
        at = 0
        for t in targets:
            if t.id not in self.rows and t.id not in self.degraded:
                self.rows[t.id] = values[at:at + len(t.paths)]
                self.targets[t.id] = t
            at += len(t.paths)
        return True

    def feed_values(self, cells: list[str], kinds: tuple[int, ...], where, ocr: bool, label_block: bool,
                    alone: bool = False) -> None:
        o = self.open
        if o is None:
            return
        # A position covered by a merged cell is no cell of its own (blocks.COVERED).
        values = [(c, w, ocr) for c, w in zip(cells, where) if c is not COVERED]
        if not any(kinds) and (not label_block or len(values) < o.needed):
            return  # a spacer row, or the trailing empty cells of a label/header row
        if alone and len(o.values) >= o.needed:
            o.spilled = True
        o.values.extend(values)
        # A value alone on its line (text with one cell per line) may be followed by more: a
        # number broken over two lines ("1" / "62"). The row stays open until its next label.
        if len(o.values) >= o.needed + sum(len(t.paths) for t in self.waiting) and not alone:
            self.close()

    # -- one block --------------------------------------------------------------------
    def feed(self, index: int, block: Block) -> None:
        cells = block.cells
        kinds = block.kinds
        locs = block.where
        if len(locs) < len(cells):  # a front end gave fewer locations than cells: never drop values
            locs = list(locs) + [locs[-1] if locs else ""] * (len(cells) - len(locs))
        if LABEL_CELL not in kinds:
            if self.open is None and self.section == "appeals" and not self.appeals_read() and _flat_table4(cells):
                self.start(L.APPEALS)  # table 四 flattened into one line of numbers, without its header
            if self.open is not None and any(kinds):
                self.consumed.add(index)
            self.feed_values(cells, kinds, locs, block.ocr, label_block=False,
                             alone=block.kind == LINE and len(cells) == 1)
            return
        label_idx = [i for i, k in enumerate(kinds) if k == LABEL_CELL]
        matched = furniture = False
        known = -1  # the last cell that is a label of the format (row, group, header)
        opened = -1  # the label that opened the row being read, when no other label followed it
        for i in label_idx:
            target = self.meaning(cells[i])
            frame = target is None and L.is_furniture(cells[i])
            if (target is not None or frame) and 0 <= opened < i - 1:
                # Rows run together in one block (a layout-A table that lost the blank lines
                # between them): the cells after a row's label, up to the next label of the
                # format, are that row's.
                self.feed_values(cells[opened + 1:i], kinds[opened + 1:i], locs[opened + 1:i], block.ocr,
                                 label_block=True)
            if target is not None:
                self.start(target)
                matched = True
                known = opened = i
            else:
                opened = -1
                if frame:
                    furniture = True
                    known = i
                    if self.open is not None and self.open.target is L.APPEALS:
                        self.open.marks.append((L.label_body(cells[i]), len(self.open.values)))
        if matched or furniture:
            self.consumed.add(index)  # table furniture: headers, group labels (（三）不予公开)
        if self.open is None:
            return
        if not matched and block.kind == LINE and not self.open.values and not _SENTENCE_END.search(block.text):
            self.consumed.add(index)  # the open row's label wrapped onto this line (its numbers follow)
        last = label_idx[-1]
        if matched and known < last and VALUE_CELL in kinds[known + 1:last]:
            # Unknown text among the numbers ("5 9 ε 33" from OCR): a garbled value, not a label —
            # keep every position so no number moves into another column.
            last = known
        tail = cells[last + 1:]
        if matched:
            self.feed_values(tail, kinds[last + 1:], locs[last + 1:], block.ocr, label_block=True)
        elif tail and any(kinds[last + 1:]):
            # A label fragment ("申请" wrapped onto the next line) followed by the numbers.
            self.feed_values(tail, kinds[last + 1:], locs[last + 1:], block.ocr, label_block=False)

    def appeals_read(self) -> bool:
        return L.APPEALS.id in self.rows or L.APPEALS.id in self.degraded

    def meaning(self, cell: str) -> L.Target | None:
        body = L.label_body(cell)
        if body in self.active:
            return self.active[body]
        if body == L.APPEALS_ANCHOR or (L.appeals_header(cell) and not self.appeals_read()):
            return L.APPEALS
        m = L.request_meaning(cell)
        key = None
        if m.kind == "row":
            key = m.key
        elif m.kind == "group":
            self.group = m.key
            # 2019: （六）其他处理 is itself a row with numbers; in 2021 its leaves follow.
            key = "other_subtotal" if m.key == "other_subtotal" else None
        elif m.kind == "level1":
            self.group = None
        elif m.kind == "header" and self.last_request_row is not None:
            # Bare "其他" / "总计" in the data rows of table 三 (not in its header).
            if body == "其他" and self.last_request_row in ("other_no_fee_payment", "other_no_correction"):
                key = "other_other"
            elif body == "总计" and self.last_request_row in ("other_other", "other_subtotal", "other_no_fee_payment"):
                key = "total"
        if key is None:
            return None
        self.last_request_row = key
        target = self.requests.get(key)
        if target is None and key == "other_subtotal":
            target = L.Target("requests", key, tuple(f"requests.{key}.{c}" for c in f21.COLUMN_KEYS))
        return target


_MEASURES = tuple(L.label_body(label) for _, label in f21.APPEAL_MEASURES)


def _transposed(marks: list[tuple[str, int]]) -> bool:
    """Table 四 with its five measures as rows (结果维持 before the first three values, 结果纠正
    before the next three …) instead of as columns: its labels say so, not its numbers."""
    at = {body: pos for body, pos in reversed(marks) if body in _MEASURES}
    return all(at.get(body) == 3 * k for k, body in enumerate(_MEASURES))


def _flat_table4(cells: list[str]) -> bool:
    """Fifteen numbers on one line, or a run of at least fifteen digits: table 四's one row."""
    values = [c for c in cells if c.strip()]
    if len(values) == len(L.APPEALS.paths):
        return True
    return len(values) == 1 and len(digits := "".join(values[0].split())) >= len(L.APPEALS.paths) and digits.isdigit()


def _drop_org_subtotal(values: list[tuple[str, str, bool]]) -> list[tuple[str, str, bool]]:
    """Some software adds a "法人或其他组织小计" column before 总计 (spec §4.2). It is derived and
    not part of the format: drop it — but only when the numbers prove that is what it is."""
    cells = [v for v in values if not _blank(v[0])]
    if len(cells) != 8:
        return values
    nums = [parse_number(c[0]) for c in cells]
    if any(n is None for n in nums):
        return values
    n = [x[0] for x in nums]
    # (When 小计 = 总计, 自然人 is 0 and dropping either leaves the same seven numbers.)
    if n[6] == sum(n[1:6]) and n[7] == n[0] + n[6]:
        return [v for v in values if v is not cells[6]]
    return values


def _fit(values: list[tuple[str, str, bool]], n: int, implausible=None) -> list[tuple[str, str, bool]]:
    """Exactly the row's n cells. Extra cells can only be blanks at either end (the column a
    merged label covered, left empty by a text export; a trailing tab): trailing ones go first,
    unless that reading is ``implausible`` and another is not. "（一）予以公开\t\t258\t12\t\t\t1\t1\t\t"
    (a covered column, a blank 总计) would otherwise make 总计 = 1 beside 自然人 = 258."""
    extra = len(values) - n
    lead = next((i for i, v in enumerate(values) if not _blank(v[0])), len(values))
    trail = next((i for i, v in enumerate(reversed(values)) if not _blank(v[0])), len(values))
    back = min(trail, extra)
    front = min(lead, extra - back)
    reading = values[front:len(values) - back]
    if len(reading) > n:
        return reading  # more printed values than cells: a degraded row, read by the arithmetic
    if implausible is not None and implausible(reading):
        # other ways of dropping only blanks: more from the front, fewer from the back
        for i in range(front + 1, min(lead, extra) + 1):
            other = values[i:len(values) - (extra - i)]
            if not implausible(other):
                return other
    return reading


def _total_below_a_part(values: list[tuple[str, str, bool]]) -> bool:
    """A 表三 reading that cannot be right: a printed 总计 smaller than one of its parts. (A row
    that merely fails to add up is the report's own error and is read as printed.)"""
    nums = [parse_number(v[0]) for v in values]
    if None in nums:
        return False
    *parts, (total, status) = nums
    return status not in (BLANK, DASH) and total < max(p[0] for p in parts)


# --- the document ------------------------------------------------------------------------

# Web-page furniture after the report (site footers, print/close links): the report has ended.
_FOOTER = re.compile(r"^\s*(?:主办单位|承办单位|主办[:：]|版权所有|Copyright|©|网站标识码|网站地图|.{0,4}ICP备|.{0,4}公网安备|扫一扫|"
                     r"打印本页|关闭窗口|【\s*(?:打印|关闭|字体)|分享到|相关(?:链接|文章|附件)[:：]?$|上一篇|下一篇)", re.I)
_APPENDIX = re.compile(r"^\s*附(?:件|表)\s*\d*\s*[:：]?\s*$|^\s*附(?:件|表)\s*\d+")
_PROSE_LINE = re.compile(r"\d\s*(?:件|条|次|项|个|人次)[。；]\s*$")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*)?\d{1,3}(?:\s*[-—–])?\s*$|^第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?$|^\d+\s*/\s*\d+$")


def assemble(blocks: list[Block], fmt: str | None = None, *, name: str = "", signals: list[str] | None = None) -> ReportDocument:
    """Build the document; ``fmt`` forces the format version instead of detecting it; ``name``
    (the file's name) is one more piece of evidence of the agency and year; ``signals``: what
    decided a forced format (the 2019 re-read says why)."""
    page = [b for b in blocks if b.kind == PAGE_META]
    blocks = [b for b in blocks if any(b.kinds) and b.kind != PAGE_META]
    if not blocks:
        raise ReportReadError("文件中没有可读的文字内容。", "no text in input")
    if fmt is None:
        fmt, signals = _format_evidence(blocks)
    doc = ReportDocument(format=fmt, format_signals=list(signals or ()))
    blocks = reflow.without_furniture(blocks, doc.notes)  # running headers/footers of printed pages

    # The report ends at an appendix after 六 (a 依申请公开台账, seed 002) or at the site footer
    # of the page it was published on. Without a heading 六, only an appendix paragraph ends it.
    n = len(blocks)
    six = next((i for i, b in enumerate(blocks) if len(b.cells) == 1 and (L.heading_index(b.cells[0]) or (None,))[0] == 5), None)
    if six is not None:
        end = next((i for i in range(six + 1, n) if (blocks[i].kind != ROW and len(blocks[i].cells) == 1 and _APPENDIX.match(blocks[i].cells[0]))
                    or (len(blocks[i].cells) <= 2 and any(_FOOTER.match(c) for c in blocks[i].cells))), n)
    else:
        end = next((i for i, b in enumerate(blocks) if b.kind == PARAGRAPH and len(b.cells) == 1 and _APPENDIX.match(b.cells[0])), n)
    body, tail = blocks[:end], blocks[end:]

    title_at = read_meta(doc, body, tail, page, name)
    sections = _split_sections(body, title_at)

    matcher = _Matcher(fmt if fmt != f21.FORMAT_PRE2019 else f21.FORMAT_2021)
    section_at = {i: key for key, start, end in sections.spans for i in range(start, end)}
    for i, block in enumerate(body):
        matcher.section = section_at.get(i)
        if matcher.open is not None and block.kind == PARAGRAPH and len(block.cells) == 1 and _PAGE_NUMBER.match(block.cells[0]):
            continue  # a page number between the pieces of a table ends no row
        if i in sections.heading_blocks or (block.kind == PARAGRAPH and len(block.cells) == 1) or block.kind == PAGE_TITLE \
                or (block.kind == LINE and _PROSE_LINE.search(_text_of(block))):
            # A printed line that ends a sentence with a count ("结转下年度继续办理3件。", wrapped to
            # the start of a line) is prose: no table row ends so.
            matcher.close()
            continue
        matcher.feed(i, block)
    matcher.close()

    single_other = fmt == f21.FORMAT_2021 and "requests:other_subtotal" in matcher.rows and not any(
        f"requests:{k}" in matcher.rows or f"requests:{k}" in matcher.degraded for k in _OTHER_LEAVES)
    if single_other:
        # （六）其他处理 carried numbers itself: the 2019 试行 table — or a common local variant of
        # the 2021 one. Table 二's columns tell them apart (its 2021 columns exist in no 2019 report).
        if not any(_T2_2021_SIGNAL in s for s in doc.format_signals):
            return assemble(blocks + page, f21.FORMAT_2019, name=name,
                            signals=doc.format_signals + [_SINGLE_OTHER_ZH + "，按2019试行格式读取"])
        doc.format_signals.append(_SINGLE_OTHER_ZH + "，但表二为2021格式的列，按2021格式读取（三个细项只在合计为0时可以推算）")
    _fill_cells(doc, matcher)
    if single_other:
        _other_leaves_from_subtotal(doc, matcher.rows["requests:other_subtotal"])
    _fill_sections(doc, body, sections, matcher.consumed)
    if fmt != f21.FORMAT_PRE2019 and not any(p.startswith("requests.") for p in (*doc.cells, *doc.undetermined)):
        if not doc.cells:
            raise ReportReadError(
                "未能识别为政府信息公开工作年度报告：没有找到表二、表三、表四中的任何一项。",
                "no table of the national format found",
            )
        raise ReportReadError(
            "未找到表三（收到和处理政府信息公开申请情况），无法读取该年度报告。",
            "table 3 missing",
        )
    return doc


_OTHER_LEAVES = ("other_no_correction", "other_no_fee_payment", "other_other")
_SINGLE_OTHER_ZH = "表三“（六）其他处理”只印了一行数字（2019试行格式的特征，也是2021格式常见的地方变体）"
_T2_2021_SIGNAL = "表二列名"


def _other_leaves_from_subtotal(doc: ReportDocument, values: list[tuple[str, object, bool]]) -> None:
    """A 2021 table 三 printing （六）其他处理 as one row: its three leaves sum to that row. Where
    the row is 0 every leaf is 0 (counts are never negative); elsewhere several splittings fit."""
    for col, (raw, where, ocr) in zip(f21.COLUMN_KEYS, values):
        parsed = parse_number(raw)
        paths = [f"requests.{leaf}.{col}" for leaf in _OTHER_LEAVES]
        if parsed is not None and parsed[0] == 0:
            for p in paths:
                doc.cells[p] = Cell(0, raw.strip(), describe(where), parsed[1], ocr,
                                    "“（六）其他处理”只印合计一行且为0，三个细项均为0")
        else:
            for p in paths:
                doc.undetermined[p] = (f"“（六）其他处理”只印合计一行（{raw.strip() or '空白'}），"
                                       "三个细项有多种分法都满足勾稽关系，无法确定")


_SIG19 = tuple(norm(s) for s in f19.SIGNALS_2019)
_SIG21 = tuple(norm(s) for s in f19.SIGNALS_2021)
_SIGPRE = tuple(norm(s) for s in f19.SIGNALS_PRE2019)
_T3 = norm("本年新收政府信息公开申请数量")
# Signals without brackets or quotes survive as printed: look for them in the raw text first,
# normalising the whole document (NFKC, traditional forms …) only when none is there.
_PLAIN21 = tuple(s for s in _SIG21 if s.isalnum())


def _detect_format(blocks: list[Block]) -> str:
    return _format_evidence(blocks)[0]


_T2_21 = tuple(norm(s) for s in ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额（单位：万元）"))


def _format_evidence(blocks: list[Block]) -> tuple[str, list[str]]:
    """The format and the signals that decided it (spec §9.1), weighing every table: table 二's
    columns, table 三's （六）其他处理 leaves, the 2019 试行 table 二, a pre-2019 structure. Whether
    （六）其他处理 carries numbers itself is weighed in :func:`assemble`, once table 三 is read."""
    raw = "".join("".join(b.cells) for b in blocks)
    found = [s for s in _PLAIN21 if s in raw]  # found as printed ⇒ also found after normalising
    if not any(s in _T2_21 for s in found):
        # norm() is cached for labels; a whole document must not sit in that cache.
        flat = norm.__wrapped__(raw)
        found = [s for s in _SIG21 if s in flat]
        old = [s for s in _SIG19 if s in flat]
    else:
        flat, old = None, []
    signals = []
    t2 = [s for s in found if s in _T2_21]
    t3 = [s for s in found if s not in _T2_21]
    if t2:
        signals.append(f"{_T2_2021_SIGNAL}“{'”“'.join(t2)}”（2021格式）")
    if t3:
        signals.append(f"表三（六）其他处理的细项“{'”“'.join(t3)}”（2021格式）")
    if old:
        signals.append(f"表二“{'”“'.join(old)}”（2019试行格式）")
    if found:
        return f21.FORMAT_2021, signals
    fmt = _detect_format_text(flat)
    if fmt == f21.FORMAT_PRE2019:
        signals.append("没有表三，且有2008年条例下年度报告的标题（2019年以前的格式）")
    elif not old:
        signals.append("没有任何格式版本的特征，按2021格式读取")
    return fmt, signals


def _detect_format_text(flat: str) -> str:
    """Spec §9.1: score the evidence; any strong 2021 hit decides, then 2019, then pre-2019."""
    if any(s in flat for s in _SIG21):
        return f21.FORMAT_2021
    if any(s in flat for s in _SIG19):
        return f21.FORMAT_2019
    if _T3 not in flat and any(s in flat for s in _SIGPRE):
        return f21.FORMAT_PRE2019
    return f21.FORMAT_2021


@dataclass
class _Sections:
    spans: list[tuple[str, int, int]]  # (key, first block, end block)
    heading_blocks: set[int]
    found: list[str]
    remainders: dict[int, str]


def _split_sections(blocks: list[Block], title_at: int | None) -> _Sections:
    marks: list[tuple[int, int, str]] = []  # (block index, section index, remainder)
    current = -1
    for i, b in enumerate(blocks):
        kinds = b.kinds
        if len(kinds) - kinds.count(0) != 1 or i == title_at or b.kind == PAGE_TITLE:  # a heading is the block's one text
            continue
        hit = L.heading_index(next(c for c, k in zip(b.cells, kinds) if k))
        if hit and hit[0] > current:
            current = hit[0]
            marks.append((i, hit[0], hit[1]))
    spans = []
    start = (title_at + 1) if title_at is not None else 0
    first = marks[0][0] if marks else len(blocks)
    spans.append(("preamble", start, first))
    for n, (i, s, _) in enumerate(marks):
        end = marks[n + 1][0] if n + 1 < len(marks) else len(blocks)
        spans.append((f21.SECTIONS[s].key, i + 1, end))
    return _Sections(spans, {i for i, _, _ in marks}, [f21.SECTIONS[s].key for _, s, _ in marks],
                     {i: r for i, _, r in marks if r})


def _fill_cells(doc: ReportDocument, m: _Matcher) -> None:
    for key, values in m.rows.items():
        target = m.targets[key]
        if target.table == "requests" and target.key not in m.requests and doc.format != f21.FORMAT_2019:
            continue
        for (path, decimal, signed), (raw, where, ocr) in zip(target.specs, values):
            value, status, text = _cell_value(raw, decimal, signed)
            if status == "garbled":  # never guess: the cell stays missing and the checker says so
                doc.notes.append(f"{describe(where)}：“{text}”无法识别为数字，该单元格按缺失处理")
                continue
            if status == "not-integer":  # e.g. "1.5" in a count cell: keep it visible, never guess
                doc.notes.append(f"{describe(where)}：“{text}”不是整数")
                status = "ok"
            doc.cells[path] = Cell(value, text, describe(where), status, ocr)
    if m.degraded:
        _solve_degraded(doc, m)


def _solve_degraded(doc: ReportDocument, m: _Matcher) -> None:
    """Rows printed with too few or too many values: every reading of their text, kept only
    where the format's arithmetic leaves one (inferred); the other cells are undetermined."""
    known = {p: c.value for p, c in doc.cells.items() if type(c.value) is int}
    slots, origin = [], {}
    for target, values, spilled in m.degraded.values():
        if target.table == "requests" and target.key not in m.requests and doc.format != f21.FORMAT_2019:
            continue
        # only values on lines of their own can be pieces of one number, or a stray line after the row
        slot = solve.readings(target.paths, [v[0] for v in values], keep_first=spilled, joined=spilled)
        slots.append(slot)
        for p in target.paths:
            origin[p] = values[0] if values else ("", "", False)
    out = solve.solve(known, slots, doc.format)
    for path, (value, raw, how) in out.values.items():
        _, where, ocr = origin[path]
        doc.cells[path] = Cell(value, raw, describe(where), "ok", ocr, how)
    doc.undetermined.update(out.undetermined)


@lru_cache(maxsize=65536)
def _cell_value(raw: str, decimal: bool, signed: bool):
    parsed = parse_number(raw, decimal=decimal, signed=signed)
    if parsed is None:
        parsed = parse_number(raw, decimal=True, signed=True)
        if parsed is None:
            return None, "garbled", raw.strip()
        return parsed[0], "not-integer", raw.strip()
    return parsed[0], parsed[1], raw.strip()


_SENTENCE = re.compile(r"[。；;！!？?：:]")


def _fragment(b: Block) -> bool:
    """A LINE that is no sentence and either short or a row of short words: possibly pieces of
    table cells broken over lines ("结果" / "纠正"; "自然 商业 科研 社会公 法律服 其", a header
    that pdftotext -layout cut up)."""
    if b.kind != LINE or _SENTENCE.search(b.text):
        return False
    words = [w for cell in b.cells for w in cell.split()]
    if len(words) >= 3 and all(len(w) <= 6 for w in words[1:]):
        return True  # "于第三项加第四项之和）  自然  社会  法律": a wrapped note beside column headers
    return len(b.text) <= 16 or all(len(word) <= 6 for cell in b.cells for word in cell.split())


def _table_fragments(blocks: list[Block], consumed: set[int]) -> set[int]:
    """Runs of fragment LINEs with table cells on both sides ("结果" / "纠正" inside a header)."""
    out: set[int] = set()
    i, n = 0, len(blocks)
    table = lambda k: k in consumed or (0 <= k < n and blocks[k].kind == ROW)  # noqa: E731
    while i < n:
        if i not in consumed and _fragment(blocks[i]) and table(i - 1):
            j = i
            while j < n and j not in consumed and _fragment(blocks[j]):
                j += 1
            if table(j):
                out.update(range(i, j))
            i = j
        else:
            i += 1
    return out


def _fill_sections(doc: ReportDocument, blocks: list[Block], s: _Sections, consumed: set[int]) -> None:
    """Each section's narrative. Printed lines (PDF, OCR, text dumps) are rebuilt into paragraphs
    (:mod:`.reflow`); a table, a heading or a real paragraph (DOCX, HTML) ends a run of lines.
    ``doc.section_lines`` keeps, per section, (offset in its text, where) of every printed line."""
    fragments = _table_fragments(blocks, consumed) if any(b.kind == LINE for b in blocks) else ()
    narrative = lambda i: (i not in consumed and i not in fragments  # noqa: E731
                           and blocks[i].kind in (PARAGRAPH, LINE) and _text_of(blocks[i]))
    full = reflow.measure([reflow.Line(_text_of(b)) for i, b in enumerate(blocks) if reflow.printed(b) and narrative(i)])
    doc.section_lines = {}  # type: ignore[attr-defined]
    for key, start, end in s.spans:
        paragraphs: list[reflow.Paragraph] = []
        run: list[reflow.Line] = []

        if start - 1 in s.remainders:  # "一、总体情况。2024年，…": the heading's own line
            run.append(reflow.Line(s.remainders[start - 1], blocks[start - 1].where[0] if blocks[start - 1].where else ""))
        rescued: set[int] = set()
        for i in range(start, end):
            b = blocks[i]
            if i not in rescued and full and run and b.kind == LINE and not reflow.ends_sentence(run[-1].text):
                rescued = _cut_words(blocks, i, end, narrative)
            text = (i in rescued and _text_of(b)) or narrative(i)
            if not text:
                if i in consumed or i in fragments or b.kind not in (PARAGRAPH, LINE):
                    _flush(run, paragraphs, full)  # never join across a table
                continue
            if i not in rescued and (reflow.PAGE_NUMBER.match(text) or _PAGE_NUMBER.match(text)):
                doc.notes.append(f"{b.loc(0)}：跳过页码“{text}”")
                continue  # page furniture: the paragraph goes on on the next page
            if b.kind == LINE and i not in rescued and all(_stray(c) for c in b.cells if not _blank(c)):
                # A number alone between the words of a wrapped sentence ("行政复议" / "351" /
                # "件") belongs to it; elsewhere it is a table cell left over.
                if not (full and run and not reflow.ends_sentence(run[-1].text) and i + 1 < end
                        and narrative(i + 1) and not all(_stray(c) for c in blocks[i + 1].cells if not _blank(c))):
                    _flush(run, paragraphs, full)
                    continue
            if not reflow.printed(b):
                _flush(run, paragraphs, full)
                paragraphs.append(reflow.Paragraph(text, [(0, b.where[0] if b.where else "")]))
                continue
            run.append(reflow.Line(text, b.where[0] if b.where else ""))
        _flush(run, paragraphs, full)
        if paragraphs or key in s.found:
            doc.sections[key] = "\n".join(p.text for p in paragraphs)
            offset, lines = 0, []
            for p in paragraphs:
                lines += [(offset + at, describe(where)) for at, where in p.starts]
                offset += len(p.text) + 1
            doc.section_lines[key] = lines  # type: ignore[attr-defined]
    doc.headings_found = list(s.found)  # type: ignore[attr-defined]


def _flush(run: list[reflow.Line], paragraphs: list[reflow.Paragraph], full: float | None) -> None:
    paragraphs.extend(reflow.reflow(run, full) if full else [reflow.Paragraph(x.text, [(0, x.where)]) for x in run])
    run.clear()


def _cut_words(blocks: list[Block], i: int, end: int, narrative) -> set[int]:
    """Up to three short lines from ``i`` that the layout cut out of a sentence — "行政复议" /
    "351" / "件。" — which the table matcher may have taken for a label and its values: they
    belong to the narrative when a line that finishes the sentence follows them."""
    for j in range(i, min(i + 4, end)):
        b = blocks[j]
        text = _text_of(b)
        if j > i and narrative(j) and not all(_stray(c) for c in b.cells if not _blank(c)):
            return set(range(i, j))  # the sentence goes on in a line of prose
        if b.kind != LINE or len(b.cells) > 2 or len(text) > 12 or reflow.PAGE_NUMBER.match(text):
            return set()
        if reflow.ends_sentence(text):
            return set(range(i, j + 1))
    return set()


def _text_of(b: Block) -> str:
    """A block's text; the cells of a printed line are glued back (a wide gap split them)."""
    cells = [strip_noise(c).strip() for c in b.cells if not _blank(c)]
    if b.kind == LINE:
        return reflow.join_cells(cells)
    return "\n".join(c for c in cells if c)
