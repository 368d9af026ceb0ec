"""The batch audit compares the batch with itself (issue 12 item 5): consecutive years paired
(T3-XYEAR, T2-ROLL), W-CLONE over all narratives, the reader's inferred and undetermined cells
listed, and a crashing rule marking its report as not fully checked (exit 2)."""
from __future__ import annotations

import logging

import pytest
from openpyxl import load_workbook

from reports.factories import sample_document
from zfxxgk.cli import EXIT_OK, EXIT_UNREADABLE, main
from zfxxgk.reports import audit
from zfxxgk.reports.check import RULES, Rule
from zfxxgk.reports.check.clones import LISTED, Narrative, find_clones
from zfxxgk.reports.write import render
from zfxxgk.standard import format2021 as f21

# Each agency writes of its own work in its own words.
TEXTS = {
    "湘潭县司法局": ("{year}年，{name}认真贯彻落实《中华人民共和国政府信息公开条例》，围绕法律援助和人民调解扎实推进政务公开，"
                "完善信息发布审核机制，全年主动公开政府信息{n}条，公开质量和实效明显提升。",
                "存在的主要问题：一是法律援助信息更新不够及时；二是政策解读形式较为单一。改进情况：建立季度更新台账，"
                "增加图解和视频解读，确保信息发布及时准确。"),
    "湘潭县民政局": ("{name}以社会救助和养老服务为重点，坚持“公开为常态、不公开为例外”，在门户网站开设低保特困专栏，"
                "每月更新救助对象和资金发放数据{n}批次，接受群众监督。",
                "问题在于养老机构评估结果公开覆盖面不足，基层经办人员对条例理解不深。下一步将把评估结果全部上网，"
                "并组织乡镇民政干部分批轮训。"),
    "湘潭县财政局": ("本年度{name}围绕预算决算和政府采购推进财政透明，{n}个部门的预决算全部在统一平台集中公开，"
                "政府采购意向、结果公告做到应公开尽公开，财政资金的去向一目了然。",
                "预决算公开的细化程度参差不齐，个别单位的三公经费说明过于简略。我们将制定说明文本模板，"
                "并把公开质量纳入单位绩效考核，督促整改到位。"),
    "湘潭县教育局": ("围绕学校招生和教师招聘，{name}在招生季前发布划片范围、报名条件和时间安排，教师招聘全流程网上公示，"
                "全年答复家长咨询{n}次，回应社会关切。",
                "招生政策在农村地区知晓率偏低，线上公示对不会使用手机的家长不够友好。改进方面，将在村部张贴招生公告，"
                "并开通咨询热线专人解答。"),
}


def _own(name, year=2024, n=5):
    overview, problems = TEXTS[name]
    return {"overview": overview.format(name=name, year=year, n=n), "problems": problems,
            "requests": "本年度收到和处理政府信息公开申请情况见下表。"}


# --- check/clones.py ------------------------------------------------------------------------

def test_a_copy_with_name_and_numbers_changed_is_found_on_both_sides():
    copied = _own("湘潭县民政局")
    copied["overview"] = _own("湘潭县司法局")["overview"].replace("湘潭县司法局", "湘潭县民政局").replace("5条", "48条")
    batch = [Narrative(0, "湘潭县司法局", 2024, _own("湘潭县司法局")), Narrative(1, "湘潭县民政局", 2024, copied),
             Narrative(2, "湘潭县财政局", 2024, _own("湘潭县财政局"))]
    found = find_clones(batch)
    assert set(found) == {0, 1}
    (clone,) = found[0]
    assert clone.section == "overview" and clone.count == 1
    assert clone.matches[0].key == 1 and clone.matches[0].similarity == 1.0
    assert [c.section for c in found[1]] == ["overview"]


def test_a_near_duplicate_is_found_with_its_similarity():
    near = _own("湘潭县财政局")
    near["problems"] = _own("湘潭县司法局")["problems"].replace("建立季度更新台账", "认真查找不足，建立季度更新台账")
    found = find_clones([Narrative("a", "湘潭县司法局", 2024, _own("湘潭县司法局")),
                         Narrative("b", "湘潭县财政局", 2024, near)])
    (clone,) = found["b"]
    assert clone.section == "problems" and 0.85 <= clone.matches[0].similarity < 1.0


def test_own_words_template_lines_and_one_report_in_two_files_are_not_clones():
    batch = [Narrative(i, name, 2024, _own(name)) for i, name in enumerate(TEXTS)]
    # the same report twice (its .docx and its .pdf): the same agency and year
    batch.append(Narrative(9, "湘潭县司法局", 2024, _own("湘潭县司法局")))
    found = find_clones(batch)
    # "本年度收到和处理…见下表。" is shared by all, but a template line, not prose
    assert found == {}


def test_the_same_agency_in_another_year():
    batch = [Narrative("2023", "湘潭县司法局", 2023, _own("湘潭县司法局", 2023, n=7)),
             Narrative("2024", "湘潭县司法局", 2024, _own("湘潭县司法局", 2024))]
    found = find_clones(batch)
    assert sorted(c.section for c in found["2024"]) == ["overview", "problems"]
    assert found["2024"][0].matches[0].year == 2023


def test_a_text_shared_by_many_is_counted_not_listed_in_full():
    text = _own("湘潭县司法局")
    batch = [Narrative(i, f"某县第{i}局", 2024, {"problems": text["problems"]}) for i in range(40)]
    found = find_clones(batch)
    assert len(found) == 40
    (clone,) = found[7]
    assert clone.count == 39 and len(clone.matches) == LISTED
    assert 7 not in {m.key for m in clone.matches}


# --- the audit over files -------------------------------------------------------------------

def _write(tmp_path, name, year, seed, sections=None, *, carry_from=None):
    doc = sample_document("2021", seed, agency=name, year=year)
    doc.sections = sections or _own(name, year)
    if carry_from is not None:  # R02(Y) = R25(Y−1), keeping table 三 balanced
        for col in f21.COLUMN_KEYS:
            old, new = doc[f"requests.carried_over.{col}"], carry_from[f"requests.carried_forward.{col}"]
            doc.cells[f"requests.carried_over.{col}"].value = new
            doc.cells[f"requests.new_received.{col}"].value += old - new
    path = tmp_path / f"{name}{year}.txt"
    path.write_bytes(render(doc, "txt"))
    return doc, path


def _rules(result):
    return [f["rule"] for f in result.findings]


def test_consecutive_years_are_paired_and_compared(tmp_path):
    prev, p23 = _write(tmp_path, "湘潭县司法局", 2023, 1)
    _, p24 = _write(tmp_path, "湘潭县司法局", 2024, 2, carry_from=prev)
    bad_prev, _ = _write(tmp_path, "湘潭县民政局", 2023, 3)
    _write(tmp_path, "湘潭县民政局", 2024, 4)  # carries over what 2023 did not carry forward
    assert bad_prev["requests.carried_forward.total"] != sample_document("2021", 4)["requests.carried_over.total"]
    _write(tmp_path, "湘潭县财政局", 2022, 5)
    _write(tmp_path, "湘潭县财政局", 2024, 6)  # 2023 missing: no pair
    results = {(r.agency, r.year): r for r in audit.audit([tmp_path], progress=False)}
    assert results[("湘潭县司法局", 2024)].previous == str(p24.with_name("湘潭县司法局2023.txt"))
    assert "T3-XYEAR" not in _rules(results[("湘潭县司法局", 2024)])
    xyear = [f for f in results[("湘潭县民政局", 2024)].findings if f["rule"] == "T3-XYEAR"]
    assert xyear and "2023年报告“四、结转下年度继续办理”" in xyear[0]["message"]
    assert results[("湘潭县财政局", 2024)].previous is None and results[("湘潭县民政局", 2023)].previous is None
    # T2-ROLL (info) runs on the pairs too: samples draw 现行有效 at random
    assert "T2-ROLL" in _rules(results[("湘潭县民政局", 2024)])
    assert "T2-ROLL" not in _rules(results[("湘潭县财政局", 2024)])
    assert str(p23) not in {r.previous for r in results.values() if r.agency != "湘潭县司法局"}


def test_cli_audit_finds_clones_between_agencies_and_years(tmp_path, capsys):
    _write(tmp_path, "湘潭县司法局", 2023, 1, _own("湘潭县司法局", 2023))
    _write(tmp_path, "湘潭县司法局", 2024, 2, _own("湘潭县司法局", 2024, n=9))  # last year's text again
    copied = {k: v.replace("湘潭县财政局", "湘潭县教育局") for k, v in _own("湘潭县财政局").items()}
    _write(tmp_path, "湘潭县财政局", 2024, 3)
    _write(tmp_path, "湘潭县教育局", 2024, 4, copied)
    _write(tmp_path, "湘潭县民政局", 2024, 5)
    out = tmp_path / "out" / "r.xlsx"
    out.parent.mkdir()
    assert main(["report", "audit", str(tmp_path), "-q", "--out", str(out)]) == EXIT_OK
    stdout = capsys.readouterr().out
    assert "与上一年度配对比较 1 份" in stdout and "W-CLONE" in stdout
    wb = load_workbook(out)
    assert wb.sheetnames == ["报告", "问题", "合计", "推断与未定"]
    clones = {(r[1], r[4][:4]): r[4] for r in wb["问题"].iter_rows(min_row=2, values_only=True) if r[2] == "W-CLONE"}
    assert set(clones) == {("湘潭县司法局", "第一部分"), ("湘潭县司法局", "第五部分"), ("湘潭县财政局", "第一部分"),
                           ("湘潭县财政局", "第五部分"), ("湘潭县教育局", "第一部分"), ("湘潭县教育局", "第五部分")}
    assert "湘潭县财政局2024年度报告（100%" in clones[("湘潭县教育局", "第一部分")]
    assert "本机关2023年度报告" in clones[("湘潭县司法局", "第一部分")]
    header, *rows = list(wb["报告"].values)
    assert header[-4:] == ("上年报告", "校验完整", "推断单元格", "未定单元格")
    assert all(row[-3] == "是" for row in rows)


def _crash(*args, **kwargs):
    raise TypeError("a bug, not a bad file")


def test_a_crashing_rule_marks_the_report_not_fully_checked(monkeypatch, tmp_path, capsys, caplog):
    import zfxxgk.reports.check as checker

    monkeypatch.setattr(checker, "RULES", (*RULES, Rule("X-BUG", "error", "有缺陷的规则", "test", _crash)))
    doc, path = _write(tmp_path, "湘潭县司法局", 2024, 1)
    doc.cells["requests.granted.total"].value += 1  # an error the other rules must still find
    path.write_bytes(render(doc, "txt"))
    out = tmp_path / "r.csv"
    with caplog.at_level(logging.ERROR):
        code = main(["report", "audit", str(path), "-q", "--out", str(out)])
    assert code == EXIT_UNREADABLE
    err = capsys.readouterr().err
    assert "1 份报告未完全校验" in err and "X-BUG TypeError: a bug, not a bad file" in err
    record = next(r for r in caplog.records if r.exc_info)
    assert record.exc_info[0] is TypeError and "X-BUG" in record.getMessage()
    (row,) = list(__import__("csv").reader(out.open(encoding="utf-8-sig")))[1:]
    assert row[-3] == "否：X-BUG 出错" and int(row[7]) >= 1  # the table rules' errors are still counted
    findings = out.with_name("r-findings.csv").read_text("utf-8-sig")
    assert "X-BUG,程序错误,\"规则运行出错" in findings and ",T3-LEAFSUM,error," in findings


def test_a_crash_of_batch_clones_marks_every_report(monkeypatch, tmp_path, capsys):
    from zfxxgk.reports.check import clones

    monkeypatch.setattr(clones, "find_clones", _crash)
    _write(tmp_path, "湘潭县司法局", 2024, 1)
    _write(tmp_path, "湘潭县民政局", 2024, 2)
    assert main(["report", "audit", str(tmp_path), "-q"]) == EXIT_UNREADABLE
    assert "2 份报告未完全校验" in capsys.readouterr().err


def test_crashed_is_opt_in_and_keeps_the_other_rules():
    from zfxxgk.reports.check import check

    crashed = []
    findings = check(sample_document(), rules=[*RULES, Rule("X-BUG", "error", "有缺陷的规则", "test", _crash)], crashed=crashed)
    assert crashed == [("X-BUG", "TypeError: a bug, not a bad file")]
    assert findings == check(sample_document())
    with pytest.raises(TypeError):
        check(sample_document(), rules=[Rule("X-BUG", "error", "有缺陷的规则", "test", _crash)])


def test_inferred_and_undetermined_cells_are_listed(monkeypatch, tmp_path, capsys):
    """The reader marks solved cells with ``Cell.inferred`` (how) and lists what it could not fix in
    ``doc.undetermined`` (path → why); the audit lists both."""
    import zfxxgk.reports.read as reader

    real = reader.read

    def read(path, *args, **kwargs):
        doc = real(path, *args, **kwargs)
        if "司法局" in str(path):
            doc.cells["requests.granted.natural_person"].inferred = "由行总计推算"
            doc.undetermined = {"appeals.reconsideration.upheld": "两种读法均满足勾稽关系", "appeals.reconsideration.corrected": "无读法满足"}
        return doc

    monkeypatch.setattr(reader, "read", read)
    doc, _ = _write(tmp_path, "湘潭县司法局", 2024, 1)
    _write(tmp_path, "湘潭县民政局", 2024, 2)
    out = tmp_path / "r.xlsx"
    assert main(["report", "audit", str(tmp_path), "-q", "--out", str(out)]) == EXIT_OK
    assert "含推断或未定单元格的报告 1 份（推断 1 格，未定 2 格）" in capsys.readouterr().out
    wb = load_workbook(out)
    header, *rows = list(wb["推断与未定"].values)
    assert header == tuple(audit.CELL_COLUMNS)
    assert [(r[3], r[5], r[6], r[7] or "") for r in rows] == [
        ("requests.granted.natural_person", "推断", doc["requests.granted.natural_person"], "由行总计推算"),
        ("appeals.reconsideration.upheld", "未定", None, "两种读法均满足勾稽关系"),
        ("appeals.reconsideration.corrected", "未定", None, "无读法满足"),
    ]
    assert "予以公开" in rows[0][4] and "自然人" in rows[0][4]
    report = {r[1]: r for r in list(wb["报告"].values)[1:]}
    assert report["湘潭县司法局"][-2:] == (1, 2) and report["湘潭县民政局"][-2:] == (0, 0)
