"""No input gives a 5xx: malformed parameters are a 400 with a reason, unknown values an empty result."""
import pytest

pytestmark = pytest.mark.django_db

MALFORMED = [
    {"page": "abc"},
    {"page": "0"},
    {"page": "-3"},
    {"page": str(10**30)},
    {"year": "-1"},
    {"year": "abc"},
    {"year": str(10**30)},
    {"month": "13"},
    {"month": "0"},
    {"date_from": "2021-02-31"},
    {"date_to": "yesterday"},
    {"date_from": "99999-01-01"},
    {"sort": "drop"},
    {"sort": "title; DROP TABLE archive_article"},
    {"q": "a\x00b"},
    {"locality": "can-tho\x00"},
    {"official": "\x00"},
    {"q": "x" * 10_000},
]
SURVIVABLE = [
    {"q": "'; DROP TABLE archive_article; --"},
    {"q": "\"unbalanced"},
    {"q": "NEAR( * ) OR AND NOT"},
    {"q": "<script>alert(1)</script>"},
    {"q": "   "},
    {"q": "đảng ủy -"},
    {"q": "Ð"},
    {"q": "*"},
    {"q": "\""},
    {"q": "-"},
    {"q": "OR"},
    {"q": "a OR"},
    {"q": "^title:x"},
    {"q": "col:value"},
    {"q": "\\"},
    {"q": "(((("},
    {"q": "a\u0301\u0301\u0301"},
    {"q": "🇻🇳 Đảng"},
    {"q": "x" * 1000},
    {"q": "04-NQ/TW"},
    {"locality": "../../etc/passwd"},
    {"resolution": "04-NQ/TW"},
    {"official": "%"},
    {"source": "' OR 1=1"},
    {"year[]": "2021"},
    {"unknown": "value"},
    {"date_from": "2022-12-31", "date_to": "2020-01-01"},
    {"year": "1", "month": "1"},
    {"year": "9999"},
]
PATHS = ["/search/", "/api/search/", "/search/export.csv", "/search/feed/", "/localities/can-tho/"]


# a place page fixes its own locality, so a broken locality parameter is not read there
MALFORMED_CASES = [(path, params) for path in PATHS for params in MALFORMED
                   if not (path.startswith("/localities/") and "locality" in params)]


@pytest.mark.parametrize("path, params", MALFORMED_CASES, ids=lambda p: repr(p)[:40])
def test_malformed_parameters_are_a_400_not_a_5xx(client, sample, path, params):
    response = client.get(path, params)
    assert response.status_code == 400


@pytest.mark.parametrize("params", MALFORMED, ids=lambda p: repr(p)[:40])
def test_the_json_400_names_the_parameter(client, sample, params):
    data = client.get("/api/search/", params).json()
    assert next(iter(params)) in data["error"]


@pytest.mark.parametrize("params", SURVIVABLE, ids=lambda p: repr(p)[:40])
@pytest.mark.parametrize("path", PATHS)
def test_odd_but_wellformed_parameters_answer_normally(client, sample, path, params):
    response = client.get(path, params)
    assert response.status_code == 200


def test_repeated_parameters_use_the_last_value(client, sample):
    data = client.get("/api/search/?year=2020&year=2022").json()
    assert data["count"] == 3


def test_html_escapes_what_the_user_typed(client, sample):
    html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html


@pytest.mark.parametrize("path", ["/officials/", "/resolutions/", "/api/officials/", "/api/resolutions/"])
@pytest.mark.parametrize("page", ["abc", "0", str(10**30)])
def test_list_pages_reject_bad_page_numbers_with_400(client, sample, path, page):
    assert client.get(path, {"page": page}).status_code == 400


@pytest.mark.parametrize("path", ["/officials/", "/api/officials/"])
def test_official_name_search_rejects_nul_bytes(client, sample, path):
    assert client.get(path, {"q": "Tr\x00"}).status_code == 400


@pytest.mark.parametrize("path", ["/articles/0/", "/articles/-1/", "/articles/abc/", "/officials/%00/",
                                  "/localities/" + "a" * 5000 + "/", "/resolutions/..%2F/"])
def test_odd_paths_are_404(client, sample, path):
    assert client.get(path).status_code == 404


def test_hostile_values_on_an_empty_database(client, db):
    for params in SURVIVABLE:
        assert client.get("/api/search/", params).status_code == 200
    for params in MALFORMED:
        assert client.get("/api/search/", params).status_code == 400
