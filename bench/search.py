"""Benchmark of the publication search (zfxxgk.publishing.search) on SQLite and PostgreSQL, beside a
``LIKE '%词%'`` scan of the same rows measured in the same run.

    .venv/bin/python bench/search.py                    # 100,000 publications, SQLite then PostgreSQL
    .venv/bin/python bench/search.py --quick            # 10,000, for a smoke run
    .venv/bin/python bench/search.py --backend sqlite   # one back end (sqlite | postgres)
    .venv/bin/python bench/search.py --keep             # keep the databases; later runs: --reuse

Each back end runs in a process of its own (one Django database per process). The databases are
their own: the file ``zfxxgk_bench_search.sqlite3`` in the temporary folder (WAL, as the platform
runs SQLite) and ``zfxxgk_bench_search`` on the PostgreSQL server of bench/web.py (``ZFXXGK_BENCH_PG``,
default postgresql://postgres@127.0.0.1:5432); both dropped at the end unless --keep.

What is generated (seeded, so every run sees the same text): 50 agencies with the default 公开目录;
publications spread over 2015–2025 and the agencies' columns, titles and bodies made of a
vocabulary of government phrases combined at random (Zipf-weighted, so a phrase's hit count ranges
from a few per cent of the corpus to a quarter of it: see Writer), bodies of 5–40 sentences; a fifth have one or two
attachments with text (Attachment.text, as the scan stores it). A few words are planted: 量子通信
in ~20 publications, 防汛物资储备库 only in attachments (~0.2 %), the character 霾 in ~50. The
publications are inserted with bulk_create, then ``search.rebuild()`` builds the index (timed).

Measured for each query of QUERIES (1 character, 2 characters, words, several words, rare words, a
word only in attachments, a string that is no word, filters): ``search.search()`` — the whole call:
query parsing, the index, the public() re-check of the hits, highlighted titles and snippets —
p50 and p95 of --runs runs after one warm-up (wall time, and the p95 of its CPU time: this process and
its PostgreSQL backend, which on a loaded machine says more); and the baseline, ``LIKE '%词%'`` on the title, 文号,
body text and attachments' text of the public publications (every word ANDed), its count and its
first page, the same way. Ratio = LIKE / search at p50. For the one- and two-character queries,
whose search is exact, both counts must be equal (up to search.COUNT_LIMIT, where the search stops
counting: shown as 10000+), or the script fails. Target: search p95 < 100 ms.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from cpu import Cpu  # noqa: E402

DB_NAME = "zfxxgk_bench_search"
SQLITE_PATH = Path(tempfile.gettempdir()) / f"{DB_NAME}.sqlite3"
TARGET_P95_MS = 100.0
AGENCIES = 50
BATCH = 5000
START, END = date(2015, 1, 1), date(2025, 12, 31)

# (label, query, filters) — filters: "agency" (the first agency), "year"
QUERIES = [
    ("1 char, common", "局", {}),
    ("1 char, rare", "霾", {}),
    ("2 chars, word", "公开", {}),
    ("2 chars, word", "补偿", {}),
    ("word", "行政复议", {}),
    ("word", "征地补偿", {}),
    ("2 words", "乡村振兴 产业发展", {}),
    ("3 words", "政府信息公开 工作 年度报告", {}),
    ("rare word", "量子通信", {}),
    ("only in attachments", "防汛物资储备库", {}),
    ("no word (substring)", "府信息公", {}),
    ("word, agency + year", "行政执法", {"agency": True, "year": 2024}),
    ("nothing found", "不存在的词汇组合", {}),
]

SUBJECTS = ["县人民政府", "县人民政府办公室", "县司法局", "县自然资源局", "县财政局", "县教育局", "县卫生健康局", "县民政局",
            "县人力资源和社会保障局", "县住房和城乡建设局", "县农业农村局", "县水利局", "县交通运输局", "县市场监督管理局",
            "县应急管理局", "县生态环境分局", "县退役军人事务局", "县医疗保障局", "县林业局", "各乡镇人民政府", "县发展和改革局"]
VERBS = ["召开", "印发", "部署", "开展", "推进", "落实", "加强", "规范", "组织", "完成", "启动", "公布", "公示", "调整", "实施",
         "督查", "通报", "研究", "审议", "总结"]
OBJECTS = ["政府信息公开工作", "依申请公开办理", "行政复议案件", "行政执法检查", "征地补偿安置方案", "乡村振兴产业发展",
           "高标准农田建设", "农村人居环境整治", "城乡居民医疗保险", "义务教育招生", "安全生产大检查", "森林防火",
           "防汛抗旱", "财政预算执行", "政府采购项目", "公共资源交易", "重大行政决策", "规范性文件清理", "营商环境优化",
           "双随机一公开监管", "河长制工作", "就业创业补贴", "最低生活保障", "特困人员供养", "退役军人优待",
           "道路交通安全", "农村危房改造", "饮用水源保护", "秸秆禁烧", "疫苗接种", "政务服务事项", "权责清单调整",
           "年度报告编制", "建议提案办理", "民生实事项目", "耕地保护", "不动产登记", "食品安全监管", "消防安全",
           "老旧小区改造", "城市管理执法", "产业园区建设", "招商引资项目", "税费优惠政策", "减税降费",
           "人才引进", "职业技能培训", "法律援助", "人民调解", "普法宣传"]
FILLERS = ["根据上级有关文件精神", "按照县委县政府统一部署", "为进一步", "经研究决定", "现将有关事项通知如下",
           "各单位要高度重视", "切实加强组织领导", "确保工作取得实效", "严格落实工作责任", "广泛听取社会公众意见",
           "坚持问题导向", "加强统筹协调", "及时回应群众关切", "依法依规做好", "主动接受社会监督", "进一步提高工作质量"]
DOC_TYPES = ["通知", "公告", "通告", "意见", "办法", "实施方案", "工作方案", "报告", "公示", "批复", "决定", "工作要点"]
PLACES = ["易俗河镇", "谭家山镇", "中路铺镇", "茶恩寺镇", "河口镇", "射埠镇", "花石镇", "青山桥镇", "石鼓镇", "云湖桥镇",
          "石潭镇", "杨嘉桥镇", "乌石镇", "白石镇", "锦石乡", "排头乡", "分水乡"]


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="10,000 publications instead of 100,000")
    ap.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    ap.add_argument("--keep", action="store_true", help=f"keep the databases ({SQLITE_PATH}, {DB_NAME})")
    ap.add_argument("--reuse", action="store_true", help="use the databases a previous --keep left (no generation)")
    ap.add_argument("--runs", type=int, default=20, help="timed runs per query (p50/p95; default 20)")
    return ap.parse_args()


# --- text ------------------------------------------------------------------------------------------

class Writer:
    """Government prose from the vocabulary above. Each publication has a topic (one of OBJECTS,
    Zipf-weighted) that its title and about a third of its sentences speak of; the other sentences
    are general, and one in ten of them names some other object. So an object's hit count runs
    from a few per cent of the corpus to a quarter of it."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.weights = [1 / (i + 1) for i in range(len(OBJECTS))]
        self.topic = OBJECTS[0]

    def obj(self) -> str:
        return self.rng.choices(OBJECTS, self.weights)[0]

    def new_topic(self) -> str:
        self.topic = self.obj()
        return self.topic

    def sentence(self) -> str:
        r = self.rng
        if r.random() < 0.35:
            kind = r.randrange(3)
            if kind == 0:
                return f"{r.choice(FILLERS)}，{r.choice(SUBJECTS)}{r.choice(VERBS)}{self.topic}。"
            if kind == 1:
                return f"{r.choice(PLACES)}{r.choice(VERBS)}{self.topic}{r.randint(2, 300)}项，涉及资金{r.randint(10, 9999)}万元。"
            return f"截至目前，全县共{r.choice(VERBS)}{self.topic}{r.randint(1, 99)}次，{r.choice(PLACES)}等{r.randint(2, 17)}个乡镇已全部完成。"
        other = f"，并统筹做好{self.obj()}" if r.random() < 0.1 else ""
        kind = r.randrange(3)
        if kind == 0:
            return f"{r.randint(2015, 2025)}年{r.randint(1, 12)}月，{r.choice(SUBJECTS)}{r.choice(FILLERS)}{other}。"
        if kind == 1:
            return f"{r.choice(FILLERS)}，{r.choice(FILLERS)}{other}。"
        return f"{r.choice(PLACES)}{r.choice(FILLERS)}，共涉及{r.randint(2, 999)}户{r.randint(3, 3000)}人{other}。"

    def text(self, low: int, high: int) -> str:
        return "".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def title(self, year: int) -> str:
        r, topic = self.rng, self.topic
        kind = r.randrange(4)
        if kind == 0:
            return f"关于{r.choice(VERBS)}{topic}的{r.choice(DOC_TYPES)}"
        if kind == 1:
            return f"{r.choice(SUBJECTS)}{year}年{topic}情况{r.choice(['报告', '通报', '公示'])}"
        if kind == 2:
            return f"{r.choice(SUBJECTS)}{r.choice(VERBS)}{topic}会议"
        return f"{r.choice(PLACES)}{topic}{r.choice(DOC_TYPES)}"


# --- the database ----------------------------------------------------------------------------------

def setup_django(backend: str, fresh: bool) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "zfxxgk.site.test_settings"
    if backend == "postgres":
        from web import PG_SERVER, pg_admin

        os.environ["ZFXXGK_TEST_DB"] = "postgres"
        os.environ["ZFXXGK_TEST_PG_URL"] = f"{PG_SERVER}/{DB_NAME}"
        if fresh:
            pg_admin(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
            pg_admin(f'CREATE DATABASE "{DB_NAME}"')
    else:
        os.environ.pop("ZFXXGK_TEST_DB", None)
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
    import django
    from django.conf import settings

    if backend == "sqlite":  # a file in WAL mode, as the platform runs SQLite (not the tests' :memory:)
        settings.DATABASES["default"].update(NAME=str(SQLITE_PATH), OPTIONS={
            "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"})
    django.setup()
    if fresh:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def drop(backend: str) -> None:
    from django.db import connections

    connections.close_all()
    if backend == "postgres":
        from web import pg_admin

        pg_admin(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)


def generate(n: int, rng: random.Random) -> float:
    """``n`` public publications (bulk_create) and their attachments; returns the seconds taken."""
    from zfxxgk.agencies.models import Agency
    from zfxxgk.publishing.columns import ensure_catalogue
    from zfxxgk.publishing.models import Attachment, Publication, PubState

    started = time.perf_counter()
    county = Agency.objects.create(name="湘潭县人民政府", code="county", is_government=True)
    leaves = []
    for i in range(AGENCIES):
        agency = Agency.objects.create(name=f"湘潭县第{i + 1}部门", code=f"d{i:03d}", parent=county)
        columns = ensure_catalogue(agency)
        parents = {c.parent_id for c in columns}
        leaves.append([c for c in columns if c.pk not in parents])
    agencies = list(Agency.objects.filter(parent=county).order_by("code"))
    writer = Writer(rng)
    days = (END - START).days
    quantum = set(rng.sample(range(n), 20))
    haze = set(rng.sample(range(n), 50))
    done = 0
    while done < n:
        pubs, texts = [], []
        for i in range(done, min(done + BATCH, n)):
            a = i % AGENCIES
            day = START + timedelta(days=rng.randrange(days + 1))
            writer.new_topic()
            body = writer.text(5, 40)
            if i in quantum:
                body += "探索量子通信技术在政务外网中的应用。"
            if i in haze:
                body += "秋冬季雾霾天气应急预案已启动。"
            pubs.append(Publication(agency=agencies[a], column=rng.choice(leaves[a]), title=writer.title(day.year), written_on=day,
                                    published_on=day, state=PubState.PUBLISHED, body=f"<p>{body}</p>", body_text=body,
                                    doc_number=f"湘县{rng.choice(['政', '办', '司法', '财'])}发〔{day.year}〕{rng.randint(1, 99)}号",
                                    index_number=f"{agencies[a].code}/{day.year}-{i:06d}"))
            extra = []
            if rng.random() < 0.2:
                for _ in range(rng.choice((1, 1, 2))):
                    attachment = writer.text(20, 80)
                    if rng.random() < 0.01:
                        attachment += "全县防汛物资储备库储备编织袋五万条。"
                    extra.append(attachment)
            texts.append(extra)
        Publication.objects.bulk_create(pubs, batch_size=1000)
        Attachment.objects.bulk_create([
            Attachment(publication=pub, file=f"bench/{pub.pk}-{j}.pdf", original_name=f"附件{j + 1}.pdf", content_type="application/pdf",
                       size=len(t) * 3, text=t)
            for pub, extra in zip(pubs, texts) for j, t in enumerate(extra)], batch_size=1000)
        done += len(pubs)
    return time.perf_counter() - started


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def index_size() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_total_relation_size('publishing_search_entry'), pg_relation_size('publishing_search_entry_words'),"
                           " pg_relation_size('publishing_search_entry_grams'), pg_total_relation_size('publishing_publication')"
                           " + pg_total_relation_size('publishing_attachment')")
            total, words, grams, data = cursor.fetchone()
            return (f"index {total / 1e6:.0f} MB (words GIN {words / 1e6:.0f} MB, grams GIN {grams / 1e6:.0f} MB); "
                    f"publications + attachments {data / 1e6:.0f} MB")
        cursor.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name")
        sizes = dict(cursor.fetchall())
    def mb(prefix: str) -> float:
        return sum(v for k, v in sizes.items() if k.startswith(prefix)) / 1e6
    return (f"index {mb('publishing_search_'):.0f} MB (entry table {mb('publishing_search_entry'):.0f} MB, words FTS "
            f"{mb('publishing_search_words'):.0f} MB, grams FTS {mb('publishing_search_grams'):.0f} MB); "
            f"publications + attachments {mb('publishing_publication') + mb('publishing_attachment'):.0f} MB")


# --- the measurements ----------------------------------------------------------------------------------

def like_scan(query: str, agency_id: int | None, year: int | None) -> tuple[int, list[int]]:
    """The baseline: every whitespace-separated word as ``LIKE '%词%'`` on the title, 文号, body text or
    an attachment's text of the public publications; the count and the newest 20."""
    from django.db import connection

    where, params = ["p.state = 'published' AND p.published_on IS NOT NULL"], []
    for word in query.split():
        pattern = f"%{word}%"
        where.append("(p.title LIKE %s OR p.doc_number LIKE %s OR p.body_text LIKE %s OR EXISTS (SELECT 1 FROM"
                     " publishing_attachment a WHERE a.publication_id = p.id AND a.text LIKE %s))")
        params += [pattern] * 4
    if agency_id is not None:
        where.append("p.agency_id = %s")
        params.append(agency_id)
    if year is not None:
        where.append("p.published_on >= %s AND p.published_on <= %s")
        params += [date(year, 1, 1), date(year, 12, 31)]
    sql = " FROM publishing_publication p WHERE " + " AND ".join(where)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*)" + sql, params)
        total = cursor.fetchone()[0]
        cursor.execute("SELECT p.id" + sql + " ORDER BY p.published_on DESC, p.id DESC LIMIT 20", params)
        first = [row[0] for row in cursor.fetchall()]
    return total, first


def _p95(times: list[float]) -> float:
    times = sorted(times)
    return times[min(len(times) - 1, max(0, round(0.95 * len(times)) - 1))]


def timed(fn, runs: int) -> tuple[float, float, object, float, float]:
    """(wall p50, wall p95, the result, CPU p50, CPU p95) in ms of ``runs`` calls after a warm-up; CPU
    = this process and its PostgreSQL backend (bench/cpu.py): on a loaded machine the wall time
    follows everyone else's load."""
    result = fn()  # warm-up
    cpu = Cpu()
    times, cpus = [], []
    for _ in range(runs):
        started, used = time.perf_counter(), cpu()
        fn()
        times.append((time.perf_counter() - started) * 1000)
        cpus.append((cpu() - used) * 1000)
    return statistics.median(times), _p95(times), result, statistics.median(cpus), _p95(cpus)


def measure(backend: str, args) -> None:
    fresh = not args.reuse
    setup_django(backend, fresh)
    try:
        from django.db import connection

        from zfxxgk.agencies.models import Agency
        from zfxxgk.publishing import search
        from zfxxgk.publishing.models import Attachment, Publication

        n = 10_000 if args.quick else 100_000
        if fresh:
            seconds = generate(n, random.Random(20251203))
            print(f"[{backend}] generated {n:,} publications in {seconds:.0f} s", flush=True)
            started, cpu = time.perf_counter(), time.process_time()
            indexed = search.rebuild()
            print(f"[{backend}] search.rebuild(): {indexed:,} publications in {time.perf_counter() - started:.0f} s "
                  f"({time.process_time() - cpu:.0f} s of this process's CPU: segmentation, grams)", flush=True)
            analyze()
        chars = sum(len(t or "") for t in Publication.objects.values_list("body_text", flat=True).iterator(chunk_size=5000))
        chars += sum(len(t or "") for t in Attachment.objects.values_list("text", flat=True).iterator(chunk_size=5000))
        version = connection.cursor().connection.info.server_version if backend == "postgres" else __import__("sqlite3").sqlite_version
        print(f"[{backend}] {'PostgreSQL' if backend == 'postgres' else 'SQLite'} {version}; {Publication.objects.count():,} publications, "
              f"{Attachment.objects.count():,} attachments, {chars / 1e6:.0f}M characters of text; {index_size()}")
        print(f"[{backend}] load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; median and p95 of {args.runs} runs")
        first_agency = Agency.objects.filter(code="d000").first()

        print(f"\n{'query':<34} {'mode':<9} {'found':>7} {'LIKE':>7} {'p50 ms':>7} {'p95 ms':>7} {'cpu p95':>8} {'LIKE p50':>9} {'LIKE p95':>9}"
              f" {'ratio':>7}  p95<{TARGET_P95_MS:.0f}")
        misses = 0
        for label, query, filters in QUERIES:
            agency = first_agency if filters.get("agency") else None
            year = filters.get("year")
            def ours(query=query, agency=agency, year=year):
                return search.search(query, agency=agency, year=year)

            def like(query=query, agency=agency, year=year):
                return like_scan(query, agency.pk if agency else None, year)

            p50, p95, results, _, cpu95 = timed(ours, args.runs)
            l50, l95, (like_total, _), _, _ = timed(like, max(3, args.runs // 4))
            if len(query) <= 2 and (results.total, results.more) != (min(like_total, search.COUNT_LIMIT), like_total > search.COUNT_LIMIT):
                raise SystemExit(f"{query!r}: search found {results.total}, LIKE {like_total}: the exact search is wrong")
            found = f"{results.total}+" if results.more else str(results.total)
            verdict = "PASS" if p95 < TARGET_P95_MS else "MISS"
            misses += verdict == "MISS"
            print(f"{label + ' ' + query:<34} {results.mode:<9} {found:>7} {like_total:>7} {p50:7.1f} {p95:7.1f} {cpu95:8.1f} {l50:9.1f} {l95:9.1f}"
                  f" {l50 / p50:6.1f}×  {verdict}", flush=True)
        pub = Publication.objects.public().order_by("-pk").first()
        u50, u95, _, _, _ = timed(lambda: search.update(pub), args.runs)
        print(f"\nsearch.update() of one publication (re-index): p50 {u50:.1f} ms, p95 {u95:.1f} ms")
        print(f"[{backend}] {len(QUERIES) - misses} of {len(QUERIES)} queries within p95 < {TARGET_P95_MS:.0f} ms")
    finally:
        if args.keep:
            print(f"kept {SQLITE_PATH if backend == 'sqlite' else DB_NAME}")
        elif not args.reuse:
            drop(backend)


def main() -> None:
    args = parse_args()
    if args.backend != "both":
        measure(args.backend, args)
        return
    flags = [f for f, on in (("--quick", args.quick), ("--keep", args.keep), ("--reuse", args.reuse)) if on]
    for backend in ("sqlite", "postgres"):
        print(f"==== {backend} ====", flush=True)
        done = subprocess.run([sys.executable, __file__, "--backend", backend, "--runs", str(args.runs), *flags])
        if done.returncode:
            raise SystemExit(done.returncode)
        print(flush=True)


if __name__ == "__main__":
    main()
