#!/usr/bin/env python3
"""Issue 7 benchmark: one run per corpus size, both databases, Datasette and the bare engines.

    .venv/bin/python benchmarks/bench.py --count 10000 [--workers 2] [--databases sqlite,postgresql]

One run:
1. generates the corpus (benchmarks/generate_corpus.py, seed 1) unless it exists;
2. for each database: creates a fresh one (a separate SQLite file; a PostgreSQL
   database archive_bench_<N> at 127.0.0.1:5432, user postgres), runs `manage.py
   migrate`, then one `manage.py ingest --workers W` (the loader extracts in W
   forked processes and writes batches itself). It records wall time, articles/s,
   articles per CPU-second (workers included) and the peak RSS;
3. serves the archive with gunicorn on 127.0.0.1 and times the search page and the
   JSON API (median, p95) for broad, narrow, phrase and document queries with their
   4 facets, at page 1 and page 50;
4. times the bare engine queries (count, ranked top 20, one facet GROUP BY) on the
   index tables: the floor under any application;
5. builds a Datasette database from the SQLite archive (one row per article, FTS5,
   the same 4 facets as columns / JSON arrays), serves it, and times the same queries;
6. writes benchmarks/results/<N>.json and re-renders benchmarks/RESULTS.md from
   every results file.

Every phase is bounded (--max-seconds per timed cell); whatever did not run is
written as not measured, never guessed.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
# Overridable so a trial run does not touch the committed results.
RESULTS_DIR = Path(os.environ.get("BENCH_RESULTS_DIR", ROOT / "benchmarks" / "results"))
RESULTS_MD = Path(os.environ.get("BENCH_RESULTS_MD", ROOT / "benchmarks" / "RESULTS.md"))
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- databases -------------------------------------------------------------------

def database_url(*, vendor: str, count: int, work: Path) -> str:
    if vendor == "sqlite":
        return f"sqlite:///{work / f'archive-{count}.sqlite3'}"
    return f"postgres://postgres@127.0.0.1:5432/archive_bench_{count}"


def create_database(*, vendor: str, url: str) -> None:
    """A fresh, empty database: the file removed, or the PostgreSQL database dropped and created."""
    if vendor == "sqlite":
        path = Path(url.removeprefix("sqlite://"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def manage_env(url: str) -> dict:
    env = dict(os.environ)
    env.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="archive.settings", PYTHONPATH=str(ROOT),
               SECRET_KEY="bench-only-" + "k" * 40, ALLOWED_HOSTS="127.0.0.1,localhost",
               ARCHIVE_MANIFEST_STATIC="0", SECURE_COOKIES="0", SECURE_HSTS_SECONDS="0", LOG_LEVEL="ERROR")
    return env


def migrate(url: str) -> float:
    started = time.perf_counter()
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=manage_env(url), check=True)
    return time.perf_counter() - started


# --- loading ---------------------------------------------------------------------

_SUMMARY = re.compile(r"(\d+) files: (\d+) loaded, (\d+) updated, (\d+) unchanged, (\d+) duplicate, (\d+) rejected")


def _run_ingest(*, url: str, paths: list[str], workers: int, log_dir: Path, tag: str) -> dict:
    """Run `manage.py ingest --quiet --workers W`; wall time, CPU (its workers included), peak RSS, summary."""
    started = time.perf_counter()
    log_path = log_dir / f"ingest-{tag}.log"
    with open(log_path, "w") as out:
        proc = subprocess.Popen([PY, "manage.py", "ingest", "--quiet", "--workers", str(workers), *paths], cwd=ROOT,
                                env=manage_env(url), stdout=out, stderr=subprocess.STDOUT)
        # wait4's usage covers the loader and the worker processes it reaped
        _, _, usage = os.wait4(proc.pid, 0)
        proc.returncode = 0
    seconds = time.perf_counter() - started
    found = _SUMMARY.findall(log_path.read_text(errors="replace"))
    totals = [int(n) for n in found[-1]] if found else [0] * 6
    keys = ("files", "loaded", "updated", "unchanged", "duplicate", "rejected")
    return {"seconds": round(seconds, 1), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1), **dict(zip(keys, totals))}


def server_cpu_seconds() -> float | None:
    """CPU of the local PostgreSQL server's processes so far, ended backends included (Linux /proc)."""
    try:
        import pwd

        uid = pwd.getpwnam("postgres").pw_uid
    except (ImportError, KeyError):
        return None
    ticks, total = os.sysconf("SC_CLK_TCK"), 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if os.stat(f"/proc/{pid}").st_uid != uid:
                continue
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # utime, stime, cutime, cstime: the postmaster's children times hold the backends that exited
        total += sum(int(x) for x in fields[11:15])
    return total / ticks


def load(*, vendor: str, url: str, corpus: Path, workers: int, log_dir: Path) -> dict:
    """One loader process extracting in `workers` processes (the loader's own pool)."""
    log(f"  ingest with --workers {workers}")
    server_before = server_cpu_seconds() if vendor == "postgresql" else None
    run = _run_ingest(url=url, paths=[str(corpus)], workers=workers, log_dir=log_dir, tag=url.rsplit("/", 1)[1])
    loaded = {"workers": workers, "parallel": run, "articles": run["loaded"], "rejected": run["rejected"],
              "articles_per_s": round(run["loaded"] / run["seconds"], 1) if run["seconds"] else 0,
              "articles_per_cpu_s": round(run["loaded"] / run["cpu_seconds"], 1) if run["cpu_seconds"] else 0,
              "peak_rss_mb": run["peak_rss_mb"]}
    if server_before is not None:
        # the database server shares the cores: its CPU during the load, for the per-CPU figure with it
        server = round(server_cpu_seconds() - server_before, 1)
        loaded["server_cpu_seconds"] = server
        loaded["articles_per_cpu_s_with_server"] = round(run["loaded"] / (run["cpu_seconds"] + server), 1)
    return loaded


# --- a bigger corpus from a loaded one ------------------------------------------------

LINK_TABLES = ("archive_articlelocality", "archive_appearance", "archive_citation")


def replicate(*, vendor: str, source_url: str, target_url: str, factor: int) -> dict:
    """target = source with every article, its links and its index rows copied factor-1 more times.

    For the latency of larger sizes when the loader is too slow to load them in the
    time available: counts, match sizes and facet sizes grow exactly `factor` times.
    """
    started = time.perf_counter()
    if vendor == "sqlite":
        src, dst = Path(source_url.removeprefix("sqlite://")), Path(target_url.removeprefix("sqlite://"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{dst}{suffix}").unlink(missing_ok=True)
        conn = sqlite3.connect(src)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        shutil.copyfile(src, dst)
        conn = sqlite3.connect(dst)
        cols = lambda table: [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]  # noqa: E731
        run = conn.execute
    else:
        import psycopg

        source, target = source_url.rsplit("/", 1)[1], target_url.rsplit("/", 1)[1]
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
        conn = psycopg.connect(target_url.replace("postgres://", "postgresql://"))

        def cols(table):
            return [r[0] for r in conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s ORDER BY ordinal_position",
                [table])]
        run = conn.execute
    offset = run("SELECT max(id) FROM archive_article").fetchone()[0]
    if not offset:
        raise RuntimeError(f"{source_url} holds no articles to copy")
    article_cols = cols("archive_article")
    for k in range(1, factor):
        shift = k * offset
        select = ", ".join(
            f"id + {shift}" if c == "id" else (f"file_name || '#{k}'" if c == "file_name" else f'"{c}"')
            for c in article_cols)
        names = ", ".join(f'"{c}"' for c in article_cols)
        run(f"INSERT INTO archive_article ({names}) SELECT {select} FROM archive_article WHERE id <= {offset}")
        for table in LINK_TABLES:
            link_cols = [c for c in cols(table) if c != "id"]
            select = ", ".join(f"article_id + {shift}" if c == "article_id" else f'"{c}"' for c in link_cols)
            names = ", ".join(f'"{c}"' for c in link_cols)
            run(f"INSERT INTO {table} ({names}) SELECT {select} FROM {table} WHERE article_id <= {offset}")
        # The index table's columns are read, not assumed: the search module owns them.
        if vendor == "sqlite":
            index_cols = ", ".join(f'"{c}"' for c in cols("archive_search"))
            run(f"INSERT INTO archive_search (rowid, {index_cols}) "
                f"SELECT rowid + {shift}, {index_cols} FROM archive_search WHERE rowid <= {offset}")
        else:
            index_cols = [c for c in cols("archive_searchdoc") if c != "article_id"]
            names = ", ".join(f'"{c}"' for c in index_cols)
            run(f"INSERT INTO archive_searchdoc (article_id, {names}) "
                f"SELECT article_id + {shift}, {names} FROM archive_searchdoc WHERE article_id <= {offset}")
    if vendor == "sqlite":
        conn.commit()
        run("INSERT INTO archive_search (archive_search) VALUES ('optimize')")
        conn.commit()
        run("ANALYZE")
        conn.commit()
    else:
        for table in ("archive_article", *LINK_TABLES):
            run(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        conn.commit()
        conn.autocommit = True
        run("VACUUM ANALYZE")
    articles = run("SELECT count(*) FROM archive_article").fetchone()[0]
    conn.close()
    return {"replicated_from": offset, "factor": factor, "articles": articles,
            "seconds": round(time.perf_counter() - started, 1)}


def analyze(*, vendor: str, url: str) -> None:
    """Planner statistics before timing: without them PostgreSQL scans the index table row by row."""
    if vendor == "sqlite":
        conn = sqlite3.connect(url.removeprefix("sqlite://"))
        conn.execute("ANALYZE")
        conn.commit()
        conn.close()
        return
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def database_mb(*, vendor: str, url: str) -> float:
    """The database's size on disk: the SQLite file and its WAL, or pg_database_size."""
    if vendor == "sqlite":
        path = url.removeprefix("sqlite://")
        return round(sum(os.path.getsize(f"{path}{s}") for s in ("", "-wal") if os.path.exists(f"{path}{s}")) / 1e6, 1)
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        return round(conn.execute("SELECT pg_database_size(current_database())").fetchone()[0] / 1e6, 1)


# --- timing HTTP ------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, *, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=30).read()
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer in {seconds} s")


TIMEOUT = -1  # status of a request that got no answer in time


def fetch(url: str, *, timeout: float = 120) -> tuple[float, int, bytes]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body, status = response.read(), response.status
    except urllib.error.HTTPError as exc:
        body, status = exc.read(), exc.code
    except (TimeoutError, socket.timeout):
        body, status = b"", TIMEOUT
    return (time.perf_counter() - started) * 1000, status, body


def timed(fn, *, reps: int, max_seconds: float, warm: bool = True) -> dict:
    """One warm-up call, then up to reps timed calls within max_seconds; ms median and p95."""
    if warm:
        fn()
    samples, started, status = [], time.perf_counter(), None
    for _ in range(reps):
        ms, status = fn()
        samples.append(ms)
        if time.perf_counter() - started > max_seconds:
            break
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return {"median": round(statistics.median(samples), 1), "p95": round(p95, 1), "n": len(samples), "status": status}


def http_cell(url: str, *, reps: int, max_seconds: float, timeout: float = 120) -> dict:
    # A request that times out once would time out again: recorded as such, not repeated.
    ms, status, _ = fetch(url, timeout=timeout)
    if status == TIMEOUT:
        return {"median": None, "p95": None, "n": 0, "status": "timeout", "timeout_s": timeout}

    unanswered = 0

    def once():
        nonlocal unanswered
        ms, status, _ = fetch(url, timeout=timeout)
        unanswered += status == TIMEOUT
        return ms, status
    cell = timed(once, reps=reps, max_seconds=max_seconds, warm=False)  # the first fetch was the warm-up
    if unanswered:
        cell["unanswered"] = unanswered
    return cell


def left_work_behind(cell: dict) -> bool:
    """A request the client gave up on may still be running in the server it was sent to."""
    return cell.get("status") == "timeout" or bool(cell.get("unanswered"))


# --- the queries --------------------------------------------------------------------

def choose_queries(*, sqlite_url: str) -> dict:
    """The benchmark's queries, drawn from what the loaded archive holds (same for every engine)."""
    conn = sqlite3.connect(sqlite_url.removeprefix("sqlite://"))
    official = conn.execute(
        "SELECT o.name, count(*) c FROM archive_appearance a JOIN archive_official o ON o.id = a.official_id "
        "GROUP BY o.id HAVING c BETWEEN 3 AND 8 ORDER BY c DESC, o.name LIMIT 1").fetchone()
    province = conn.execute(
        "SELECT l.slug, l.name, count(*) c FROM archive_article a JOIN archive_locality l ON l.id = a.primary_locality_id "
        "WHERE l.level = 1 GROUP BY l.id ORDER BY c DESC LIMIT 1").fetchone()
    document = conn.execute("SELECT slug, code FROM archive_resolution WHERE code = '04-NQ/TW'").fetchone()
    conn.close()
    return {
        "broad": {"q": "Đảng"},
        "narrow": {"q": official[0]},
        "phrase": {"q": '"chuyển đổi số"'},
        "document": {"q": document[1] if document else "04-NQ/TW"},
        "filtered": {"q": "Đảng", "locality": province[0], "year": "2021", "locality_name": province[1]},
    }


def app_params(query: dict, *, page: int) -> str:
    params = {k: v for k, v in query.items() if k in ("q", "locality", "year")}
    if page > 1:
        params["page"] = str(page)
    return urllib.parse.urlencode(params)


COLUMNS_SCRIPT = """
import json, resource, time
import django
django.setup()
from archive import columns
started = time.perf_counter()
snapshot = columns.read_snapshot(using="default", version="bench")
print(json.dumps({"seconds": round(time.perf_counter() - started, 2), "articles": snapshot.size,
                  "mb": round(snapshot.nbytes / 1e6, 1),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
"""


def measure_columns(*, url: str) -> dict:
    """Reading the facet columns (archive/columns.py) that the server reads at start: time and size."""
    out = subprocess.run([PY, "-c", COLUMNS_SCRIPT], cwd=ROOT, env=manage_env(url), capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_app(*, url: str, queries: dict, reps: int, max_seconds: float, log_dir: Path, tag: str) -> dict:
    """Serve with gunicorn on 127.0.0.1 and time /search/ and /api/search/ for each query at pages 1 and 50."""
    port = free_port()
    out = open(log_dir / f"gunicorn-{tag}.log", "w")
    # Every timed request computes its count, facets and histogram: no reuse of a search's
    # figures between the repetitions (whole-archive aggregates are still kept per data version).
    # The facet columns are read at start, before the server answers (measure_columns times it).
    server = subprocess.Popen([str(ROOT / ".venv" / "bin" / "gunicorn"), "archive.wsgi", "--bind", f"127.0.0.1:{port}",
                               "--workers", "1", "--timeout", "300"], cwd=ROOT,
                              env={**manage_env(url), "ARCHIVE_CACHE_SECONDS": "0",
                                   "ARCHIVE_FACET_COLUMNS_AT_START": "1"},
                              stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    cells: dict = {}
    try:
        wait_for(f"{base}/api/search/?q=x", seconds=900)
        for name, query in queries.items():
            _, status, body = fetch(f"{base}/api/search/?{app_params(query, page=1)}")
            count = json.loads(body).get("count", 0) if status == 200 else None
            cells[name] = {"count": count}
            for page in (1, 50):
                # page 1's answers may have replaced a first, cold estimate with the exact count
                if page == 50 and (cells[name]["count"] or 0) < 50 * 20:
                    cells[name][f"page{page}"] = None  # fewer than 50 pages: nothing to time
                    continue
                qs = app_params(query, page=page)
                cells[name][f"page{page}"] = {
                    "html": http_cell(f"{base}/search/?{qs}", reps=reps, max_seconds=max_seconds),
                    "api": http_cell(f"{base}/api/search/?{qs}", reps=reps, max_seconds=max_seconds),
                }
                # what the time limit cut, if anything (one more answer, not timed)
                _, status, body = fetch(f"{base}/api/search/?{qs}")
                answer = json.loads(body) if status == 200 else {}
                cells[name][f"page{page}"]["partial"] = (answer.get("partial") or []) if status == 200 else None
                if page == 1 and answer.get("count_exact"):
                    # the first answer, on a cold cache, may have given only an estimate
                    cells[name]["count"] = answer["count"]
            log(f"    {tag} {name}: {cells[name]['count']} results")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        out.close()
    return cells


# --- the floor: bare engine queries on the index tables ----------------------------------

FLOOR_SQL = {
    "sqlite": {
        "count": "SELECT count(*) FROM archive_search WHERE archive_search MATCH %s",
        "top20": "SELECT rowid FROM archive_search WHERE archive_search MATCH %s ORDER BY rank LIMIT 20",
        "facet": "SELECT locality_id, count(*) FROM archive_articlelocality WHERE article_id IN "
                 "(SELECT rowid FROM archive_search WHERE archive_search MATCH %s) GROUP BY 1 ORDER BY 2 DESC LIMIT 10",
    },
    "postgresql": {
        "count": "SELECT count(*) FROM archive_searchdoc WHERE document @@ %s::tsquery",
        "top20": "SELECT article_id FROM archive_searchdoc WHERE document @@ %s::tsquery "
                 "ORDER BY ts_rank(document, %s::tsquery) DESC LIMIT 20",
        "facet": "SELECT locality_id, count(*) FROM archive_articlelocality WHERE article_id IN "
                 "(SELECT article_id FROM archive_searchdoc WHERE document @@ %s::tsquery) "
                 "GROUP BY 1 ORDER BY 2 DESC LIMIT 10",
    },
}


def floor_main(args) -> None:
    """Subprocess entry: time the bare match queries the app itself would send; print JSON."""
    import django

    django.setup()
    from django.db import connection

    from archive.search import BACKENDS
    from archive.search.query import parse

    dialect, _ = BACKENDS[connection.vendor]
    queries = json.loads(args.floor_queries)
    result = {}
    with connection.cursor() as cursor:
        for name, query in queries.items():
            expression = dialect.expression(parse(query["q"]), mode="match")
            result[name] = {"expression": expression}
            for kind, sql in FLOOR_SQL[connection.vendor].items():
                params = [expression] * sql.count("%s")

                def once():
                    started = time.perf_counter()
                    cursor.execute(sql, params)
                    cursor.fetchall()
                    return (time.perf_counter() - started) * 1000, 200
                result[name][kind] = timed(once, reps=args.reps, max_seconds=args.max_seconds)
    print(json.dumps(result))


def measure_floor(*, url: str, queries: dict, reps: int, max_seconds: float) -> dict:
    out = subprocess.run([PY, __file__, "--floor-queries", json.dumps(queries), "--reps", str(reps),
                          "--max-seconds", str(max_seconds)], cwd=ROOT, env=manage_env(url),
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- Datasette ---------------------------------------------------------------------

DATASETTE_TIMEOUT = 60  # seconds; "no answer within a minute" is the finding, waiting longer adds nothing
DATASETTE_FACETS = "_facet=locality&_facet=year&_facet_array=officials&_facet_array=resolutions"


def build_datasette_db(*, sqlite_url: str, target: Path) -> dict:
    """One row per article (title, date, year, primary place, officials and documents as JSON arrays, body) + FTS5."""
    started = time.perf_counter()
    target.unlink(missing_ok=True)
    conn = sqlite3.connect(target)
    conn.execute("ATTACH DATABASE ? AS src", [sqlite_url.removeprefix("sqlite://")])
    conn.executescript("""
        CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, published TEXT, year INTEGER,
                               locality TEXT, officials TEXT, resolutions TEXT, body TEXT);
        INSERT INTO articles
        SELECT a.id, a.title, a.published, CAST(strftime('%Y', a.published) AS INTEGER), l.name,
               (SELECT json_group_array(o.name) FROM src.archive_appearance ap
                  JOIN src.archive_official o ON o.id = ap.official_id WHERE ap.article_id = a.id),
               (SELECT json_group_array(r.code) FROM src.archive_citation c
                  JOIN src.archive_resolution r ON r.id = c.resolution_id WHERE c.article_id = a.id),
               (SELECT group_concat(value, char(10)) FROM json_each(a.paragraphs))
        FROM src.archive_article a LEFT JOIN src.archive_locality l ON l.id = a.primary_locality_id;
        CREATE INDEX articles_locality ON articles (locality);
        CREATE INDEX articles_year ON articles (year);
        CREATE VIRTUAL TABLE articles_fts USING fts5 (title, body, content="articles", content_rowid="id");
        INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
    """)
    conn.commit()
    rows = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    return {"articles": rows, "seconds": round(time.perf_counter() - started, 1),
            "mb": round(target.stat().st_size / 1e6, 1)}


def datasette_search(query: dict) -> str:
    """The same query in Datasette's raw FTS5 syntax (a phrase stays a phrase)."""
    q = query["q"]
    if q.startswith('"') or " " in q or "-" in q:
        q = '"' + q.strip('"') + '"'
    return q


def datasette_params(query: dict, *, next_id: int | None) -> str:
    params = {"_search": datasette_search(query), "_searchmode": "raw", "_size": "20"}
    if "locality_name" in query:
        params["locality"] = query["locality_name"]
    if "year" in query:
        params["year"] = query["year"]
    if next_id is not None:
        params["_next"] = str(next_id)
    return urllib.parse.urlencode(params) + "&" + DATASETTE_FACETS


def _page_start(db: Path, query: dict, *, page: int) -> tuple[int, int | None]:
    """Match count and the keyset token (`_next`) that opens the given page in Datasette's id order."""
    conn = sqlite3.connect(db)
    where, params = "id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", [datasette_search(query)]
    if "locality_name" in query:
        where, params = where + " AND locality = ?", params + [query["locality_name"]]
    if "year" in query:
        where, params = where + " AND year = ?", params + [int(query["year"])]
    count = conn.execute(f"SELECT count(*) FROM articles WHERE {where}", params).fetchone()[0]
    row = conn.execute(f"SELECT id FROM articles WHERE {where} ORDER BY id LIMIT 1 OFFSET ?",
                       params + [(page - 1) * 20 - 1]).fetchone() if page > 1 else None
    conn.close()
    return count, (row[0] if row else None)


class DatasetteServer:
    """`datasette serve` on a free port of 127.0.0.1, restartable."""

    def __init__(self, db: Path, *, log_dir: Path):
        self.db, self.out, self.process = db, open(log_dir / "datasette.log", "w"), None
        self.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/{self.db.stem}/articles"

    def start(self) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "datasette"), "serve", str(self.db), "-h", "127.0.0.1", "-p", str(self.port),
             "--setting", "sql_time_limit_ms", "120000", "--setting", "facet_time_limit_ms", "120000",
             "--setting", "suggest_facets", "off", "--setting", "default_facet_size", "10"],
            stdout=self.out, stderr=subprocess.STDOUT)
        wait_for(f"{self.base}.json?_size=1")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def restart(self) -> None:
        self.stop()
        self.start()

    def close(self) -> None:
        self.stop()
        self.out.close()


def measure_datasette(*, db: Path, queries: dict, reps: int, max_seconds: float, log_dir: Path) -> dict:
    server = DatasetteServer(db, log_dir=log_dir)
    cells: dict = {}
    try:
        for name, query in queries.items():
            count, _ = _page_start(db, query, page=1)
            cells[name] = {"count": count}
            for page in (1, 50):
                if page == 50 and count < 50 * 20:
                    cells[name][f"page{page}"] = None
                    continue
                _, next_id = _page_start(db, query, page=page)
                qs = datasette_params(query, next_id=next_id)
                cells[name][f"page{page}"] = {}
                for kind, suffix in (("html", ""), ("api", ".json")):
                    cell = http_cell(f"{server.base}{suffix}?{qs}", reps=reps, max_seconds=max_seconds,
                                     timeout=DATASETTE_TIMEOUT)
                    cells[name][f"page{page}"][kind] = cell
                    if left_work_behind(cell):
                        # Datasette keeps running a query its client gave up on (its own limit is
                        # higher): a fresh server, so the next cell does not queue behind it
                        server.restart()
            log(f"    datasette {name}: {count} results")
    finally:
        server.close()
    return cells


# --- machine, versions, results ----------------------------------------------------

def _command_output(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine() -> dict:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = ""
    try:
        mem = f"{int(open('/proc/meminfo').readline().split()[1]) / 1024 / 1024:.0f} GB"
    except (OSError, ValueError, IndexError):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": mem, "os": platform.platform(),
            "load_average": [round(x, 2) for x in os.getloadavg()]}


def versions() -> dict:
    import django

    pg = ""
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN) as conn:
            pg = conn.execute("SHOW server_version").fetchone()[0]
    except Exception:  # the report says what it could not read
        pg = "unreachable"
    return {
        "python": platform.python_version(), "django": django.get_version(), "sqlite": sqlite3.sqlite_version,
        "postgresql": pg, "datasette": _command_output([str(ROOT / ".venv" / "bin" / "datasette"), "--version"]),
        "gunicorn": _command_output([str(ROOT / ".venv" / "bin" / "gunicorn"), "--version"]),
        "commit": _command_output(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]),
    }


def results_path(count: int) -> Path:
    return RESULTS_DIR / f"{count}.json"


def save(result: dict, *, vendors: list[str]) -> None:
    """Merge into results/<N>.json: this run's vendors and top-level keys; another run's vendors stay."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = results_path(result["count"])
    merged = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    merged.update({k: v for k, v in result.items() if k != "databases"})
    merged.setdefault("databases", {})
    for vendor in vendors:
        if vendor in result.get("databases", {}):
            merged["databases"].setdefault(vendor, {}).update(result["databases"][vendor])
    path.write_text(json.dumps(merged, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    render()


def _ms(cell: dict | None) -> str:
    if not cell:
        return "–"
    if cell.get("status") == "timeout":
        return f"> {cell['timeout_s'] * 1000:,.0f} (no answer)"
    text = f"{cell['median']:.0f} / {cell['p95']:.0f}"
    if cell.get("unanswered"):
        return f"{text} ({cell['unanswered']} of {cell['n']} unanswered)"
    return text if cell.get("status") in (200, None) else f"{text} ({cell['status']})"


def _ratio(ours: dict | None, theirs: dict | None) -> str:
    if not ours or not theirs or not ours.get("p95"):
        return "–"
    if theirs.get("status") == "timeout":
        return f"> {theirs['timeout_s'] * 1000 / ours['p95']:.0f}×"
    return f"{theirs['p95'] / ours['p95']:.1f}×"


def render() -> None:
    """benchmarks/RESULTS.md from every benchmarks/results/*.json, smallest corpus first."""
    runs = sorted((json.loads(p.read_text(encoding="utf-8")) for p in RESULTS_DIR.glob("*.json") if p.stem.isdigit()),
                  key=lambda r: r["count"])
    lines = ["# Benchmark results", "",
             "Written by `benchmarks/bench.py` (see benchmarks/README.md); every figure below was measured",
             "by it, on this machine, in the run named. Latencies are milliseconds, **median / p95**, over",
             "HTTP on 127.0.0.1 (gunicorn, 1 sync worker; Datasette's own server), after one warm-up request.",
             "Our pages run with `ARCHIVE_CACHE_SECONDS=0`: every request computes its count, facets and",
             "histogram (only whole-archive aggregates are kept between requests, per data version). Runs",
             "from 2026-11-22 08:00 count facets over the facet columns (archive/columns.py) read when the",
             "server starts (the line under the table); earlier runs counted them in SQL.",
             "`–` means not measured (or, for page 50, fewer than 50 pages of results). ‡: the answer hit",
             "the search time limit (`ARCHIVE_SEARCH_TIME_LIMIT_MS`, 2,000 ms) and says what it left out",
             "(`partial`: the exact count, facets or histogram); recorded from runs after 2026-11-22 06:45.", ""]
    for run in runs:
        m, v = run.get("machine", {}), run.get("versions", {})
        lines += [f"## {run['count']:,} articles", "",
                  f"Run {run.get('started', '?')}; machine: {m.get('cpu', '?')}, {m.get('cores', '?')} cores, "
                  f"{m.get('memory', '?')}, load average at the start of the last phase {m.get('load_average', '?')} "
                  "(what else ran beside each phase is in the notes).",
                  f"Versions: Python {v.get('python')}, Django {v.get('django')}, SQLite {v.get('sqlite')}, "
                  f"PostgreSQL {v.get('postgresql')}, {v.get('datasette')}, {v.get('gunicorn')}, commit {v.get('commit')}.", ""]
        for note in run.get("notes", []):
            lines.append(f"- {note}")
        if run.get("notes"):
            lines.append("")
        dbs = run.get("databases", {})
        if any("load" in d for d in dbs.values()):
            lines += ["### Loading (`manage.py ingest`, extraction included)", "",
                      "| database | articles | extraction workers | wall s | articles/s | articles per CPU-s (loader + workers) | peak RSS of one process | rejected | size on disk |",
                      "|---|---|---|---|---|---|---|---|---|"]
            for vendor, data in dbs.items():
                load_ = data.get("load")
                if not load_:
                    continue
                if "replicated_from" in load_:
                    lines.append(f"| {vendor} | {load_['articles']:,} | – | {load_.get('seconds') or '–'} (SQL copy of the {load_['replicated_from']:,}) | – | – | – | – | – |")
                    continue
                par = load_["parallel"]
                size = f"{data['size_mb']:,.0f} MB" if data.get("size_mb") else "–"
                per_cpu = str(load_["articles_per_cpu_s"])
                if load_.get("articles_per_cpu_s_with_server"):
                    per_cpu += f" ({load_['articles_per_cpu_s_with_server']} with the server's {load_['server_cpu_seconds']:,} CPU-s)"
                lines.append(f"| {vendor} | {load_['articles']:,} | {load_['workers']} | {par['seconds']} | "
                             f"{load_['articles_per_s']} | {per_cpu} | {load_['peak_rss_mb']} MB | "
                             f"{load_['rejected']} | {size} |")
            lines.append("")
        queries = run.get("queries", {})
        if queries:
            lines += ["### Queries", "", "| name | parameters |", "|---|---|"]
            for name, query in queries.items():
                shown = {k: v for k, v in query.items() if k != "locality_name"}
                lines.append(f"| {name} | `{'&'.join(f'{k}={v}' for k, v in shown.items())}` |")
            lines.append("")
            lines += ["### Search page and JSON API (4 facets), ms median / p95", "",
                      "| query | page | results | SQLite page | SQLite API | PostgreSQL page | PostgreSQL API | "
                      "Datasette page | Datasette JSON | Datasette p95 ÷ ours (SQLite API) | (PostgreSQL API) |",
                      "|---|---|---|---|---|---|---|---|---|---|---|"]
            ds = run.get("datasette", {}).get("cells", {})
            for name in queries:
                for page in ("page1", "page50"):
                    s = dbs.get("sqlite", {}).get("app", {}).get(name, {})
                    p = dbs.get("postgresql", {}).get("app", {}).get(name, {})
                    d = ds.get(name, {})
                    count = s.get("count", p.get("count", d.get("count", "–")))
                    if d.get("count") is not None and d.get("count") != count:
                        count = f"{count} (Datasette {d['count']})"
                    sc, pc, dc = s.get(page) or {}, p.get(page) or {}, d.get(page) or {}
                    cut = {"sqlite": " ‡" if sc.get("partial") else "", "postgresql": " ‡" if pc.get("partial") else ""}
                    lines.append(f"| {name} | {page[4:]} | {count if count is not None else '–'} | "
                                 f"{_ms(sc.get('html'))}{cut['sqlite']} | {_ms(sc.get('api'))}{cut['sqlite']} | "
                                 f"{_ms(pc.get('html'))}{cut['postgresql']} | "
                                 f"{_ms(pc.get('api'))}{cut['postgresql']} | {_ms(dc.get('html'))} | {_ms(dc.get('api'))} | "
                                 f"{_ratio(sc.get('api'), dc.get('api'))} | {_ratio(pc.get('api'), dc.get('api'))} |")
            lines.append("")
            for vendor, data in dbs.items():
                c = data.get("columns")
                if c:
                    lines.append(f"Facet columns (archive/columns.py), read once when the server starts: {vendor} "
                                 f"{c['articles']:,} articles in {c['seconds']} s, {c['mb']} MB of arrays "
                                 f"(peak RSS of the reading process {c['peak_rss_mb']} MB).")
            if any(d.get("columns") for d in dbs.values()):
                lines.append("")
            if any("floor" in d for d in dbs.values()):
                lines += ["### The floor: bare engine queries on the index tables, ms median / p95", "",
                          "| query | SQLite count | SQLite ranked top 20 | SQLite facet GROUP BY | "
                          "PostgreSQL count | PostgreSQL ranked top 20 | PostgreSQL facet GROUP BY |",
                          "|---|---|---|---|---|---|---|"]
                for name in queries:
                    s = dbs.get("sqlite", {}).get("floor", {}).get(name, {})
                    p = dbs.get("postgresql", {}).get("floor", {}).get(name, {})
                    lines.append(f"| {name} | {_ms(s.get('count'))} | {_ms(s.get('top20'))} | {_ms(s.get('facet'))} | "
                                 f"{_ms(p.get('count'))} | {_ms(p.get('top20'))} | {_ms(p.get('facet'))} |")
                lines.append("")
        if run.get("datasette", {}).get("build"):
            b = run["datasette"]["build"]
            lines += [f"Datasette database: {b['articles']:,} rows, {b['mb']} MB, built in {b['seconds']} s "
                      "(one row per article, FTS5 over title and body, facets on locality and year columns "
                      "and on officials / resolutions JSON arrays; suggested facets off, time limits raised so "
                      "every facet completes).", ""]
    for name in ("loadtest.json", "loadtest-wrk.json"):
        if (RESULTS_DIR / name).exists():
            lines += render_loadtest(json.loads((RESULTS_DIR / name).read_text(encoding="utf-8")))
    # Hand-written analysis below the marker survives re-rendering.
    target = RESULTS_MD
    old = target.read_text(encoding="utf-8") if target.exists() else ""
    if ANALYSIS_MARKER in old:
        lines += [ANALYSIS_MARKER + old.split(ANALYSIS_MARKER, 1)[1].rstrip("\n"), ""]
    target.write_text("\n".join(lines), encoding="utf-8")


ANALYSIS_MARKER = "<!-- analysis: written by hand, kept when the tables are re-rendered -->"


def render_loadtest(run: dict) -> list[str]:
    tool = " --tool wrk" if run.get("tool") == "wrk" else ""
    lines = [f"## Load test (issue 6): `benchmarks/loadtest.py{tool}`", "",
             f"Run {run['started']}: {run['clients']} concurrent clients for {run['duration_s']} s against "
             f"{run['server']} on 127.0.0.1, database {run['database']} ({run['articles']:,} articles); "
             f"mixed traffic: {run['mix']}.", "",
             "| requests | throughput req/s | p50 ms | p95 ms | p99 ms | max ms | errors (non-2xx/3xx or failed) |",
             "|---|---|---|---|---|---|---|",
             f"| {run['requests']:,} | {run['throughput']} | {run['p50']} | {run['p95']} | {run['p99']} | "
             f"{run['max']} | {run['errors']} |", ""]
    if run.get("by_kind"):
        lines += ["| kind | requests | p50 ms | p95 ms | errors |", "|---|---|---|---|---|"]
        for kind, row in run["by_kind"].items():
            lines.append(f"| {kind} | {row['requests']} | {row['p50']} | {row['p95']} | {row['errors']} |")
        lines.append("")
    return lines


# --- one run ------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Issue 7 benchmark (one corpus size per run).")
    parser.add_argument("--count", type=int, help="articles in the corpus")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench"), help="corpus, SQLite files, logs")
    parser.add_argument("--corpus", type=Path, help="an existing generated corpus (default WORK/corpus-N)")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="the loader's extraction processes")
    parser.add_argument("--phases", default="load,app,floor,datasette",  # also: reindex
                        help="comma list; a run may be split in phases, results merge into results/N.json")
    parser.add_argument("--replicate-from", type=int, default=0,
                        help="instead of loading, copy the loaded databases of this size up to --count (SQL)")
    parser.add_argument("--reps", type=int, default=7, help="timed requests per cell (after one warm-up)")
    parser.add_argument("--max-seconds", type=float, default=20, help="stop timing a cell after this long")
    parser.add_argument("--render", action="store_true", help="only re-render RESULTS.md")
    parser.add_argument("--floor-queries", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.floor_queries:
        floor_main(args)
        return 0
    if args.render:
        render()
        return 0
    if not args.count:
        parser.error("--count is required")
    phases = set(args.phases.split(","))
    if "datasette" in phases and not (ROOT / ".venv" / "bin" / "datasette").exists():
        parser.error('the datasette phase needs Datasette in the venv: .venv/bin/pip install -e ".[bench]"')
    vendors = [v for v in args.databases.split(",") if v]
    work = args.work
    logs = work / f"logs-{args.count}"
    logs.mkdir(parents=True, exist_ok=True)
    previous = results_path(args.count)
    # Only what this run measures goes into `result`; save() merges it with the file.
    before = json.loads(previous.read_text(encoding="utf-8")) if previous.exists() else {}
    result = {"count": args.count, "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
              "machine": machine(), "versions": versions(), "databases": {},
              "notes": list(before.get("notes", []))}
    if before.get("queries"):
        result["queries"] = before["queries"]
    urls = {v: database_url(vendor=v, count=args.count, work=work) for v in vendors}

    if "load" in phases:
        if args.replicate_from:
            for vendor in vendors:
                source = database_url(vendor=vendor, count=args.replicate_from, work=work)
                log(f"{vendor}: copying the {args.replicate_from:,}-article database up to {args.count:,}")
                result["databases"].setdefault(vendor, {})["load"] = replicate(
                    vendor=vendor, source_url=source, target_url=urls[vendor], factor=args.count // args.replicate_from)
                save(result, vendors=vendors)
            note = (f"The {args.count:,}-article databases are the {args.replicate_from:,} loaded articles copied "
                    f"{args.count // args.replicate_from}× by SQL (new ids and file names; links and index rows "
                    "copied): match counts and facet sizes are real for this size, the text is repeated. "
                    "The loader was too slow here to load this many in the session (see the 10,000 run).")
            if note not in result["notes"]:
                result["notes"].append(note)
        else:
            corpus = args.corpus or work / f"corpus-{args.count}"
            if not corpus.exists():
                sys.path.insert(0, str(ROOT / "benchmarks"))
                from generate_corpus import Options, generate

                log(f"generating {args.count:,} articles into {corpus}")
                result["corpus"] = generate(Options(out=corpus, count=args.count, seed=args.seed), workers=args.workers)
            elif (corpus / "summary.json").exists():
                result["corpus"] = json.loads((corpus / "summary.json").read_text(encoding="utf-8"))
            for vendor in vendors:
                log(f"{vendor}: fresh database, migrate, load")
                create_database(vendor=vendor, url=urls[vendor])
                seconds = migrate(urls[vendor])
                loaded = load(vendor=vendor, url=urls[vendor], corpus=corpus, workers=args.workers, log_dir=logs)
                loaded["migrate_seconds"] = round(seconds, 1)
                result["databases"].setdefault(vendor, {})["size_mb"] = database_mb(vendor=vendor, url=urls[vendor])
                result["databases"].setdefault(vendor, {})["load"] = loaded
                save(result, vendors=vendors)
    if "reindex" in phases:
        # The search index rebuilt by the current code (its schema may have moved since the load).
        for vendor in vendors:
            log(f"{vendor}: rebuilding the search index")
            started = time.perf_counter()
            env = manage_env(urls[vendor])
            subprocess.run([PY, "manage.py", "migrate", "archive", "0001", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
            subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
            result["databases"].setdefault(vendor, {})["reindex_seconds"] = round(time.perf_counter() - started, 1)
            save(result, vendors=vendors)
    queries = result.get("queries")
    source = results_path(args.replicate_from) if args.replicate_from else None
    if source and source.exists() and not queries:
        # copies hold the same texts: the source size's queries, so the sizes compare
        queries = result["queries"] = json.loads(source.read_text(encoding="utf-8"))["queries"]
    # Queries are chosen from the SQLite archive: again when this run loaded it afresh.
    if not queries or ("load" in phases and "sqlite" in vendors and not args.replicate_from):
        sqlite_url = urls.get("sqlite") or database_url(vendor="sqlite", count=args.count, work=work)
        queries = result["queries"] = choose_queries(sqlite_url=sqlite_url)
    if phases & {"app", "floor"}:
        for vendor in vendors:
            analyze(vendor=vendor, url=urls[vendor])
            result["databases"].setdefault(vendor, {})["size_mb"] = database_mb(vendor=vendor, url=urls[vendor])
    if "app" in phases:
        for vendor in vendors:
            log(f"{vendor}: reading the facet columns")
            result["databases"].setdefault(vendor, {})["columns"] = measure_columns(url=urls[vendor])
            log(f"{vendor}: timing the search page and API")
            result["databases"].setdefault(vendor, {})["app"] = measure_app(
                url=urls[vendor], queries=queries, reps=args.reps, max_seconds=args.max_seconds, log_dir=logs, tag=vendor)
            save(result, vendors=vendors)
    if "floor" in phases:
        for vendor in vendors:
            log(f"{vendor}: timing the bare engine queries")
            result["databases"].setdefault(vendor, {})["floor"] = measure_floor(
                url=urls[vendor], queries=queries, reps=args.reps, max_seconds=args.max_seconds)
            save(result, vendors=vendors)
    if "datasette" in phases:
        db = work / f"datasette_{args.count}.db"
        log("datasette: building its database from the SQLite archive")
        build = build_datasette_db(sqlite_url=database_url(vendor="sqlite", count=args.count, work=work), target=db)
        log("datasette: timing")
        result["datasette"] = {"build": build, "cells": measure_datasette(
            db=db, queries=queries, reps=args.reps, max_seconds=args.max_seconds, log_dir=logs)}
    save(result, vendors=vendors)
    log(f"wrote {results_path(args.count)} and benchmarks/RESULTS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
