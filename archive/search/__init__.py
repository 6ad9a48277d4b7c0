"""Full-text search of the archive, the same on SQLite (FTS5) and PostgreSQL (tsvector).

    index_articles(ids)      (re)index articles; the loader calls it after saving one
    remove_articles(ids)     drop them from the index
    rebuild_index() -> int   index every article again
    optimize_index()         after a big load: merge the index (SQLite), refresh statistics
    search(query, queryset=None, sort="relevance") -> QuerySet[Article]
    plan_search(query, queryset=None, sort=...) -> Plan   the same, with how it is ordered,
                             a paging that stops early and a cheap count for broad matches
    TimeLimit(ms, using)     runs the steps of one request within a time budget
    snippets(articles=..., query=...) -> {article id: HTML}

Query syntax: words (all must match), "phrases", -word, a OR b. Accents are
optional (a query without them matches every accented form; with them, the exact
form ranks first); Ð is Đ, hoá is hóa. Queries naming a document (04-NQ/TW, NQTW4,
"Nghị quyết Trung ương 4 khóa XII"), an official or a place rank the articles that
cite it, or where they appear, first.
"""
from __future__ import annotations

from typing import Iterable

from django.db import connections

from .base import RANK_AT_MOST, SORTS, ArticleWords, Dialect, Plan, build_texts, order
from .base import plan as _plan
from .entities import resolve
from .postgres import PostgresDialect, PostgresIndex
from .query import parse
from .snippets import snippets
from .sqlite import SqliteDialect, SqliteIndex
from .limits import TimeLimit

__all__ = ["RANK_AT_MOST", "SORTS", "Plan", "TimeLimit", "index_articles", "optimize_index", "plan_search",
           "rebuild_index", "remove_articles", "search", "snippets"]

BACKENDS: dict[str, tuple[Dialect, object]] = {
    "sqlite": (SqliteDialect(), SqliteIndex()),
    "postgresql": (PostgresDialect(), PostgresIndex()),
}
_BATCH = 500


def _backend(using: str):
    vendor = connections[using].vendor
    try:
        return BACKENDS[vendor]
    except KeyError:
        raise NotImplementedError(f"no full-text search for the {vendor!r} database") from None


def index_articles(article_ids: Iterable[int], *, using: str = "default",
                   words: dict[int, ArticleWords] | None = None) -> None:
    """(Re)index these articles from their rows and their citations, officials and places.

    `words`: articles' own tokens, when the caller computed them already (the loader).
    """
    _, index = _backend(using)
    ids = sorted({int(i) for i in article_ids})
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start:start + _BATCH]
        texts = build_texts(chunk, using=using, words=words)
        index.write(texts, using=using)
        found = {t.article_id for t in texts}
        missing = [i for i in chunk if i not in found]
        if missing:  # asked to index an article that is gone
            index.delete(missing, using=using)


def remove_articles(article_ids: Iterable[int], *, using: str = "default") -> None:
    _, index = _backend(using)
    ids = sorted({int(i) for i in article_ids})
    if ids:
        index.delete(ids, using=using)


def rebuild_index(*, using: str = "default", models=None) -> int:
    """Empty the index and index every article; returns how many were indexed."""
    if models is None:
        from archive import models
    _, index = _backend(using)
    index.clear(using=using)
    ids = list(models.Article.objects.using(using).order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), _BATCH):
        index.write(build_texts(ids[start:start + _BATCH], using=using, models=models), using=using)
    return len(ids)


def optimize_index(*, using: str = "default") -> None:
    """Make the index fast to read after many writes (outside any transaction)."""
    _, index = _backend(using)
    index.optimize(using=using)


def search(query: str, *, queryset=None, sort: str = "relevance"):
    """The articles of queryset matching query, ordered by sort (relevance, newest, oldest).

    A blank query gives the queryset newest first. Never raises on user input.
    A match too broad to rank (more than RANK_AT_MOST articles) comes newest first:
    plan_search() says so.
    """
    return plan_search(query, queryset=queryset, sort=sort).queryset


def plan_search(query: str, *, queryset=None, sort: str = "relevance") -> Plan:
    if queryset is None:
        from archive.models import Article

        queryset = Article.objects.all()
    dialect, _ = _backend(queryset.db)
    parsed = parse(query or "")
    if parsed.blank:
        shown = "newest" if sort not in ("newest", "oldest") else sort
        return Plan(order(queryset, sort=shown), ranking=shown, requested=sort)
    entities = resolve(parsed, using=queryset.db)
    return _plan(queryset, parsed=parsed, entities=entities, sort=sort, dialect=dialect)
