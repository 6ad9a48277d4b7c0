"""Rows for search tests, made directly (no extractor), then indexed as the loader does."""
from __future__ import annotations

import itertools
from datetime import date

import pytest
from django.db import connection

from archive import search
from archive.extraction.text import slugify
from archive.models import Appearance, Article, ArticleLocality, Citation, Locality, Official, Resolution

_counter = itertools.count(1)


def make_article(title: str, *paragraphs: str, published: date | None = date(2022, 1, 1),
                 cites: list[tuple[Resolution, list[str]]] = (), officials: list[Official] = (),
                 places: list[tuple[Locality, bool]] = (), index: bool = True) -> Article:
    n = next(_counter)
    article = Article.objects.create(
        file_name=f"t{n}.txt", content_hash=f"{n:064d}", original_text="\n".join([title, *paragraphs]),
        title=title, published=published, paragraphs=list(paragraphs),
        primary_locality=next((loc for loc, primary in places if primary), None),
    )
    for resolution, mentions in cites:
        Citation.objects.create(article=article, resolution=resolution, mentions=list(mentions))
    for order, official in enumerate(officials):
        Appearance.objects.create(article=article, official=official, order=order)
    for locality, primary in places:
        ArticleLocality.objects.create(article=article, locality=locality, is_primary=primary)
    if index:
        search.index_articles([article.pk])
    return article


def make_resolution(code: str, *, kind: str = "Nghị quyết", number: str = "", term: str = "",
                    aliases: list[str] = ()) -> Resolution:
    number = number or code.split("-")[0]
    return Resolution.objects.create(key=code, code=code, slug=slugify(code), kind=kind, number=number,
                                     term=term, aliases=list(aliases))


def make_official(name: str) -> Official:
    return Official.objects.create(name=name, slug=slugify(name))


def make_locality(name: str, *, kind: str = "huyện", level: int = 2) -> Locality:
    return Locality.objects.create(name=name, kind=kind, slug=slugify(name), level=level)


def ids(queryset) -> list[int]:
    return [a.pk for a in queryset]


def titles(queryset) -> list[str]:
    return [a.title for a in queryset]


sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="checks the SQLite FTS5 table; this run uses PostgreSQL")
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="checks the PostgreSQL tsvector table; this run uses SQLite")
