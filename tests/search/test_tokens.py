"""The index's tokens: the joined strings the loader stores equal the per-word tokens queries use."""
import pytest

from archive.search.base import Tokens, article_words
from archive.search.query import MAX_TOKEN_CHARS, codes_in, joined_tokens, tokens

TEXTS = [
    "",
    "   ,.;  ",
    "Ðảng bộ tỉnh Thanh Hoá triển khai Nghị quyết 04-NQ/TƯ (khoá XII)",
    "Thành uỷ, HĐND, UBND: hoà hợp; thuỷ lợi — Quý I/2024",
    "snake_case và chữ" + "a" * (MAX_TOKEN_CHARS + 10) + " rồi " + "đ" * (MAX_TOKEN_CHARS * 2),
    "Số 15/2019/NĐ-CP ngày 12.3.2019, 2.000 đảng viên, 100%",
    "\u0301\u0300 dấu rời Ð\u0301",  # stray combining marks
]


@pytest.mark.parametrize("text", TEXTS)
def test_joined_tokens_are_the_tokens_joined_by_spaces(text):
    pairs = tokens(text)
    folded, exact = joined_tokens(text)
    assert folded == " ".join(f for f, _ in pairs) and exact == " ".join(e for _, e in pairs)
    assert Tokens.of(text).pairs() == pairs
    assert Tokens.from_pairs(pairs) == Tokens.of(text)


def test_a_word_longer_than_the_limit_is_cut_in_both_forms():
    folded, exact = joined_tokens("Đ" + "ả" * (MAX_TOKEN_CHARS * 2))
    assert len(exact) == MAX_TOKEN_CHARS and exact.startswith("đả")
    assert folded == "d" + "a" * (MAX_TOKEN_CHARS - 1)


def test_article_words_hold_title_and_body_tokens_and_cited_codes_once():
    words = article_words(title="Học tập Nghị quyết 04-NQ/TW", paragraphs=["Thực hiện 04-NQ/TW.", "Và 4-NQ/TƯ."])
    assert words.title == Tokens.of("Học tập Nghị quyết 04-NQ/TW")
    assert words.body.pairs() == tokens("Thực hiện 04-NQ/TW.\nVà 4-NQ/TƯ.")
    assert words.codes == ["doc4nqtw"]


@pytest.mark.parametrize("text, found", [
    ("theo 04-NQ/TW", ["doc4nqtw"]),
    ("04-NQ/TW đầu dòng", ["doc4nqtw"]),
    ("số 4 - NQ / TƯ", ["doc4nqtw"]),
    ("a04-NQ/TW", []),                       # inside a word
    ("_04-NQ/TW", []),
    ("mã/04-NQ/TW", []),                      # after a slash: part of another code
    ("1234567-NQ/TW", []),                    # more than five digits
    ("12345-NQ/TW", ["doc12345nqtw"]),
    ("Nghị định 15/2019/NĐ-CP", ["doc152019ndcp"]),
    ("Quyết định 12/QĐ-UBND", ["doc12qdubnd"]),
    ("ngày 3/12/2019/NĐ-CP", []),             # its number follows a slash too
    ("04-nq/tw viết thường", []),             # in articles only capitalised codes count
])
def test_codes_are_read_only_from_a_number_that_starts_after_a_space_or_punctuation(text, found):
    assert [token for token, _, _ in codes_in(text)] == found
