"""The facts of issue 4, each as a case; the same file runs on SQLite and PostgreSQL."""
from datetime import date

import pytest

from archive.search import search

from .factories import ids, make_article

pytestmark = pytest.mark.django_db


def test_d_with_stroke_is_found_by_d():
    article = make_article("Đại hội Đảng bộ huyện", "Đảng bộ đã lãnh đạo tốt.")
    assert ids(search("dai hoi dang bo")) == [article.pk]
    assert ids(search("DANG BO")) == [article.pk]


def test_the_lookalike_eth_reads_as_d_with_stroke_in_text_and_query():
    eth = make_article("\u00d0ảng ủy xã họp", "\u00d0ồng chí Bí thư chủ trì.")
    stroke = make_article("Đảng ủy phường họp", "Đồng chí Bí thư phát biểu.")
    with_eth = ids(search("\u00d0ảng ủy"))
    with_stroke = ids(search("Đảng ủy"))
    assert sorted(with_eth) == sorted([eth.pk, stroke.pk])
    assert with_eth == with_stroke
    assert ids(search("dong chi")) and eth.pk in ids(search("Đồng chí"))


@pytest.mark.parametrize("written,typed", [
    ("Văn hoá cơ sở", "văn hóa"), ("Văn hóa cơ sở", "văn hoá"),
    ("Ban Thường vụ Thành uỷ", "thành ủy"), ("Ban Thường vụ Thành ủy", "thành uỷ"),
    ("Khoá XII", "khóa xii"), ("Thuỷ lợi", "thủy lợi"),
])
def test_old_and_new_tone_placement_are_the_same_word(written, typed):
    article = make_article(written, "Nội dung bài viết.")
    other = make_article("Một bài khác hẳn", "Không liên quan.")
    found = ids(search(typed))
    assert found == [article.pk]
    assert other.pk not in found


def test_old_tone_placement_still_counts_as_the_exact_form_for_ranking():
    old = make_article("Tin tức", "Công tác văn hoá ở địa phương.", published=date(2020, 1, 1))
    make_article("Tin tức", "Công tác văn hóa ở địa phương.", published=date(2023, 1, 1))
    folded = make_article("Tin tức", "Công tác van hoa ở địa phương.", published=date(2024, 1, 1))
    result = ids(search("văn hóa"))
    assert len(result) == 3
    assert result[-1] == folded.pk  # the only one without the accents typed
    assert old.pk in result[:2]


def test_a_query_without_accents_matches_every_accented_form():
    forms = [make_article(f"Tin số {i}", f"Hôm nay {word} là chủ đề.") for i, word in
             enumerate(["đảng", "đăng", "đang", "đáng", "Đảng"])]
    assert sorted(ids(search("dang"))) == sorted(a.pk for a in forms)


def test_a_query_with_accents_ranks_the_exact_form_first():
    newer_folded = make_article("Tin một", "Chúng tôi đang làm việc.", published=date(2024, 5, 1))
    exact = make_article("Tin hai", "Tổ chức đảng vững mạnh.", published=date(2020, 5, 1))
    result = ids(search("đảng"))
    assert result == [exact.pk, newer_folded.pk]
    assert ids(search("đang")) == [newer_folded.pk, exact.pk]


def test_a_query_with_accents_ranks_exact_phrases_first():
    folded = make_article("A", "Bộ đang chỉnh đốn lại.", published=date(2024, 1, 1))
    exact = make_article("B", "Xây dựng, chỉnh đốn Đảng.", published=date(2019, 1, 1))
    assert ids(search("chỉnh đốn Đảng")) == [exact.pk, folded.pk]


def test_the_title_ranks_above_the_body():
    body = make_article("Tin địa phương", "Hội nghị về tham nhũng được tổ chức.", published=date(2024, 1, 1))
    title = make_article("Phòng chống tham nhũng", "Hội nghị được tổ chức.", published=date(2019, 1, 1))
    assert ids(search("tham nhũng")) == [title.pk, body.pk]
    assert ids(search("tham nhung")) == [title.pk, body.pk]


@pytest.mark.parametrize("typed", [
    "04-NQ/TW", "04-nq/tw", "04 - NQ / TW", "04-NQ / TW", "4-NQ/TW", "04-NQ/TƯ", "04 NQ TW", "04/NQ-TW",
    "Nghị quyết số 04-NQ/TW", "nghi quyet 04-nq/tw",
])
def test_document_codes_match_across_hyphens_slashes_spaces_and_tu(typed):
    article = make_article("Sơ kết", "Thực hiện Nghị quyết số 04-NQ/TW ngày 30/10/2016 của Trung ương.")
    make_article("Khác", "Thực hiện Nghị quyết số 05-NQ/TW về kinh tế.")
    make_article("Khác nữa", "Kết luận số 04-KL/TƯ được ban hành.")
    assert ids(search(typed))[:1] == [article.pk]


def test_a_code_written_with_tu_in_the_article_is_found_by_tw():
    article = make_article("Quán triệt", "Kết luận số 21-KL/TƯ của Ban Chấp hành Trung ương.")
    assert ids(search("21-KL/TW")) == [article.pk]
    assert ids(search("21-KL/TƯ")) == [article.pk]


def test_another_number_is_another_document():
    make_article("Sơ kết", "Thực hiện Nghị quyết số 04-NQ/TW.")
    assert ids(search("05-NQ/TW")) == []


def test_a_quoted_phrase_needs_its_words_side_by_side():
    together = make_article("A", "Công tác xây dựng Đảng được chú trọng.")
    apart = make_article("B", "Xây nhà, dựng cửa; Đảng bộ lãnh đạo.")
    assert ids(search('"xây dựng Đảng"')) == [together.pk]
    assert sorted(ids(search("xây dựng Đảng"))) == sorted([together.pk, apart.pk])


def test_words_side_by_side_in_a_title_rank_first():
    apart = make_article("Xây nhà, dựng cửa: Đảng bộ lãnh đạo", "Nội dung.", published=date(2024, 1, 1))
    together = make_article("Công tác xây dựng Đảng ở cơ sở", "Nội dung.", published=date(2019, 1, 1))
    assert ids(search("xây dựng Đảng")) == [together.pk, apart.pk]


def test_an_unclosed_quote_runs_to_the_end():
    together = make_article("A", "Công tác xây dựng Đảng.")
    make_article("B", "Xây nhà, dựng cửa; Đảng bộ.")
    assert ids(search('"xây dựng Đảng')) == [together.pk]


def test_minus_excludes_a_word():
    clean = make_article("Kiểm tra", "Kiểm tra đảng viên.")
    dirty = make_article("Kiểm tra", "Kiểm tra vi phạm tham nhũng.")
    assert ids(search("kiểm tra -tham")) == [clean.pk]
    assert ids(search('kiểm tra -"tham nhũng"')) == [clean.pk]
    assert sorted(ids(search("kiểm tra"))) == sorted([clean.pk, dirty.pk])


def test_minus_with_accents_excludes_only_that_exact_word():
    party = make_article("A", "Tổ chức đảng vững mạnh.")
    busy = make_article("B", "Mọi người đang họp.")
    assert ids(search("tổ chức OR người -đang")) == [party.pk]
    assert ids(search("-dang")) == []
    assert busy.pk in ids(search("-đảng"))


def test_only_negative_words_give_everything_else():
    keep = make_article("Giữ", "Nội dung về biển.", published=date(2021, 1, 1))
    drop = make_article("Bỏ", "Nội dung về đảo.", published=date(2022, 1, 1))
    assert ids(search("-đảo")) == [keep.pk]
    assert drop.pk not in ids(search("-đảo"))


def test_or_takes_either_word():
    sea = make_article("Biển", "Bảo vệ chủ quyền biển.")
    island = make_article("Đảo", "Xây dựng đảo xanh.")
    both = make_article("Biển đảo", "Biển và đảo.")
    assert sorted(ids(search("biển OR đảo"))) == sorted([sea.pk, island.pk, both.pk])
    assert ids(search("biển đảo")) == [both.pk]
    assert sorted(ids(search("quyền OR xanh"))) == sorted([sea.pk, island.pk])


def test_or_binds_tighter_than_and():
    a = make_article("A", "bảo vệ biển")
    make_article("B", "bảo vệ rừng")
    c = make_article("C", "bảo tồn đảo")
    assert sorted(ids(search("bảo vệ OR tồn biển OR đảo"))) == sorted([a.pk, c.pk])


def test_lower_case_or_and_upper_case_and_are_not_operators():
    article = make_article("A", "biển đảo")
    assert ids(search("biển AND đảo")) == [article.pk]
    assert ids(search("biển or đảo")) == []  # "or" is a word no article has


def test_punctuation_only_separates_words():
    article = make_article("Phát triển kinh tế - xã hội", "Mục tiêu kinh tế-xã hội năm 2022.")
    assert ids(search("kinh tế - xã hội")) == [article.pk]
    assert ids(search("kinh-tế xã/hội")) == [article.pk]
    assert ids(search("(kinh tế) * xã: hội")) == [article.pk]
