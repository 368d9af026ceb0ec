"""Benchmark of `zfxxgk report audit` over a batch with consecutive years and planted clones.

    .venv/bin/python bench/audit.py            # 10,000 reports: 5,000 agencies × 2023 and 2024, -j 2
    .venv/bin/python bench/audit.py --quick    # 500 reports

The reports are the project's consistent samples (reports/sample.py) written as text, each with a
narrative of its own drawn from a phrase bank, and with clones planted: 5 % of the agencies copy
another agency's section 一 (their own name put in), 5 % repeat their 2023 section 五 in 2024, and
2 % copy another agency's section 五 with one clause changed (a near-duplicate). The 2024 report
carries over what the 2023 report carried forward, except in 3 % of the agencies (T3-XYEAR).

Prints the time of each stage — reading and checking every file (-j 2), pairing the years
(T3-XYEAR, T2-ROLL) and W-CLONE over all narratives (one process) — with what W-CLONE found against
what was planted. Baseline: the naive comparison W-CLONE replaces, every pair of sections compared
with rapidfuzz, timed on a sample of pairs and extrapolated to the batch.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from zfxxgk.reports import audit  # noqa: E402
from zfxxgk.reports.check.clones import Narrative, masked  # noqa: E402
from zfxxgk.reports.sample import sample_document  # noqa: E402
from zfxxgk.reports.write import render  # noqa: E402
from zfxxgk.standard import format2021 as f21  # noqa: E402

PLACES = "湘潭 株洲 衡阳 邵阳 岳阳 常德 益阳 郴州 永州 怀化 娄底 吉首 浏阳 醴陵 湘乡 韶山 耒阳 常宁 武冈 汨罗 临湘 津市 沅江 资兴 洪江".split()
OFFICES = "司法局 民政局 财政局 教育局 卫健局 交通局 水利局 农业农村局 商务局 文旅局 应急局 市场监管局 医保局 统计局 林业局 住建局 自然资源局 生态环境局 人社局 审计局".split()

DOERS = ["我局", "本机关", "局党组", "办公室", "各股室", "公开工作领导小组"]
ACTS = ["认真贯彻落实", "深入学习", "严格执行", "全面对照", "持续推进", "扎实开展", "统筹部署", "逐项梳理"]
OBJECTS = ["《中华人民共和国政府信息公开条例》", "政务公开工作要点", "重点领域信息公开", "政策解读和回应关切", "公开目录动态更新",
           "依申请公开办理流程", "政府网站信息发布审核", "保密审查制度", "基层政务公开标准化规范化", "政务新媒体管理"]
GAINS = ["公开质量明显提升", "群众满意度不断提高", "公开时效进一步增强", "办理流程更加规范", "信息发布更加及时准确",
         "工作机制逐步健全", "社会关注热点得到及时回应", "公开内容更加全面"]
TOPICS = ["法律援助", "社会救助", "预算决算", "学校招生", "医疗服务", "道路建设", "防汛抗旱", "农业补贴", "招商引资", "旅游市场",
          "安全生产", "食品安全", "医保报销", "统计数据", "森林防火", "保障性住房", "土地征收", "环境执法", "就业创业", "审计结果"]
PROBLEMS = ["公开意识有待进一步强化", "信息发布的及时性有待提高", "政策解读形式较为单一", "工作人员业务能力有待提升",
            "公开内容与群众需求结合不够紧密", "依申请公开答复的规范性有待加强", "政务新媒体更新频率不高"]
FIXES = ["加强业务培训", "完善信息发布审核机制", "丰富政策解读形式", "强化督促检查", "优化公开目录", "加强答复文书审核", "建立定期更新制度"]


def _sentence(rnd: random.Random) -> str:
    return (f"{rnd.choice(DOERS)}围绕{rnd.choice(TOPICS)}工作，{rnd.choice(ACTS)}{rnd.choice(OBJECTS)}，"
            f"{rnd.choice(ACTS)}{rnd.choice(OBJECTS)}，{rnd.choice(GAINS)}。")


def narrative(rnd: random.Random, agency: str, year: int) -> dict[str, str]:
    overview = f"{year}年，{agency}" + "".join(_sentence(rnd) for _ in range(rnd.randint(4, 7)))
    problems = ("存在的主要问题：" + "；".join(f"{'一二三'[i]}是{rnd.choice(TOPICS)}领域{p}" for i, p in enumerate(rnd.sample(PROBLEMS, 3)))
                + "。改进情况：" + "，".join(f"在{rnd.choice(TOPICS)}方面{f}" for f in rnd.sample(FIXES, 3))
                + f"，围绕{rnd.choice(TOPICS)}工作{rnd.choice(ACTS)}{rnd.choice(OBJECTS)}。")
    return {"overview": overview, "proactive": "本年度主动公开情况见下表。", "requests": "本年度收到和处理政府信息公开申请情况见下表。",
            "appeals": "本年度政府信息公开行政复议、行政诉讼情况见下表。", "problems": problems,
            "other": "本年度未收取信息处理费。无其他需要报告的事项。"}


def generate(root: Path, agencies: int, seed: int = 0) -> dict:
    """Writes 2 × ``agencies`` text reports under ``root``; returns what was planted."""
    rnd = random.Random(seed)
    names = [f"{PLACES[i % len(PLACES)]}{'县' if i % 3 else '市'}{OFFICES[(i // len(PLACES)) % len(OFFICES)]}"
             f"{'' if i < len(PLACES) * len(OFFICES) else i}" for i in range(agencies)]
    texts = {(a, y): narrative(rnd, a, y) for a in names for y in (2023, 2024)}
    planted = {"overview_copied": set(), "problems_repeated": set(), "problems_near": set(), "carry_broken": set()}
    roles = {a: rnd.random() for a in names}
    sources = [a for a in names if roles[a] >= 0.12]  # copied from, never copying
    for a in names:
        r = roles[a]
        if r < 0.05:  # another agency's section 一 (same year), with this agency's name
            src = rnd.choice(sources)
            texts[(a, 2024)]["overview"] = texts[(src, 2024)]["overview"].replace(src, a)
            planted["overview_copied"].add(a)
        elif r < 0.10:  # last year's section 五 again
            texts[(a, 2024)]["problems"] = texts[(a, 2023)]["problems"]
            planted["problems_repeated"].add(a)
        elif r < 0.12:  # another agency's section 五, one clause changed
            text = texts[(rnd.choice(sources), 2024)]["problems"]
            texts[(a, 2024)]["problems"] = text.replace("改进情况：", "改进情况：认真查找不足，")
            planted["problems_near"].add(a)
    for i, a in enumerate(names):
        prev = sample_document("2021", 2 * i, agency=a, year=2023)
        prev.sections = texts[(a, 2023)]
        doc = sample_document("2021", 2 * i + 1, agency=a, year=2024)
        doc.sections = texts[(a, 2024)]
        if rnd.random() >= 0.03:  # R02(2024) = R25(2023), column by column, keeping table 三 balanced
            for col in f21.COLUMN_KEYS:
                old = doc.cells[f"requests.carried_over.{col}"].value
                new = prev.cells[f"requests.carried_forward.{col}"].value
                doc.cells[f"requests.carried_over.{col}"].value = new
                doc.cells[f"requests.new_received.{col}"].value += old - new
        else:
            planted["carry_broken"].add(a)
        for d in (prev, doc):
            (root / f"{i:05d}-{d.year}.txt").write_bytes(render(d, "txt"))
    return planted


def naive_pairs_per_second(narratives: list[Narrative], section: str, sample: int = 20_000) -> float:
    from rapidfuzz import fuzz

    texts = [masked(n.sections[section], n.agency) for n in narratives if n.sections.get(section)]
    rnd = random.Random(1)
    pairs = [(rnd.choice(texts), rnd.choice(texts)) for _ in range(sample)]
    start = time.process_time()
    for a, b in pairs:
        fuzz.ratio(a, b)
    return sample / (time.process_time() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    args = parser.parse_args()
    agencies = 250 if args.quick else 5_000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        planted = generate(root, agencies)
        print(f"== audit: {2 * agencies} generated reports ({agencies} agencies × 2023, 2024), "
              f"written in {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        results = list(audit.run([root], jobs=args.jobs, progress=False))
        read_s = time.perf_counter() - start
        start, cpu = time.perf_counter(), time.process_time()
        pairs = audit.compare_years(results)
        pair_s, pair_cpu = time.perf_counter() - start, time.process_time() - cpu
        import datasketch  # noqa: F401 - imported before the clock starts (numpy, scipy: about a second)
        import rapidfuzz  # noqa: F401

        start, cpu = time.perf_counter(), time.process_time()
        found = audit.batch_clones(results)
        clone_s, clone_cpu = time.perf_counter() - start, time.process_time() - cpu
    ok = [r for r in results if r.ok]
    print(f"read + check  {len(results)} files in {read_s:.1f} s = {len(results) / read_s:.0f} reports/s (-j {args.jobs}; {len(ok)} readable)")
    print(f"years paired  {pairs} pairs in {pair_s:.2f} s wall, {pair_cpu:.2f} s CPU; T3-XYEAR on {sum(1 for r in ok if any(f['rule'] == 'T3-XYEAR' for f in r.findings))} "
          f"reports (planted: {len(planted['carry_broken'])})")
    print(f"W-CLONE       {len(ok)} narratives in {clone_s:.2f} s wall, {clone_cpu:.2f} s CPU (one process); {found} findings")
    by_agency = {}
    for r in ok:
        for f in r.findings:
            if f["rule"] == "W-CLONE" and r.year == 2024:
                key = "overview" if "第一部分" in f["message"] else "problems" if "第五部分" in f["message"] else "other"
                by_agency.setdefault(key, set()).add(r.agency)
    for kind, section in (("overview_copied", "overview"), ("problems_repeated", "problems"), ("problems_near", "problems")):
        hit = len(planted[kind] & by_agency.get(section, set()))
        print(f"  planted {kind:<18} {len(planted[kind]):>4}  found {hit:>4}")
    narratives = [Narrative(i, r.agency, r.year, r.sections) for i, r in enumerate(ok)]
    rate = naive_pairs_per_second(narratives, "overview")
    counts = [sum(1 for n in narratives if n.sections.get(k)) for k in ("overview", "problems")]
    pairs_all = sum(c * (c - 1) // 2 for c in counts)
    naive = pairs_all / rate
    print(f"baseline      all {pairs_all:,} pairs of sections 一 and 五 with rapidfuzz at {rate:,.0f} pairs/s "
          f"= {naive:,.0f} s; ratio {naive / clone_cpu:,.0f}× (CPU)")


if __name__ == "__main__":
    main()
