"""Atom feeds for any search, place, document and official (Django's syndication framework)."""
from __future__ import annotations

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import Article, Locality, Official, Resolution
from .views import bad_request, run_search_request
from .templatetags.archive_tags import with_params

FEED_SIZE = 50


class _ArticleFeed(Feed):
    feed_type = Atom1Feed

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return " ".join(item.paragraphs[:1])[:600]

    def item_pubdate(self, item: Article):
        if item.published is None:
            return item.loaded_at
        return timezone.make_aware(datetime.combine(item.published, item.published_time or time(0, 0)))

    def item_updateddate(self, item: Article):
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return ", ".join(item.authors)

    def item_categories(self, item: Article) -> list[str]:
        return [item.primary_locality.name] if item.primary_locality else []


class SearchFeed(_ArticleFeed):
    def get_object(self, request: HttpRequest):
        return run_search_request(request, paginate=False)

    def title(self, obj) -> str:
        query = obj.filterset.query_text
        return _("Archive search: %(q)s") % {"q": query} if query else _("Archive search")

    def link(self, obj) -> str:
        return with_params(reverse("archive:search"), obj.params)

    def items(self, obj):
        return obj.results.select_related("primary_locality")[:FEED_SIZE]


def search_feed(request: HttpRequest) -> HttpResponse:
    outcome = run_search_request(request, paginate=False)
    if outcome.error:
        return bad_request(request, message=outcome.error)
    return SearchFeed()(request)


class LocalityFeed(_ArticleFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Locality:
        return get_object_or_404(Locality, slug=slug)

    def title(self, obj: Locality) -> str:
        return obj.full_name

    def link(self, obj: Locality) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Locality):
        return Article.objects.in_locality(obj).newest_first().select_related("primary_locality")[:FEED_SIZE]


class OfficialFeed(_ArticleFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Official:
        return get_object_or_404(Official, slug=slug)

    def title(self, obj: Official) -> str:
        return obj.name

    def link(self, obj: Official) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Official):
        return Article.objects.filter(appearances__official=obj).newest_first().select_related(
            "primary_locality")[:FEED_SIZE]


class ResolutionFeed(_ArticleFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Resolution:
        return get_object_or_404(Resolution, slug=slug)

    def title(self, obj: Resolution) -> str:
        return obj.label

    def link(self, obj: Resolution) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Resolution):
        return Article.objects.filter(citations__resolution=obj).newest_first().select_related(
            "primary_locality")[:FEED_SIZE]
