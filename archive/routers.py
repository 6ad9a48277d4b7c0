"""Reads from a PostgreSQL streaming replica, writes to the primary.

Enabled when settings define a "replica" alias (DATABASE_REPLICA_URL) and list
`archive.routers.ReplicaRouter` in DATABASE_ROUTERS. Without the alias every
query goes to "default", so the router is harmless to leave configured.

A replica lags the primary by a little, so reads that must see the caller's own
writes stay on the primary:
- inside a transaction on the primary (the loader, every admin save);
- within `primary()`, e.g. a management command that reads then writes;
- for the whole of a request that writes (POST, ...) or is under /admin/, through
  the `primary_for_writes` middleware.
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, Iterator

from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
ADMIN_PREFIX = "/admin/"

_pinned: ContextVar[bool] = ContextVar("archive_reads_pinned_to_primary", default=False)


@contextmanager
def primary() -> Iterator[None]:
    """Send every read in this block (this thread or task only) to the primary."""
    token = _pinned.set(True)
    try:
        yield
    finally:
        _pinned.reset(token)


def replica_configured() -> bool:
    return REPLICA in connections.settings


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        if not replica_configured() or _pinned.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # Both aliases hold the same rows: an object read from the replica may be
        # linked to one written on the primary.
        pair = {obj1._state.db, obj2._state.db}
        return True if pair <= {DEFAULT_DB_ALIAS, REPLICA} else None

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints) -> bool:
        # The replica receives the schema through replication, never from migrate.
        return db != REPLICA


def primary_for_writes(get_response: Callable[[HttpRequest], HttpResponse]):
    """Middleware: a request that writes, or any admin page, reads from the primary throughout."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.method not in SAFE_METHODS or request.path.startswith(ADMIN_PREFIX):
            with primary():
                return get_response(request)
        return get_response(request)

    return middleware
