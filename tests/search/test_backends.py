"""What each database stores, and the migration that creates it (run for this run's database)."""
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

from archive.search import search
from archive.search.postgres import tsvector
from archive.search.base import document

from .factories import ids, make_article, postgres_only, sqlite_only

ROOT = Path(__file__).resolve().parents[2]


def _rows(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@sqlite_only
@pytest.mark.django_db
def test_sqlite_stores_folded_and_exact_columns_keyed_by_article_id():
    article = make_article("Ðảng bộ Thành uỷ", "Văn hoá cơ sở.")
    [(title, title_x, body_x)] = _rows("SELECT title, title_x, body_x FROM archive_search WHERE rowid = %s",
                                       [article.pk])
    assert title == "dang bo thanh uy"
    assert title_x == "đảng bộ thành ủy"
    assert body_x == "văn hóa cơ sở"


@sqlite_only
@pytest.mark.django_db
def test_sqlite_fts5_keeps_diacritics_so_the_exact_columns_stay_exact():
    [(sql,)] = _rows("SELECT sql FROM sqlite_master WHERE name = 'archive_search'")
    assert "fts5" in sql and "remove_diacritics 0" in sql


@sqlite_only
@pytest.mark.django_db
def test_sqlite_forgets_a_deleted_article_by_trigger():
    article = make_article("Tin", "Biển đảo.")
    pk = article.pk
    article.delete()
    assert _rows("SELECT count(*) FROM archive_search WHERE rowid = %s", [pk]) == [(0,)]


@postgres_only
@pytest.mark.django_db
def test_postgres_stores_folded_and_exact_lexemes_at_one_position():
    article = make_article("Ðảng bộ", "Văn hoá.")
    [(title, text)] = _rows("SELECT title::text, document::text FROM archive_searchdoc WHERE article_id = %s",
                            [article.pk])
    assert "'dang':1A" in text and "'đảng':1A" in text
    assert "'hoa':" in text and "'hóa':" in text
    assert "'đảng':1A" in title and "'dang':1A" in title and "hoa" not in title


@postgres_only
@pytest.mark.django_db
def test_postgres_uses_the_gin_indexes_for_a_match():
    make_article("Tin", "Biển đảo.")
    plans = []
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for column in ("document", "title"):
            cursor.execute(f"EXPLAIN SELECT article_id FROM archive_searchdoc WHERE {column} @@ %s::tsquery", ["'bien'"])
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    assert "archive_searchdoc_document_gin" in plans[0]
    assert "archive_searchdoc_title_gin" in plans[1]


@postgres_only
@pytest.mark.django_db
def test_postgres_forgets_deleted_and_truncated_articles_by_trigger():
    first, second = make_article("Tin", "Biển."), make_article("Tin", "Đảo.")
    first.delete()
    assert _rows("SELECT article_id FROM archive_searchdoc") == [(second.pk,)]
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending FK checks, or TRUNCATE refuses
        cursor.execute("TRUNCATE archive_article CASCADE")
    assert _rows("SELECT count(*) FROM archive_searchdoc") == [(0,)]


@postgres_only
def test_postgres_tsvector_literal_survives_huge_repetitive_text():
    text = document(article_id=1, title="Đảng", paragraphs=["đảng " * 5000, "từ " * 20000], names=[])
    literal = tsvector(text)
    assert literal.count(",") < 2 * 256 * 3


@pytest.mark.django_db
def test_the_same_tokens_reach_both_databases_for_any_vendor():
    article = make_article("Thành uỷ 04-NQ/TƯ", "Văn hoá Ðảng.")
    assert ids(search("thành ủy 04-NQ/TW văn hóa đảng")) == [article.pk]


# -- the migration applies, reverses and re-applies, indexing existing articles -------------

def _database_url_for_a_scratch_database():
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        path = Path(os.environ.get("TMPDIR", "/tmp")) / f"search_migration_{uuid.uuid4().hex}.sqlite3"
        return f"sqlite:///{path}", (lambda: path.unlink(missing_ok=True)), None
    import psycopg

    name = f"search_migration_{uuid.uuid4().hex[:12]}"
    admin = dict(host=settings["HOST"] or None, port=settings["PORT"] or None, user=settings["USER"] or None,
                 password=settings["PASSWORD"] or None, dbname="postgres", autocommit=True)
    with psycopg.connect(**admin) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(**admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    auth = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    url = f"postgres://{auth}@{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}/{name}"
    return url, drop, name


def _manage(url, *args):
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    env.pop("TEST_DATABASE_NAME", None)
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


_PROBE = """
from django.db import connection
from archive.search import search
with connection.cursor() as c:
    c.execute({sql!r})
    print("TABLES", c.fetchone()[0])
if {search!r}:
    print("FOUND", [a.title for a in search("đảng bộ")])
"""


def _probe(url, *, with_search):
    table_sql = {
        "sqlite": "SELECT count(*) FROM sqlite_master WHERE name IN ('archive_search', 'archive_search_article_deleted')",
        "postgresql": "SELECT count(*) FROM pg_class WHERE relname IN ('archive_searchdoc', 'archive_searchdoc_document_gin')",
    }[connection.vendor]
    return _manage(url, "shell", "-c", _PROBE.format(sql=table_sql, search=with_search))


def test_the_search_migration_applies_reverses_and_reapplies_cleanly():
    url, drop, _ = _database_url_for_a_scratch_database()
    try:
        _manage(url, "migrate", "-v0")
        assert "TABLES 2" in _probe(url, with_search=False)
        _manage(url, "migrate", "archive", "0001", "-v0")
        assert "TABLES 0" in _probe(url, with_search=False)
        # an article loaded before the index existed is indexed when it is created
        _manage(url, "shell", "-c", (
            "from archive.models import Article; Article.objects.create(file_name='a.txt', content_hash='0'*64, "
            "original_text='x', title='Đảng bộ xã', paragraphs=['Nội dung.'])"))
        _manage(url, "migrate", "-v0")
        out = _probe(url, with_search=True)
        assert "TABLES 2" in out and "FOUND ['Đảng bộ xã']" in out
    finally:
        drop()


@postgres_only
@pytest.mark.django_db
def test_postgres_narrow_and_broad_plans_give_the_same_results(monkeypatch):
    from archive.search.postgres import PostgresDialect

    articles = [make_article("Biển đảo", "Chủ quyền biển."), make_article("Rừng", "Bảo vệ rừng và biển.")]
    broad = ids(search("biển"))
    monkeypatch.setattr(PostgresDialect, "is_broad", lambda self, expression, *, using, column="document": False)
    assert ids(search("biển")) == broad == [a.pk for a in articles]
    assert search("biển -rừng").count() == 1
