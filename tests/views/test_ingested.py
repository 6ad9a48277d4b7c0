"""The pages and API over what the real loader makes of the seed articles."""
import pytest
from django.core.management import call_command

from archive.models import Article, Locality, Official, Resolution
from tests.conftest import FIXTURE_ARTICLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def ingested(db):
    try:
        call_command("ingest", str(FIXTURE_ARTICLES))
    except SystemExit as exit_:  # the command exits 1 when a file was rejected; the rest still loads
        assert exit_.code in (0, 1, None)
    assert Article.objects.exists()


def test_every_page_of_the_loaded_seeds_answers(client, ingested):
    paths = ["/", "/search/", "/officials/", "/resolutions/", "/localities/"]
    paths += [a.get_absolute_url() for a in Article.objects.all()]
    paths += [o.get_absolute_url() for o in Official.objects.all()[:10]]
    paths += [r.get_absolute_url() for r in Resolution.objects.all()[:10]]
    paths += [p.get_absolute_url() for p in Locality.objects.all()[:10]]
    for path in paths:
        assert client.get(path).status_code == 200, path


def test_every_seed_appears_in_search_with_its_title_and_date(client, ingested):
    data = client.get("/api/search/").json()
    assert data["count"] == Article.objects.count()
    titles = {r["title"] for r in data["results"]}
    assert set(Article.objects.values_list("title", flat=True)) == titles


def test_api_of_the_loaded_seeds_answers_with_the_contract_keys(client, ingested):
    for a in Article.objects.all():
        data = client.get(f"/api/articles/{a.pk}/").json()
        assert {"title", "published", "authors", "source", "locality", "localities", "officials",
                "resolutions", "paragraphs", "file"} <= set(data)
    for o in Official.objects.all()[:5]:
        assert "appearances" in client.get(f"/api/officials/{o.slug}/").json()
    for r in Resolution.objects.all()[:5]:
        assert "articles" in client.get(f"/api/resolutions/{r.slug}/").json()


def test_the_place_facet_of_the_seeds_counts_each_article_once(client, ingested):
    facet = client.get("/api/search/").json()["facets"]["locality"]
    assert all(item["count"] <= Article.objects.count() for item in facet)
    assert sum(1 for item in facet if item["selected"]) == 0


def test_each_loaded_article_links_its_officials_and_documents(client, ingested):
    for a in Article.objects.prefetch_related("appearances__official", "citations__resolution"):
        html = client.get(a.get_absolute_url()).content.decode()
        for appearance in a.appearances.all():
            assert f'href="{appearance.official.get_absolute_url()}"' in html
        for citation in a.citations.all():
            assert f'href="{citation.resolution.get_absolute_url()}"' in html


def test_each_loaded_official_page_links_back_to_their_articles(client, ingested):
    for o in Official.objects.prefetch_related("appearances__article")[:20]:
        html = client.get(o.get_absolute_url()).content.decode()
        for appearance in o.appearances.all():
            assert f'href="{appearance.article.get_absolute_url()}"' in html


def test_crawling_the_loaded_seeds_from_home_meets_no_error(client, ingested):
    from tests.views.test_crawl import _crawl

    seen = _crawl(client)
    assert {code for code in seen.values()} == {200}, {p: c for p, c in seen.items() if c != 200}
    for a in Article.objects.all():
        assert a.get_absolute_url() in seen
