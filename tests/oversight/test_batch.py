"""Batch audit of reports published outside the platform (issue 9 item 6): every seed uploaded as
files and as a zip appears with its findings, agency and year; corrupt files are listed with a
Chinese reason while the rest are imported; the progress moves; the task dying fails the batch.

Tasks run at once here (ImmediateBackend in test_settings); test_worker.py runs the real
database backend and its ``db_worker``.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from zfxxgk.agencies.models import Agency, Membership, Role
from zfxxgk.oversight import batch as b
from zfxxgk.oversight.models import AuditBatch, AuditedReport, BatchState
from zfxxgk.reports.check import check
from zfxxgk.reports.model import ReportDocument
from zfxxgk.reports.read import read
from zfxxgk.reports.write import render

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))
SHARED_SEEDS = sorted(Path("/work/shared/seeds").glob("*.txt"))  # the project's shared folder (as tests/reports/read/test_docx.py)
CJK = re.compile(r"[\u4e00-\u9fff]")
NEW = "/workspace/oversight/batches/new/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor(county):
    user = User.objects.create_user("jiandu", first_name="县监督")
    Membership.objects.create(user=user, agency=county, role=Role.SUPERVISOR)
    return user


@pytest.fixture
def sup_client(client, supervisor):
    client.force_login(supervisor)
    return client


def planted(fmt: str, agency_name: str) -> bytes:
    """Seed 002 with 表三 (一)予以公开 raised by 7 (tables no longer add up), as another agency."""
    doc = read(SEEDS[2])
    doc.agency, doc.title = agency_name, f"{agency_name}2024年政府信息公开工作年度报告"
    doc.set("requests.granted.total", (doc.value("requests.granted.total") or 0) + 7)
    return render(doc, fmt)


def rendered_set() -> list[tuple[str, bytes]]:
    return [("教育局.docx", planted("docx", "湘潭县教育局")), ("卫健局.html", planted("html", "湘潭县卫生健康局")),
            ("交通局.xlsx", planted("xlsx", "湘潭县交通运输局"))]


def upload(client, files: list[tuple[str, bytes]], year: int = 2024, county=None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    county = county or Agency.objects.get(code="xtx")
    data = {"county": county.pk, "year": year, "files": [SimpleUploadedFile(n, c) for n, c in files]}
    return client.post(NEW, data)


def make_zip(files: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in files:
            zf.writestr(name, content)
    return buf.getvalue()


def the_batch(response) -> AuditBatch:
    assert response.status_code == 302, response.content.decode()[:2000]
    return AuditBatch.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))


def assert_audited(batch: AuditBatch, files: list[tuple[str, bytes]], agency) -> None:
    batch.refresh_from_db()
    assert (batch.state, batch.done, batch.total) == (BatchState.DONE, len(files), len(files))
    stored = {r.filename: r for r in batch.reports.all()}
    assert sorted(stored) == sorted(n for n, _ in files)
    for name, content in files:
        r = stored[name]
        doc = read(content, name=name)
        assert r.read_ok is True and r.error == ""
        assert (r.agency_name, r.year) == (doc.agency, doc.year)
        assert r.document["agency"] == doc.agency and r.document["cell_sources"]
        assert ReportDocument.from_dict(r.document).values()["cells"] == doc.values()["cells"]
        expected = [f.rule for f in check(doc)] + (["BATCH-YEAR"] if doc.year != 2024 else [])
        assert sorted(f["rule"] for f in r.findings) == sorted(expected)
        assert r.errors == sum(1 for f in r.findings if f["severity"] == "error")
        assert r.warnings == sum(1 for f in r.findings if f["severity"] == "warning")
        assert len({f["key"] for f in r.findings}) == len(r.findings)
        # 湘潭县司法局 is on the platform; the others are not.
        assert r.agency == (agency if doc.agency == agency.name else None)


def test_every_seed_and_three_formats_uploaded_as_files(sup_client, agency):
    assert len(SEEDS) == 5 and [p.read_bytes() for p in SEEDS] == [p.read_bytes() for p in SHARED_SEEDS]  # the same five reports
    files = [(p.name, p.read_bytes()) for p in SEEDS] + rendered_set()
    batch = the_batch(upload(sup_client, files))
    assert_audited(batch, files, agency)
    r = batch.reports.get(filename="教育局.docx")
    assert r.errors >= 1 and {"T3-LEAFSUM", "T3-ROWSUM"} <= {f["rule"] for f in r.findings}
    page = sup_client.get(f"/workspace/oversight/batches/{batch.pk}/").content.decode()
    for name in ("湘潭县司法局", "殷都区科学技术局", "湘潭县教育局", "T3-ROWSUM", "确认问题", "不属问题"):
        assert name in page
    year_mismatch = batch.reports.get(filename=SEEDS[3].name)
    assert year_mismatch.year == 2023 and "与本批次的2024年度不符" in page


def test_every_seed_and_three_formats_uploaded_as_a_zip(sup_client, agency):
    files = [(p.name, p.read_bytes()) for p in SHARED_SEEDS] + rendered_set()
    batch = the_batch(upload(sup_client, [("湘潭县2024年报.zip", make_zip([(f"报告/{n}", c) for n, c in files]))]))
    assert_audited(batch, files, agency)


def test_a_corrupt_file_is_listed_with_its_reason_and_the_rest_imported(sup_client, agency):
    docx = planted("docx", "湘潭县教育局")
    bad = [("截断.docx", docx[: len(docx) // 2]), ("乱码.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 40),
           ("空白.txt", b"   \n"), ("不是报告.txt", "会议纪要：今天天气很好。".encode())]
    good = [(p.name, p.read_bytes()) for p in SEEDS[:2]]
    batch = the_batch(upload(sup_client, good + bad))
    batch.refresh_from_db()
    assert (batch.state, batch.done, batch.total) == (BatchState.DONE, 6, 6)
    for name, _ in bad:
        r = batch.reports.get(filename=name)
        assert r.read_ok is False and CJK.search(r.error) and not r.findings, (name, r.error)
        assert "内部错误" not in r.error
    assert batch.reports.filter(read_ok=True).count() == 2
    page = sup_client.get(f"/workspace/oversight/batches/{batch.pk}/").content.decode()
    assert "无法读取：" + batch.reports.get(filename="截断.docx").error in page
    assert "其中 4 个无法读取" in page


def test_an_unexpected_exception_is_an_internal_error_of_that_file_only(sup_client, monkeypatch, caplog):
    import zfxxgk.reports.check as checker

    real = checker.check

    def flaky(doc, *a, **kw):
        if doc.agency == "殷都区科学技术局":
            raise ZeroDivisionError("a bug")
        return real(doc, *a, **kw)

    monkeypatch.setattr(checker, "check", flaky)
    batch = the_batch(upload(sup_client, [(p.name, p.read_bytes()) for p in SEEDS]))
    broken = batch.reports.get(filename=SEEDS[1].name)
    assert (broken.read_ok, broken.error) == (False, "内部错误：ZeroDivisionError")
    assert batch.reports.filter(read_ok=True).count() == 4
    assert "internal error" in caplog.text


def test_progress_json_moves_file_by_file(sup_client, settings, monkeypatch):
    from zfxxgk.oversight.tasks import audit_batch

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}}
    batch = the_batch(upload(sup_client, [(p.name, p.read_bytes()) for p in SEEDS[:3]] + [("坏.docx", b"PK\x03\x04broken")]))
    url = f"/workspace/oversight/batches/{batch.pk}/progress.json"
    first = sup_client.get(url).json()
    assert (first["state"], first["done"], first["total"], first["finished"]) == ("queued", 0, 4, False)
    assert "等待后台任务程序" in sup_client.get(f"/workspace/oversight/batches/{batch.pk}/").content.decode()
    seen = []
    real = b.mark_progress

    def spy(batch):
        real(batch)
        seen.append(sup_client.get(url).json())

    monkeypatch.setattr(b, "mark_progress", spy)
    audit_batch.call(batch.pk)
    assert [(s["state"], s["done"]) for s in seen] == [("running", 1), ("running", 2), ("running", 3), ("running", 4)]
    last = sup_client.get(url).json()
    assert (last["state"], last["done"], last["finished"]) == ("done", 4, True)
    bad = next(r for r in last["reports"] if r["filename"] == "坏.docx")
    assert bad["read_ok"] is False and CJK.search(bad["error"])


def test_the_task_dying_fails_the_batch_and_the_page_says_so(sup_client, monkeypatch):
    def broken(batch):
        raise RuntimeError("database went away")

    monkeypatch.setattr(b, "mark_progress", broken)
    batch = the_batch(upload(sup_client, [(p.name, p.read_bytes()) for p in SEEDS[:2]]))
    batch.refresh_from_db()
    assert batch.state == BatchState.FAILED and batch.finished_at
    assert batch.reports.filter(read_ok=True).count() == 1  # what was read stays
    page = sup_client.get(f"/workspace/oversight/batches/{batch.pk}/").content.decode()
    assert "审核未完成" in page and "失败" in page and "继续审核其余文件" in page

    monkeypatch.undo()  # the database is back: the supervisor resumes, the file read stays read
    first = batch.reports.get(read_ok=True)
    response = sup_client.post(f"/workspace/oversight/batches/{batch.pk}/resume/")
    assert response.status_code == 302
    batch.refresh_from_db()
    assert (batch.state, batch.done, batch.error) == (BatchState.DONE, 2, "")
    assert batch.reports.get(pk=first.pk).findings == first.findings
    assert batch.reports.filter(read_ok=True).count() == 2


# --- the zip and size caps (reports/limits.py) ----------------------------------------------------

def test_zip_with_too_many_members_is_refused_and_nothing_stored(sup_client, monkeypatch):
    monkeypatch.setenv("ZFXXGK_MAX_ZIP_MEMBERS", "3")
    response = upload(sup_client, [("多.zip", make_zip([(f"{i}.txt", SEEDS[0].read_bytes()) for i in range(5)]))])
    assert response.status_code == 400
    assert "ZFXXGK_MAX_ZIP_MEMBERS" in response.content.decode() and "压缩包内的文件数" in response.content.decode()
    assert not AuditBatch.objects.exists() and not AuditedReport.objects.exists()


def test_zip_bomb_member_is_refused_the_rest_kept(sup_client):
    bomb = make_zip([("炸弹.txt", b"0" * (30 << 20)), ("司法局.txt", SEEDS[2].read_bytes())])
    batch = the_batch(upload(sup_client, [("包.zip", bomb)]))
    refused = batch.reports.get(filename="炸弹.txt")
    assert refused.read_ok is False and "ZFXXGK_MAX_ZIP_RATIO" in refused.error and refused.content == b""
    assert batch.reports.get(filename="司法局.txt").read_ok is True


def test_zip_declaring_more_than_the_unpacked_cap_is_refused(sup_client, monkeypatch):
    monkeypatch.setenv("ZFXXGK_MAX_UNPACKED_MB", "1")
    response = upload(sup_client, [("大.zip", make_zip([("a.txt", b"x" * (2 << 20))]))])
    assert response.status_code == 400 and "ZFXXGK_MAX_UNPACKED_MB" in response.content.decode()
    assert not AuditBatch.objects.exists()


def test_zip_slip_names_nested_zips_and_junk(sup_client):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("../../etc/evil.txt", SEEDS[0].read_bytes())
        zf.writestr("inner.zip", make_zip([("a.txt", b"x")]))
        zf.writestr("__MACOSX/._a.txt", b"junk")
        zf.writestr(".DS_Store", b"junk")
        zf.writestr("dir/", b"")
        zf.writestr("ok/司法局.html", render(read(SEEDS[2]), "html"))  # <!DOCTYPE html> is not a DTD attack here
    batch = the_batch(upload(sup_client, [("包.zip", buf.getvalue())]))
    rows = {r.filename: r for r in batch.reports.all()}
    assert sorted(rows) == ["evil.txt", "inner.zip", "司法局.html"]
    assert "路径不安全" in rows["evil.txt"].error and rows["evil.txt"].content == b""
    assert "压缩包中的压缩包" in rows["inner.zip"].error
    assert rows["司法局.html"].read_ok is True and rows["司法局.html"].agency_name == "湘潭县司法局"


def test_gbk_names_from_chinese_windows_are_decoded(sup_client):
    class GbkName(zipfile.ZipInfo):  # no UTF-8 flag and GBK bytes, as Chinese Windows archivers write
        def _encodeFilenameFlags(self):
            return self.filename.encode("gbk"), self.flag_bits

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(GbkName("司法局.txt"), SEEDS[2].read_bytes())
    batch = the_batch(upload(sup_client, [("包.zip", buf.getvalue())]))
    assert batch.reports.get().filename == "司法局.txt"


def test_broken_zip_and_oversized_file_are_refused_in_chinese(sup_client, monkeypatch):
    response = upload(sup_client, [("坏.zip", b"PK\x03\x04 not a zip at all")])
    assert response.status_code == 400 and "压缩包已损坏" in response.content.decode()
    monkeypatch.setenv("ZFXXGK_MAX_INPUT_MB", "1")
    response = upload(sup_client, [("大.txt", b"x" * (2 << 20))])
    assert response.status_code == 400 and "ZFXXGK_MAX_INPUT_MB" in response.content.decode()
    response = upload(sup_client, [])
    assert response.status_code == 400 and "请选择要审核的报告文件" in response.content.decode()
    assert not AuditBatch.objects.exists()


def test_nul_characters_from_a_reader_are_not_stored(sup_client, agency, monkeypatch):
    """PostgreSQL refuses NUL in text and jsonb: whatever a reader returns, the row is saved."""
    import zfxxgk.reports.read as reader

    real = reader.read

    def with_nul(data, *a, **kw):
        doc = real(data, *a, **kw)
        doc.agency = "湘潭县\x00司法局"
        doc.sections = {k: v + "\x00" for k, v in doc.sections.items()}
        return doc

    monkeypatch.setattr(reader, "read", with_nul)
    batch = the_batch(upload(sup_client, [(SEEDS[2].name, SEEDS[2].read_bytes())]))
    r = batch.reports.get()
    assert (r.read_ok, r.agency_name, r.agency) == (True, "湘潭县司法局", agency)
    assert "\x00" not in str(r.document)


def test_a_result_the_database_refuses_is_an_internal_error_of_that_file(sup_client, monkeypatch):
    from django.db import DataError

    real = AuditedReport.save
    refused = []

    def save(self, *a, **kw):
        if self.filename == SEEDS[1].name and self.read_ok and not refused:
            refused.append(self.filename)
            raise DataError("value too long")
        return real(self, *a, **kw)

    monkeypatch.setattr(AuditedReport, "save", save)
    batch = the_batch(upload(sup_client, [(p.name, p.read_bytes()) for p in SEEDS[:3]]))
    batch.refresh_from_db()
    assert (batch.state, batch.done) == (BatchState.DONE, 3) and refused
    r = batch.reports.get(filename=SEEDS[1].name)
    assert (r.read_ok, r.error, r.document) == (False, "内部错误：DataError", None)
    assert batch.reports.filter(read_ok=True).count() == 2
