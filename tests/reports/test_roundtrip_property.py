"""Property: any consistent document, written in any layout, reads back equal.

Documents come from a hypothesis strategy (not from the sample factory): per applicant column
random leaf counts 0..999, carried over/forward chosen so that T3-BAL holds, totals computed;
table 四 with computed totals; table 二 random with fees as Decimal (up to 4 decimals); agency
names, years and section texts drawn from realistic material.
"""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zfxxgk.reports.model import ReportDocument
from zfxxgk.reports.read import read
from zfxxgk.reports.sample import fill_consistent
from zfxxgk.reports.write import render
from zfxxgk.standard import format2021 as f21

AGENCIES = [
    "某某市自然资源和规划局", "××县人民政府办公室", "湘潭县司法局", "殷都区科学技术局",
    "平湖市科学技术局", "上海市人民政府办公厅", "雁塔区统计局", "某某县教育体育局",
    "××市生态环境局××分局", "某某街道办事处", "××镇人民政府", "某某区市场监督管理局",
    "某某省住房和城乡建设厅", "××市卫生健康委员会", "某某县农业农村局（县乡村振兴局）",
]

SENTENCES = [
    "2024年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。",
    "全年累计公开政府信息48条，其中公开指南1条，政务公开27条，部门预决算3条。",
    "本年度共收到政府信息公开申请12件，均已按时答复。",
    "（一）主动公开方面。通过门户网站主动公开各类信息356条。",
    "（二）依申请公开方面。严格按照法定时限办理，答复率100%。",
    "（三）政府信息管理。建立健全信息发布审核机制，全年审核信息1,024条。",
    "（四）政府信息公开平台建设。优化网站栏目设置，新增专栏2个。",
    "（五）监督保障。将政务公开纳入年度绩效考核，开展培训3次，参训人员85人次。",
    "本报告所列数据的统计期限为2024年1月1日至2024年12月31日。",
    "存在的主要问题：一是公开意识有待加强；二是公开内容不够全面。",
    "改进情况：下一步，我局将加强业务培训，提升公开质量。",
    "本年度未发出收费通知，未收取信息处理费。",
    "依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本年度共收取信息处理费400元。",
    "无因政府信息公开工作被申请行政复议、行政诉讼的情况。",
    "如对本报告有疑问，请联系：0731-12345678。",
    "我局于2月15日召开专题会议，部署全年工作，参会人员约30人。",
    "无。",
    "行政复议、行政诉讼情况见下表。",
    "本年度新收政府信息公开申请数量较上年增长15%，上年结转申请2件。",
    "1.加强组织领导。2.完善工作机制。",
    "一是强化培训，二是规范流程。",
    "其他需要报告的事项：无。",
    "主动公开政府信息情况如下：",
    "表中“本年收费金额”单位为万元。",
    "（本部分数据截至2024年12月31日）",
]

fees = st.builds(lambda n, places: Decimal(n).scaleb(-places), st.integers(0, 10**7), st.integers(0, 4))
paragraphs = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3).map("\n".join)


@st.composite
def documents(draw, fmt: str) -> ReportDocument:
    doc = ReportDocument(format=fmt, agency=draw(st.sampled_from(AGENCIES)), year=draw(st.integers(2021, 2025)))
    doc.sections = {key: draw(paragraphs) for key in f21.SECTION_KEYS}
    return fill_consistent(doc, lambda lo, hi: draw(st.integers(lo, hi)), lambda: draw(fees), size=999, negatives=True)


# writer format -> (reader kind, examples per document format)
LAYOUTS = {
    "txt": ("text", 25), "tsv": ("text", 25), "html": ("html", 25), "md": ("markdown", 25),
    "json": ("json", 25), "docx": ("docx", 6), "xlsx": ("xlsx", 5),
    "shredded": ("text", 15), "spaced": ("text", 15),
}


def _shredded(doc: ReportDocument) -> bytes:
    """A PDF text dump: every cell of layout A on its own line, no tabs, no blank lines."""
    lines = render(doc, "txt").decode().split("\n")
    return "\n".join(x.strip("\t ") for x in lines if x.strip("\t ")).encode()


def _spaced(doc: ReportDocument) -> bytes:
    """A PDF text dump keeping rows: the cells of layout B separated by runs of spaces."""
    lines = (re.sub(r"\t+", "   ", x).strip() for x in render(doc, "tsv").decode().split("\n"))
    return "\n".join(x for x in lines if x).encode()


DERIVED = {"shredded": _shredded, "spaced": _spaced}


def _check(doc: ReportDocument, fmt: str, kind: str) -> None:
    data = DERIVED[fmt](doc) if fmt in DERIVED else render(doc, fmt)
    back = read(data, kind)
    got, want = back.values(), doc.values()
    assert got == want, {k: (got[k], want[k]) for k in want if got.get(k) != want[k]}
    if kind not in ("docx", "xlsx"):  # and again without telling the reader what it is
        assert read(data, name=f"report.{'txt' if fmt in DERIVED else fmt}").values() == want


@pytest.mark.parametrize("fmt", [f21.FORMAT_2021, f21.FORMAT_2019])
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_any_consistent_document_reads_back_equal(layout: str, fmt: str):
    kind, examples = LAYOUTS[layout]

    @settings(max_examples=examples, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(documents(fmt))
    def roundtrip(doc: ReportDocument) -> None:
        _check(doc, layout, kind)

    roundtrip()
