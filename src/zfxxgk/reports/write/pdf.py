"""PDF writer: the HTML writer's page laid out by WeasyPrint (optional extra ``zfxxgk[pdf]``).

Fonts: the HTML names 宋体 (SimSun) first and Noto CJK after it. On a Linux server without
the Windows fonts, Pango skips the names fontconfig cannot cover with CJK glyphs and uses
Noto Serif CJK SC (Debian ``fonts-noto-cjk``), digits included. Aliasing the Windows
names onto Noto with ``@font-face … local()`` was tried and is worse: the faces came out
bold and rendering took twice as long.
"""
from __future__ import annotations

import logging

from ..errors import MissingExtraError
from ..model import ReportDocument
from . import html


def _quiet() -> None:
    # WeasyPrint logs every unsupported CSS property and fontTools every subsetting step;
    # a report run should only show real problems.
    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)


def write(doc: ReportDocument) -> bytes:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # not installed, or Pango/HarfBuzz libraries missing
        raise MissingExtraError("生成 PDF", "pdf", f"weasyprint unavailable: {exc!r}") from exc
    _quiet()
    page = html.write(doc).decode("utf-8")
    return weasyprint.HTML(string=page).write_pdf()
