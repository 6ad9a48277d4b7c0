"""Search latency on a generated corpus, on SQLite and PostgreSQL; writes benchmarks/SEARCH.md.

    .venv/bin/python benchmarks/search_latency.py                 # both databases, 100,000 articles
    .venv/bin/python benchmarks/search_latency.py --articles 20000 --vendors sqlite
    .venv/bin/python benchmarks/search_latency.py --pages postgres://postgres@127.0.0.1:5432/DB

--pages times whole requests of /search/ and /api/search/ (search, count, page, snippets,
facets, histogram, template) on an already loaded database, through the Django test
client, with every per-search cache emptied before each request (the whole archive's
link counts, cached per data version, stay warm as in a running server).

Each database gets its own scratch copy (a SQLite file under /tmp, a PostgreSQL
database `archive_bench` on the server of $BENCH_POSTGRES_URL, dropped afterwards),
migrated, then filled with bulk inserts: articles made of realistic Vietnamese
party-building phrases, with places, officials and cited documents, indexed with
the same token code the loader uses (checked against it on a sample). Then every
query runs as a results page does: search(), count(), the first page, snippets.
Deterministic: the same seed gives the same corpus.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
BENCH_DB = "archive_search_bench"
SQLITE_PATH = Path(os.environ.get("TMPDIR", "/tmp")) / "archive_search_bench.sqlite3"
REPEATS = 9

# -- vocabulary ------------------------------------------------------------------

PHRASES = """
xây dựng Đảng|chỉnh đốn Đảng|tổ chức cơ sở đảng|đảng viên|cán bộ|Ban Thường vụ|Ban Chấp hành|Thành ủy|Tỉnh ủy|
Huyện ủy|Đảng ủy|chi bộ|Bí thư|Phó Bí thư|Chủ tịch|Ủy ban nhân dân|Hội đồng nhân dân|Mặt trận Tổ quốc|
hội nghị|sơ kết|tổng kết|quán triệt|triển khai|thực hiện|lãnh đạo|chỉ đạo|kiểm tra|giám sát|kỷ luật|
công tác tổ chức|công tác cán bộ|dân vận|tuyên giáo|nội chính|phòng, chống tham nhũng|tiêu cực|lãng phí|
suy thoái về tư tưởng chính trị|đạo đức|lối sống|tự diễn biến|tự chuyển hóa|trong nội bộ|
học tập và làm theo tư tưởng|đạo đức|phong cách Hồ Chí Minh|nâng cao năng lực lãnh đạo|sức chiến đấu|
kinh tế - xã hội|quốc phòng|an ninh|chuyển đổi số|cải cách hành chính|nông thôn mới|giảm nghèo|
đang|đăng|đáng|đắng|đảng|năm|nay|qua|theo|với|về|của|và|các|những|được|đã|sẽ|trong|trên|tại|cho|
đồng chí|phát biểu|nhấn mạnh|yêu cầu|đề nghị|ghi nhận|đánh giá|kết quả|hạn chế|nguyên nhân|giải pháp|
nhiệm vụ trọng tâm|thời gian tới|năm 2022|nhiệm kỳ 2020 - 2025|khóa XII|khóa XIII|hoá|hóa|thuỷ lợi|uỷ ban|
tinh gọn bộ máy|sắp xếp|kiện toàn|bầu cử|đại hội|đại biểu|Quốc hội|Chính phủ|Bộ Chính trị|Ban Bí thư|
biển|đảo|rừng|doanh nghiệp|thanh niên|phụ nữ|nông dân|công nhân|cựu chiến binh|đoàn viên|hội viên|
tiếp công dân|đối thoại|khiếu nại|tố cáo|dư luận xã hội|báo chí|truyền thông|mạng xã hội|thông tin
""".replace("\n", "").split("|")
SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()
MIDDLES = "Văn Thị Hữu Đức Minh Quang Thanh Việt Quốc Ngọc Xuân Hồng".split()
GIVEN = "Mạnh Hiểu Trường Trung Hùng Dũng Lan Hương Tuấn Sơn Hải Bình Phúc Lộc Thắng Nam Long Khánh Tâm".split()
KINDS = [("Nghị quyết", "NQ"), ("Chỉ thị", "CT"), ("Kết luận", "KL"), ("Quy định", "QĐ")]


def _gazetteer() -> list[tuple[str, str, int]]:
    rows = []
    for line in (ROOT / "archive/extraction/data/gazetteer.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("#") or len(parts) < 4 or parts[0] not in ("P", "D"):
            continue
        rows.append((parts[3], parts[2], 1 if parts[0] == "P" else 2))
    return list(dict.fromkeys(rows))[:700]


# -- the corpus ------------------------------------------------------------------

def build_corpus(*, n_articles: int, seed: int):
    """Plain data for every row; token lists come from per-phrase caches (see _check_tokens)."""
    from archive.extraction.catalog import load_catalog

    rng = random.Random(seed)
    places = _gazetteer()
    officials = list(dict.fromkeys(f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"
                                   for _ in range(3000)))
    catalog = [(e.code, e.kind, e.number, e.term, list(e.aliases)) for e in load_catalog().entries]
    documents = catalog + [(f"{n:02d}-{abbr}/TU", kind, f"{n:02d}", "", [f"{kind} số {n:02d}-{abbr}/TU"])
                           for n in range(1, 60) for kind, abbr in KINDS[:2]]
    weights = [1.0 / (i + 1) ** 0.8 for i in range(len(PHRASES))]  # Zipf-like: a few phrases everywhere
    start = date(2015, 1, 1)
    articles = []
    for pk in range(1, n_articles + 1):
        place = rng.randrange(len(places))
        people = rng.sample(range(len(officials)), rng.randint(1, 4))
        cited = rng.sample(range(len(documents)), rng.choice([0, 1, 1, 2, 3]))
        title = rng.choices(range(len(PHRASES)), weights, k=rng.randint(6, 12))
        paragraphs = []
        for _ in range(rng.randint(3, 6)):
            words = rng.choices(range(len(PHRASES)), weights, k=rng.randint(25, 55))
            paragraphs.append(words)
        # names written into the text: the place, an official, a cited document by one of its names
        paragraphs[0] = paragraphs[0][:5] + [("place", place)] + paragraphs[0][5:]
        paragraphs[-1] = paragraphs[-1] + [("official", people[0])]
        for d in cited:
            code, kind, number, _, aliases = documents[d]
            spelling = rng.choice([f"{kind} số {code}", *aliases] if aliases else [f"{kind} số {code}"])
            paragraphs[rng.randrange(len(paragraphs))].append(("text", spelling))
        published = None if rng.random() < 0.03 else start + timedelta(days=rng.randrange(3900))
        articles.append((pk, title, paragraphs, place, people, cited, published))
    return places, officials, documents, articles


class Renderer:
    """Text and tokens of generated articles, tokenizing each phrase once."""

    def __init__(self, *, places, officials):
        from archive.search.query import tokens

        self.tokens = tokens
        self.places, self.officials = places, officials
        self.cache: dict[str, list] = {}

    def word(self, item) -> str:
        if isinstance(item, int):
            return PHRASES[item]
        kind, value = item
        if kind == "place":
            name, unit, _ = self.places[value]
            return f"{unit} {name}"
        if kind == "official":
            return f"đồng chí {self.officials[value]}"
        return value

    def toks(self, item) -> list:
        text = self.word(item)
        if text not in self.cache:
            self.cache[text] = self.tokens(text)
        return self.cache[text]

    def text(self, items) -> str:
        return " ".join(self.word(i) for i in items)

    def token_list(self, items) -> list:
        out = []
        for item in items:
            out.extend(self.toks(item))
        return out


def _names(renderer, documents, article) -> list[str]:
    """The keywords an article is indexed under: its documents, officials and place."""
    from archive.search.query import doc_token

    _, _, _, place, people, cited, _ = article
    names = []
    for d in cited:
        code, kind, number, term, aliases = documents[d]
        names += [code, f"{kind} {number}", f"{kind} {code}", *aliases] + ([f"khóa {term}"] if term else [])
        names.append(doc_token(code))
    names += [renderer.officials[i] for i in people]
    name, unit, _ = renderer.places[place]
    names += [name, f"{unit} {name}"]
    return names


def _indexed(renderer, documents, article):
    from archive.search.base import IndexedText, Tokens, keyword_groups
    from archive.search.query import doc_token

    pk, title, paragraphs, place, people, cited, _ = article
    names = _names(renderer, documents, article)
    body = []
    for p in paragraphs:
        body.extend(renderer.token_list(p))
    text_codes = [[doc_token(documents[d][0])] for d in cited
                  if any(isinstance(i, tuple) and i[0] == "text" and documents[d][0] in i[1] for p in paragraphs for i in p)]
    return IndexedText(article_id=pk, title=Tokens.from_pairs(renderer.token_list(title)), body=Tokens.from_pairs(body),
                       keywords=keyword_groups(names) + text_codes)


def _check_tokens(renderer, documents, articles, *, sample: int = 300) -> None:
    """The fast path must give what the loader's indexer gives."""
    from archive.search.base import document

    for article in articles[:sample]:
        pk, title, paragraphs, *_ = article
        fast = _indexed(renderer, documents, article)
        names = _names(renderer, documents, article)
        slow = document(article_id=pk, title=renderer.text(title),
                        paragraphs=[renderer.text(p) for p in paragraphs], names=names)
        assert fast.title == slow.title and fast.body == slow.body, pk
        assert {tuple(g) for g in fast.keywords} == {tuple(g) for g in slow.keywords}, pk


# -- loading ------------------------------------------------------------------

def load(*, n_articles: int, seed: int) -> dict:
    from django.db import connection, transaction

    from archive.extraction.text import slugify
    from archive.models import Appearance, Article, ArticleLocality, Citation, Locality, Official, Resolution
    from archive.search import BACKENDS

    timings = {}
    t0 = time.perf_counter()
    places, officials, documents, articles = build_corpus(n_articles=n_articles, seed=seed)
    renderer = Renderer(places=places, officials=officials)
    _check_tokens(renderer, documents, articles)
    timings["generate_s"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    with transaction.atomic():
        Locality.objects.bulk_create([
            Locality(pk=i + 1, name=name, kind=unit, slug=f"{slugify(name)}-{i}", level=level, folded_name=slugify(name).replace("-", " "))
            for i, (name, unit, level) in enumerate(places)], batch_size=2000)
        Official.objects.bulk_create([
            Official(pk=i + 1, name=name, slug=f"{slugify(name)}-{i}", folded_name=slugify(name).replace("-", " "))
            for i, name in enumerate(officials)], batch_size=2000)
        Resolution.objects.bulk_create([
            Resolution(pk=i + 1, key=f"{code}#{i}", code=code, slug=f"{slugify(code)}-{i}", kind=kind, number=number,
                       term=term, aliases=aliases)
            for i, (code, kind, number, term, aliases) in enumerate(documents)], batch_size=2000)
        batch = 5000
        for s in range(0, len(articles), batch):
            chunk = articles[s:s + batch]
            Article.objects.bulk_create([
                Article(pk=pk, file_name=f"bench/{pk}.txt", content_hash=f"{pk:064d}", original_text="",
                        title=renderer.text(title), published=published,
                        paragraphs=[renderer.text(p) for p in paragraphs], primary_locality_id=place + 1)
                for pk, title, paragraphs, place, people, cited, published in chunk], batch_size=batch)
            ArticleLocality.objects.bulk_create([
                ArticleLocality(article_id=a[0], locality_id=a[3] + 1, is_primary=True) for a in chunk], batch_size=batch)
            Appearance.objects.bulk_create([
                Appearance(article_id=a[0], official_id=o + 1, order=k) for a in chunk for k, o in enumerate(a[4])],
                batch_size=batch)
            Citation.objects.bulk_create([
                Citation(article_id=a[0], resolution_id=d + 1, mentions=[]) for a in chunk for d in a[5]],
                batch_size=batch)
    timings["rows_s"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    _, index = BACKENDS[connection.vendor]
    vendor = connection.vendor
    if vendor == "postgresql":
        with connection.cursor() as cursor:  # a bulk load builds the GIN index once, at the end
            cursor.execute("DROP INDEX archive_searchdoc_document_gin")
            cursor.execute("DROP INDEX archive_searchdoc_title_gin")
    for s in range(0, len(articles), 2000):
        with transaction.atomic():
            index.write([_indexed(renderer, documents, a) for a in articles[s:s + 2000]], using="default")
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '256MB'")
            cursor.execute("CREATE INDEX archive_searchdoc_document_gin ON archive_searchdoc USING gin (document)")
            cursor.execute("CREATE INDEX archive_searchdoc_title_gin ON archive_searchdoc USING gin (title)")
            cursor.execute("VACUUM ANALYZE")  # as autovacuum would after a load: visibility map, statistics
    else:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO archive_search(archive_search) VALUES ('optimize')")
            cursor.execute("ANALYZE")
    timings["index_s"] = time.perf_counter() - t0
    timings["articles"] = len(articles)
    return timings


# -- queries ---------------------------------------------------------------------

QUERIES = {
    "broad": ["đảng", "dang", "xây dựng Đảng", "cán bộ đảng viên", "thực hiện nghị quyết"],
    "broad, newest": ["đảng", "cán bộ"],
    "narrow": ["thuỷ lợi cựu chiến binh", "tiếp công dân khiếu nại tố cáo", "mạng xã hội thanh niên biển"],
    "phrase": ['"chỉnh đốn Đảng"', '"kinh tế - xã hội"', '"tự diễn biến" "tự chuyển hóa"'],
    "operators": ["đảng -tham", "biển OR đảo", "cán bộ -\"đảng viên\""],
    "document": ["Nghị quyết 04-NQ/TW", "NQTW4", "nghi quyet trung uong 4 khoa xii", "05-CT/TW", "12-CT/TU"],
    "official / place": ["Nguyễn Văn Mạnh", "Thành ủy Uông Bí", "huyện Cờ Đỏ"],
    "faceted (year 2022)": ["đảng", "Nghị quyết 04-NQ/TW"],
}


def measure() -> dict:
    from archive.models import Article
    from archive.search import plan_search, snippets

    out = {}
    for group, queries in QUERIES.items():
        rows = []
        for query in queries:
            sort = "newest" if "newest" in group else "relevance"
            queryset = Article.objects.filter(published__year=2022) if "faceted" in group else None
            samples, snippet_samples, count = [], [], 0
            for attempt in range(REPEATS + 1):
                t0 = time.perf_counter()
                # as the pages do: a broad match is paged from the date index and counted from the index
                found = plan_search(query, queryset=queryset, sort=sort)
                count = found.count()
                page = found.page(0, 20)
                t1 = time.perf_counter()
                snippets(articles=page, query=query)
                t2 = time.perf_counter()
                if attempt:  # the first run warms caches
                    samples.append((t1 - t0) * 1000)
                    snippet_samples.append((t2 - t1) * 1000)
            rows.append({"query": query, "matches": count, "samples_ms": samples, "ranking": found.ranking,
                         "snippets_ms": statistics.median(snippet_samples)})
        out[group] = rows
    return out


def plans(results: dict, *, top: int = 3) -> list[dict]:
    """EXPLAIN (ANALYZE on PostgreSQL) of the slowest queries."""
    from django.db import connection

    from archive.models import Article
    from archive.search import plan_search

    flat = [(statistics.median(r["samples_ms"]), group, r["query"]) for group, rows in results.items() for r in rows]
    out = []
    for _, group, query in sorted(flat, reverse=True)[:top]:
        sort = "newest" if "newest" in group else "relevance"
        queryset = Article.objects.filter(published__year=2022) if "faceted" in group else None
        found = plan_search(query, queryset=queryset, sort=sort)
        # a broad match's first page is read from its first segment
        results_qs = (found.segments[0] if found.segments else found.queryset)[:20]
        if connection.vendor == "postgresql":
            plan = results_qs.explain(analyze=True, buffers=True)
        else:
            plan = results_qs.explain()
        out.append({"group": group, "query": query, "plan": plan})
    return out


def run_one(vendor: str, *, n_articles: int, seed: int) -> dict:
    """In this process: a scratch database for vendor, loaded, measured, dropped."""
    import django

    if vendor == "sqlite":
        SQLITE_PATH.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_PATH}"
    else:
        import psycopg

        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {BENCH_DB}")
        os.environ["DATABASE_URL"] = POSTGRES_URL.rsplit("/", 1)[0] + f"/{BENCH_DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "x" * 40)
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    try:
        call_command("migrate", verbosity=0)
        timings = load(n_articles=n_articles, seed=seed)
        results = measure()
        slow = plans(results)
        size = _size(vendor)
        return {"vendor": vendor, "version": _version(), "timings": timings, "results": results, "plans": slow, "size": size}
    finally:
        connection.close()
        if vendor == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        else:
            import psycopg

            with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


def _version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            return "SQLite " + cursor.fetchone()[0]
        cursor.execute("SHOW server_version")
        return "PostgreSQL " + cursor.fetchone()[0]


def _size(vendor: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return f"{SQLITE_PATH.stat().st_size / 2**20:.0f} MB database file"
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('archive_searchdoc')), "
                       "pg_size_pretty(pg_relation_size('archive_searchdoc_document_gin')), "
                       "pg_size_pretty(pg_database_size(current_database()))")
        table, gin, total = cursor.fetchone()
        return f"search table {table} (GIN index {gin}), database {total}"


# -- the report -----------------------------------------------------------------------

def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


MARKER = "<!-- Everything below is written by benchmarks/search_latency.py; edit above this line. -->"


def report(runs: list[dict], *, n_articles: int, seed: int, elapsed: float, load: tuple) -> str:
    lines = [
        f"Generated by `benchmarks/search_latency.py` (seed {seed}, {n_articles:,} articles, "
        f"{REPEATS} timed runs per query after one warm-up, total run {elapsed / 60:.1f} min) on this 2-core machine.",
        "A timed run is what a results page does: `search()`, `.count()` and the first 20 rows;",
        "snippets for those 20 are timed apart. Figures in milliseconds.",
        f"Load average while it ran: {load[0]:.1f} at the start, {load[1]:.1f} at the end "
        "(other work shared the two cores; figures on an idle machine are lower).",
        "",
    ]
    for run in runs:
        t = run["timings"]
        lines += [f"## {run['version']}", "",
                  f"Load: corpus generated in {t['generate_s']:.0f} s, rows inserted in {t['rows_s']:.0f} s, "
                  f"search index written in {t['index_s']:.0f} s; {run['size']}.", "",
                  "| kind | query | matches | median | p95 | snippets (median) |", "|---|---|---:|---:|---:|---:|"]
        group_samples = {}
        for group, rows in run["results"].items():
            for r in rows:
                group_samples.setdefault(group, []).extend(r["samples_ms"])
                lines.append(f"| {group} | `{r['query']}` | {r['matches']:,} | {statistics.median(r['samples_ms']):.0f} | "
                             f"{_p95(r['samples_ms']):.0f} | {r['snippets_ms']:.0f} |")
        lines += ["", "| kind (all its queries) | median | p95 |", "|---|---:|---:|"]
        for group, samples in group_samples.items():
            lines.append(f"| {group} | {statistics.median(samples):.0f} | {_p95(samples):.0f} |")
        lines += ["", "### Plans of the slowest queries", ""]
        for p in run["plans"]:
            lines += [f"`{p['query']}` ({p['group']}):", "", "```", p["plan"].strip(), "```", ""]
    return "\n".join(lines) + "\n"


PAGE_QUERIES = [
    ("broad", {"q": "Đảng"}), ("broad", {"q": "cán bộ"}), ("broad", {"q": "xây dựng Đảng"}),
    ("phrase", {"q": '"chuyển đổi số"'}), ("phrase", {"q": '"sinh hoạt chi bộ"'}), ("phrase", {"q": '"chỉnh đốn Đảng"'}),
    ("operators", {"q": 'cán bộ -"đảng viên"'}),
    ("document", {"q": "Nghị quyết 04-NQ/TW"}), ("document", {"q": "NQTW4"}), ("place", {"q": "huyện Cờ Đỏ"}),
    ("broad, year 2022", {"q": "Đảng", "year": "2022"}), ("broad, page 50", {"q": "Đảng", "page": "50"}),
]


def pages_main(database_url: str, *, reps: int) -> None:
    """Whole search requests on a loaded database: a markdown table of medians and maxima."""
    os.environ.update(DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="archive.settings", SECURE_COOKIES="0",
                      SECURE_HSTS_SECONDS="0", ARCHIVE_MANIFEST_STATIC="0")
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "k" * 40)
    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client

    client = Client()
    client.get("/api/search/", {"q": "warm up"})
    print("| kind | query | path | matches | ranking | cut | median ms | max ms |\n|---|---|---|---:|---|---|---:|---:|")
    for kind, params in PAGE_QUERIES:
        for path in ("/search/", "/api/search/"):
            times, data = [], {}
            for _ in range(reps):
                for key in list(cache._cache):  # LocMemCache: keep only the whole archive's counts
                    if "archive-link-counts" not in key:
                        cache.delete(key.split(":", 2)[2])
                started = time.perf_counter()
                response = client.get(path, params)
                times.append((time.perf_counter() - started) * 1000)
                if path.startswith("/api/"):
                    data = json.loads(response.content)
            shown = " ".join(f"{k}={v}" for k, v in params.items())
            print(f"| {kind} | `{shown}` | {path} | {data.get('count', '')} | {data.get('ranking', '')} | "
                  f"{','.join(data.get('partial', []))} | {statistics.median(times):.0f} | {max(times):.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", metavar="DATABASE_URL", help="time whole search requests on this loaded database")
    parser.add_argument("--reps", type=int, default=3, help="with --pages: requests per query and path")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--vendors", default="sqlite,postgresql")
    parser.add_argument("--out", default="/tmp/search_latency.json")
    parser.add_argument("--report", default=str(ROOT / "benchmarks" / "SEARCH.md"))
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one vendor in this process
    args = parser.parse_args()
    if args.pages:
        pages_main(args.pages, reps=args.reps)
        return
    if args.one:
        print(json.dumps(run_one(args.one, n_articles=args.articles, seed=args.seed)))
        return
    started = time.perf_counter()
    load_start = os.getloadavg()[0]
    runs = []
    for vendor in args.vendors.split(","):
        # one process per database: Django settings are per process
        done = subprocess.run([sys.executable, __file__, "--one", vendor, "--articles", str(args.articles),
                               "--seed", str(args.seed)], capture_output=True, text=True, cwd=ROOT)
        if done.returncode != 0:
            sys.exit(f"{vendor} run failed:\n{done.stderr[-4000:]}")
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"{vendor}: done after {(time.perf_counter() - started) / 60:.1f} min", file=sys.stderr)
    Path(args.out).write_text(json.dumps(runs, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.report:
        # the hand-written part above the marker survives a re-run
        target = Path(args.report)
        head = "# Search latency\n\n"
        if target.exists() and MARKER in target.read_text(encoding="utf-8"):
            head = target.read_text(encoding="utf-8").split(MARKER)[0]
        body = report(runs, n_articles=args.articles, seed=args.seed, elapsed=time.perf_counter() - started,
                      load=(load_start, os.getloadavg()[0]))
        target.write_text(f"{head}{MARKER}\n\n{body}", encoding="utf-8")


if __name__ == "__main__":
    main()
