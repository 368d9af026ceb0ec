"""DOCX/XLSX containers checked before any library unpacks them (caps in :mod:`.limits`).

:func:`open_zip` refuses, in order of cost:

1. too many members — from the end record, before :class:`zipfile.ZipFile` builds an object per entry;
2. a declared total above the unpacked cap, or a member compressed more than the ratio cap;
3. what the directory hides: every member is inflated here through a capped stream (64 KB input
   at a time, 1 MB output at most per step) and must produce exactly its declared size. The sizes
   can lie, and ``zipfile.read()`` inflates a member's whole compressed data in one call before
   cutting it to the declared size — after this pass every later read is bounded by the directory;
4. a DTD in any XML part: Office never writes one, and entity definitions are how "billion laughs"
   files expand a few KB into gigabytes (openpyxl's expat would expand them; defusedxml is absent);
5. for an XLSX, more rows or cells (stored cells, shared strings, merged-range area) than the caps;
   for a DOCX, more paragraphs and table rows than the block cap.
"""
from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pyexpat import ExpatError, ParserCreate

from .errors import ReportReadError
from .limits import MB, Limits, check_blocks, current, refuse

_ENTRY = 1024  # bytes of directory per member that no real DOCX/XLSX comes near (they use ~100)
_RATIO_FLOOR = MB  # members smaller than this cannot hurt, whatever their ratio
_HEAD = 64 * 1024  # an XML part's prolog (declaration, comments, DOCTYPE) fits in this
_IN, _OUT = 64 * 1024, MB


def member_names(data: bytes, limits: Limits | None = None) -> list[str]:
    """The member names, after the member-count check only (for detecting DOCX vs XLSX)."""
    limits = limits or current()
    _check_count(data, limits)
    return _zipfile(data).namelist()


def open_zip(data: bytes, limits: Limits | None = None, *, kind: str = "") -> zipfile.ZipFile:
    """The container as a ZipFile once every check above passed; :class:`ReportReadError` (or its
    :class:`~.errors.ReportLimitError`) otherwise. ``kind`` ("docx", "xlsx") names the format in
    the message for a broken file and has what the reader would build counted (rows and cells,
    paragraphs and table rows)."""
    limits = limits or current()
    _check_count(data, limits)
    zf = _zipfile(data, kind)
    infos = zf.infolist()
    if len(infos) > limits.max_zip_members:
        raise _members_error(limits, len(infos))
    total = sum(i.file_size for i in infos)
    if total > limits.max_unpacked_mb * MB:
        raise refuse("max_unpacked_mb", f"{limits.max_unpacked_mb} MB", "文件解压后", "可能是压缩炸弹，",
                     f"zip declares {total} bytes unpacked")
    for info in infos:
        if info.file_size > _RATIO_FLOOR and info.file_size > limits.max_zip_ratio * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise refuse("max_zip_ratio", f"{limits.max_zip_ratio}:1", f"文件中的“{info.filename}”压缩比为 {ratio}:1，",
                         "可能是压缩炸弹，", f"member {info.filename!r} ratio {ratio}")
    counter = _Counter(limits, kind) if kind in ("xlsx", "docx") else None
    view = memoryview(data)
    for info in infos:
        _inspect(view, info, counter)
    return zf


_BROKEN = {"docx": "Word 文件已损坏或不是有效的 DOCX 文件，无法打开。",
           "xlsx": "Excel 文件已损坏或不是有效的 XLSX 文件，无法打开。"}


def _zipfile(data: bytes, kind: str = "") -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        # ValueError: zipfile's own parsing of a corrupt directory (negative seek, bad sizes)
        message = _BROKEN.get(kind, "文件已损坏：看似压缩包（DOCX/XLSX）但无法打开。")
        raise ReportReadError(message, f"bad zip: {exc!r}") from exc


# -- 1. member count, from the end of central directory record -----------------------------

def _check_count(data: bytes, limits: Limits) -> None:
    entries, size = _directory(data)
    if entries > limits.max_zip_members or size > limits.max_zip_members * _ENTRY:
        raise _members_error(limits, entries)


def _members_error(limits: Limits, entries: int):
    return refuse("max_zip_members", f"{limits.max_zip_members} 个", f"压缩包内的文件数（{entries} 个）", "",
                  f"zip with {entries} members")


def _directory(data: bytes) -> tuple[int, int]:
    """(member count, directory size) as the end record declares them; (0, 0) when there is no
    end record (zipfile then reports the damage)."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 0xFFFF))
    if at < 0 or at + 22 > len(data):
        return 0, 0
    entries, size = struct.unpack_from("<HI", data, at + 10)
    locator = at - 20
    if (entries == 0xFFFF or size == 0xFFFFFFFF) and locator >= 0 and data[locator:locator + 4] == b"PK\x06\x07":
        record = struct.unpack_from("<Q", data, locator + 8)[0]
        if data[record:record + 4] == b"PK\x06\x06" and record + 56 <= len(data):
            entries, size = struct.unpack_from("<QQ", data, record + 32)
    return entries, size


# -- 3. and 4. inflate every member, capped, and look at XML prologs -----------------------------

def _inspect(view: memoryview, info: zipfile.ZipInfo, counter: _Counter | None) -> None:
    if info.flag_bits & 0x1:
        raise ReportReadError("文件已加密（需要密码才能打开），请提供未加密的文件。", f"encrypted member {info.filename!r}")
    start = _data_offset(view, info)
    raw = view[start:start + info.compress_size]
    if len(raw) != info.compress_size:
        raise _mismatch(info, "truncated member data")
    part = counter.member(info.filename) if counter else None
    head = bytearray()  # the first bytes, held until the prolog has been looked at
    checked = False
    produced = 0
    for chunk in _inflate(raw, info):
        produced += len(chunk)
        if produced > info.file_size:
            raise _mismatch(info, f"inflates past its declared {info.file_size} bytes")
        if not checked:
            head += chunk
            if len(head) < _HEAD:
                continue
            _check_prolog(bytes(head[:_HEAD]), info)
            checked, chunk = True, bytes(head)
        if part:
            part.feed(chunk)
    if produced != info.file_size:
        raise _mismatch(info, f"inflates to {produced} bytes, declared {info.file_size}")
    if not checked:
        _check_prolog(bytes(head), info)
        if part:
            part.feed(bytes(head))


def _data_offset(view: memoryview, info: zipfile.ZipInfo) -> int:
    at = info.header_offset
    if bytes(view[at:at + 4]) != b"PK\x03\x04" or at + 30 > len(view):
        raise _mismatch(info, "no local header")
    name_len, extra_len = struct.unpack_from("<HH", view, at + 26)
    return at + 30 + name_len + extra_len


def _inflate(raw: memoryview, info: zipfile.ZipInfo):
    """The member's bytes in pieces of at most 1 MB, whatever its compression ratio."""
    if info.compress_type == zipfile.ZIP_STORED:
        for at in range(0, len(raw), _OUT):
            yield bytes(raw[at:at + _OUT])
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise ReportReadError("文件使用了不支持的压缩方式，无法读取；请用 Word/Excel/WPS 重新保存后再试。",
                              f"member {info.filename!r} compression {info.compress_type}")
    inflater = zlib.decompressobj(-15)
    try:
        for at in range(0, len(raw), _IN):
            pending = raw[at:at + _IN]
            while pending:
                out = inflater.decompress(pending, _OUT)
                if out:
                    yield out
                pending = inflater.unconsumed_tail
            if inflater.eof:
                return
        out = inflater.flush()
        if out:
            yield out
    except zlib.error as exc:
        raise _mismatch(info, f"zlib: {exc}") from exc


def _mismatch(info: zipfile.ZipInfo, detail: str) -> ReportReadError:
    return ReportReadError(f"文件已损坏：压缩包中“{info.filename}”的内容与目录记录不符，已拒绝读取。",
                           f"member {info.filename!r}: {detail}")


_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
         (b"<\x00", "utf-16-le"), (b"\x00<", "utf-16-be"))


def _check_prolog(head: bytes, info: zipfile.ZipInfo) -> None:
    """Refuse a DTD before the root element. The prolog may only hold the XML declaration,
    processing instructions, comments and white space; anything else starting with '<!' is a
    DOCTYPE. A prolog longer than the head is refused too: nothing legitimate pads one."""
    text = next((head.decode(codec, "replace") for bom, codec in _BOMS if head.startswith(bom)), None)
    if text is None:
        text = head.decode("latin-1")  # markup is ASCII: enough to walk the prolog
    text = text.lstrip("\ufeff")
    at = 0
    while True:
        while at < len(text) and text[at] in " \t\r\n":
            at += 1
        if text.startswith("<?", at):
            end = text.find("?>", at)
        elif text.startswith("<!--", at):
            end = text.find("-->", at)
        elif text.startswith("<!", at):
            raise ReportReadError(f"文件中的“{info.filename}”含有文档类型定义（DTD），Office 文件不会有这种内容，"
                                  "可能是“实体炸弹”，已拒绝读取。", f"DTD in {info.filename!r}")
        else:
            return  # the root element, or not XML at all (an image)
        if end < 0:
            if len(head) >= _HEAD:
                raise ReportReadError(f"文件中的“{info.filename}”开头异常（声明或注释过长），已拒绝读取。",
                                      f"prolog of {info.filename!r} longer than {_HEAD} bytes")
            return  # a short, broken part: the parser will say so
        at = end + 2


# -- 5. rows and cells of an XLSX ------------------------------------------------------------------

_CELL_REF = re.compile(r"([A-Za-z]{1,3})(\d{1,7})")


def _area(ref: str) -> int:
    """Cells covered by a range such as A1:XFD1048576 (1 for a bad reference)."""
    corners = [_CELL_REF.fullmatch(part.strip().replace("$", "")) for part in ref.split(":")]
    if len(corners) != 2 or not all(corners):
        return 1
    (c0, r0), (c1, r1) = [(_column(m[1]), int(m[2])) for m in corners]
    return (abs(c1 - c0) + 1) * (abs(r1 - r0) + 1)


def _column(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


class _Counter:
    """Counts, with expat and no tree kept, what the reader would build: an XLSX's rows and cells,
    a DOCX's paragraphs and table rows. Every XML part is counted (where the sheets or the body
    are is the package's business). A part expat cannot parse stops being counted; the library
    that reads the file later gives its own verdict on it."""

    def __init__(self, limits: Limits, kind: str) -> None:
        self.limits = limits
        self.element = self._xlsx if kind == "xlsx" else self._docx
        self.rows = self.cells = self.blocks = 0

    def member(self, name: str) -> _Part | None:
        return _Part(self, name) if name.lower().endswith(".xml") else None

    def _docx(self, name: str, attrs: dict) -> None:
        if name.rpartition(":")[2] in ("p", "tr"):
            self.blocks += 1
            if self.blocks > self.limits.max_blocks:
                check_blocks(self.blocks, self.limits)

    def _xlsx(self, name: str, attrs: dict) -> None:
        local = name.rpartition(":")[2]
        if local == "row":
            self.rows += 1
            if self.rows > self.limits.max_xlsx_rows:
                raise refuse("max_xlsx_rows", f"{self.limits.max_xlsx_rows} 行", "表格行数", "不像一份年度报告或台账，",
                             f"more than {self.limits.max_xlsx_rows} rows")
            return
        if local in ("c", "si"):
            self.cells += 1
        elif local == "mergeCell":
            self.cells += _area(attrs.get("ref", ""))
        else:
            return
        if self.cells > self.limits.max_xlsx_cells:
            raise refuse("max_xlsx_cells", f"{self.limits.max_xlsx_cells} 个", "表格单元格数（含合并单元格覆盖的范围）",
                         "不像一份年度报告或台账，", f"more than {self.limits.max_xlsx_cells} cells")


class _Part:
    def __init__(self, counter: _Counter, name: str) -> None:
        self.parser = ParserCreate()
        self.parser.StartElementHandler = counter.element
        self.parser.StartDoctypeDeclHandler = self._doctype  # _check_prolog has refused it already
        self.name = name
        self.broken = False

    def _doctype(self, *args) -> None:
        raise ReportReadError(f"文件中的“{self.name}”含有文档类型定义（DTD），已拒绝读取。", f"DTD in {self.name!r}")

    def feed(self, chunk: bytes) -> None:
        if self.broken:
            return
        try:
            self.parser.Parse(chunk, False)
        except ExpatError:
            self.broken = True
