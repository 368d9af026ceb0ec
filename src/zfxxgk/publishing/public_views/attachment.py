"""An attachment of a public version: /zfxxgk/<code>/xxgk/<series>/fj/<id>/.

Served only for the series' current version and the older versions it corrected (see
:mod:`.series`); an attachment of a draft, of an item under review or withdrawn, or of another
series is 404. The file is sent as a download under its original name (RFC 5987, so Chinese names
survive), with ``nosniff`` and a content type that a browser never renders as a page: what an
uploader called ``text/html`` or an SVG is sent as plain bytes.
"""
from __future__ import annotations

import logging
import unicodedata

from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from ..models import Attachment
from . import series as series_mod
from .tree import agency_or_404

log = logging.getLogger(__name__)

# Types a browser could run or render as a document of this site: downloaded as bytes instead.
_ACTIVE = ("html", "xml", "javascript", "ecmascript", "svg", "xhtml", "x-shockwave-flash")


@require_safe
def download(request, code: str, series: int, attachment: int):
    agency = agency_or_404(code)
    found = series_mod.load(agency, series)
    try:
        att = Attachment.objects.get(pk=attachment, publication_id__in=found.public_ids)
    except Attachment.DoesNotExist:
        raise Http404 from None
    try:
        handle = att.file.open("rb")
    except (FileNotFoundError, ValueError, OSError):
        log.warning("attachment %s of publication %s is missing from storage", att.pk, att.publication_id)
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=safe_name(att.original_name), content_type=safe_type(att.content_type))
    response["X-Content-Type-Options"] = "nosniff"
    return response


def safe_name(name: str) -> str:
    """The original file name without folders or control characters (a header cannot carry them)."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    return name or "附件"


def safe_type(content_type: str) -> str:
    lowered = (content_type or "").lower()
    if not lowered.isascii() or not lowered.isprintable() or "/" not in lowered or any(word in lowered for word in _ACTIVE):
        return "application/octet-stream"
    return content_type
