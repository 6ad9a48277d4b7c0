"""PostgreSQL: a table `archive_searchdoc` (article_id, title and document tsvectors), GIN-indexed.

The tsvector is written as a literal built in Python from the same tokens SQLite
gets, so no text-search parser, dictionary or unaccent runs: `NQ/TW` cannot become
a file token and `TƯ` cannot split. Weights: A title, B keywords, C body. Every
accented token is stored twice at the same position, folded ("dang") and exact
("đảng"), so one query can ask for either form, even inside a phrase.
Queries are tsquery literals with every lexeme quoted. No query uses weights: a
weighted or phrase query makes GIN recheck (detoast) every candidate row, so
"in the title" asks the small title column instead.
"""
from __future__ import annotations

import json

from django.db import connections
from django.db.models import BooleanField, F, QuerySet
from django.db.models.expressions import RawSQL

from .base import Dialect, IndexedText, order
from .query import Term

TABLE = "archive_searchdoc"
MAX_POSITION = 16383      # PostgreSQL clamps positions here
MAX_POSITIONS_PER_LEXEME = 255


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


# Phrase estimates from a sample of the index table's rows, once it is big enough for the
# planner's guess to matter (pages are sampled whole: a few ms at 100,000 articles).
PHRASE_SAMPLE_ROWS = 2_000
SAMPLE_FROM_ROWS = 20_000


class PostgresDialect(Dialect):
    def term(self, term: Term, *, mode: str) -> str | None:
        if term.keyword_only:
            # entity tokens (doc4nqtw) exist only in the keywords: no weight needed
            return None if mode == "title" else " <-> ".join(_lexeme(t) for t in term.folded)
        toks = term.exact if term.accented and mode in ("exact", "title") else term.folded
        lexemes = [_lexeme(t) for t in toks]
        return lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")"

    def both(self, parts: list[str]) -> str:
        return parts[0] if len(parts) == 1 else "(" + " & ".join(parts) + ")"

    def either(self, parts: list[str]) -> str:
        return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"

    def but_not(self, positive: str, negative: str) -> str:
        return f"({positive}) & !({negative})"

    def subquery(self, expression: str, *, mode: str = "match", broad: bool = False) -> RawSQL:
        column = "title" if mode == "title" else "document"
        if broad:
            # the functions (migration 0002) pin the GIN index plan; see there why
            return RawSQL(f"SELECT id FROM archive_searchdoc_{'title_' if mode == 'title' else ''}match(%s::tsquery) AS id",
                          [expression])
        return RawSQL(f"SELECT article_id FROM {TABLE} WHERE {column} @@ %s::tsquery", [expression])

    def is_broad(self, expression: str, *, using: str, column: str = "document") -> bool:
        """Would the planner scan the whole table for this? It does when many rows match, and
        inside a join it does so earlier than alone, so a tenth of the table counts as many."""
        with connections[using].cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT article_id FROM {TABLE} WHERE {column} @@ %s::tsquery",
                           [expression])
            plan = cursor.fetchone()[0]
            plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [TABLE])
            row = cursor.fetchone()
        total = max(float(row[0]) if row else 0.0, 0.0)
        return "Seq Scan" in json.dumps(plan) or plan.get("Plan Rows", 0) > max(1000.0, total / 10)

    def estimate(self, expression: str, *, using: str, at_least: int | None) -> int:
        # the planner's row estimate (1 ms); counting a broad match exactly costs 50-700 ms
        with connections[using].cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT article_id FROM {TABLE} WHERE document @@ %s::tsquery",
                           [expression])
            plan = cursor.fetchone()[0]
            planned = int((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"].get("Plan Rows", 0))
            if "<" not in expression:
                return planned
            # A phrase (<->): the planner prices it as its words ANDed, for common words several times
            # the truth ("chuyển đổi số": 99,000 planned, 19,000 real). A sample of ~2,000 rows
            # (a few ms) is close enough to tell a phrase in most articles from one in a fifth.
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [TABLE])
            row = cursor.fetchone()
            rows = float(row[0]) if row else 0.0
            if rows < SAMPLE_FROM_ROWS:
                return planned
            cursor.execute(f"SELECT count(*), count(*) FILTER (WHERE document @@ %s::tsquery) "
                           f"FROM {TABLE} TABLESAMPLE SYSTEM (%s) REPEATABLE (7)",
                           [expression, min(100.0, 100.0 * PHRASE_SAMPLE_ROWS / max(rows, 1.0))])
            sampled, found = cursor.fetchone()
        if not sampled or sampled < PHRASE_SAMPLE_ROWS / 4:
            return planned
        return int(rows * found / sampled)

    def count(self, expression: str, *, using: str) -> int:
        # through the function that pins the GIN plan: the planner's own seq scan detoasts every row
        with connections[using].cursor() as cursor:
            cursor.execute("SELECT count(*) FROM archive_searchdoc_match(%s::tsquery)", [expression])
            return int(cursor.fetchone()[0])

    def date_segments(self, queryset: QuerySet, *, sort: str) -> list[QuerySet]:
        if sort == "oldest":
            return [order(queryset, sort="oldest")]  # ASC NULLS LAST is the date index read backwards
        # the index sorts undated rows first: dated rows, then undated ones, keeps "undated last"
        return [queryset.filter(published__isnull=False).order_by(F("published").desc(), F("id").desc()),
                queryset.filter(published__isnull=True).order_by(F("id").desc())]

    def exists(self, expression: str) -> RawSQL:
        return RawSQL(f"EXISTS (SELECT 1 FROM {TABLE} s WHERE s.article_id = archive_article.id "
                      "AND s.document @@ %s::tsquery)", [expression], output_field=BooleanField())


def tsvector(text: IndexedText, *, title_only: bool = False) -> str:
    """The tsvector literal of one article (or of its title alone)."""
    sections = [(text.title.pairs(), "A")]
    if not title_only:
        sections += [([(t, t) for group in text.keywords for t in group + ["\n"]], "B"), (text.body.pairs(), "C")]
    positions: dict[str, list[str]] = {}
    position = 0
    for pairs, weight in sections:
        for folded, exact in pairs:
            position += 1
            if folded == "\n":
                continue  # a gap between two names, so no phrase spans them
            slot = f"{min(position, MAX_POSITION)}{weight}"
            positions.setdefault(folded, []).append(slot)
            if exact != folded:
                positions.setdefault(exact, []).append(slot)
        position += 1  # a gap, so no phrase spans two sections
    return " ".join(f"{_lexeme(lexeme)}:{','.join(slots[:MAX_POSITIONS_PER_LEXEME])}"
                    for lexeme, slots in positions.items())


class PostgresIndex:
    def write(self, texts: list[IndexedText], *, using: str) -> None:
        if not texts:
            return
        rows = [(t.article_id, tsvector(t, title_only=True), tsvector(t)) for t in texts]
        with connections[using].cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (article_id, title, document) VALUES (%s, %s::tsvector, %s::tsvector) "
                "ON CONFLICT (article_id) DO UPDATE SET title = EXCLUDED.title, document = EXCLUDED.document",
                rows,
            )

    def delete(self, article_ids: list[int], *, using: str) -> None:
        with connections[using].cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE article_id = ANY(%s)", [list(article_ids)])

    def clear(self, *, using: str) -> None:
        with connections[using].cursor() as cursor:
            cursor.execute(f"TRUNCATE {TABLE}")

    def optimize(self, *, using: str) -> None:
        # The GIN index needs no merging; the planner needs statistics on what was just loaded
        # (without them it read the index table row by row), before autovacuum gets to it.
        with connections[using].cursor() as cursor:
            cursor.execute("ANALYZE")
