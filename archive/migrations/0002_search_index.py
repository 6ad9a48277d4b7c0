"""The full-text search index (read by archive/search/): FTS5 on SQLite, tsvector + GIN on PostgreSQL.

Vendor-specific by design; each database gets its own statements and any other
vendor gets none. Tokens are built in Python, so neither side needs a tokenizer
that knows Vietnamese, nor unaccent.
"""
from django.db import migrations

SQL = {
    "sqlite": {
        "create": [
            # rowid = article id; title/body/keywords folded, *_x exact (accents kept)
            "CREATE VIRTUAL TABLE archive_search USING fts5("
            "title, body, keywords, title_x, body_x, tokenize = 'unicode61 remove_diacritics 0')",
            # keeps the index free of deleted articles without anyone calling remove_articles
            "CREATE TRIGGER archive_search_article_deleted AFTER DELETE ON archive_article "
            "BEGIN DELETE FROM archive_search WHERE rowid = old.id; END",
        ],
        "drop": [
            "DROP TRIGGER IF EXISTS archive_search_article_deleted",
            "DROP TABLE IF EXISTS archive_search",
        ],
    },
    "postgresql": {
        "create": [
            # title: the title alone, small and never toasted, for the "in the title" rank;
            # document: title, keywords (A, B) and body (C), what a query must match
            "CREATE TABLE archive_searchdoc (article_id bigint PRIMARY KEY, title tsvector NOT NULL, "
            "document tsvector NOT NULL)",
            # every full-text match goes through these
            "CREATE INDEX archive_searchdoc_document_gin ON archive_searchdoc USING gin (document)",
            "CREATE INDEX archive_searchdoc_title_gin ON archive_searchdoc USING gin (title)",
            # Broad searches go through these functions so they use the GIN indexes: for a word
            # in nearly every article the planner prefers a seq scan, costed as cheap but
            # detoasting every tsvector (3.3 s against 0.15 s on 100,000 articles). ROWS tells
            # the caller's plan to expect many rows (a hash join, not 100,000 index probes).
            """CREATE FUNCTION archive_searchdoc_match(query tsquery) RETURNS SETOF bigint
            LANGUAGE sql STABLE ROWS 100000 SET enable_seqscan = off
            AS $$ SELECT article_id FROM archive_searchdoc WHERE document @@ query $$""",
            """CREATE FUNCTION archive_searchdoc_title_match(query tsquery) RETURNS SETOF bigint
            LANGUAGE sql STABLE ROWS 100000 SET enable_seqscan = off
            AS $$ SELECT article_id FROM archive_searchdoc WHERE title @@ query $$""",
            # No foreign key: Django's test flush truncates archive_article alone, which a
            # foreign key would refuse. Triggers keep the index clean instead.
            """CREATE FUNCTION archive_searchdoc_forget() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'TRUNCATE' THEN
                    TRUNCATE archive_searchdoc;
                ELSE
                    DELETE FROM archive_searchdoc WHERE article_id = OLD.id;
                END IF;
                RETURN NULL;
            END $$""",
            "CREATE TRIGGER archive_searchdoc_article_deleted AFTER DELETE ON archive_article "
            "FOR EACH ROW EXECUTE FUNCTION archive_searchdoc_forget()",
            "CREATE TRIGGER archive_searchdoc_article_truncated AFTER TRUNCATE ON archive_article "
            "FOR EACH STATEMENT EXECUTE FUNCTION archive_searchdoc_forget()",
        ],
        "drop": [
            "DROP TRIGGER IF EXISTS archive_searchdoc_article_truncated ON archive_article",
            "DROP TRIGGER IF EXISTS archive_searchdoc_article_deleted ON archive_article",
            "DROP FUNCTION IF EXISTS archive_searchdoc_forget()",
            "DROP FUNCTION IF EXISTS archive_searchdoc_title_match(tsquery)",
            "DROP FUNCTION IF EXISTS archive_searchdoc_match(tsquery)",
            "DROP TABLE IF EXISTS archive_searchdoc",
        ],
    },
}


class _HistoricalModels:
    """The models as of this migration, under the names the indexer reads."""

    def __init__(self, apps):
        for name in ("Article", "Citation", "Appearance", "ArticleLocality"):
            setattr(self, name, apps.get_model("archive", name))


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in SQL.get(vendor, {}).get("create", []):
        schema_editor.execute(sql, params=None)
    if vendor in SQL:
        # articles already loaded (an existing database) are indexed now
        from archive.search import rebuild_index

        rebuild_index(using=schema_editor.connection.alias, models=_HistoricalModels(apps))


def drop_index(apps, schema_editor):
    for sql in SQL.get(schema_editor.connection.vendor, {}).get("drop", []):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
