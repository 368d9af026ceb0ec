"""The organ-name rule: what may be returned as a report's agency.

条例第四十九条 puts the annual report on 各级人民政府及县级以上人民政府部门 (and the bodies
第五十四条、第五十五条 extend it to), so an agency is the name of a government organ: it ends
with a recognised suffix (人民政府, 办公室, 局, 委员会, 街道办事处 …) and is never a piece of a
sentence ("以前", "现公布三明市人民政府", "构建新发展格局"). :func:`organ_name` applies the rule to
a whole string, :func:`organ_in` finds the organ a phrase ends with.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .divisions import starts_with_division

# Longest first: "人民政府办公室" before "办公室" before "办".
SUFFIXES: tuple[str, ...] = tuple(sorted((
    "人民政府", "政府", "人民政府办公室", "人民政府办公厅", "街道办事处", "办事处", "街道办", "管理委员会", "管委会",
    "委员会", "办公室", "办公厅", "中心", "局", "厅", "委", "办", "署", "部", "总队", "支队", "大队", "调查队", "执法队", "处", "所", "站",
), key=len, reverse=True))

# Words that end like an organ but are not one ("新发展格局", "服务大厅", "政府网站", "督办").
_NOT_ORGANS = frozenset((
    "格局", "布局", "当局", "大局", "全局", "结局", "开局", "骗局", "僵局", "终局", "时局", "残局", "出局", "饭局", "赌局",
    "为中心", "大厅", "餐厅", "展厅", "客厅", "前厅", "门厅", "网站", "车站", "驿站", "场所", "住所", "处所", "厕所", "有所",
    "承办", "主办", "协办", "交办", "转办", "查办", "创办", "举办", "督办", "代办", "领办", "帮办", "经办", "开办", "合办",
    "包办", "申办", "试办", "兴办", "筹办", "操办", "惩办", "照办", "难办", "好办", "之处", "到处", "好处", "长处", "难处",
    "益处", "用处", "此处", "各处", "相处", "共处", "内部", "外部", "全部", "局部", "干部", "东部", "西部", "南部", "北部",
    "中部", "顶部", "底部", "各部", "一部", "本部", "之委", "主委",
))
# Phrases a sentence starts with, never an organ ("现将", "根据", "我局" …). Checked only when
# the name does not start with a known administrative area (本溪市, 将乐县, 和县 do).
_HEADS = ("根据", "按照", "依据", "依照", "现将", "现就", "现予", "现公布", "公布", "发布", "印发", "关于", "本", "我", "经", "由",
          "在", "为", "对", "向", "以", "及", "与", "的", "了", "是", "将", "把", "被", "各", "该", "其", "此", "上述", "有关",
          "相关", "所属", "下属", "督促", "指导", "要求", "组织", "推进", "加强", "开展", "通过", "结合", "围绕", "做好", "落实",
          "全面", "全年", "全体", "以前", "以来", "之前", "之后", "今年", "去年", "本年", "上年", "年度", "附件", "附表")
# Inside a name: no sentence punctuation, digits, or report words.
_BAD = re.compile(r"[，。；：、！？,.;:!?“”‘’\"'《》〈〉<>【】\[\]{}|/\\@#$%^&*+=~`\d]|年度|年报|报告|情况|根据|按照|工作要点|信息公开工作|政府信息公开")
# Placeholders of templates and tests (某某局, ××县, XX市) are names; other Latin letters are not.
_LATIN = re.compile(r"[A-WYZa-wyz]")
_PAREN = re.compile(r"[（(][^（）()]*[）)]$")
MIN_LEN, MAX_LEN = 3, 40


def _clean(text: str) -> str:
    text = "".join(unicodedata.normalize("NFKC", text).split())
    return text.replace("(", "（").replace(")", "）")


def _suffix(core: str) -> str | None:
    return next((s for s in SUFFIXES if core.endswith(s) and len(core) > len(s)), None)


@lru_cache(maxsize=4096)
def organ_name(text: str | None) -> str | None:
    """``text`` (spaces removed) when it is the name of an organ, else None.

    A trailing bracket names the same organ under another name ("某某县农业农村局（县乡村振兴局）"):
    the part before it must pass the rule and the bracket must hold no sentence."""
    if not text:
        return None
    name = "".join(text.split())
    core = _clean(name)
    while (m := _PAREN.search(core)) and m.start() > 0:
        if _BAD.search(m.group()[1:-1]):
            return None
        core = core[: m.start()]
    if not (MIN_LEN <= len(core) <= MAX_LEN) or _BAD.search(core) or _LATIN.search(core):
        return None
    suffix = _suffix(core)
    if suffix is None:
        return None
    stem = core[: -len(suffix)]
    if any(core.endswith(w) for w in _NOT_ORGANS) or stem.endswith(("的", "和", "及", "与", "为", "在")):
        return None
    if not starts_with_division(core) and core.startswith(_HEADS):
        return None
    return name


# Where an organ name inside a phrase can start: after punctuation, after a verb that
# announces the report, or after "关于"/"的".
_CUT = re.compile(r"[，。；：、！？,;:!?\s《》〈〉“”\"'【】\[\]]|现将|现予|现就|现公布|予以公布|公布|发布|印发|编制|制定|编写|形成|关于|的")


def organ_in(phrase: str | None) -> str | None:
    """The organ a phrase ends with: "现公布三明市人民政府" → "三明市人民政府"; None when the
    phrase ends with no organ name. The longest tail that passes the rule wins, so a cut inside a
    name never shortens it."""
    if not phrase:
        return None
    text = "".join(phrase.split()).strip("关于的")
    if organ_name(text):
        return text
    for m in _CUT.finditer(text):
        if organ_name(text[m.end():]):
            return text[m.end():]
    return None
