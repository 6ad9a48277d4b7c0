"""The read-replica router, with a real second connection alias holding other rows."""
import shutil

import pytest
from django.core.management import call_command
from django.db import connections, router, transaction
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from archive.models import Locality
from archive.routers import REPLICA, ReplicaRouter, primary, primary_for_writes
from archive.settings import database_from_url

ROUTERS = ["archive.routers.ReplicaRouter"]


def _add_alias(path) -> None:
    connections.settings[REPLICA] = {**database_from_url(f"sqlite:///{path}"), "TEST": {}, "TIME_ZONE": None,
                                     "CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": False, "AUTOCOMMIT": True,
                                     "ATOMIC_REQUESTS": False}


def _drop_alias() -> None:
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


@pytest.fixture(scope="module")
def migrated_replica_file(tmp_path_factory, django_db_blocker):
    """Migrated once per module; each test gets a copy."""
    path = tmp_path_factory.mktemp("replica") / "template.sqlite3"
    _add_alias(path)
    try:
        with django_db_blocker.unblock():
            call_command("migrate", database=REPLICA, verbosity=0)
    finally:
        _drop_alias()
    return path


@pytest.fixture
def replica(django_db_setup, django_db_blocker, tmp_path, migrated_replica_file):
    """A "replica" alias: its own SQLite file holding a row the primary lacks.

    Outside pytest-django's test-case wrapper, which forbids aliases it did not
    set up; rows written to the primary are removed afterwards.
    """
    path = tmp_path / "replica.sqlite3"
    shutil.copyfile(migrated_replica_file, path)
    with django_db_blocker.unblock():
        _add_alias(path)
        Locality.objects.using(REPLICA).create(name="Cờ Đỏ", kind="huyện", slug="co-do-replica", level=2)
        try:
            yield REPLICA
        finally:
            Locality.objects.using("default").filter(slug="can-tho").delete()
            _drop_alias()


def test_reads_go_to_the_replica_and_writes_to_the_primary(replica):
    with override_settings(DATABASE_ROUTERS=ROUTERS):
        Locality.objects.create(name="Cần Thơ", kind="thành phố", slug="can-tho", level=1)
        assert list(Locality.objects.values_list("slug", flat=True)) == ["co-do-replica"]
        assert Locality.objects.using("default").filter(slug="can-tho").exists()
        assert not Locality.objects.using(REPLICA).filter(slug="can-tho").exists()


def test_reads_inside_a_write_transaction_stay_on_the_primary(replica):
    with override_settings(DATABASE_ROUTERS=ROUTERS), transaction.atomic():
        Locality.objects.create(name="Cần Thơ", kind="thành phố", slug="can-tho", level=1)
        assert Locality.objects.filter(slug="can-tho").exists()
        transaction.set_rollback(True)


def test_primary_block_pins_reads_to_the_primary(replica):
    with override_settings(DATABASE_ROUTERS=ROUTERS):
        with primary():
            assert not Locality.objects.filter(slug="co-do-replica").exists()
        assert Locality.objects.filter(slug="co-do-replica").exists()


@pytest.mark.django_db
def test_without_a_replica_alias_every_query_uses_the_primary():
    with override_settings(DATABASE_ROUTERS=ROUTERS):
        assert router.db_for_read(Locality) == "default"
        assert router.db_for_write(Locality) == "default"


def test_migrations_run_on_the_primary_only():
    assert ReplicaRouter().allow_migrate("default", "archive") is True
    assert ReplicaRouter().allow_migrate(REPLICA, "archive") is False


def test_objects_from_the_primary_and_the_replica_may_be_related():
    primary_row, replica_row = Locality(), Locality()
    primary_row._state.db, replica_row._state.db = "default", REPLICA
    assert ReplicaRouter().allow_relation(primary_row, replica_row) is True
    replica_row._state.db = "archive_elsewhere"
    assert ReplicaRouter().allow_relation(primary_row, replica_row) is None


@pytest.mark.parametrize(("method", "path", "expected"), [
    ("get", "/search/", REPLICA),
    ("head", "/", REPLICA),
    ("post", "/search/", "default"),
    ("get", "/admin/archive/article/", "default"),
])
def test_the_middleware_keeps_writing_requests_and_the_admin_on_the_primary(replica, method, path, expected):
    seen = []

    def view(request):
        seen.append(router.db_for_read(Locality))
        return HttpResponse("ok")

    with override_settings(DATABASE_ROUTERS=ROUTERS):
        primary_for_writes(view)(getattr(RequestFactory(), method)(path))
        assert seen == [expected]
        assert router.db_for_read(Locality) == REPLICA  # the pin ends with the request


@pytest.mark.django_db
def test_postgresql_plans_server_side_cursors_for_every_row():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW cursor_tuple_fraction")
        assert cursor.fetchone()[0] == "1"
