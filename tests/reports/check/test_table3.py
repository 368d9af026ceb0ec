"""Table 三 rules (spec §8.1, §8.5): one document that triggers each rule, one that does not."""
from zfxxgk.reports.check import check

from checkdocs import ids, make_doc, of, set_value


def test_balance_per_column_with_message():
    # 自然人: 一 = 5, 二 = 1, 四 = 1 and leaves summing to 4 → 5+1 = 6 ≠ 4+1 = 5
    doc = make_doc(leaves={"natural_person": {"granted": 4}}, carried_over={"natural_person": 1},
                   carried_forward={"natural_person": 1})
    assert not of(check(doc), "T3-BAL")
    set_value(doc, "requests.new_received.natural_person", 5)
    set_value(doc, "requests.new_received.total", 5)  # keeps the row sum right
    f, total = of(check(doc), "T3-BAL")
    assert total.message.startswith("表三 总计列：")
    assert f.severity == "error"
    assert f.message == "表三 自然人列：一+二 = 5+1 = 6，而 三(七)总计+四 = 4+1 = 5"
    assert f.cells == ["requests.new_received.natural_person", "requests.carried_over.natural_person",
                       "requests.total.natural_person", "requests.carried_forward.natural_person"]
    assert f.values["requests.new_received.natural_person"] == 5


def test_rowsum():
    doc = make_doc()
    assert not of(check(doc), "T3-ROWSUM")
    set_value(doc, "requests.denied_state_secret.total", 4)  # parts are all 0
    (f,) = of(check(doc), "T3-ROWSUM")
    assert f.severity == "error"
    assert "“（三）不予公开 1.属于国家秘密”行" in f.message
    assert "= 0+0+0+0+0+0 = 0，而 总计 = 4" in f.message


def test_leafsum():
    doc = make_doc()
    assert not of(check(doc), "T3-LEAFSUM")
    set_value(doc, "requests.total.commercial", 3)  # leaves: 1 + 1
    findings = check(doc)
    (f,) = of(findings, "T3-LEAFSUM")
    assert f.message.startswith("表三 商业企业列：21项办理结果之和 = 1+1（其余为0） = 2，而 （七）总计 = 3")
    assert "requests.total.commercial" in f.cells


def test_leafsum_with_every_leaf_zero_or_blank():
    doc = make_doc()
    for path in [p for p in doc.cells if p.startswith("requests.") and p.endswith(".research")]:
        set_value(doc, path, 0)
    set_value(doc, "requests.total.research", 5)
    set_value(doc, "requests.new_received.research", 5)  # keep T3-BAL quiet
    (f,) = of(check(doc), "T3-LEAFSUM")
    assert "21项办理结果之和 = 0（全部为0或空白），而 （七）总计 = 5" in f.message


def test_leafsum_2019_format_uses_other_subtotal():
    doc = make_doc(fmt="2019", year=2020, leaves={"natural_person": {"other_subtotal": 2, "granted": 1}})
    assert ids(check(doc), ("error",)) == set()
    set_value(doc, "requests.other_subtotal.natural_person", 3)
    assert {"T3-LEAFSUM", "T3-ROWSUM"} <= ids(check(doc), ("error",))


def test_nonneg():
    doc = make_doc()
    assert not of(check(doc), "T3-NONNEG")
    set_value(doc, "requests.granted.research", -1)
    (f,) = of(check(doc), "T3-NONNEG")
    assert f.cells == ["requests.granted.research"] and "科研机构列 = -1" in f.message


def test_carry_forward_bound():
    doc = make_doc()
    assert not of(check(doc), "T3-CF-BOUND")
    set_value(doc, "requests.carried_forward.natural_person", 9)  # 一+二 = 7+1 = 8
    (f,) = of(check(doc), "T3-CF-BOUND")
    assert f.message == "表三 自然人列：四、结转下年度继续办理 = 9，超过 一+二 = 7+1 = 8"


def test_complete_when_only_total_filled():
    applicants = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org")
    doc = make_doc()
    blank = tuple(f"requests.{r}.{c}" for r in ("new_received", "granted", "total") for c in applicants)
    doc = make_doc(blank=blank)
    # the applicant cells read 0 but 总计 keeps its printed value
    findings = check(doc)
    (f,) = of(findings, "T3-COMPLETE")
    assert f.severity == "warning" and "3行只填了总计" in f.message
    assert "“一、本年新收政府信息公开申请数量”（总计 10）" in f.message
    assert not of(findings, "T3-ROWSUM")  # reported once, by T3-COMPLETE
    assert not ids(findings, ("error",))  # every failing formula involves a blank cell
    assert "T3-BAL" in ids(findings, ("warning",))
    assert not of(check(make_doc()), "T3-COMPLETE")


def test_blank_cell_downgrades_and_says_so():
    doc = make_doc(blank=("requests.granted.research",))
    set_value(doc, "requests.granted.total", 5, status="ok")  # 3+1+0(blank) ≠ 5
    findings = check(doc)
    (rowsum,) = of(findings, "T3-ROWSUM")
    assert rowsum.severity == "warning" and rowsum.message.endswith("（含空白单元格，按0计）")
    # the LEAFSUM of column 总计 involves no blank cell: still an error
    (leafsum,) = of(findings, "T3-LEAFSUM")
    assert leafsum.severity == "error"


def test_w_blank_one_finding_per_table():
    doc = make_doc(blank=("requests.granted.research", "requests.granted.legal_service", "appeals.litigation_direct.other",
                          "active.coercion"))
    blank = of(check(doc), "W-BLANK")
    assert [f.message[:2] for f in blank] == ["表二", "表三", "表四"]
    assert blank[1].cells == ["requests.granted.research", "requests.granted.legal_service"]
    assert "表三有2个单元格为空白" in blank[1].message and "“（一）予以公开”行 科研机构列" in blank[1].message
    assert not of(check(make_doc()), "W-BLANK")


def test_split_cell_suspected():
    # 自然人 12 printed as "1" "2" with a blank cell lost: 1 2 0 0 0 0 | 12
    doc = make_doc(leaves={"natural_person": {"granted": 12}})
    row = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]
    for col, v in zip(row, (1, 2, 0, 0, 0, 0, 12)):
        set_value(doc, f"requests.granted.{col}", v)
    findings = check(doc)
    (split,) = of(findings, "T3-SPLIT")
    assert split.severity == "warning"
    assert split.cells == ["requests.granted.natural_person", "requests.granted.commercial"]
    assert "疑似拆格" in split.message and "合读为12" in split.message
    assert of(findings, "T3-ROWSUM")  # the row as read still fails


def test_no_split_when_merging_does_not_help():
    doc = make_doc()
    set_value(doc, "requests.granted.total", 7)  # 3+1 ≠ 7, and no merge gives 7
    assert of(check(doc), "T3-ROWSUM") and not of(check(doc), "T3-SPLIT")
