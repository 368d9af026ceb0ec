"""A county supervisor uploads two reports and a corrupt file, watches the progress bar move to
the end (batch.js polling progress.json), reads the corrupt file's reason and dismisses a finding
with a note.

The task is held back (DummyBackend) and run here, file by file, waiting after each for the page's
bar to show it: the in-memory SQLite of the live server cannot be shared with a worker thread.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from zfxxgk.agencies.models import Role
from zfxxgk.oversight import batch as b
from zfxxgk.oversight.models import AuditBatch, FindingReview
from zfxxgk.reports.read import read
from zfxxgk.reports.write import render

from browser.helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEEDS = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "seeds").glob("*.txt"))


def test_supervisor_uploads_watches_progress_and_dismisses_a_finding(live_server, page, shot, county, agency, staff,
                                                                     settings, monkeypatch, tmp_path):
    from zfxxgk.oversight.tasks import audit_batch

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}}
    doc = read(SEEDS[2])  # 湘潭县司法局: tables made not to add up
    doc.set("requests.granted.total", (doc.value("requests.granted.total") or 0) + 7)
    (tmp_path / "司法局2024年报.docx").write_bytes(render(doc, "docx"))
    (tmp_path / "科工局2024年报.txt").write_bytes(SEEDS[0].read_bytes())
    (tmp_path / "损坏的年报.docx").write_bytes(render(doc, "docx")[:3000])

    staff("jd", "赵监督", (county, Role.SUPERVISOR))
    login(page, live_server.url, "jd")
    page.goto(live_server.url + "/workspace/oversight/batches/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("上传报告文件（批量审核）")
    expect(page.get_by_label("本级机关")).to_have_value(str(county.pk))
    page.get_by_label("报告年度").fill("2024")
    page.get_by_label("报告文件").set_input_files([str(tmp_path / n) for n in ("司法局2024年报.docx", "科工局2024年报.txt", "损坏的年报.docx")])
    shot("batch-upload")
    page.get_by_role("button", name="上传并开始审核").click()
    page.wait_for_url(re.compile(r"/workspace/oversight/batches/\d+/$"))
    batch = AuditBatch.objects.get()
    bar = page.locator("progress#batch-progress")
    expect(bar).to_have_attribute("max", "3")
    expect(bar).to_have_attribute("value", "0")
    expect(page.locator("#batch-state")).to_have_text("排队中")

    seen = []
    real = b.mark_progress

    def step(batch):
        real(batch)
        batch.refresh_from_db()
        # the page's poller (every 1.5 s) moves the bar: wait for it before the next file
        page.wait_for_function("n => document.getElementById('batch-progress').value === n", arg=batch.done)
        seen.append(page.locator("#batch-state").inner_text())
        if batch.done == 1:  # the first file's row is filled in without a reload
            expect(page.locator("tr", has_text="司法局2024年报.docx")).to_contain_text("湘潭县司法局（平台机关）")
            expect(page.locator("#batch-waiting")).to_be_hidden()
            shot("batch-progress")

    monkeypatch.setattr(b, "mark_progress", step)
    audit_batch.call(batch.pk)
    assert seen == ["审核中", "审核中", "审核中"]

    # Finished: the page reloads itself and shows the findings.
    expect(page.locator("#batch-state")).to_have_text("已完成")
    expect(page.get_by_text("其中 1 个无法读取")).to_be_visible()
    broken = page.locator("tr", has_text="损坏的年报.docx")
    expect(broken.locator(".reason")).to_contain_text(re.compile("无法读取：.*[\u4e00-\u9fff]"))
    justice = page.locator("tr", has_text="司法局2024年报.docx")
    expect(justice).to_contain_text("湘潭县司法局")
    expect(justice).to_contain_text("平台机关")
    expect(page.locator("tr", has_text="科工局2024年报.txt")).to_contain_text("未上平台")

    report = batch.reports.get(filename="司法局2024年报.docx")
    section = page.locator(f"#report-{report.pk}")
    findings = section.locator("li.finding")
    expect(findings).to_have_count(len(report.findings))
    first = findings.first

    # Dismissing without a reason is refused; with one it is kept and shown.
    first.get_by_label("不属问题", exact=True).check()
    first.get_by_role("button", name="保存结论").click()
    expect(page.locator("ul.messages")).to_contain_text("须写明理由")
    assert not FindingReview.objects.exists()
    first = page.locator(f"#report-{report.pk} li.finding").first
    first.get_by_label("不属问题", exact=True).check()
    first.get_by_label(re.compile("^说明")).fill("该报告为草稿版本，已核对正式发布稿无此问题")
    first.get_by_role("button", name="保存结论").click()
    expect(page.locator("ul.messages")).to_contain_text("不属问题")
    first = page.locator(f"#report-{report.pk} li.finding").first
    expect(first.locator(".review")).to_contain_text("不属问题：该报告为草稿版本，已核对正式发布稿无此问题")
    second = page.locator(f"#report-{report.pk} li.finding").nth(1)
    second.get_by_label("确认问题", exact=True).check()
    second.get_by_role("button", name="保存结论").click()
    expect(page.locator(f"#report-{report.pk} li.finding").nth(1).locator(".review")).to_contain_text("确认问题")
    assert sorted(FindingReview.objects.values_list("verdict", flat=True)) == ["confirmed", "dismissed"]
    shot("batch-reviewed")

    page.goto(live_server.url + "/workspace/oversight/batches/")
    expect(page.get_by_role("row", name=re.compile(f"第 {batch.pk} 批"))).to_contain_text("3 / 3")
    shot("batch-list")
