"""Generators of hostile inputs (zip bombs, entity bombs, huge sheets, blank PDFs, huge text).

Built in memory or streamed to disk in a second or two, so no large fixture is committed. Used by
the tests (tests/reports/read/test_hostile.py, tests/cases/test_ledger.py) and bench/hostile.py.
"""
from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

from zfxxgk.reports.sample import sample_document
from zfxxgk.reports.write import render

MB = 1 << 20


def _rewrite(data: bytes, replace: dict[str, object]) -> bytes:
    """A copy of the zip ``data`` where each member named in ``replace`` gets new content: bytes,
    or a callable writing chunks to a stream (so a huge member is never held in memory)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = replace.get(item.filename, None)
            if body is None:
                dst.writestr(item, src.read(item.filename), zipfile.ZIP_DEFLATED)
            elif callable(body):
                info = zipfile.ZipInfo(item.filename, item.date_time)
                info.compress_type = zipfile.ZIP_DEFLATED
                with dst.open(info, "w", force_zip64=True) as stream:
                    body(stream)
            else:
                dst.writestr(item.filename, body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def report(fmt: str) -> bytes:
    """A normal report in ``fmt`` (docx, xlsx, txt, html, pdf …): the baseline."""
    return render(sample_document("2021", 1), fmt)


# -- zip bombs ------------------------------------------------------------------------------------

def _repeat(head: bytes, unit: bytes, size: int, tail: bytes):
    def write(stream) -> None:
        stream.write(head)
        chunk = unit * max(1, MB // len(unit))
        for _ in range(size // len(chunk)):
            stream.write(chunk)
        stream.write(tail)
    return write


_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_S = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def zip_bomb_docx(unpacked_mb: int = 1024) -> bytes:
    """A DOCX whose document.xml is ``unpacked_mb`` MB of paragraphs (~1000:1 compressed)."""
    head = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ' + _W + b"><w:body>"
    unit = b"<w:p><w:r><w:t>0</w:t></w:r></w:p>"
    return _rewrite(report("docx"), {"word/document.xml": _repeat(head, unit, unpacked_mb * MB, b"</w:body></w:document>")})


def zip_bomb_xlsx(unpacked_mb: int = 1024) -> bytes:
    """An XLSX whose first sheet is ``unpacked_mb`` MB of identical empty rows."""
    head = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ' + _S + b"><sheetData>"
    unit = b"<row><c><v>0</v></c></row>"
    return _rewrite(report("xlsx"), {"xl/worksheets/sheet1.xml": _repeat(head, unit, unpacked_mb * MB, b"</sheetData></worksheet>")})


def many_rows_xlsx(rows: int = 3_000_000) -> bytes:
    """An XLSX with ``rows`` numbered rows of one cell each: small enough to pass a zip check
    (numbered rows compress ~200:1), far too many for a report (3M rows: ~700 KB)."""
    def write(stream) -> None:
        stream.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ' + _S + b"><sheetData>")
        step = 10_000
        for start in range(1, rows + 1, step):
            stream.write("".join(f'<row r="{r}"><c r="A{r}"><v>1</v></c></row>'
                                 for r in range(start, min(start + step, rows + 1))).encode())
        stream.write(b"</sheetData></worksheet>")
    return _rewrite(report("xlsx"), {"xl/worksheets/sheet1.xml": write})


def huge_merge_xlsx() -> bytes:
    """An XLSX of a few bytes whose one merged range covers the whole sheet (17 billion cells)."""
    sheet = (b'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet ' + _S + b'><sheetData><row r="1"><c r="A1" t="inlineStr">'
             b'<is><t>x</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>')
    return _rewrite(report("xlsx"), {"xl/worksheets/sheet1.xml": sheet})


def ratio_bomb_docx(unpacked_mb: int = 50) -> bytes:
    """A DOCX under the unpacked cap whose media member is ``unpacked_mb`` MB of zeros (~1000:1)."""
    data = report("docx")
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as z:
        with z.open("word/media/image1.png", "w", force_zip64=True) as stream:
            _repeat(b"", b"\0" * 1024, unpacked_mb * MB, b"")(stream)
    return out.getvalue()


def lying_size_docx(real_mb: int = 64) -> bytes:
    """A DOCX whose document.xml claims (in the central directory and the local header) to be 1 KB
    but inflates to ``real_mb`` MB: a reader that trusts the directory decompresses it all."""
    data = zip_bomb_docx(real_mb)
    z = zipfile.ZipFile(io.BytesIO(data))
    info = z.getinfo("word/document.xml")
    buf = bytearray(data)
    # zip64 extra fields hold the sizes; rewrite them (and the 32-bit fields) to 1024
    for where in _headers(buf, info):
        _set_sizes(buf, where, 1024)
    return bytes(buf)


def _headers(buf: bytearray, info: zipfile.ZipInfo) -> list[tuple[str, int]]:
    name = info.filename.encode()
    found = []
    at = 0
    while (at := buf.find(b"PK\x01\x02", at)) >= 0:
        if buf[at + 46: at + 46 + len(name)] == name:
            found.append(("central", at))
        at += 4
    found.append(("local", info.header_offset))
    return found


def _set_sizes(buf: bytearray, where: tuple[str, int], size: int) -> None:
    kind, at = where
    if kind == "central":
        size_at, name_len_at, fixed = at + 24, at + 28, 46
    else:
        size_at, name_len_at, fixed = at + 22, at + 26, 30
    name_len, extra_len = struct.unpack_from("<HH", buf, name_len_at)
    uncompressed = struct.unpack_from("<I", buf, size_at)[0]
    if uncompressed != 0xFFFFFFFF:
        struct.pack_into("<I", buf, size_at, size)
        return
    extra = at + fixed + name_len
    end = extra + extra_len
    while extra + 4 <= end:
        tag, length = struct.unpack_from("<HH", buf, extra)
        if tag == 1:  # zip64: the uncompressed size comes first
            struct.pack_into("<Q", buf, extra + 4, size)
            return
        extra += 4 + length


def many_members_zip(members: int = 100_000) -> bytes:
    """An XLSX-looking zip with ``members`` empty members: its directory alone is megabytes."""
    data = report("xlsx")
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_STORED) as z:
        for i in range(members):
            z.writestr(f"xl/media/e{i}.bin", b"")
    return out.getvalue()


def many_paragraphs_docx(paragraphs: int = 500_000) -> bytes:
    """A DOCX of ``paragraphs`` numbered paragraphs (500,000: 20 MB of XML, 4 MB zipped; before
    the block cap the reader spent 19 s and 540 MB on it)."""
    def write(stream) -> None:
        stream.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ' + _W + b"><w:body>")
        for start in range(0, paragraphs, 10_000):
            stream.write(b"".join(b"<w:p><w:r><w:t>%d</w:t></w:r></w:p>" % (i * 7919 % 1000003)
                                  for i in range(start, min(start + 10_000, paragraphs))))
        stream.write(b"</w:body></w:document>")
    return _rewrite(report("docx"), {"word/document.xml": write})


# -- entity bombs ---------------------------------------------------------------------------------

def _laughs(levels: int = 9) -> bytes:
    lines = [b'<!ENTITY lol0 "lol">']
    lines += [f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">'.encode() for i in range(1, levels + 1)]
    return b"\n".join(lines)


def billion_laughs_xlsx() -> bytes:
    """An XLSX whose first sheet defines the billion-laughs entities and uses the last one."""
    dtd = b"<!DOCTYPE worksheet [\n" + _laughs() + b"\n]>\n"
    body = (b'<?xml version="1.0" encoding="UTF-8"?>\n' + dtd + b"<worksheet " + _S + b'><sheetData><row r="1">'
            b'<c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')
    return _rewrite(report("xlsx"), {"xl/worksheets/sheet1.xml": body})


def billion_laughs_docx() -> bytes:
    dtd = b"<!DOCTYPE w:document [\n" + _laughs() + b"\n]>\n"
    body = (b'<?xml version="1.0" encoding="UTF-8"?>\n' + dtd + b"<w:document " + _W
            + b"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")
    return _rewrite(report("docx"), {"word/document.xml": body})


# -- PDF and text ---------------------------------------------------------------------------------

def blank_pdf(pages: int = 2000) -> bytes:
    """A PDF of ``pages`` empty A4 pages: no text layer, so a reader would send it to OCR."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    out = io.BytesIO()
    pdf.save(out)
    pdf.close()
    return out.getvalue()


def many_lines(lines: int = 600_000) -> bytes:
    """Text of ``lines`` short numbers, one a line (600,000: 4 MB, under the text cap)."""
    return "".join(f"{i * 7919 % 1000003}\n" for i in range(lines)).encode()


def big_text(path: Path, size_mb: int = 200) -> Path:
    """A text file of ``size_mb`` MB: a real report repeated (written in chunks, never held whole)."""
    unit = report("txt")
    chunk = unit * max(1, (4 * MB) // len(unit))
    with open(path, "wb") as f:
        written = 0
        while written < size_mb * MB:
            f.write(chunk)
            written += len(chunk)
    return path
