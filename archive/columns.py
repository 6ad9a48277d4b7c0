"""Facet counts from integer columns held in memory, one snapshot per data version and process.

Counting a facet in SQL joins every match with its links and groups the rows: 1.2 s on
SQLite and 3 s on PostgreSQL for a word found in most of 1,000,000 articles. Over integer
arrays the same count is a masked bincount, milliseconds. So each process keeps the
archive's facet keys as NumPy arrays: the article ids in order, each article's month and
source as small codes, and (article, value) pairs for places (every level above a named
place included), documents and officials. A request reads only the ids of its matches from
the database, as one string, and counts in memory.

A snapshot is labelled with the data version it was read at (facets.data_version) and used
only while the archive still has that version; a small archive is snapshotted in the request,
a large one (seconds) in a background thread, the facets counting in SQL until it is ready.
Edits that add no row do not change the version: a snapshot is refreshed after
ARCHIVE_CACHE_SECONDS, the time any cached count may lag behind such an edit.
"""
from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from django.conf import settings
from django.db import connections, transaction
from django.db.models import QuerySet

from .models import Appearance, Article, ArticleLocality, Citation, Locality

log = logging.getLogger(__name__)

# Links are read in slices of this many article ids, so no single aggregated string gets near
# SQLite's 1 GB limit and the text of one slice is all that is held besides the arrays.
READ_SLICE_IDS = 250_000
NO_PLACE = -2   # parents[pk] for a primary key no place has
NO_PARENT = -1  # parents[pk] for a province (the top of the tree)
DENSE_IDS_FACTOR = 4  # Snapshot.positions_by_id: no array longer than 4 entries per article
ANCESTOR_LEVELS = 3  # a named place counts for up to three places above it (ward, district, province)


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """Ascending, each value once: a plain sort, which is several times faster than np.unique's
    hashing (NumPy 2.3+) on millions of integers. Ids read from SQLite's index come ascending
    already: checked in a millisecond, the sort (50 ms per million) is skipped."""
    if len(values) < 2 or bool(np.all(values[1:] > values[:-1])):
        return values
    ordered = np.sort(values)
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


@dataclass(frozen=True)
class Selection:
    """The matching articles of one request, as a mask over a snapshot's articles, with the
    positions every count reads: those of the matches, or of the others when those are fewer
    (`rest`; a count over most of the archive is the whole archive's count less theirs).
    Made once per request and shared by every facet."""

    mask: np.ndarray
    positions: np.ndarray
    rest: bool

    @classmethod
    def of(cls, mask: np.ndarray) -> Selection:
        rest = int(np.count_nonzero(mask)) * 2 > len(mask)
        return cls(mask=mask, positions=np.flatnonzero(~mask if rest else mask), rest=rest)

    @property
    def total(self) -> int:
        return len(self.mask) - len(self.positions) if self.rest else len(self.positions)

    def count(self, counted: np.ndarray, whole: np.ndarray) -> np.ndarray:
        """Per-value counts of the matches from those of `positions` and of the whole archive."""
        return whole - counted if self.rest else counted


@dataclass(frozen=True)
class Links:
    """Each article's linked ids (one row per pair), grouped by article: the links of article
    position p are values[offsets[p]:offsets[p + 1]]. A pair is unique, so counting pairs counts
    articles."""

    offsets: np.ndarray   # int64, one more than the snapshot's articles
    values: np.ndarray    # int32 primary keys of the linked rows
    size: int             # largest primary key + 1
    whole: np.ndarray     # articles per linked id over the whole archive

    @classmethod
    def of(cls, articles: np.ndarray, values: np.ndarray, *, article_count: int, size: int = 1) -> Links:
        size = max(size, int(values.max()) + 1 if len(values) else 1)
        key = sorted_unique(articles.astype(np.int64) * size + values)  # sorted by article, pairs once
        articles, values = key // size, (key % size).astype(np.int32)
        offsets = np.zeros(article_count + 1, dtype=np.int64)
        np.cumsum(np.bincount(articles, minlength=article_count), out=offsets[1:])
        return cls(offsets=offsets, values=values, size=size, whole=np.bincount(values, minlength=size))

    def _counts_at(self, positions: np.ndarray) -> np.ndarray:
        starts = self.offsets[positions]
        lengths = self.offsets[positions + 1] - starts
        # the row numbers of every link of these articles, without a Python loop
        rows = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths) + np.arange(int(lengths.sum()))
        return np.bincount(self.values[rows], minlength=self.size)

    def counts(self, selection: Selection) -> np.ndarray:
        """Matching articles per linked id (index = primary key); reads the links of the matching
        articles or of the others, whichever are fewer."""
        return selection.count(self._counts_at(selection.positions), self.whole)


@dataclass(frozen=True)
class Snapshot:
    version: str
    using: str
    made: float              # time.monotonic() when read
    ids: np.ndarray          # int64 article primary keys, ascending
    tally_codes: np.ndarray  # int32 per article: period code * len(source_names) + source code
    tally_whole: np.ndarray  # articles per tally code over the whole archive
    period_keys: list        # (year, month), (None, None) for undated
    source_names: list[str]
    places: Links            # every place an article names and the places above it
    parents: np.ndarray      # int32 parent id per place primary key (NO_PARENT, NO_PLACE)
    documents: Links
    officials: Links

    @property
    def size(self) -> int:
        return len(self.ids)

    @property
    def nbytes(self) -> int:
        arrays = [self.ids, self.tally_codes, self.tally_whole, self.parents]
        for links in (self.places, self.documents, self.officials):
            arrays += [links.offsets, links.values, links.whole]
        if self.positions_by_id is not None:
            arrays.append(self.positions_by_id)
        return sum(a.nbytes for a in arrays)

    @cached_property
    def positions_by_id(self) -> np.ndarray | None:
        """Each primary key's position in `ids` (-1: none), when the keys are dense enough for
        an array that long (4 bytes per key up to the largest): a look-up per matching id
        instead of a binary search (10 ms against 60 ms for a million)."""
        if not len(self.ids) or int(self.ids[-1]) > DENSE_IDS_FACTOR * len(self.ids) + 1_000:
            return None
        positions = np.full(int(self.ids[-1]) + 1, -1, dtype=np.int32)
        positions[self.ids] = np.arange(len(self.ids), dtype=np.int32)
        return positions

    def select(self, ids: np.ndarray) -> Selection:
        """These articles of the snapshot; ids it does not hold are ignored."""
        mask = np.zeros(len(self.ids), dtype=bool)
        lookup = self.positions_by_id
        if len(ids) and lookup is not None:
            at = lookup[ids[(ids >= 0) & (ids < len(lookup))]]
            mask[at[at >= 0]] = True
        elif len(ids) and len(self.ids):
            at = np.searchsorted(self.ids, ids)
            found = at < len(self.ids)
            at, ids = at[found], ids[found]
            mask[at[self.ids[at] == ids]] = True
        return Selection.of(mask)

    def everything(self) -> Selection:
        return Selection.of(np.ones(len(self.ids), dtype=bool))

    def tally(self, selection: Selection) -> Counter:
        """Articles per (year, month, source), as facets.Tally."""
        width = max(1, len(self.source_names))
        counted = np.bincount(self.tally_codes[selection.positions], minlength=len(self.tally_whole))
        counts = selection.count(counted, self.tally_whole)
        tally: Counter = Counter()
        for code in np.flatnonzero(counts):
            year, month = self.period_keys[code // width]
            tally[(year, month, self.source_names[code % width])] = int(counts[code])
        return tally

    def place_counts(self, selection: Selection, *, under: int | None) -> dict[int, int]:
        """Matching articles per place one level under `under` (or per province), each article once."""
        counts = self.places.counts(selection)
        wanted = NO_PARENT if under is None else under
        children = np.flatnonzero(self.parents == wanted)
        children = children[counts[children] > 0]
        return {int(pk): int(counts[pk]) for pk in children}

    def all_place_counts(self) -> dict[int, int]:
        """Articles per place over the whole archive, a place counting the articles of every unit below it."""
        counts = self.places.whole
        return {int(pk): int(counts[pk]) for pk in np.flatnonzero(counts)}

    @staticmethod
    def top(links: Links, selection: Selection, *, size: int) -> dict[int, int]:
        """The `size` linked ids with the most matching articles (ties: the lower id), with their counts."""
        counts = links.counts(selection)
        present = np.flatnonzero(counts)
        best = present[np.lexsort((present, -counts[present]))[:size]]
        return {int(pk): int(counts[pk]) for pk in best}


# --- reading ------------------------------------------------------------------------

def _aggregate(vendor: str, expression: str) -> str:
    """SQL concatenating an integer expression over rows with commas (NULLs must be coalesced)."""
    if vendor == "postgresql":
        return f"string_agg(({expression})::text, ',')"
    return f"group_concat({expression}, ',')"


def _integers(text: str | None) -> np.ndarray:
    if not text:
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(text, dtype=np.int64, sep=",")


def matching_ids(queryset: QuerySet) -> np.ndarray:
    """The primary keys a queryset selects, read as one aggregated string (a Python row per
    article would cost ~0.3 s per million)."""
    sql, params = queryset.order_by().values_list("pk", flat=True).query.sql_with_params()
    return ids_of_subquery(sql, params, using=queryset.db)


def ids_of_subquery(sql: str, params, *, using: str) -> np.ndarray:
    """The ids a one-column SELECT returns, ascending and distinct."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(f"WITH found (id) AS ({sql}) SELECT {_aggregate(connection.vendor, 'id')} FROM found", params)
        return sorted_unique(_integers(cursor.fetchone()[0]))


def _pairs(*, using: str, table: str, value_column: str, first: int, last: int) -> np.ndarray:
    """(article id, value) rows of a link table for a range of article ids, as an n x 2 array."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        pair = f"article_id::text || ',' || {value_column}::text"
    else:
        pair = f"article_id || ',' || {value_column}"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_aggregate(connection.vendor, pair)} FROM {table} "
                       f"WHERE article_id BETWEEN %s AND %s", [first, last])
        return _integers(cursor.fetchone()[0]).reshape(-1, 2)


def _links(*, using: str, model, value_column: str, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(article position, value) pairs of one link table, read in slices of article ids."""
    if not len(ids):
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32)
    chunks = []
    for start in range(0, len(ids), READ_SLICE_IDS):
        part = ids[start:start + READ_SLICE_IDS]
        chunks.append(_pairs(using=using, table=model._meta.db_table, value_column=value_column,
                             first=int(part[0]), last=int(part[-1])))
    pairs = np.concatenate(chunks)
    positions = np.minimum(np.searchsorted(ids, pairs[:, 0]), len(ids) - 1)
    held = ids[positions] == pairs[:, 0]  # read in one transaction: a guard, not an expected case
    return positions[held].astype(np.int32), pairs[held, 1].astype(np.int32)


def _grouped(*, using: str, column: str) -> list[tuple[object, np.ndarray]]:
    """(value, article ids) for each distinct value of an article column expression."""
    connection = connections[using]
    table = Article._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} AS value, {_aggregate(connection.vendor, 'id')} FROM {table} "
                       f"GROUP BY {column}")
        return [(value, _integers(ids)) for value, ids in cursor.fetchall()]


def _period_column(vendor: str) -> str:
    if vendor == "postgresql":
        return "COALESCE((EXTRACT(YEAR FROM published) * 100 + EXTRACT(MONTH FROM published))::int, 0)"
    return "COALESCE(CAST(substr(published, 1, 4) AS INTEGER) * 100 + CAST(substr(published, 6, 2) AS INTEGER), 0)"


def read_snapshot(*, using: str, version: str) -> Snapshot:
    """Every facet key of the archive as arrays (a few seconds at 1,000,000 articles)."""
    connection = connections[using]
    made = time.monotonic()
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql" and outermost:
            # every table read as of one moment, as the version label says
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        periods = _grouped(using=using, column=_period_column(connection.vendor))
        ids = sorted_unique(np.concatenate([found for _, found in periods])) if periods else np.zeros(0, np.int64)

        period_codes = np.zeros(len(ids), dtype=np.int32)
        period_keys = []
        for code, (value, found) in enumerate(sorted(periods, key=lambda row: row[0])):
            period_keys.append((value // 100, value % 100) if value else (None, None))
            period_codes[np.searchsorted(ids, found)] = code

        source_codes = np.zeros(len(ids), dtype=np.int32)
        source_names = []
        for code, (value, found) in enumerate(_grouped(using=using, column="source")):
            source_names.append(value or "")
            source_codes[np.searchsorted(ids, found)] = code

        place_rows = list(Locality.objects.using(using).values_list("pk", "parent_id"))
        place_size = max([pk for pk, _ in place_rows], default=0) + 1
        parents = np.full(place_size, NO_PLACE, dtype=np.int32)
        for pk, parent in place_rows:
            parents[pk] = parent if parent is not None else NO_PARENT
        articles, named = _links(using=using, model=ArticleLocality, value_column="locality_id", ids=ids)
        # each named place, then the places above it: an article naming a ward counts for its
        # district and province too, once each however many of their units it names
        levels_a, levels_v = [articles], [named]
        current_a, current_v = articles, named
        for _ in range(ANCESTOR_LEVELS):
            above = np.where(current_v < place_size, parents[np.minimum(current_v, place_size - 1)], NO_PLACE)
            keep = above >= 0
            current_a, current_v = current_a[keep], above[keep].astype(np.int32)
            if not len(current_v):
                break
            levels_a.append(current_a)
            levels_v.append(current_v)
        places = Links.of(np.concatenate(levels_a), np.concatenate(levels_v), article_count=len(ids), size=place_size)
        if places.size > len(parents):
            parents = np.concatenate([parents, np.full(places.size - len(parents), NO_PLACE, np.int32)])

        documents = Links.of(*_links(using=using, model=Citation, value_column="resolution_id", ids=ids),
                             article_count=len(ids))
        officials = Links.of(*_links(using=using, model=Appearance, value_column="official_id", ids=ids),
                             article_count=len(ids))
    # month and source as one code, so the tally of a request is one bincount
    width = max(1, len(source_names))
    tally_codes = (period_codes * width + source_codes).astype(np.int32)
    snapshot = Snapshot(version=version, using=using, made=made, ids=ids, tally_codes=tally_codes,
                        tally_whole=np.bincount(tally_codes, minlength=len(period_keys) * width),
                        period_keys=period_keys, source_names=source_names, places=places,
                        parents=parents, documents=documents, officials=officials)
    snapshot.positions_by_id  # made now, not in the first request that selects
    return snapshot


# --- one snapshot per database alias and process --------------------------------------

_snapshots: dict[str, Snapshot] = {}
_reading: set[str] = set()
_lock = threading.Lock()


def current(*, using: str, version: str, archive_size: int) -> Snapshot | None:
    """The snapshot of this data version, or None while it is being read (count in SQL then)."""
    if not settings.ARCHIVE_FACET_COLUMNS:
        return None
    snapshot = _snapshots.get(using)
    fresh_for = settings.ARCHIVE_CACHE_SECONDS
    if snapshot is not None and snapshot.version == version:
        if fresh_for > 0 and time.monotonic() - snapshot.made > fresh_for:
            _read_behind(using=using, version=version)  # the old one serves meanwhile
        return snapshot
    if archive_size <= settings.ARCHIVE_FACET_COLUMNS_IN_REQUEST_UP_TO:
        snapshot = read_snapshot(using=using, version=version)
        _snapshots[using] = snapshot
        return snapshot
    _read_behind(using=using, version=version)
    return None


def _read_behind(*, using: str, version: str) -> None:
    with _lock:
        if using in _reading:
            return
        _reading.add(using)
    threading.Thread(target=_read_in_thread, kwargs={"using": using, "version": version},
                     name=f"facet-columns-{using}", daemon=True).start()


def _read_in_thread(*, using: str, version: str) -> None:
    started = time.monotonic()
    try:
        snapshot = read_snapshot(using=using, version=version)
        _snapshots[using] = snapshot
        log.info("facet columns of %s articles read in %.1f s", f"{snapshot.size:,}", time.monotonic() - started)
    except Exception:  # the facets keep counting in SQL; the next request tries again
        log.exception("reading the facet columns failed")
    finally:
        connections[using].close()  # this thread's own connection
        with _lock:
            _reading.discard(using)


def read_at_start() -> Snapshot | None:
    """Read the snapshot of the archive as it is now, for the alias reads go to (server start-up)."""
    from django.db import router

    from .facets import _data_version

    using = router.db_for_read(Article)
    started = time.monotonic()
    try:
        snapshot = read_snapshot(using=using, version=_data_version())
    except Exception:  # a server that cannot read them still serves, counting in SQL
        log.exception("reading the facet columns at start failed")
        return None
    finally:
        if not connections[using].in_atomic_block:
            connections[using].close()  # a server forking its workers after this must not share it
    _snapshots[using] = snapshot
    log.warning("facet columns: %s articles, %.0f MB, read in %.1f s", f"{snapshot.size:,}",
                snapshot.nbytes / 1e6, time.monotonic() - started)
    return snapshot


def wait_for_reading(timeout: float = 60) -> None:
    """Until no snapshot is being read in the background (tests, benchmarks' warm-up)."""
    deadline = time.monotonic() + timeout
    while _reading and time.monotonic() < deadline:
        time.sleep(0.01)


def forget() -> None:
    """Drop every snapshot (tests)."""
    _snapshots.clear()
