from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_ARTICLES = ROOT / "fixtures" / "articles"


@pytest.fixture(autouse=True)
def no_facet_columns_from_another_test():
    # a rolled-back test can leave the next one the same data version (SQLite reuses its ids)
    from archive import columns

    columns.forget()
    yield
    columns.wait_for_reading()
    columns.forget()


@pytest.fixture
def fixture_articles() -> Path:
    return FIXTURE_ARTICLES


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    return f"database: {db['ENGINE'].rsplit('.', 1)[-1]} {db.get('HOST') or ''} {db['NAME']}"
