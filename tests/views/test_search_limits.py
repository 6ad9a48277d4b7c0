"""The search page and API under the time limit and for broad matches: always 200, labelled."""
import json

import pytest
from django.db import connection

from archive import facets as facet_lib
from archive.search import base

pytestmark = pytest.mark.django_db


def _slow_facets(**kwargs):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_sleep(5)")
        else:
            cursor.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000) "
                           "SELECT count(*) FROM n")
    return {}


def test_api_says_how_results_are_ordered(client, sample):
    data = json.loads(client.get("/api/search/", {"q": "Nghị quyết"}).content)
    assert data["ranking"] == "relevance" and data["ranking_note"] == ""
    assert data["partial"] == [] and data["count_exact"] is True
    data = json.loads(client.get("/api/search/", {"q": "Nghị quyết", "sort": "oldest"}).content)
    assert data["ranking"] == "oldest"


def test_a_broad_query_is_newest_first_and_says_so(client, sample, monkeypatch):
    monkeypatch.setattr(base, "RANK_AT_MOST", 0)
    response = client.get("/api/search/", {"q": "Nghị quyết"})
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["ranking"] in ("newest", "named_first") and data["ranking_note"]
    dated = [r["published"] for r in data["results"] if r["published"]]
    if data["ranking"] == "newest":
        assert dated == sorted(dated, reverse=True)
    assert data["count"] == len(data["results"]) > 0
    page = client.get("/search/", {"q": "Nghị quyết"}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert b"data-ranking=" in page.content


def test_the_note_is_in_vietnamese_too(client_vi, sample, monkeypatch):
    monkeypatch.setattr(base, "RANK_AT_MOST", 0)
    data = json.loads(client_vi.get("/api/search/", {"q": "xây dựng"}).content)
    assert data["ranking"] == "newest"
    assert "mới nhất" in data["ranking_note"]


def test_when_facets_run_out_of_time_the_page_still_answers(client, sample, settings, monkeypatch):
    settings.ARCHIVE_SEARCH_TIME_LIMIT_MS = 300
    monkeypatch.setattr(facet_lib, "all_facets", _slow_facets)
    full = len([1 for _ in range(1)])
    response = client.get("/api/search/", {"q": "Nghị quyết"})
    assert response.status_code == 200
    data = json.loads(response.content)
    assert "facets" in data["partial"] and data["partial_note"]
    assert data["facets"] == {name: [] for name in ("locality", "year", "resolution", "official", "source")}
    assert data["results"] and data["count"] >= len(data["results"]) >= full
    page = client.get("/search/", {"q": "Nghị quyết"})
    assert page.status_code == 200
    assert b"data-partial=" in page.content


def test_when_nothing_is_left_everything_is_labelled_and_nothing_fails(client, sample, settings, monkeypatch):
    settings.ARCHIVE_SEARCH_TIME_LIMIT_MS = 1
    monkeypatch.setattr("archive.search.limits.TimeLimit.left_ms", lambda self: 0)
    for path in ("/api/search/", "/search/", "/localities/can-tho/"):
        response = client.get(path, {"q": "Đảng"})
        assert response.status_code in (200, 404), path
    data = json.loads(client.get("/api/search/", {"q": "Đảng"}).content)
    # the page's articles have a time of their own (views.PAGE_MS); the rest is cut and labelled
    assert data["partial"] == ["count", "facets", "histogram"]  # the estimate has a time of its own too
    assert data["count_exact"] is False and data["results"]
    assert data["count"] >= len(data["results"])
    assert not any(data["facets"].values())


def test_when_the_page_itself_runs_out_of_time_it_does_not_say_that_nothing_matches(
        client, sample, settings, monkeypatch):
    # a cold server on a big archive: the page's articles, the count and its estimate all cut
    from archive import views

    settings.ARCHIVE_SEARCH_TIME_LIMIT_MS = 1
    monkeypatch.setattr("archive.search.limits.TimeLimit.left_ms", lambda self: 0)
    monkeypatch.setattr(views, "PAGE_MS", 0)
    monkeypatch.setattr(views, "ESTIMATE_MS", 0)
    client.cookies["django_language"] = "en"
    data = json.loads(client.get("/api/search/", {"q": "Đảng"}).content)
    assert data["partial"] == ["results", "count", "estimate", "facets", "histogram"]
    assert data["results"] == [] and data["count"] == 0 and data["count_exact"] is False
    assert "says nothing about what matches" in data["partial_note"]
    html = client.get("/search/", {"q": "Đảng"}).content.decode()
    assert "No article matches" not in html and "about 0" not in html
    assert "data-results-cut" in html and "Count not available" in html
    client.cookies["django_language"] = "vi"
    html_vi = client.get("/search/", {"q": "Đảng"}).content.decode()
    assert "Chưa có số lượng" in html_vi and "Không đọc kịp các bài viết" in html_vi
    assert "Không có bài phù hợp" not in html_vi


def test_when_only_the_estimate_is_cut_the_count_is_what_the_page_shows_at_least(
        client, sample, settings, monkeypatch):
    from archive import views

    settings.ARCHIVE_SEARCH_TIME_LIMIT_MS = 1
    settings.ARCHIVE_PAGE_SIZE = 2
    monkeypatch.setattr("archive.search.limits.TimeLimit.left_ms", lambda self: 0)
    monkeypatch.setattr(views, "ESTIMATE_MS", 0)
    client.cookies["django_language"] = "en"
    data = json.loads(client.get("/api/search/", {"q": "Đảng"}).content)
    assert "estimate" in data["partial"] and "results" not in data["partial"]
    assert data["count"] == len(data["results"]) == 2
    html = client.get("/search/", {"q": "Đảng"}).content.decode()
    assert "at least 2 articles" in html and "about 2" not in html and "data-results-cut" not in html


def test_a_later_page_shows_its_articles_when_its_count_runs_out_of_time(client, sample, settings, monkeypatch):
    from archive import views

    monkeypatch.setattr(base, "RANK_AT_MOST", 0)
    settings.ARCHIVE_PAGE_SIZE = 1
    expected = json.loads(client.get("/api/search/", {"q": "Nghị quyết", "page": "2"}).content)["results"]
    assert expected
    settings.ARCHIVE_SEARCH_TIME_LIMIT_MS = 300
    monkeypatch.setattr(views, "_count", lambda outcome, **kwargs: _slow_facets())  # a later page counts first
    data = json.loads(client.get("/api/search/", {"q": "Nghị quyết", "page": "2"}).content)
    assert "count" in data["partial"] and "results" not in data["partial"]
    assert [r["id"] for r in data["results"]] == [r["id"] for r in expected]


def _facet_counts(data: dict) -> dict:
    return {name: {item["value"]: item["count"] for item in items} for name, items in data["facets"].items()}


@pytest.mark.parametrize("query", ["Đảng", "Nghị quyết", "thực hiện"])
def test_facets_from_the_archive_less_the_rest_equal_facets_counted_directly(client, sample, monkeypatch, query,
                                                                             settings):
    from django.core.cache import cache

    settings.ARCHIVE_FACET_COLUMNS = False  # the SQL counting used while the columns are read

    taken = []
    real = facet_lib.Matches.complement

    def spying(self):
        rest = real(self)
        taken.append(rest is not None)
        return rest

    monkeypatch.setattr(facet_lib.Matches, "complement", spying)
    fast = json.loads(client.get("/api/search/", {"q": query}).content)
    cache.clear()
    monkeypatch.setattr(facet_lib.Matches, "complement", lambda self: None)
    direct = json.loads(client.get("/api/search/", {"q": query}).content)
    assert _facet_counts(fast) == _facet_counts(direct)
    assert fast["count"] == direct["count"] > 0
    if query == "Đảng":
        assert taken == [True]  # most of the sample matches: the subtraction was used


def test_a_page_past_the_end_of_a_broad_match_is_empty_and_counted(client, sample, monkeypatch):
    monkeypatch.setattr(base, "RANK_AT_MOST", 0)
    first = json.loads(client.get("/api/search/", {"q": "Nghị quyết"}).content)
    late = json.loads(client.get("/api/search/", {"q": "Nghị quyết", "page": "99999"}).content)
    assert late["results"] == [] and late["count"] == first["count"] > 0 and late["partial"] == []
    two = json.loads(client.get("/api/search/", {"q": "Nghị quyết", "page": "2"}).content)
    assert two["count"] == first["count"]
    assert not {r["id"] for r in two["results"]} & {r["id"] for r in first["results"]}


@pytest.mark.parametrize("query", ["Đảng", "Nghị quyết", "thực hiện"])
def test_reading_the_articles_that_do_not_match_gives_the_same_page_as_reading_the_matches(
        client, sample, monkeypatch, query, settings):
    from django.core.cache import cache

    settings.ARCHIVE_FACET_COLUMNS = False  # the SQL counting used while the columns are read
    monkeypatch.setattr(base, "RANK_AT_MOST", 0)  # every match is broad, so the plan gives its estimate
    # the exact count as the estimate: PostgreSQL's planner guess moves with the statistics
    # other tests leave (ANALYZE updates pg_class outside the test's transaction)
    monkeypatch.setattr(base.Plan, "estimate", lambda self: self.count())
    read_rest = []
    real = facet_lib.Matches._read_the_rest

    def spying(self, articles):
        read_rest.append(query)
        return real(self, articles)

    monkeypatch.setattr(facet_lib.Matches, "_read_the_rest", spying)
    fast = json.loads(client.get("/api/search/", {"q": query}).content)
    cache.clear()
    monkeypatch.setattr(facet_lib, "expect_most_of_the_archive", lambda *a, **k: None)
    direct = json.loads(client.get("/api/search/", {"q": query}).content)
    assert _facet_counts(fast) == _facet_counts(direct)
    assert fast["count"] == direct["count"] > 0
    assert fast.get("histogram") == direct.get("histogram")
    if query == "Đảng":
        assert read_rest == ["Đảng"]  # most of the sample matches it


def test_with_the_facet_columns_a_broad_search_never_counts_its_match_for_the_hint(client, sample, monkeypatch, settings):
    # The plan's estimate (a full count of the match on SQLite) only steers SQL counting.
    from django.core.cache import cache

    from archive import columns

    monkeypatch.setattr(base, "RANK_AT_MOST", 0)
    asked = []
    real = base.Plan.estimate
    monkeypatch.setattr(base.Plan, "estimate", lambda self: (asked.append(1), real(self))[1])
    settings.ARCHIVE_FACET_COLUMNS = True
    columns.read_at_start()
    with_columns = json.loads(client.get("/api/search/", {"q": "Đảng"}).content)
    assert asked == [] and with_columns["count"] > 0
    settings.ARCHIVE_FACET_COLUMNS = False
    cache.clear()
    in_sql = json.loads(client.get("/api/search/", {"q": "Đảng"}).content)
    assert asked and in_sql["count"] == with_columns["count"]
