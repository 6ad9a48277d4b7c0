"""The catalog of central Party documents (fixtures/documents.json), stdlib only.

Resolves what articles write instead of a full code: a number and a kind
("Quy định 08"), a plenum ("Nghị quyết Trung ương 4 khóa XII"), or a code
spelt another way ("04 - NQ/TƯ").
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from .text import fold

# <repo>/fixtures/documents.json, found relative to this package; DOCUMENT_CATALOG overrides it.
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "fixtures" / "documents.json"

# Party terms (khóa) and the Congress that opened each.
TERMS = {"X": date(2006, 4, 25), "XI": date(2011, 1, 19), "XII": date(2016, 1, 28), "XIII": date(2021, 2, 1),
         "XIV": date(2026, 1, 23)}


@dataclass(frozen=True)
class CatalogEntry:
    code: str                 # "04-NQ/TW"
    kind: str                 # "Nghị quyết"
    number: str               # "04"
    issuer: str = "TW"
    body: str = ""            # Ban Chấp hành Trung ương, Bộ Chính trị, Ban Bí thư
    term: str = ""            # "XII"
    issued: date | None = None
    title: str = ""
    plenum: int | None = None
    plenum_default: bool = False
    aliases: tuple[str, ...] = field(default=())

    @property
    def number_value(self) -> int:
        return int(self.number)


@lru_cache(maxsize=4096)
def code_key(code: str) -> str:
    """Spelling-free key of a code: '04 - NQ/TƯ' and '4-nq/tw' -> '4-nq/tw'."""
    text = fold(code).replace(" ", "")
    text = re.sub(r"/tu$", "/tw", text)  # TƯ folds to tu
    return re.sub(r"^0+(?=\d)", "", text)


def term_of(day: date | None) -> str:
    """The Party term running on a day ("XII" for 2018)."""
    if day is None:
        return ""
    current = ""
    for term, start in TERMS.items():
        if day >= start:
            current = term
    return current


class Catalog:
    def __init__(self, entries: list[CatalogEntry]):
        self.entries = entries
        self._by_code = {code_key(e.code): e for e in entries}
        self._by_alias = {fold(a): e for e in entries for a in e.aliases}
        # Articles ask by kind and number, or by plenum, several times each: index once.
        self._by_number: dict[tuple[str, int], list[CatalogEntry]] = {}
        self._by_plenum: dict[int, list[CatalogEntry]] = {}
        for e in sorted(entries, key=lambda e: e.issued or date.min):
            self._by_number.setdefault((e.kind, e.number_value), []).append(e)
        for e in sorted(entries, key=lambda e: (not e.plenum_default, e.issued or date.min)):
            if e.plenum is not None:
                self._by_plenum.setdefault(e.plenum, []).append(e)

    def by_code(self, code: str) -> CatalogEntry | None:
        return self._by_code.get(code_key(code))

    def by_alias(self, text: str) -> CatalogEntry | None:
        return self._by_alias.get(fold(text))

    def by_number(self, *, kind: str, number: str | int, term: str = "") -> list[CatalogEntry]:
        """Entries of that kind and number (any term unless given), oldest first."""
        return [e for e in self._by_number.get((kind, int(number)), ()) if not term or e.term == term]

    def by_plenum(self, *, plenum: int, term: str = "", kind: str = "") -> list[CatalogEntry]:
        """Documents of a Central Committee plenum, the one usually meant first."""
        return [e for e in self._by_plenum.get(plenum, ()) if (not term or e.term == term) and (not kind or e.kind == kind)]

    def plenum_terms(self, *, plenum: int, kind: str = "") -> list[str]:
        return sorted({e.term for e in self.by_plenum(plenum=plenum, kind=kind)}, key=lambda t: TERMS.get(t, date.min))


def _entry(raw: dict) -> CatalogEntry:
    issued = raw.get("issued")
    return CatalogEntry(
        code=raw["code"], kind=raw["kind"], number=str(raw["number"]), issuer=raw.get("issuer", "TW"),
        body=raw.get("body", ""), term=raw.get("term", ""),
        issued=date.fromisoformat(issued) if issued else None, title=raw.get("title", ""),
        plenum=raw.get("plenum"), plenum_default=bool(raw.get("plenum_default")),
        aliases=tuple(raw.get("aliases", ())),
    )


@lru_cache(maxsize=4)
def load_catalog(path: str | None = None) -> Catalog:
    """Read the catalog once: an explicit path, else $DOCUMENT_CATALOG, else <repo>/fixtures/documents.json."""
    source = Path(path or os.environ.get("DOCUMENT_CATALOG") or DEFAULT_PATH)
    if not source.exists():
        return Catalog([])
    data = json.loads(source.read_text(encoding="utf-8"))
    rows = data["documents"] if isinstance(data, dict) else data
    return Catalog([_entry(r) for r in rows])
