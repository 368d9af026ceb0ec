"""T3-XYEAR, T2-ROLL, W-CLONE: only with a previous report."""
from zfxxgk.reports.check import check

from checkdocs import make_doc, of, set_value


def _pair(**kw):
    prev = make_doc(year=2023, carried_forward={"natural_person": 1}, **kw)  # R25: 自然人 1, 总计 1
    here = make_doc(year=2024, carried_over={"natural_person": 1})  # R02: 自然人 1, 总计 1
    return here, prev


def test_carry_over_continues():
    here, prev = _pair()
    assert not of(check(here, prev), "T3-XYEAR")
    assert not of(check(here), "T3-XYEAR")


def test_carry_over_breaks():
    here, prev = _pair()
    here = make_doc(year=2024, carried_over={"natural_person": 1, "commercial": 1})
    found = of(check(here, prev), "T3-XYEAR")
    assert [f.cells for f in found] == [["requests.carried_over.commercial"], ["requests.carried_over.total"]]
    assert found[1].message == ("表三 总计列：本年“二、上年结转政府信息公开申请数量” = 2，"
                                "而 2023年报告“四、结转下年度继续办理” = 1")
    assert found[1].severity == "warning"


def test_carry_over_only_total_when_columns_blank():
    here, prev = _pair()
    applicants = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org")
    prev = make_doc(year=2023, carried_forward={"natural_person": 1},
                    blank=tuple(f"requests.{r}.{c}" for r in ("carried_over", "carried_forward") for c in applicants))
    set_value(here, "requests.carried_over.natural_person", 0)
    set_value(here, "requests.carried_over.commercial", 1)  # per-column not comparable with a blank year
    assert [f.cells for f in of(check(here, prev), "T3-XYEAR")] == []


def test_not_consecutive_years_are_not_compared():
    here, prev = _pair()
    prev.year = 2021
    set_value(here, "requests.carried_over.total", 5)
    assert not of(check(here, prev), "T3-XYEAR")


def test_in_force_roll():
    prev = make_doc(year=2023)  # 行政规范性文件 现行有效 12
    here = make_doc(year=2024)  # made 2, repealed 1, in force 12 → expected 13
    (f,) = of(check(here, prev), "T2-ROLL")
    assert f.severity == "info"
    assert "上年现行有效 12 + 本年制发 2 − 本年废止 1 = 13，而 本年现行有效件数 = 12" in f.message
    set_value(here, "active.normative_documents.in_force", 13)
    assert not of(check(here, prev), "T2-ROLL")


def test_clone_narrative():
    body = ("{y}年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。"
            "严格信息发布“三审制”，公开发布的内容均经股室拟稿、分管领导审核后由局办公室发布。"
            "积极配合县政府做好政府信息公开网站的维护工作，按要求完成各项任务。")
    prev, here = make_doc(year=2023), make_doc(year=2024)
    prev.sections["overview"] = body.format(y=2023)
    here.sections["overview"] = body.format(y=2024)  # same sentences with the year changed
    findings = of(check(here, prev), "W-CLONE")
    assert any("逐句相同" in f.message for f in findings)
    here.sections["overview"] = ("本年度我局围绕优化营商环境，新建政策解读专栏，组织业务培训三次，完善依申请公开登记台账，"
                                 "全面梳理主动公开目录并逐项核对更新频率，对过期信息集中清理归档。")
    here.sections["problems"] = ("存在的主要问题是基层站所信息报送不够及时，解读材料形式单一。下一步将建立月度通报制度，"
                                 "推行图解和视频解读，并把信息报送纳入年度考核。")
    assert not [f for f in of(check(here, prev), "W-CLONE") if "逐句相同" in f.message]


def test_clone_tables():
    prev, here = make_doc(year=2023), make_doc(year=2024)
    tables = [f.message for f in of(check(here, prev), "W-CLONE") if "完全相同" in f.message]
    assert tables == ["表二全部数据与2023年度报告完全相同（且不全为0）",
                      "表三全部数据与2023年度报告完全相同（且不全为0）",
                      "表四全部数据与2023年度报告完全相同（且不全为0）"]
    zero_prev = make_doc(year=2023, leaves={}, carried_over={}, carried_forward={}, appeals={})
    zero_here = make_doc(year=2024, leaves={}, carried_over={}, carried_forward={}, appeals={})
    tables = [f.message for f in of(check(zero_here, zero_prev), "W-CLONE") if "完全相同" in f.message]
    assert tables == ["表二全部数据与2023年度报告完全相同（且不全为0）"]  # all-zero 三/四 are normal
    set_value(here, "requests.granted.natural_person", 4)
    assert not any("表三" in f.message for f in of(check(here, prev), "W-CLONE"))
