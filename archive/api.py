"""The JSON twins of the pages (shapes: shared/spec/api.md; keys may be added, never renamed)."""
from __future__ import annotations

from django.db.models import F, Prefetch
from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from . import facets as facet_lib
from .filters import OfficialFilter, PageForm, ResolutionFilter, make_snippets
from .models import Appearance, Article, Citation, Locality, Official, Resolution
from .views import (
    MAX_DB_INT, locality_tree, official_timeline, ranked_page, officials_list_queryset, related_articles,
    resolutions_list_queryset, run_search_request, search_facets, source_url,
)

LIST_PAGE_SIZE = 50
CITATIONS_PAGE_SIZE = 1000


def _json(data: dict, *, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _error(message: str, *, status: int = 400) -> JsonResponse:
    return _json({"error": message}, status=status)


def json_404(view):
    """Unknown ids and slugs answer in JSON too, not with the HTML 404 page."""
    def wrapper(request: HttpRequest, *args, **kwargs) -> JsonResponse:
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return _error("not found", status=404)
    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _place(place: Locality | None) -> dict | None:
    if place is None:
        return None
    return {"name": place.name, "slug": place.slug, "kind": place.kind, "url": place.get_absolute_url()}


def _article_ref(article: Article) -> dict:
    return {"id": article.pk, "title": article.title, "url": article.get_absolute_url(),
            "published": _date(article.published)}


def search(request: HttpRequest) -> JsonResponse:
    path = reverse("archive:search")
    outcome = run_search_request(request, facets_path=path)
    if outcome.error:
        return _error(outcome.error)
    snippets = make_snippets(articles=outcome.items, query=outcome.filterset.query_text) if outcome.items else {}
    facets, histogram = search_facets(outcome, path=path)
    notes = outcome.notes()
    return _json({
        "count": outcome.count,
        # how the results are ordered (relevance, newest, oldest, named_first) and why, when not as asked
        "ranking": outcome.ranking,
        "ranking_note": notes.get("ranking", ""),
        # what the time limit cut (results, count, estimate, facets, histogram): count is then an
        # estimate, or with "estimate" cut too, only the articles the page shows (0 with "results" cut)
        "partial": outcome.partial,
        "partial_note": notes.get("partial", ""),
        "count_exact": outcome.count_exact,
        "page": outcome.page,
        "page_size": outcome.page_size,
        "num_pages": outcome.num_pages,
        "query": outcome.filterset.query_text,
        "sort": outcome.filterset.sort_order,
        "results": [
            {**_article_ref(a), "locality": _place(a.primary_locality), "source": a.source,
             "snippet": snippets.get(a.pk, "")}
            for a in outcome.items
        ],
        "facets": {name: facet["results"] for name, facet in facets.items()},
        "facets_truncated": {name: facet["truncated"] for name, facet in facets.items()},
        "histogram": [
            {"year": b["year"], "month": b["month"], "count": b["count"], "url": b["url"]}
            for b in histogram
        ],
    })


@json_404
def article(request: HttpRequest, pk: int) -> JsonResponse:
    if pk > MAX_DB_INT:
        return _error("not found", status=404)
    obj = get_object_or_404(
        Article.objects.select_related("primary_locality").prefetch_related(
            "appearances__official", "citations__resolution", "locality_links__locality"),
        pk=pk,
    )
    return _json({
        "id": obj.pk,
        "title": obj.title,
        "url": obj.get_absolute_url(),
        "published": _date(obj.published),
        "authors": obj.authors,
        "source": obj.source,
        "source_url": source_url(obj.source),
        "locality": _place(obj.primary_locality),
        "localities": [
            {**_place(link.locality), "mention": link.mention, "primary": link.is_primary}
            for link in obj.locality_links.all()
        ],
        "officials": [
            {"name": a.official.name, "slug": a.official.slug, "url": a.official.get_absolute_url(),
             "positions": a.positions}
            for a in obj.appearances.all()
        ],
        "resolutions": [
            {"code": c.resolution.code, "slug": c.resolution.slug, "url": c.resolution.get_absolute_url(),
             "kind": c.resolution.kind, "mention": c.mentions[0] if c.mentions else c.resolution.code,
             "mentions": c.mentions, "sentence": c.sentence}
            for c in obj.citations.all()
        ],
        "paragraphs": obj.paragraphs,
        "captions": obj.captions,
        "file": obj.file_name,
        "related": [_article_ref(a) for a in related_articles(obj)],
    })


def _official_data(*, official: Official, appearances: list[Appearance]) -> dict:
    return {
        "name": official.name,
        "slug": official.slug,
        "url": official.get_absolute_url(),
        "home_locality": _place(official.home_locality),
        "aliases": official.aliases,
        "count": len(appearances),
        "appearances": [
            {"article": _article_ref(a.article), "published": _date(a.article.published), "positions": a.positions}
            for a in appearances
        ],
        "timeline": [
            {"positions": seg["positions"], "start": _date(seg["start"]), "end": _date(seg["end"]),
             "articles": [ap.article_id for ap in seg["appearances"]]}
            for seg in official_timeline(appearances)
        ],
    }


def _officials_with_appearances():
    return Official.objects.select_related("home_locality").prefetch_related(
        _oldest_first("appearances", model=Appearance))


def _oldest_first(relation: str, *, model) -> Prefetch:
    """Links (appearances, citations) with their articles, oldest article first, as `ordered_<relation>`."""
    return Prefetch(
        relation,
        queryset=model.objects.select_related("article").order_by(
            F("article__published").asc(nulls_last=True), "article_id"),
        to_attr=f"ordered_{relation}",
    )


def officials(request: HttpRequest) -> JsonResponse:
    fs = OfficialFilter(request.GET, queryset=Official.objects.all())
    if not fs.is_valid():
        return _error(fs.error_text())
    page = fs.page_number
    params = {k: request.GET.get(k, "") for k in ("q", "locality") if request.GET.get(k)}
    count, rows = ranked_page(
        queryset=officials_list_queryset(fs), name="officials", params=params, page=page, size=LIST_PAGE_SIZE,
        fetch=_officials_with_appearances())
    return _json({
        "count": count, "page": page, "page_size": LIST_PAGE_SIZE,
        "results": [_official_data(official=o, appearances=o.ordered_appearances) for o in rows],
    })


@json_404
def official(request: HttpRequest, slug: str) -> JsonResponse:
    obj = get_object_or_404(_officials_with_appearances(), slug=slug)
    return _json(_official_data(official=obj, appearances=obj.ordered_appearances))


def _resolution_data(*, resolution: Resolution, citations: list[Citation]) -> dict:
    return {
        "code": resolution.code,
        "slug": resolution.slug,
        "url": resolution.get_absolute_url(),
        "kind": resolution.kind,
        "number": resolution.number,
        "issuer": resolution.issuer,
        "term": resolution.term,
        "title": resolution.title,
        "issued": _date(resolution.issued),
        "aliases": resolution.aliases,
        "in_catalog": resolution.in_catalog,
        "count": len(citations),
        "articles": [
            {**_article_ref(c.article), "sentence": c.sentence, "mentions": c.mentions} for c in citations
        ],
    }


def _places_by_year(resolution: Resolution) -> dict:
    table = facet_lib.places_by_year(articles=Article.objects.filter(citations__resolution=resolution))
    return {"years": table["years"],
            "rows": [{"slug": r["slug"], "name": r["name"], "counts": r["counts"]} for r in table["rows"]]}


def resolutions(request: HttpRequest) -> JsonResponse:
    fs = ResolutionFilter(request.GET, queryset=Resolution.objects.all())
    if not fs.is_valid():
        return _error(fs.error_text())
    page = fs.page_number
    params = {k: request.GET.get(k, "") for k in ("kind", "term", "issuer") if request.GET.get(k)}
    count, rows = ranked_page(
        queryset=resolutions_list_queryset(fs), name="resolutions", params=params, page=page, size=LIST_PAGE_SIZE,
        fetch=Resolution.objects.prefetch_related(_oldest_first("citations", model=Citation)))
    return _json({
        "count": count, "page": page, "page_size": LIST_PAGE_SIZE,
        "results": [_resolution_data(resolution=r, citations=r.ordered_citations) for r in rows],
    })


@json_404
def resolution(request: HttpRequest, slug: str) -> JsonResponse:
    obj = get_object_or_404(Resolution, slug=slug)
    form = PageForm(request.GET)
    if not form.is_valid():
        return _error(form.error_text())
    # a central resolution can be cited by tens of thousands of articles: pages of CITATIONS_PAGE_SIZE
    citing = obj.citations.select_related("article").order_by(F("article__published").asc(nulls_last=True),
                                                              "article_id")
    count = citing.count()
    page = form.page_number
    rows = list(citing[(page - 1) * CITATIONS_PAGE_SIZE: page * CITATIONS_PAGE_SIZE])
    return _json({**_resolution_data(resolution=obj, citations=rows),
                  "count": count, "page": page, "page_size": CITATIONS_PAGE_SIZE,
                  "num_pages": max(1, -(-count // CITATIONS_PAGE_SIZE)),
                  "places_by_year": _places_by_year(obj)})


def _locality_data(place: Locality, *, count: int) -> dict:
    return {
        "name": place.name,
        "slug": place.slug,
        "kind": place.kind,
        "full_name": place.full_name,
        "url": place.get_absolute_url(),
        "parent": place.parent.slug if place.parent_id and place.parent else None,
        "new_name": place.new_name,
        "count": count,
    }


def localities(request: HttpRequest) -> JsonResponse:
    def build() -> list[dict]:
        results: list[dict] = []

        def walk(nodes: list[dict]) -> None:
            for node in nodes:
                results.append(_locality_data(node["place"], count=node["count"]))
                walk(node["children"])

        walk(locality_tree())
        return results

    results = facet_lib.cached(name="api-localities", compute=build)
    return _json({"count": len(results), "results": results})


@json_404
def locality(request: HttpRequest, slug: str) -> JsonResponse:
    obj = get_object_or_404(Locality.objects.select_related("parent"), slug=slug)
    counts = facet_lib.locality_counts()
    articles = Article.objects.in_locality(obj).newest_first()[:100]
    return _json({
        **_locality_data(obj, count=counts.get(obj.pk, 0)),
        "ancestors": [_place(a) for a in obj.ancestors()],
        "children": [_locality_data(c, count=counts.get(c.pk, 0)) for c in obj.children.select_related("parent")],
        "articles": [_article_ref(a) for a in articles],
    })
