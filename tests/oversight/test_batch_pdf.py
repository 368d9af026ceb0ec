"""PDF reports in a batch: one the PDF writer made and a scan of it (an image-only PDF, read by OCR
with the zfxxgk[ocr] extra), beside a PDF of garbage bytes."""
from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from zfxxgk.agencies.models import Membership, Role
from zfxxgk.oversight.models import AuditBatch, BatchState
from zfxxgk.reports.model import ReportDocument
from zfxxgk.reports.read import read
from zfxxgk.reports.write import render

SEED = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "seeds").glob("*.txt"))[2]  # 湘潭县司法局 2024

pytestmark = [pytest.mark.slow, pytest.mark.needs("rapidocr", "weasyprint"), pytest.mark.django_db]


def scanned(pdf: bytes, dpi: int = 200) -> bytes:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    images = [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in doc]
    doc.close()
    out = BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


def test_text_pdf_and_scanned_pdf_are_read_garbage_pdf_is_not(client, county, agency):
    user = User.objects.create_user("jiandu")
    Membership.objects.create(user=user, agency=county, role=Role.SUPERVISOR)
    client.force_login(user)
    pdf = render(read(SEED), "pdf")
    files = {"司法局.pdf": pdf, "司法局扫描件.pdf": scanned(pdf), "乱码.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 64}
    response = client.post("/workspace/oversight/batches/new/", {
        "county": county.pk, "year": 2024, "files": [SimpleUploadedFile(n, c) for n, c in files.items()]})
    assert response.status_code == 302
    batch = AuditBatch.objects.get()
    assert (batch.state, batch.done) == (BatchState.DONE, 3)
    expected = read(SEED).values()["cells"]
    for name in ("司法局.pdf", "司法局扫描件.pdf"):
        r = batch.reports.get(filename=name)
        assert (r.read_ok, r.agency, r.year) == (True, agency, 2024), r.error
        sources = r.document["cell_sources"]
        assert any(s["ocr"] for s in sources.values()) == (name == "司法局扫描件.pdf")
        assert ReportDocument.from_dict(r.document).values()["cells"] == expected
    garbage = batch.reports.get(filename="乱码.pdf")
    assert garbage.read_ok is False and "PDF" in garbage.error
