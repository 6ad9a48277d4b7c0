"""Loading scraped article files into the database.

Each file is read, extracted and saved in its own transaction, so one bad file
never stops or rolls back the others and an interrupted load leaves every
finished file complete. Re-loading is idempotent: a file whose normalised text
has not changed is left alone, and editors' corrections are never overwritten.
"""
from __future__ import annotations

import hashlib
import logging
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, Iterator

from django.conf import settings
from django.db import transaction

from . import search
from .extraction import ExtractionResult, extract
from .extraction.gazetteer import load_gazetteer
from .extraction.result import DocumentMention, OfficialMention, PlaceMention
from .extraction.text import decode, fold, slugify
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
MIN_BODY_CHARS = 200  # less than this after cleaning is site chrome, not an article


# Rows looked up while loading, by natural key. Cleared at the start of every load
# and whenever a file's transaction rolls back, so it never holds a row that is gone.
_rows: dict[tuple, object] = {}


def _remember(key: tuple, find: Callable[[], object]):
    if key not in _rows:
        row = find()
        if row is None:
            return None
        _rows[key] = row
    return _rows[key]


class RejectedFile(Exception):
    """A file that cannot be loaded; the message is the reason shown to the user."""


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
    outcomes: list[FileOutcome] = field(default_factory=list)

    @property
    def counts(self) -> Counter:
        return Counter(o.status for o in self.outcomes)

    @property
    def rejected(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "rejected"]

    def summary(self) -> str:
        counts = self.counts
        parts = ", ".join(f"{counts.get(s, 0)} {s}" for s in STATUSES)
        return f"{len(self.outcomes)} files: {parts}"


def iter_text_files(paths: Iterable[str | Path]) -> Iterator[Path | FileOutcome]:
    """Every .txt file under the given paths, in a stable order; missing paths as outcomes."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".txt")
        elif path.is_file():
            yield path
        else:
            yield FileOutcome(path=path, status="rejected", reason="no such file or folder")


def read_article_text(path: Path, *, max_bytes: int) -> str:
    size = path.stat().st_size
    if size == 0:
        raise RejectedFile("empty file")
    if size > max_bytes:
        raise RejectedFile(f"larger than the {max_bytes:,}-byte limit ({size:,} bytes)")
    data = path.read_bytes()
    try:
        text = decode(data)
    except (UnicodeDecodeError, UnicodeError):
        raise RejectedFile("not text in UTF-8, UTF-16 or Windows-1258") from None
    if _looks_binary(text):
        raise RejectedFile("binary content, not text")
    if not text.strip():
        raise RejectedFile("no text (only white space)")
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:4000]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\n\t\r\f")
    return "\x00" in sample or controls > len(sample) * 0.02


def content_hash(text: str) -> str:
    # Hash of the text with white space folded: re-saving a file with other line endings
    # or encodings is the same article.
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def ingest_paths(
    paths: Iterable[str | Path],
    *,
    max_bytes: int | None = None,
    force: bool = False,
    on_outcome: Callable[[FileOutcome], None] | None = None,
) -> IngestReport:
    """Load files; `force` re-extracts unchanged files too (after the extractor improved)."""
    max_bytes = max_bytes or settings.ARCHIVE_MAX_FILE_BYTES
    _rows.clear()
    report = IngestReport()
    for item in iter_text_files(paths):
        outcome = item if isinstance(item, FileOutcome) else ingest_file(item, max_bytes=max_bytes, force=force)
        report.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    return report


def ingest_file(path: Path, *, max_bytes: int, force: bool = False) -> FileOutcome:
    try:
        text = read_article_text(path, max_bytes=max_bytes)
        digest = content_hash(text)
        existing = Article.objects.filter(file_name=path.name).first()
        if existing and existing.content_hash == digest and not force:
            return FileOutcome(path=path, status="unchanged", article_id=existing.pk)
        twin = Article.objects.filter(content_hash=digest).exclude(file_name=path.name).first()
        if twin:
            return FileOutcome(path=path, status="duplicate", reason=f"same text as {twin.file_name}", article_id=twin.pk)
        result = extract(text, name=path.name)
        if not result.title or len(result.body) < MIN_BODY_CHARS:
            raise RejectedFile("no article found (site chrome or a fragment only)")
        with transaction.atomic():
            article = save_article(result=result, original_text=text, digest=digest, article=existing)
        return FileOutcome(path=path, status="updated" if existing else "loaded", article_id=article.pk)
    except RejectedFile as exc:
        return FileOutcome(path=path, status="rejected", reason=str(exc))
    except OSError as exc:
        return FileOutcome(path=path, status="rejected", reason=f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # one bad file must never stop the load: report it and go on
        _rows.clear()
        log.exception("failed to load %s", path)
        return FileOutcome(path=path, status="rejected", reason=f"internal error: {type(exc).__name__}: {exc}")


def save_article(*, result: ExtractionResult, original_text: str, digest: str, article: Article | None = None) -> Article:
    """Create or update one article and its links from an extraction result.

    Fields and links an editor corrected (Article.edited_fields, `edited` links) are kept.
    """
    article = article or Article(file_name=result.file)
    edited = set(article.edited_fields or [])
    places = _localities(result)
    primary = places[0][1] if result.primary_locality else None

    article.original_text = original_text
    article.content_hash = digest
    article.paragraphs = result.paragraphs
    article.captions = result.captions
    article.extraction = result.to_json()
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
    article.save()

    home = _province_of(article.primary_locality)
    # A list an editor corrected as a whole belongs to the editor from then on.
    if "localities" not in edited:
        _replace_locality_links(article, places=places, primary=primary)
    if "officials" not in edited:
        _replace_appearances(article, officials=result.officials, home=home)
    if "resolutions" not in edited:
        _replace_citations(article, documents=result.resolutions, home=home)
    search.index_articles([article.pk])
    return article


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
    if locality is None:
        return None
    return _remember(("province-of", locality.pk), lambda: (locality.ancestors() or [locality])[0])


def _get_or_create_locality(*, name: str, kind: str, code: str, parent: Locality | None, level: int, new_name: str = "") -> Locality:
    if code:
        existing = _remember(("locality", code), lambda: Locality.objects.filter(code=code).first())
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
    return locality


def _unique_slug(model, base: str, qualifier: str, tiebreak: str) -> str:
    """base, else base-qualifier, else base-qualifier-tiebreak (then a counter)."""
    candidates = [base]
    if qualifier:
        candidates.append(f"{base}-{qualifier}")
    if tiebreak:
        candidates.append(f"{candidates[-1]}-{slugify(tiebreak)}")
    for candidate in candidates:
        if candidate and not model.objects.filter(slug=candidate).exists():
            return candidate
    n = 2
    while model.objects.filter(slug=f"{candidates[-1]}-{n}").exists():
        n += 1
    return f"{candidates[-1]}-{n}"


def _replace_locality_links(article: Article, *, places: list[tuple[PlaceMention, Locality]], primary: Locality | None) -> None:
    kept = set(article.locality_links.filter(edited=True).values_list("locality_id", flat=True))
    article.locality_links.filter(edited=False).delete()
    ArticleLocality.objects.bulk_create([
        ArticleLocality(article=article, locality=loc, mention=(place.mention or place.name)[:200], is_primary=loc == primary)
        for place, loc in places if loc.pk not in kept
    ])


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

    official = _remember(key, find)
    if official:
        return official
    official = Official(name=name, home_locality=home)
    official.slug = _unique_slug(Official, slugify(name) or "dong-chi", home.slug if home else "", "")
    official.save()
    _rows[key] = official
    return official


def _replace_appearances(article: Article, *, officials: list[OfficialMention], home: Locality | None) -> None:
    edited = list(article.appearances.filter(edited=True).select_related("official"))
    # Names an editor already placed in this article stay with the official they chose.
    pinned = {}
    for appearance in edited:
        pinned[appearance.official.folded_name] = appearance.official_id
        for alias in appearance.official.alias_rows.all():
            pinned[alias.folded_name] = appearance.official_id
    article.appearances.filter(edited=False).delete()
    rows, seen = [], {a.official_id for a in edited}
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
    Appearance.objects.bulk_create(rows)


# --- documents --------------------------------------------------------------

CENTRAL_ISSUERS = {"TW", "BCT", "BBT", "QH", "CP", "TTG", "BCĐTW", ""}


def resolution_for(document: DocumentMention, *, home: Locality | None) -> Resolution:
    code = document.code or f"{document.kind} {document.number}".strip()
    local = bool(document.issuer) and document.issuer.upper() not in CENTRAL_ISSUERS and not document.in_catalog
    key = f"{code}@{home.slug}" if local and home else code
    resolution = _remember(("resolution", key), lambda: Resolution.objects.filter(key=key).first())
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
        _rows[("resolution", key)] = resolution
    return resolution


def _replace_citations(article: Article, *, documents: list[DocumentMention], home: Locality | None) -> None:
    kept = set(article.citations.filter(edited=True).values_list("resolution_id", flat=True))
    article.citations.filter(edited=False).delete()
    rows, seen = [], set(kept)
    for document in documents:
        resolution = resolution_for(document, home=home)
        if resolution.pk in seen:
            continue
        seen.add(resolution.pk)
        rows.append(Citation(article=article, resolution=resolution, mentions=list(document.mentions),
                             sentence=document.sentence[:2000]))
    Citation.objects.bulk_create(rows)
