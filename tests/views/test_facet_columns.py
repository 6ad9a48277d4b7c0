"""Facets counted over the in-memory columns (archive/columns.py) give what SQL counting gives."""
import datetime as dt
import sys

import numpy as np
import pytest
from django.core.cache import cache
from django.core.management import call_command

from archive import columns, facets
from archive.models import Article, Locality, Official, Resolution
from tests.conftest import ROOT
from tests.views import factories

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate_corpus as gc  # noqa: E402

pytestmark = pytest.mark.django_db


def _answer(client, settings, *, use_columns: bool, params: dict) -> dict:
    settings.ARCHIVE_FACET_COLUMNS = use_columns
    cache.clear()
    columns.forget()
    data = client.get("/api/search/", params).json()
    return {"count": data["count"], "facets": data["facets"], "histogram": data.get("histogram"),
            "partial": data["partial"], "ids": [r["id"] for r in data["results"]]}


def _searches(place: Locality, district: Locality, official: Official, document: Resolution) -> list[dict]:
    return [
        {},
        {"q": "Đảng"},
        {"q": "dang bo"},
        {"q": "Nghị quyết"},
        {"q": '"chuyển đổi số"'},
        {"q": "Đảng -cán"},
        {"q": document.code},
        {"q": official.name},
        {"locality": place.slug},
        {"locality": district.slug},
        {"q": "Đảng", "locality": place.slug, "year": "2021"},
        {"year": "2022", "month": "3"},
        {"official": official.slug},
        {"resolution": document.slug},
        {"q": "xây dựng", "source": Article.objects.exclude(source="").values_list("source", flat=True).first()},
        {"date_from": "2021-01-01", "date_to": "2021-06-30"},
        {"q": "từkhôngcótrongkho"},
    ]


def test_on_a_generated_corpus_columns_and_sql_give_the_same_facets_counts_and_pages(client, settings, tmp_path):
    gc.generate(gc.Options(out=tmp_path / "corpus", count=300, seed=7), workers=1, sample=0)
    call_command("ingest", str(tmp_path / "corpus"), "--quiet")
    place = Locality.objects.filter(parent=None, article_links__isnull=False).order_by("pk").first()
    district = Locality.objects.filter(parent__isnull=False, article_links__isnull=False).order_by("pk").first()
    official = Official.objects.filter(appearances__isnull=False).order_by("pk").first()
    document = Resolution.objects.filter(citations__isnull=False).order_by("pk").first()
    for params in _searches(place, district, official, document):
        from_columns = _answer(client, settings, use_columns=True, params=params)
        in_sql = _answer(client, settings, use_columns=False, params=params)
        assert from_columns == in_sql, params
        assert from_columns["partial"] == []
    settings.ARCHIVE_FACET_COLUMNS = True
    snapshot = columns.read_snapshot(using="default", version="test")
    assert snapshot.all_place_counts() == facets._locality_counts()


def test_an_article_naming_a_ward_and_its_district_counts_once_for_each_place_above(settings):
    province = factories.place("Cần Thơ", kind="thành phố")
    district = factories.place("Cờ Đỏ", kind="huyện", parent=province)
    ward = factories.place("Trung An", kind="xã", parent=district)
    factories.article("Một", published=dt.date(2022, 3, 1), paragraphs=["x"], places=[ward, district],
                      source="baocantho.com.vn")
    factories.article("Hai", published=None, paragraphs=["y"], places=[ward])
    snapshot = columns.read_snapshot(using="default", version="v")
    everything = snapshot.everything()
    assert snapshot.place_counts(everything, under=None) == {province.pk: 2}
    assert snapshot.place_counts(everything, under=province.pk) == {district.pk: 2}
    assert snapshot.all_place_counts() == {province.pk: 2, district.pk: 2, ward.pk: 2}
    assert snapshot.tally(everything) == {(2022, 3, "baocantho.com.vn"): 1, (None, None, ""): 1}


def test_ids_the_snapshot_does_not_hold_are_ignored_and_an_empty_archive_reads():
    empty = columns.read_snapshot(using="default", version="0")
    assert empty.size == 0 and empty.tally(empty.everything()) == {}
    assert empty.place_counts(empty.everything(), under=None) == {}
    one = factories.article("Một", published=dt.date(2022, 3, 1), paragraphs=["x"])
    snapshot = columns.read_snapshot(using="default", version="1")
    mask = snapshot.select(np.array([one.pk - 1, one.pk, one.pk + 5], dtype=np.int64)).mask
    assert mask.tolist() == [True]


def test_the_top_values_break_ties_by_the_lower_id():
    links = columns.Links.of(np.array([0, 1, 2, 0, 1]), np.array([5, 5, 7, 3, 3], dtype=np.int32),
                             article_count=3, size=8)
    mask = columns.Selection.of(np.ones(3, dtype=bool))
    assert list(columns.Snapshot.top(links, mask, size=2).items()) == [(3, 2), (5, 2)]
    assert columns.Snapshot.top(links, columns.Selection.of(np.array([False, False, True])), size=5) == {7: 1}


@pytest.mark.parametrize("share", [0.0, 0.01, 0.3, 0.5, 0.51, 0.9, 1.0])
def test_counting_the_matches_or_the_rest_gives_what_counting_every_pair_gives(share):
    rng = np.random.default_rng(int(share * 100))
    articles = rng.integers(0, 500, 3000)
    values = rng.integers(1, 40, 3000).astype(np.int32)
    links = columns.Links.of(articles, values, article_count=520)  # the last 20 articles have no link
    mask = rng.random(520) < share
    pairs = set(zip(articles.tolist(), values.tolist()))
    expected = np.zeros(links.size, dtype=np.int64)
    for article, value in pairs:
        expected[value] += bool(mask[article])
    assert links.counts(columns.Selection.of(mask)).tolist() == expected.tolist()


def test_a_new_article_makes_the_next_request_read_a_new_snapshot(client, sample):
    before = client.get("/api/search/").json()
    factories.article("Bài mới", published=dt.date(2019, 1, 2), paragraphs=["Đảng bộ"],
                      source="baomoi.vn")
    after = client.get("/api/search/").json()
    assert after["count"] == before["count"] + 1
    assert {i["value"]: i["count"] for i in after["facets"]["year"]}["2019"] == 1


def test_a_large_archive_counts_in_sql_until_the_columns_are_read_behind(client, sample, settings, monkeypatch):
    settings.ARCHIVE_FACET_COLUMNS_IN_REQUEST_UP_TO = 0  # every archive counts as large
    behind = []
    monkeypatch.setattr(columns, "_read_behind", lambda **kw: behind.append(kw))
    used = []
    real = facets.Matches._from_columns
    monkeypatch.setattr(facets.Matches, "_from_columns", lambda self, *a, **kw: (used.append(1), real(self, *a, **kw)))
    first = client.get("/api/search/", {"q": "Đảng"}).json()
    assert len(behind) == 1 and not used  # counted in SQL, the columns asked for
    # the thread's work, done here: the test's rows are not committed, another connection would not see them
    columns._snapshots["default"] = columns.read_snapshot(**behind[0])
    cache.clear()
    second = client.get("/api/search/", {"q": "Đảng"}).json()
    assert used and len(behind) == 1  # this version's snapshot was used, not asked for again
    assert first["facets"] == second["facets"] and first["count"] == second["count"]


@pytest.mark.django_db(transaction=True)
def test_the_background_thread_reads_the_snapshot_with_its_own_connection(settings):
    factories.article("Một", published=dt.date(2022, 3, 1), paragraphs=["Đảng bộ"], source="a.vn")
    settings.ARCHIVE_FACET_COLUMNS_IN_REQUEST_UP_TO = 0
    version = facets._data_version()
    assert columns.current(using="default", version=version, archive_size=1) is None
    columns.wait_for_reading()
    snapshot = columns.current(using="default", version=version, archive_size=1)
    assert snapshot is not None and snapshot.size == 1 and snapshot.version == version


def test_an_old_snapshot_serves_while_a_new_one_is_read(settings, sample, monkeypatch):
    settings.ARCHIVE_CACHE_SECONDS = 60
    version = facets._data_version()
    snapshot = columns.current(using="default", version=version, archive_size=Article.objects.count())
    behind = []
    monkeypatch.setattr(columns, "_read_behind", lambda **kw: behind.append(kw))
    monkeypatch.setattr(columns.time, "monotonic", lambda: snapshot.made + 61)
    assert columns.current(using="default", version=version, archive_size=6) is snapshot
    assert behind == [{"using": "default", "version": version}]


def test_turned_off_the_facets_count_in_sql(client, sample, settings, monkeypatch):
    settings.ARCHIVE_FACET_COLUMNS = False
    monkeypatch.setattr(columns, "read_snapshot", lambda **kw: pytest.fail("read with the columns off"))
    assert client.get("/api/search/", {"q": "Đảng"}).json()["count"] > 0


def test_reading_at_start_labels_the_snapshot_with_the_current_version(sample):
    snapshot = columns.read_at_start()
    assert snapshot.version == facets._data_version() and snapshot.size == Article.objects.count()
    assert columns.current(using="default", version=snapshot.version, archive_size=snapshot.size) is snapshot


@pytest.mark.parametrize("size", [0, 1, 2, 1000])
@pytest.mark.parametrize("ordered", [False, True])
def test_sorted_unique_is_numpys_unique(size, ordered):
    values = np.random.default_rng(size).integers(-5, 50 if not ordered else 5_000, size)
    if ordered:  # ascending, as SQLite reads them: the sort is skipped, duplicates still go
        values = np.sort(values)
    assert columns.sorted_unique(values).tolist() == np.unique(values).tolist()


@pytest.mark.parametrize("gaps", [1, 3, 50])  # dense keys use the position look-up, sparse ones search
def test_selecting_ids_gives_the_articles_they_name_with_or_without_the_position_lookup(gaps):
    rng = np.random.default_rng(gaps)
    ids = np.unique(rng.integers(1, 1_000 * gaps, 1_000))
    snapshot = columns.Snapshot(
        version="t", using="default", made=0.0, ids=ids, tally_codes=np.zeros(len(ids), np.int32),
        tally_whole=np.array([len(ids)]), period_keys=[(None, None)], source_names=[""],
        places=columns.Links.of(np.zeros(0, np.int64), np.zeros(0, np.int32), article_count=len(ids)),
        parents=np.zeros(1, np.int32),
        documents=columns.Links.of(np.zeros(0, np.int64), np.zeros(0, np.int32), article_count=len(ids)),
        officials=columns.Links.of(np.zeros(0, np.int64), np.zeros(0, np.int32), article_count=len(ids)))
    assert (snapshot.positions_by_id is None) == (gaps == 50)
    asked = np.concatenate([rng.choice(ids, 300), rng.integers(-10, 1_000 * gaps + 10, 300)])
    held = set(ids.tolist()) & set(asked.tolist())
    assert snapshot.select(asked).mask.tolist() == [pk in held for pk in ids.tolist()]


@pytest.mark.parametrize("params", [{"q": "Đảng", "locality": "can-tho"}, {"q": "Nghị quyết", "year": "2022"},
                                    {"q": "Nghị quyết -Cờ", "locality": "can-tho"}, {"q": "Đảng"}])
def test_a_broad_match_within_few_articles_is_read_by_testing_each_of_them(client, sample, settings, monkeypatch,
                                                                           params):
    from archive.search import base

    monkeypatch.setattr(base, "RANK_AT_MOST", 0)  # every match is broad
    sent = []
    real = columns.ids_of_subquery
    monkeypatch.setattr(columns, "ids_of_subquery", lambda sql, *a, **kw: (sent.append(sql), real(sql, *a, **kw))[1])
    from_columns = _answer(client, settings, use_columns=True, params=params)
    in_sql = _answer(client, settings, use_columns=False, params=params)
    assert from_columns == in_sql and from_columns["count"] > 0
    tested_each = "EXISTS" in sent[0].upper() and "archive_article" in sent[0]
    assert tested_each == ("locality" in params or "year" in params)  # unfiltered: the bare match
    monkeypatch.setattr(base, "TEST_EACH_UP_TO", 0)  # too many to test: the queryset's own SQL
    sent.clear()
    assert _answer(client, settings, use_columns=True, params=params) == in_sql
    assert sent and not any("EXISTS" in sql.upper() for sql in sent)


def test_a_process_reads_the_data_version_at_most_once_per_setting_seconds(settings, sample, monkeypatch):
    settings.ARCHIVE_DATA_VERSION_SECONDS = 1
    clock = [1000.0]
    monkeypatch.setattr(facets.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(facets, "_last_version", None)
    first = facets.data_version()
    factories.article("Bài mới", published=dt.date(2019, 1, 2), paragraphs=["Đảng bộ"])
    clock[0] += 0.5
    assert facets.data_version() == first  # within the second: the version read before
    clock[0] += 0.6
    assert facets.data_version() != first
