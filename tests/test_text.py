"""zfxxgk.text: the one boundary rule for typed text, and printable() for the writers."""
from __future__ import annotations

import pytest
from lxml import etree

from zfxxgk.text import InputError, clean_input, clean_name, is_invisible, printable


@pytest.mark.parametrize("value, code, words", [
    ("张\x00三", "control_character", "U+0000"),
    ("张\x07三", "control_character", "U+0007"),
    ("张\x85三", "control_character", "U+0085"),
    ("张\ufffe三", "control_character", "U+FFFE"),
    ("张\uffff三", "control_character", "U+FFFF"),
    ("张\ufdd0三", "control_character", "U+FDD0"),
    ("张\U0010ffff三", "control_character", "U+10FFFF"),
    ("张\ud800三", "control_character", "U+D800"),
    ("张\u202e三", "bidi_control", "U+202E"),
    ("张\u2067三", "bidi_control", "U+2067"),
    ("张\u200f三", "bidi_control", "U+200F"),
    ("第一行\n第二行", "control_character", "U+000A"),  # one-line fields
])
def test_refused_with_the_code_point(value, code, words):
    with pytest.raises(InputError) as refused:
        clean_input(value)
    assert refused.value.code == code and words in refused.value.message and refused.value.message.startswith("此项")


def test_multiline_allows_line_breaks_and_tabs_only():
    assert clean_input("第一段\r\n\t第二段", multiline=True) == "第一段\r\n\t第二段"
    with pytest.raises(InputError):
        clean_input("第一段\x0b第二段", multiline=True)


def test_zero_width_characters_are_dropped_and_the_label_names_the_field():
    assert clean_input("\ufeff张\u200b三\u2060") == "张三"
    with pytest.raises(InputError, match="^“联系人”含有"):
        clean_input("李\u202e四", label="联系人")


@pytest.mark.parametrize("value", ["\u3164", " \u200d ", "\u115f\u1160", "\u034f"])
def test_names_made_only_of_invisible_characters(value):
    assert is_invisible(value)
    with pytest.raises(InputError, match="只包含空白或不可见字符"):
        clean_name(value)


def test_clean_name_folds_spaces_and_keeps_real_names():
    assert clean_name("  湘潭某某   建材有限公司 ") == "湘潭某某 建材有限公司"
    assert clean_name("") == "" and clean_name("\u00a0\u3000") == ""  # only spaces: empty, which "required" refuses
    assert not is_invisible("张·伟") and clean_name("阿卜杜·热合曼") == "阿卜杜·热合曼"


def test_printable_strings_are_accepted_by_xml():
    hostile = "张\x00\x07\ufffe\uffff\ud800\U0001fffe三\u202e丰\t\n"
    cleaned = printable(hostile)
    assert cleaned == "张三\u202e丰\t\n"
    etree.fromstring(f"<p>{cleaned}</p>".encode("utf-8", "surrogatepass"))  # lxml refuses what XML cannot hold
    assert printable("") == "" and printable("正常文字") == "正常文字"
