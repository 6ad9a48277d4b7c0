"""HTML pages. Function-based views that build a ctx dict; parsing lives in filters.py,
counting in facets.py and querying on the models."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import facets as facet_lib
from .search import Plan, TimeLimit
from .filters import ArticleFilter, OfficialFilter, PageForm, ResolutionFilter, make_snippets
from .models import Appearance, Article, ArticleLocality, Citation, Locality, Official, Resolution

PARAMS = ("q", "locality", "year", "month", "date_from", "date_to", "resolution", "official", "source", "sort", "page")
MAX_DB_INT = 2**62  # larger ids cannot exist and overflow the database's integer types
ESTIMATE_MS = 250  # what an estimated count may take once the time limit has cut the exact one
# What the page's own articles may take once the count has spent the time limit: a later page of
# a broad match is counted first, and an answer without its articles is no answer.
PAGE_MS = 1000


# -- shared by the HTML pages, the JSON API, the feeds and the CSV export -------

@dataclass
class SearchOutcome:
    filterset: ArticleFilter
    params: dict[str, str]
    results: QuerySet[Article] | None = None
    error: str = ""
    count: int = 0
    page: int = 1
    page_size: int = 20
    items: list[Article] = field(default_factory=list)
    plan: Plan | None = None
    limit: TimeLimit | None = None
    count_exact: bool = True

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.page_size))

    @property
    def ranking(self) -> str:
        return self.plan.ranking if self.plan else self.filterset.sort_order

    @property
    def partial(self) -> list[str]:
        """The parts the time limit cut (results, count, estimate, facets, histogram), in order."""
        return list(self.limit.cut) if self.limit else []

    @property
    def results_cut(self) -> bool:
        """The page's articles were not read in time: its emptiness says nothing about the matches."""
        return "results" in self.partial and not self.items

    @property
    def count_unknown(self) -> bool:
        """Neither the count nor its estimate finished in time: count is only what the page shows."""
        return "estimate" in self.partial

    def limited(self, step: str, compute, *, default, at_least_ms: int = 0):
        """compute() within what is left of this request's time limit."""
        return self.limit.run(step, compute, default=default, at_least_ms=at_least_ms) if self.limit else compute()

    def notes(self) -> dict[str, str]:
        """Short explanations for the page and the API: how results are ordered, what is missing."""
        notes = {}
        if self.ranking == "named_first":
            notes["ranking"] = _("So many articles match that they are not ranked by relevance: articles about "
                                 "the document, official or place you named come first, then the newest.")
        elif self.ranking == "newest" and self.plan is not None and self.plan.requested == "relevance":
            notes["ranking"] = _("So many articles match that they are not ranked by relevance: newest first. "
                                 "Add words or a filter to rank them.")
        if self.results_cut:
            notes["partial"] = _("The search ran out of time before its articles were read: this says nothing "
                                 "about what matches. Try again (a repeated search is usually faster), or add "
                                 "words or a filter.")
        elif self.partial:
            notes["partial"] = _("The search took too long: some counts are missing or approximate. "
                                 "Add words or a filter for complete figures.")
        return notes


def clean_params(query: QueryDict, *, forced: dict[str, str] | None = None) -> dict[str, str]:
    """The known parameters as plain strings (the last value when one is repeated)."""
    params = {k: query.get(k, "") for k in PARAMS if query.get(k, "") != ""}
    params.update(forced or {})
    return params


def run_search_request(request: HttpRequest, *, forced: dict[str, str] | None = None,
                       paginate: bool = True, facets_path: str | None = None) -> SearchOutcome:
    """The search of this request; with paginate, its page of rows and its count, within the time
    limit. facets_path: the page's facets will be wanted too, so the count reads the matches they need."""
    params = clean_params(request.GET, forced=forced)
    data = request.GET.copy()
    for key, value in (forced or {}).items():
        data[key] = value
    fs = ArticleFilter(data, queryset=Article.objects.all())
    outcome = SearchOutcome(filterset=fs, params=params, page_size=settings.ARCHIVE_PAGE_SIZE)
    if not fs.is_valid():
        outcome.error = fs.error_text()
        return outcome
    # links carry the canonical spelling (year=02022 -> 2022, a date -> YYYY-MM-DD, q stripped)
    for name, value in fs.form.cleaned_data.items():
        if name in params:
            text = value.isoformat() if hasattr(value, "isoformat") else str(value if value is not None else "")
            if text:
                params[name] = text
            else:
                params.pop(name)
    outcome.plan = fs.search_plan()
    outcome.results = outcome.plan.queryset
    if outcome.plan.broad and outcome.plan.unfiltered:
        facet_lib.expect_most_of_the_archive(outcome.results, estimate=outcome.plan.estimate)
    facet_lib.read_ids_from(outcome.results, outcome.plan.id_source)
    if paginate:
        outcome.limit = TimeLimit(settings.ARCHIVE_SEARCH_TIME_LIMIT_MS, using=outcome.plan.db)
        outcome.page = fs.page_number
        start = (outcome.page - 1) * outcome.page_size
        # Page 1 first, then its count: when time runs short the articles still show. A later
        # page is counted first (cached for the next one), so a page past the end reads nothing.
        counted = None
        if start:
            counted = _count_or_estimate(outcome, facets_path=facets_path)
        if counted is None or start < counted or not outcome.count_exact:
            rows = outcome.limited("results", lambda: outcome.plan.page(
                start, outcome.page_size, related=("primary_locality",)), default=None, at_least_ms=PAGE_MS)
            outcome.items = rows or []
        if counted is None:
            counted = _count_or_estimate(outcome, facets_path=facets_path)
        # never fewer than what the page shows
        outcome.count = max(counted, start + len(outcome.items) if outcome.items else 0)
    return outcome


def _count_or_estimate(outcome: SearchOutcome, *, facets_path: str | None) -> int:
    counted = outcome.limited("count", lambda: _count(outcome, facets_path=facets_path), default=None)
    if counted is None:
        outcome.count_exact = False
        # an estimate from the index is cheap and better than no count: it may overrun a little
        counted = outcome.limited("estimate", outcome.plan.estimate, default=0, at_least_ms=ESTIMATE_MS)
    return counted


def _count(outcome: SearchOutcome, *, facets_path: str | None) -> int:
    # the count depends on the words and filters only: the next page or another sort reuses it
    state = sorted((k, v) for k, v in outcome.params.items() if k not in ("page", "sort"))

    def compute() -> int:
        if facets_path is None or facet_lib.facets_cached(params=outcome.params, path=facets_path):
            return outcome.plan.count()
        # the facets read every match (once per request): counting them is the same read
        return facet_lib.matches(outcome.results).total

    return facet_lib.cached(name="search-count", key_extra=str(state), compute=compute)


def bad_request(request: HttpRequest, *, message: str) -> HttpResponse:
    return render(request, "archive/400.html", {"message": message}, status=400)


def _int_or_404(value: int) -> int:
    if value > MAX_DB_INT:
        raise Http404
    return value


def search_facets(outcome: SearchOutcome, *, path: str) -> tuple[dict, list[dict]]:
    """The facets and the month histogram, each within what is left of the time limit (empty when cut)."""
    # cut: the usual facets, empty, so API clients find every key they expect
    empty = {name: {"name": name, "results": [], "truncated": False}
             for name in ("locality", "year", "resolution", "official", "source")}
    facets = outcome.limited("facets", lambda: facet_lib.all_facets(
        articles=outcome.results, params=outcome.params, path=path), default=empty)
    histogram = outcome.limited("histogram", lambda: facet_lib.month_histogram(
        articles=outcome.results, params=outcome.params, path=path), default=[])
    return facets, histogram


def _search_ctx(*, outcome: SearchOutcome, path: str) -> dict:
    snippets = make_snippets(articles=outcome.items, query=outcome.filterset.query_text) if outcome.items else {}
    facets, histogram = search_facets(outcome, path=path)
    return {
        "outcome": outcome,
        "params": outcome.params,
        "query": outcome.filterset.query_text,
        "sort": outcome.filterset.sort_order,
        "articles": outcome.items,
        "snippets": snippets,
        "facets": facets,
        "histogram": histogram,
        "notes": outcome.notes(),
        "chips": _chips(outcome, path=path),
        "page_numbers": _page_numbers(page=outcome.page, last=outcome.num_pages),
        "form": outcome.filterset.form,
    }


def _chips(outcome: SearchOutcome, *, path: str) -> list[dict]:
    """One 'remove' button per active filter."""
    labels = {
        "q": _("Words"), "locality": _("Place"), "year": _("Year"), "month": _("Month"),
        "date_from": _("From"), "date_to": _("To"), "resolution": _("Document"),
        "official": _("Official"), "source": _("Source"),
    }
    chosen = outcome.filterset.selected()
    chips = []
    for name, label in labels.items():
        value = outcome.params.get(name)
        if not value:
            continue
        obj = chosen.get(name)
        shown = getattr(obj, "name", None) or getattr(obj, "code", None) or value
        chips.append({
            "name": name, "label": label, "value": shown,
            "remove_url": facet_lib.toggle_url(params=outcome.params, name=name, value=None, path=path),
        })
    return chips


def _page_numbers(*, page: int, last: int) -> list[int | None]:
    """1 … 4 5 [6] 7 8 … 20, with None for the gaps."""
    wanted = {1, last} | {n for n in range(page - 2, page + 3) if 1 <= n <= last}
    numbers: list[int | None] = []
    for n in sorted(wanted):
        if numbers and numbers[-1] is not None and n - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(n)
    return numbers


# -- pages ---------------------------------------------------------------------

def home(request: HttpRequest) -> HttpResponse:
    articles = Article.objects.all()
    path = reverse("archive:search")
    ctx = {
        "latest": list(articles.newest_first().select_related("primary_locality")[:12]),
        "facets": facet_lib.all_facets(articles=articles, params={}, path=path),
        "total": articles.count(),
        "official_count": Official.objects.count(),
        "resolution_count": Resolution.objects.count(),
        "params": {},
    }
    return render(request, "archive/home.html", ctx)


def search(request: HttpRequest) -> HttpResponse:
    path = reverse("archive:search")
    outcome = run_search_request(request, facets_path=path)
    if outcome.error:
        return bad_request(request, message=outcome.error)
    ctx = _search_ctx(outcome=outcome, path=path)
    return render(request, "archive/search.html", ctx)


def _entity_links(article: Article) -> list[tuple[str, str, str]]:
    links: list[tuple[str, str, str]] = []
    for appearance in article.appearances.all():
        official = appearance.official
        for words in [official.name, *official.aliases]:
            links.append((words, official.get_absolute_url(), "official"))
    for citation in article.citations.all():
        resolution = citation.resolution
        for words in [*citation.mentions, resolution.code, *resolution.aliases]:
            links.append((words, resolution.get_absolute_url(), "resolution"))
    for link in article.locality_links.all():
        place = link.locality
        for words in (link.mention, place.full_name, place.name):
            links.append((words, place.get_absolute_url(), "locality"))
    return links


def related_articles(article: Article, *, size: int = 6) -> list[Article]:
    """Articles sharing documents or officials with this one, the most shared first."""
    shared: Counter[int] = Counter()
    officials = Appearance.objects.filter(article=article).values("official_id")
    documents = Citation.objects.filter(article=article).values("resolution_id")
    pools = (
        (Appearance.objects.filter(official_id__in=officials), 1),
        (Citation.objects.filter(resolution_id__in=documents), 2),  # a shared document says more
    )
    for links, weight in pools:
        rows = (links.exclude(article=article).values("article_id").annotate(n=Count("id"))
                .order_by("-n", "-article_id")[: size * 5])
        for row in rows:
            shared[row["article_id"]] += weight * row["n"]
    found = Article.objects.in_bulk([pk for pk, _ in shared.most_common(size * 3)])
    ranked = sorted(found.values(), key=lambda a: (-shared[a.pk], -(a.published.toordinal() if a.published else 0)))
    return ranked[:size]


def source_url(source: str) -> str:
    """A link for the source site when the source names one."""
    text = source.strip()
    if text.startswith(("http://", "https://")):
        return text
    if "." in text and " " not in text:
        return f"https://{text}"
    return ""


def article(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(
        Article.objects.select_related("primary_locality").prefetch_related(
            "appearances__official", "citations__resolution", "locality_links__locality"),
        pk=_int_or_404(pk),
    )
    ctx = {
        "article": obj,
        "links": _entity_links(obj),
        "appearances": list(obj.appearances.all()),
        "citations": list(obj.citations.all()),
        "places": [link.locality for link in obj.locality_links.all()],
        "related": related_articles(obj),
        "source_url": source_url(obj.source),
    }
    return render(request, "archive/article.html", ctx)


SEGMENT_SHOWN = 5  # articles listed under a timeline segment; the rest are one search away
ENTITY_PAGE_SIZE = 100  # rows of an entity page's long table (appearances, citing articles)


def official_timeline(appearances: list[Appearance]) -> list[dict]:
    """Consecutive appearances with the same positions form one segment of the timeline."""
    segments: list[dict] = []
    for appearance in appearances:
        positions = [p for p in appearance.positions if p] or [_("(no position given)")]
        if segments and segments[-1]["positions"] == positions:
            segment = segments[-1]
        else:
            segment = {"positions": positions, "start": None, "end": None, "appearances": []}
            segments.append(segment)
        segment["appearances"].append(appearance)
        published = appearance.article.published
        if published:
            segment["start"] = segment["start"] or published
            segment["end"] = published
    return segments


def _appearances_oldest_first(official: Official) -> list[Appearance]:
    return list(
        official.appearances.select_related("article", "article__primary_locality")
        .only("positions", "article_id", "official_id", "article__title", "article__published",
              "article__primary_locality__name", "article__primary_locality__slug")
        .order_by(F("article__published").asc(nulls_last=True), "article_id")
    )


def _page_slice(*, rows: list, page: int, size: int) -> tuple[list, list[int | None]]:
    last = max(1, -(-len(rows) // size))
    return rows[(page - 1) * size: page * size], _page_numbers(page=page, last=last)


def official(request: HttpRequest, slug: str) -> HttpResponse:
    obj = get_object_or_404(Official.objects.select_related("home_locality"), slug=slug)
    form = PageForm(request.GET)
    if not form.is_valid():
        return bad_request(request, message=form.error_text())
    appearances = _appearances_oldest_first(obj)
    articles = Article.objects.filter(appearances__official=obj)
    places = (
        ArticleLocality.objects.filter(article__in=articles)
        .values("locality__slug", "locality__name", "locality__kind")
        .annotate(count=Count("article_id", distinct=True))
        .order_by("-count", "locality__name")[:12]
    )
    timeline = official_timeline(appearances)
    search = reverse("archive:search")
    for segment in timeline:
        segment["shown"] = segment["appearances"][:SEGMENT_SHOWN]
        segment["hidden"] = len(segment["appearances"]) - len(segment["shown"])
        if segment["hidden"] and segment["start"]:
            segment["more_url"] = (f"{search}?official={obj.slug}&date_from={segment['start'].isoformat()}"
                                   f"&date_to={segment['end'].isoformat()}&sort=oldest")
    rows, page_numbers = _page_slice(rows=appearances, page=form.page_number, size=ENTITY_PAGE_SIZE)
    ctx = {
        "official": obj,
        "appearances": appearances,
        "appearance_rows": rows,
        "page": form.page_number, "page_numbers": page_numbers, "params": {},
        "timeline": timeline,
        # the side panels count over every article of the official: cached like the facets
        "places": facet_lib.cached(name=f"official-places:{obj.pk}", compute=lambda: list(places)),
        "co_officials": facet_lib.cached(name=f"co-officials:{obj.pk}", compute=lambda: facet_lib.top_officials(
            articles=articles, exclude_id=obj.pk)),
        "documents": facet_lib.cached(name=f"official-documents:{obj.pk}",
                                      compute=lambda: facet_lib.top_resolutions(articles=articles)),
    }
    return render(request, "archive/official.html", ctx)


def resolution(request: HttpRequest, slug: str) -> HttpResponse:
    obj = get_object_or_404(Resolution, slug=slug)
    form = PageForm(request.GET)
    if not form.is_valid():
        return bad_request(request, message=form.error_text())
    citing = obj.citations.select_related("article", "article__primary_locality").order_by(
        F("article__published").asc(nulls_last=True), "article_id")
    count = citing.count()
    page = form.page_number
    articles = Article.objects.filter(citations__resolution=obj)
    ctx = {
        "resolution": obj,
        "citations": list(citing[(page - 1) * ENTITY_PAGE_SIZE: page * ENTITY_PAGE_SIZE]),
        "citation_count": count,
        "page": page, "params": {},
        "page_numbers": _page_numbers(page=page, last=max(1, -(-count // ENTITY_PAGE_SIZE))),
        "table": facet_lib.cached(name=f"places-by-year:{obj.pk}",
                                  compute=lambda: facet_lib.places_by_year(articles=articles)),
        "officials": facet_lib.cached(name=f"document-officials:{obj.pk}",
                                      compute=lambda: facet_lib.top_officials(articles=articles, size=8)),
    }
    return render(request, "archive/resolution.html", ctx)


def locality(request: HttpRequest, slug: str) -> HttpResponse:
    obj = get_object_or_404(Locality.objects.select_related("parent"), slug=slug)
    path = obj.get_absolute_url()
    outcome = run_search_request(request, forced={"locality": obj.slug}, facets_path=path)
    if outcome.error:
        return bad_request(request, message=outcome.error)
    ctx = _search_ctx(outcome=outcome, path=path)
    ctx["facets"].pop("locality", None)  # the children list below does that job here
    ctx["chips"] = [c for c in ctx["chips"] if c["name"] != "locality"]
    counts = facet_lib.locality_counts()
    ctx.update({
        "locality": obj,
        "ancestors": obj.ancestors(),
        "children": [(child, counts.get(child.pk, 0)) for child in obj.children.all()],
        # over the matches the facets already read (not the full-text match again)
        "officials": outcome.limited("officials", lambda: facet_lib.top_officials(
            articles=facet_lib.matches(outcome.results).base, size=10), default=[]),
        "documents": outcome.limited("documents", lambda: facet_lib.top_resolutions(
            articles=facet_lib.matches(outcome.results).base, size=10), default=[]),
    })
    return render(request, "archive/locality.html", ctx)


# -- lists -----------------------------------------------------------------------

def _list_params(query: QueryDict, *, names: tuple[str, ...]) -> dict[str, str]:
    return {k: query.get(k, "") for k in names if query.get(k, "")}


def officials_list_queryset(filterset: OfficialFilter) -> QuerySet[Official]:
    return filterset.qs.select_related("home_locality").annotate(
        count=Count("appearances__article", distinct=True)).order_by("-count", "name")


def ranked_page(*, queryset: QuerySet, fetch: QuerySet, name: str, params: dict[str, str], page: int,
                size: int) -> tuple[int, list]:
    """One page of a list ranked by article count. The ranking (ids and counts) is cached, since
    counting every official's articles is the slow part; the page's rows are fetched fresh."""
    key = sorted((k, v) for k, v in params.items() if k != "page")
    ranking = facet_lib.cached(name=f"ranking:{name}", key_extra=str(key),
                               compute=lambda: list(queryset.values_list("pk", "count")))
    chunk = ranking[(page - 1) * size: page * size]
    found = fetch.in_bulk([pk for pk, _ in chunk])
    rows = []
    for pk, count in chunk:
        if pk in found:
            found[pk].count = count
            rows.append(found[pk])
    return len(ranking), rows


def officials(request: HttpRequest) -> HttpResponse:
    fs = OfficialFilter(request.GET, queryset=Official.objects.all())
    if not fs.is_valid():
        return bad_request(request, message=fs.error_text())
    params = _list_params(request.GET, names=("q", "locality", "page"))
    path = reverse("archive:officials")
    size, page = 60, fs.page_number
    count, rows = ranked_page(queryset=officials_list_queryset(fs), name="officials", params=params,
                              fetch=Official.objects.select_related("home_locality"), page=page, size=size)
    unfiltered_home = OfficialFilter({k: v for k, v in params.items() if k == "q"}, queryset=Official.objects.all())
    ctx = {
        "officials": rows,
        "count": count, "page": page, "params": params, "name": params.get("q", ""),
        "page_numbers": _page_numbers(page=page, last=max(1, -(-count // size))),
        "facets": {"locality": facet_lib.cached(
            name="official-homes", key_extra=str(sorted(params.items())),
            compute=lambda: facet_lib.field_facet(
                queryset=unfiltered_home.qs if unfiltered_home.is_valid() else Official.objects.none(),
                name="locality", value_field="home_locality__slug", label_field="home_locality__name",
                params=params, path=path))},
        "chips": [{"name": "locality", "label": _("Place"), "value": params["locality"],
                   "remove_url": facet_lib.toggle_url(params=params, name="locality", value=None, path=path)}]
        if params.get("locality") else [],
    }
    return render(request, "archive/official_list.html", ctx)


def resolutions_list_queryset(filterset: ResolutionFilter) -> QuerySet[Resolution]:
    return filterset.qs.select_related("locality").annotate(count=Count("citations__article", distinct=True)).order_by(
        "-count", F("issued").desc(nulls_last=True), "code")


def resolutions(request: HttpRequest) -> HttpResponse:
    fs = ResolutionFilter(request.GET, queryset=Resolution.objects.all())
    if not fs.is_valid():
        return bad_request(request, message=fs.error_text())
    params = _list_params(request.GET, names=("kind", "term", "issuer", "page"))
    path = reverse("archive:resolutions")
    size, page = 60, fs.page_number
    count, rows = ranked_page(queryset=resolutions_list_queryset(fs), name="resolutions", params=params,
                              fetch=Resolution.objects.select_related("locality"), page=page, size=size)
    ctx = {
        "resolutions": rows,
        "count": count, "page": page, "params": params,
        "page_numbers": _page_numbers(page=page, last=max(1, -(-count // size))),
        "facets": {
            name: facet_lib.field_facet(queryset=fs.qs, name=name, value_field=name, label_field=name,
                                        params=params, path=path)
            for name in ("kind", "term", "issuer")
        },
        "chips": [
            {"name": name, "label": label, "value": params[name],
             "remove_url": facet_lib.toggle_url(params=params, name=name, value=None, path=path)}
            for name, label in (("kind", _("Kind")), ("term", _("Party term")), ("issuer", _("Issuer")))
            if params.get(name)
        ],
    }
    return render(request, "archive/resolution_list.html", ctx)


def locality_tree(*, max_level: int = 3) -> list[dict]:
    """Places with articles, as a tree of provinces and the units below them, down to max_level."""
    return facet_lib.cached(name="locality_tree", key_extra=str(max_level),
                            compute=lambda: _build_locality_tree(max_level=max_level))


def _build_locality_tree(*, max_level: int) -> list[dict]:
    counts = facet_lib.locality_counts()
    places = (Locality.objects.filter(pk__in=list(counts), level__lte=max_level)
              .select_related("parent").order_by("level", "name"))
    nodes = {p.pk: {"place": p, "count": counts[p.pk], "children": []} for p in places}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node["place"].parent_id)
        (parent["children"] if parent else roots).append(node)
    for node in nodes.values():
        node["children"].sort(key=lambda child: (-child["count"], child["place"].name))
    roots.sort(key=lambda root: (-root["count"], root["place"].name))
    return roots


def localities(request: HttpRequest) -> HttpResponse:
    # provinces and districts here; a district's page lists its wards
    return render(request, "archive/locality_list.html", {"tree": locality_tree(max_level=2), "params": {}})
