"""Benchmarks of the annual-report core, each beside a baseline measured in the same run.

    .venv/bin/python bench/run.py            # everything (about a minute on 2 cores)
    .venv/bin/python bench/run.py --quick    # small sizes, for a smoke run
    .venv/bin/python bench/run.py --formats pdf   # only the PDF reader (and its pdfplumber baseline)

1. read: reports per second for each input format on one core (generated, consistent reports
   written by our own writers). Baseline: a naive line scanner that decodes the text form of the
   same reports and pulls every number out of every line with one regex — the cheapest thing
   that could be called "reading" a report. Ratio = ours / baseline (1.0 = as fast as the scanner).
   Each side is timed over the whole set three times and the best pass counts (shared machines
   are noisy). For HTML a second line times lxml's parser alone on the same pages: no HTML
   reader built on it can be faster than that. PDF is timed in CPU time (``time.process_time``:
   the figure does not depend on what else the machine runs), and a second line times
   pdfplumber's character extraction alone (pdfminer's layout of every page, no tables, no
   matching) on the same files: the reader used to be built on it; ours takes characters and
   rulings from PDFium instead.
2. audit: `audit.run` over 10,000 generated text reports with 2 processes (-j 2), against the
   same naive scanner over the same files in one process.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from zfxxgk.reports import audit  # noqa: E402
from zfxxgk.reports.read import read  # noqa: E402
from zfxxgk.reports.sample import sample_document  # noqa: E402
from zfxxgk.reports.write import render  # noqa: E402

_NUMBER = re.compile(r"\d+")

# format -> (reader kind, how many documents to time)
FORMATS = {"txt": ("text", 400), "tsv": ("text", 400), "html": ("html", 400), "md": ("markdown", 400),
           "docx": ("docx", 100), "xlsx": ("xlsx", 60), "pdf": ("pdf", 12)}


def naive_scan(data: bytes) -> int:
    """The baseline: decode, split lines, find numbers. Returns a checksum so nothing is skipped."""
    total = 0
    for line in data.decode("utf-8", "replace").splitlines():
        total += len(_NUMBER.findall(line))
    return total


def timed(fn, items, passes: int = 1, clock=time.perf_counter) -> float:
    """Seconds for one pass of ``fn`` over ``items``: the best of ``passes``."""
    best = float("inf")
    for _ in range(passes):
        start = clock()
        for item in items:
            fn(item)
        best = min(best, clock() - start)
    return best


def lxml_parse(data: bytes) -> None:
    lxml.html.document_fromstring(data)


def pdfplumber_chars(data: bytes) -> int:
    """pdfplumber's characters of every page (pdfminer's layout pass), nothing else."""
    import pdfplumber

    with pdfplumber.open(BytesIO(data)) as pdf:
        return sum(len(page.chars) for page in pdf.pages)


def bench_read(scale: float, passes: int, only: set[str] | None = None) -> None:
    print("== read: reports per second on one core (ratio = ours / naive line scanner)")
    print(f"{'format':<6} {'n':>5} {'ours/s':>9} {'scanner/s':>10} {'ratio':>6}")
    docs = [sample_document("2021", seed) for seed in range(400)]
    texts = [render(d, "txt") for d in docs]
    for fmt, (kind, n) in FORMATS.items():
        if only and fmt not in only:
            continue
        n = max(4, int(n * scale))
        try:
            files = [render(d, fmt) for d in docs[:n]]
        except Exception as exc:  # noqa: BLE001 - e.g. WeasyPrint missing
            print(f"{fmt:<6} skipped: {exc}")
            continue
        read(files[0], kind)  # warm caches and imports
        clock = time.process_time if fmt == "pdf" else time.perf_counter
        ours = timed(lambda b, kind=kind: read(b, kind), files, passes, clock)
        base = timed(naive_scan, texts[:n], passes, clock)
        rate = f"{n / ours:>9.1f}" if fmt == "pdf" else f"{n / ours:>9.0f}"
        print(f"{fmt:<6} {n:>5} {rate} {n / base:>10.0f} {base / ours:>6.3f}" + ("   (CPU time)" if fmt == "pdf" else ""))
        if fmt == "html":
            floor = timed(lxml_parse, files, passes)
            print(f"{'  lxml parse only':<12} {n / floor:>9.0f} {'':>10} {base / floor:>6.3f}"
                  f"   ({floor / ours:.0%} of our HTML reading time)")
        if fmt == "pdf":
            pdfplumber_chars(files[0])
            plumber = timed(pdfplumber_chars, files, passes, clock)
            print(f"{'  pdfplumber chars only':<22} {n / plumber:>5.1f} {'':>10} {base / plumber:>6.3f}"
                  f"   (ours = {plumber / ours:.1f}× pdfplumber's character extraction alone, CPU time)")


def bench_audit(count: int) -> None:
    print(f"== audit: {count} generated text reports, -j 2 (ratio = ours / naive scanner in one process)")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        templates = [render(sample_document("2021", seed), "txt" if seed % 2 else "tsv") for seed in range(50)]
        for i in range(count):
            (root / f"r{i:05d}.txt").write_bytes(templates[i % len(templates)])
        files = sorted(root.iterdir())
        base = timed(lambda p: naive_scan(p.read_bytes()), files)
        start = time.perf_counter()
        results = list(audit.run([root], jobs=2, progress=False))
        ours = time.perf_counter() - start
        ok = sum(r.ok for r in results)
        print(f"audit   {count} files in {ours:.1f} s = {count / ours:.0f} reports/s ({ok} readable); "
              f"scanner {count / base:.0f} reports/s; ratio {base / ours:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--formats", help="only these read formats, comma-separated (e.g. pdf); skips the audit")
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    only = set(args.formats.split(",")) if args.formats else None
    bench_read(0.1 if args.quick else 1.0, 1 if args.quick else 3, only)
    if not only:
        bench_audit(500 if args.quick else 10_000)


if __name__ == "__main__":
    main()
