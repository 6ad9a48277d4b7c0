"""Broad matches come newest first from the date index, and a search request has a time limit."""
import time
from datetime import date

import pytest
from django.db import connection

from archive.search import base, plan_search
from archive.search.limits import TimeLimit

from .factories import ids, make_article, make_locality

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    place = make_locality("Cờ Đỏ")
    rows = [
        make_article("Đảng bộ xã A", "Đảng bộ lãnh đạo.", published=date(2019, 3, 1)),
        make_article("Tin Đảng bộ", "Đảng bộ lãnh đạo.", published=None),
        make_article("Đảng bộ huyện", "Đảng bộ lãnh đạo.", published=date(2023, 3, 1)),
        make_article("Một tin", "Đảng bộ lãnh đạo huyện Cờ Đỏ.", published=date(2020, 5, 1), places=[(place, True)]),
        make_article("Tin khác", "Chính quyền điều hành.", published=date(2021, 3, 1)),
        make_article("Đảng bộ phường", "Đảng bộ lãnh đạo.", published=None),
        make_article("Đảng bộ tỉnh", "Đảng bộ lãnh đạo.", published=date(2022, 3, 1)),
    ]
    return rows


@pytest.fixture
def everything_broad(monkeypatch):
    monkeypatch.setattr(base, "RANK_AT_MOST", 0)


def _paged(found, size):
    out, start = [], 0
    while True:
        rows = found.page(start, size)
        out += [a.pk for a in rows]
        if len(rows) < size:
            return out
        start += size


def test_a_narrow_match_is_ranked_by_relevance(archive):
    found = plan_search("đảng bộ")
    assert (found.ranking, found.broad) == ("relevance", False)
    assert found.segments is None


def test_a_broad_match_comes_newest_first_with_undated_last(archive, everything_broad):
    found = plan_search("đảng bộ")
    assert found.ranking == "newest" and found.broad
    expected = ids(plan_search("đảng bộ", sort="newest").queryset)
    assert len(expected) == 6
    # the pages read from the date index, in any page size, are the newest-first list
    for size in (1, 2, 4, 20):
        assert _paged(found, size) == expected
    assert found.count() == 6
    assert found.estimate() >= 1


def test_a_broad_match_keeps_what_the_query_names_first(archive, everything_broad):
    found = plan_search("đảng bộ Cờ Đỏ")
    assert found.ranking == "named_first"
    assert found.page(0, 1)[0].title == "Một tin"
    assert found.count() == 1 == len(_paged(found, 2))


def test_broad_oldest_and_filters(archive, everything_broad):
    from archive.models import Article

    found = plan_search("đảng bộ", sort="oldest")
    assert found.ranking == "oldest"
    assert _paged(found, 2) == ids(found.queryset)
    filtered = plan_search("đảng bộ", queryset=Article.objects.filter(published__year__gte=2021))
    assert not filtered.unfiltered
    assert [a.title for a in filtered.page(0, 20)] == ["Đảng bộ huyện", "Đảng bộ tỉnh"]
    assert filtered.count() == 2
    # the stand-in count never exceeds what the filters leave (3 articles from 2021 on)
    assert 1 <= filtered.estimate() <= 3


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
def test_a_broad_match_within_few_filtered_articles_reads_the_filters_once_with_the_same_answers(
        archive, everything_broad, monkeypatch, sort):
    from django.test.utils import CaptureQueriesContext

    from archive.models import Article

    # the filters of a place and a year
    other = make_locality("Thới Lai")
    for article in Article.objects.filter(published__isnull=False):
        article.localities.add(other)
    filtered = Article.objects.filter(localities__in=[other], published__year__gte=2020)
    with CaptureQueriesContext(connection) as read:
        few = plan_search("đảng bộ", queryset=filtered, sort=sort)
        pages, count, source = _paged(few, 1), few.count(), few.id_source()
    # the filters are read once, to list the articles; the page and count test those by id
    assert sum('"published" >=' in q["sql"] for q in read.captured_queries) == 1
    assert few.few_within and source is not None
    assert few.deep_segments is None  # deep pages test the same few articles, never the whole match

    monkeypatch.setattr(base, "TEST_EACH_UP_TO", 0)  # too many to list: the filters' own query each time
    many = plan_search("đảng bộ", queryset=filtered, sort=sort)
    assert not many.few_within
    assert pages == _paged(many, 1) == ids(many.queryset)
    assert [a.title for a in few.page(0, 20)] == [a.title for a in many.page(0, 20)]
    assert count == many.count() == 3  # 2020, 2022, 2023 (the 2021 article does not match)
    with connection.cursor() as cursor:
        cursor.execute(*source)
        assert sorted(row[0] for row in cursor.fetchall()) == sorted(pages)


def _slow_sql() -> str:
    if connection.vendor == "postgresql":
        return "SELECT pg_sleep(5)"
    # about a hundred million steps of the virtual machine
    return ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000) "
            "SELECT count(*) FROM n")


def _slow():
    with connection.cursor() as cursor:
        cursor.execute(_slow_sql())
        return cursor.fetchone()


def test_the_time_limit_cuts_a_slow_statement_and_the_connection_goes_on():
    limit = TimeLimit(100)
    started = time.monotonic()
    assert limit.run("slow", _slow, default="cut") == "cut"
    assert time.monotonic() - started < 3
    assert limit.cut == ["slow"]
    # the next step finds nothing left and is cut without running
    time.sleep(0.11)
    assert limit.run("late", lambda: 1, default=0) == 0
    assert limit.cut == ["slow", "late"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone()[0] == 1


def test_without_a_limit_steps_run_whole():
    limit = TimeLimit(0)
    assert limit.run("quick", lambda: 42, default=0) == 42
    assert limit.cut == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's")
def test_the_statement_timeout_is_put_back_after_a_step():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        before = cursor.fetchone()[0]
    limit = TimeLimit(5000)
    assert limit.run("quick", lambda: 1, default=0) == 1
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == before


def test_errors_that_are_not_timeouts_still_raise():
    from django.db import DatabaseError

    def broken():
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table_here")

    with pytest.raises(DatabaseError):
        TimeLimit(5000).run("broken", broken, default=None)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the planner's phrase estimate is PostgreSQL's")
def test_a_phrase_estimate_comes_from_a_sample_of_the_index_not_from_its_words_anded(monkeypatch):
    from archive.search import postgres

    # Both words are in every article; the phrase is in a fifth of them.
    for n in range(40):
        body = "chuyển đổi số trong công tác Đảng." if n % 5 == 0 else "Đảng chỉ đạo chuyển giao, số liệu đổi mới."
        make_article(f"Tin {n}", body, published=date(2022, 1, 1))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE archive_searchdoc")
    found = plan_search('"chuyển đổi số"')
    exact = found.queryset.count()
    assert exact == 8
    # small tables keep the planner's figure; from SAMPLE_FROM_ROWS on, the sample's
    monkeypatch.setattr(postgres, "SAMPLE_FROM_ROWS", 0)
    monkeypatch.setattr(postgres, "PHRASE_SAMPLE_ROWS", 40)  # the whole table: the sample is exact
    assert found.estimate() == exact


def test_deep_pages_of_a_sparse_broad_match_read_the_match_once_and_give_the_same_pages(
        archive, everything_broad, monkeypatch):
    monkeypatch.setattr(base, "DEEP_PAGE_ROWS", 1)  # every page after the first is "deep"
    found = plan_search("huyện")  # 2 of the 7 articles: sparse
    expected = ids(plan_search("huyện", sort="newest").queryset)
    assert len(expected) == 2
    assert _paged(found, 1) == expected
    if connection.vendor == "sqlite":  # PostgreSQL keeps the walk (deep_segments is None)
        assert found.deep_segments and found._sparse()
        # a match covering most of the archive keeps the walk even on deep pages
        assert not plan_search("đảng bộ")._sparse()
    assert _paged(plan_search("đảng bộ"), 1) == ids(plan_search("đảng bộ", sort="newest").queryset)


def test_many_named_articles_are_read_through_the_whole_match_with_the_same_pages(archive, everything_broad, monkeypatch):
    from archive.models import Locality

    place = Locality.objects.get(name="Cờ Đỏ")
    for n, day in enumerate((date(2018, 1, 1), date(2024, 1, 1), None)):
        make_article(f"Đảng bộ {n}", "Đảng bộ lãnh đạo.", published=day, places=[(place, True)])
    make_article("Cờ Đỏ", "Chính quyền.", places=[(place, True)])  # named, but not a match

    def pages(ratio):
        monkeypatch.setattr(base, "NAMED_TESTS_PER_MATCH", ratio)
        found = plan_search("đảng bộ Cờ Đỏ")
        assert found.ranking == "named_first"
        named_first = found.segments[0]
        return [_paged(found, size) for size in (1, 2, 5)], found.count(), named_first

    one_by_one, count, segment = pages(0.01)  # 100 tests per match allowed: the 5 named ones are few
    assert "EXISTS" in str(segment.query).upper()
    read_once, count_again, segment = pages(10**6)  # a test costs more than the whole match
    assert "EXISTS" not in str(segment.query).upper()
    assert read_once == one_by_one and count == count_again == 4
    from archive.models import Article

    titles = [Article.objects.get(pk=pk).title for pk in one_by_one[0]]
    assert titles == ["Đảng bộ 1", "Một tin", "Đảng bộ 0", "Đảng bộ 2"]  # named first, newest first, undated last


@pytest.mark.parametrize("typed", ["04-NQ/TW", "NQTW4", "Nghị quyết Trung ương 4 khóa XII"])
def test_a_document_query_lists_its_citing_articles_from_the_date_index_in_the_ranked_order(
        everything_broad, monkeypatch, typed):
    from .factories import make_resolution

    doc = make_resolution("04-NQ/TW", number="04", term="XII", aliases=["NQTW4", "Nghị quyết Trung ương 4 (khóa XII)"])
    other = make_resolution("05-CT/TW", kind="Chỉ thị", number="05")
    days = [date(2018, 1, 1), None, date(2024, 1, 1), date(2020, 6, 1), None, date(2022, 2, 2)]
    citing = [make_article(f"Tin {n}", "Đảng bộ học tập.", published=day, cites=[(doc, ["NQTW4"])])
              for n, day in enumerate(days)]
    make_article("Chỉ thị", "Thực hiện Chỉ thị 05.", cites=[(other, ["Chỉ thị 05"])])
    words_only = make_article("Số 04", "Văn bản số 04-NQ/TW của tỉnh ủy.", published=date(2025, 1, 1))

    found = plan_search(typed)
    assert found.ranking == "named_first"
    # the citing articles first, without a test of the match; then the others that match
    assert "EXISTS" not in str(found.segments[0].query).upper()
    assert "EXISTS" in str(found.segments[-1].query).upper()
    fast = [_paged(found, size) for size in (1, 4, 20)]
    monkeypatch.setattr(base, "_naming_implies_match", lambda parsed, entities, using: False)
    ranked = plan_search(typed)
    assert fast == [_paged(ranked, size) for size in (1, 4, 20)]
    newest_first = [citing[2], citing[5], citing[3], citing[0], citing[4], citing[1]]  # undated last, newer id first
    # the last writes the code but has no citation row: a match, after the citing ones
    assert fast[0] == [a.pk for a in newest_first] + [words_only.pk]


def test_a_query_naming_a_document_and_more_keeps_testing_the_match():
    from archive.search.entities import resolve
    from archive.search.query import parse

    from .factories import make_official, make_resolution

    make_resolution("04-NQ/TW", number="04", aliases=["NQTW4"])
    make_resolution("26-NQ/TW", number="26")
    make_official("Trần Văn Sơn")

    def implied(query):
        parsed = parse(query)
        entities = resolve(parsed)
        return base._naming_implies_match(parsed, entities, using="default")

    assert implied("NQTW4") and implied("04-NQ/TW")
    # other words, a -word, a second document or an official: citing is not enough to match
    for query in ("NQTW4 đảng bộ", "NQTW4 -đảng", "04-NQ/TW 26-NQ/TW", "NQTW4 Trần Văn Sơn", "đảng bộ"):
        assert not implied(query), query


def test_an_official_query_lists_the_appearances_from_the_date_index_in_the_ranked_order(
        everything_broad, monkeypatch):
    from .factories import make_official

    official = make_official("Bùi Thanh Hoa")
    from archive.models import Official

    # another person of the same name (another province): both are named
    namesake = Official.objects.create(name="Bùi Thanh Hoa", slug="bui-thanh-hoa-2")
    other = make_official("Trần Văn Sơn")
    days = [date(2019, 1, 1), None, date(2024, 3, 1), date(2021, 5, 5)]
    showing = [make_article(f"Tin {n}", "Hội nghị cán bộ.", published=day, officials=[official])
               for n, day in enumerate(days)]
    showing.append(make_article("Tin khác", "Hội nghị.", published=date(2023, 1, 1), officials=[namesake, other]))
    words_only = make_article("Bài viết", "Ông Bùi Thanh Hoa phát biểu.", published=date(2025, 1, 1))
    make_article("Không", "Trần Văn Sơn dự họp.", officials=[other])

    found = plan_search("Bùi Thanh Hoa")
    assert found.ranking == "named_first"
    assert "EXISTS" not in str(found.segments[0].query).upper()
    fast = [_paged(found, size) for size in (1, 3, 20)]
    monkeypatch.setattr(base, "_naming_implies_match", lambda parsed, entities, using: False)
    ranked = plan_search("Bùi Thanh Hoa")
    assert "EXISTS" in str(ranked.segments[0].query).upper() or "archive_search" in str(ranked.segments[0].query)
    assert fast == [_paged(ranked, size) for size in (1, 3, 20)]
    newest_first = [showing[2], showing[4], showing[3], showing[0], showing[1]]  # undated last
    assert fast[0] == [a.pk for a in newest_first] + [words_only.pk]


def test_an_official_query_with_more_than_the_name_keeps_testing_the_match():
    from archive.search.entities import resolve
    from archive.search.query import parse

    from .factories import make_official, make_resolution

    make_official("Trần Văn Sơn")
    make_official("Nguyễn Thị Hoa")
    make_resolution("04-NQ/TW", number="04")

    def implied(query):
        parsed = parse(query)
        return base._naming_implies_match(parsed, resolve(parsed), using="default")

    assert implied("Trần Văn Sơn") and implied("tran van son") and implied('"Trần Văn Sơn"')
    for query in ("Trần Văn Sơn đảng bộ", "Trần Văn Sơn -họp", "Trần Văn Sơn 04-NQ/TW",
                  "Trần Văn Sơn Nguyễn Thị Hoa", '"Sơn Trần"', "đảng bộ"):
        assert not implied(query), query
