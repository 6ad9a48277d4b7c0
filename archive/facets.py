"""Facets as plain data, like Datasette: {name, results: [{value, label, count, toggle_url, selected}], truncated}.

Every count is a number of distinct articles, never of links, so an article naming
three officials counts once for each official and a province counts an article once
however many of its wards the article names.
"""
from __future__ import annotations

import hashlib
import json
import time
from array import array
from collections import Counter
from contextvars import ContextVar
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import connection, router
from django.db.models import Case, Count, F, IntegerField, Max, QuerySet, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear
from django.utils.dates import MONTHS
from django.utils.translation import get_language

from . import columns
from .models import Appearance, Article, ArticleLocality, Citation, Locality, Official, Resolution

FILTER_PARAMS = ("q", "locality", "year", "month", "date_from", "date_to", "resolution", "official", "source")
FACET_SIZE = 50  # shown in full up to this; the template folds all but the first few under "more"
FACET_NAMES = ("locality", "year", "month", "resolution", "official", "source")


def toggle_url(*, params: dict[str, str], name: str, value: str | None, path: str) -> str:
    """The URL of the same search with one parameter set (or removed when value is None)."""
    new = {k: v for k, v in params.items() if v not in ("", None) and k != "page"}
    if value is None:
        new.pop(name, None)
        if name == "year":
            new.pop("month", None)  # a month means little without its year
    else:
        new[name] = value
    return f"{path}?{urlencode(new)}" if new else path


def _item(*, value: str, label: str, count: int, name: str, params: dict[str, str], path: str) -> dict:
    selected = params.get(name) == value
    return {
        "value": value,
        "label": label,
        "count": count,
        "selected": selected,
        "toggle_url": toggle_url(params=params, name=name, value=None if selected else value, path=path),
    }


def _facet(*, name: str, rows: list[tuple[str, str, int]], params: dict[str, str], path: str,
           size: int = FACET_SIZE) -> dict:
    results = [_item(value=v, label=lbl, count=c, name=name, params=params, path=path) for v, lbl, c in rows[:size]]
    chosen = params.get(name)
    if chosen and not any(r["selected"] for r in results):
        # the chosen value always shows, so it can be removed in one click
        results.insert(0, _item(value=chosen, label=chosen, count=0, name=name, params=params, path=path))
    return {"name": name, "results": results, "truncated": len(rows) > size}


def _bucket_under(parent_id: int | None) -> Case:
    """The child of parent_id (or the root) that contains a link's locality, up to four levels down."""
    chain = ["locality", "locality__parent", "locality__parent__parent", "locality__parent__parent__parent"]
    whens = []
    for node in chain:
        test = {f"{node}__parent__isnull": True} if parent_id is None else {f"{node}__parent_id": parent_id}
        whens.append(When(**test, then=F(f"{node}_id")))
    return Case(*whens, default=None, output_field=IntegerField())


def _bucket_counts(articles: QuerySet[Article], *, selected: Locality | None) -> dict[int, int]:
    """Articles per place one level under selected (or per province), each article once per place."""
    links = ArticleLocality.objects.filter(article__in=articles)
    rows_by_id = (
        links.annotate(bucket=_bucket_under(selected.pk if selected else None))
        .exclude(bucket=None)
        .values("bucket")
        .annotate(count=Count("article_id", distinct=True))
    )
    return {r["bucket"]: r["count"] for r in rows_by_id}


def locality_facet(*, counts: dict[int, int], selected: Locality | None, total: int, params: dict[str, str],
                   path: str) -> dict:
    places = Locality.objects.in_bulk(list(counts))
    rows = sorted(
        ((p.slug, p.name, counts[pk]) for pk, p in places.items()),
        key=lambda row: (-row[2], row[1]),
    )
    facet = _facet(name="locality", rows=rows, params=params, path=path)
    if selected is not None:
        # the chosen place first (its count is the whole result), then the way back up
        head = _item(value=selected.slug, label=selected.name, count=total, name="locality", params=params, path=path)
        facet["results"] = [head] + [r for r in facet["results"] if r["value"] != selected.slug]
        facet["ancestors"] = [
            {"value": a.slug, "label": a.name,
             "toggle_url": toggle_url(params=params, name="locality", value=a.slug, path=path)}
            for a in selected.ancestors()
        ]
    return facet


Tally = Counter  # (year, month, source) -> articles; year and month None when undated


def year_facet(*, tally: Tally, params: dict[str, str], path: str) -> dict:
    counts: Counter[int] = Counter()
    for (year, _, _), n in tally.items():
        if year is not None:
            counts[year] += n
    return _facet(name="year", rows=[(str(y), str(y), counts[y]) for y in sorted(counts, reverse=True)],
                  params=params, path=path)


def month_facet(*, tally: Tally, params: dict[str, str], path: str) -> dict:
    counts: Counter[int] = Counter()
    for (_, month, _), n in tally.items():
        if month is not None:
            counts[month] += n
    return _facet(name="month", rows=[(str(m), str(MONTHS[m]), counts[m]) for m in sorted(counts)],
                  params=params, path=path)


def source_facet(*, tally: Tally, params: dict[str, str], path: str) -> dict:
    counts: Counter[str] = Counter()
    for (_, _, source), n in tally.items():
        if source:
            counts[source] += n
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[: FACET_SIZE + 1]
    return _facet(name="source", rows=[(src, src, n) for src, n in ranked], params=params, path=path)


def _linked_counts(links: QuerySet) -> dict[int, int]:
    """Articles per linked id (document, official): a link is unique per article, so counting rows
    counts articles, grouped on the integer key alone (names are fetched for the few shown)."""
    key = "resolution_id" if links.model is Citation else "official_id"
    return {r[key]: r["count"] for r in links.values(key).annotate(count=Count("id"))}


def _top(counts: dict[int, int], size: int = FACET_SIZE + 1) -> list[tuple[int, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:size]


def resolution_facet(*, counts: dict[int, int], params: dict[str, str], path: str) -> dict:
    top = _top(counts)
    found = Resolution.objects.in_bulk([pk for pk, _ in top])
    rows = sorted(((found[pk].slug, found[pk].code, n) for pk, n in top if pk in found), key=lambda r: (-r[2], r[1]))
    return _facet(name="resolution", rows=rows, params=params, path=path)


def official_facet(*, counts: dict[int, int], params: dict[str, str], path: str) -> dict:
    top = _top(counts)
    found = Official.objects.select_related("home_locality").in_bulk([pk for pk, _ in top])
    people = sorted(((found[pk], n) for pk, n in top if pk in found), key=lambda r: (-r[1], r[0].name))
    facet = _facet(name="official", rows=[(o.slug, o.name, n) for o, n in people], params=params, path=path)
    # namesakes from different provinces are different people: say where each one is from
    home = {o.slug: o.home_locality.name if o.home_locality_id else "" for o, _ in people}
    for item in facet["results"]:
        item["detail"] = home.get(item["value"], "")
    return facet


# Set for the length of one request by archive.middleware.request_memo: a page asks for
# several cached blocks, and the data cannot change under it, so it is computed once.
request_memo: ContextVar[dict | None] = ContextVar("archive_request_memo", default=None)


def data_version() -> str:
    """Changes when articles or their links are added or re-loaded: a count and primary-key maxima,
    all answered from indexes (an edit that adds no row shows within ARCHIVE_CACHE_SECONDS)."""
    memo = request_memo.get()
    if memo is not None and "data_version" in memo:
        return memo["data_version"]
    version = _recent_data_version()
    if memo is not None:
        memo["data_version"] = version
    return version


_last_version: tuple[float, str] | None = None


def _recent_data_version() -> str:
    """The data version, read at most once per ARCHIVE_DATA_VERSION_SECONDS per process: counting
    the articles is 40-90 ms of every request at 1,000,000 articles on PostgreSQL."""
    global _last_version
    seconds = settings.ARCHIVE_DATA_VERSION_SECONDS
    now = time.monotonic()
    if seconds > 0 and _last_version is not None and now - _last_version[0] < seconds:
        return _last_version[1]
    version = _data_version()
    _last_version = (now, version)
    return version


def archive_size() -> int:
    """Articles in the archive: the data version's first part, read once per request."""
    return int(data_version().split(":", 1)[0])


def _data_version() -> str:
    parts = [Article.objects.count()]  # first: archive_size() reads it back
    parts += [model.objects.aggregate(last=Max("id"))["last"] for model in (Article, ArticleLocality, Appearance,
                                                                             Citation)]
    return ":".join(str(p) for p in parts)


def _state_key(*, params: dict[str, str], path: str) -> str:
    """Everything but the page: the filters decide the counts, and the sort is kept in every toggle URL."""
    chosen = sorted((k, v) for k, v in params.items() if k != "page" and v)
    return hashlib.sha256(f"{path}?{chosen}".encode()).hexdigest()


def _cache_key(*, name: str, key_extra: str) -> str:
    # hashed: keys must be short ASCII without spaces for memcached or Redis
    extra = hashlib.sha256(key_extra.encode()).hexdigest()[:32]
    return f"archive:{name}:{get_language()}:{extra}:{data_version()}"


def cached(*, name: str, compute: Callable[[], object], key_extra: str = "", seconds: int | None = None):
    """Counts depend only on the data and the search state: keep them a while (ARCHIVE_CACHE_SECONDS
    unless `seconds` says), keyed on both, so the home page, bare list pages and repeated searches
    do not recount the archive. 0 computes every time (the benchmark times the real work)."""
    seconds = settings.ARCHIVE_CACHE_SECONDS if seconds is None else seconds
    if seconds <= 0:
        return compute()
    key = _cache_key(name=name, key_extra=key_extra)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def facets_cached(*, params: dict[str, str], path: str) -> bool:
    """Whether all_facets() would answer from the cache (then counting need not read every match)."""
    return cache.get(_cache_key(name="facets", key_extra=_state_key(params=params, path=path))) is not None


def all_facets(*, articles: QuerySet[Article], params: dict[str, str], path: str) -> dict[str, dict]:
    """Every facet of a result set; articles may be ordered or annotated, counting uses its ids only."""
    return cached(name="facets", key_extra=_state_key(params=params, path=path),
                  compute=lambda: _all_facets(articles=articles, params=params, path=path))


def _listed(ids: list[int]) -> QuerySet[Article]:
    """These articles by id, sent as one array parameter (one JSON text on SQLite)."""
    if connection.vendor == "postgresql":
        return Article.objects.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", [ids]))
    return Article.objects.filter(pk__in=RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)]))


class Matches:
    """The matching articles read once for all the facets of a request: their ids (compact; as a
    queryset the link facets join on) and a tally of their years, months and sources. Each facet
    would otherwise run the full-text match again, seconds for a common phrase on PostgreSQL.

    With the archive's facet columns in memory (archive.columns), only the matching ids are read,
    as a mask over the snapshot, and every count is taken from it."""

    def __init__(self, articles: QuerySet[Article], *, near_total: Callable[[], bool] | None = None,
                 id_source: Callable[[], tuple[str, list] | None] | None = None):
        self.ids = array("q")  # read in SQL only (with columns, the mask says which)
        self.tally: Tally = Counter()
        self.total = 0
        self.rest: list[int] | None = None  # the archive's articles that do not match, when read
        self.snapshot: columns.Snapshot | None = None
        self.selection: columns.Selection | None = None  # of the snapshot's articles, when there is one
        self._base: QuerySet[Article] | None = None
        if articles.query.is_empty():
            self._base = Article.objects.none()
            return
        snapshot = columns.current(using=articles.db, version=data_version(), archive_size=archive_size())
        if snapshot is not None:
            self._from_columns(snapshot, articles, id_source=id_source)
            return
        if near_total is not None and articles.query.where and near_total():
            self._read_the_rest(articles)
            return
        rows = articles.order_by().values_list("pk", "published", "source").iterator(chunk_size=10_000)
        for pk, published, source in rows:
            self.ids.append(pk)
            self.tally[_tally_key(published, source)] += 1
        self.total = len(self.ids)
        if not articles.query.where:
            self._base = Article.objects.all()
            self.ids = array("q")  # the whole archive: no list needed

    @property
    def base(self) -> QuerySet[Article]:
        """The matching articles as a queryset of their ids (made when first asked for)."""
        if self._base is None:
            ids = self.snapshot.ids[self.selection.mask].tolist() if self.snapshot is not None else list(self.ids)
            self._base = _listed(ids)
        return self._base

    def _from_columns(self, snapshot: columns.Snapshot, articles: QuerySet[Article], *,
                      id_source: Callable[[], tuple[str, list] | None] | None) -> None:
        if not articles.query.where:
            self.selection = snapshot.everything()
            self._base = Article.objects.all()
        else:
            cheaper = id_source() if id_source is not None else None
            if cheaper is not None:
                found = columns.ids_of_subquery(*cheaper, using=articles.db)
            else:
                found = columns.matching_ids(articles)
            self.selection = snapshot.select(found)
        self.snapshot = snapshot
        self.total = self.selection.total
        self.tally = snapshot.tally(self.selection)

    def _read_the_rest(self, articles: QuerySet[Article]) -> None:
        # Nearly the whole archive matches: read the few articles that do not, and take them
        # from the archive's own tally (kept per data version), rather than read every match.
        whole_tally, whole_total = cached(name="archive-tally", seconds=WHOLE_ARCHIVE_SECONDS, compute=_archive_tally)
        rest = list(Article.objects.exclude(pk__in=articles.order_by().values("pk"))
                    .values_list("pk", "published", "source"))
        self.tally = Counter(whole_tally)
        self.tally.subtract(_tally(rest))
        self.tally = +self.tally  # drop the emptied keys
        self.total = whole_total - len(rest)
        self.rest = sorted(pk for pk, _, _ in rest)
        self._base = Article.objects.exclude(pk__in=_listed(self.rest)) if self.rest else Article.objects.all()

    def complement(self) -> list[int] | None:
        """The articles of the archive that do not match, when they are fewer than those that do."""
        if self.rest is not None:
            return self.rest if len(self.rest) <= self.total else None
        if not self.ids:
            return None
        everything = Article.objects.values_list("pk", flat=True)
        if len(self.ids) * 2 < everything.count():
            return None
        return sorted(set(everything.iterator(chunk_size=10_000)) - set(self.ids))


def _tally_key(published, source: str) -> tuple:
    return (published.year, published.month, source) if published else (None, None, source)


def _tally(rows) -> Tally:
    return Counter(_tally_key(published, source) for _, published, source in rows)


def _archive_tally() -> tuple[Tally, int]:
    rows = Article.objects.values_list("pk", "published", "source").iterator(chunk_size=10_000)
    tally = _tally(rows)
    return tally, sum(tally.values())


def _matches_key(articles: QuerySet[Article]) -> tuple:
    return ("matches", str(articles.order_by().values("pk").query))


def expect_most_of_the_archive(articles: QuerySet[Article], *, estimate: Callable[[], int]) -> None:
    """A hint from the search plan: when these articles are most of the archive, facets counted
    in SQL read the articles that do not match instead of those that do. estimate() is asked
    only then: on SQLite it counts the whole match (60 ms at a million articles), which the
    facet columns never need."""
    memo = request_memo.get()
    if memo is not None and not articles.query.is_empty():
        memo[("near-total",) + _matches_key(articles)] = lambda: estimate() * 2 >= archive_size()


def read_ids_from(articles: QuerySet[Article], source: Callable[[], tuple[str, list] | None]) -> None:
    """A hint from the search: source() gives SQL selecting exactly these articles' ids more
    cheaply than the queryset (search.Plan.id_source); asked only when the ids are read."""
    memo = request_memo.get()
    if memo is not None and not articles.query.is_empty():
        memo[("id-source",) + _matches_key(articles)] = source


def matches(articles: QuerySet[Article]) -> Matches:
    """Matches of these articles, kept for the request so the facets and the histogram share them."""
    memo = request_memo.get()
    key = None
    if memo is not None and not articles.query.is_empty():
        key = _matches_key(articles)
        if key in memo:
            return memo[key]
    hints = memo if (memo is not None and key is not None) else {}
    found = Matches(articles, near_total=hints.get(("near-total",) + key) if key else None,
                    id_source=hints.get(("id-source",) + key) if key else None)
    if key is not None:
        memo[key] = found
    return found


WHOLE_ARCHIVE_SECONDS = 600  # keyed on the data version, so a change shows at once anyway


def _link_counts(articles: QuerySet[Article], *, selected: Locality | None) -> dict[str, dict[int, int]]:
    return {
        "locality": _bucket_counts(articles, selected=selected),
        "resolution": _linked_counts(Citation.objects.filter(article__in=articles)),
        "official": _linked_counts(Appearance.objects.filter(article__in=articles)),
    }


def _all_facets(*, articles: QuerySet[Article], params: dict[str, str], path: str) -> dict[str, dict]:
    found = matches(articles)
    selected = Locality.objects.filter(slug=params["locality"]).first() if params.get("locality") else None
    narrowed = any(params.get(name) for name in FILTER_PARAMS if name != "q")
    if found.snapshot is not None:
        snapshot, selection = found.snapshot, found.selection
        counts = {
            "locality": snapshot.place_counts(selection, under=selected.pk if selected else None),
            "resolution": snapshot.top(snapshot.documents, selection, size=FACET_SIZE + 1),
            "official": snapshot.top(snapshot.officials, selection, size=FACET_SIZE + 1),
        }
    elif (rest := None if narrowed else found.complement()) is not None:
        # Nearly the whole archive matches: its counts (cached) less those of the few that do not.
        whole = cached(name="archive-link-counts", seconds=WHOLE_ARCHIVE_SECONDS,
                       compute=lambda: _link_counts(Article.objects.all(), selected=None))
        missing = _link_counts(_listed(rest), selected=None)
        counts = {name: {k: n - missing[name].get(k, 0) for k, n in whole[name].items()
                         if n > missing[name].get(k, 0)} for name in whole}
    else:
        counts = _link_counts(found.base, selected=selected)
    facets = {
        "locality": locality_facet(counts=counts["locality"], selected=selected, total=found.total,
                                   params=params, path=path),
        "year": year_facet(tally=found.tally, params=params, path=path),
        "resolution": resolution_facet(counts=counts["resolution"], params=params, path=path),
        "official": official_facet(counts=counts["official"], params=params, path=path),
        "source": source_facet(tally=found.tally, params=params, path=path),
    }
    if params.get("year") or params.get("month"):
        facets["month"] = month_facet(tally=found.tally, params=params, path=path)
    return facets


def month_histogram(*, articles: QuerySet[Article], params: dict[str, str], path: str,
                    max_months: int = 240) -> list[dict]:
    """Articles per month over the result set, every month between the first and last, each a link."""
    return cached(name="histogram", key_extra=f"{_state_key(params=params, path=path)}:{max_months}",
                  compute=lambda: _month_histogram(articles=articles, params=params, path=path,
                                                   max_months=max_months))


def _month_histogram(*, articles: QuerySet[Article], params: dict[str, str], path: str,
                     max_months: int) -> list[dict]:
    counts: Counter[tuple[int, int]] = Counter()
    for (year, month, _), n in matches(articles).tally.items():
        if year is not None:
            counts[(year, month)] += n
    if not counts:
        return []
    first, last = min(counts), max(counts)
    months: list[tuple[int, int]] = []
    y, m = first
    while (y, m) <= last and len(months) < max_months:
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    if len(months) == max_months:
        months = sorted(counts)[-max_months:]  # too wide a span: only months with articles
    peak = max(counts.values())
    bars = []
    for y, m in months:
        n = counts.get((y, m), 0)
        link = {k: v for k, v in params.items() if k not in ("page", "date_from", "date_to")}
        link.update(year=str(y), month=str(m))
        # bar heights in 5% steps as classes: the CSP forbids inline styles
        step = (max(1, round(20 * n / peak)) if n else 0) if peak else 0
        bars.append({
            "year": y, "month": m, "count": n,
            "height": round(100 * n / peak) if peak else 0,
            "step": step,
            "selected": params.get("year") == str(y) and params.get("month") == str(m),
            "url": f"{path}?{urlencode(link)}",
            # the page shows a few hundred numbers here: as text once, instead of each through
            # the template's number localization (a fifth of a results page's rendering time)
            "period": f"{m}/{y}", "label": f"{m}/{y}: {n}", "css": f"bar h{step}",
        })
    return bars


def locality_counts() -> dict[int, int]:
    """Articles per place, a place counting the articles of every unit below it (each article once)."""
    snapshot = columns.current(using=router.db_for_read(Article), version=data_version(),
                               archive_size=archive_size())
    if snapshot is not None:
        return snapshot.all_place_counts()
    return cached(name="locality_counts", compute=_locality_counts, seconds=WHOLE_ARCHIVE_SECONDS)


def _locality_counts() -> dict[int, int]:
    links = ArticleLocality._meta.db_table
    places = Locality._meta.db_table
    # (article, ancestor) pairs for up to three levels above the named unit; UNION drops repeats,
    # so an article naming a ward and its district counts once for the district.
    parts = [f"SELECT al.article_id AS article_id, al.locality_id AS place_id FROM {links} al"]
    joins = ""
    previous = "al.locality_id"
    for depth in range(1, 4):
        joins += f" JOIN {places} p{depth} ON p{depth}.id = {previous}"
        parts.append(f"SELECT al.article_id, p{depth}.parent_id FROM {links} al{joins} "
                     f"WHERE p{depth}.parent_id IS NOT NULL")
        previous = f"p{depth}.parent_id"
    sql = (f"SELECT place_id, COUNT(DISTINCT article_id) FROM ({' UNION '.join(parts)}) pairs "
           f"GROUP BY place_id")
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {place_id: n for place_id, n in cursor.fetchall()}


def top_officials(*, articles: QuerySet[Article], exclude_id: int | None = None, size: int = 10) -> list[dict]:
    """The officials seen most often in these articles (counting articles)."""
    qs = Appearance.objects.filter(article__in=articles)
    if exclude_id is not None:
        qs = qs.exclude(official_id=exclude_id)
    return list(
        qs.values("official__slug", "official__name")
        .annotate(count=Count("article_id", distinct=True))
        .order_by("-count", "official__name")[:size]
    )


def top_resolutions(*, articles: QuerySet[Article], size: int = 10) -> list[dict]:
    return list(
        Citation.objects.filter(article__in=articles)
        .values("resolution__slug", "resolution__code", "resolution__kind")
        .annotate(count=Count("article_id", distinct=True))
        .order_by("-count", "resolution__code")[:size]
    )


def places_by_year(*, articles: QuerySet[Article]) -> dict:
    """A small table: for each place (an article's primary place), how many of these articles per year."""
    cells: Counter[tuple[str, str, int]] = Counter()
    for slug, name, year in (
        articles.exclude(published=None)
        .exclude(primary_locality=None)
        .annotate(y=ExtractYear("published"))
        .values_list("primary_locality__slug", "primary_locality__name", "y")
    ):
        cells[(slug, name, year)] += 1
    years = sorted({y for _, _, y in cells})
    places = sorted({(s, n) for s, n, _ in cells}, key=lambda p: p[1])
    rows = [
        {"slug": s, "name": n, "counts": [cells.get((s, n, y), 0) for y in years],
         "total": sum(cells.get((s, n, y), 0) for y in years)}
        for s, n in places
    ]
    return {"years": years, "rows": rows}


def field_facet(*, queryset: QuerySet, name: str, value_field: str, label_field: str, params: dict[str, str],
                path: str) -> dict:
    """A facet over one column of any list (officials by home place, documents by kind or term)."""
    rows = (
        queryset.exclude(**{value_field: ""}).exclude(**{f"{value_field}__isnull": True})
        .values(value_field, label_field)
        .annotate(count=Count("pk", distinct=True))
        .order_by("-count", label_field)[: FACET_SIZE + 1]
    )
    return _facet(name=name, rows=[(str(r[value_field]), str(r[label_field]), r["count"]) for r in rows],
                  params=params, path=path)
