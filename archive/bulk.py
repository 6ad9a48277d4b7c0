"""Many-row inserts for the loader, without Django's UNNEST form on PostgreSQL.

Django 5.2 inserts several rows on PostgreSQL as `SELECT * FROM UNNEST(%s::text[], ...)`,
one array per column. With psycopg's client-side binding each array is then quoted in
Python, element by element: for articles (kilobytes of text and three JSON documents each)
that was about 40 % of the loader's own time. Here each value is quoted once by psycopg's
own adapters and the rows are sent as one VALUES list; psycopg has no placeholders left to
parse (its parse cache stops at 50 parameters). Other databases keep `bulk_create`.
"""
from __future__ import annotations

from django.db import connections, router
from django.db.models import Model
from psycopg.adapt import Transformer

# Rows per statement: big statements, without one string holding a whole batch of articles.
MAX_VALUES = 30_000


def insert_rows(objs: list[Model], *, using: str | None = None) -> None:
    """Insert new model instances and set their primary keys, like `bulk_create`."""
    if not objs:
        return
    model = type(objs[0])
    using = using or router.db_for_write(model)
    connection = connections[using]
    if connection.vendor != "postgresql":
        model.objects.using(using).bulk_create(objs)
        return
    meta = model._meta
    fields = [f for f in meta.concrete_fields if f is not meta.pk]
    quote = connection.ops.quote_name
    head = (f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) VALUES ").encode()
    tail = f" RETURNING {quote(meta.pk.column)}".encode()
    per_statement = max(1, MAX_VALUES // len(fields))
    with connection.cursor() as cursor:
        literal = Transformer(cursor.cursor).as_literal
        for start in range(0, len(objs), per_statement):
            chunk = objs[start:start + per_statement]
            rows = []
            for obj in chunk:
                values = (f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in fields)
                rows.append(b"(" + b", ".join(b"NULL" if v is None else literal(v) for v in values) + b")")
            with connection.wrap_database_errors:
                cursor.cursor.execute(head + b", ".join(rows) + tail)
                returned = cursor.cursor.fetchall()
            # PostgreSQL returns the rows of a VALUES list in its order (bulk_create relies on it too)
            for obj, (pk,) in zip(chunk, returned):
                obj.pk = pk
                obj._state.adding = False
                obj._state.db = using
