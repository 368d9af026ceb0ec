"""The field block a government site prints around an article, and the other publication facts.

    索引号：11350300MB1234567X/2025-00012    发布机构：莆田市城市管理局
    标题：莆田市城市管理局2024年度政府信息公开工作年度报告
    文号：莆城管〔2025〕3号    成文日期：2025-01-18    发布日期：2025-01-20

Fields come as one line, as a table of label/value cells, or as the page's <meta> tags (the
html front end turns those into PAGE_META blocks with the same labels). A label names one of
:data:`FIELDS`; its value runs to the next label.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

# field key -> the labels sites print for it
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("标题", "名称", "题目", "文件名称", "信息名称", "文章标题", "文件标题"),
    "agency": ("发布机构", "发文机关", "发文单位", "发布单位", "制发机关", "公开主体", "信息来源", "来源", "所属机构",
               "发布部门", "责任部门"),
    "published_on": ("发布日期", "发布时间", "公开日期", "公开时间", "发文日期", "发布于"),
    "written_on": ("成文日期", "成文时间", "印发日期", "生成日期"),
    "index_no": ("索引号", "索 引 号", "信息索引号"),
    "doc_no": ("文号", "发文字号", "文件编号", "发文文号"),
    "url": ("原文链接", "原文地址", "网址", "链接地址", "页面地址", "URL"),
    # printed in the block but not read: they end the value before them
    "other": ("主题分类", "主题词", "体裁分类", "组配分类", "有效性", "公开方式", "公开范围", "浏览次数", "访问量", "字号",
              "分类", "关键词", "作者", "服务对象", "生效日期", "废止日期", "时效", "所属主题"),
}
_KEY = {label.replace(" ", ""): key for key, labels in FIELDS.items() for label in labels}
# Longest labels first so "发布机构" is not read as "发布" + …; spaces inside a label are allowed.
_LABELS = sorted(_KEY, key=len, reverse=True)
_LABEL = "|".join(r"\s*".join(map(re.escape, label)) for label in _LABELS)
_FIELD = re.compile(rf"(?P<label>{_LABEL})\s*[:：]\s*(?P<value>.*?)\s*(?=(?:{_LABEL})\s*[:：]|【|$)", re.S)
# "2025-01-20", "2025年1月20日", "2025.01.20", "2025/1/20 10:30"
DATE = re.compile(r"((?:19|20)\d{2})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?")
# A signature's date is written out ("2025年1月20日") or with dashes; "2026/12/3" is a print header.
SIGNED = re.compile(r"((?:19|20)\d{2})\s*[年.\-]\s*(\d{1,2})\s*[月.\-]\s*(\d{1,2})\s*日?")
URL = re.compile(r"https?://[^\s<>\"'，。；、（）()【】]+", re.I)
_NONE = frozenset({"", "无", "-", "—", "/", "暂无", "空"})


def fields(text: str) -> list[tuple[str, str, str]]:
    """(key, label, value) for every field label in ``text`` with a value after it."""
    out = []
    for m in _FIELD.finditer(text):
        label = "".join(m.group("label").split())
        value = " ".join(m.group("value").split()).strip("　 |｜")
        key = _KEY[label]
        if key != "other" and value not in _NONE:
            out.append((key, label, value))
    return out


def to_date(text: str, pattern: re.Pattern = DATE) -> date | None:
    m = pattern.search(text)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def to_url(text: str) -> str | None:
    m = URL.search(unicodedata.normalize("NFKC", text))
    return m.group().rstrip(".,") if m else None
