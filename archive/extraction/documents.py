"""Party and State documents cited in an article: kind, number, canonical code.

Spellings handled: "Nghị quyết số 04-NQ/TW", "số 04 - NQ/TW", "03 -KL/TƯ", "Chỉ thị 12-CT/TU",
"Quyết định số 123/QĐ-UBND", "Nghị định 24/2010/NĐ-CP", bare numbers ("Quy định 08",
"Kết luận số 21"), plenum names ("Nghị quyết Trung ương 4 (khóa XII)", "NQTW4", "NQ TW4")
and lists ("Nghị quyết 18, 19"). Central documents resolve through the catalog
(fixtures/documents.json); local ones (…/TU, …/HU) are kept as written.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from .catalog import TERMS, Catalog, CatalogEntry, code_key, load_catalog, term_of
from .places import segment_forms
from .result import DocumentMention
from .text import fold

KINDS = ["Nghị quyết", "Nghị định", "Chỉ thị", "Quy định", "Quyết định", "Kết luận", "Kế hoạch", "Hướng dẫn",
         "Thông báo", "Thông tư", "Thông tri", "Quy chế", "Chương trình", "Đề án", "Công văn", "Luật", "Pháp lệnh"]
# Type abbreviations in codes and the kinds they may stand for (first = when only the code is written).
TYPES = {"NQ": ["Nghị quyết"], "NĐ": ["Nghị định"], "CT": ["Chỉ thị"], "QĐi": ["Quy định"],
         "QĐ": ["Quy định", "Quyết định"], "KL": ["Kết luận"], "KH": ["Kế hoạch"], "HD": ["Hướng dẫn"],
         "TB": ["Thông báo"], "TT": ["Thông tư"], "TTr": ["Thông tri"], "QC": ["Quy chế"],
         "CTr": ["Chương trình"], "ĐA": ["Đề án"], "CV": ["Công văn"]}
MAIN_TYPE = {"Nghị quyết": "NQ", "Nghị định": "NĐ", "Chỉ thị": "CT", "Quy định": "QĐ", "Quyết định": "QĐ",
             "Kết luận": "KL", "Kế hoạch": "KH", "Hướng dẫn": "HD", "Thông báo": "TB", "Thông tư": "TT",
             "Thông tri": "TTr", "Quy chế": "QC", "Chương trình": "CTr", "Đề án": "ĐA", "Công văn": "CV"}
_TYPE_BY_FOLD = {fold(t): t for t in TYPES}

_KIND_ALT = "|".join(re.escape(k) for k in sorted(KINDS, key=len, reverse=True))
_NUM = r"(?P<num>\d{1,4})"
_PARTY = r"(?P<psuf>\s*[-–]\s*(?P<ptype>[A-ZĐ][A-Za-zĐđ]{0,3})\s*/\s*(?P<piss>[A-ZĐƯ][A-Za-zĐđƯư]{0,7}))"
_STATE = r"(?P<ssuf>(?:/(?P<year>(?:19|20)\d\d))?/(?:(?P<stype>[A-ZĐ][A-Za-zĐđ]{0,4})[-–](?P<siss>[A-ZĐ][A-Za-zĐđ0-9]{0,10})|(?P<qh>QH\d{1,2})))"
_KIND_NUM_RE = re.compile(rf"(?<!\w)(?P<kind>{_KIND_ALT})\s+(?:số\s*:?\s*)?{_NUM}(?:{_PARTY}|{_STATE})?(?!\w)", re.I)
# The look-behind after the first digit (not before it) lets re jump from digit to digit.
_CODE_RE = re.compile(rf"(?P<num>\d(?<![\w/-]\d)\d{{0,3}}){_PARTY}(?!\w)", re.I)
_ABBR_RE = re.compile(rf"(?<!\w)(?P<abbr>NQ|CT|KL)\s+(?:số\s+)?{_NUM}(?![\w/%-])")
# Plenums by number or ordinal word: "Trung ương 4", "Hội nghị lần thứ tư Ban Chấp hành Trung ương".
_ORDINALS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
             "mười": 10, "mười một": 11, "mười hai": 12, "mười ba": 13, "mười bốn": 14, "mười lăm": 15}
_ORDINAL_ALT = "|".join(sorted(_ORDINALS, key=len, reverse=True))
_PLENUM_NUM = rf"(?:\d{{1,2}}(?!\d)|(?<=thứ )(?:{_ORDINAL_ALT})(?!\w))"
_PLENUM_RE = re.compile(
    r"(?<!\w)(?P<pk>Nghị quyết|Kết luận|NQ|KL)\s*[-–]?\s*(?:Hội nghị\s+)?(?:(?:Ban Chấp hành\s+)?Trung ương|TW|TƯ|T\.Ư\.?)"
    rf"(?:\s+Đảng)?\s*(?:lần thứ\s*)?(?P<plenum>{_PLENUM_NUM})"
    rf"|(?<!\w)(?P<pk2>Nghị quyết|Kết luận)\s+Hội nghị\s+(?:lần thứ\s*)?(?P<plenum2>{_PLENUM_NUM})\s+(?:của\s+)?"
    r"Ban Chấp hành Trung ương(?:\s+Đảng)?",
    re.I,
)


def _cue(word: str) -> str:
    """What str.lower() of the text holds wherever re.IGNORECASE matches `word` (NFC text).

    Only a plain "i" has other forms (İ, ı) that lower() leaves apart: the cue stops before it.
    """
    word = word.lower()
    return word[:word.index("i")] if "i" in word else word


_PLENUM_CUES = tuple(_cue(w) for w in ("Nghị quyết", "Kết luận", "NQ", "KL"))  # the kind words of _PLENUM_RE
_KIND_CUES = tuple(sorted({_cue(k) for k in KINDS}))
_TERM_AFTER_RE = re.compile(r"\s*(?P<open>\()?\s*,?\s*khóa\s+(?P<term>[XVI]{1,5})(?![\w])\s*(?(open)\))", re.I)
_TERM_NEAR_RE = re.compile(r"khóa\s+(?P<term>[XVI]{1,5})(?!\w)", re.I)
_DATE_NEAR_RE = re.compile(r"^[\s,]*(?:ban hành\s+)?ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_LIST_NUM_RE = re.compile(r"(?:\s*,\s*|\s+và\s+)(?:số\s+)?(?P<num>\d{1,3})(?P<suf>\s*[-–]\s*[A-ZĐ][A-Za-zĐđ]{0,3}\s*/\s*[A-ZĐƯ][A-Za-zĐđƯư]{0,7})?"
                           r"(?=\s*(?:,|và\b|của\b|về\b|\)|;|\.|$))")
# A number that is a count, a share or a date, not a document number.
_NOT_A_NUMBER_RE = re.compile(r"(?:\s*/\s*\d|[.,]\d|\s*%|\s+(?:năm|tháng|tuần|quý|giờ|lần|chỉ tiêu|nhiệm vụ|nội dung|"
                              r"điểm|điều|đồng chí|cán bộ|đảng viên|tổ chức|người|văn bản|kỳ)(?!\w))", re.I)
_LOCAL_BODY_RE = re.compile(r"^[^.;]{0,40}?\b(?:của|do)\s+(?:Ban Thường vụ\s+|BTV\s+|Ban Chấp hành Đảng bộ\s+\w+\s+|"
                            r"Ban Chấp hành\s+|Thường trực\s+)?(?P<body>Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|Đảng ủy|"
                            r"UBND|HĐND|Ủy ban nhân dân|Hội đồng nhân dân)", re.I)
_CENTRAL_BODY_RE = re.compile(r"^[^.;]{0,40}?\b(?:Trung ương|Bộ Chính trị|Ban Bí thư|TW|TƯ)\b", re.I)
_LOCAL_ISSUER = {"tinh uy": "TU", "thanh uy": "TU", "thi uy": "TU", "huyen uy": "HU", "quan uy": "QU",
                 "dang uy": "ĐU", "ubnd": "UBND", "uy ban nhan dan": "UBND", "hdnd": "HĐND", "hoi dong nhan dan": "HĐND"}
_SENTENCE_END_RE = re.compile(r"[.!?…](?=\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ“\"]|\s*$)")
# Kinds still cited by number when written in lower case ("theo nghị quyết số 09").
_LOWERCASE_KINDS = {"Nghị quyết", "Nghị định", "Chỉ thị", "Quy định", "Quyết định", "Kết luận", "Thông tư"}
_COMPOUND_RE = re.compile(r"(?:kỷ|pháp|ra|có|đưa ra)\s+$", re.I)
# Word pairs too common in party texts to tell two documents apart.
_COMMON_PAIRS = {fold(w) for w in (
    "thực hiện", "xây dựng", "hệ thống", "chính trị", "phát triển", "tổ chức", "cán bộ", "đảng viên", "tiếp tục",
    "tăng cường", "đẩy mạnh", "nâng cao", "hiệu quả", "tình hình", "tình hình mới", "giai đoạn", "giai đoạn mới",
    "trung ương", "ban chấp", "chấp hành", "hành trung", "nghị quyết", "một số", "số vấn", "vấn đề", "quan trọng",
    "lãnh đạo", "chỉ đạo", "của đảng", "đảng và", "về tiếp", "về xây", "đến năm", "năm 2030", "tầm nhìn",
    "nhìn đến", "năm 2045", "đổi mới", "chất lượng", "kinh tế", "xã hội", "quy định", "hội nghị", "chủ trương",
    "giải pháp", "quản lý", "có hiệu", "hiệu lực", "nhiệm vụ", "trong đó", "đối với", "của các", "các cấp", "cấp ủy")}


@dataclass
class _Cite:
    order: tuple[int, int]
    written: str
    sentence: str
    kind: str = ""
    number: str = ""              # digits as written
    ptype: str = ""               # type in a party code ("NQ")
    issuer: str = ""              # "TW", "TU", "UBND"...
    state_code: str = ""          # "123/QĐ-UBND"
    plenum: int | None = None
    term: str = ""                # stated beside the mention
    issued: date | None = None    # "ngày 30/10/2016" right after it
    local: bool | None = None     # issued by a local body (None: the text does not say)
    entry: CatalogEntry | None = None
    code: str = ""
    mentions: list[str] = field(default_factory=list)


def find_documents(*, title: str, paragraphs: list[str], published: date | None = None,
                   captions: list[str] = ()) -> list[DocumentMention]:
    """Every document cited, once each, in order of first citation (photo captions last)."""
    catalog = load_catalog()
    cites: list[_Cite] = []
    for index, raw in enumerate([title or ""] + list(paragraphs) + list(captions)):
        matched, shown = segment_forms(raw)
        # canonical() only moves tone marks, so offsets agree and mentions keep the article's spelling.
        cites.extend(_scan(matched, segment=index, shown=shown if len(shown) == len(matched) else matched))
    cites.sort(key=lambda c: c.order)
    _resolve(cites, catalog=catalog, published=published)
    return _group(cites)


# --- scanning ---------------------------------------------------------------

def _scan(text: str, *, segment: int, shown: str) -> list[_Cite]:
    taken: list[tuple[int, int]] = []
    found: list[_Cite] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    # Each pattern needs its cue word: matching only where one starts is far cheaper than a
    # case-insensitive scan of every position.
    low = text.lower()
    for m in _matches_at_cues(_PLENUM_RE, text=text, low=low, cues=_PLENUM_CUES):
        if not free(m.start(), m.end()):
            continue
        end = m.end()
        term = ""
        t = _TERM_AFTER_RE.match(text, end)
        if t:
            term, end = t.group("term").upper(), t.end()
        kind_word = m.group("pk") or m.group("pk2")
        kind = "Kết luận" if fold(kind_word) in ("ket luan", "kl") else "Nghị quyết"
        number = (m.group("plenum") or m.group("plenum2")).lower()
        plenum = int(number) if number.isdigit() else _ORDINALS[number]
        found.append(_Cite((segment, m.start()), shown[m.start():end], _sentence(shown, pos=m.start()),
                           kind=kind, plenum=plenum, term=term, issuer="TW", local=False))
        taken.append((m.start(), end))

    for m in _matches_at_cues(_KIND_NUM_RE, text=text, low=low, cues=_KIND_CUES):
        if not free(m.start(), m.end()):
            continue
        coded = bool(m.group("psuf") or m.group("ssuf"))
        if not coded and _NOT_A_NUMBER_RE.match(text, m.end()):
            continue
        kind = _kind_name(m.group("kind"))
        if m.group("kind")[0].islower() and not coded and (kind not in _LOWERCASE_KINDS or _COMPOUND_RE.search(text, 0, m.start())):
            continue  # "kỷ luật 2 tổ chức", "kế hoạch 3 năm": ordinary words, not a title
        cite = _cite_from_match(m, text=text, segment=segment, kind=kind, shown=shown)
        found.append(cite)
        taken.append((m.start(), m.end()))
        end = m.end()
        # "Nghị quyết 18, 19", "Quy định số 08, 37": one kind word, several numbers.
        while True:
            more = _LIST_NUM_RE.match(text, end)
            if not more or not free(more.start("num"), more.end()):
                break
            suffix = more.group("suf") or ""
            item = _Cite((segment, more.start("num")), shown[more.start("num"):more.end()], cite.sentence,
                         kind=kind, number=more.group("num"))
            if suffix:
                ptype, piss = [s.strip() for s in re.split(r"/", suffix.strip(" -–"), maxsplit=1)]
                item.ptype, item.issuer = ptype, _issuer(piss)
                item.local = item.issuer != "TW"
            else:
                item.local = cite.local
                item.issuer = cite.issuer if not cite.ptype else ""
            _near(item, text=text, end=more.end())
            found.append(item)
            taken.append((more.start("num"), more.end()))
            end = more.end()

    for m in _CODE_RE.finditer(text) if "/" in text else ():
        if not free(m.start(), m.end()):
            continue
        ptype = _TYPE_BY_FOLD.get(fold(m.group("ptype")))
        if not ptype:
            continue
        cite = _Cite((segment, m.start()), shown[m.start():m.end()].strip(), _sentence(shown, pos=m.start()), kind=TYPES[ptype][0],
                     number=m.group("num"), ptype=m.group("ptype"), issuer=_issuer(m.group("piss")))
        cite.local = cite.issuer != "TW"
        _near(cite, text=text, end=m.end())
        found.append(cite)
        taken.append((m.start(), m.end()))

    for m in _matches_at_cues(_ABBR_RE, text=text, low=text, cues=("NQ", "CT", "KL")):
        if not free(m.start(), m.end()) or _NOT_A_NUMBER_RE.match(text, m.end()):
            continue
        kind = TYPES[m.group("abbr")][0]
        cite = _Cite((segment, m.start()), shown[m.start():m.end()], _sentence(shown, pos=m.start()), kind=kind,
                     number=m.group("num"))
        _near(cite, text=text, end=m.end())
        found.append(cite)
        taken.append((m.start(), m.end()))
    return found


def _matches_at_cues(pattern: re.Pattern, *, text: str, low: str, cues: tuple[str, ...]) -> Iterator[re.Match]:
    """pattern.finditer(text) for a pattern whose every match starts with one of `cues` as `low` spells it.

    `low` is text.lower() (or text itself for case-sensitive cues); while it is as long as text the
    offsets agree, so trying pattern.match at each cue, left to right and past the last match, finds
    exactly what finditer finds.
    """
    if len(low) != len(text):
        yield from pattern.finditer(text)
        return
    starts = set()
    for cue in cues:
        i = low.find(cue)
        while i >= 0:
            starts.add(i)
            i = low.find(cue, i + 1)
    end = 0
    for start in sorted(starts):
        if start >= end:
            m = pattern.match(text, start)
            if m:
                yield m
                end = m.end()


def _cite_from_match(m: re.Match, *, text: str, segment: int, kind: str, shown: str) -> _Cite:
    cite = _Cite((segment, m.start()), shown[m.start():m.end()], _sentence(shown, pos=m.start()), kind=kind,
                 number=m.group("num"))
    if m.group("psuf"):
        cite.ptype = m.group("ptype")
        cite.issuer = _issuer(m.group("piss"))
        cite.local = cite.issuer != "TW"
    elif m.group("ssuf"):
        # State documents: 123/QĐ-UBND, 24/2010/NĐ-CP, 22/2008/QH12 (never in the Party catalog).
        cite.issuer = (m.group("siss") or m.group("qh") or "").upper()
        cite.state_code = re.sub(r"\s+", "", m.group("num") + m.group("ssuf")).replace("–", "-")
        cite.local = cite.issuer not in ("CP", "TTG", "QH") and not cite.issuer.startswith("QH")
    t = _TERM_AFTER_RE.match(text, m.end())
    if t:
        cite.term = t.group("term").upper()
        cite.written = shown[m.start():t.end()]
    _near(cite, text=text, end=m.end())
    return cite


def _near(cite: _Cite, *, text: str, end: int) -> None:
    """Read what follows a citation: its date, the body that issued it, the term."""
    tail = text[end:end + 160]
    d = _DATE_NEAR_RE.match(tail)
    if d:
        try:
            cite.issued = date(int(d.group(3)), int(d.group(2)), int(d.group(1)))
        except ValueError:
            pass
    if cite.local is None and not cite.ptype and not cite.state_code:
        local = _LOCAL_BODY_RE.match(tail)
        central = _CENTRAL_BODY_RE.match(tail)
        if local and not (central and central.end() < local.end()):
            cite.local = True
            cite.issuer = _LOCAL_ISSUER.get(fold(local.group("body")), "")
        elif central:
            cite.local = False
    if not cite.term:
        clause = re.split(r"[.;]", tail, maxsplit=1)[0]
        t = _TERM_NEAR_RE.search(clause[:100])
        if t:
            cite.term = t.group("term").upper()


def _sentence(text: str, *, pos: int) -> str:
    start = 0
    for m in _SENTENCE_END_RE.finditer(text, 0, pos):
        start = m.end()
    end_match = _SENTENCE_END_RE.search(text, pos)
    end = end_match.end() if end_match else len(text)
    return text[start:end].strip()


def _kind_name(word: str) -> str:
    folded = fold(word)
    return next((k for k in KINDS if fold(k) == folded), word)


def _issuer(raw: str) -> str:
    issuer = raw.strip()
    issuer = issuer.upper() if issuer.islower() else issuer
    return "TW" if fold(issuer) in ("tw", "tu") and issuer.upper() in ("TW", "TƯ") else issuer


# --- resolution -------------------------------------------------------------

def _resolve(cites: list[_Cite], *, catalog: Catalog, published: date | None) -> None:
    # Explicit codes first: they anchor bare numbers and plenum names in the same article.
    for c in cites:
        if c.plenum is None and (c.ptype or c.state_code):
            _resolve_coded(c, catalog=catalog, published=published)
    coded = {}
    for c in cites:
        if c.code and c.number:
            coded.setdefault((c.kind, int(c.number)), c)
    cited_codes = {c.entry.code for c in cites if c.entry}
    plenum_terms = {}
    for c in cites:
        if c.plenum is not None and c.term:
            plenum_terms.setdefault(c.plenum, c.term)
    for c in cites:
        if c.entry and c.entry.plenum and c.entry.term:
            plenum_terms.setdefault(c.entry.plenum, c.entry.term)
    for c in cites:
        if c.code or c.entry:
            continue
        if c.plenum is not None:
            _resolve_plenum(c, catalog=catalog, published=published, terms=plenum_terms, coded=cited_codes)
            continue
        same = coded.get((c.kind, int(c.number)))
        if same is not None and (c.local is None or c.local == same.local):
            c.entry, c.code, c.issuer, c.local = same.entry, same.code, same.issuer, same.local
            c.term = c.term or same.term
            continue
        if c.local:
            continue  # a local document with no code: recorded as written
        entry = _pick(catalog.by_number(kind=c.kind, number=c.number), cite=c, published=published)
        if entry:
            _use(c, entry=entry)


def _resolve_coded(c: _Cite, *, catalog: Catalog, published: date | None) -> None:
    if c.state_code:
        c.code = c.state_code
        return
    ptype = _TYPE_BY_FOLD.get(fold(c.ptype), c.ptype)
    if c.kind in TYPES.get(ptype, []) or not c.kind:
        written_type = ptype
    else:
        # "Kế hoạch số 03 -KL/TƯ": the kind word wins over a misprinted type.
        written_type = MAIN_TYPE.get(c.kind, ptype)
    if c.issuer == "TW":
        entry = catalog.by_code(f"{c.number}-{written_type}/TW")
        if entry is None and written_type == "QĐ":
            entry = catalog.by_code(f"{c.number}-QĐi/TW")
        if entry is None and written_type != ptype:
            entry = _pick(catalog.by_number(kind=c.kind, number=c.number), cite=c, published=published)
        if entry is not None and (not c.kind or entry.kind == c.kind):
            _use(c, entry=entry)
            return
    c.code = f"{c.number}-{written_type}/{c.issuer}"


def _resolve_plenum(c: _Cite, *, catalog: Catalog, published: date | None, terms: dict[int, str],
                    coded: set[str]) -> None:
    term = c.term or terms.get(c.plenum, "")
    candidates = catalog.by_plenum(plenum=c.plenum, kind=c.kind)
    if not term:
        # The plenum of that number most recently held at the article's date.
        held = [e for e in candidates if published is None or (e.issued and e.issued <= published)]
        if held:
            latest = max(held, key=lambda e: TERMS.get(e.term, date.min))
            term = latest.term
        elif published is not None:
            term = term_of(published)
    c.term = term
    pool = [e for e in candidates if e.term == term]
    # A plenum adopted several resolutions: the one whose subject the sentence names, else the one
    # usually meant ("Trung ương 4 khóa XII" = 04-NQ/TW), else the only one the article cites by code.
    cited = [e for e in pool if e.code in coded]
    entry = _by_topic(pool, sentence=c.sentence) or next((e for e in pool if e.plenum_default), None) \
        or (cited[0] if len(cited) == 1 else None) or (pool[0] if len(pool) == 1 else None)
    if entry:
        _use(c, entry=entry)


def _by_topic(pool: list[CatalogEntry], *, sentence: str) -> CatalogEntry | None:
    """The entry whose title shares far more word pairs with the sentence than the others (at least 3)."""
    if len(pool) < 2:
        return None
    pairs = _pairs(sentence)
    scored = sorted(((len(pairs & _pairs(e.title)), i) for i, e in enumerate(pool)), reverse=True)
    (best, index), (second, _) = scored[0], scored[1]
    return pool[index] if best >= 3 and best > 2 * second else None


@lru_cache(maxsize=4096)
def _pairs(text: str) -> frozenset[str]:
    """Adjacent syllables within a clause ("dat dai", "nong thon"), minus those every party text uses."""
    pairs = set()
    for clause in re.split(r"[^\w\s]+", fold(text)):
        syllables = clause.split()
        pairs.update(f"{a} {b}" for a, b in zip(syllables, syllables[1:]))
    return frozenset(pairs - _COMMON_PAIRS)


def _pick(candidates: list[CatalogEntry], *, cite: _Cite, published: date | None) -> CatalogEntry | None:
    """Which of the documents sharing a kind and number is meant: term, date, topic, then time."""
    pool = candidates
    if cite.term:
        pool = [e for e in pool if e.term == cite.term] or pool
    if cite.issued:
        dated = [e for e in pool if e.issued == cite.issued]
        if dated:
            return dated[0]
    if len(pool) <= 1:
        return pool[0] if pool else None
    topical = _by_topic(pool, sentence=cite.sentence)
    if topical:
        return topical
    if published is not None:
        before = [e for e in pool if e.issued and e.issued <= published]
        if before:
            return before[-1]
    return pool[-1]


def _use(c: _Cite, *, entry: CatalogEntry) -> None:
    c.entry = entry
    c.code = entry.code
    c.issuer = entry.issuer
    c.term = entry.term
    c.local = False


# --- grouping ---------------------------------------------------------------

def _group(cites: list[_Cite]) -> list[DocumentMention]:
    docs: dict[tuple, DocumentMention] = {}
    for c in cites:
        if c.entry:
            key: tuple = ("code", code_key(c.entry.code))
        elif c.code:
            key = ("code", code_key(c.code))
        elif c.number:
            key = ("number", c.kind, int(c.number), bool(c.local), c.issuer)
        else:
            key = ("plenum", c.kind, c.plenum, c.term)
        doc = docs.get(key)
        if doc is None:
            e = c.entry
            doc = DocumentMention(
                kind=e.kind if e else c.kind,
                number=e.number if e else c.number,
                code=c.code,
                issuer=e.issuer if e else c.issuer,
                term=e.term if e else c.term,
                title=e.title if e else "",
                issued=e.issued if e else c.issued,
                in_catalog=e is not None,
                sentence=c.sentence,
            )
            docs[key] = doc
        written = " ".join(c.written.split())
        if written not in doc.mentions:
            doc.mentions.append(written)
    return list(docs.values())
