"""The loader's many-row insert: same rows and primary keys as bulk_create, on both databases."""
import datetime

import pytest

from archive import bulk
from archive.bulk import insert_rows
from archive.models import Article, ArticleLocality, Locality

pytestmark = pytest.mark.django_db

AWKWARD = 'Nghị quyết "04-NQ/TW" \\ {khóa} \'XII\' Ð, NULL, \t, ,'


def articles(n: int) -> list[Article]:
    return [Article(file_name=f"bai_{i}.txt", content_hash=f"{i:064d}", original_text=f"{AWKWARD} {i}\n",
                    title=f"Tin {i}: {AWKWARD}", published=datetime.date(2024, 1, 1 + i) if i % 2 else None,
                    published_time=datetime.time(8, i) if i % 2 else None, authors=[f"Tác giả {i}", AWKWARD],
                    paragraphs=[AWKWARD, f"đoạn {i}"], captions=[], extraction={"k": [i, AWKWARD, None]})
            for i in range(n)]


def test_insert_rows_sets_each_instance_its_own_primary_key_and_stores_every_value(monkeypatch):
    monkeypatch.setattr(bulk, "MAX_VALUES", 40)  # several statements for 7 rows
    made = articles(7)
    insert_rows(made)
    assert all(a.pk is not None and not a._state.adding for a in made)
    stored = {a.pk: a for a in Article.objects.all()}
    assert len(stored) == 7
    for sent in made:
        back = stored[sent.pk]
        assert (back.file_name, back.original_text, back.title) == (sent.file_name, sent.original_text, sent.title)
        assert (back.published, back.published_time) == (sent.published, sent.published_time)
        assert (back.authors, back.paragraphs, back.extraction) == (sent.authors, sent.paragraphs, sent.extraction)
        assert back.loaded_at is not None and back.updated_at is not None


def test_insert_rows_links_point_at_the_inserted_articles():
    made = articles(3)
    insert_rows(made)
    place = Locality.objects.create(name="Hà Nội", kind=Locality.Kind.CITY, slug="ha-noi")
    insert_rows([ArticleLocality(article=a, locality=place, mention=f"Hà Nội {a.pk}") for a in made])
    for a in made:
        assert ArticleLocality.objects.get(article=a).mention == f"Hà Nội {a.pk}"


def test_insert_rows_with_nothing_does_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        insert_rows([])


def test_insert_rows_raises_djangos_integrity_error_and_keeps_nothing_of_the_statement():
    from django.db import IntegrityError, transaction

    first, again = articles(2)
    again.file_name = first.file_name  # file names are unique
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows([first, again])
    assert not Article.objects.exists()
