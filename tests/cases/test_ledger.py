import csv
import io
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from zfxxgk.agencies.models import Agency
from zfxxgk.cases import ledger
from zfxxgk.cases import services as s
from zfxxgk.cases.choices import ApplicantKind, Channel, Delivery, State
from zfxxgk.cases.models import Application

pytestmark = pytest.mark.django_db
TODAY = date(2025, 1, 20)
SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seeds" / "002_267bdac6bb3be835.txt"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(s, "today", lambda: TODAY)


@pytest.fixture
def agency():
    return Agency.objects.create(name="湘潭县司法局", code="xtxsfj")


@pytest.fixture
def other():
    return Agency.objects.create(name="湘潭县民政局", code="xtxmzj")


def _new(name, description, channel, on, **kw):
    kind = kw.pop("kind", "natural_person")
    kw.setdefault("phone", "13800000000")
    return s.NewApplication(kind, name, description, channel, on, **kw)


@pytest.fixture
def apps(agency):
    """Five applications in different states, with personal data the export must leave out."""
    a1 = s.register(agency, _new("张三", "2024年法律援助经费使用情况", "in_person", date(2024, 3, 1), id_number="430321199001011234", delivery="pickup"))
    s.answer(a1, date(2024, 3, 5), "granted")
    a2 = s.register(agency, _new("湖南某某律师事务所", "社区矫正人员数量", "internet", date(2024, 3, 4), kind="legal_service", contact_person="李四", email="lisi@example.cn"))
    s.confirm_receipt(a2, date(2024, 3, 4))
    a3 = s.register(agency, _new("王五", "人民调解委员会名单", "post_signed", date(2024, 3, 6), signed_on=date(2024, 3, 6), delivery="post", address="湘潭县易俗河镇"))
    s.answer(a3, date(2024, 3, 20), "denied_state_secret")
    s.register(agency, _new("赵六", '=HYPERLINK("http://x.cn","点击")', "email", date(2024, 3, 10), phone="13900001111"))
    a5 = s.register(agency, _new("钱七", "法律顾问合同", "in_person", date(2024, 3, 11), delivery="pickup"))
    s.request_correction(a5, date(2024, 3, 12), date(2024, 3, 26), "请说明合同的年份")
    return Application.objects.filter(agency=agency)


EXPECTED = [
    [1, "张三", "当面提交", "2024-03-01", "2024年法律援助经费使用情况", "xtxsfj-2024-0001", "", "2024-03-05", "已办结", "当面领取", "已公开", "（一）予以公开"],
    [2, "李四", "互联网渠道", "2024-03-04", "社区矫正人员数量", "xtxsfj-2024-0002", "湖南某某律师事务所", "", "办理中", "电子邮件", "", ""],
    [3, "王五", "邮政快递（需签收）", "2024-03-06", "人民调解委员会名单", "xtxsfj-2024-0003", "", "2024-03-20", "已办结", "邮寄", "不公开", "（三）不予公开 1.属于国家秘密"],
    [4, "赵六", "电子邮件", "2024-03-10", '=HYPERLINK("http://x.cn","点击")', "xtxsfj-2024-0004", "", "", "待确认收到", "电子邮件", "", ""],
    [5, "钱七", "当面提交", "2024-03-11", "法律顾问合同", "xtxsfj-2024-0005", "", "", "待补正", "当面领取", "", ""],
]
PRIVATE = ("430321199001011234", "13800000000", "13900001111", "lisi@example.cn", "易俗河镇")


# --- export ------------------------------------------------------------------------------------

def test_rows_columns_and_values(apps):
    assert ledger.COLUMNS == ("序号", "申请人", "申请渠道", "申请时间", "申请内容", "依申请公开编号", "申请单位",
                              "答复时间", "处理状态", "信息获取方式", "发布状态", "办理结果")
    assert ledger.ledger_rows(apps) == EXPECTED  # ordered by 申请时间 whatever the queryset order


def test_csv_has_bom_and_opens_with_csv_module(apps):
    data = ledger.export_csv(apps)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == list(ledger.COLUMNS)
    assert rows[1] == [str(v) for v in EXPECTED[0]]
    assert rows[4][4] == "'" + EXPECTED[3][4]  # a formula-like cell is defused for Excel
    assert not any(p in data.decode("utf-8-sig") for p in PRIVATE)


def test_xlsx_layout(apps):
    data = ledger.export_xlsx(apps, ledger.ledger_title("湘潭县司法局", 2024))
    ws = load_workbook(io.BytesIO(data)).active
    assert ws["A1"].value == "湘潭县司法局2024年依申请公开工作台账" and ws["A1"].font.bold
    assert "A1:L1" in [str(r) for r in ws.merged_cells.ranges]
    assert [c.value for c in ws[2]] == list(ledger.COLUMNS)
    assert all(c.font.bold and c.border.left.style == "thin" for c in ws[2])
    assert ws.freeze_panes == "A3"
    assert ws.column_dimensions["E"].width == 40
    assert ws["D3"].value == datetime(2024, 3, 1) and ws["D3"].number_format == "yyyy-mm-dd"
    assert ws["E6"].data_type == "s" and ws["E6"].value == EXPECTED[3][4]  # text, not a formula
    assert [c.value for c in ws[7]][1:3] == ["钱七", "当面提交"]
    values = " ".join(str(c.value) for row in ws.iter_rows() for c in row)
    assert not any(p in values for p in PRIVATE)


# --- import: round trip ---------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_round_trip_into_another_agency(apps, other, fmt):
    data = ledger.export_xlsx(apps, "台账") if fmt == "xlsx" else ledger.export_csv(apps)
    result = ledger.import_ledger(other, data, f"台账.{fmt}")
    assert result.ok, result.errors
    assert len(result.created) == 5
    again = ledger.ledger_rows(Application.objects.filter(agency=other))
    # The documented differences: numbers are kept, so rows agree except that a ledger carries no
    # 补正 step, so the 待补正 application comes back 办理中.
    expected = [list(r) for r in EXPECTED]
    expected[4][8] = "办理中"
    assert again == expected
    org = Application.objects.get(agency=other, applicant_name="湖南某某律师事务所")
    assert (org.applicant_kind, org.contact_person, org.received_on) == (ApplicantKind.LEGAL_SERVICE, "李四", date(2024, 3, 4))
    assert Application.objects.get(agency=other, applicant_name="赵六").state == State.AWAITING_CONFIRMATION


# --- import: hand-made files ----------------------------------------------------------------------

HEADER = ["序 号", "　申请人　", "申请\n\n渠道", "申请时间", "申请内容", "备注", "依申请公开编号", "申请单位",
          "答复时间", "处理状态", "信息获取方式", "发布状态", "办理结果"]


def _xlsx(rows, title="某某局2024年依申请公开工作台账"):
    wb = Workbook()
    ws = wb.active
    ws.append([title])
    ws.merge_cells("A1:M1")
    ws.append([])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _csv(rows, encoding="utf-8"):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding)


def test_import_handmade_xlsx(agency):
    rows = [
        HEADER,
        [1, "张三", "现场", datetime(2024, 1, 5), "政府信息A", "x", None, None, "2024/1/20", "已办结", "当面领取", "已公开", "予以公开"],
        [2, "李四", "邮寄", "2024.1.8", "政府信息B", None, "湘司依申〔2024〕7号", "湖南某某律师事务所", "2024年2月20日", None, None, None, "不予公开（国家秘密）"],
        [],
        [3, "王五", "网上申请", "２０２４年３月５日", "政府信息C", None, None, "湘潭某某科技有限公司", None, "办理中", None, None, None],
        [4, "陈七", "传真", "2024-04-01", "政府信息D", None, None, "湘潭大学法学院", "2024-04-10", None, "电子邮件", None, "本机关不掌握"],
        [5, "刘八", "邮箱", 45399, "政府信息E", None, None, "某某公益基金会", 45400.0, None, None, None, "（六）其他处理 3.其他"],
        [6, "周九", None, "2024-05-06", "政府信息F", None, None, "某某村民委员会", None, None, None, None, "办理中"],
        ["工作提示：线下申请的政府信息公开需要录入网站平台才有依申请公开编号"],
    ]
    result = ledger.import_ledger(agency, _xlsx(rows), "台账.xlsx")
    assert result.ok, result.errors
    assert (len(result.created), result.skipped) == (6, 2)
    got = {a.description: a for a in Application.objects.filter(agency=agency)}
    a, b, c, d, e, f = (got[f"政府信息{x}"] for x in "ABCDEF")
    assert (a.applicant_kind, a.channel, a.received_on, a.delivery, a.closed_on) == ("natural_person", Channel.IN_PERSON, date(2024, 1, 5), Delivery.PICKUP, date(2024, 1, 20))
    assert a.outcome == "granted" and a.address == ""
    assert "据依申请公开工作台账导入" in a.events.get(kind="registered").reason
    assert (b.applicant_name, b.contact_person, b.applicant_kind, b.number) == ("湖南某某律师事务所", "李四", "legal_service", "湘司依申〔2024〕7号")
    assert (b.channel, b.signed_on, b.received_on, b.delivery) == (Channel.POST_SIGNED, date(2024, 1, 8), date(2024, 1, 8), Delivery.POST)
    assert b.outcome == "denied_state_secret"
    assert (c.applicant_kind, c.channel, c.received_on, c.state, c.delivery) == ("commercial", Channel.INTERNET, date(2024, 3, 5), State.PROCESSING, Delivery.ONLINE)
    assert (d.applicant_kind, d.channel, d.delivery, d.outcome) == ("research", Channel.FAX, Delivery.EMAIL, "unable_not_held")
    assert (e.applicant_kind, e.channel, e.submitted_on, e.closed_on) == ("social_welfare", Channel.EMAIL, date(2024, 4, 17), date(2024, 4, 18))
    assert e.outcome == "other_other"
    assert (f.applicant_kind, f.channel, f.state) == ("other_org", Channel.IN_PERSON, State.PROCESSING)
    assert a.number == "xtxsfj-2024-0001"
    assert a.events.get(kind="answered").reason == "据依申请公开工作台账导入（台账.xlsx第4行）"


def test_import_gbk_csv(agency):
    rows = [["申请人", "申请渠道", "申请日期", "申请内容", "答复日期", "办理结果"],
            ["张三", "当面", "2024/1/5", "2023年度部门预算，包括“三公”经费", "2024/1/10", "部分公开"],
            ["李四", "平常信函", "2024/2/1", "行政复议决定书", "", ""]]
    data = _csv(rows, "gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    result = ledger.import_ledger(agency, data, "台账.csv")
    assert result.ok, result.errors
    a, b = sorted(result.created, key=lambda x: x.submitted_on)
    assert a.description == "2023年度部门预算，包括“三公”经费" and a.outcome == "partially_granted"
    assert (b.channel, b.received_on, b.state) == (Channel.POST_UNSIGNED, date(2024, 2, 1), State.PROCESSING)
    # and UTF-8 without a BOM
    assert ledger.import_ledger(Agency.objects.create(name="乙", code="b"), _csv(rows), "x.csv").ok


def _seed_rows():
    """附件3 of seed 002, one cell per tab-led line; a blank line then a tab-led line starts a row."""
    lines = SEED.read_text(encoding="utf-8").split("附件3", 1)[1].splitlines()
    rows, row, blank = [], [], False
    for line in lines:
        if not line.strip():
            blank = True
            continue
        if line.startswith("\t"):
            if blank and row:
                rows.append(row)
                row = []
            row.append(line[1:])
        elif row:
            row[-1] += "\n" + line
        blank = False
    return rows + [row]


def test_seed_ledger_without_applications_imports_nothing(agency):
    rows = _seed_rows()
    assert rows[0] == ["湘潭县司法局2024年依申请公开工作台账"] and rows[1][2] == "申请\n渠道" and rows[2][:2] == ["1", "无"]
    from docx import Document
    doc = Document()
    table = doc.add_table(rows=0, cols=13)
    for r in rows:
        cells = table.add_row().cells
        for i, v in enumerate(r):
            cells[i].text = v
    out = io.BytesIO()
    doc.save(out)
    for data, name in ((_xlsx(rows[1:], rows[0][0]), "台账.xlsx"), (_csv(rows), "台账.csv"), (out.getvalue(), "台账.docx")):
        result = ledger.import_ledger(agency, data, name)
        assert result.ok and result.created == [] and result.skipped == 4, (name, result.errors)
    assert Application.objects.count() == 0


# --- import: errors, all or nothing ----------------------------------------------------------------

GOOD = ["张三", "当面", "2024-01-05", "政府信息", "", "2024-01-10", "予以公开"]
COLS = ["申请人", "申请渠道", "申请时间", "申请内容", "依申请公开编号", "答复时间", "办理结果"]


def _bad(**change):
    row = dict(zip(COLS, GOOD))
    row.update(change)
    return [row[c] for c in COLS]


@pytest.mark.parametrize("bad,column,message", [
    (_bad(申请时间="2024/13/01"), "申请时间", "日期“2024/13/01”无法识别"),
    (_bad(申请时间=""), "申请时间", "请填写申请时间"),
    (_bad(申请时间="2099-01-01"), "申请时间", "申请时间（2099-01-01）晚于今天"),
    (_bad(答复时间="2024-01-03"), "答复时间", "答复时间（2024-01-03）早于申请时间（2024-01-05）"),
    (_bad(答复时间=""), "答复时间", "已填写办理结果，请填写答复时间"),
    (_bad(办理结果=""), "办理结果", "已填写答复时间，请填写办理结果"),
    (_bad(办理结果="很满意"), "办理结果", "办理结果“很满意”无法识别"),
    (_bad(办理结果="不予公开"), "办理结果", "办理结果“不予公开”不够具体"),
    (_bad(办理结果="逾期不补正"), "办理结果", "“（六）其他处理 1.申请人无正当理由逾期不补正"),
    (_bad(申请渠道="飞鸽传书"), "申请渠道", "申请渠道“飞鸽传书”无法识别"),
    (_bad(申请内容=""), "申请内容", "请填写申请内容"),
    (_bad(依申请公开编号="N-1"), "依申请公开编号", "编号“N-1”与第"),
    (_bad(依申请公开编号="xtxsfj-2024-0099"), "依申请公开编号", "本机关已有编号为“xtxsfj-2024-0099”的申请"),
])
def test_error_reports_row_and_column_and_imports_nothing(agency, bad, column, message):
    existing = s.register(agency, _new("甲", "已有", "in_person", date(2024, 1, 2)))
    Application.objects.filter(pk=existing.pk).update(number="xtxsfj-2024-0099")
    first = _bad(依申请公开编号="N-1")
    for fmt in ("csv", "xlsx"):
        data = _csv([COLS, first, GOOD, bad]) if fmt == "csv" else _xlsx([COLS, first, GOOD, bad])
        before = Application.objects.count()
        result = ledger.import_ledger(agency, data, "台账." + fmt)
        offset = 0 if fmt == "csv" else 2  # the XLSX has a title and an empty row above the header
        assert [(e.row, e.column) for e in result.errors] == [(4 + offset, column)], result.errors
        assert result.errors[0].message.startswith(message)
        assert result.created == [] and Application.objects.count() == before


def test_missing_header_and_missing_column(agency):
    result = ledger.import_ledger(agency, _csv([["张三", "2024-01-05", "政府信息"]]), "x.csv")
    assert result.errors == [(1, "", "未找到台账表头：应有“申请人”“申请时间”“申请内容”等列（见导出的台账模板）")]
    result = ledger.import_ledger(agency, _xlsx([["序号", "申请人", "申请内容", "办理结果"], [1, "张三", "x", ""]]), "x.xlsx")
    assert result.errors == [(3, "申请时间", "缺少“申请时间”列")]
    result = ledger.import_ledger(agency, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.xls")
    assert result.errors[0][:2] == (1, "") and ".xlsx" in result.errors[0][2]
    assert Application.objects.count() == 0


def test_every_bad_row_is_reported_at_once(agency):
    data = _csv([COLS, GOOD, _bad(申请时间="昨天"), GOOD, _bad(申请渠道="飞鸽", 办理结果="好")])
    result = ledger.import_ledger(agency, data, "x.csv")
    assert [(e.row, e.column) for e in result.errors] == [(3, "申请时间"), (5, "申请渠道"), (5, "办理结果")]
    assert Application.objects.count() == 0


def test_a_refusal_by_services_rolls_back_every_row(agency, monkeypatch):
    real = s.answer

    def answer(app, on, outcome, actor=None, reason="", **kw):
        if app.applicant_name == "李四":
            raise s.CaseError("当前状态不能答复。")
        return real(app, on, outcome, actor, reason, **kw)

    monkeypatch.setattr(s, "answer", answer)
    data = _csv([COLS, GOOD, _bad(申请人="李四", 依申请公开编号="xtxsfj-2024-0003"), GOOD])
    result = ledger.import_ledger(agency, data, "x.csv")
    assert result.errors == [(3, "", "当前状态不能答复。")] and result.created == []
    assert Application.objects.count() == 0
    # the counter rolled back too: the next registration is number 1
    assert s.register(agency, _new("甲", "x", "in_person", date(2024, 1, 2))).number == "xtxsfj-2024-0001"


def test_kept_numbers_in_the_agency_pattern_are_not_handed_out_again(agency):
    """No duplicate and no gap: the row without a number of its own gets 1, new applications fill 2–4
    and the platform passes over the kept 5."""
    data = _csv([COLS, _bad(依申请公开编号="xtxsfj-2024-0005"), GOOD])
    assert ledger.import_ledger(agency, data, "x.csv").ok
    got = [s.register(agency, _new("甲", "x", "in_person", date(2024, 6, 1))).number for _ in range(5)]
    assert got == ["xtxsfj-2024-0002", "xtxsfj-2024-0003", "xtxsfj-2024-0004", "xtxsfj-2024-0006", "xtxsfj-2024-0007"]


@pytest.mark.parametrize("number", ["xtxsfj-2024-99999999999", "xtxsfj-2024-2147483648", "xtxsfj-99999-0001"])
def test_kept_numbers_out_of_any_integer_range_import(agency, number):
    """A kept number is text: however large the figures in it, nothing overflows (was a 500 on PostgreSQL)."""
    assert ledger.import_ledger(agency, _csv([COLS, _bad(依申请公开编号=number)]), "x.csv").ok
    assert Application.objects.get(number=number).seq == 0
    assert s.register(agency, _new("甲", "x", "in_person", date(2024, 6, 1))).number == "xtxsfj-2024-0001"


def test_applicant_kind_from_organisation_name():
    kinds = {name: ledger.infer_applicant_kind(name) for name in (
        "", "湖南某某律师事务所", "某某研究院有限公司", "湘潭大学", "中科院某某研究所", "某某慈善基金会", "湘潭县人民医院", "某某村民委员会")}
    assert kinds == {"": "natural_person", "湖南某某律师事务所": "legal_service", "某某研究院有限公司": "commercial",
                     "湘潭大学": "research", "中科院某某研究所": "research", "某某慈善基金会": "social_welfare",
                     "湘潭县人民医院": "other_org", "某某村民委员会": "other_org"}


@pytest.mark.parametrize("text,expected", [
    ("2024-01-05", date(2024, 1, 5)), ("2024/1/5", date(2024, 1, 5)), ("2024.1.5", date(2024, 1, 5)),
    ("2024年1月5日", date(2024, 1, 5)), ("２０２４年１月５日", date(2024, 1, 5)), ("2024-01-05 00:00:00", date(2024, 1, 5)),
    (datetime(2024, 1, 5, 0, 0), date(2024, 1, 5)), (45296, date(2024, 1, 5)),
])
def test_dates(text, expected):
    assert ledger._date(text) == expected


def test_every_outcome_label_matches_itself_and_loose_forms():
    for key, label in ledger.OUTCOME_LABELS.items():
        assert ledger.match_outcome(label) == key
    assert len(ledger.OUTCOME_LABELS) == 21
    loose = {"予以公开": "granted", "部分公开": "partially_granted", "不予公开（国家秘密）": "denied_state_secret",
             "本机关不掌握": "unable_not_held", "无法提供（信息不存在）": "unable_not_held",
             "不予处理-重复申请": "not_handled_duplicate", "属于行政执法案卷": "denied_law_enforcement_file"}
    assert {t: ledger.match_outcome(t) for t in loose} == loose


# --- import: hostile files, refused with the report reader's caps (zfxxgk.reports.limits) -------------

def _refused(agency, data, name, *needles):
    import time

    start = time.process_time()  # CPU time: a busy shared machine must not fail the test
    result = ledger.import_ledger(agency, data, name)
    assert time.process_time() - start < 3, "a hostile file must be refused at once"
    assert [(e.row, e.column) for e in result.errors] == [(1, "")], result.errors
    message = result.errors[0].message
    assert "已拒绝读取" in message and all(n in message for n in needles), message
    assert result.created == [] and Application.objects.count() == 0
    return message


def test_zip_bombs_are_refused(agency):
    from reports import hostile

    _refused(agency, hostile.zip_bomb_docx(210), "台账.docx", "ZFXXGK_MAX_UNPACKED_MB", "压缩炸弹")
    _refused(agency, hostile.zip_bomb_xlsx(210), "台账.xlsx", "ZFXXGK_MAX_UNPACKED_MB")
    _refused(agency, hostile.lying_size_docx(64), "台账.docx", "与目录")


def test_three_million_rows_are_refused(agency):
    from reports import hostile

    _refused(agency, hostile.many_rows_xlsx(150_000), "台账.xlsx", "ZFXXGK_MAX_XLSX_ROWS")


def test_a_cell_at_the_last_row_does_not_make_a_million_empty_rows(agency):
    wb = Workbook()
    wb.active.append(COLS)
    wb.active.cell(1_048_576, 1, "张三")
    out = io.BytesIO()
    wb.save(out)
    _refused(agency, out.getvalue(), "台账.xlsx", "ZFXXGK_MAX_XLSX_ROWS")


@pytest.mark.parametrize("name", ["台账.xlsx", "台账.docx"])
def test_billion_laughs_is_refused_not_a_server_error(agency, name):
    from reports import hostile

    data = hostile.billion_laughs_xlsx() if name.endswith("xlsx") else hostile.billion_laughs_docx()
    _refused(agency, data, name, "DTD")


def test_huge_csv_is_refused(agency, monkeypatch):
    row = "张三,当面,2024-01-05,政府信息,2024-01-10,予以公开\n"
    data = ("申请人,申请渠道,申请时间,申请内容,答复时间,办理结果\n" + row * 20_000).encode()
    monkeypatch.setenv("ZFXXGK_MAX_TEXT_CHARS", "200000")
    _refused(agency, data, "台账.csv", "ZFXXGK_MAX_TEXT_CHARS")
    monkeypatch.setenv("ZFXXGK_MAX_INPUT_MB", "1")
    _refused(agency, data * 2, "台账.csv", "ZFXXGK_MAX_INPUT_MB")
