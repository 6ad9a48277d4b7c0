"""Snippets: the passage of an article that best shows why it matched, words marked.

Works on the original accented text in Python, the same on both databases. A word
typed with accents marks its exact form when the article has it, any form otherwise.
Output is escaped HTML with <mark>...</mark> around matched words.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

from archive.extraction.text import canonical, fold

from .query import TOKEN_RE, ParsedQuery, folded_word, parse, terms_of

WINDOW = 36       # tokens shown
LEAD_IN = 8       # tokens shown before the first marked one
_JOINABLE = re.compile(r"[ \-/–]{1,3}")  # "04-NQ/TW", "Nghị quyết" read as one mark


def snippets(*, articles: list, query: str) -> dict[int, str]:
    """HTML snippet per article id; the lead of the article when the query marks nothing."""
    parsed = parse(query or "")
    extra: dict[int, list[tuple[str, ...]]] = {}
    if not parsed.blank and articles:
        extra = _document_mentions(parsed, articles)
    out = {}
    for article in articles:
        terms = [t for t in terms_of(c.node for c in parsed.clauses) if not t.keyword_only]
        phrases = [(t.folded, t.exact if t.accented else None) for t in terms]
        phrases += [(p, None) for p in extra.get(article.pk, [])]
        out[article.pk] = snippet(paragraphs=list(article.paragraphs or []) or [article.title or ""],
                                  phrases=phrases)
    return out


def _document_mentions(parsed: ParsedQuery, articles: list) -> dict[int, list[tuple[str, ...]]]:
    """How each article wrote the documents the query names (it may never use the query's words)."""
    from archive.models import Citation

    from .entities import resolve

    try:
        using = articles[0]._state.db or "default"
        entities = resolve(parsed, using=using)
        if not entities.resolution_ids:
            return {}
        rows = Citation.objects.using(using).filter(
            article_id__in=[a.pk for a in articles], resolution_id__in=entities.resolution_ids
        ).values_list("article_id", "mentions", "resolution__code")
    except Exception:  # a snippet is decoration: never fail the page for it
        return {}
    out: dict[int, list[tuple[str, ...]]] = {}
    for article_id, mentions, code in rows:
        for text in [code, *(mentions or [])]:
            toks = tuple(folded_word(m.group()) for m in TOKEN_RE.finditer(str(text)))
            if toks:
                out.setdefault(article_id, []).append(toks)
    return out


@lru_cache(maxsize=100_000)
def _forms(token: str) -> tuple[str, str]:
    """(exact, folded) of one word of an article; the vocabulary repeats, so each is worked out once."""
    exact = canonical(token).lower()
    return exact, folded_word(exact)


def snippet(*, paragraphs: list[str], phrases: list[tuple[tuple[str, ...], tuple[str, ...] | None]]) -> str:
    """phrases: (folded tokens, exact tokens or None when any accent will do)."""
    # Only a paragraph whose folded text holds every word of a phrase (a word folds to a piece
    # of its paragraph's fold) can mark anything: the others are not cut into words, which was
    # most of a results page's snippet time.
    texts = [str(text) for text in paragraphs]
    wanted = [set(want) for want, _ in phrases if want]
    parsed = [_words(text) for text, folded in zip(texts, _folded(texts)) if wanted and _may_hold(folded, wanted)]
    strict = _marks(parsed, phrases, strict=True)
    marks = strict if any(any(m) for m, _ in strict) else _marks(parsed, phrases, strict=False)
    best = None  # (score, paragraph index, start)
    for p, (flags, ids) in enumerate(marks):
        for i, flag in enumerate(flags):
            if not flag or (i and flags[i - 1]):
                continue
            start = max(0, i - LEAD_IN)
            window = range(start, min(len(flags), start + WINDOW))
            score = (len({ids[j] for j in window if flags[j]}), sum(1 for j in window if flags[j]))
            if best is None or score > best[0]:
                best = (score, p, start)
    if best is None:  # nothing marked: the article's lead
        lead = next((words for words in map(_words, map(str, paragraphs)) if words[1]), None)
        return _render(lead, [False] * len(lead[1]), start=0) if lead else ""
    _, p, start = best
    return _render(parsed[p], marks[p][0], start=start)


_APART = "\x00"  # stored paragraphs never hold it (control characters are stripped at load)


def _folded(texts: list[str]) -> list[str]:
    """Each paragraph folded; folding them joined is one pass instead of one per paragraph."""
    joined = fold(_APART.join(texts)).split(_APART)
    return joined if len(joined) == len(texts) else [fold(text) for text in texts]


def _may_hold(folded: str, wanted: list[set[str]]) -> bool:
    return any(all(word in folded for word in words) for words in wanted)


def _words(text: str) -> tuple[str, list, list[str], list[str]]:
    """(text, word spans, folded words, exact words) of one paragraph."""
    spans = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]
    forms = [_forms(s[2]) for s in spans]
    return text, spans, [f for _, f in forms], [e for e, _ in forms]


def _marks(parsed, phrases, *, strict: bool):
    out = []
    for _, spans, folded, exact in parsed:
        flags, ids = [False] * len(spans), [-1] * len(spans)
        for k, (want_folded, want_exact) in enumerate(phrases):
            use_exact = strict and want_exact is not None
            want, have = (want_exact, exact) if use_exact else (want_folded, folded)
            want, n = tuple(want), len(want)
            if not n:
                continue
            first = want[0]
            for i in range(len(have) - n + 1):
                if have[i] == first and tuple(have[i:i + n]) == want:
                    for j in range(i, i + n):
                        flags[j], ids[j] = True, k
        out.append((flags, ids))
    return out


def _render(paragraph, flags: list[bool], *, start: int) -> str:
    text, spans, _, _ = paragraph
    end = min(len(spans), start + WINDOW)
    if end <= start:
        return ""
    pieces = ["… "] if start > 0 else []
    position = spans[start][0]
    i = start
    while i < end:
        s, e, _ = spans[i]
        pieces.append(html.escape(text[position:s]))
        if flags[i]:
            j = i
            while j + 1 < end and flags[j + 1] and _JOINABLE.fullmatch(text[spans[j][1]:spans[j + 1][0]]):
                j += 1
            pieces.append("<mark>" + html.escape(text[s:spans[j][1]]) + "</mark>")
            position, i = spans[j][1], j + 1
        else:
            pieces.append(html.escape(text[s:e]))
            position, i = e, i + 1
    tail_end = spans[end - 1][1]
    if end < len(spans):
        pieces.append(" …")
    elif tail_end < len(text):
        pieces.append(html.escape(text[tail_end:]).rstrip())
    return "".join(pieces).strip()
