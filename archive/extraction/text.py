"""Vietnamese text normalisation shared by the whole pipeline (stdlib only).

Three forms of a string are used across the archive:
- display: NFC, the look-alike Ð (U+00D0) read as Đ; what users see.
- canonical: display with one tone-placement convention (hóa, not hoá); for matching.
- folded: lower case, no diacritics, đ -> d; for accent-insensitive search and slugs.
"""
from __future__ import annotations

import functools
import re
import unicodedata

_LOOKALIKES = str.maketrans({"\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ", "\u0256": "đ",
                             "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\ufeff": "",
                             "\u200b": "", "\u200c": "", "\u200d": ""})

# Old ("hoá", "uỷ") vs new ("hóa", "ủy") tone placement on the open diphthongs
# oa, oe, uy: the new style puts the mark on the first vowel when the syllable
# ends there. Map old -> new for matching.
_TONES = {"\u0301": "acute", "\u0300": "grave", "\u0309": "hook", "\u0303": "tilde", "\u0323": "dot"}


def _build_tone_table() -> dict[str, str]:
    table = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for mark in _TONES:
            for upper_first in (False, True):
                for upper_second in (False, True):
                    f = first.upper() if upper_first else first
                    s = second.upper() if upper_second else second
                    old = f + unicodedata.normalize("NFC", s + mark)
                    new = unicodedata.normalize("NFC", f + mark) + s
                    table[old] = new
    return table


_OLD_TO_NEW_TONE = _build_tone_table()
# Only when the diphthong closes the syllable ("hoá" but not "hoán", "thuỷ" not "huỳnh"),
# and "qu" is one consonant, so "Quý" keeps its mark on the y.
def _second_letters(first: str) -> str:
    return "".join(sorted({pair[1] for pair in _OLD_TO_NEW_TONE if pair[0] in first}))


_OLD_TONE_RE = re.compile(
    f"(?<![qQ])(?:[oO][{_second_letters('oO')}]|[uU][{_second_letters('uU')}])" + r"(?![^\W\d_])"
)


_LOOKALIKE_RE = re.compile("[" + "".join(map(chr, _LOOKALIKES)) + "]")


def _fix_lookalikes(text: str) -> str:
    # str.translate with a table walks every character slowly; look-alikes are rare.
    return _LOOKALIKE_RE.sub(lambda m: _LOOKALIKES[ord(m.group())] or "", text)


def normalize(text: str) -> str:
    """NFC with look-alike letters and odd spaces fixed; line structure kept."""
    text = _fix_lookalikes(text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# A looser pattern (any first letter, any marked second letter) that starts with a character
# class, so re can skip straight to candidate letters; _OLD_TONE_RE starts with a look-behind and
# tries every position. Every match of _OLD_TONE_RE is a match of this one, and most text is in
# the new style: when this finds nothing, canonical() has nothing to do.
_OLD_TONE_HINT_RE = re.compile(
    "[" + "".join(sorted({k[0] for k in _OLD_TO_NEW_TONE})) + "](?<![qQ].)"
    "[" + "".join(sorted({k[1:] for k in _OLD_TO_NEW_TONE})) + r"](?![^\W\d_])")


def _new_tone(m: re.Match) -> str:
    return _OLD_TO_NEW_TONE[m.group()]


def canonical(text: str) -> str:
    """normalize() plus the new tone placement (hoá -> hóa, uỷ -> ủy)."""
    return new_tone_placement(normalize(text))


def new_tone_placement(text: str) -> str:
    """canonical() of text that is already normalize()d."""
    if not _OLD_TONE_HINT_RE.search(text):
        return text
    return _OLD_TONE_RE.sub(_new_tone, text)


_COMBINING_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff]+")


def fold(text: str) -> str:
    """Lower case without diacritics, đ -> d, spaces collapsed: 'Ðảng ủy' -> 'dang uy'."""
    if not text:
        return ""
    if len(text) <= 48:  # words and names recur endlessly: remember them
        return _fold_short(text)
    return _fold(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", _fix_lookalikes(text).replace("Đ", "d").replace("đ", "d"))
    return " ".join(_COMBINING_MARKS.sub("", text).casefold().split())


@functools.lru_cache(maxsize=200_000)
def _fold_short(text: str) -> str:
    return _fold(text)


def slugify(text: str) -> str:
    """ASCII slug with đ kept as d: 'Cờ Đỏ' -> 'co-do'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def has_diacritics(text: str) -> bool:
    return fold(text) != " ".join(text.casefold().split())


def decode(data: bytes) -> str:
    """Best-effort decoding of what scrapers write: UTF-8 (BOM or not), UTF-16, Windows-1258.

    Raises UnicodeDecodeError when no candidate gives plausible text.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return normalize(data[3:].decode("utf-8"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return normalize(data.decode("utf-16"))
    if len(data) >= 4 and data.count(b"\x00") > len(data) // 4:
        # UTF-16 without BOM: every other byte of Latin text is zero.
        even_zeros = data[0::2].count(0)
        return normalize(data.decode("utf-16-be" if even_zeros > len(data) // 4 else "utf-16-le"))
    try:
        return normalize(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    return normalize(data.decode("cp1258"))
