#!/usr/bin/env python3
"""Issue 6 load test: mixed search and browse traffic from concurrent clients, 127.0.0.1 only.

    .venv/bin/python benchmarks/loadtest.py --database-url postgres://postgres@127.0.0.1:5432/archive_bench_100000 \
        --start-server --clients 32 --duration 60

Each client is a thread with its own keep-alive connection that requests, back to
back, a URL drawn from a fixed mix: the search page and the JSON search API (words,
phrases, document codes, official names, with and without facet filters, first and
later pages), article pages, official, document and place pages, the home page.
The run stops at --duration seconds or --max-requests, whichever comes first.
`--tool wrk` sends the same mix through Debian's wrk instead (benchmarks/wrk_mixed.lua).
Prints and saves (benchmarks/results/loadtest.json, then RESULTS.md) the request
count, throughput, p50/p95/p99/max latency and the errors: any status >= 400, a
timeout or a broken connection.

With --start-server it runs gunicorn itself (--server-workers sync workers) on a
free port against --database-url; otherwise give --base-url of a running server.
Slugs and ids to browse are read from the database (psycopg or sqlite3, no Django).
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402

WORDS = ["Đảng", "chi bộ", "kiểm tra", "dân vận", "chuyển đổi số", "kết nạp đảng viên", "cán bộ", "nông thôn mới",
         "sinh hoạt chi bộ", "tham nhũng", "tu dien bien", "nghi quyet", "Ban Thường vụ", "đảng viên"]
PHRASES = ['"chuyển đổi số"', '"Dân vận khéo"', '"sinh hoạt chi bộ"', '"tự diễn biến"']
CODES = ["04-NQ/TW", "NQTW4 khóa XII", "Chỉ thị 05", "Kết luận 21", "35-NQ/TW", "Quy định 08"]
MIX = {"search": 35, "api_search": 15, "article": 25, "official": 10, "resolution": 5, "locality": 5, "home": 5}
# Browsing only (no full-text search): what the site holds when searches are cheap or cut off.
BROWSE_MIX = {"article": 55, "official": 20, "resolution": 10, "locality": 10, "home": 5}


def sample_targets(database_url: str) -> dict:
    """Ids and slugs to browse, drawn from the database (a few hundred of each)."""
    queries = {
        "article": "SELECT id FROM archive_article ORDER BY id",
        "official": "SELECT slug FROM archive_official",
        "resolution": "SELECT slug FROM archive_resolution",
        "locality": "SELECT slug FROM archive_locality",
        "official_name": "SELECT name FROM archive_official",
    }
    if database_url.startswith("sqlite"):
        conn = sqlite3.connect(database_url.removeprefix("sqlite://"))
        rows = {k: [r[0] for r in conn.execute(sql)] for k, sql in queries.items()}
        conn.close()
    else:
        import psycopg

        with psycopg.connect(database_url.replace("postgres://", "postgresql://")) as conn:
            rows = {k: [r[0] for r in conn.execute(sql)] for k, sql in queries.items()}
    rng = random.Random(7)
    return {k: rng.sample(v, min(len(v), 500)) for k, v in rows.items() if v}


def make_url(rng: random.Random, *, kind: str, targets: dict) -> str:
    if kind in ("search", "api_search"):
        roll = rng.random()
        params: dict[str, str] = {}
        if roll < 0.45:
            params["q"] = rng.choice(WORDS)
        elif roll < 0.6:
            params["q"] = rng.choice(PHRASES)
        elif roll < 0.75:
            params["q"] = rng.choice(CODES)
        elif roll < 0.85 and targets.get("official_name"):
            params["q"] = rng.choice(targets["official_name"])
        if rng.random() < 0.3 and targets.get("locality"):
            params["locality"] = rng.choice(targets["locality"])
        if rng.random() < 0.3:
            params["year"] = str(rng.randint(2016, 2025))
        if rng.random() < 0.2:
            params["page"] = str(rng.randint(2, 20))
        path = "/search/" if kind == "search" else "/api/search/"
        return f"{path}?{urllib.parse.urlencode(params)}"
    if kind == "article":
        return f"/articles/{rng.choice(targets['article'])}/"
    if kind == "official":
        return f"/officials/{rng.choice(targets['official'])}/"
    if kind == "resolution":
        return f"/resolutions/{rng.choice(targets['resolution'])}/"
    if kind == "locality":
        return f"/localities/{rng.choice(targets['locality'])}/"
    return "/"


class Recorder:
    def __init__(self, max_requests: int):
        self.lock = threading.Lock()
        self.samples: list[tuple[str, float, bool]] = []
        self.max_requests = max_requests
        self.failures: dict[str, int] = defaultdict(int)

    def take_ticket(self) -> bool:
        with self.lock:
            return len(self.samples) < self.max_requests

    def add(self, kind: str, ms: float, ok: bool, why: str = "") -> None:
        with self.lock:
            self.samples.append((kind, ms, ok))
            if not ok:
                self.failures[why] += 1


def client(*, seed: int, host: str, port: int, deadline: float, targets: dict, recorder: Recorder,
           mix: dict) -> None:
    rng = random.Random(seed)
    kinds, weights = list(mix), list(mix.values())
    conn = http.client.HTTPConnection(host, port, timeout=30)
    while time.time() < deadline and recorder.take_ticket():
        kind = rng.choices(kinds, weights)[0]
        url = make_url(rng, kind=kind, targets=targets)
        started = time.perf_counter()
        try:
            conn.request("GET", url, headers={"Accept-Encoding": "gzip"})
            response = conn.getresponse()
            response.read()
            ms = (time.perf_counter() - started) * 1000
            ok = response.status < 400
            recorder.add(kind, ms, ok, "" if ok else f"HTTP {response.status} {url.split('?')[0]}")
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
        except (OSError, http.client.HTTPException) as exc:
            ms = (time.perf_counter() - started) * 1000
            recorder.add(kind, ms, False, type(exc).__name__)
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.close()


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))], 1)


def run(*, base_url: str, clients: int, duration: float, max_requests: int, targets: dict, mix: dict = MIX) -> dict:
    parsed = urllib.parse.urlparse(base_url)
    if parsed.hostname not in ("127.0.0.1", "localhost"):
        raise SystemExit("the load test only targets 127.0.0.1")
    recorder = Recorder(max_requests)
    started = time.time()
    deadline = started + duration
    threads = [threading.Thread(target=client, kwargs=dict(seed=i, host=parsed.hostname, port=parsed.port or 80,
                                                            deadline=deadline, targets=targets, recorder=recorder,
                                                            mix=mix))
               for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.time() - started
    latencies = [ms for _, ms, _ in recorder.samples]
    by_kind = {}
    for kind in mix:
        rows = [(ms, ok) for k, ms, ok in recorder.samples if k == kind]
        if rows:
            by_kind[kind] = {"requests": len(rows), "p50": percentile([r[0] for r in rows], 0.5),
                             "p95": percentile([r[0] for r in rows], 0.95), "errors": sum(1 for r in rows if not r[1])}
    return {
        "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started)), "clients": clients,
        "duration_s": round(elapsed, 1), "requests": len(latencies),
        "throughput": round(len(latencies) / elapsed, 1) if elapsed else 0,
        "p50": percentile(latencies, 0.5), "p95": percentile(latencies, 0.95), "p99": percentile(latencies, 0.99),
        "max": round(max(latencies), 1) if latencies else 0, "errors": sum(1 for *_, ok in recorder.samples if not ok),
        "failures": dict(recorder.failures), "by_kind": by_kind,
        "mix": ", ".join(f"{k} {v}%" for k, v in mix.items()),
    }


def run_wrk(*, base_url: str, clients: int, duration: float, targets: dict, mix: dict, threads: int = 2) -> dict:
    """The same traffic through wrk (Debian's HTTP benchmark, C): a check that our own client is not the limit.

    wrk cannot choose a URL at random per request in C, so the URLs are drawn here, in the mix's
    proportions, and benchmarks/wrk_mixed.lua walks the list. Errors: non-2xx/3xx answers, socket
    errors and requests with no answer within 30 s.
    """
    rng = random.Random(11)
    kinds, weights = list(mix), list(mix.values())
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as listing:
        for _ in range(20_000):
            listing.write(make_url(rng, kind=rng.choices(kinds, weights)[0], targets=targets) + "\n")
    started = time.time()
    try:
        out = subprocess.run(["wrk", "-t", str(threads), "-c", str(clients), "-d", f"{int(duration)}s", "--timeout", "30s",
                              "-s", str(Path(__file__).with_name("wrk_mixed.lua")), base_url, "--", listing.name],
                             capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(listing.name)
    data = json.loads(next(line for line in out.splitlines() if line.startswith("WRK_JSON ")).split(" ", 1)[1])
    seconds = data["duration_us"] / 1e6
    return {
        "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started)), "clients": clients,
        "duration_s": round(seconds, 1), "requests": data["requests"],
        "throughput": round(data["requests"] / seconds, 1) if seconds else 0,
        **{k: round(data[f"{k}_us"] / 1000, 1) for k in ("p50", "p95", "p99", "max")},
        "errors": sum(data["errors"].values()), "failures": data["errors"], "tool": "wrk",
        "mix": ", ".join(f"{k} {v}%" for k, v in mix.items()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mixed search/browse load test against 127.0.0.1.")
    parser.add_argument("--database-url", required=True, help="the database the server reads (ids and slugs come from it)")
    parser.add_argument("--base-url", default="", help="a running server (http://127.0.0.1:PORT)")
    parser.add_argument("--start-server", action="store_true", help="run gunicorn against --database-url")
    parser.add_argument("--server-workers", type=int, default=4)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--browse-only", action="store_true", help="no search pages (article, official, document, place, home)")
    parser.add_argument("--no-save", action="store_true", help="print only; do not write results/loadtest.json")
    parser.add_argument("--tool", choices=("threads", "wrk"), default="threads",
                        help="our own keep-alive clients (with per-kind figures), or Debian's wrk")
    args = parser.parse_args(argv)
    targets = sample_targets(args.database_url)
    articles = 0
    if args.database_url.startswith("sqlite"):
        conn = sqlite3.connect(args.database_url.removeprefix("sqlite://"))
        articles = conn.execute("SELECT count(*) FROM archive_article").fetchone()[0]
        conn.close()
    else:
        import psycopg

        with psycopg.connect(args.database_url.replace("postgres://", "postgresql://")) as conn:
            articles = conn.execute("SELECT count(*) FROM archive_article").fetchone()[0]
    server = None
    base_url = args.base_url
    if args.start_server:
        port = bench.free_port()
        server = subprocess.Popen(
            [str(bench.ROOT / ".venv" / "bin" / "gunicorn"), "archive.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", str(args.server_workers), "--timeout", "120", "--keep-alive", "5"],
            cwd=bench.ROOT, env=bench.manage_env(args.database_url),
            stdout=open(os.devnull, "w"), stderr=subprocess.STDOUT)
        base_url = f"http://127.0.0.1:{port}"
        bench.wait_for(f"{base_url}/")
    try:
        mix = BROWSE_MIX if args.browse_only else MIX
        if args.tool == "wrk":
            result = run_wrk(base_url=base_url, clients=args.clients, duration=args.duration, targets=targets, mix=mix)
        else:
            result = run(base_url=base_url, clients=args.clients, duration=args.duration,
                         max_requests=args.max_requests, targets=targets, mix=mix)
    finally:
        if server:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    vendor = "SQLite" if args.database_url.startswith("sqlite") else "PostgreSQL"
    result.update(database=vendor, articles=articles,
                  server=f"gunicorn, {args.server_workers} sync workers" if server else base_url)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    if not args.no_save:
        bench.RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        name = "loadtest-wrk.json" if args.tool == "wrk" else "loadtest.json"
        (bench.RESULTS_DIR / name).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        bench.render()
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
