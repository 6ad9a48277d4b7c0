"""Editors' corrections: merging and splitting officials.

Both mark the appearances they touch as edited and record aliases, so the loader
keeps the editor's decision when the same files are loaded again.
"""
from __future__ import annotations

from typing import Iterable

from django.db import transaction

from .extraction.text import fold, slugify
from .models import Appearance, Locality, Official, OfficialAlias


def _merge_positions(first: list[str], second: list[str]) -> list[str]:
    merged = list(first)
    for position in second:
        if not any(fold(position) in fold(p) for p in merged):
            merged.append(position)
    return merged


@transaction.atomic
def merge_officials(*, target: Official, others: Iterable[Official]) -> Official:
    """Move every appearance of `others` to `target`, keep their names as aliases, delete them."""
    from . import search

    touched_articles: set[int] = set()
    for other in others:
        if other.pk == target.pk:
            continue
        for appearance in list(other.appearances.all()):
            touched_articles.add(appearance.article_id)
            existing = Appearance.objects.filter(article_id=appearance.article_id, official=target).first()
            if existing:
                existing.positions = _merge_positions(existing.positions, appearance.positions)
                existing.edited = True
                existing.save(update_fields=["positions", "edited"])
                appearance.delete()
            else:
                appearance.official = target
                appearance.edited = True
                appearance.save(update_fields=["official", "edited"])
        for alias in other.alias_rows.all():
            _add_alias(official=target, name=alias.name, home=alias.home_locality)
        _add_alias(official=target, name=other.name, home=other.home_locality)
        target.aliases = sorted({*target.aliases, *other.aliases, other.name} - {target.name})
        other.delete()
    target.save()
    search.index_articles(sorted(touched_articles))
    return target


def _add_alias(*, official: Official, name: str, home: Locality | None) -> None:
    OfficialAlias.objects.filter(folded_name=fold(name), home_locality=home).delete()
    OfficialAlias.objects.create(official=official, name=name, home_locality=home)


@transaction.atomic
def split_official(*, official: Official, article_ids: Iterable[int], home: Locality | None = None,
                   name: str | None = None) -> Official:
    """Move the appearances of `official` in `article_ids` to a new official (another person)."""
    from . import search

    article_ids = list(article_ids)
    new = Official(name=name or official.name, home_locality=home)
    base = slugify(new.name)
    qualifier = home.slug if home else "2"
    slug, n = f"{base}-{qualifier}", 2
    while Official.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{qualifier}-{n}"
    new.slug = slug
    new.save()
    moved = official.appearances.filter(article_id__in=article_ids)
    moved.update(official=new, edited=True)
    search.index_articles(article_ids)
    return new
