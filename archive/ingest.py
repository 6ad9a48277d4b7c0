"""Loading scraped article files into the database.

Worker processes read, hash, extract and tokenize the files (file_workers.py);
this process only writes, in batches: one transaction, bulk inserts of the
articles and their links, and one search-index call per batch. A batch that fails is written again one file per
transaction, so one bad file never stops or rolls back the others, and an
interrupted load leaves every committed file complete. Re-loading is idempotent:
a file whose normalised text has not changed is left alone, and editors'
corrections are never overwritten.
"""
from __future__ import annotations

import logging
import os
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, Iterator

from django.conf import settings
from django.db import connections, router, transaction

from . import search
from .extraction import ExtractionResult
from .extraction.gazetteer import load_gazetteer
from .extraction.result import DocumentMention, OfficialMention, PlaceMention
from .extraction.text import fold, slugify
from .bulk import insert_rows
from .file_workers import FileJob, FilePool, FileWork
from .search.base import ArticleWords
from .models import (
    Appearance,
    Article,
    ArticleLocality,
    Citation,
    Locality,
    Official,
    OfficialAlias,
    Resolution,
)

log = logging.getLogger(__name__)

STATUSES = ("loaded", "updated", "unchanged", "duplicate", "rejected")


class _LoadCache:
    """Rows looked up while loading, by natural key.

    A big load reads every place, official and document once (`prime`); from then on
    a key that is not here is not in the database, so a new official costs one INSERT
    instead of three lookups. Cleared, and no longer trusted to be complete, whenever
    a transaction rolls back, so it never holds a row that is gone.
    """

    PRIMED = ("locality", "official", "resolution")

    def __init__(self) -> None:
        self.rows: dict[tuple, object] = {}
        self.slugs: dict[type, set[str]] = {}
        self.complete = False

    def clear(self) -> None:
        self.rows.clear()
        self.slugs.clear()
        self.complete = False

    def get(self, key: tuple, find: Callable[[], object]):
        if key in self.rows:
            return self.rows[key]
        if self.complete and key[0] in self.PRIMED:
            return None
        row = find()
        if row is not None:
            self.rows[key] = row
        return row

    def put(self, key: tuple, row) -> None:
        self.rows[key] = row

    def prime(self) -> None:
        self.clear()
        for locality in Locality.objects.all():
            self.rows[("locality-id", locality.pk)] = locality
            if locality.code:
                self.rows[("locality", locality.code)] = locality
        # The lookup official_for() makes: an alias first, else the oldest official of that name.
        for official in Official.objects.only("id", "name", "folded_name", "slug", "home_locality_id").order_by("-pk"):
            self.rows[("official", official.folded_name, official.home_locality_id)] = official
        for alias in OfficialAlias.objects.select_related("official").order_by("-pk"):
            self.rows[("official", alias.folded_name, alias.home_locality_id)] = alias.official
        for resolution in Resolution.objects.all():
            self.rows[("resolution", resolution.key)] = resolution
        self.slugs = {model: set(model.objects.values_list("slug", flat=True))
                      for model in (Locality, Official, Resolution)}
        self.complete = True

    def slug_taken(self, model, slug: str) -> bool:
        if self.complete:
            return slug in self.slugs[model]
        return model.objects.filter(slug=slug).exists()

    def claim_slug(self, model, slug: str) -> str:
        if self.complete:
            self.slugs[model].add(slug)
        return slug


_cache = _LoadCache()


@dataclass
class FileOutcome:
    path: Path
    status: str
    reason: str = ""
    article_id: int | None = None

    def line(self) -> str:
        text = f"{self.status:9} {self.path}"
        return f"{text}: {self.reason}" if self.reason else text


@dataclass
class IngestReport:
    """Counts of each status, the rejected files, and (unless told not to) every outcome.

    The command streams outcomes as they come and keeps none, so a million files
    cost no memory here.
    """

    keep_outcomes: bool = True
    outcomes: list[FileOutcome] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    rejected: list[FileOutcome] = field(default_factory=list)
    optimized_seconds: float | None = None  # how long merging the search index took, if it ran

    def add(self, outcome: FileOutcome) -> None:
        self.counts[outcome.status] += 1
        if outcome.status == "rejected":
            self.rejected.append(outcome)
        if self.keep_outcomes:
            self.outcomes.append(outcome)

    def summary(self) -> str:
        parts = ", ".join(f"{self.counts.get(s, 0)} {s}" for s in STATUSES)
        merged = "" if self.optimized_seconds is None else f"; search index merged in {self.optimized_seconds:.1f} s"
        return f"{sum(self.counts.values())} files: {parts}{merged}"


def iter_text_files(paths: Iterable[str | Path]) -> Iterator[Path | FileOutcome]:
    """Every .txt file under the given paths, in a stable order; missing paths as outcomes.

    A folder is walked one directory at a time (its files sorted, then its sorted
    subfolders), so a million files are never listed in memory at once.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for folder, subfolders, names in os.walk(path):
                subfolders.sort()
                for name in sorted(names):
                    if name.lower().endswith(".txt") and os.path.isfile(os.path.join(folder, name)):
                        yield Path(folder, name)
        elif path.is_file():
            yield path
        else:
            yield FileOutcome(path=path, status="rejected", reason="no such file or folder")


BATCH_SIZE = 200  # files written per transaction


@dataclass
class _Batch:
    items: list[Path | FileOutcome]  # in order; missing paths already have their outcome
    stored: dict[str, tuple[str, int]]  # file name -> (content hash, article id) already loaded
    answers: object  # the file pool's handle: a FileWork per Path item


def ingest_paths(
    paths: Iterable[str | Path],
    *,
    max_bytes: int | None = None,
    force: bool = False,
    on_outcome: Callable[[FileOutcome], None] | None = None,
    batch_size: int = BATCH_SIZE,
    workers: int = 1,
    keep_outcomes: bool = True,
    optimize: bool | None = None,
) -> IngestReport:
    """Load files; `force` re-extracts unchanged files too (after the extractor improved).

    `optimize`: merge the search index when done (see optimize_index); None does it after a
    load that wrote a good part of the archive (`should_optimize`).

    Files are written `batch_size` to a transaction while the next batch is extracted
    (in `workers` processes). A batch that fails is written again one file per
    transaction, so one bad file never rolls back another. `on_outcome` hears of each
    file once its transaction is committed.
    """
    max_bytes = max_bytes or settings.ARCHIVE_MAX_FILE_BYTES
    _cache.clear()
    report = IngestReport(keep_outcomes=keep_outcomes)

    def finish(batch: _Batch) -> None:
        for outcome in _write_batch(batch, force=force):
            report.add(outcome)
            if on_outcome:
                on_outcome(outcome)
        statistics.after_writing(report.counts.get("loaded", 0) + report.counts.get("updated", 0))

    db = router.db_for_write(Article)
    statistics = PlannerStatistics(using=db)
    with FilePool(workers) as pool:
        waiting: deque[_Batch] = deque()
        for number, files in enumerate(_chunks(iter_text_files(paths), max(1, batch_size))):
            if number >= 1 and not _cache.complete:  # a big load: read what exists once
                _cache.prime()
            waiting.append(_start_batch(files, pool=pool, max_bytes=max_bytes, force=force))
            if len(waiting) > 1:  # write one batch while the next is being extracted
                finish(waiting.popleft())
        while waiting:
            finish(waiting.popleft())
    written = report.counts.get("loaded", 0) + report.counts.get("updated", 0)
    if optimize or (optimize is None and should_optimize(written=written, total=Article.objects.using(db).count())):
        started = time.perf_counter()
        search.optimize_index(using=db)
        report.optimized_seconds = time.perf_counter() - started
    return report


class PlannerStatistics:
    """ANALYZE the tables a load writes each time the load has doubled the archive (PostgreSQL).

    The loader looks rows up by `article_id IN (200 ids)`. PostgreSQL plans that from the
    table's statistics; a table never analyzed (a new archive, autovacuum off or behind a
    fast load) gets a guess that every row matches, so each batch read whole link tables:
    the load slowed as the archive grew, from 230 articles/s to 115 by 530,000 (133 ms
    against 1.3 ms per lookup at 250,000). Doubling keeps it to ten ANALYZEs for a million
    articles, about a second each at 250,000. SQLite plans these lookups on the indexes
    without statistics.
    """

    FIRST_AFTER = 1_000  # articles written before the first ANALYZE

    def __init__(self, *, using: str) -> None:
        self.using = using
        self.enabled = connections[using].vendor == "postgresql"
        self.next_at = self.FIRST_AFTER
        self.runs = 0

    def after_writing(self, written: int) -> None:
        if not self.enabled or written < self.next_at:
            return
        tables = [model._meta.db_table for model in LOADED_MODELS]
        with connections[self.using].cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(connections[self.using].ops.quote_name(t) for t in tables))
        self.runs += 1
        self.next_at = written + max(self.FIRST_AFTER, Article.objects.using(self.using).count())


LOADED_MODELS = (Article, ArticleLocality, Appearance, Citation, Locality, Official, OfficialAlias, Resolution)


# Merging the index rewrites all of it (about 8 s at 100,000 articles): worth it after a load
# that wrote a tenth of the archive, not after each day's few hundred articles.
OPTIMIZE_SHARE = 0.1
OPTIMIZE_AT_LEAST = 1_000


def should_optimize(*, written: int, total: int) -> bool:
    return written >= OPTIMIZE_AT_LEAST and written >= OPTIMIZE_SHARE * total


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _start_batch(files: list, *, pool: FilePool, max_bytes: int, force: bool) -> _Batch:
    """Send the files to the pool with the hash stored for each name, so unchanged ones stop there."""
    paths = [f for f in files if isinstance(f, Path)]
    stored = {
        name: (digest, pk)
        for name, digest, pk in Article.objects.filter(file_name__in=[p.name for p in paths])
        .values_list("file_name", "content_hash", "id")
    }
    jobs = [FileJob(path=str(p), stored_digest=stored.get(p.name, (None,))[0], force=force, max_bytes=max_bytes)
            for p in paths]
    return _Batch(items=files, stored=stored, answers=pool.submit(jobs))


class _OneAtATime(Exception):
    """The batch holds a case only the file-by-file path decides right (a name twice)."""


def _write_batch(batch: _Batch, *, force: bool) -> list[FileOutcome]:
    outcomes: dict[int, FileOutcome] = {}  # by position in the batch
    ready: list[tuple[int, Path, FileWork]] = []
    works = iter(batch.answers.get())
    for position, item in enumerate(batch.items):
        if isinstance(item, FileOutcome):
            outcomes[position] = item
            continue
        work = next(works)
        if work.status == "extracted":
            ready.append((position, item, work))
        elif work.status == "unchanged":
            outcomes[position] = FileOutcome(path=item, status="unchanged", article_id=batch.stored[item.name][1])
        elif work.status == "failed":
            log.error("extraction failed for %s: %s", item, work.reason)
            outcomes[position] = FileOutcome(path=item, status="rejected", reason=f"internal error: {work.reason}")
        else:
            outcomes[position] = FileOutcome(path=item, status="rejected", reason=work.reason)
    if ready:
        files = [(path, work) for _, path, work in ready]
        try:
            with transaction.atomic():
                written = _write(files, force=force)
        except Exception as exc:  # noqa: BLE001 - retried file by file below, where each error is reported
            _cache.clear()
            if not isinstance(exc, _OneAtATime):
                log.warning("a batch of %d files failed (%s); writing them one by one", len(files), exc)
            written = [_write_one(path, work, force=force) for path, work in files]
        outcomes.update((position, outcome) for (position, _, _), outcome in zip(ready, written))
    return [outcomes[position] for position in range(len(batch.items))]


def _write_one(path: Path, work: FileWork, *, force: bool) -> FileOutcome:
    try:
        with transaction.atomic():
            return _write([(path, work)], force=force)[0]
    except Exception as exc:  # one bad file must never stop the load: report it and go on
        _cache.clear()
        log.exception("failed to load %s", path)
        return FileOutcome(path=path, status="rejected", reason=f"internal error: {type(exc).__name__}: {exc}")


def _write(ready: list[tuple[Path, FileWork]], *, force: bool) -> list[FileOutcome]:
    """Save extracted files inside the caller's transaction; their outcomes in order.

    What is in the database is checked here, at write time, so the batches ahead of
    this one (and other loaders) are seen: unchanged files, duplicates of another file.
    """
    names = [path.name for path, _ in ready]
    if len(set(names)) < len(names):
        raise _OneAtATime()
    existing = {a.file_name: a for a in Article.objects.filter(file_name__in=names)}
    stored_by_digest: dict[str, list[tuple[str, int]]] = {}
    for name, digest, pk in Article.objects.filter(content_hash__in={w.digest for _, w in ready}).values_list(
            "file_name", "content_hash", "id").order_by("id"):
        stored_by_digest.setdefault(digest, []).append((name, pk))

    outcomes: list[FileOutcome | None] = []
    to_save: list[tuple[int, Path, FileWork, Article | None]] = []
    first_in_batch: dict[str, str] = {}  # content hash -> file name
    for path, work in ready:
        article = existing.get(path.name)
        if article and article.content_hash == work.digest and not force:
            outcomes.append(FileOutcome(path=path, status="unchanged", article_id=article.pk))
            continue
        twin = next(((n, pk) for n, pk in stored_by_digest.get(work.digest, []) if n != path.name), None)
        if twin is None and work.digest in first_in_batch:
            twin = (first_in_batch[work.digest], None)
        if twin:
            outcomes.append(FileOutcome(path=path, status="duplicate", reason=f"same text as {twin[0]}",
                                        article_id=twin[1]))
            continue
        first_in_batch.setdefault(work.digest, path.name)
        to_save.append((len(outcomes), path, work, article))
        outcomes.append(None)

    saved = save_articles([ArticleInput(result=work.result, original_text=work.text, digest=work.digest,
                                        article=article, words=work.words, extraction_json=work.json)
                          for _, _, work, article in to_save])
    by_digest = {}
    for (slot, path, work, article), row in zip(to_save, saved):
        outcomes[slot] = FileOutcome(path=path, status="updated" if article else "loaded", article_id=row.pk)
        by_digest[work.digest] = row.pk
    for outcome, (_, work) in zip(outcomes, ready):
        if outcome.status == "duplicate" and outcome.article_id is None:
            outcome.article_id = by_digest.get(work.digest)
    return outcomes


@dataclass
class ArticleInput:
    result: ExtractionResult
    original_text: str
    digest: str
    article: Article | None = None  # the stored article this file updates
    words: ArticleWords | None = None  # its tokens for the search index, if already computed
    extraction_json: dict | None = None  # result.to_json(), if already computed


def save_article(*, result: ExtractionResult, original_text: str, digest: str, article: Article | None = None) -> Article:
    """Create or update one article and its links from an extraction result."""
    return save_articles([ArticleInput(result=result, original_text=original_text, digest=digest, article=article)])[0]


def save_articles(inputs: list[ArticleInput]) -> list[Article]:
    """Create or update articles and their links, in bulk, and index them once.

    Fields and links an editor corrected (Article.edited_fields, `edited` links) are kept.
    Runs inside the caller's transaction.
    """
    articles, places_of = [], []
    for item in inputs:
        article = item.article or Article(file_name=item.result.file)
        places = _localities(item.result)
        _set_fields(article, item, primary=places[0][1] if item.result.primary_locality else None)
        articles.append(article)
        places_of.append(places)
    updated = [a for a in articles if a.pk is not None]
    insert_rows([a for a in articles if a.pk is None])
    for article in updated:
        article.save()

    edited = {a.pk: set(a.edited_fields or []) for a in articles}
    kept = _edited_links([a.pk for a in updated], edited)

    locality_rows, appearance_rows, citation_rows = [], [], []
    for article, item, places in zip(articles, inputs, places_of):
        fields = edited[article.pk]
        home = _province_of(article.primary_locality)
        primary = places[0][1] if item.result.primary_locality else None
        if "localities" not in fields:
            locality_rows += _locality_links(article, places=places, primary=primary,
                                             kept=kept["localities"].get(article.pk, set()))
        if "officials" not in fields:
            appearance_rows += _appearances(article, officials=item.result.officials, home=home,
                                            pinned=kept["officials"].get(article.pk, {}))
        if "resolutions" not in fields:
            citation_rows += _citations(article, documents=item.result.resolutions, home=home,
                                        kept=kept["resolutions"].get(article.pk, set()))
    insert_rows(locality_rows)
    insert_rows(appearance_rows)
    insert_rows(citation_rows)
    # Tokens computed by the workers hold for the extracted title; an editor's title is tokenized anew.
    words = {a.pk: item.words for a, item in zip(articles, inputs) if item.words and a.title == item.result.title}
    search.index_articles([a.pk for a in articles], words=words)
    return articles


def _set_fields(article: Article, item: ArticleInput, *, primary: Locality | None) -> None:
    result, edited = item.result, set(article.edited_fields or [])
    article.original_text = item.original_text
    article.content_hash = item.digest
    article.paragraphs = result.paragraphs
    article.captions = result.captions
    article.extraction = item.extraction_json or result.to_json()
    if "title" not in edited:
        article.title = result.title
    if "published" not in edited:
        published = result.published
        article.published = published.date() if isinstance(published, datetime) else published
        article.published_time = published.time() if isinstance(published, datetime) else None
    if "authors" not in edited:
        article.authors = result.authors
    if "source" not in edited:
        article.source = result.source
    if "primary_locality" not in edited:
        article.primary_locality = primary


def _edited_links(article_ids: list[int], edited: dict[int, set[str]]) -> dict[str, dict]:
    """For articles loaded before: the links an editor set (kept), after deleting the others.

    A list an editor corrected as a whole (its name in edited_fields) is not touched at all.
    """
    kept: dict[str, dict] = {"localities": {}, "officials": {}, "resolutions": {}}
    if not article_ids:
        return kept
    open_for = {field: [pk for pk in article_ids if field not in edited[pk]]
                for field in ("localities", "officials", "resolutions")}
    for article_id, locality_id in ArticleLocality.objects.filter(
            article_id__in=open_for["localities"], edited=True).values_list("article_id", "locality_id"):
        kept["localities"].setdefault(article_id, set()).add(locality_id)
    ArticleLocality.objects.filter(article_id__in=open_for["localities"], edited=False).delete()
    # Names an editor already placed in an article stay with the official they chose.
    for appearance in Appearance.objects.filter(article_id__in=open_for["officials"], edited=True).select_related(
            "official").prefetch_related("official__alias_rows"):
        pinned = kept["officials"].setdefault(appearance.article_id, {})
        pinned[appearance.official.folded_name] = appearance.official_id
        for alias in appearance.official.alias_rows.all():
            pinned[alias.folded_name] = appearance.official_id
    Appearance.objects.filter(article_id__in=open_for["officials"], edited=False).delete()
    for article_id, resolution_id in Citation.objects.filter(
            article_id__in=open_for["resolutions"], edited=True).values_list("article_id", "resolution_id"):
        kept["resolutions"].setdefault(article_id, set()).add(resolution_id)
    Citation.objects.filter(article_id__in=open_for["resolutions"], edited=False).delete()
    return kept


# --- places -----------------------------------------------------------------

PROVINCE_CITIES = {"ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue"}


def _place_key(place: PlaceMention) -> str:
    return place.code or f"{fold(place.kind)}:{fold(place.province)}:{fold(place.district)}:{fold(place.name)}"


def _localities(result: ExtractionResult) -> list[tuple[PlaceMention, Locality]]:
    """Each distinct place with its row, the primary first."""
    places = list(result.localities)
    if result.primary_locality:
        places.insert(0, result.primary_locality)
    found: dict[str, tuple[PlaceMention, Locality]] = {}
    for place in places:
        key = _place_key(place)
        if key not in found:
            found[key] = (place, locality_for(place))
    return list({loc.pk: (place, loc) for place, loc in found.values()}.values())


def locality_for(place: PlaceMention) -> Locality:
    """The Locality row for a place, creating it and its parents from the gazetteer."""
    province = None
    if place.province and place.province_code and place.province_code != place.code:
        kind = "thành phố" if fold(place.province) in PROVINCE_CITIES else "tỉnh"
        province = _get_or_create_locality(name=place.province, kind=kind, code=place.province_code, parent=None, level=1)
    district = None
    if place.district and place.district_code and place.district_code != place.code:
        district = _get_or_create_locality(
            name=place.district, kind=_unit_kind(place.district_code) or "huyện",
            code=place.district_code, parent=province, level=2,
        )
    parent = district or province
    level = 3 if district else (2 if province else 1)
    return _get_or_create_locality(
        name=place.name, kind=place.kind or "tỉnh", code=place.code, parent=parent, level=level, new_name=place.new_name
    )


def _unit_kind(code: str) -> str:
    unit = load_gazetteer().get("D", code=code)
    return unit.kind if unit else ""


def _province_of(locality: Locality | None) -> Locality | None:
    """The top of the locality's chain of parents (itself for a province)."""
    node = locality
    for _ in range(4):
        if node is None or node.parent_id is None:
            break
        parent_id = node.parent_id
        node = _cache.get(("locality-id", parent_id), lambda: Locality.objects.get(pk=parent_id))
    return node


def _get_or_create_locality(*, name: str, kind: str, code: str, parent: Locality | None, level: int, new_name: str = "") -> Locality:
    if code:
        existing = _cache.get(("locality", code), lambda: Locality.objects.filter(code=code).first())
    else:
        existing = Locality.objects.filter(folded_name=fold(name), kind=kind, parent=parent).first()
    if existing:
        if new_name and not existing.new_name:
            existing.new_name = new_name
            existing.save(update_fields=["new_name"])
        return existing
    locality = Locality(name=name, kind=kind, code=code, parent=parent, level=level, new_name=new_name)
    locality.slug = _unique_slug(Locality, slugify(name) or "noi", parent.slug if parent else "", code)
    locality.save()
    _cache.put(("locality-id", locality.pk), locality)
    if code:
        _cache.put(("locality", code), locality)
    return locality


def _unique_slug(model, base: str, qualifier: str, tiebreak: str) -> str:
    """base, else base-qualifier, else base-qualifier-tiebreak (then a counter)."""
    candidates = [base]
    if qualifier:
        candidates.append(f"{base}-{qualifier}")
    if tiebreak:
        candidates.append(f"{candidates[-1]}-{slugify(tiebreak)}")
    for candidate in candidates:
        if candidate and not _cache.slug_taken(model, candidate):
            return _cache.claim_slug(model, candidate)
    n = 2
    while _cache.slug_taken(model, f"{candidates[-1]}-{n}"):
        n += 1
    return _cache.claim_slug(model, f"{candidates[-1]}-{n}")


def _locality_links(article: Article, *, places: list[tuple[PlaceMention, Locality]], primary: Locality | None,
                    kept: set[int]) -> list[ArticleLocality]:
    return [
        ArticleLocality(article=article, locality=loc, mention=(place.mention or place.name)[:200], is_primary=loc == primary)
        for place, loc in places if loc.pk not in kept
    ]


# --- officials --------------------------------------------------------------

# Officials of the centre act everywhere: one person whatever the province. Anyone
# who also holds a post in a local committee belongs to that province.
NATIONAL_WORDS = ("trung uong", "bo chinh tri", "ban bi thu", "quoc hoi", "chinh phu",
                  "thu tuong", "bo truong", "thu truong", "chu tich nuoc", "tong bi thu")
LOCAL_WORDS = ("tinh", "thanh pho", "tp", "huyen", "quan", "thi xa", "phuong", "xa", "thi tran",
               "tinh uy", "thanh uy", "huyen uy", "quan uy", "thi uy", "dang uy", "ubnd", "hdnd")


def is_national(positions: list[str]) -> bool:
    words = [f" {fold(p)} " for p in positions]
    central = any(f" {w} " in p for p in words for w in NATIONAL_WORDS)
    local = any(f" {w} " in p for p in words for w in LOCAL_WORDS)
    return central and not local


def official_for(*, name: str, home: Locality | None) -> Official:
    folded = fold(name)
    key = ("official", folded, home.pk if home else None)

    def find() -> Official | None:
        alias = OfficialAlias.objects.filter(folded_name=folded, home_locality=home).select_related("official").first()
        if alias:
            return alias.official
        return Official.objects.filter(folded_name=folded, home_locality=home).order_by("pk").first()

    official = _cache.get(key, find)
    if official:
        return official
    official = Official(name=name, home_locality=home)
    official.slug = _unique_slug(Official, slugify(name) or "dong-chi", home.slug if home else "", "")
    official.save()
    _cache.put(key, official)
    return official


def _appearances(article: Article, *, officials: list[OfficialMention], home: Locality | None,
                 pinned: dict[str, int]) -> list[Appearance]:
    rows, seen = [], set(pinned.values())
    for order, mention in enumerate(officials):
        if fold(mention.name) in pinned:
            continue
        official = official_for(name=mention.name, home=None if is_national(mention.positions) else home)
        if official.pk in seen:
            continue
        seen.add(official.pk)
        rows.append(Appearance(
            article=article, official=official, positions=list(mention.positions), order=order,
            mention=mention.mention[:2000], confidence=mention.confidence,
        ))
    return rows


# --- documents --------------------------------------------------------------

CENTRAL_ISSUERS = {"TW", "BCT", "BBT", "QH", "CP", "TTG", "BCĐTW", ""}


def resolution_for(document: DocumentMention, *, home: Locality | None) -> Resolution:
    code = document.code or f"{document.kind} {document.number}".strip()
    local = bool(document.issuer) and document.issuer.upper() not in CENTRAL_ISSUERS and not document.in_catalog
    key = f"{code}@{home.slug}" if local and home else code
    resolution = _cache.get(("resolution", key), lambda: Resolution.objects.filter(key=key).first())
    changed = resolution is None
    if resolution is None:
        resolution = Resolution(
            key=key, code=code, kind=document.kind, number=document.number, issuer=document.issuer,
            term=document.term, issued=document.issued, title=document.title,
            in_catalog=document.in_catalog, locality=home if local else None,
        )
        resolution.slug = _unique_slug(Resolution, slugify(code) or "van-ban", home.slug if local and home else "", "")
    new_aliases = [m for m in dict.fromkeys(document.mentions) if m and m not in resolution.aliases]
    if new_aliases:
        resolution.aliases = [*resolution.aliases, *new_aliases]
        changed = True
    if document.in_catalog and not resolution.in_catalog:
        resolution.in_catalog = True
        resolution.title = resolution.title or document.title
        resolution.issued = resolution.issued or document.issued
        resolution.term = resolution.term or document.term
        changed = True
    if changed:
        resolution.save()
        _cache.put(("resolution", key), resolution)
    return resolution


def _citations(article: Article, *, documents: list[DocumentMention], home: Locality | None,
               kept: set[int]) -> list[Citation]:
    rows, seen = [], set(kept)
    for document in documents:
        resolution = resolution_for(document, home=home)
        if resolution.pk in seen:
            continue
        seen.add(resolution.pk)
        rows.append(Citation(article=article, resolution=resolution, mentions=list(document.mentions),
                             sentence=document.sentence[:2000]))
    return rows
