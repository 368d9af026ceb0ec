"""scan_text and sensitive words: places, one finding per value and place, the word list."""
from __future__ import annotations

import pytest

from zfxxgk.scan import Kind, scan_text
from zfxxgk.scan.finding import Segment
from zfxxgk.scan.text import scan_segments
from zfxxgk.scan.words import find, load, normalise


def test_clean_text_has_no_findings():
    text = ("根据《中华人民共和国政府信息公开条例》第二十条，现将湘潭县2024年度财政预算公开如下。"
            "文号：湘政办发〔2024〕12号，索引号：000014348/2024-00045，联系电话：0731-57881234，"
            "统一社会信用代码：11430321006222335X，地址：湘潭县易俗河镇天易大道1号，邮编411228。合计 1,234,567.89 万元。")
    assert scan_text(text, words=["绝密", "内部资料"]) == []


def test_sensitive_words_report_word_place_and_context():
    [f] = scan_text("本文件为内部资料，请勿外传。", place="正文第4段", words=["内部资料", "绝密"])
    assert f.kind == Kind.SENSITIVE_WORD and f.place == "正文第4段"
    assert "内部资料" in f.message and f.excerpt == "本文件为【内部资料】，请勿外传。"


def test_words_match_case_insensitively_and_full_width():
    words = ["Confidential", "机密"]
    assert len(scan_text("marked CONFIDENTIAL", words=words)) == 1
    assert len(scan_text("ＣＯＮＦＩＤＥＮＴＩＡＬ", words=words)) == 1


def test_longest_word_wins_and_each_word_once_per_place():
    found = list(find("内部资料和内部", normalise(["内部", "内部资料"])))
    assert [w for _, _, w in found] == ["内部资料", "内部"]
    assert len(scan_text("内部资料、内部资料", words=["内部资料"])) == 1


def test_word_context_never_shows_digits():
    [f] = [f for f in scan_text("身份证430103199001011234属于机密", words=["机密"]) if f.kind == Kind.SENSITIVE_WORD]
    assert not any(ch.isdigit() for ch in f.excerpt.replace("【机密】", ""))


def test_empty_and_blank_words_are_ignored():
    assert normalise(["", "  ", "a"]) == ("a",)
    assert scan_text("任何文字", words=["", " "]) == []


def test_thousands_of_words_compile_and_match():
    words = [f"词{i:05d}" for i in range(5000)] + ["保密"]
    assert [f.message for f in scan_text("这是保密的", words=words)] == ["含敏感词“保密”，请确认可以公开"]
    assert len(scan_text("词04999和词00001", words=words)) == 2


def test_segments_give_each_hit_its_own_place():
    segments = [Segment("工作表“名单”A1", "张三"), Segment("工作表“名单”B1", "13812345678"),
                Segment("工作表“名单”B2", "电话\n13912345678"), Segment("工作表“名单”C1", "保密")]
    findings = scan_segments(segments, words=["保密"])
    assert [(f.kind, f.place) for f in findings] == [
        (Kind.MOBILE, "工作表“名单”B1"), (Kind.MOBILE, "工作表“名单”B2"), (Kind.SENSITIVE_WORD, "工作表“名单”C1")]


def test_no_pattern_joins_two_segments():
    findings = scan_segments([Segment("A1", "138"), Segment("A2", "12345678"), Segment("B1", "138 1234"), Segment("B2", "5678")])
    assert findings == []


def test_same_value_in_two_places_is_two_findings():
    findings = scan_segments([Segment("第1页", "13812345678"), Segment("第2页", "13812345678")])
    assert [f.place for f in findings] == ["第1页", "第2页"] and findings[0].digest == findings[1].digest


@pytest.mark.parametrize("content, encoding", [("# 注释\n绝密\n\n 内部资料 \n", "utf-8-sig"), ("绝密\r\n内部资料\r\n", "gb18030")])
def test_word_file(tmp_path, content, encoding):
    path = tmp_path / "words.txt"
    path.write_bytes(content.encode(encoding))
    assert load(path) == ["绝密", "内部资料"]
