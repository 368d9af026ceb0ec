"""The organ-name rule (read/meta/organs.py), the 行政区划 list (divisions.py), and the property
that no agency the reader returns is anything but an organ's name."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zfxxgk.reports.check import check
from zfxxgk.reports.read.assemble import assemble
from zfxxgk.reports.read.blocks import LINE, PARAGRAPH, Block, paragraph, row
from zfxxgk.reports.read.meta import normalise, organ_in, organ_name
from zfxxgk.reports.read.meta.divisions import names
from zfxxgk.reports.read.meta.glyphs import printed
from zfxxgk.standard import format2021 as f21


@pytest.mark.parametrize("name", [
    "莆田市城市管理局", "三明市人民政府", "某某县农业农村局（县乡村振兴局）", "××镇人民政府", "某某街道办事处",
    "上海市人民政府办公厅", "某某市卫生健康委员会", "宿迁经济技术开发区管委会", "某某县政务服务中心", "XX局",
    "本溪市人民政府", "将乐县教育局", "和县财政局", "某某区民政局", "某某县行政审批局", "国家统计局某某调查队", "湘潭县科技和工业信息化局",
])
def test_organ_names_pass(name: str):
    assert organ_name(name) == name


@pytest.mark.parametrize("text", [
    "以前", "局", "我局", "本机关", "现将本局", "构建新发展格局", "以人民为中心", "政务服务大厅", "在县政府网站",
    "由区政府办督办", "2024年度报告", "根据条例规定，我局", "某某县2023年", "莆田市城市管理局2024年度", "相关部门",
    "政府信息公开年报莆田市城市管理局", "Copyright某某局", "中国政府网 福建省人民政府办公厅：",
])
def test_fragments_fail(text: str):
    assert organ_name(text) is None


@pytest.mark.parametrize("phrase,organ", [
    ("现公布三明市人民政府", "三明市人民政府"),
    ("根据《条例》要求，现将莆田市城市管理局", "莆田市城市管理局"),
    ("发布《某某县司法局", "某某县司法局"),
    ("某某经济技术开发区管委会", "某某经济技术开发区管委会"),
    ("首页>政府信息公开>以前", None),
    ("", None),
])
def test_the_organ_a_phrase_ends_with(phrase: str, organ):
    assert organ_in(phrase) == organ


def test_the_division_list_and_normalised_spellings():
    known = names()
    assert {"江苏省", "宿迁市", "沭阳县", "莆田市", "湘潭县", "殷都区"} <= known and len(known) > 3000
    assert normalise("沐阳县人民政府") == "沭阳县人民政府"
    assert normalise("宿迁市沐阳县财政局") == "宿迁市沭阳县财政局"
    assert normalise("湘潭县司法局") == "湘潭县司法局"
    assert normalise("某某县司法局") is None  # no known area: nothing to offer


def _report(*head: Block) -> list[Block]:
    table = [paragraph("三、收到和处理政府信息公开申请情况")]
    table += [row([r.label, *["1"] * 7]) for r in f21.REQUEST_ROWS]
    return [*head, paragraph("一、总体情况"), paragraph("本年度工作。"), *table, paragraph("六、其他需要报告的事项"), paragraph("无。")]


def test_an_ocr_spelling_is_kept_and_the_normalised_name_offered():
    doc = assemble(_report(paragraph("沐阳县人民政府2024年政府信息公开工作年度报告"),
                           paragraph("发布机构：沭阳县人民政府")))
    assert (doc.agency, doc.agency_normalised, doc.year) == ("沐阳县人民政府", "沭阳县人民政府", 2024)
    assert not [f for f in check(doc) if f.rule == "W-META"]  # one organ, two spellings: no conflict


def test_radicals_from_a_pdf_text_layer_are_read_as_the_characters_they_print():
    assert printed("莆⽥市⼈⺠政府⽂号⻚") == "莆田市人民政府文号页"
    doc = assemble(_report(paragraph("莆⽥市城市管理局2024年度政府信息公开⼯作年度报告")))
    assert (doc.agency, doc.year) == ("莆田市城市管理局", 2024)


# --- the property -----------------------------------------------------------------------------
# An oracle written apart from organs.py: what an agency a person would accept looks like.
_ORACLE_SUFFIXES = ("人民政府", "政府", "办公室", "办公厅", "委员会", "管委会", "办事处", "街道办", "中心", "局", "厅", "委",
                    "办", "署", "部", "总队", "支队", "大队", "调查队", "处", "所", "站")
_ORACLE_BAD = re.compile(r"[，。；：、！？,.;:!?“”《》<>\d\s]|报告|年度")

_PIECES = st.sampled_from([
    "以前", "现将", "根据", "我局", "本机关", "现公布", "发布", "关于", "的", "，", "。", "：", "《", "》", "首页>", "当前位置：",
    "莆田市", "三明市", "某某县", "沐阳县", "城市管理局", "人民政府", "办公室", "司法局", "格局", "网站", "督办", "大厅",
    "2023", "2024", "年", "年度", "政府信息公开工作年度报告", "统计期限自2024年1月1日起", "发布机构：", "标题：", "来源：",
    "附件：", ".pdf", "信息公开", "街道办事处", "管委会", "中心", "局", "委", "办", "（", "）", " ",
])
_TEXTS = st.lists(_PIECES, min_size=1, max_size=14).map("".join)


def _is_organ_by_oracle(agency: str) -> bool:
    core = re.sub(r"（[^（）]*）$", "", agency)
    return (len(core) >= 3 and core.endswith(_ORACLE_SUFFIXES) and not _ORACLE_BAD.search(core)
            and not core.startswith(("以前", "现将", "根据", "我", "本", "现公布", "发布", "关于", "的")))


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXTS, min_size=1, max_size=5), st.sampled_from([PARAGRAPH, LINE]))
def test_no_agency_returned_fails_the_organ_name_rule(texts: list[str], kind: str):
    """Whatever the title lines, field blocks, first paragraph and signature say, the agency is
    empty or a printed organ name that passes an independent oracle."""
    head = [Block(kind, [t], [f"第{i + 1}段"]) for i, t in enumerate(texts)]
    blocks = _report(*head)
    blocks.insert(len(blocks) - 1, Block(kind, [texts[-1]], ["落款"]))
    doc = assemble(blocks)
    if doc.agency is not None:
        assert _is_organ_by_oracle(doc.agency), doc.agency
        assert doc.agency in "".join("".join(texts).split())  # as printed, never made up
    else:
        assert [f for f in check(doc) if f.rule == "W-META" and f.message.startswith("未能识别报告机关")]
