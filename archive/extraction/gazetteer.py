"""Vietnamese administrative units from the committed data/gazetteer.tsv (stdlib only).

Pre-2025 units (levels P province, D district, W ward) are what articles name;
NP / NW are the provinces and wards after the 2025 reorganisation, which every
legacy unit points to through `new`. Rebuild the file with scripts/build_gazetteer.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .text import canonical, fold, new_tone_placement, normalize

DATA = Path(__file__).resolve().parent / "data" / "gazetteer.tsv"
LEGACY_LEVELS = ("P", "D", "W")

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


class _KeyChars(dict):
    """str.translate table: each character -> what name_key keeps of it, worked out on first sight.

    fold() works character by character (look-alikes, đ, NFD, dropping marks, casefold; the
    reordering NFD does moves only marks, which name_key drops), so name_key of a string is the
    join of name_key of its characters.
    """

    def __missing__(self, code: int) -> str:
        kept = self[code] = _NON_ALNUM.sub("", fold(chr(code)))
        return kept


_KEY_CHARS = _KeyChars()


def name_key(name: str) -> str:
    """Accent-, case- and space-free key: 'Bà Rịa - Vũng Tàu' -> 'bariavungtau'."""
    return name.translate(_KEY_CHARS)


def loose_key(name: str) -> str:
    # Place names are spelt with i or y interchangeably (Vĩnh / Vỹnh, Kỳ / Kì).
    return name_key(name).replace("y", "i")


def canonical_forms(text: str) -> tuple[str, str]:
    """(canonical(text), normalize(text)), normalising once."""
    shown = normalize(text)
    return new_tone_placement(shown), shown


@dataclass(frozen=True)
class Unit:
    level: str          # P, D, W (pre-2025) or NP, NW (post-2025)
    code: str
    kind: str           # tỉnh, thành phố, quận, huyện, thị xã, phường, xã, thị trấn
    name: str           # bare name: "Cờ Đỏ"
    parent: str = ""    # code of the district (ward) or province (district)
    new: str = ""       # code of the post-2025 unit it became
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    unit: Unit
    exact: bool         # same accents as written (after tone-placement normalisation)
    alias: bool         # matched a former name merged into the unit


class Gazetteer:
    def __init__(self, units: list[Unit]):
        self.units = {(u.level, u.code): u for u in units}
        self._by_name: dict[str, list[Unit]] = {}
        self._by_key: dict[str, list[Unit]] = {}
        self._by_loose: dict[str, list[Unit]] = {}
        self._by_alias: dict[str, list[Unit]] = {}
        self._memo: dict[tuple, tuple[Match, ...]] = {}
        for u in units:
            self._by_name.setdefault(canonical(u.name), []).append(u)
            key = name_key(u.name)
            self._by_key.setdefault(key, []).append(u)
            self._by_loose.setdefault(key.replace("y", "i"), []).append(u)   # loose_key()
            for alias in u.aliases:
                self._by_alias.setdefault(alias, []).append(u)
                self._by_alias.setdefault(alias.replace("y", "i"), []).append(u)

    def lookup(self, name: str, *, levels: tuple[str, ...] = LEGACY_LEVELS, aliases: bool = True,
               kind: str = "") -> list[Match]:
        """Units called `name` at the given levels (and of that kind), exact accents first, then folded,
        then former names."""
        found = self._cached(name, tuple(levels), aliases)
        return [m for m in found if m.unit.kind == kind] if kind else list(found)

    def _cached(self, name: str, levels: tuple[str, ...], aliases: bool) -> tuple[Match, ...]:
        # Articles repeat the same capitalised words; remember the answers (bounded).
        key = (name, levels, aliases)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) > 200_000:
                self._memo.clear()
            found = self._memo[key] = tuple(self._lookup(name, levels=levels, aliases=aliases))
        return found

    def _lookup(self, name: str, *, levels: tuple[str, ...], aliases: bool) -> list[Match]:
        exact = [u for u in self._by_name.get(canonical_forms(name)[0], []) if u.level in levels]
        if exact:
            # Accents as written win: "Thanh Hóa" is not "Thạnh Hòa".
            return [Match(u, True, False) for u in exact]
        seen: set[tuple[str, str]] = set()
        matches = []
        key = name_key(name)
        loose = key.replace("y", "i")
        folded = [u for u in self._by_key.get(key, []) if u.level in levels]
        for u in folded or [u for u in self._by_loose.get(loose, []) if u.level in levels]:
            if (u.level, u.code) not in seen:
                seen.add((u.level, u.code))
                matches.append(Match(u, False, False))
        if aliases and not matches:
            for u in self._by_alias.get(key, []) + self._by_alias.get(loose, []):
                if u.level in levels and (u.level, u.code) not in seen:
                    seen.add((u.level, u.code))
                    matches.append(Match(u, False, True))
        return matches

    def former(self, name: str, *, levels: tuple[str, ...] = LEGACY_LEVELS) -> list[Match]:
        """Units a former unit of that name was merged into, even when a current unit bears the name."""
        key = name_key(name)
        seen, found = set(), []
        for u in self._by_alias.get(key, []) + self._by_alias.get(loose_key(name), []):
            if u.level in levels and (u.level, u.code) not in seen:
                seen.add((u.level, u.code))
                found.append(Match(u, False, True))
        return found

    def has_name(self, name: str) -> bool:
        key = name_key(name)
        return key in self._by_key or key in self._by_alias

    def get(self, level: str, *, code: str) -> Unit | None:
        return self.units.get((level, code))

    def district_of(self, unit: Unit) -> Unit | None:
        return self.get("D", code=unit.parent) if unit.level == "W" else None

    def province_of(self, unit: Unit) -> Unit | None:
        if unit.level == "P":
            return unit
        if unit.level == "D":
            return self.get("P", code=unit.parent)
        if unit.level == "W":
            district = self.get("D", code=unit.parent)
            return self.get("P", code=district.parent) if district else None
        if unit.level == "NW":
            return self.get("NP", code=unit.parent)
        return unit

    def new_unit(self, unit: Unit) -> Unit | None:
        """The post-2025 unit a legacy one became (districts were abolished: their new province)."""
        if not unit.new:
            return None
        return self.get("NW" if unit.level == "W" else "NP", code=unit.new)


def _read(path: Path) -> list[Unit]:
    units = []
    with path.open(encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f if not line.startswith("#") and line.strip()]
    if not lines:
        return units
    header = lines[0].split("\t")
    # Cells by position, found once from the header (a repeated name: the last, as a dict would);
    # building a dict per row was half the load time, which each worker process of a bulk load pays.
    column = {name: i for i, name in enumerate(header)}
    level, code, kind, name = column["level"], column["code"], column["kind"], column["name"]
    parent, new, aliases = column.get("parent"), column.get("new"), column.get("aliases")
    width = len(header)
    for line in lines[1:]:
        fields = line.split("\t")
        if len(fields) < width:
            missing = [c for c in ("level", "code", "kind", "name") if column[c] >= len(fields)]
            if missing:
                raise KeyError(missing[0])
            fields += [""] * (width - len(fields))   # absent optional cells read as empty
        units.append(Unit(
            fields[level], fields[code], fields[kind], fields[name],
            fields[parent] if parent is not None else "",
            fields[new] if new is not None else "",
            tuple(a for a in fields[aliases].split(",") if a) if aliases is not None and fields[aliases] else (),
        ))
    return units


@lru_cache(maxsize=4)
def load_gazetteer(path: str | None = None) -> Gazetteer:
    """Read the gazetteer once per process (about 14,000 units, a few tens of ms)."""
    return Gazetteer(_read(Path(path) if path else DATA))
