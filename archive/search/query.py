"""The user's web-search syntax, parsed into a small tree of token sequences (no Django).

Syntax: words (all must match), "quoted phrases", -word / -"phrase", OR between
two items (binds tighter than the implicit AND). Anything else is taken literally:
punctuation only separates tokens, so `04-NQ/TW` or `kinh tế - xã hội` never errors.
A standalone upper-case AND is the implicit operator and is skipped.

Every token exists in two forms, built by the same function at index and query time
so both databases see identical tokens:
- folded: lower case, no diacritics, đ -> d ("dang"); what matching uses;
- exact: canonical lower case ("đảng", hoá -> hóa, Ð -> đ); what ranking prefers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from archive.extraction.text import canonical, fold

MAX_QUERY_CHARS = 1000  # longer input is cut, not rejected
MAX_ITEMS = 32          # words/phrases per query; the rest is ignored
MAX_TOKEN_CHARS = 64    # longer runs of letters are cut the same way when indexing

TOKEN_RE = re.compile(r"[^\W_]+")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Abbreviations of document kinds used in codes (04-NQ/TW), with their folded names.
KIND_ABBREVIATIONS = {
    "nq": "nghi quyet", "ct": "chi thi", "qd": "quy dinh", "kl": "ket luan",
    "hd": "huong dan", "tt": "thong tri", "tb": "thong bao", "qc": "quy che",
    "kh": "ke hoach", "cv": "cong van", "ctr": "chuong trinh", "da": "de an",
}
KIND_NAMES = {name: abbr for abbr, name in KIND_ABBREVIATIONS.items()}
KIND_NAMES["quyet dinh"] = "qd"

# A document code as written: 04-NQ/TW, 4 - NQ / TƯ, 15/2019/NĐ-CP, 102-QĐ/TW.
# The number starts at a digit not preceded by a word character or "/": written as a digit
# first with the look-behind after it (`\d(?<![\w/]\d)`), so re jumps from digit to digit
# instead of trying the look-behind at every position of the text (2.5x faster on articles).
_PARTY_CODE_RE = re.compile(
    r"(\d(?<![\w/]\d)\d{0,4})\s*[-–]\s*([^\W\d_]{1,6})\s*/\s*([^\W\d_]{1,6}(?:\s*[-–]\s*[^\W\d_]{1,6})?)(?![\w])"
)
_STATE_CODE_RE = re.compile(
    r"(\d(?<![\w/]\d)\d{0,4})\s*/\s*((?:19|20)\d\d)\s*/\s*([^\W\d_]{1,6})\s*[-–]\s*([^\W\d_]{1,6})(?![\w])"
)
# Separators swapped, as state documents write them and careless writers write party ones: 12/QĐ-UBND.
_SWAPPED_CODE_RE = re.compile(
    r"(\d(?<![\w/]\d)\d{0,4})\s*/\s*([^\W\d_]{1,6})\s*[-–]\s*([^\W\d_]{1,8})(?![\w/])"
)
# The same with spaces only ("04 NQ TW"): accepted in queries for known kinds.
_SPACED_CODE_RE = re.compile(r"(?<![\w/])(\d{1,5})\s+([^\W\d_]{2,3})\s+(tw|tư|tu)(?!\w)", re.IGNORECASE)


def sanitize(text: str) -> str:
    """The query as we search it: cut to length, control characters (NUL...) removed."""
    return _CONTROL_RE.sub(" ", (text or "")[:MAX_QUERY_CHARS])


def tokens(text: str) -> list[tuple[str, str]]:
    """(folded, exact) for every token of text, in order."""
    exact = _exact_words(text)
    return [pair for pair in zip(map(folded_word, exact), exact) if pair[0]]


def joined_tokens(text: str) -> tuple[str, str]:
    """tokens(text) as two space-joined strings, folded and exact (a token holds no space).

    What the index stores: built without a Python step per word, and two strings pickle
    far cheaper than a tuple per word when the loader's workers send them.
    """
    exact = _exact_words(text)
    folded = list(map(folded_word, exact))
    if "" in folded:  # a word that folds to nothing is left out, as tokens() does
        exact = [e for f, e in zip(folded, exact) if f]
        folded = [f for f in folded if f]
    return " ".join(folded), " ".join(exact)


def _exact_words(text: str) -> list[str]:
    words = TOKEN_RE.findall(canonical(text).lower())
    if words and max(map(len, words)) > MAX_TOKEN_CHARS:
        words = [w[:MAX_TOKEN_CHARS] for w in words]
    return words


@lru_cache(maxsize=200_000)
def folded_word(exact: str) -> str:
    """One token as the index stores it folded (đ→d, no tones, cut to MAX_TOKEN_CHARS)."""
    # A corpus has a vocabulary of tens of thousands of words: each is folded once.
    return "".join(TOKEN_RE.findall(fold(exact)))[:MAX_TOKEN_CHARS]


def _issuer(raw: str) -> str:
    # TƯ (Trung ương) is written TW too; fold would make it TU, which is a Tỉnh ủy.
    raw = canonical(raw).upper().replace(" ", "")
    return "TW" if raw in ("TƯ", "T.Ư", "TW") else raw


def doc_token(code: str) -> str:
    """The single keyword token a document code is indexed under: 04-NQ/TW -> doc4nqtw.

    Leading zeros are dropped and TƯ reads as TW, so every spelling of one code meets.
    """
    code = canonical(code or "")
    match = _PARTY_CODE_RE.search(code) or _SWAPPED_CODE_RE.search(code)
    if match:
        number, kind, issuer = match.groups()
        parts = [str(int(number)), kind, _issuer(issuer)]
    else:
        match = _STATE_CODE_RE.search(code)
        if match:
            number, year, kind, issuer = match.groups()
            parts = [str(int(number)), year, kind, issuer]
        else:
            parts = [code]
    joined = "".join("".join(TOKEN_RE.findall(fold(p))) for p in parts)
    return ("doc" + joined)[:MAX_TOKEN_CHARS] if joined else ""


def codes_in(text: str, *, spaced: bool = False) -> list[tuple[str, int, int]]:
    """Document codes written in text: (doc token, start, end) in text offsets.

    In articles only capitalised codes count; queries (spaced=True) accept any case
    and "04 nq tw" with spaces when the kind is a known abbreviation.
    """
    found = []
    for regex in (_PARTY_CODE_RE, _STATE_CODE_RE, _SWAPPED_CODE_RE):
        for match in regex.finditer(text):
            letters = "".join(g for g in match.groups()[1:] if g and not g.isdigit())
            if not spaced and not letters.isupper():
                continue
            token = doc_token(match.group())
            if token:
                found.append((token, match.start(), match.end()))
    if spaced:
        for match in _SPACED_CODE_RE.finditer(text):
            if fold(match.group(2)) in KIND_ABBREVIATIONS:
                found.append((doc_token(f"{match.group(1)}-{match.group(2)}/{match.group(3)}"),
                              match.start(), match.end()))
    return found


# -- the tree ---------------------------------------------------------------

@dataclass(frozen=True)
class Term:
    """A word or phrase (several tokens that must be adjacent)."""

    folded: tuple[str, ...]
    exact: tuple[str, ...]
    keyword_only: bool = False  # an entity token that lives in the keywords column

    @property
    def accented(self) -> bool:
        return self.folded != self.exact

    @classmethod
    def of(cls, pairs: list[tuple[str, str]], *, keyword_only: bool = False) -> "Term":
        return cls(tuple(f for f, _ in pairs), tuple(e for _, e in pairs), keyword_only)


@dataclass(frozen=True)
class AllOf:
    items: tuple["Node", ...]


@dataclass(frozen=True)
class AnyOf:
    options: tuple["Node", ...]


Node = Term | AllOf | AnyOf


@dataclass
class Clause:
    """One top-level item of the query and the query-token range it came from."""

    node: Node
    start: int
    end: int


@dataclass
class ParsedQuery:
    text: str
    clauses: list[Clause] = field(default_factory=list)    # AND-ed
    excluded: list[Term] = field(default_factory=list)     # -word, -"phrase"
    positive_tokens: list[tuple[str, str]] = field(default_factory=list)  # in order, for entity lookup
    positive_text: str = ""                                # the query without its negated parts

    @property
    def blank(self) -> bool:
        return not self.clauses and not self.excluded

    @property
    def accented(self) -> bool:
        return any(t.accented for t in terms_of(c.node for c in self.clauses))


def terms_of(nodes) -> list[Term]:
    out = []
    for node in nodes:
        if isinstance(node, Term):
            out.append(node)
        elif isinstance(node, AllOf):
            out.extend(terms_of(node.items))
        else:
            out.extend(terms_of(node.options))
    return out


# -- the lexer ----------------------------------------------------------------

_LEX_RE = re.compile(
    r'(?P<neg>-)?"(?P<phrase>[^"]*)(?:"|$)'  # "phrase", -"phrase"; an unclosed quote runs to the end
    r"|(?P<word>[^\s\"]+)"
)


def parse(query: str) -> ParsedQuery:
    text = sanitize(query)
    parsed = ParsedQuery(text=text)
    items: list[tuple[str, Term | None, bool, str]] = []  # (kind, term, negated, raw)
    for match in _LEX_RE.finditer(text):
        if match.group("word") is not None:
            raw = match.group("word")
            if raw == "OR" or raw == "|":
                items.append(("or", None, False, raw))
                continue
            if raw == "AND" or raw == "&":
                continue
            negated = raw.startswith("-") and len(raw) > 1 and raw[1] != "-"
            body = raw[1:] if negated else raw
        else:
            negated = bool(match.group("neg"))
            body = match.group("phrase")
            raw = body
        pairs = tokens(body)
        if not pairs:
            continue  # punctuation, a lone "-", emoji: nothing to look for
        items.append(("term", Term.of(pairs), negated, raw))
    _group(parsed, items)
    return parsed


def _group(parsed: ParsedQuery, items) -> None:
    """Fold `a OR b` runs into AnyOf; negated items go to `excluded`."""
    pending_or = False
    position = 0
    positive_raw = []
    for kind, term, negated, raw in items:
        if kind == "or":
            pending_or = bool(parsed.clauses)
            continue
        if negated:
            if len(parsed.excluded) < MAX_ITEMS:
                parsed.excluded.append(term)
            pending_or = False
            continue
        if len(parsed.clauses) >= MAX_ITEMS:
            break
        start, position = position, position + len(term.folded)
        parsed.positive_tokens.extend(zip(term.folded, term.exact))
        positive_raw.append(raw)
        if pending_or:
            last = parsed.clauses[-1]
            options = last.node.options if isinstance(last.node, AnyOf) else (last.node,)
            last.node = AnyOf(options + (term,))
            last.end = position
        else:
            parsed.clauses.append(Clause(term, start, position))
        pending_or = False
    parsed.positive_text = " ".join(positive_raw)


def with_alternatives(parsed: ParsedQuery, *, spans: list[tuple[int, int, list[str]]]) -> None:
    """Let the clauses inside a token span also be satisfied by entity tokens.

    A span is (start, end, keyword tokens), e.g. the tokens of "Nghị quyết 04-NQ/TW"
    and ["doc4nqtw"]: an article citing the document under any name matches.
    """
    merged: list[tuple[int, int, list[str]]] = []
    for start, end, toks in sorted(spans):
        if merged and start < merged[-1][1]:
            s, e, t = merged[-1]
            merged[-1] = (s, max(e, end), t + [x for x in toks if x not in t])
        else:
            merged.append((start, end, list(toks)))
    for start, end, toks in merged:
        inside = [c for c in parsed.clauses if c.start >= start and c.end <= end]
        if not inside or not toks:
            continue
        words = inside[0].node if len(inside) == 1 else AllOf(tuple(c.node for c in inside))
        alternatives = tuple(Term((t,), (t,), keyword_only=True) for t in toks)
        first = parsed.clauses.index(inside[0])
        for clause in inside:
            parsed.clauses.remove(clause)
        parsed.clauses.insert(first, Clause(AnyOf((words,) + alternatives), inside[0].start, inside[-1].end))


def find_span(haystack: list[str], needle: list[str]) -> tuple[int, int] | None:
    """Where the token list needle occurs in haystack, first occurrence."""
    n = len(needle)
    if not n:
        return None
    for i in range(len(haystack) - n + 1):
        if haystack[i:i + n] == needle:
            return i, i + n
    return None
