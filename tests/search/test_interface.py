"""The public interface as the views and the loader use it."""
from datetime import date

import pytest
from django.db.models import Count

from archive import search as search_module
from archive.models import Article
from archive.search import index_articles, rebuild_index, remove_articles, search

from .factories import ids, make_article, make_locality

pytestmark = pytest.mark.django_db


@pytest.fixture
def dated():
    return {
        "old": make_article("Đảng bộ xã", "Đảng bộ lãnh đạo.", published=date(2019, 3, 1)),
        "undated": make_article("Đảng bộ phường", "Đảng bộ lãnh đạo.", published=None),
        "new": make_article("Đảng bộ huyện", "Đảng bộ lãnh đạo.", published=date(2023, 3, 1)),
        "mid": make_article("Tin khác", "Chính quyền điều hành.", published=date(2021, 3, 1)),
    }


def test_a_blank_query_gives_the_queryset_newest_first_with_undated_last(dated):
    for blank in ("", "   ", None, "-", "!!!", "😀"):
        assert ids(search(blank)) == [dated[k].pk for k in ("new", "mid", "old", "undated")]


def test_a_blank_query_keeps_the_queryset_filters(dated):
    queryset = Article.objects.filter(published__year__gte=2021)
    assert ids(search("", queryset=queryset)) == [dated["new"].pk, dated["mid"].pk]


def test_newest_and_oldest_put_undated_articles_last(dated):
    assert ids(search("đảng bộ", sort="newest")) == [dated[k].pk for k in ("new", "old", "undated")]
    assert ids(search("đảng bộ", sort="oldest")) == [dated[k].pk for k in ("old", "new", "undated")]


def test_an_unknown_sort_falls_back_to_relevance(dated):
    assert sorted(ids(search("đảng bộ", sort="bogus"))) == sorted(ids(search("đảng bộ")))
    assert search_module.SORTS == ("relevance", "newest", "oldest")


def test_search_stays_inside_the_given_queryset(dated):
    queryset = Article.objects.exclude(pk=dated["new"].pk)
    assert sorted(ids(search("đảng bộ", queryset=queryset))) == sorted([dated["old"].pk, dated["undated"].pk])


def test_results_can_be_sliced_counted_and_faceted(dated):
    place = make_locality("Cần Thơ", kind="thành phố", level=1)
    make_article("Đảng bộ Cần Thơ", "Đảng bộ thành phố.", places=[(place, True)], published=date(2022, 1, 1))
    results = search("đảng bộ")
    assert results.count() == 4
    assert len(results[1:3]) == 2
    facets = {row["primary_locality__name"]: row["n"] for row in
              results.order_by().values("primary_locality__name").annotate(n=Count("id"))}
    assert facets == {"Cần Thơ": 1, None: 3}
    years = results.order_by().values("published__year").annotate(n=Count("id", distinct=True))
    assert sum(row["n"] for row in years) == 4
    assert Article.objects.filter(pk__in=results).count() == 4


def test_results_survive_distinct_querysets(dated):
    place = make_locality("Cần Thơ", kind="thành phố", level=1)
    article = make_article("Đảng bộ Cần Thơ", "Đảng bộ thành phố.", places=[(place, True)])
    queryset = Article.objects.in_locality(place)
    assert ids(search("đảng bộ", queryset=queryset)) == [article.pk]
    assert search("đảng bộ", queryset=queryset).count() == 1


def test_index_articles_follows_an_edited_article():
    article = make_article("Tin cũ", "Nội dung về biển.")
    article.title, article.paragraphs = "Tin mới", ["Nội dung về rừng."]
    article.save()
    assert ids(search("rừng")) == []  # not reindexed yet
    index_articles([article.pk])
    assert ids(search("rừng")) == [article.pk]
    assert ids(search("biển")) == []


def test_indexing_twice_keeps_one_entry():
    article = make_article("Tin", "Nội dung về biển.")
    index_articles([article.pk, article.pk])
    index_articles([article.pk])
    assert ids(search("biển")) == [article.pk]


def test_remove_articles_takes_them_out_of_results():
    keep = make_article("Tin một", "Nội dung về biển.")
    gone = make_article("Tin hai", "Nội dung về biển.")
    remove_articles([gone.pk])
    assert ids(search("biển")) == [keep.pk]


def test_a_deleted_article_leaves_the_index():
    article = make_article("Tin", "Nội dung về biển.")
    pk = article.pk
    article.delete()
    index_articles([pk])  # asking for a missing article is not an error
    assert ids(search("biển")) == []


def test_rebuild_index_indexes_every_article_and_counts_them():
    unindexed = make_article("Chưa lập chỉ mục", "Nội dung về núi.", index=False)
    make_article("Tin", "Nội dung về biển.")
    assert ids(search("núi")) == []
    assert rebuild_index() == 2
    assert ids(search("núi")) == [unindexed.pk]
    assert Article.objects.count() == 2


def test_index_articles_accepts_any_iterable_and_nothing():
    article = make_article("Tin", "Nội dung về biển.", index=False)
    index_articles([])
    index_articles(x for x in [article.pk])
    assert ids(search("biển")) == [article.pk]


def test_the_relevance_rank_is_an_annotation_the_page_can_show(dated):
    results = list(search('"đảng bộ" OR "chính quyền"'))
    assert results[-1].pk == dated["mid"].pk  # the only one with its words in the body alone
    assert results[0].search_rank > results[-1].search_rank


def test_authors_and_captions_are_searchable():
    article = Article.objects.create(file_name="cap.txt", content_hash="c" * 64, original_text="x", title="Tin ảnh",
                                     paragraphs=["Nội dung."], captions=["Ảnh: hội nghị tại Phú Quốc"],
                                     authors=["Lâm Vĩ"])
    index_articles([article.pk])
    assert ids(search("Phú Quốc")) == [article.pk]
    assert ids(search("Lâm Vĩ")) == [article.pk]
