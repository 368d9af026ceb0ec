"""Ledger export of the filtered queue (XLSX/CSV) and all-or-nothing ledger import, both audited."""
from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from zfxxgk.cases import services as s
from zfxxgk.cases.models import Application

from workspace.helpers import login

pytestmark = pytest.mark.django_db
EXPORT = reverse("workspace:ledger")
IMPORT = reverse("workspace:ledger_import")


@pytest.fixture
def cases(agency, other, make_case):
    a = make_case(agency, date(2025, 6, 3), name="张三", phone="13912345678")
    b = make_case(agency, date(2025, 6, 5), name="李四")
    s.answer(b, date(2025, 6, 20), "granted")
    c = make_case(other, date(2025, 6, 6), name="王五")
    return a, b, c


def csv_rows(response) -> list[list[str]]:
    import csv

    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def audit(logs) -> list[str]:
    return [r.getMessage() for r in logs if r.name == "zfxxgk.audit"]


def test_csv_export_is_the_filtered_queue(client, users, cases, logs):
    c = login(client, users["clerk"])
    response = c.get(EXPORT, {"fmt": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert rows[0][:3] == ["序号", "申请人", "申请渠道"]
    assert [r[1] for r in rows[1:]] == ["张三"]  # open cases of his agency: 李四 is closed, 王五 another agency's
    rows = csv_rows(c.get(EXPORT, {"fmt": "csv", "closed": "on"}))
    assert [r[1] for r in rows[1:]] == ["张三", "李四"]
    rows = csv_rows(c.get(EXPORT, {"fmt": "csv", "closed": "on", "q": "李四"}))
    assert [r[1] for r in rows[1:]] == ["李四"]
    messages = audit(logs)
    assert len(messages) == 3 and all("ledger export" in m and "user=" in m and "clerk" in m for m in messages)
    assert "13912345678" not in "".join(messages) and "430321199001011234" not in "".join(messages)


def test_xlsx_export_for_supervisor_covers_the_county(client, users, cases, agency, other, logs):
    response = login(client, users["supervisor"]).get(EXPORT, {"closed": "on", "year": "2025"})
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]
    assert "attachment" in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.cell(1, 1).value == "各机关2025年依申请公开工作台账"
    assert {ws.cell(r, 2).value for r in range(3, ws.max_row + 1)} == {"张三", "李四", "王五"}
    assert "13912345678" not in str([c.value for row in ws.iter_rows() for c in row])
    assert f"agencies={min(agency.pk, other.pk)},{max(agency.pk, other.pk)}" in audit(logs)[0]


def test_xlsx_title_names_the_single_agency(client, users, cases):
    response = login(client, users["clerk"]).get(EXPORT, {"fmt": "xlsx", "year": "2025", "closed": "on"})
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.cell(1, 1).value == "湘潭县司法局2025年依申请公开工作台账"


def test_export_never_includes_unreadable_agencies(client, users, cases):
    rows = csv_rows(login(client, users["clerk"]).get(EXPORT, {"fmt": "csv", "closed": "on", "agency": cases[2].agency_id}))
    assert rows[1:] == []


def test_unknown_format_is_404(client, users, cases):
    assert login(client, users["clerk"]).get(EXPORT, {"fmt": "exe"}).status_code == 404


LEDGER_CSV = "序号,申请人,申请渠道,申请时间,申请内容,依申请公开编号,申请单位,答复时间,处理状态,信息获取方式,发布状态,办理结果\n"


def upload(text: str, name: str = "台账.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\ufeff" + text).encode("utf-8"), content_type="text/csv")


def test_import_registers_every_row(client, users, agency, logs):
    text = LEDGER_CSV + "1,赵六,当面,2025-03-03,法律援助经费,,,2025-03-20,,当面领取,,予以公开\n2,钱七,当面,2025-04-01,人民调解名单,,,,,,,\n"
    response = login(client, users["clerk"]).post(IMPORT, {"agency": agency.pk, "file": upload(text)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "新登记 2 件申请" in html
    apps = Application.objects.filter(agency=agency).order_by("submitted_on")
    assert [(a.applicant_name, a.state) for a in apps] == [("赵六", "closed"), ("钱七", "processing")]
    assert all(a.created_by == users["clerk"] for a in apps)
    (message,) = audit(logs)
    assert "ledger import" in message and f"agency={agency.pk}:xtxsfj" in message and "created=2 errors=0" in message


def test_import_with_errors_imports_nothing_and_shows_row_and_column(client, users, agency, logs):
    text = LEDGER_CSV + "1,赵六,当面,2025-03-03,法律援助经费,,,,,,,\n2,钱七,当面,2025-13-40,人民调解名单,,,,,,,\n"
    response = login(client, users["clerk"]).post(IMPORT, {"agency": agency.pk, "file": upload(text)})
    assert response.status_code == 400
    errors = response.context["result"].errors
    assert [(e.row, e.column) for e in errors] == [(3, "申请时间")]
    html = response.content.decode()
    assert "一件也没有导入" in html and "<td>3</td><td>申请时间</td>" in html
    assert not Application.objects.exists()
    assert "created=0 errors=1" in audit(logs)[0]


def test_import_into_an_agency_the_user_cannot_write(client, users, agency, other):
    text = LEDGER_CSV + "1,赵六,当面,2025-03-03,法律援助经费,,,,,,,\n"
    response = login(client, users["clerk"]).post(IMPORT, {"agency": other.pk, "file": upload(text)})
    assert response.status_code == 400 and not Application.objects.exists()


@pytest.mark.parametrize("role", ["supervisor", "superuser"])
def test_read_only_roles_cannot_import(client, users, agency, role):
    text = LEDGER_CSV + "1,赵六,当面,2025-03-03,法律援助经费,,,,,,,\n"
    c = login(client, users[role])
    assert c.get(IMPORT).status_code == 403
    assert c.post(IMPORT, {"agency": agency.pk, "file": upload(text)}).status_code == 403
    assert not Application.objects.exists()


def test_exported_ledger_imports_into_another_agency(client, users, agency, other, cases):
    """What the workspace exports, the workspace reads back (the other clerk re-keys nothing)."""
    exported = login(client, users["clerk"]).get(EXPORT, {"fmt": "xlsx", "closed": "on"}).content
    response = login(client, users["other_clerk"]).post(IMPORT, {"agency": other.pk, "file": SimpleUploadedFile("台账.xlsx", exported)})
    assert response.status_code == 200, response.context["result"].errors
    assert sorted(Application.objects.filter(agency=other).values_list("applicant_name", flat=True)) == sorted(["张三", "李四", "王五"])
