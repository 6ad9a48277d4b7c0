"""kill -9 in the middle of a load leaves the database consistent; the next run completes it."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import ROOT

FILES = 150
TEXT = """Thứ Ba, {day}/3/2023
Huyện ủy Quỳnh Lưu triển khai nhiệm vụ xây dựng Đảng số {n}

Sáng {day}/3, Ban Thường vụ Huyện ủy Quỳnh Lưu, tỉnh Nghệ An tổ chức hội nghị lần thứ {n} triển khai thực hiện Nghị quyết số 04-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XII và Kết luận số 21-KL/TW về xây dựng, chỉnh đốn Đảng. Đồng chí Hồ Văn Tài, Bí thư Huyện ủy chủ trì hội nghị số {n}.

Hội nghị thống nhất các giải pháp nâng cao chất lượng sinh hoạt chi bộ, đẩy mạnh kiểm tra, giám sát trong năm {n}.

Văn Thắng
"""


def _database() -> tuple[str, callable, callable]:
    """A throw-away database of the suite's own kind: its URL, a query function, a cleanup."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        path = f"/tmp/archive-kill-{uuid.uuid4().hex}.sqlite3"

        def query(sql):
            with sqlite3.connect(path) as conn:
                return conn.execute(sql).fetchall()

        def cleanup():
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(path + suffix):
                    os.remove(path + suffix)

        return f"sqlite:///{path}", query, cleanup

    import psycopg

    name = f"archive_kill_{uuid.uuid4().hex[:8]}"
    admin_url = f"postgresql://{db['USER']}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = admin_url.rsplit("/", 1)[0] + "/" + name

    def query(sql):
        with psycopg.connect(url) as conn:
            return conn.execute(sql).fetchall()

    def cleanup():
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return url.replace("postgresql://", "postgres://", 1), query, cleanup


def _manage(*args, env, **kwargs):
    return subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT, env=env, **kwargs)


def test_a_load_killed_midway_is_consistent_and_the_next_run_completes_it(tmp_path):
    for n in range(FILES):
        (tmp_path / f"bai_{n:04d}.txt").write_text(TEXT.format(day=1 + n % 28, n=n), encoding="utf-8")
    url, query, cleanup = _database()
    env = {**os.environ, "DATABASE_URL": url, "PYTHONUNBUFFERED": "1", "DJANGO_SETTINGS_MODULE": "tests.settings"}
    try:
        assert _manage("migrate", "-v0", env=env).wait(timeout=120) == 0
        loader = _manage("ingest", str(tmp_path), "--batch-size", "5", "--workers", "2", env=env, stdout=subprocess.PIPE, text=True)
        seen = 0
        deadline = time.monotonic() + 120
        while seen < 20 and time.monotonic() < deadline:
            line = loader.stdout.readline()
            if not line:
                break
            seen += line.startswith("loaded")
        workers = _children(loader.pid)
        loader.send_signal(signal.SIGKILL)
        loader.wait(timeout=30)
        assert seen >= 20, "the loader finished too fast to be interrupted"
        # its extraction workers do not outlive it
        assert workers, "the loader had started no worker processes"
        deadline = time.monotonic() + 15
        while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [pid for pid in workers if _running(pid)]
        loaded_before = query("SELECT COUNT(*) FROM archive_article")[0][0]
        assert 20 <= loaded_before < FILES

        _assert_consistent(query)

        finish = _manage("ingest", str(tmp_path), "--quiet", env=env, stdout=subprocess.PIPE, text=True)
        out, _ = finish.communicate(timeout=300)
        assert finish.returncode == 0, out
        assert f"{FILES - loaded_before} loaded" in out and f"{loaded_before} unchanged" in out
        assert query("SELECT COUNT(*) FROM archive_article")[0][0] == FILES
        _assert_consistent(query)
    finally:
        cleanup()


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _running(pid: int) -> bool:
    """Alive and not a zombie (a container's first process may never reap orphans)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def _assert_consistent(query):
    """Every article that exists has all its links: nothing half-written."""
    rows = query("SELECT id, extraction FROM archive_article")
    for article_id, extraction in rows:
        data = extraction if isinstance(extraction, dict) else json.loads(extraction)
        citations = query(f"SELECT COUNT(*) FROM archive_citation WHERE article_id = {int(article_id)}")[0][0]
        appearances = query(f"SELECT COUNT(*) FROM archive_appearance WHERE article_id = {int(article_id)}")[0][0]
        assert citations == len({d["code"] or d["number"] for d in data["resolutions"]})
        assert appearances == len({o["name"] for o in data["officials"]})
