"""What a query names: documents, officials and places, looked up in the database.

A query that names a document matches every article citing it (through the
document's keyword token) and ranks them first; one that names an official or a
place ranks the articles they appear in first.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Q

from archive.extraction.text import fold

from .query import KIND_NAMES, ParsedQuery, codes_in, doc_token, find_span, tokens, with_alternatives

log = logging.getLogger(__name__)

# Words that announce a place, so a one-syllable name ("Huế") counts after them.
_PLACE_KINDS = {"tinh", "tp", "thanh pho", "quan", "huyen", "thi xa", "xa", "phuong", "thi tran"}
_MAX_NAME_TOKENS = 5


@dataclass
class Entities:
    resolution_ids: list[int] = field(default_factory=list)
    official_ids: list[int] = field(default_factory=list)
    locality_ids: list[int] = field(default_factory=list)
    doc_tokens: list[str] = field(default_factory=list)
    # token sequences (folded) worth marking in snippets besides the query's own words
    highlights: list[tuple[str, ...]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.resolution_ids or self.official_ids or self.locality_ids or self.doc_tokens)


def resolve(parsed: ParsedQuery, *, using: str = "default") -> Entities:
    """Find the entities the query names and widen its clauses to their keyword tokens."""
    entities = Entities()
    folded = [f for f, _ in parsed.positive_tokens]
    if not folded:
        return entities
    spans: list[tuple[int, int, list[str]]] = []
    _documents(parsed, folded, entities, spans, using=using)
    name_spans = _officials(folded, entities, using=using)
    _localities(folded, entities, inside_names=name_spans, using=using)
    with_alternatives(parsed, spans=spans)
    return entities


# -- documents ----------------------------------------------------------------

@dataclass
class _DocumentNames:
    """Every document's code, kind + number and recorded names, indexed for a query's look-ups."""

    by_token: dict[str, list[int]]  # doc token -> ids
    by_kind_number: dict[tuple[str, str], list[tuple[int | None, str]]]  # (folded kind, number) -> (id, code)
    by_first_word: dict[str, list[tuple[int, str, int | None, list[str]]]]  # -> (order, token, id, needle)


_names_memo: dict[str, tuple[float, _DocumentNames]] = {}
NAMES_SECONDS = 60  # an alias an editor adds (no new article) is found within this


def _document_names(*, using: str) -> _DocumentNames:
    """Built once per data version and minute: reading and tokenizing every alias of every
    document for each query cost tens of milliseconds at 100,000 articles."""
    from archive.facets import data_version
    from archive.models import Resolution

    version = f"{using}:{data_version()}"
    built = _names_memo.get(version)
    if built and time.monotonic() - built[0] < NAMES_SECONDS:
        return built[1]
    rows = list(Resolution.objects.using(using).values_list("id", "code", "kind", "number", "aliases"))
    catalog = _catalog_entries()
    names = _DocumentNames(by_token={}, by_kind_number={}, by_first_word={})
    for pk, code, _, _, _ in rows:
        names.by_token.setdefault(doc_token(code), []).append(pk)
    numbered = [(pk, code, kind, num) for pk, code, kind, num, _ in rows if num.isdigit()]
    numbered += [(None, code, kind, num) for code, kind, num, _ in catalog]
    for pk, code, kind, num in numbered:
        names.by_kind_number.setdefault((fold(kind), num.lstrip("0") or "0"), []).append((pk, code))
    named = [(doc_token(code), pk, [code, *(aliases or [])]) for pk, code, _, _, aliases in rows]
    named += [(doc_token(code), None, [code, *aliases]) for code, _, _, aliases in catalog]
    order = 0
    for token, pk, aliases in named:
        for alias in aliases:
            needle = _needle(str(alias))
            if not needle or (not any(c.isdigit() for t in needle for c in t) and len(needle) < 4):
                continue  # "Nghị quyết" alone names no document
            names.by_first_word.setdefault(needle[0], []).append((order, token, pk, needle))
            order += 1
    _names_memo.clear()  # only the current version is worth keeping
    _names_memo[version] = (time.monotonic(), names)
    return names


def _documents(parsed: ParsedQuery, folded: list[str], entities: Entities, spans: list, *, using: str) -> None:
    names = _document_names(using=using)

    def add(token: str, span: tuple[int, int] | None, ids: list[int]) -> None:
        if token and token not in entities.doc_tokens:
            entities.doc_tokens.append(token)
        for pk in ids + names.by_token.get(token, []):
            if pk not in entities.resolution_ids:
                entities.resolution_ids.append(pk)
        if span and token:
            spans.append((span[0], span[1], [token]))

    # 1. codes typed as codes: 04-NQ/TW, 04 nq tư
    for token, start, end in codes_in(parsed.positive_text, spaced=True):
        span = find_span(folded, _needle(parsed.positive_text[start:end]))
        add(token, span, [])
    # 2. the extraction package's finder (catalog names: "Nghị quyết Trung ương 4 khóa XII", NQTW4)
    for mention_code, mention_texts in _finder(parsed.positive_text):
        token = doc_token(mention_code) if mention_code else ""
        span = None
        for text in mention_texts:
            span = find_span(folded, _needle(text)) or span
        if token:
            add(token, span, [])
    # 3. "nghị quyết (số) 59": kind and number, in the database and the catalog
    for i in range(len(folded) - 2):
        name = " ".join(folded[i:i + 2])
        j = i + 2 + (folded[i + 2:i + 3] == ["so"])
        if name in KIND_NAMES and j < len(folded) and folded[j].isdigit():
            for pk, code in names.by_kind_number.get((name, folded[j].lstrip("0") or "0"), []):
                add(doc_token(code), (i, j + 1), [pk] if pk else [])
    # 4. any recorded name of a document (aliases hold every spelling articles used), in the
    # order the documents and their names are stored; only names starting with a word of the query
    candidates = sorted(c for word in set(folded) for c in names.by_first_word.get(word, []))
    for _, token, pk, needle in candidates:
        span = find_span(folded, needle)
        if span:
            add(token, span, [pk] if pk else [])
    for token in entities.doc_tokens:
        entities.highlights.append((token,))


@lru_cache(maxsize=50_000)
def _needle(name: str) -> list[str]:
    """Folded tokens of a document name; names repeat across queries, so tokenize each once."""
    return [f for f, _ in tokens(name)]


def _catalog_entries() -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(code, kind, number, aliases) of the central documents the extraction package knows."""
    try:
        from archive.extraction.catalog import load_catalog

        return [(e.code, e.kind, str(e.number), tuple(e.aliases)) for e in load_catalog().entries]
    except Exception:  # someone else's moving code: degrade, log
        log.exception("document catalog unavailable to search")
        return []


def _finder(text: str) -> list[tuple[str, list[str]]]:
    """(code, mentions) from archive.extraction.documents; a failing finder never breaks search."""
    try:
        from archive.extraction.documents import find_documents

        found = find_documents(title="", paragraphs=[text])
    except Exception:  # the finder is someone else's moving code: degrade, log
        log.exception("document finder failed on a query")
        return []
    out = []
    for doc in found or []:
        code = getattr(doc, "code", "") or ""
        mentions = [m for m in (getattr(doc, "mentions", None) or []) if isinstance(m, str)]
        if code:
            out.append((code, mentions))
    return out


# -- officials and places -----------------------------------------------------

def _ngrams(folded: list[str], *, smallest: int) -> dict[str, list[tuple[int, int]]]:
    """Every run of `smallest`..5 words, with each place it occurs in the query."""
    grams: dict[str, list[tuple[int, int]]] = {}
    for n in range(smallest, _MAX_NAME_TOKENS + 1):
        for i in range(len(folded) - n + 1):
            grams.setdefault(" ".join(folded[i:i + n]), []).append((i, i + n))
    return grams


def _officials(folded: list[str], entities: Entities, *, using: str) -> list[tuple[int, int]]:
    """Add the officials the query names; return where their names stand in the query."""
    from archive.models import Official, OfficialAlias

    grams = _ngrams(folded, smallest=2)  # Vietnamese names have two syllables at least
    if not grams:
        return []
    names = list(grams)
    rows = [*Official.objects.using(using).filter(folded_name__in=names).values_list("folded_name", "id"),
            *OfficialAlias.objects.using(using).filter(folded_name__in=names).values_list("folded_name", "official_id")]
    entities.official_ids.extend(sorted({pk for _, pk in rows}))  # namesakes in other provinces too
    return [span for name in {name for name, _ in rows} for span in grams[name]]


def _localities(folded: list[str], entities: Entities, *, inside_names=(), using: str) -> None:
    from archive.models import Locality

    # Many communes are named with common words (Đoàn Kết, Hòa Bình): below the district
    # level, and for one-syllable names ("thành phố Huế"), only after a kind word.
    # A person's name often holds a place's ("Bùi Thanh Hoa" holds Thanh Hóa): words that
    # are part of an official's name found in the query name no place unless a kind word
    # announces them. A name that is the place's whole name ("Thanh Hóa" stored as an
    # official by a bad extraction) is ambiguous and keeps both.
    def outside_names(spans):
        return any(not any(a <= i and j <= b and b - a > j - i for a, b in inside_names) for i, j in spans)

    bare = [name for name, spans in _ngrams(folded, smallest=2).items() if outside_names(spans)]
    announced = set()
    for i in range(1, len(folded)):
        if {folded[i - 1], " ".join(folded[max(0, i - 2):i])} & _PLACE_KINDS:
            announced |= {" ".join(folded[i:i + n]) for n in range(1, _MAX_NAME_TOKENS + 1) if i + n <= len(folded)}
    if not bare and not announced:
        return
    ids = Locality.objects.using(using).filter(
        Q(folded_name__in=list(announced)) | Q(folded_name__in=bare, level__lte=2)
    ).values_list("id", flat=True)
    entities.locality_ids.extend(sorted(set(ids)))
