"""A time budget for the database work of one search request.

Each step (the page of results, the count, the facets) runs with what is left of the
budget as a database-side limit: PostgreSQL `SET LOCAL statement_timeout` inside a
transaction of its own (a savepoint when one is open), SQLite a progress handler that
interrupts the statement. A step that runs out is cut, not failed: the caller gets its
default and the list of cut steps, and the page says what is missing. Nothing else
(the loader, the admin) runs under a limit.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Callable, TypeVar

from django.db import OperationalError, connections, transaction

T = TypeVar("T")
_SQLITE_CHECK_EVERY = 10_000  # virtual-machine steps between two looks at the clock (well under 1 ms)


class TimeLimit:
    def __init__(self, milliseconds: int, *, using: str = "default"):
        self.milliseconds = milliseconds
        self.using = using
        self.deadline = time.monotonic() + milliseconds / 1000 if milliseconds > 0 else None
        self.cut: list[str] = []

    def left_ms(self) -> int | None:
        if self.deadline is None:
            return None
        return int((self.deadline - time.monotonic()) * 1000)

    def run(self, step: str, compute: Callable[[], T], *, default: T, at_least_ms: int = 0) -> T:
        """compute() within what is left; default (and `step` recorded as cut) when time runs out.
        at_least_ms: a cheap step that replaces one that was cut may run this long past the limit."""
        left = self.left_ms()
        if left is None:
            return compute()
        left = max(left, at_least_ms)
        if left <= 0:
            self.cut.append(step)
            return default
        try:
            with _limited(self.using, left):
                return compute()
        except OperationalError as exc:
            if not is_timeout(exc):
                raise
            self.cut.append(step)
            return default


def is_timeout(exc: BaseException) -> bool:
    cause = exc.__cause__ or exc
    if getattr(cause, "sqlstate", None) == "57014":  # query_canceled (statement_timeout)
        return True
    # sqlite3: the progress handler stopped the statement; ours: nothing left before a statement
    return "interrupted" in str(cause) or "time limit spent" in str(cause)


@contextmanager
def _limited(using: str, milliseconds: int):
    connection = connections[using]
    if connection.vendor == "postgresql":
        deadline = time.monotonic() + milliseconds / 1000

        def each_statement(execute, sql, params, many, context):
            # statement_timeout bounds one statement: each one gets what is left of the step
            left = int((deadline - time.monotonic()) * 1000)
            if left <= 0:
                raise OperationalError("canceling statement due to statement timeout (time limit spent)")
            # on a cursor of its own: the statement's may be a server-side (named) one
            with connection.connection.cursor() as raw:
                raw.execute("SELECT set_config('statement_timeout', %s, true)", [str(left)])
            return execute(sql, params, many, context)

        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                cursor.execute("SHOW statement_timeout")
                before = cursor.fetchone()[0]
            with connection.execute_wrapper(each_statement):
                yield
            # inside an outer transaction SET LOCAL would outlive this step: put it back
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('statement_timeout', %s, true)", [before])
        return
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        deadline = time.monotonic() + milliseconds / 1000
        raw = connection.connection
        raw.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, _SQLITE_CHECK_EVERY)
        try:
            yield
        finally:
            raw.set_progress_handler(None, 0)
        return
    yield
