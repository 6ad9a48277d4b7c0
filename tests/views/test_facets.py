"""Facets: counts, hierarchy, selection, one-click removal, month, source and 'more'."""
import datetime as dt

import pytest

from archive import facets
from archive.models import Article
from tests.views import factories
from tests.views.conftest import slugs

pytestmark = pytest.mark.django_db


def _facets(client, **params):
    return client.get("/api/search/", params).json()["facets"]


def test_locality_facet_shows_provinces_at_the_top(client, sample):
    assert slugs(_facets(client)["locality"]) == {"can-tho": 4, "quang-ninh": 2}


def test_choosing_a_province_shows_its_districts_with_their_own_counts(client, sample):
    items = _facets(client, locality="can-tho")["locality"]
    assert items[0] == {**items[0], "value": "can-tho", "selected": True, "count": 4}
    assert slugs(items[1:]) == {"co-do-can-tho": 2, "thoi-lai-can-tho": 1}


def test_a_selected_facet_item_links_to_the_search_without_it(client, sample):
    items = _facets(client, locality="can-tho", year="2022")["locality"]
    assert items[0]["toggle_url"] == "/search/?year=2022"
    year = next(i for i in _facets(client, locality="can-tho", year="2022")["year"] if i["selected"])
    assert year["toggle_url"] == "/search/?locality=can-tho"


def test_an_unselected_facet_item_adds_itself_and_drops_the_page(client, sample):
    items = _facets(client, year="2022", page="1")["official"]
    hieu = next(i for i in items if i["value"] == "pham-van-hieu-can-tho")
    assert hieu["toggle_url"] == "/search/?year=2022&official=pham-van-hieu-can-tho"
    assert hieu["selected"] is False


def test_removing_the_year_also_removes_its_month(client, sample):
    year = next(i for i in _facets(client, year="2022", month="3")["year"] if i["selected"])
    assert year["toggle_url"] == "/search/"


def test_month_facet_appears_once_a_year_is_chosen(client, sample):
    assert "month" not in _facets(client)
    assert slugs(_facets(client, year="2022")["month"]) == {"1": 1, "3": 1, "12": 1}


def test_year_facet_counts_dated_articles_per_year(client, sample):
    assert slugs(_facets(client)["year"]) == {"2020": 1, "2021": 1, "2022": 3}


def test_source_facet_counts_articles_per_site(client, sample):
    assert slugs(_facets(client)["source"]) == {"baocantho.com.vn": 4, "baoquangninh.com.vn": 2}


def test_facets_follow_the_current_result_set(client, sample):
    found = _facets(client, q="Thới Lai")
    assert slugs(found["official"]) == {"pham-van-hieu-can-tho": 1}
    assert slugs(found["year"]) == {"2022": 1}


def test_an_unknown_selected_value_still_shows_so_it_can_be_removed(client, sample):
    items = _facets(client, official="ghost")["official"]
    assert items == [{**items[0], "value": "ghost", "selected": True, "count": 0, "toggle_url": "/search/"}]


def test_long_facet_lists_are_cut_and_say_so(client, db):
    place = factories.place("Hà Nội")
    for n in range(facets.FACET_SIZE + 3):
        person = factories.official(f"Nguyễn Văn {chr(0x41 + n % 26)}{n}")
        factories.article(f"Bài {n}", published=dt.date(2023, 1, 1), paragraphs=["x"], places=[place],
                          officials=[(person, ["Bí thư"])])
    data = client.get("/api/search/").json()
    assert len(data["facets"]["official"]) == facets.FACET_SIZE
    assert data["facets_truncated"]["official"] is True
    html = client.get("/search/").content.decode()
    assert '<details class="facet-more">' in html


def test_month_histogram_spans_every_month_between_first_and_last(sample):
    bars = facets.month_histogram(articles=Article.objects.all(), params={}, path="/search/")
    assert (bars[0]["year"], bars[0]["month"]) == (2020, 8)
    assert (bars[-1]["year"], bars[-1]["month"]) == (2022, 12)
    assert len(bars) == 29
    assert sum(b["count"] for b in bars) == 5  # the undated article has no month
    assert max(b["step"] for b in bars) == 20


def test_month_histogram_of_nothing_is_empty(db):
    assert facets.month_histogram(articles=Article.objects.all(), params={}, path="/search/") == []


def test_toggle_url_drops_blank_values_and_the_page():
    url = facets.toggle_url(params={"q": "đảng", "page": "3", "year": ""}, name="official", value="x", path="/s/")
    assert url == "/s/?q=%C4%91%E1%BA%A3ng&official=x"


def test_month_facet_labels_are_month_names_in_the_current_language(client, sample):
    labels = [i["label"] for i in _facets(client, year="2022")["month"]]
    assert labels == ["Tháng 1", "Tháng 3", "Tháng 12"]
    client.cookies["django_language"] = "en"
    assert [i["label"] for i in _facets(client, year="2022")["month"]] == ["January", "March", "December"]


def test_namesakes_in_the_official_facet_say_where_each_is_from(client, sample):
    other = factories.official("Trần Việt Trường", home=sample["places"]["quang_ninh"])
    factories.article("Quảng Ninh họp", published=dt.date(2023, 5, 1), paragraphs=["x"],
                      places=[sample["places"]["quang_ninh"]], officials=[(other, ["Phó Chủ tịch"])])
    items = [i for i in _facets(client)["official"] if i["label"] == "Trần Việt Trường"]
    assert {i["detail"] for i in items} == {"Cần Thơ", "Quảng Ninh"}
    assert 'class="facet-detail">Quảng Ninh</small>' in client.get("/search/").content.decode()


def test_cached_facets_keep_the_sort_of_each_search_in_their_links(client, sample):
    newest = _facets(client, year="2022", sort="newest")["official"][0]["toggle_url"]
    oldest = _facets(client, year="2022", sort="oldest")["official"][0]["toggle_url"]
    assert "sort=newest" in newest and "sort=oldest" in oldest


def test_cached_facets_follow_new_articles(client, sample):
    before = slugs(_facets(client)["year"])
    factories.article("Bài mới", published=dt.date(2024, 2, 2), paragraphs=["x"])
    after = slugs(_facets(client)["year"])
    assert "2024" not in before and after["2024"] == 1


def test_links_carry_the_canonical_spelling_of_each_parameter(client, sample):
    data = client.get("/api/search/", {"year": "02022", "q": "  Thới Lai  ", "date_from": "2022-1-1"}).json()
    year = next(i for i in data["facets"]["year"] if i["selected"])
    assert year["value"] == "2022"
    assert year["toggle_url"] == "/search/?q=Th%E1%BB%9Bi+Lai&date_from=2022-01-01"


def test_a_searchs_figures_are_reused_unless_the_cache_time_is_zero(settings):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    settings.ARCHIVE_CACHE_SECONDS = 60
    assert facets.cached(name="probe", compute=compute) == facets.cached(name="probe", compute=compute) == 1
    settings.ARCHIVE_CACHE_SECONDS = 0  # the benchmark's setting: every request does the work
    assert [facets.cached(name="probe-0", compute=compute) for _ in range(2)] == [2, 3]
    # whole-archive aggregates keep their own time
    assert facets.cached(name="probe-whole", compute=compute, seconds=600) == 4
    assert facets.cached(name="probe-whole", compute=compute, seconds=600) == 4
