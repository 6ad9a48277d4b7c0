"""Many-row inserts for the loader, past Django's bulk_create on PostgreSQL and SQLite.

Django 5.2 inserts several rows on PostgreSQL as `SELECT * FROM UNNEST(%s::text[], ...)`,
one array per column. With psycopg's client-side binding each array is then quoted in
Python, element by element: for articles (kilobytes of text and three JSON documents each)
that was about 40 % of the loader's own time. Here each value is quoted once by psycopg's
own adapters and the rows are sent as one VALUES list; psycopg has no placeholders left to
parse (its parse cache stops at 50 parameters).

On SQLite, when the writing loader is what its extraction workers wait for, bulk_create's
SQL compiler (several layers of calls per value) costs a fifth of the writing: there the rows
go as one VALUES list of placeholders per statement (6 % faster loads). Other databases keep
`bulk_create`.
"""
from __future__ import annotations

import sqlite3

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
    if connection.vendor == "sqlite" and connection.features.can_return_rows_from_bulk_insert:
        _insert_sqlite(objs, using=using)
        return
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
            _saved(chunk, returned, using=using)


def _insert_sqlite(objs: list[Model], *, using: str) -> None:
    connection = connections[using]
    meta = objs[0]._meta
    fields = [f for f in meta.concrete_fields if f is not meta.pk]
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) VALUES "
    row = "(" + ", ".join(["?"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        per_statement = max(1, min(MAX_VALUES, limit) // len(fields))
        for start in range(0, len(objs), per_statement):
            chunk = objs[start:start + per_statement]
            params = [f.get_db_prep_save(f.pre_save(obj, add=True), connection) for obj in chunk for f in fields]
            sql = f"{head}{', '.join([row] * len(chunk))} RETURNING {quote(meta.pk.column)}"
            with connection.wrap_database_errors:
                # sqlite3's own execute: Django's wrapper would rewrite placeholders in a statement
                # holding thousands of them, to the same text
                returned = sqlite3.Cursor.execute(cursor.cursor, sql, params).fetchall()
            # in the order of the VALUES list, as bulk_create also relies on with SQLite's RETURNING
            _saved(chunk, returned, using=using)


def _saved(objs: list[Model], returned: list[tuple], *, using: str) -> None:
    for obj, (pk,) in zip(objs, returned, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = using
