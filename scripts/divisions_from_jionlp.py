"""Regenerate src/zfxxgk/reports/read/meta/divisions.txt from JioNLP's china_location list.

    pip download jionlp --no-deps -d /tmp/jio && unzip -o /tmp/jio/jionlp-*.whl 'jionlp/dictionary/*' -d /tmp/jio
    unzip -o /tmp/jio/jionlp/dictionary/china_location.zip -d /tmp/jio
    python scripts/divisions_from_jionlp.py /tmp/jio/china_location.txt 1.5.31

Only the province, city and county levels are kept (name, 6-digit code, short name): about 3,400
lines instead of JioNLP's 12 MB with every town and village. JioNLP is Apache-2.0; its notice is
kept in the header of the data file.
"""
from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/zfxxgk/reports/read/meta/divisions.txt"


def main(src: str, version: str) -> None:
    lines = [
        "# 行政区划（省、市、县三级）: code<TAB>name<TAB>short name",
        f"# From JioNLP {version} (https://github.com/dongrixinyu/JioNLP), dictionary/china_location.txt,",
        "# Copyright JioNLP authors, Apache License 2.0. Regenerate with scripts/divisions_from_jionlp.py.",
    ]
    seen = set()
    for raw in Path(src).read_text("utf-8").splitlines():
        depth = len(raw) - len(raw.lstrip("\t"))
        parts = raw.strip().split("\t")
        if depth > 2 or len(parts) != 3:
            continue
        name, code, alias = parts
        if (code, name) in seen:
            continue
        seen.add((code, name))
        lines.append(f"{code}\t{name}\t{alias}")
    OUT.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{len(lines) - 3} divisions -> {OUT}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
