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
    send = _SENDERS.get(connection.vendor)
    if send is None or not connection.features.can_return_rows_from_bulk_insert:
        model.objects.using(using).bulk_create(objs)
        return
    meta = model._meta
    fields = [f for f in meta.concrete_fields if f is not meta.pk]
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) VALUES "
    tail = f" RETURNING {quote(meta.pk.column)}"
    with connection.cursor() as cursor:
        per_statement = max(1, _values_per_statement(connection) // len(fields))
        for start in range(0, len(objs), per_statement):
            chunk = objs[start:start + per_statement]
            rows = [[f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in fields] for obj in chunk]
            with connection.wrap_database_errors:
                returned = send(cursor.cursor, head, rows, tail)
            # both databases return the rows of a VALUES list in its order (bulk_create relies on it too)
            _saved(chunk, returned, using=using)


def _values_per_statement(connection) -> int:
    if connection.vendor == "sqlite":
        return min(MAX_VALUES, connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
    return MAX_VALUES


def _send_postgresql(cursor, head: str, rows: list[list], tail: str) -> list[tuple]:
    literal = Transformer(cursor).as_literal
    values = b", ".join(b"(" + b", ".join(b"NULL" if v is None else literal(v) for v in row) + b")" for row in rows)
    cursor.execute(head.encode() + values + tail.encode())
    return cursor.fetchall()


def _send_sqlite(cursor, head: str, rows: list[list], tail: str) -> list[tuple]:
    placeholders = "(" + ", ".join(["?"] * len(rows[0])) + ")"
    # sqlite3's own execute: Django's wrapper would rewrite the placeholders of a statement
    # holding thousands of them, to the same text
    return sqlite3.Cursor.execute(cursor, head + ", ".join([placeholders] * len(rows)) + tail,
                                  [v for row in rows for v in row]).fetchall()


_SENDERS = {"postgresql": _send_postgresql, "sqlite": _send_sqlite}


def _saved(objs: list[Model], returned: list[tuple], *, using: str) -> None:
    for obj, (pk,) in zip(objs, returned, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = using
