"""Hostile inputs against the reader's caps (zfxxgk.reports.limits), each beside a normal report of
the same format read in the same run.

    .venv/bin/python bench/hostile.py            # full sizes (1 GB zip bombs, 3M rows …), ~1 minute
    .venv/bin/python bench/hostile.py --quick    # smaller bombs and sheets, no OCR baseline

Every file is read by ``zfxxgk.reports.read.read`` in a child process of its own, so its peak
memory is its own: ``os.wait4`` returns the child's ``ru_maxrss`` — what
``resource.getrusage(RUSAGE_CHILDREN)`` reports, but for that child alone (RUSAGE_CHILDREN is the
maximum over every child waited for so far). Wall time includes starting Python and importing the
reader, for the normal file too; the ratio column is hostile / normal. The files are built by a
child process too: a child's ru_maxrss starts from its parent's high-water mark (Linux carries it
across fork and exec), so the measuring process stays small. A hostile file PASSes when
it is refused (ReportReadError), within 5 s, with a peak under 300 MB. Children run with a 4 GB
address-space limit and a 120 s timeout, so a regression fails instead of taking the machine down.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PEAK_MB, SECONDS = 300, 5.0

CHILD = r"""
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
from zfxxgk.reports.errors import ReportError
from zfxxgk.reports.read import read
start = time.perf_counter()
try:
    doc = read(sys.argv[1])
    out = {"outcome": "read", "detail": f"{len(doc.cells)} cells"}
except ReportError as exc:
    out = {"outcome": "refused", "detail": getattr(exc, "limit", "") or exc.detail[:60], "message": exc.message}
except MemoryError:
    out = {"outcome": "crashed", "detail": "MemoryError"}
except Exception as exc:
    out = {"outcome": "crashed", "detail": repr(exc)[:60]}
out["seconds"] = time.perf_counter() - start
print(json.dumps(out, ensure_ascii=False))
"""


def measure(path: Path) -> dict:
    """Read ``path`` in a child process: outcome, wall seconds and the child's peak RSS in MB."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, env=env)
    deadline = start + 120
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            child.kill()
            pid, status, usage = os.wait4(child.pid, 0)
            break
        time.sleep(0.01)
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    wall = time.perf_counter() - start
    text = child.stdout.read().decode() if child.stdout else ""
    try:
        result = json.loads(text.strip().splitlines()[-1])
    except (ValueError, IndexError):
        result = {"outcome": "killed" if wall >= 120 else "died", "detail": f"exit {child.returncode}"}
    result["wall"] = wall
    result["peak_mb"] = usage.ru_maxrss / 1024  # KB on Linux
    return result


def _generators():
    sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]
    from reports import hostile  # the generators the tests use

    return hostile


def _png(width: int, height: int) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 1024)) + chunk(b"IEND", b"")


def _scan_png() -> bytes:
    """A normal photo of a report page: the text PDF's first page rendered at 200 dpi."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(_generators().report("pdf"))
    image = pdf[0].render(scale=200 / 72).to_pil().convert("L")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def build(folder: Path, quick: bool) -> list[tuple[str, Path, str]]:
    """(case, path, format of its baseline) for every hostile file."""
    h = _generators()
    bomb_mb = 256 if quick else 1024
    rows = 300_000 if quick else 3_000_000
    cases = [
        (f"docx zip bomb {bomb_mb}M", "docx", lambda: h.zip_bomb_docx(bomb_mb)),  # document.xml inflates to bomb_mb MB
        (f"xlsx zip bomb {bomb_mb}M", "xlsx", lambda: h.zip_bomb_xlsx(bomb_mb)),
        ("docx ratio 1000:1", "docx", lambda: h.ratio_bomb_docx(50)),  # a 50 MB image of zeros
        ("docx lying sizes", "docx", lambda: h.lying_size_docx(64)),  # declares 1 KB, inflates to 64 MB
        ("xlsx 100k members", "xlsx", lambda: h.many_members_zip(100_000)),
        (f"xlsx {rows // 1000}k rows", "xlsx", lambda: h.many_rows_xlsx(rows)),
        ("xlsx merge A1:XFD1M", "xlsx", h.huge_merge_xlsx),
        ("xlsx billion laughs", "xlsx", h.billion_laughs_xlsx),
        ("docx billion laughs", "docx", h.billion_laughs_docx),
        ("docx 500k paragraphs", "docx", lambda: h.many_paragraphs_docx(500_000)),  # 20 MB of XML
        ("pdf 2000 blank pages", "pdf", lambda: h.blank_pdf(2000)),  # no text layer: would go to OCR
        ("png 1.6 gigapixels", "png", lambda: _png(40_000, 40_000)),
    ]
    out = []
    for case, fmt, make in cases:
        path = folder / f"{case.replace(' ', '_').replace(':', '-')}.{fmt}"
        path.write_bytes(make())
        out.append((case, path, fmt))
    out.append(("text 200 MB", h.big_text(folder / "text_200MB.txt", 200), "txt"))  # a report repeated
    (folder / "lines.txt").write_bytes(h.many_lines(600_000))  # 4 MB, under the text cap
    out.append(("text 600k short lines", folder / "lines.txt", "txt"))
    return out


def baselines(folder: Path, formats: set[str], quick: bool) -> dict[str, Path | None]:
    h = _generators()
    paths: dict[str, Path | None] = {}
    for fmt in sorted(formats):
        if fmt == "png":
            if quick:
                paths[fmt] = None
                continue
            data = _scan_png()
        else:
            data = h.report(fmt)
        paths[fmt] = folder / f"normal.{fmt}"
        paths[fmt].write_bytes(data)
    return paths


def _build_all(folder: Path, quick: bool) -> None:
    """In the build child: write every file and a manifest.json the measuring parent reads."""
    cases = build(folder, quick)
    normal = baselines(folder, {fmt for *_, fmt in cases}, quick)
    manifest = {"cases": [(c, str(p), f) for c, p, f in cases], "normal": {f: p and str(p) for f, p in normal.items()}}
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller bombs and sheets, no OCR baseline")
    parser.add_argument("--build", metavar="DIR", help=argparse.SUPPRESS)  # the build child
    args = parser.parse_args()
    if args.build:
        _build_all(Path(args.build), args.quick)
        return 0
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    with tempfile.TemporaryDirectory(prefix="zfxxgk-hostile-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--build", tmp] + (["--quick"] if args.quick else []), check=True)
        manifest = json.loads((folder / "manifest.json").read_text())
        cases = [(c, Path(p), f) for c, p, f in manifest["cases"]]
        normal = {f: Path(p) if p else None for f, p in manifest["normal"].items()}
        floor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"== hostile inputs (built in {time.perf_counter() - start:.1f} s); PASS = refused in < {SECONDS:.0f} s "
              f"with peak < {PEAK_MB} MB; ratio = hostile / normal {', '.join(sorted(normal))} report; "
              f"this process peaked at {floor:.0f} MB (the floor of every child's figure)")
        base = {fmt: measure(p) if p else None for fmt, p in normal.items()}
        head = (f"{'case':<21} {'file MB':>8} {'outcome':<34} {'peak MB':>8} {'s':>6} "
                f"{'normal MB':>9} {'normal s':>8} {'MB ratio':>8} {'s ratio':>7}  verdict")
        print(head)
        print("-" * len(head))
        failed = 0
        for case, path, fmt in cases:
            r = measure(path)
            b = base[fmt]
            ok = r["outcome"] == "refused" and r["wall"] < SECONDS and r["peak_mb"] < PEAK_MB
            failed += not ok
            outcome = f"{r['outcome']}: {r.get('detail', '')}"[:34]
            ratios = (f"{r['peak_mb'] / b['peak_mb']:>8.2f} {r['wall'] / b['wall']:>7.2f}" if b else f"{'—':>8} {'—':>7}")
            normal_cols = f"{b['peak_mb']:>9.0f} {b['wall']:>8.2f}" if b else f"{'—':>9} {'—':>8}"
            print(f"{case:<21} {path.stat().st_size / 2**20:>8.2f} {outcome:<34} {r['peak_mb']:>8.0f} {r['wall']:>6.2f} "
                  f"{normal_cols} {ratios}  {'PASS' if ok else 'FAIL'}")
        print("normal reports: " + ", ".join(f"{fmt} {b['outcome']} ({b.get('detail', '')})" for fmt, b in base.items() if b))
        print(f"{len(cases) - failed}/{len(cases)} PASS" + (f", {failed} FAIL" if failed else ""))
        print(f"total {time.perf_counter() - start:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
