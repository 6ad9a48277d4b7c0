"""What both databases share: the indexed text of an article and the ranked queryset.

Each backend stores the same Python-built tokens (see query.tokens) and only
translates the parsed query into its own match language. The result is always
a plain Article queryset filtered by `id IN (<full-text subquery>)`, so it can be
sliced, counted, faceted or used as a subquery like any other.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from django.db.models import BooleanField, Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from .entities import Entities
from .query import AllOf, AnyOf, Node, ParsedQuery, Term, codes_in, doc_token, joined_tokens, tokens

SORTS = ("relevance", "newest", "oldest")

# Relevance is a sum of tiers, then the newest first within a tier: an article
# citing a document the query names outranks one that only shares its words;
# title above body; accents as typed above a folded match.
ENTITY_WEIGHT = 100
LOCALITY_LINK_WEIGHT = 50
TITLE_WEIGHT = 20
EXACT_WEIGHT = 10
PHRASE_WEIGHT = 5

MODES = ("match", "exact", "title")

# Ranking every match to show 20 costs what the number of matches costs. Above this many
# (about a tenth of 100,000 articles) results come newest first, read from the date index
# and stopped after one page, and the page says so; articles about a document, an official
# or a place the query names still come first, since those sets are small.
RANK_AT_MOST = 10_000
DEEP_PAGE_ROWS = 200
# Testing the match on one article costs 0.1-0.2 ms: a broad match within up to this many
# articles is read by testing each of them (well under 0.5 s) rather than through the whole match.
TEST_EACH_UP_TO = 2_000  # from this offset a broad match's page reads the match once (see plan())


@dataclass(frozen=True)
class Tokens:
    """A text's tokens (query.tokens) as two space-joined strings, folded and exact."""

    folded: str = ""
    exact: str = ""

    @classmethod
    def of(cls, text: str) -> "Tokens":
        return cls(*joined_tokens(text))

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]]) -> "Tokens":
        pairs = list(pairs)
        return cls(" ".join(f for f, _ in pairs), " ".join(e for _, e in pairs))

    def pairs(self) -> list[tuple[str, str]]:
        return list(zip(self.folded.split(" "), self.exact.split(" "))) if self.folded else []


@dataclass
class IndexedText:
    article_id: int
    title: Tokens
    body: Tokens
    keywords: list[list[str]] = field(default_factory=list)  # folded token groups (names, codes)


@lru_cache(maxsize=50_000)
def _folded_tokens(name: str) -> tuple[str, ...]:
    # The same official, place and document names recur in thousands of articles.
    return tuple(f for f, _ in tokens(name))


def keyword_groups(names: Iterable[str]) -> list[list[str]]:
    groups, seen = [], set()
    for name in names:
        toks = _folded_tokens(name or "")
        if toks and toks not in seen:
            seen.add(toks)
            groups.append(list(toks))
    return groups


def build_texts(article_ids: Iterable[int], *, using: str = "default", models=None,
                words: dict[int, ArticleWords] | None = None) -> list[IndexedText]:
    """The indexed text of each article: title, body, and the names of what it cites.

    `words` holds articles' own tokens already computed from the same title and text.
    """
    if models is None:
        from archive import models
    ids = sorted({int(i) for i in article_ids})
    if not ids:
        return []
    extra: dict[int, list[str]] = {pk: [] for pk in ids}
    citations = models.Citation.objects.using(using).filter(article_id__in=ids).values_list(
        "article_id", "mentions", "resolution__code", "resolution__kind", "resolution__number",
        "resolution__term", "resolution__aliases")
    for article_id, mentions, code, kind, number, term, aliases in citations:
        names = [code, f"{kind} {number}", f"{kind} {code}", *(mentions or []), *(aliases or [])]
        if term:
            names.append(f"khóa {term}")
        extra[article_id].extend(str(n) for n in names)
        extra[article_id].append(doc_token(code))
    for article_id, name in models.Appearance.objects.using(using).filter(article_id__in=ids).values_list(
            "article_id", "official__name"):
        extra[article_id].append(name)
    for article_id, name, kind in models.ArticleLocality.objects.using(using).filter(article_id__in=ids).values_list(
            "article_id", "locality__name", "locality__kind"):
        extra[article_id].extend([name, f"{kind} {name}"])
    words = words or {}
    articles = models.Article.objects.using(using)
    # the text is read back (and its JSON decoded) only for articles whose tokens did not come along
    untokenized = [pk for pk in ids if pk not in words]
    text_of = {pk: [*(paragraphs or []), *(captions or [])] for pk, paragraphs, captions in
               articles.filter(id__in=untokenized).values_list("id", "paragraphs", "captions")} if untokenized else {}
    texts = []
    for pk, title, authors in articles.filter(id__in=ids).values_list("id", "title", "authors"):
        texts.append(document(article_id=pk, title=title, paragraphs=text_of.get(pk, []),
                              names=[*extra[pk], *(authors or [])], words=words.get(pk)))
    return texts


@dataclass
class ArticleWords:
    """The costly part of an article's indexed text, from its own words alone.

    The loader computes it in its extraction workers, next to the extraction.
    """

    title: Tokens
    body: Tokens
    codes: list[str]


def article_words(*, title: str, paragraphs: list[str]) -> ArticleWords:
    body = "\n".join(str(p) for p in paragraphs)
    codes = [token for token, _, _ in codes_in(f"{title}\n{body}")]
    return ArticleWords(title=Tokens.of(title or ""), body=Tokens.of(body), codes=list(dict.fromkeys(codes)))


def document(*, article_id: int, title: str, paragraphs: list[str], names: list[str],
             words: ArticleWords | None = None) -> IndexedText:
    """One article's indexed text from plain values (the benchmark builds its corpus with this)."""
    words = words or article_words(title=title, paragraphs=paragraphs)
    return IndexedText(
        article_id=article_id,
        title=words.title,
        body=words.body,
        keywords=keyword_groups(names) + [[c] for c in words.codes],
    )


# -- the query side -------------------------------------------------------------

class Dialect:
    """How one database says: this term in these columns, and, or, not."""

    # Whether a deep page of a sparse broad match should read the match once (FTS5: yes; on
    # PostgreSQL re-checking a phrase's positions over the whole match costs more than the walk).
    reads_match_for_deep_pages = False

    def term(self, term: Term, *, mode: str) -> str | None:
        raise NotImplementedError

    def both(self, parts: list[str]) -> str:
        raise NotImplementedError

    def either(self, parts: list[str]) -> str:
        raise NotImplementedError

    def but_not(self, positive: str, negative: str) -> str:
        raise NotImplementedError

    def subquery(self, expression: str, *, mode: str = "match", broad: bool = False) -> RawSQL:
        """SELECT of the matching article ids, as a RawSQL usable in `id__in`."""
        raise NotImplementedError

    def is_broad(self, expression: str, *, using: str, column: str = "document") -> bool:
        """Whether this match covers so much of the archive that the database needs steering."""
        return False

    def estimate(self, expression: str, *, using: str, at_least: int | None) -> int:
        """About how many articles match: exact on SQLite (counting stops at at_least when given),
        the planner's estimate on PostgreSQL."""
        raise NotImplementedError

    def count(self, expression: str, *, using: str) -> int:
        """How many indexed articles match, from the index alone (no join with the articles)."""
        raise NotImplementedError

    def exists(self, expression: str) -> RawSQL:
        """A per-article test of the match (correlated on archive_article.id): a newest-first page
        read from the date index checks only the articles it walks past, then stops."""
        raise NotImplementedError

    def date_segments(self, queryset: QuerySet, *, sort: str) -> list[QuerySet]:
        """The queryset in date order (newest or oldest, undated last) as parts the date index
        can read in order; one part where the index already sorts undated articles last."""
        return [order(queryset, sort=sort)]

    def compile(self, node: Node, *, mode: str) -> str | None:
        if isinstance(node, Term):
            return self.term(node, mode=mode)
        if isinstance(node, AllOf):
            parts = [self.compile(n, mode=mode) for n in node.items]
            return None if any(p is None for p in parts) else self.both(parts)
        parts = [p for p in (self.compile(n, mode=mode) for n in node.options) if p is not None]
        return self.either(parts) if parts else None

    def expression(self, parsed: ParsedQuery, *, mode: str) -> str | None:
        parts = [self.compile(c.node, mode=mode) for c in parsed.clauses]
        if not parts or any(p is None for p in parts):
            return None
        return self.both(parts)

    def excluded(self, parsed: ParsedQuery) -> str | None:
        # -word with accents excludes that exact word only: "-đang" keeps articles about Đảng.
        parts = [self.term(t, mode="exact") for t in parsed.excluded]
        return self.either(parts) if parts else None


def order(queryset: QuerySet, *, sort: str) -> QuerySet:
    if sort == "oldest":
        return queryset.order_by(F("published").asc(nulls_last=True), "id")
    return queryset.order_by(F("published").desc(nulls_last=True), "-id")


@dataclass
class Plan:
    """A search as the pages need it: the ordered queryset, how it is ordered, and cheap ways
    to page and count it when the match is broad."""

    queryset: QuerySet
    ranking: str                     # the order the results are in: relevance, newest, oldest
    requested: str = "relevance"     # the order asked for
    match: str | None = None         # the backend's match expression (negations included)
    broad: bool = False              # too many matches to rank (RANK_AT_MOST)
    unfiltered: bool = False         # no other filter: the index alone can count the matches
    segments: list[QuerySet] | None = None  # disjoint ordered parts read one after the other
    deep_segments: list[QuerySet] | None = None  # the same parts, for pages from DEEP_PAGE_ROWS on
    dialect: Dialect | None = None
    within: QuerySet | None = None   # the articles the query searched (filters applied, no match)
    few_within: bool = False         # within is those articles by id, at most TEST_EACH_UP_TO of them
    _estimated: int | None = field(default=None, repr=False)  # a request asks for it up to three times

    @property
    def db(self) -> str:
        return self.queryset.db

    def page(self, start: int, size: int, *, related: tuple[str, ...] = ()) -> list:
        """Rows start..start+size; each segment is read with LIMIT, so a broad match stops early."""
        if not self.segments:
            return self._rows(self.queryset, start, size, related=related)
        rows: list = []
        skip = start
        segments = self.segments
        if self.deep_segments and start >= DEEP_PAGE_ROWS and self._sparse():
            segments = self.deep_segments
        for segment in segments:
            want = size - len(rows)
            if want <= 0:
                break
            got = self._rows(segment, skip, want, related=related)
            rows += got
            if len(got) == want:
                break
            # the segment ended inside this page (next one from its start) or before it
            skip = 0 if got or not skip else max(0, skip - segment.count())
        return rows

    def _rows(self, queryset: QuerySet, start: int, size: int, *, related: tuple[str, ...]) -> list:
        # The ordered ids first, then their rows: ordering whole rows makes the database carry
        # every candidate's text through the sort (SQLite) or read it from the table (PostgreSQL).
        ids = list(queryset.values_list("pk", flat=True)[start:start + size])
        rows = queryset.model._default_manager.using(self.db).select_related(*related).in_bulk(ids)
        return [rows[pk] for pk in ids if pk in rows]

    def _sparse(self) -> bool:
        """Under half of the searched articles match: walking to a deep page would test more
        articles one by one than reading the match once costs."""
        return self.estimate() * 2 < (self.within.count() if self.within is not None else 0)

    def count(self) -> int:
        if self.broad and self.unfiltered and self.match and self.dialect is not None:
            return self.dialect.count(self.match, using=self.db)
        return self.queryset.count()

    def id_source(self) -> tuple[str, list] | None:
        """SQL selecting exactly the matching ids, cheaper than the queryset's own when there is
        one: the bare match when nothing else filters (no join with the articles), or, for a
        broad match within a few articles (a place and a year), a test of each of those articles
        instead of reading the whole match (1 s at a million articles on PostgreSQL)."""
        if not self.match or self.dialect is None:
            return None
        if self.unfiltered:
            bare = self.dialect.subquery(self.match, broad=True)
            return bare.sql, list(bare.params)
        if self.broad and self.within is not None:
            if self.few_within:
                tested = self.within.filter(self.dialect.exists(self.match)).order_by().values("pk")
                sql, params = tested.query.sql_with_params()
                return sql, list(params)
        return None

    def estimate(self) -> int:
        """A cheap stand-in for count() when counting ran out of time: the matches in the whole
        archive (from the index alone), no more than the articles the filters leave."""
        if not self.match or self.dialect is None:
            return 0
        if self._estimated is None:
            if not self.unfiltered and self.within is not None:
                # counting the archive's matches stops at the articles the filters leave
                searched = self.within.count()
                found = min(self.dialect.estimate(self.match, using=self.db, at_least=searched), searched)
            else:
                found = self.dialect.estimate(self.match, using=self.db, at_least=None)
            self._estimated = found
        return self._estimated


def plan(queryset: QuerySet, *, parsed: ParsedQuery, entities: Entities, sort: str, dialect: Dialect) -> Plan:
    if sort not in SORTS:
        sort = "relevance"
    if parsed.blank:
        shown = "newest" if sort == "relevance" else sort
        return Plan(order(queryset, sort=shown), ranking=shown, requested=sort)
    unfiltered = not queryset.query.where
    negative = dialect.excluded(parsed)
    if not parsed.clauses:
        # only -words: everything but them
        queryset = queryset.exclude(id__in=dialect.subquery(negative, broad=dialect.is_broad(negative, using=queryset.db)))
        shown = "newest" if sort == "relevance" else sort
        return Plan(order(queryset, sort=shown), ranking=shown, requested=sort)
    positive = dialect.expression(parsed, mode="match")
    match = dialect.but_not(positive, negative) if negative else positive
    using = queryset.db
    broad = dialect.estimate(match, using=using, at_least=RANK_AT_MOST + 1) > RANK_AT_MOST
    few = _filtered_ids(queryset) if broad and not unfiltered else None
    base = queryset
    if few is not None:
        # A broad word within a place and a year: the filters read once, by id, and each of those
        # articles tested against the match. The filters' own query re-read every article of the
        # place to check its date in each of the page, count and facets (3 x 0.2 s at a million).
        base = queryset.model._default_manager.using(using).filter(pk__in=few)
        queryset = base.filter(dialect.exists(match))
    elif dialect.is_broad(match, using=using):
        # Most of the archive matches: a CASE keeps PostgreSQL from turning the IN into a
        # join it would run as 100,000 index probes; it scans articles once, probing a hash.
        queryset = queryset.alias(search_match=Case(
            When(Q(id__in=dialect.subquery(match, broad=True)), then=Value(True)),
            default=Value(False), output_field=BooleanField())).filter(search_match=True)
    else:
        queryset = queryset.filter(id__in=dialect.subquery(match))
    found = Plan(queryset, ranking=sort, requested=sort, match=match, broad=broad, unfiltered=unfiltered,
                 dialect=dialect, within=base, few_within=few is not None)
    if sort == "relevance" and not broad:
        tiers = _tiers(parsed=parsed, entities=entities, dialect=dialect, using=using)
        if not tiers:
            found.queryset, found.ranking = order(queryset, sort="newest"), "newest"
            return found
        score = sum(tiers[1:], tiers[0])
        found.queryset = queryset.annotate(search_rank=score).order_by(
            F("search_rank").desc(), F("published").desc(nulls_last=True), "-id")
        return found
    shown = "newest" if sort == "relevance" else sort
    found.ranking = shown
    found.queryset = order(queryset, sort=shown)
    if not broad:
        return found
    # A broad match is paged from the date index, testing the match article by article: the
    # first pages stop after a few dozen tests. A deep page would test thousands one by one, so
    # deep pages read the match once and walk the date index against it.
    about = _entity_condition(entities) if sort == "relevance" else None
    named = None
    if about is not None:
        found.ranking = "named_first"
    if about is not None and _naming_implies_match(parsed, entities, using=using):
        # one rank for all the named articles: newest first from the date index, each checked
        # against the citations or appearances (not the match: 2 s for 42,000 citing articles,
        # 0.4 s for an official's 5,700 appearances among 37,000 matches, on PostgreSQL)
        found.segments = (dialect.date_segments(base.filter(about), sort=shown)
                          + dialect.date_segments(base.filter(dialect.exists(match)).exclude(about), sort=shown))
    else:
        if about is not None:
            named = _named_matching(base, about=about, match=match, dialect=dialect, matches=found.estimate())
        found.segments = _segments(base.filter(dialect.exists(match)), about=about, entities=entities,
                                   sort=shown, dialect=dialect, named=named)
    if dialect.reads_match_for_deep_pages and few is None:
        # (a few filtered articles are tested one by one on any page: cheaper than the whole match)
        found.deep_segments = _segments(base.filter(id__in=dialect.subquery(match, broad=True)), about=about,
                                        entities=entities, sort=shown, dialect=dialect)
    return found


def _filtered_ids(queryset: QuerySet) -> list[int] | None:
    """The ids the filters leave, when they are at most TEST_EACH_UP_TO (the read stops after one
    more row; no DISTINCT, which PostgreSQL would compute over every row before the limit)."""
    rows = list(queryset.order_by().values_list("pk", flat=True)[:TEST_EACH_UP_TO + 1])
    return sorted(set(rows)) if len(rows) <= TEST_EACH_UP_TO else None


# Testing the match on one article costs 0.1-0.2 ms (FTS5 re-runs the expression for that
# rowid; PostgreSQL reads and checks its tsvector); reading the whole match once costs well under
# a microsecond per matching article on SQLite, a few on PostgreSQL. So the articles a query names
# are tested one by one only while they are fewer than 1/NAMED_TESTS_PER_MATCH of the matches.
NAMED_TESTS_PER_MATCH = 100


def _naming_implies_match(parsed: ParsedQuery, entities: Entities, *, using: str) -> bool:
    """Whether every article the query names matches it, so that they can be listed without
    testing the match: the query names documents only or officials only, has no -word, and each
    clause is met by what the index holds for every one of them in each article linked to it
    (a document's keyword token, an official's name)."""
    if (parsed.excluded or not parsed.clauses or entities.locality_ids
            or bool(entities.resolution_ids) == bool(entities.official_ids)):
        return False
    if entities.resolution_ids:
        indexed = [(token,) for token in entities.doc_tokens]
    else:
        from archive.models import Official

        indexed = [_folded_tokens(name) for name in
                   Official.objects.using(using).filter(id__in=entities.official_ids).values_list("name", flat=True)]
    return bool(indexed) and all(_met_by(clause.node, tokens) for clause in parsed.clauses for tokens in indexed)


def _met_by(node: Node, indexed: tuple[str, ...]) -> bool:
    """Whether these indexed tokens alone satisfy this part of a query (a phrase: adjacent in them)."""
    if isinstance(node, Term):
        size = len(node.folded)
        return size > 0 and any(
            indexed[i:i + size] == node.folded for i in range(len(indexed) - size + 1))
    if isinstance(node, AnyOf):
        return any(_met_by(option, indexed) for option in node.options)
    return all(_met_by(item, indexed) for item in node.items)


def _named_matching(base: QuerySet, *, about: Q, match: str, dialect: Dialect, matches: int) -> QuerySet | None:
    """The matching articles among those the query names, read through the whole match when
    they are many (a document cited by 40,000 articles: 0.2 s instead of 8 s); None when few."""
    limit = max(1, int(matches / NAMED_TESTS_PER_MATCH))
    if base.filter(about).order_by().values("pk")[:limit + 1].count() <= limit:  # stops after limit+1 rows
        return None
    return base.filter(about).filter(id__in=dialect.subquery(match, broad=True))


def _segments(matching: QuerySet, *, about: Q | None, entities: Entities, sort: str, dialect: Dialect,
              named: QuerySet | None = None) -> list:
    segments = []
    if about is not None:
        # what the query names comes first, ranked, then the rest
        tiers = _entity_tiers(entities)
        named = named if named is not None else matching.filter(about)
        segments.append(named.annotate(search_rank=sum(tiers[1:], tiers[0])).order_by(
            F("search_rank").desc(), F("published").desc(nulls_last=True), "-id"))
        matching = matching.exclude(about)
    return segments + dialect.date_segments(matching, sort=sort)


def _entity_parts(entities: Entities) -> list[tuple[Q, int]]:
    """What the query names, as (articles, weight): cites the document, shows the official,
    is about the place (or names it)."""
    from archive.models import Appearance, ArticleLocality, Citation

    parts = []
    if entities.resolution_ids:
        citing = Citation.objects.filter(resolution_id__in=entities.resolution_ids).values("article_id")
        parts.append((Q(id__in=citing), ENTITY_WEIGHT))
    if entities.official_ids:
        appearing = Appearance.objects.filter(official_id__in=entities.official_ids).values("article_id")
        parts.append((Q(id__in=appearing), ENTITY_WEIGHT))
    if entities.locality_ids:
        primary = ArticleLocality.objects.filter(locality_id__in=entities.locality_ids, is_primary=True)
        linked = ArticleLocality.objects.filter(locality_id__in=entities.locality_ids)
        parts.append((Q(primary_locality_id__in=entities.locality_ids) | Q(id__in=primary.values("article_id")),
                      ENTITY_WEIGHT))
        parts.append((Q(id__in=linked.values("article_id")), LOCALITY_LINK_WEIGHT))
    return parts


def _entity_condition(entities: Entities) -> Q | None:
    parts = _entity_parts(entities)
    if not parts:
        return None
    condition = parts[0][0]
    for part, _ in parts[1:]:
        condition |= part
    return condition


def _tier(condition: Q, weight: int) -> Case:
    return Case(When(condition, then=Value(weight)), default=Value(0), output_field=IntegerField())


def _entity_tiers(entities: Entities) -> list:
    return [_tier(condition, weight) for condition, weight in _entity_parts(entities)]


def _tiers(*, parsed: ParsedQuery, entities: Entities, dialect: Dialect, using: str) -> list:
    def matching(expression: str, *, mode: str = "match"):
        # each tier is judged on its own: "cán bộ -x" can match little while "cán bộ" matches all
        broad = dialect.is_broad(expression, using=using, column="title" if mode == "title" else "document")
        return Q(id__in=dialect.subquery(expression, mode=mode, broad=broad))

    tier = _tier
    tiers = _entity_tiers(entities)
    title = dialect.expression(parsed, mode="title")
    if title:
        tiers.append(tier(matching(title, mode="title"), TITLE_WEIGHT))
    if parsed.accented:
        exact = dialect.expression(parsed, mode="exact")
        if exact:
            tiers.append(tier(matching(exact), EXACT_WEIGHT))
    phrase = _whole_phrase(parsed)
    if phrase is not None:
        # Adjacency is checked in the title only: in the body it makes PostgreSQL detoast
        # every candidate's positions (seconds for a common phrase on 100,000 articles).
        tiers.append(tier(matching(dialect.term(phrase, mode="title"), mode="title"), PHRASE_WEIGHT))
    return tiers


def _whole_phrase(parsed: ParsedQuery) -> Term | None:
    """The query's words as one phrase, when it is two or more plain words: adjacent in a title ranks higher."""
    if len(parsed.clauses) < 2 or not all(isinstance(c.node, Term) for c in parsed.clauses):
        return None
    pairs = [(f, e) for c in parsed.clauses for f, e in zip(c.node.folded, c.node.exact)]
    return Term.of(pairs)
