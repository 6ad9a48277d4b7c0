"""The search parameters as a FilterSet: parsing and validation live here, not in views."""
from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from . import search as search_backend
from .extraction.text import fold
from .models import Appearance, Article, ArticleLocality, Citation, Locality, Official, Resolution

MAX_PAGE = 100_000
MAX_QUERY_CHARS = 1000
SORTS = ("relevance", "newest", "oldest")


class IntegerFilter(django_filters.Filter):
    field_class = forms.IntegerField


def _ignore(queryset, name, value):
    # q, sort and page shape the result but are applied by ArticleFilter.search()
    return queryset


def errors_text(errors) -> str:
    """A form's errors on one line, for a 400 answer."""
    return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in errors.items())


class PagedFilterSet(django_filters.FilterSet):
    """A FilterSet with a `page` parameter and its errors on one line."""

    @property
    def page_number(self) -> int:
        return self.form.cleaned_data.get("page") or 1

    def error_text(self) -> str:
        return errors_text(self.errors)


class ArticleFilter(PagedFilterSet):
    q = django_filters.CharFilter(method=_ignore, max_length=MAX_QUERY_CHARS, label=_("Search"))
    locality = django_filters.CharFilter(method="filter_locality", max_length=200, label=_("Place"))
    year = IntegerFilter(method="filter_year", min_value=1, max_value=9999, label=_("Year"))
    month = IntegerFilter(method="filter_month", min_value=1, max_value=12, label=_("Month"))
    date_from = django_filters.DateFilter(field_name="published", lookup_expr="gte", label=_("From"))
    date_to = django_filters.DateFilter(field_name="published", lookup_expr="lte", label=_("To"))
    resolution = django_filters.CharFilter(method="filter_resolution", max_length=200, label=_("Document"))
    official = django_filters.CharFilter(method="filter_official", max_length=200, label=_("Official"))
    source = django_filters.CharFilter(field_name="source", max_length=200, label=_("Source"))
    sort = django_filters.ChoiceFilter(
        method=_ignore,
        choices=[("relevance", _("relevance")), ("newest", _("newest")), ("oldest", _("oldest"))],
        label=_("Sort"),
    )
    page = IntegerFilter(method=_ignore, min_value=1, max_value=MAX_PAGE, label=_("Page"))

    class Meta:
        model = Article
        fields: list[str] = []

    def filter_locality(self, queryset, name, value):
        locality = Locality.objects.filter(slug=value).first()
        if locality is None:
            return queryset.none()
        links = ArticleLocality.objects.filter(locality_id__in=locality.descendant_ids())
        return queryset.filter(pk__in=links.values("article_id"))

    def filter_year(self, queryset, name, value):
        return queryset.filter(published__year=value)

    def filter_month(self, queryset, name, value):
        return queryset.filter(published__month=value)

    def filter_resolution(self, queryset, name, value):
        citations = Citation.objects.filter(resolution__slug=value)
        return queryset.filter(pk__in=citations.values("article_id"))

    def filter_official(self, queryset, name, value):
        appearances = Appearance.objects.filter(official__slug=value)
        return queryset.filter(pk__in=appearances.values("article_id"))

    # -- what the views need once the parameters are valid ------------------

    @property
    def query_text(self) -> str:
        return self.form.cleaned_data.get("q") or ""

    @property
    def sort_order(self) -> str:
        chosen = self.form.cleaned_data.get("sort")
        if chosen == "relevance" and not self.query_text:
            return "newest"
        return chosen or ("relevance" if self.query_text else "newest")

    def search(self) -> QuerySet[Article]:
        """The filtered articles, matched against q and ordered by sort."""
        return self.search_plan().queryset

    def search_plan(self) -> search_backend.Plan:
        """The same, with how the results are ordered and how to page and count them cheaply."""
        return search_backend.plan_search(self.query_text, queryset=self.qs, sort=self.sort_order)

    def selected(self) -> dict[str, object]:
        """The chosen filter objects, for headings and 'remove' chips."""
        data = self.form.cleaned_data
        chosen: dict[str, object] = {}
        if data.get("locality"):
            chosen["locality"] = Locality.objects.filter(slug=data["locality"]).first()
        if data.get("official"):
            chosen["official"] = Official.objects.filter(slug=data["official"]).first()
        if data.get("resolution"):
            chosen["resolution"] = Resolution.objects.filter(slug=data["resolution"]).first()
        return chosen


# -- the search interface: one module for both databases -------------------------

def make_snippets(*, articles: list[Article], query: str) -> dict[int, str]:
    return search_backend.snippets(articles=articles, query=query)


class OfficialFilter(PagedFilterSet):
    """The officials list: a name (accents optional), a home province, a page."""

    q = django_filters.CharFilter(method="filter_name", max_length=200, label=_("Name"))
    locality = django_filters.CharFilter(method="filter_home", max_length=200, label=_("Place"))
    page = IntegerFilter(method=_ignore, min_value=1, max_value=MAX_PAGE, label=_("Page"))

    class Meta:
        model = Official
        fields: list[str] = []

    def filter_name(self, queryset, name, value):
        return queryset.filter(folded_name__contains=fold(value))

    def filter_home(self, queryset, name, value):
        place = Locality.objects.filter(slug=value).first()
        return queryset.filter(home_locality_id__in=place.descendant_ids()) if place else queryset.none()


class ResolutionFilter(PagedFilterSet):
    """The documents list: kind (Nghị quyết, Chỉ thị...), Party term, issuer, a page."""

    kind = django_filters.CharFilter(field_name="kind", max_length=60, label=_("Kind"))
    term = django_filters.CharFilter(field_name="term", max_length=20, label=_("Party term"))
    issuer = django_filters.CharFilter(field_name="issuer", max_length=40, label=_("Issuer"))
    page = IntegerFilter(method=_ignore, min_value=1, max_value=MAX_PAGE, label=_("Page"))

    class Meta:
        model = Resolution
        fields: list[str] = []


class PageForm(forms.Form):
    """The page of an entity page's long lists (citing articles, appearances)."""

    page = forms.IntegerField(min_value=1, max_value=MAX_PAGE, required=False)

    @property
    def page_number(self) -> int:
        return self.cleaned_data.get("page") or 1

    def error_text(self) -> str:
        return errors_text(self.errors)
