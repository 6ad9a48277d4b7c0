import pytest

from tests.views.factories import build_sample_archive


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    # The manifest storage needs collectstatic; the pages only need the URLs here.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def empty_cache():
    # whole-archive counts are cached for a minute; each test starts from its own data
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sample(db):
    return build_sample_archive()


@pytest.fixture
def client_vi(client):
    client.cookies["django_language"] = "vi"
    return client


def slugs(facet_results: list[dict]) -> dict[str, int]:
    return {item["value"]: item["count"] for item in facet_results}
