"""Wires the extraction steps together; each step lives in its own module."""
from __future__ import annotations

from pathlib import Path

from .catalog import load_catalog
from .documents import find_documents
from .gazetteer import load_gazetteer
from .layout import parse_layout
from .officials import find_officials
from .places import find_places
from .result import ExtractionResult, PlaceMention
from .text import decode, normalize


def extract(text: str, *, name: str = "") -> ExtractionResult:
    """Extract title, date, bylines, places, officials and cited documents from one article."""
    text = normalize(text)
    layout = parse_layout(text)
    published_day = layout.published.date() if hasattr(layout.published, "date") else layout.published
    primary, places = find_places(
        title=layout.title, paragraphs=layout.paragraphs, captions=layout.captions, source=layout.source
    )
    primary = main_province_or_city(primary, places=places)
    officials = find_officials(
        title=layout.title,
        paragraphs=layout.paragraphs,
        exclude_names=layout.authors + layout.photographers,  # bylines are never officials
        captions=layout.captions,
    )
    documents = find_documents(
        title=layout.title, paragraphs=layout.paragraphs, captions=layout.captions, published=published_day
    )
    return ExtractionResult(
        file=name,
        title=layout.title,
        published=layout.published,
        authors=layout.authors,
        source=layout.source,
        primary_locality=primary,
        localities=places,
        officials=officials,
        resolutions=documents,
        paragraphs=layout.paragraphs,
        captions=layout.captions,
        warnings=layout.warnings,
    )


# The spec's main place is "the province or city the article is mainly about":
# a provincial city (Uông Bí) can be it; a district, town or ward gives way to its
# province when the article names that province (otherwise the text never says it,
# and the most specific unit named is the best answer).
MAIN_PLACE_KINDS = ("tỉnh", "thành phố")


def main_province_or_city(primary: PlaceMention | None, *, places: list[PlaceMention]) -> PlaceMention | None:
    if primary is None or primary.kind in MAIN_PLACE_KINDS or not primary.province_code:
        return primary
    return next((place for place in places if place.code == primary.province_code), primary)


def preload() -> None:
    """Read the gazetteer and the document catalog now rather than on the first article.

    Each is read once per process (about 60 ms of CPU in all, the gazetteer nearly all of it). A
    loader that forks worker processes calls this in the parent first, so the workers start
    with both in memory instead of each reading them again.
    """
    load_gazetteer()
    load_catalog()


def extract_file(path: str | Path) -> ExtractionResult:
    path = Path(path)
    return extract(decode(path.read_bytes()), name=path.name)
