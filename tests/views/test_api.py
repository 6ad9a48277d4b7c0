"""The JSON twins answer with the shapes of shared/spec/api.md."""
import pytest

from tests.views.conftest import slugs

pytestmark = pytest.mark.django_db


def test_api_search_has_the_contract_keys(client, sample):
    data = client.get("/api/search/").json()
    assert {"count", "page", "page_size", "results", "facets"} <= set(data)
    assert data["count"] == 6 and data["page"] == 1 and data["page_size"] == 20
    first = data["results"][0]
    assert {"id", "title", "url", "published", "locality", "snippet"} <= set(first)
    assert set(data["facets"]) >= {"locality", "year", "resolution", "official"}
    item = data["facets"]["locality"][0]
    assert {"value", "label", "count", "selected"} <= set(item)


def test_api_search_without_query_is_newest_first_with_undated_last(client, sample):
    results = client.get("/api/search/").json()["results"]
    dates = [r["published"] for r in results]
    assert dates[-1] is None
    assert dates[:-1] == sorted(dates[:-1], reverse=True)


def test_api_search_oldest_sort_keeps_undated_last(client, sample):
    dates = [r["published"] for r in client.get("/api/search/", {"sort": "oldest"}).json()["results"]]
    assert dates[0] == "2020-08-07" and dates[-1] is None


def test_api_search_result_names_its_place_and_url(client, sample):
    data = client.get("/api/search/", {"q": "Thới Lai"}).json()
    assert data["count"] == 1
    result = data["results"][0]
    assert result["locality"] == {"name": "Thới Lai", "slug": "thoi-lai-can-tho", "kind": "huyện",
                                  "url": "/localities/thoi-lai-can-tho/"}
    assert result["url"] == f"/articles/{result['id']}/"
    assert "<mark>" in result["snippet"]


@pytest.mark.parametrize("params, expected", [
    ({"locality": "can-tho"}, 4),
    ({"locality": "co-do-can-tho"}, 2),
    ({"locality": "quang-ninh"}, 2),
    ({"year": "2022"}, 3),
    ({"year": "2022", "month": "3"}, 1),
    ({"month": "7"}, 1),
    ({"date_from": "2021-01-01"}, 4),
    ({"date_to": "2021-07-05"}, 2),
    ({"date_from": "2021-01-01", "date_to": "2022-01-31"}, 2),
    ({"resolution": "04-nq-tw"}, 3),
    ({"official": "tran-viet-truong-can-tho"}, 3),
    ({"official": "tran-viet-truong-can-tho", "resolution": "59-nq-tw"}, 1),
    ({"source": "baoquangninh.com.vn"}, 2),
    ({"locality": "can-tho", "year": "2022", "official": "pham-van-hieu-can-tho"}, 2),
    ({"q": "Nghị quyết", "locality": "quang-ninh"}, 1),
])
def test_api_search_honours_every_filter_and_their_combinations(client, sample, params, expected):
    assert client.get("/api/search/", params).json()["count"] == expected


@pytest.mark.parametrize("name", ["locality", "resolution", "official", "source"])
def test_an_unknown_slug_gives_an_empty_result_not_an_error(client, sample, name):
    response = client.get("/api/search/", {name: "no-such-slug"})
    assert response.status_code == 200
    assert response.json()["count"] == 0 and response.json()["results"] == []


def test_api_article_has_the_contract_keys(client, sample):
    a = sample["articles"][1]
    data = client.get(f"/api/articles/{a.pk}/").json()
    assert {"title", "published", "authors", "source", "locality", "localities", "officials", "resolutions",
            "paragraphs", "file"} <= set(data)
    assert data["published"] == "2021-07-05"
    assert data["locality"]["slug"] == "can-tho"
    assert data["officials"][1] == {"name": "Trần Việt Trường", "slug": "tran-viet-truong-can-tho",
                                    "url": "/officials/tran-viet-truong-can-tho/",
                                    "positions": ["Phó Bí thư Thành ủy", "Chủ tịch UBND thành phố"]}
    assert data["resolutions"][0]["code"] == "04-NQ/TW"
    assert data["resolutions"][0]["mention"] == "Nghị quyết số 04-NQ/TW"
    assert data["file"] == a.file_name


def test_api_official_lists_appearances_oldest_first(client, sample):
    data = client.get("/api/officials/tran-viet-truong-can-tho/").json()
    assert data["name"] == "Trần Việt Trường" and data["slug"] == "tran-viet-truong-can-tho"
    assert [ap["published"] for ap in data["appearances"]] == ["2020-08-07", "2021-07-05", "2022-01-17"]
    first = data["appearances"][0]
    assert set(first["article"]) >= {"id", "title", "url", "published"}
    assert first["positions"] == ["Trưởng Ban Tuyên giáo Thành ủy"]


def test_api_officials_lists_every_official_with_the_same_shape(client, sample):
    data = client.get("/api/officials/").json()
    assert data["count"] == 3
    assert {"name", "slug", "appearances"} <= set(data["results"][0])
    assert data["results"][0]["name"] == "Trần Việt Trường"  # most articles first


def test_api_resolution_has_the_contract_keys(client, sample):
    data = client.get("/api/resolutions/04-nq-tw/").json()
    assert {"code", "kind", "number", "term", "title", "issued", "aliases", "articles"} <= set(data)
    assert data["issued"] == "2016-10-30" and data["term"] == "XII" and "NQTW4" in data["aliases"]
    assert [a["published"] for a in data["articles"]] == ["2020-08-07", "2021-07-05", None]
    assert {"id", "title", "url", "published"} <= set(data["articles"][0])


def test_api_resolutions_lists_documents(client, sample):
    data = client.get("/api/resolutions/").json()
    assert {r["code"] for r in data["results"]} == {"04-NQ/TW", "59-NQ/TW"}


def test_api_localities_counts_articles_including_units_below(client, sample):
    data = client.get("/api/localities/").json()
    rows = {r["slug"]: r for r in data["results"]}
    assert {"name", "slug", "kind", "parent", "count"} <= set(rows["can-tho"])
    assert rows["can-tho"]["count"] == 4 and rows["can-tho"]["parent"] is None
    assert rows["co-do-can-tho"]["count"] == 2 and rows["co-do-can-tho"]["parent"] == "can-tho"


def test_api_locality_has_children_and_articles(client, sample):
    data = client.get("/api/localities/can-tho/").json()
    assert data["name"] == "Cần Thơ" and data["kind"] == "thành phố" and data["count"] == 4
    assert {c["slug"] for c in data["children"]} == {"co-do-can-tho", "thoi-lai-can-tho"}
    assert len(data["articles"]) == 4


@pytest.mark.parametrize("path", ["/api/articles/999999/", "/api/articles/" + "9" * 30 + "/",
                                  "/api/officials/nobody/", "/api/resolutions/nothing/", "/api/localities/nowhere/"])
def test_api_unknown_ids_and_slugs_are_json_404(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json() == {"error": "not found"}


@pytest.mark.parametrize("path", ["/api/search/", "/api/officials/", "/api/resolutions/", "/api/localities/"])
def test_api_answers_on_an_empty_database(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_api_facets_count_articles_not_links(client, sample):
    facets = client.get("/api/search/").json()["facets"]
    # Cần Thơ and two of its units are named by one article: it counts once
    assert slugs(facets["locality"])["can-tho"] == 4
    assert slugs(facets["official"])["tran-viet-truong-can-tho"] == 3
    assert slugs(facets["resolution"]) == {"04-nq-tw": 3, "59-nq-tw": 2}


def test_api_official_has_the_timeline_of_positions(client, sample):
    timeline = client.get("/api/officials/tran-viet-truong-can-tho/").json()["timeline"]
    assert [(s["positions"], s["start"], s["end"]) for s in timeline] == [
        (["Trưởng Ban Tuyên giáo Thành ủy"], "2020-08-07", "2020-08-07"),
        (["Phó Bí thư Thành ủy", "Chủ tịch UBND thành phố"], "2021-07-05", "2022-01-17"),
    ]
    assert timeline[1]["articles"] == [sample["articles"][1].pk, sample["articles"][2].pk]


def test_api_resolution_says_which_places_cited_it_when(client, sample):
    table = client.get("/api/resolutions/04-nq-tw/").json()["places_by_year"]
    assert table["years"] == [2020, 2021]
    assert table["rows"] == [{"slug": "can-tho", "name": "Cần Thơ", "counts": [1, 1]}]


def test_api_resolution_pages_its_citing_articles(client, sample, monkeypatch):
    from archive import api
    monkeypatch.setattr(api, "CITATIONS_PAGE_SIZE", 2)
    first = client.get("/api/resolutions/04-nq-tw/").json()
    assert first["count"] == 3 and first["num_pages"] == 2 and len(first["articles"]) == 2
    second = client.get("/api/resolutions/04-nq-tw/", {"page": "2"}).json()
    assert [a["published"] for a in second["articles"]] == [None]
    assert client.get("/api/resolutions/04-nq-tw/", {"page": "-1"}).status_code == 400
