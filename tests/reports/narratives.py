"""Long narratives for layout tests: paragraphs of report-like sentences with figures of one to
seven digits, so that lines wrap inside words, before numbers and at sentence ends."""
from __future__ import annotations

import random
import re

from zfxxgk.reports.model import ReportDocument
from zfxxgk.reports.sample import sample_document

CLAUSES = (
    "本机关严格落实《中华人民共和国政府信息公开条例》，全年通过政府网站主动公开各类政府信息{n}条",
    "其中机构职能类信息{n}条，政策文件类信息{n}条，规划计划类信息{n}条",
    "全年共收到政府信息公开申请{n}件，均在法定期限内予以答复",
    "通过政务新媒体发布信息{n}条，阅读量累计{n}万人次",
    "组织开展政务公开业务培训{n}次，参训人员{n}人次，进一步提升了工作人员的业务水平",
    "在政府信息公开专栏开通App移动端版本，并提供PDF与OFD两种格式的下载",
    "召开新闻发布会{n}场，回应社会关切{n}次，解读重要政策文件{n}件",
)
KEYS = ("overview", "proactive", "problems", "other")


def paragraph(rnd: random.Random) -> str:
    out = []
    for _ in range(rnd.randint(2, 5)):
        text = re.sub(r"\{n\}", lambda m: str(rnd.choice([rnd.randint(1, 99), rnd.randint(100, 9999), rnd.randint(10000, 9999999)])),
                      rnd.choice(CLAUSES))
        out.append(text + rnd.choice("。。；"))
    return "".join(out)[:-1] + "。"


def long_narrative(seed: int, **kw) -> ReportDocument:
    """A consistent 2021 sample report whose sections 一, 二, 五, 六 hold 2–4 long paragraphs each."""
    rnd = random.Random(seed)
    doc = sample_document("2021", seed, **kw)
    for key in KEYS:
        doc.sections[key] = "\n".join(paragraph(rnd) for _ in range(rnd.randint(2, 4)))
    return doc


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。；])|\n", text) if s]
