"""Hidden data in real XLSX files made with openpyxl."""
from __future__ import annotations

from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName

from zfxxgk.scan import Kind, scan_file

ID = "430103199001011234"


def scan(data: bytes, **kw):
    return scan_file(data, "表.xlsx", **kw)


def test_clean_workbook_has_no_findings_and_gives_its_text(make_xlsx):
    result = scan(make_xlsx())
    assert result.kind == "xlsx" and result.findings == []
    assert "道路维修" in result.text and "120.5" in result.text


def test_hidden_and_very_hidden_sheets_with_data(make_xlsx):
    def build(wb):
        names = wb.create_sheet("名单")
        names.append(["姓名", "身份证号"])
        names.append(["张三", ID])
        names.sheet_state = "hidden"
        wb.create_sheet("查找").append(["代码"])
        wb["查找"].sheet_state = "veryHidden"
        wb.create_sheet("空白").sheet_state = "hidden"  # nothing in it: nothing to report

    result = scan(make_xlsx(build))
    sheets = {f.place: f for f in result.findings if f.kind == Kind.HIDDEN_SHEET}
    assert set(sheets) == {"工作表“名单”", "工作表“查找”"}
    assert "4 个单元格" in sheets["工作表“名单”"].message and "深度隐藏" in sheets["工作表“查找”"].message
    assert ID not in sheets["工作表“名单”"].excerpt and "430103********1234" in sheets["工作表“名单”"].excerpt
    assert ID not in result.text  # hidden sheets are not the searchable text
    assert not [f for f in result.findings if f.kind == Kind.ID_CARD]


def test_hidden_rows_and_columns_holding_data(make_xlsx):
    def build(wb):
        ws = wb["公开"]
        ws.append(["张三", "13812345678", "补助"])  # row 4
        ws.append(["李四", "13912345678", "补助"])  # row 5
        ws.row_dimensions[4].hidden = True
        ws.row_dimensions[5].hidden = True
        ws.row_dimensions[9].hidden = True  # empty: no finding
        ws["E1"] = "身份证号"
        ws["E2"] = ID
        ws.column_dimensions["E"].hidden = True
        ws.column_dimensions["G"].hidden = True  # empty

    result = scan(make_xlsx(build))
    places = {(f.kind, f.place) for f in result.findings}
    assert places == {(Kind.HIDDEN_ROWS, "工作表“公开”第4—5行"), (Kind.HIDDEN_COLUMNS, "工作表“公开”E列")}
    assert "13812345678" not in result.text and ID not in result.text
    rows = next(f for f in result.findings if f.kind == Kind.HIDDEN_ROWS)
    assert "138****5678" in rows.excerpt and "6 个单元格" in rows.message


def test_visible_cells_are_scanned_with_cell_places(make_xlsx):
    def build(wb):
        wb["公开"]["B7"] = f"申请人身份证{ID}"
        wb["公开"]["C8"] = 13812345678  # a number, as Excel stores a phone typed into a cell

    result = scan(make_xlsx(build), words=["进行中"])
    assert {(f.kind, f.place) for f in result.findings} == {
        (Kind.ID_CARD, "工作表“公开”B7"), (Kind.MOBILE, "工作表“公开”C8"), (Kind.SENSITIVE_WORD, "工作表“公开”C3")}


def test_comments_with_author(make_xlsx):
    def build(wb):
        wb["公开"]["A2"].comment = Comment("这一项先别公开，电话 13812345678", "王科长")

    [f] = scan(make_xlsx(build)).findings
    assert f.kind == Kind.COMMENT and f.place == "工作表“公开”A2"
    assert "王科长" in f.message and "138****5678" in f.excerpt


def test_defined_names_pointing_at_hidden_data(make_xlsx):
    def build(wb):
        secret = wb.create_sheet("底稿")
        secret["A1"] = "原始数据"
        secret.sheet_state = "hidden"
        wb["公开"]["A20"] = "x"
        wb["公开"].row_dimensions[20].hidden = True
        wb.defined_names["底稿数据"] = DefinedName("底稿数据", attr_text="'底稿'!$A$1:$A$5")
        wb.defined_names["隐藏行"] = DefinedName("隐藏行", attr_text="'公开'!$A$18:$C$22")
        wb.defined_names["合计"] = DefinedName("合计", attr_text="'公开'!$B$2:$B$3")  # visible: fine
        wb.defined_names["税率"] = DefinedName("税率", attr_text="0.06")  # a constant

    names = {f.place: f for f in scan(make_xlsx(build)).findings if f.kind == Kind.HIDDEN_NAME}
    assert set(names) == {"名称“底稿数据”", "名称“隐藏行”"}
    assert "隐藏的工作表“底稿”" in names["名称“底稿数据”"].message
    assert "隐藏的行" in names["名称“隐藏行”"].message


def test_author_company_and_embedded_workbook(make_xlsx, rewrite_zip_fn):
    def build(wb):
        wb.properties.creator = "张三"
        wb.properties.lastModifiedBy = "李四"

    data = rewrite_zip_fn(make_xlsx(build), {
        "docProps/app.xml": lambda xml: xml.replace(b"</Properties>", "<Company>湘潭县财政局</Company></Properties>".encode()),
        "xl/embeddings/Microsoft_Word_Document.docx": lambda _: b"PK embedded",
    })
    found = {(f.kind, f.place): f for f in scan(data).findings}
    assert set(found) == {(Kind.METADATA, "文档属性“作者”"), (Kind.METADATA, "文档属性“最后修改者”"),
                          (Kind.METADATA, "文档属性“单位”"), (Kind.EMBEDDED_FILE, "嵌入对象“Microsoft_Word_Document.docx”")}
    assert "湘潭县财政局" in found[(Kind.METADATA, "文档属性“单位”")].message


def test_same_file_scanned_twice_gives_the_same_digests(make_xlsx):
    def build(wb):
        wb["公开"]["A2"].comment = Comment("备注", "甲")
        wb.create_sheet("底稿")["A1"] = "x"
        wb["底稿"].sheet_state = "hidden"

    data = make_xlsx(build)
    assert [f.digest for f in scan(data).findings] == [f.digest for f in scan(data).findings]
