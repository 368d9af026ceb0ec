"""W-CLONE against other agencies of the same county and year (国办公开办函〔2021〕30号 “内容雷同”)."""
from zfxxgk.reports.check import check

from checkdocs import make_doc, of

SHARED = {
    "overview": "2024年，湘潭县司法局认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开工作，全面提升公开质量和实效。",
    "proactive": "本机关依照条例第十九条、第二十条主动公开政府信息，具体数据见下表，持续做好重点领域信息公开。",
    "requests": "本年度新收政府信息公开申请3件，全部在法定期限内作出答复，答复规范率持续提高。",
    "appeals": "本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。",
    "problems": "存在的主要问题：一是公开意识有待加强；二是公开内容不够全面。改进情况：加强业务培训，提升公开质量。",
    "other": "本年度未收取信息处理费。本机关无其他需要报告的事项。",
}


def _doc(agency: str, sections: dict) -> object:
    doc = make_doc(year=2024)
    doc.agency = agency
    doc.sections = dict(sections)
    return doc


WORK = {"湘潭县司法局": "法律援助、人民调解和社区矫正", "湘潭县民政局": "社会救助、养老服务和婚姻登记",
        "湘潭县财政局": "预算决算、政府采购和惠民资金"}


def _own(name: str) -> dict:
    """Each agency writes of its own business (the agency's name alone would be masked)."""
    return {k: f"围绕{WORK[name]}，{k}部分写明本机关本年度在这一领域的具体做法与成效。" for k in SHARED}


def test_a_copied_narrative_names_the_sibling_it_copies():
    here = _doc("湘潭县司法局", SHARED)
    # the same text with the other agency's name and other numbers: still a copy
    copied = {k: v.replace("湘潭县司法局", "湘潭县民政局").replace("3件", "7件") for k, v in SHARED.items()}
    twin = _doc("湘潭县民政局", copied)
    other = _doc("湘潭县财政局", _own("湘潭县财政局"))
    found = of(check(here, siblings=[twin, other]), "W-CLONE")
    assert len(found) == 1
    assert "湘潭县民政局" in found[0].message and found[0].severity == "warning"
    assert found[0].values["sibling"] == "湘潭县民政局"
    assert found[0].values["share"] > 0.5


def test_one_finding_per_sibling_and_none_without_siblings():
    here = _doc("湘潭县司法局", SHARED)
    twins = [_doc(f"湘潭县{n}局", SHARED) for n in ("民政", "财政")]
    assert len(of(check(here, siblings=twins), "W-CLONE")) == 2
    assert of(check(here), "W-CLONE") == []
    # the document itself among the siblings is not compared with itself
    assert of(check(here, siblings=[here]), "W-CLONE") == []


def test_own_words_are_not_a_clone():
    here = _doc("湘潭县司法局", _own("湘潭县司法局"))
    other = _doc("湘潭县民政局", _own("湘潭县民政局"))
    assert of(check(here, siblings=[other]), "W-CLONE") == []


def test_siblings_and_previous_together():
    here = _doc("湘潭县司法局", SHARED)
    last = _doc("湘潭县司法局", SHARED)
    last.year = 2023
    twin = _doc("湘潭县民政局", SHARED)
    messages = [f.message for f in of(check(here, last, siblings=[twin]), "W-CLONE")]
    assert any("2023年度报告" in m for m in messages)
    assert any("湘潭县民政局" in m for m in messages)
