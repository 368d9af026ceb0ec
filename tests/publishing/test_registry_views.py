"""The registry's staff pages: list with the status on a day, filters, add/edit/废止/失效, the table 二
第（一）项 preview (the annual report's figures) and the CSV export; writers write, a supervisor
reads, other agencies are 404."""
from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from zfxxgk.publishing import registry
from zfxxgk.publishing.models import DocKind, NormativeDocument

N = DocKind.NORMATIVE


@pytest.fixture
def docs(agency, clock):
    d = date
    return {
        "old": NormativeDocument.objects.create(agency=agency, kind=N, doc_number="湘司发〔2020〕1号", title="二〇二〇年的规定", issued_on=d(2020, 2, 1)),
        "repealed": NormativeDocument.objects.create(agency=agency, kind=N, doc_number="湘司发〔2021〕2号", title="已废止的办法",
                                                     issued_on=d(2021, 3, 1), repealed_on=d(2024, 6, 1)),
        "lapsed": NormativeDocument.objects.create(agency=agency, kind=N, doc_number="湘司发〔2019〕3号", title="有效期五年的通知",
                                                   issued_on=d(2019, 5, 1), expires_on=d(2024, 5, 1)),
        "new": NormativeDocument.objects.create(agency=agency, kind=N, doc_number="湘司发〔2024〕4号", title="=HYPERLINK(\"x\")新规定",
                                                issued_on=d(2024, 12, 20), effective_on=d(2025, 1, 1)),
        "rule": NormativeDocument.objects.create(agency=agency, kind=DocKind.REGULATION, doc_number="县政府令第1号", title="一部规章",
                                                 issued_on=d(2024, 1, 10)),
    }


def url(name, *args, **params):
    base = reverse(f"publishing:registry:{name}", args=args)
    return base + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def page(client, user, name, *args, **params):
    client.force_login(user)
    return client.get(url(name, *args, **params))


def test_the_list_shows_each_documents_status_on_the_chosen_day(client, clerk, docs):
    html = page(client, clerk, "list", on="2024-12-31").content.decode()
    for number in ("湘司发〔2020〕1号", "湘司发〔2021〕2号", "湘司发〔2019〕3号", "湘司发〔2024〕4号", "县政府令第1号"):
        assert number in html
    assert html.count(">现行有效</span>") == 2 and ">已废止</span>" in html and ">已失效</span>" in html and ">尚未施行</span>" in html
    assert "&quot;x&quot;" in html and "登记文件" in html
    earlier = page(client, clerk, "list", on="2024-01-01").content.decode()
    assert "湘司发〔2024〕4号" not in earlier and "县政府令第1号" not in earlier  # not issued yet on that day
    assert earlier.count(">现行有效</span>") == 3


@pytest.mark.parametrize(("params", "numbers"), [
    ({"status": "repealed", "on": "2025-01-01"}, {"湘司发〔2021〕2号"}),
    ({"status": "expired", "on": "2025-01-01"}, {"湘司发〔2019〕3号"}),
    ({"status": "in_force", "on": "2025-01-01"}, {"湘司发〔2020〕1号", "湘司发〔2024〕4号", "县政府令第1号"}),
    ({"kind": "regulation"}, {"县政府令第1号"}),
    ({"year": "2024"}, {"湘司发〔2024〕4号", "县政府令第1号"}),
    ({"q": "办法"}, {"湘司发〔2021〕2号"}),
    ({"q": "〔2019〕"}, {"湘司发〔2019〕3号"}),
])
def test_filters(client, supervisor, docs, params, numbers):
    html = page(client, supervisor, "list", agency="xtxsfj", **params).content.decode()
    every = {d.doc_number for d in docs.values()}
    assert {n for n in every if n in html} == numbers


def test_a_supervisor_reads_but_is_offered_no_writing(client, supervisor, docs):
    response = page(client, supervisor, "list", agency="xtxsfj")
    html = response.content.decode()
    assert response.status_code == 200 and "湘司发〔2020〕1号" in html and "登记文件" not in html
    assert url("edit", docs["old"].pk) not in html
    assert page(client, supervisor, "edit", docs["old"].pk).status_code == 403
    assert page(client, supervisor, "new", agency="xtxsfj").status_code == 403
    client.force_login(supervisor)
    response = client.post(url("end", docs["old"].pk), {"how": "repeal", "on": "2025-06-01"})
    assert response.status_code == 403
    docs["old"].refresh_from_db()
    assert docs["old"].repealed_on is None


def test_other_agencies_are_404(client, outsider, docs):
    assert page(client, outsider, "list", agency="xtxsfj").status_code == 404
    assert page(client, outsider, "edit", docs["old"].pk).status_code == 404
    assert page(client, outsider, "table2", agency="xtxsfj").status_code == 404
    assert page(client, outsider, "export", agency="xtxsfj").status_code == 404
    client.force_login(outsider)
    assert client.post(url("end", docs["old"].pk), {"how": "repeal", "on": "2025-06-01"}).status_code == 404
    assert "湘司发" not in page(client, outsider, "list").content.decode()  # their own registry by default


def test_anonymous_users_log_in_first(client, docs):
    assert client.get(url("list")).status_code == 302


def test_a_clerk_registers_a_document(client, clerk, agency, clock):
    client.force_login(clerk)
    form = page(client, clerk, "new").content.decode()
    assert 'name="doc_number"' in form and "立法法第九十一条" in form
    response = client.post(url("new", agency="xtxsfj"), {"kind": "normative", "doc_number": "湘司发 [2025] 7号", "title": "关于某事的通知",
                                                        "issued_on": "2025-06-01", "note": ""})
    assert response.status_code == 302 and response["Location"] == url("list", agency="xtxsfj")
    doc = NormativeDocument.objects.get()
    assert (doc.agency, doc.doc_number, doc.issued_on, doc.publication) == (agency, "湘司发〔2025〕7号", date(2025, 6, 1), None)


def test_a_refusal_is_shown_in_chinese_and_nothing_is_saved(client, clerk, docs):
    client.force_login(clerk)
    response = client.post(url("new"), {"kind": "normative", "doc_number": "湘司发【2020】1号", "title": "重号", "issued_on": "2025-06-01"})
    assert response.status_code == 409 and "本机关已登记文号为“湘司发〔2020〕1号”的文件" in response.content.decode()
    response = client.post(url("new"), {"kind": "normative", "doc_number": "x", "title": "", "issued_on": "2025-13-01"})
    html = response.content.decode()
    assert response.status_code == 400 and "请填写标题。" in html and "请按“年-月-日”填写制发日期" in html
    response = client.post(url("new"), {"kind": "normative", "doc_number": "y", "title": "未来", "issued_on": "2025-07-01"})
    assert response.status_code == 422 and "制发日期不能晚于今天" in response.content.decode()
    assert NormativeDocument.objects.count() == len(docs)


def test_edit_and_link_a_publication(client, clerk, docs, make_published):
    pub = make_published(title="已废止的办法", column="gfxwj")
    client.force_login(clerk)
    form = client.get(url("edit", docs["repealed"].pk)).content.decode()
    assert "已废止的办法" in form and 'value="2024-06-01"' in form and f'<option value="{pub.pk}">' in form
    data = {"kind": "normative", "doc_number": "湘司发〔2021〕2号", "title": "已废止的办法（试行）", "issued_on": "2021-03-01",
            "repealed_on": "2024-06-01", "publication": str(pub.pk), "note": "由新办法替代"}
    assert client.post(url("edit", docs["repealed"].pk), data).status_code == 302
    docs["repealed"].refresh_from_db()
    assert (docs["repealed"].title, docs["repealed"].publication, docs["repealed"].note) == ("已废止的办法（试行）", pub, "由新办法替代")
    assert pub.get_absolute_url() in page(client, clerk, "list").content.decode()


@pytest.mark.parametrize(("how", "field"), [("repeal", "repealed_on"), ("expire", "expires_on")])
def test_repeal_or_lapse_from_the_documents_page(client, clerk, docs, how, field):
    client.force_login(clerk)
    response = client.post(url("end", docs["old"].pk), {"how": how, "on": "2025-06-30", "note": "见湘司发〔2025〕9号"})
    assert response.status_code == 302
    docs["old"].refresh_from_db()
    assert getattr(docs["old"], field) == date(2025, 6, 30) and docs["old"].note == "见湘司发〔2025〕9号"
    again = client.post(url("end", docs["old"].pk), {"how": "repeal", "on": "2025-06-30"})
    assert again.status_code == 409 and "该文件已" in again.content.decode()


def test_end_form_errors_are_shown(client, clerk, docs):
    client.force_login(clerk)
    response = client.post(url("end", docs["old"].pk), {"on": ""})
    html = response.content.decode()
    assert response.status_code == 400 and "请选择废止或失效。" in html and "请填写日期。" in html


def test_table2_preview_is_the_annual_reports_figures(client, supervisor, docs, agency):
    html = page(client, supervisor, "table2", agency="xtxsfj", year="2024").content.decode()
    figures = registry.table2(agency, 2024)
    assert figures == {"active.regulations.made": 1, "active.regulations.repealed": 0, "active.regulations.in_force": 1,
                       "active.normative_documents.made": 1, "active.normative_documents.repealed": 2,
                       "active.normative_documents.in_force": 2}
    assert "<th scope=\"row\">规章</th><td>1</td><td>0</td><td>1</td>" in html
    assert "<th scope=\"row\">行政规范性文件</th><td>1</td><td>2</td><td>2</td>" in html
    assert "2024-05-01 失效" in html and "2024-06-01 废止" in html and "表中没有单列失效" in html
    assert "取上表数字" in html
    before = page(client, supervisor, "table2", agency="xtxsfj", year="2018").content.decode()
    assert "由人工填报" in before
    bad = page(client, supervisor, "table2", agency="xtxsfj", year="abc")
    assert bad.status_code == 400 and "年度请填写四位数字" in bad.content.decode()


def test_table2_links_the_years_annual_report(client, clerk, docs, agency):
    from zfxxgk.annual import services as annual

    report = annual.get(agency, 2024)
    html = page(client, clerk, "table2", year="2024").content.decode()
    assert reverse("annual:report", args=[report.pk]) in html


def test_csv_export(client, head, docs):
    response = page(client, head, "export", on="2025-01-01", kind="normative")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["类别", "文号", "标题", "制发日期", "施行日期", "废止日期", "失效日期", "状态（2025-01-01）", "备注"]
    by_number = {r[1]: r for r in rows[1:]}
    assert set(by_number) == {"湘司发〔2020〕1号", "湘司发〔2021〕2号", "湘司发〔2019〕3号", "湘司发〔2024〕4号"}
    assert by_number["湘司发〔2021〕2号"][5:8] == ["2024-06-01", "", "已废止"]
    assert by_number["湘司发〔2024〕4号"][2] == "'=HYPERLINK(\"x\")新规定"  # not a formula in a spreadsheet


def test_the_pages_work_on_a_phone_and_load_no_inline_script(client, clerk, docs):
    for name, params in (("list", {}), ("new", {}), ("table2", {})):
        html = page(client, clerk, name, **params).content.decode()
        assert 'name="viewport"' in html and "<script>" not in html and " style=" not in html
    html = page(client, clerk, "edit", docs["old"].pk).content.decode()
    assert 'name="viewport"' in html and "<script>" not in html and " style=" not in html
