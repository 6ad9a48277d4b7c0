import unicodedata

import pytest

from archive.extraction.text import canonical, decode, fold, normalize, slugify


def test_the_lookalike_eth_is_read_as_d_with_stroke():
    assert normalize("\u00d0ảng ủy") == "Đảng ủy"
    assert fold("\u00d0ảng") == fold("Đảng") == "dang"


def test_decomposed_text_is_composed():
    assert normalize(unicodedata.normalize("NFD", "Nghị quyết")) == "Nghị quyết"


@pytest.mark.parametrize("old, new", [("hoá", "hóa"), ("Thanh Hoá", "Thanh Hóa"), ("uỷ ban", "ủy ban"),
                                      ("Thuỷ", "Thủy"), ("khoẻ", "khỏe"), ("HOÁ", "HÓA")])
def test_old_tone_placement_is_made_new_for_matching(old, new):
    assert canonical(old) == new


@pytest.mark.parametrize("word", ["Quý", "quý", "hoán", "Quỳnh", "thuyết", "khoảng"])
def test_tone_placement_leaves_other_syllables_alone(word):
    assert canonical(word) == word


def test_fold_drops_every_diacritic_and_case():
    assert fold("  Ban Thường vụ  Tỉnh ủy Đắk Lắk ") == "ban thuong vu tinh uy dak lak"


@pytest.mark.parametrize("name, slug", [("Cờ Đỏ", "co-do"), ("Trần Việt Trường", "tran-viet-truong"),
                                        ("04-NQ/TW", "04-nq-tw"), ("Ðảng ủy", "dang-uy")])
def test_slugs_are_ascii_and_keep_d(name, slug):
    assert slugify(name) == slug


def test_decoding_utf8_with_bom_utf16_and_windows_1258():
    text = "Đảng bộ tỉnh Hà Tĩnh"
    assert decode(b"\xef\xbb\xbf" + text.encode()) == text
    assert decode(text.encode("utf-16")) == text
    assert decode(text.encode("utf-16-le")) == text
    cp1258 = "".join(c for c in unicodedata.normalize("NFD", "Hà")).encode("cp1258")
    assert decode(cp1258) == "Hà"


@pytest.mark.parametrize("word", ["uạ", "Huá", "oý", "uè"])
def test_tone_placement_ignores_pairs_that_have_no_other_form(word):
    assert canonical(word) == word
