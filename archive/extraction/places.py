"""Administrative units named in an article, placed in the gazetteer hierarchy.

A unit is recognised when a kind word or a party body introduces capitalised
syllables ("huyện Cờ Đỏ", "Quận ủy Ninh Kiều, Thốt Nốt", "TP. Thanh Hóa",
"Đảng ủy phường Trường Thi"); bare province names count too, outside person
and organisation names. Ambiguous names (a ward "Hưng Thạnh" exists in four
provinces) are resolved from the address written beside them, the districts
the article names and the province it is mainly about.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from .gazetteer import Gazetteer, Match, Unit, canonical_forms, load_gazetteer, name_key
from .result import PlaceMention
from .text import fold, has_diacritics, normalize

_UPPER = "".join(c for c in map(chr, range(0x41, 0x1EFF + 1)) if c.isupper() and c.isalpha())
_SYL = rf"[{_UPPER}]\w*(?:['’]\w+)*"
_NAME_RE = re.compile(rf"{_SYL}(?:(?:[ \t]+|[ \t]*[-–][ \t]*){_SYL}){{0,5}}")
_SYL_RE = re.compile(rf"{_SYL}|[-–]")
_NUMBER_RE = re.compile(r"\d{1,2}\b")

# kind word -> (levels it may name, kind it names, is it a party body "X ủy")
_TRIGGERS = [
    (r"tỉnh\s+ủy", ("P",), "tỉnh", True),
    (r"thành\s+ủy", ("P", "D"), "thành phố", True),
    (r"quận\s+ủy", ("D",), "quận", True),
    (r"huyện\s+ủy", ("D",), "huyện", True),
    (r"thị\s+ủy", ("D",), "thị xã", True),
    (r"thành\s+phố", ("P", "D"), "thành phố", False),
    (r"thủ\s+đô", ("P",), "thành phố", False),
    (r"thị\s+xã", ("D",), "thị xã", False),
    (r"thị\s+trấn", ("W",), "thị trấn", False),
    (r"tp\.?", ("P", "D"), "thành phố", False),
    (r"tx\.?", ("D",), "thị xã", False),
    (r"tỉnh", ("P",), "tỉnh", False),
    (r"quận", ("D",), "quận", False),
    (r"huyện", ("D",), "huyện", False),
    (r"phường", ("W",), "phường", False),
    (r"xã", ("W",), "xã", False),
    (r"đặc\s+khu", ("W",), "đặc khu", False),
]


def _either_case(pattern: str) -> str:
    """Spell each letter as [xX]: the same as re.IGNORECASE on NFC text (where no Kelvin sign is left)."""
    return re.sub(r"\\.|(\w)", lambda m: f"[{m.group(1).lower()}{m.group(1).upper()}]" if m.group(1) else m.group(0),
                  pattern)


def _trigger_re() -> re.Pattern:
    """One alternative per first letter, in either case, each starting with that plain letter.

    re can then jump straight to the few positions where a kind word may start, which makes
    this scan several times faster than re.IGNORECASE. Within a letter the order of _TRIGGERS
    is kept (the longer "tỉnh ủy" before "tỉnh"). Group t<i>L / t<i>U names trigger i.
    """
    by_first: dict[str, list[tuple[int, str]]] = {}
    for i, (pattern, *_rest) in enumerate(_TRIGGERS):
        by_first.setdefault(pattern[0], []).append((i, pattern[1:]))
    branches = []
    for first, items in by_first.items():
        for letter, case in ((first.lower(), "L"), (first.upper(), "U")):
            inner = "|".join(f"(?P<t{i}{case}>{_either_case(rest)})" for i, rest in items)
            # (?<!\w.) after the first letter: no word character before it.
            branches.append(f"{letter}(?<!\\w.)(?:{inner})")
    # "TP.Cần Thơ": after an abbreviation's dot the name may follow without a space.
    return re.compile("(?:" + "|".join(branches) + r")(?:(?<=\.)|(?!\w))")


_TRIGGER_RE = _trigger_re()
# "TP.HCM", "TPHCM", "TP HCM": Hồ Chí Minh City in newsroom shorthand.
_HCM_RE = re.compile(r"(?<!\w)(?:TP\.?\s?HCM|Tp\.?\s?HCM|TPHCM)(?!\w)")
# Words between a kind and its name: "huyện đảo Cô Tô", "xã miền núi Ba Chẽ".
_DESCRIPTOR_RE = re.compile(r"(?:\s*:)?\s+(?:(?:đảo|miền núi|vùng cao|biên giới|vùng biên|nông thôn mới)\s+)?")
_LIST_SEP_RE = re.compile(r"\s*(?:,\s*và|,|;|và|cùng)\s+")
_ADDRESS_SEP_RE = re.compile(r"\s*[,(–-]?\s*$")

# Capitalised words that are never a unit here even when a unit bears the name.
_STOP = {fold(w) for w in ("Trung ương", "Việt Nam", "Nhân dân", "Quốc hội", "Thành phố", "Tỉnh", "Đảng",
                           "Nhà nước", "Chính phủ", "Đông", "Tây", "Nam", "Bắc", "Trung",
                           "Ủy", "Đoàn", "Hội", "Khối", "Ban", "Bộ")}
# Bare province names that are also common phrases or a person's name.
_BARE_EXCLUDED = {fold(w) for w in ("Hồ Chí Minh",)}
_POSITION_BEFORE_RE = re.compile(r"(?:Bí thư|Chủ tịch|Trưởng|Phó|Ủy viên|Giám đốc|Chủ nhiệm|Thường trực)"
                                 r"(?:\s+(?:ban|UBND|HĐND|MTTQ|Ủy ban|Thường trực|Thường vụ|Đảng ủy)){0,2}\s*$", re.I)
_HONORIFIC_RE = re.compile(r"(?:đồng chí|ông|bà|anh|chị|cô|thầy|cụ|em|cháu|gia đình|tên|đ/c)\s*$", re.I)
# Named things that are not administrative units: "đường Hà Nội", "cầu Cần Thơ", "vịnh Hạ Long".
_NOT_A_UNIT_BEFORE_RE = re.compile(
    r"(?:đường|phố|đại lộ|cầu|chợ|cảng|sân bay|sông|núi|đèo|vịnh|biển|hồ|thôn|ấp|bản|làng|khu phố|tổ dân phố|"
    r"công ty|nhà máy|bệnh viện|trường|khách sạn|quảng trường|nhà hát|bến|ga|tàu)\s+$", re.I)
_LEVEL_RANK = {"P": 0, "D": 1, "W": 2, "NP": 0, "NW": 2}


@lru_cache(maxsize=1024)
def segment_forms(raw: str) -> tuple[str, str]:
    """(canonical, display) forms of one title, paragraph or caption.

    Cached: places and documents read the same paragraphs of an article one after the other.
    """
    return canonical_forms(raw)


@dataclass
class _Mention:
    order: tuple[int, int]
    end: int
    written: str            # the words in the text ("Quận ủy Ninh Kiều")
    name: str               # the name part as written
    kind: str               # kind the trigger names
    levels: tuple[str, ...]
    matches: list[Match]
    body: bool = False
    bare: bool = False      # written without kind word
    in_title: bool = False
    in_position: bool = False   # part of someone's title: "Bí thư Huyện ủy Cồn Cỏ"
    dropped: bool = False       # only misspelt look-alikes far away: not a place
    shown: str = ""             # the name as the article spells it
    parent: "_Mention | None" = None
    unit: Unit | None = None


def find_places(*, title: str, paragraphs: list[str], source: str = "",
                captions: list[str] = ()) -> tuple[PlaceMention | None, list[PlaceMention]]:
    """(primary unit, every unit named: primary first, then in order of appearance).

    Photo captions name places too ("Đảng ủy phường Phương Đông, TP Uông Bí ..."); pass them.
    """
    gaz = load_gazetteer()
    raw = [title or ""] + list(paragraphs) + list(captions)
    forms = [segment_forms(t) for t in raw]
    # canonical() only moves tone marks, so offsets agree with the text as written.
    segments = [f[0] for f in forms]
    shown = [f[1] for f in forms]
    mentions: list[_Mention] = []
    bare_bodies: Counter[str] = Counter()
    covered: list[list[tuple[int, int]]] = []
    for index, text in enumerate(segments):
        found, spans = _scan(gaz, text=text, segment=index, bodies=bare_bodies)
        if len(shown[index]) == len(text):
            for m in found:
                m.written = shown[index][m.order[1]:m.end]
                m.shown = shown[index][m.end - len(m.name):m.end]
        mentions.extend(found)
        covered.append(spans)
    if not mentions and not source:
        return None, []

    best = _best_province(gaz, mentions=mentions, source=source)
    if best is not None:
        # A bare "Quảng Ninh" in an article about Quảng Bình is its huyện Quảng Ninh.
        for m in mentions:
            if m.bare and m.levels == ("P",) and best.code not in _provinces(gaz, matches=m.matches):
                local = [x for x in gaz.lookup(m.name, levels=("D",)) if x.exact and x.unit.parent == best.code]
                if local:
                    m.matches, m.levels, m.kind = local, ("D",), local[0].unit.kind
        # "triển khai ở Vĩnh Yên, Tam Dương, Phúc Yên": districts of the article's province, no kind word.
        for index, text in enumerate(segments):
            found = _bare_names(gaz, text=text, segment=index, covered=covered[index], level="D", parent=best.code)
            for m in found:
                m.shown = shown[index][m.order[1]:m.end] if len(shown[index]) == len(text) else m.name
                m.written = m.shown
            mentions.extend(found)
        mentions.sort(key=lambda m: m.order)
    _resolve(gaz, mentions=mentions, province=best)
    counts = _occurrences(mentions=mentions, segments=segments, paragraphs=len(paragraphs))
    primary_unit = _primary(gaz, mentions=mentions, province=best, counts=counts, bare_bodies=bare_bodies)

    places: list[PlaceMention] = []
    keys: list[tuple[str, str]] = []
    for m in sorted(mentions, key=lambda m: m.order):
        if m.dropped:
            continue
        key = _key(m)
        if key not in keys:
            keys.append(key)
            places.append(_place(gaz, mention=m))
    primary = None
    if primary_unit is not None:
        key = (primary_unit.level, primary_unit.code, "")
        if key in keys:
            primary = places.pop(keys.index(key))
        else:
            primary = _place_of_unit(gaz, unit=primary_unit, written=primary_unit.name, mention="")
        places.insert(0, primary)
    return primary, places


def _is_alias(m: _Mention) -> bool:
    """Named after a former district or ward merged into the unit (a province's former name is the province)."""
    return m.unit is not None and m.unit.level != "P" and any(x.alias and x.unit == m.unit for x in m.matches)


def _key(m: _Mention) -> tuple[str, str, str]:
    """One entry per unit; a former unit named under its old name stays apart from its successor."""
    if m.unit is None:
        return ("?", "", name_key(m.name))
    return (m.unit.level, m.unit.code, name_key(m.name) if _is_alias(m) else "")


def _in_province(gaz: Gazetteer, *, unit: Unit, code: str) -> bool:
    """Is the unit in legacy province `code`? A post-2025 unit is, if that province merged into its own."""
    province = gaz.province_of(unit) or unit
    if unit.level in ("NP", "NW"):
        legacy = gaz.get("P", code=code)
        return legacy is not None and legacy.new == province.code
    return province.code == code


def _within(gaz: Gazetteer, *, unit: Unit, container: Unit) -> bool:
    if container.level == "P":
        return _in_province(gaz, unit=unit, code=container.code)
    if container.level == "D":
        return unit.level == "W" and unit.parent == container.code
    return False


def _scan(gaz: Gazetteer, *, text: str, segment: int,
          bodies: Counter[str]) -> tuple[list[_Mention], list[tuple[int, int]]]:
    """Units introduced by a kind word or a party body, lists after them, bare province names.

    Also counts unnamed bodies and kind words ("Thành ủy", "UBND huyện") into `bodies`: they speak of
    the unit in focus.
    """
    mentions: list[_Mention] = []
    covered: list[tuple[int, int]] = []
    body_before = -1  # where a kind word follows a body: "Thành ủy thành phố Thanh Hóa"
    for m in _HCM_RE.finditer(text) if "HCM" in text else ():
        unit = gaz.get("P", code="79")
        mentions.append(_Mention((segment, m.start()), m.end(), m.group(0), "Hồ Chí Minh", "thành phố", ("P",),
                                 [Match(unit, True, False)], in_title=segment == 0))
        covered.append((m.start(), m.end()))
    for m in _TRIGGER_RE.finditer(text):
        if _inside(m.start(), spans=covered):
            continue
        i = int(m.lastgroup[1:-1])
        _pattern, levels, kind, body = _TRIGGERS[i]
        body = body or m.start() == body_before
        if m.group(0)[:2].lower() in ("tp", "tx") and m.group(0)[:2] not in ("TP", "Tp", "TX", "Tx"):
            continue  # lower-case "tp"/"tx" is not the abbreviation
        pos = m.end()
        desc = _DESCRIPTOR_RE.match(text, pos)
        name_start = desc.end() if desc else pos
        first = _name_at(gaz, text=text, pos=name_start, levels=levels, kind=kind)
        if first is None:
            nxt = _TRIGGER_RE.match(text, name_start)
            if body and nxt:
                body_before = name_start
            elif body:
                bodies[kind] += 1
            elif not body and not nxt and m.group(0)[0].islower() and not _NAME_RE.match(text, name_start):
                bodies["_" + kind] += 1  # "HĐND thành phố", "của tỉnh": the unit in focus, unnamed
            continue
        name, end, matches = first
        head = _Mention((segment, m.start()), end, text[m.start():end], name, kind, levels, matches,
                        body=body, in_title=segment == 0,
                        in_position=bool(_POSITION_BEFORE_RE.search(text, max(0, m.start() - 40), m.start())))
        mentions.append(head)
        covered.append((m.start(), end))
        previous = head
        # A list after one kind word: "các Quận ủy Ninh Kiều, Thốt Nốt, Ô Môn và Huyện ủy Cờ Đỏ".
        while True:
            sep = _LIST_SEP_RE.match(text, end)
            if not sep or _TRIGGER_RE.match(text, sep.end()) or _HCM_RE.match(text, sep.end()):
                break
            nxt = _name_at(gaz, text=text, pos=sep.end(), levels=levels, kind=kind)
            if nxt and _related(gaz, a=previous.matches, b=nxt[2], same_level=True):
                item = _Mention((segment, sep.end()), nxt[1], nxt[0], nxt[0], kind, levels, nxt[2],
                                body=body, in_title=segment == 0)
            else:
                # An address tail without kind word: "xã Thạnh Quới, Vĩnh Thạnh, Cần Thơ".
                higher = tuple(lv for lv in ("P", "D") if _LEVEL_RANK[lv] < _LEVEL_RANK[min(levels, key=_LEVEL_RANK.get)])
                nxt = _name_at(gaz, text=text, pos=sep.end(), levels=higher, kind="") if higher else None
                if not nxt or sep.group(0).strip() != "," or not _related(gaz, a=previous.matches, b=nxt[2], same_level=False):
                    break
                item = _Mention((segment, sep.end()), nxt[1], nxt[0], nxt[0], nxt[2][0].unit.kind, higher, nxt[2],
                                in_title=segment == 0)
            mentions.append(item)
            covered.append((sep.end(), item.end))
            previous, end = item, item.end
    bare = _bare_names(gaz, text=text, segment=segment, covered=covered, level="P", parent="")
    mentions.extend(bare)
    covered.extend((m.order[1], m.end) for m in bare)
    if len(mentions) > 1:   # most segments name one unit or none: nothing to order or link
        mentions.sort(key=lambda x: x.order)
        _link_addresses(mentions=mentions, text=text)
    return mentions, covered


def _inside(position: int, *, spans: list[tuple[int, int]]) -> bool:
    # a plain loop: this runs for every kind word and bare name, where any() over a generator costs more
    for start, end in spans:
        if start <= position < end:
            return True
    return False


def _name_at(gaz: Gazetteer, *, text: str, pos: int, levels: tuple[str, ...], kind: str):
    """Longest run of capitalised syllables at pos that names a unit: (name, end, matches)."""
    num = _NUMBER_RE.match(text, pos)
    if num and kind in ("quận", "phường"):
        name = f"{kind.capitalize()} {int(num.group(0))}"
        matches = gaz.lookup(name, levels=levels)
        return (name, num.end(), matches) if matches else None
    m = _NAME_RE.match(text, pos)
    if not m:
        return None
    found = _unit_name_in_run(gaz, run=m.group(0), levels=levels)
    if found is None:
        return None
    length, matches = found
    return text[pos:pos + length], pos + length, list(matches)


@lru_cache(maxsize=20_000)
def _unit_name_in_run(gaz: Gazetteer, *, run: str, levels: tuple[str, ...]) -> tuple[int, tuple[Match, ...]] | None:
    """Longest leading syllables of a capitalised run that name a unit: (length, matches).

    Remembered: an article names the same units again and again.
    """
    pieces = list(_SYL_RE.finditer(run))
    syllables = [p for p in pieces if p.group(0) not in "-–"]
    # Pre-2025 units first; a ward or special zone created in 2025 ("phường Ninh Kiều") after that.
    for search in (levels, ("NW",) if "W" in levels else ()):
        for k in range(len(syllables), 0, -1) if search else ():
            length = syllables[k - 1].end()
            name = run[:length]
            if fold(name) in _STOP:
                continue
            matches = gaz.lookup(name, levels=search)
            if matches:
                # "huyện Kỳ Sơn" in Hòa Bình was merged in 2019; Nghệ An still has one: keep both readings.
                known = {(x.unit.level, x.unit.code) for x in matches}
                matches += [x for x in gaz.former(name, levels=search) if (x.unit.level, x.unit.code) not in known]
                return length, tuple(matches)
    return None


def _provinces(gaz: Gazetteer, *, matches: list[Match]) -> set[str]:
    """Codes of the pre-2025 provinces the matched units lie in (a post-2025 unit: those merged into its own)."""
    codes = set()
    for match in matches:
        province = gaz.province_of(match.unit)
        if province and province.level == "NP":
            codes.update(_merged_into(gaz).get(province.code, ()))
        elif province:
            codes.add(province.code)
    return codes


@lru_cache(maxsize=4)
def _merged_into(gaz: Gazetteer) -> dict[str, tuple[str, ...]]:
    merged: dict[str, list[str]] = defaultdict(list)
    for (level, code), unit in gaz.units.items():
        if level == "P" and unit.new:
            merged[unit.new].append(code)
    return {new: tuple(old) for new, old in merged.items()}


def _related(gaz: Gazetteer, *, a: list[Match], b: list[Match], same_level: bool) -> bool:
    """Could b follow a in a list (same province) or in its address (b contains a)?"""
    if same_level:
        if all(m.unit.level == "P" for m in b):
            return True
        return bool(_provinces(gaz, matches=a) & _provinces(gaz, matches=b))
    containers = set()
    for match in a:
        unit = match.unit
        district = gaz.district_of(unit)
        if district:
            containers.add(("D", district.code))
        province = gaz.province_of(unit)
        if province:
            containers.add(("P", province.code))
    return any((m.unit.level, m.unit.code) in containers for m in b)


def _bare_names(gaz: Gazetteer, *, text: str, segment: int, covered: list[tuple[int, int]], level: str,
                parent: str) -> list[_Mention]:
    """Names written without kind word ("tại Hà Nội"), not inside a longer proper name or a person's name.

    level "P": any province; level "D": only districts of the province `parent`.
    """
    found = []
    for start, end, name, answers in _candidate_runs(gaz, text=text):
        matches = answers.get(level)
        if not matches:
            continue
        if _inside(start, spans=covered):
            continue
        if level == "D":
            matches = [x for x in matches if x.unit.parent == parent]
        else:
            matches = list(matches)
        if not matches or fold(name) in _BARE_EXCLUDED:
            continue
        if level == "P" and matches[0].alias and any(x.exact for x in gaz.lookup(name, levels=("D",))):
            continue  # "Vũng Tàu" alone is the city, not Bà Rịa - Vũng Tàu
        if level == "D" and any(x.exact for x in gaz.lookup(name, levels=("P",))):
            continue  # "Thanh Hóa" alone is the province, not its capital
        if len(name.split()) < 2 and not (level == "D" and _in_list(text, start=start, end=end)):
            continue  # one capitalised syllable is a district only inside a list: "ở Sơn Động, Chũ, Việt Yên"
        before = text[max(0, start - 30):start]
        prev_word = re.search(r"(\w+)([^\w]*)$", before)
        # "Nguyễn Thị Hà Nam", "Báo Cần Thơ": part of a person's or an organisation's name.
        if prev_word and prev_word.group(1)[0].isupper() and not prev_word.group(2).strip():
            continue
        if _HONORIFIC_RE.search(before) or _NOT_A_UNIT_BEFORE_RE.search(before):
            continue
        found.append(_Mention((segment, start), end, name, name, matches[0].unit.kind, (level,),
                              matches, bare=True, in_title=segment == 0))
    return found


@lru_cache(maxsize=256)
def _candidate_runs(gaz: Gazetteer, *, text: str) -> tuple[tuple[int, int, str, dict[str, tuple[Match, ...]]], ...]:
    """Runs of capitalised syllables in a segment that name a province or a district without kind word:
    (start, end, name, {level: matches}); found once for the province and the district passes.

    Nearly every run names no unit, and the answer for a name is remembered across articles.
    """
    memo = _bare_memo(gaz)
    runs = []
    for m in _NAME_RE.finditer(text):
        name = m.group(0)
        answers = memo.get(name)
        if answers is None:
            if len(memo) > 100_000:
                memo.clear()
            answers = memo[name] = {level: found for level in ("P", "D") if (found := tuple(
                x for x in gaz.lookup(name, levels=(level,)) if x.exact or x.alias or level == "D"))}
        if answers:
            runs.append((m.start(), m.end(), name, answers))
    return tuple(runs)


@lru_cache(maxsize=4)
def _bare_memo(gaz: Gazetteer) -> dict[str, dict[str, tuple[Match, ...]]]:
    return {}


def _in_list(text: str, *, start: int, end: int) -> bool:
    before = text[max(0, start - 6):start]
    after = text[end:end + 5]
    return bool(re.search(r"(?:,|\bở|\btại|\bvà)\s*$", before)) and bool(re.match(r"\s*(?:[,;.]|và\b)", after))


def _link_addresses(*, mentions: list[_Mention], text: str) -> None:
    """"phường Hưng Thạnh, quận Cái Răng": the district written next to a ward contains it."""
    for a, b in zip(mentions, mentions[1:]):
        if b.order[1] < a.end or not _ADDRESS_SEP_RE.match(text[a.end:b.order[1]]):
            continue
        la = min(_LEVEL_RANK.get(lv, 3) for lv in a.levels)
        lb = min(_LEVEL_RANK.get(lv, 3) for lv in b.levels)
        if lb < la and a.parent is None:
            a.parent = b
        elif la < lb and b.parent is None:
            b.parent = a


def _best_province(gaz: Gazetteer, *, mentions: list[_Mention], source: str) -> Unit | None:
    """The pre-2025 province most named, directly or through its districts and wards; the site breaks ties."""
    score: defaultdict[str, float] = defaultdict(float)
    for m in mentions:
        provinces = _provinces(gaz, matches=[x for x in m.matches if not x.alias] or m.matches)
        if not provinces:
            continue
        own = all(x.unit.level == "P" for x in m.matches) and not m.bare
        weight = (2.0 if own else 1.0) * (2 if m.in_title else 1) / len(provinces)
        for code in provinces:
            score[code] += weight
    for code in _source_provinces(gaz, source=source):
        score[code] += 1.5
    if not score:
        return None
    code = max(score, key=lambda c: (score[c], -int(c)))
    return gaz.get("P", code=code)


def _source_provinces(gaz: Gazetteer, *, source: str) -> list[str]:
    """Site names often carry the province: baoquangninh.com.vn, baocantho.com.vn."""
    key = name_key(source or "")
    if not key:
        return []
    return [code for code, province_key in _province_keys(gaz) if province_key in key]


@lru_cache(maxsize=4)
def _province_keys(gaz: Gazetteer) -> tuple[tuple[str, str], ...]:
    return tuple((u.code, name_key(u.name)) for (level, _), u in gaz.units.items()
                 if level == "P" and len(name_key(u.name)) >= 5)


def _resolve(gaz: Gazetteer, *, mentions: list[_Mention], province: Unit | None) -> None:
    """Pick one unit per mention: provinces first, then districts, then wards (a ward needs its district)."""
    provinces_named = set()
    for m in mentions:
        if all(x.unit.level == "P" for x in m.matches) and len(_provinces(gaz, matches=m.matches)) == 1:
            provinces_named |= _provinces(gaz, matches=m.matches)
    if province:
        provinces_named.add(province.code)
    districts_named: set[str] = set()
    for m in sorted(mentions, key=lambda m: min(_LEVEL_RANK[lv] for lv in m.levels)):
        m.unit = _choose(gaz, mention=m, province=province, provinces=provinces_named, districts=districts_named)
        if m.unit and m.unit.level == "D":
            districts_named.add(m.unit.code)


def _choose(gaz: Gazetteer, *, mention: _Mention, province: Unit | None, provinces: set[str],
            districts: set[str]) -> Unit | None:
    # A spelling that differs in more than tone placement or i/y ("Hà Tiến" for Hà Tiên) is trusted
    # only inside the article's province, unless the text is written without diacritics at all.
    written_plain = not has_diacritics(mention.name)
    candidates = [x.unit for x in mention.matches
                  if x.exact or x.alias or written_plain or _same_letters(mention.name, b=x.unit.name)
                  or (province is not None and _in_province(gaz, unit=x.unit, code=province.code))]
    if not candidates:
        mention.dropped = True
        return None
    parent = mention.parent.unit if mention.parent and mention.parent.unit else None
    if parent is not None and _LEVEL_RANK.get(parent.level, 3) < _LEVEL_RANK.get(min(mention.levels, key=_LEVEL_RANK.get), 3):
        # The address written beside it rules: "thị trấn Mường Tè (Lai Châu)" is not the xã in Sơn La.
        inside = [u for u in candidates if _within(gaz, unit=u, container=parent)]
        if not inside:
            return None
        candidates = inside
    if len(candidates) == 1:
        return candidates[0]
    tiers = []
    if parent is not None:
        if parent.level == "D":
            tiers.append(lambda u: u.parent == parent.code and u.level == "W")
        parent_province = gaz.province_of(parent)
        if parent_province:
            tiers.append(lambda u: _in_province(gaz, unit=u, code=parent_province.code))
    tiers.append(lambda u: u.level == "W" and u.parent in districts)
    if province is not None:
        tiers.append(lambda u: _in_province(gaz, unit=u, code=province.code))
    tiers.append(lambda u: any(_in_province(gaz, unit=u, code=code) for code in provinces))
    tiers.append(lambda u: True)
    for test in tiers:
        pool = [u for u in candidates if test(u)]
        if not pool:
            continue
        # A unit bearing the name today beats one a former namesake was merged into.
        current = {(x.unit.level, x.unit.code) for x in mention.matches if not x.alias}
        pool = [u for u in pool if (u.level, u.code) in current] or pool
        # "thành phố Thanh Hóa" in tỉnh Thanh Hóa is the city: the kind written decides.
        pool = [u for u in pool if u.kind == mention.kind] or pool
        top = min(_LEVEL_RANK[u.level] for u in pool)
        pool = [u for u in pool if _LEVEL_RANK[u.level] == top]
        return pool[0] if len(pool) == 1 else None
    return None


def _weight(m: _Mention, *, paragraphs: int) -> float:
    """The title and the lead say what an article is about; captions and officials' titles less so."""
    segment = m.order[0]
    weight = 3.0 if segment == 0 else 2.0 if segment == 1 else 0.5 if segment > paragraphs else 1.0
    if m.in_position:
        return weight * 0.5
    # "Ban Thường vụ Thị ủy Nghĩa Lộ tổ chức ..." opening the article: the committee acting.
    return weight * 1.5 if m.body and segment == 1 else weight


_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _same_letters(a: str, *, b: str) -> bool:
    """Equal but for i/y (Quí / Quý), where the tone mark sits, and letter case."""
    def shape(text: str) -> list[tuple[str, str]]:
        out = []
        for syllable in unicodedata.normalize("NFD", text.lower()).split():
            marks = "".join(sorted(c for c in syllable if c in _TONE_MARKS))
            letters = "".join(c for c in syllable if c not in _TONE_MARKS).replace("y", "i")
            out.append((letters, marks))
        return out
    return shape(a) == shape(b)


def _occurrences(*, mentions: list[_Mention], segments: list[str], paragraphs: int) -> Counter[tuple[str, str]]:
    """How often each resolved unit is named, counting later bare uses of a name ("Uông Bí vẫn ...")."""
    counts: Counter[tuple[str, str]] = Counter()
    for m in mentions:
        if m.unit and not _is_alias(m):
            counts[(m.unit.level, m.unit.code)] += _weight(m, paragraphs=paragraphs)
    names = {}
    for m in mentions:
        if m.unit and not _is_alias(m) and m.unit.level in ("P", "D") and len(m.unit.name.split()) >= 2:
            names[m.unit.name] = (m.unit.level, m.unit.code)
    # Unit names hold no line break, so counting in the joined segments counts in each.
    joined = "\n".join(segments) if names else ""
    for name, key in names.items():
        total = _count_whole_words(joined, name=name)
        named = sum(1 for m in mentions if m.unit and (m.unit.level, m.unit.code) == key)
        counts[key] += max(0, total - named) * 0.5
    return counts


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # what re calls \\w


def _count_whole_words(text: str, *, name: str) -> int:
    """len(re.findall(rf"(?<!\\w){name}(?!\\w)", text)), with str.find (a regex starting with a
    look-behind cannot skip ahead, str.find can)."""
    count, size = 0, len(name)
    i = text.find(name)
    while i >= 0:
        if (i == 0 or not _is_word(text[i - 1])) and (i + size == len(text) or not _is_word(text[i + size])):
            count += 1
            i = text.find(name, i + size)
        else:
            i = text.find(name, i + 1)
    return count


def _primary(gaz: Gazetteer, *, mentions: list[_Mention], province: Unit | None,
             counts: Counter[tuple[str, str]], bare_bodies: Counter[str]) -> Unit | None:
    """The province, or a district-level unit inside it whose party committee is the main actor.

    Each candidate scores its named mentions (bodies named with it count extra) plus the unnamed
    bodies and kind words that can only mean it: bare "Huyện ủy" / "UBND huyện" in an article
    about a huyện, bare "Thành ủy" for a city inside a tỉnh.
    """
    if province is None:
        return None
    named_bodies: Counter[tuple[str, str]] = Counter()
    for m in mentions:
        if m.unit and m.body:
            named_bodies[(m.unit.level, m.unit.code)] += 1

    def score(unit: Unit) -> float:
        key = (unit.level, unit.code)
        total = 2 * counts[key] + named_bodies[key]
        if unit.level == "P" or unit.kind != province.kind:
            total += bare_bodies[unit.kind] + bare_bodies["_" + unit.kind]
        return total

    districts = {}
    for m in mentions:
        if m.unit and m.unit.level == "D" and m.unit.parent == province.code and not _is_alias(m):
            districts[m.unit.code] = m.unit
    ranked = sorted(districts.values(), key=lambda u: counts[("D", u.code)], reverse=True)
    if not ranked:
        return province
    top = counts[("D", ranked[0].code)]
    second = counts[("D", ranked[1].code)] if len(ranked) > 1 else 0
    # A district is the subject only when it stands out from the others the article names.
    if top >= 2 and top >= 1.5 * second and score(ranked[0]) > score(province):
        return ranked[0]
    return province


def _place(gaz: Gazetteer, *, mention: _Mention) -> PlaceMention:
    if mention.unit is None:
        return PlaceMention(name=_display(mention.shown or mention.name), kind=mention.kind, mention=mention.written)
    alias = _is_alias(mention)
    exact = any(x.exact and x.unit == mention.unit for x in mention.matches)
    # A spelling variant the article uses (Phú Quý for the register's Phú Quí) is kept as written;
    # text without diacritics or in capitals takes the register's spelling.
    variant = not exact and has_diacritics(mention.name) and not mention.name.isupper()
    written = _display(mention.shown or mention.name) if alias or variant else mention.unit.name
    kind = mention.kind if (alias or variant) and mention.kind else mention.unit.kind
    place = _place_of_unit(gaz, unit=mention.unit, written=written, mention=mention.written)
    place.kind = kind
    return place


def _place_of_unit(gaz: Gazetteer, *, unit: Unit, written: str, mention: str) -> PlaceMention:
    province = gaz.province_of(unit)
    district = gaz.district_of(unit)
    new = unit if unit.level in ("NP", "NW") else gaz.new_unit(unit)
    return PlaceMention(
        name=written, kind=unit.kind, code=unit.code,
        province=province.name if province else "", province_code=province.code if province else "",
        district=district.name if district else "", district_code=district.code if district else "",
        new_name=new.name if new else "", mention=mention,
    )


def _display(name: str) -> str:
    """Title-case a name written in capitals ("CẦN THƠ" -> "Cần Thơ"), keep others as written."""
    name = normalize(name)
    return name.title() if name.isupper() and len(name) > 3 else name
