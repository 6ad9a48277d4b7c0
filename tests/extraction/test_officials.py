"""Officials step: cadres and the positions printed beside their names.

Sentences are written the way provincial papers and party portals write them
(Hà Nội, Nghệ An, Đắk Lắk, Bình Dương, Quảng Ninh...), not copied from the seeds.
"""
import pytest

from archive.extraction import extract
from archive.extraction.officials import find_officials
from archive.extraction.positions import same_post
from archive.extraction.text import decode, normalize


def officials(*paragraphs: str, title: str = "", **kw) -> dict[str, list[str]]:
    found = find_officials(title=title, paragraphs=[normalize(p) for p in paragraphs], **kw)
    return {o.name: o.positions for o in found}


def test_it_reads_a_list_of_comrades_with_their_positions():
    got = officials("Các đồng chí: Đinh Tiến Dũng, Ủy viên Bộ Chính trị, Bí thư Thành ủy Hà Nội; "
                    "Nguyễn Văn Phong, Phó Bí thư Thường trực Thành ủy; Trần Sỹ Thanh, Phó Bí thư Thành ủy, "
                    "Chủ tịch UBND thành phố chủ trì hội nghị.")
    assert got == {
        "Đinh Tiến Dũng": ["Ủy viên Bộ Chính trị", "Bí thư Thành ủy Hà Nội"],
        "Nguyễn Văn Phong": ["Phó Bí thư Thường trực Thành ủy"],
        "Trần Sỹ Thanh": ["Phó Bí thư Thành ủy", "Chủ tịch UBND thành phố"],
    }


def test_it_reads_a_position_written_before_the_name():
    got = officials("Phát biểu tại hội nghị, Bí thư Tỉnh ủy Nghệ An Thái Thanh Quý đề nghị các cấp ủy "
                    "tập trung khắc phục hạn chế.")
    assert got == {"Thái Thanh Quý": ["Bí thư Tỉnh ủy Nghệ An"]}


def test_it_reads_a_vice_chair_before_the_name_in_a_sentence():
    got = officials("Theo Phó Chủ tịch UBND tỉnh Nguyễn Văn Đệ, năm 2022 tỉnh giải ngân đạt 95% kế hoạch vốn.")
    assert got == {"Nguyễn Văn Đệ": ["Phó Chủ tịch UBND tỉnh"]}


def test_it_reads_two_positions_before_the_name():
    got = officials("Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Đắk Lắk Nguyễn Đình Trung chủ trì hội nghị.")
    assert got == {"Nguyễn Đình Trung": ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy Đắk Lắk"]}


def test_it_keeps_nguyen_and_splits_posts_joined_by_a_dash():
    got = officials("Đến dự có đồng chí Trần Quốc Trung, nguyên Ủy viên Trung ương Đảng, nguyên Bí thư "
                    "Thành ủy – Trưởng Đoàn đại biểu Quốc hội TP Cần Thơ.")
    assert got == {"Trần Quốc Trung": ["nguyên Ủy viên Trung ương Đảng", "nguyên Bí thư Thành ủy",
                                       "Trưởng Đoàn đại biểu Quốc hội TP Cần Thơ"]}


def test_it_stops_a_position_before_a_trailing_district_and_the_verb():
    got = officials("Đồng chí Y Ngọc Hà, Bí thư Đảng ủy xã Ea Tul, huyện Cư M'gar, cho biết xã đã kết nạp "
                    "12 đảng viên. Theo đồng chí Lương Thị Hồng, Bí thư Đảng ủy phường Phú Hòa, "
                    "thành phố Thủ Dầu Một, hằng năm phường tổ chức cho đảng viên làm bản cam kết.")
    assert got["Lương Thị Hồng"] == ["Bí thư Đảng ủy phường Phú Hòa"]


def test_it_stops_a_position_at_the_verb_without_a_comma():
    got = officials("Đồng chí Nguyễn Thị Thu Hà, Phó Bí thư Thường trực Tỉnh ủy phát biểu chỉ đạo.")
    assert got == {"Nguyễn Thị Thu Hà": ["Phó Bí thư Thường trực Tỉnh ủy"]}


def test_it_merges_repeats_and_skips_a_later_short_form():
    got = officials(
        "Sáng 30/9, đồng chí Nguyễn Lam, Phó Trưởng Ban Dân vận Trung ương, Phó Trưởng đoàn kiểm tra "
        "Trung ương làm việc với Thành ủy.",
        "Phát biểu kết luận, đồng chí Nguyễn Lam, Phó Trưởng Ban Dân vận, Phó Trưởng đoàn kiểm tra Trung ương "
        "đánh giá cao sự chuẩn bị của Thành ủy. Đồng chí Nguyễn Lam, Trưởng đoàn công tác, đề nghị bổ sung số liệu.",
    )
    assert got == {"Nguyễn Lam": ["Phó Trưởng Ban Dân vận Trung ương", "Phó Trưởng đoàn kiểm tra Trung ương",
                                  "Trưởng đoàn công tác"]}


def test_bare_mentions_after_the_first_do_not_add_people():
    got = officials("Đồng chí Lê Quang Mạnh, Bí thư Thành ủy phát biểu.", "Lê Quang Mạnh yêu cầu các cấp ủy.")
    assert list(got) == ["Lê Quang Mạnh"]


def test_ho_chi_minh_and_bac_are_not_officials():
    got = officials("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; làm theo lời Bác. "
                    "Chủ tịch Hồ Chí Minh luôn căn dặn cán bộ, đảng viên.")
    assert got == {}


def test_places_named_after_people_are_not_officials():
    got = officials("Đảng ủy phường Trần Phú, quận Hoàng Mai và Đảng ủy xã Võ Thị Sáu đến dự. "
                    "Đoàn làm việc tại tỉnh Hà Tĩnh và đường Lê Lợi, Bí thư Đảng ủy phường Lê Lợi phát biểu.")
    assert got == {}


def test_abbreviations_are_not_names():
    got = officials("BTV Huyện ủy thực hiện mô hình đối thoại với CB, ĐV; MTTQ và HĐND, UBND các cấp tham gia.")
    assert got == {}


def test_authors_and_photographers_are_not_officials():
    got = officials("Ông Lâm Vĩ phát biểu.", "Toàn cảnh hội nghị. Ảnh: Nguyễn Chiến",
                    "Đồng chí Nguyễn Chiến đến dự.", exclude_names=["Lâm Vĩ"])
    assert got == {}


def test_a_comrade_without_position_is_kept_with_lower_confidence():
    found = find_officials(title="", paragraphs=["Tham dự có đồng chí Hoàng Văn Nghiệm và đại diện các sở."])
    assert [(o.name, o.positions) for o in found] == [("Hoàng Văn Nghiệm", [])]
    assert found[0].confidence < 0.9


def test_citizens_introduced_as_ong_or_ba_are_not_cadres():
    got = officials("Bà Nguyễn Thị Lan, người dân thôn 3, xã Nghi Phong, phấn khởi cho biết đường đã được mở rộng. "
                    "Ông Trần Văn Bình (65 tuổi) chia sẻ niềm vui.")
    assert got == {}


def test_a_position_then_comrade_then_name():
    got = officials("Thay mặt Ban Thường vụ Tỉnh ủy, Bí thư Tỉnh ủy Bình Dương, đồng chí Nguyễn Văn Lợi "
                    "trao Huy hiệu 55 năm tuổi Đảng.")
    assert got == {"Nguyễn Văn Lợi": ["Bí thư Tỉnh ủy Bình Dương"]}


def test_positions_after_a_dash_or_in_brackets():
    got = officials("Đồng chí Nguyễn Xuân Ký - Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Quảng Ninh dự và chỉ đạo. "
                    "Ông Cao Tường Huy (Chủ tịch UBND tỉnh) báo cáo kết quả.")
    assert got == {"Nguyễn Xuân Ký": ["Bí thư Tỉnh ủy", "Chủ tịch HĐND tỉnh Quảng Ninh"],
                   "Cao Tường Huy": ["Chủ tịch UBND tỉnh"]}


def test_a_list_of_comrades_without_positions_shares_the_introduction():
    got = officials("Các đồng chí Nguyễn Văn Thắng, Trần Thị Hoa và Lê Minh Tuấn được bầu bổ sung.")
    assert got == {"Nguyễn Văn Thắng": [], "Trần Thị Hoa": [], "Lê Minh Tuấn": []}


def test_kiem_splits_two_posts():
    got = officials("Đồng chí Phạm Văn Tuấn, Bí thư Đảng ủy kiêm Chủ tịch UBND xã Diễn Hồng, cho biết.")
    assert got == {"Phạm Văn Tuấn": ["Bí thư Đảng ủy", "Chủ tịch UBND xã Diễn Hồng"]}


def test_a_post_before_the_next_name_belongs_to_that_name():
    got = officials("Dự hội nghị có đồng chí Hoàng Trung Dũng, Bí thư Tỉnh ủy, Phó Chủ tịch UBND tỉnh "
                    "Nguyễn Hồng Lĩnh và lãnh đạo các sở.")
    assert got == {"Hoàng Trung Dũng": ["Bí thư Tỉnh ủy"], "Nguyễn Hồng Lĩnh": ["Phó Chủ tịch UBND tỉnh"]}


def test_a_military_rank_introduces_the_name():
    got = officials("Thiếu tướng Bùi Quang Thanh, Giám đốc Công an tỉnh Nghệ An, báo cáo tình hình.")
    assert got == {"Bùi Quang Thanh": ["Giám đốc Công an tỉnh Nghệ An"]}


def test_old_tone_placement_and_the_lookalike_d_are_matched():
    got = officials("Ðồng chí Vũ Hồng Văn, Uỷ viên BTV Tỉnh uỷ, Trưởng Ban Tổ chức Tỉnh uỷ phát biểu.")
    assert got == {"Vũ Hồng Văn": ["Uỷ viên BTV Tỉnh uỷ", "Trưởng Ban Tổ chức Tỉnh uỷ"]}


def test_a_department_name_with_commas_stays_one_post():
    got = officials("Ông Lê Văn Hòa, Giám đốc Sở Văn hóa, Thể thao và Du lịch, cho biết lễ hội sẽ tổ chức. "
                    "Đồng chí Nguyễn Văn An, Bí thư Tỉnh ủy và phu nhân đến thăm.")
    assert got == {"Lê Văn Hòa": ["Giám đốc Sở Văn hóa, Thể thao và Du lịch"], "Nguyễn Văn An": ["Bí thư Tỉnh ủy"]}


def test_an_official_named_in_the_title_is_found():
    got = officials("Buổi làm việc diễn ra sáng 5/7.",
                    title="Chủ tịch Quốc hội Vương Đình Huệ làm việc với Tỉnh ủy Bình Dương")
    assert got == {"Vương Đình Huệ": ["Chủ tịch Quốc hội"]}


@pytest.mark.parametrize("sentence, name, position", [
    ("Thủ tướng Phạm Minh Chính chủ trì phiên họp.", "Phạm Minh Chính", "Thủ tướng"),
    ("Tổng Bí thư Nguyễn Phú Trọng gửi thư chúc mừng.", "Nguyễn Phú Trọng", "Tổng Bí thư"),
    ("Chủ tịch nước Võ Văn Thưởng trao quyết định.", "Võ Văn Thưởng", "Chủ tịch nước"),
    ("Thứ trưởng Bộ Nội vụ Trương Hải Long phát biểu.", "Trương Hải Long", "Thứ trưởng Bộ Nội vụ"),
    ("Trưởng Đoàn ĐBQH tỉnh Hoàng Thị Thu Hiền tiếp xúc cử tri.", "Hoàng Thị Thu Hiền", "Trưởng Đoàn ĐBQH tỉnh"),
    ("Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy Đỗ Văn Ngọc công bố quyết định.", "Đỗ Văn Ngọc",
     "Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy"),
    ("Bộ trưởng Bộ Ngoại giao Bùi Thanh Sơn hội đàm.", "Bùi Thanh Sơn", "Bộ trưởng Bộ Ngoại giao"),
])
def test_top_leaders_with_their_title_before_the_name(sentence, name, position):
    assert officials(sentence) == {name: [position]}


def test_the_late_and_martyrs_are_not_officials():
    got = officials("Đoàn dâng hương tưởng niệm cố Thủ tướng Võ Văn Kiệt và liệt sĩ Nguyễn Văn Hai.")
    assert got == {}


def test_officials_in_captions_are_found_and_the_credit_is_not():
    found = find_officials(title="", paragraphs=["Hội nghị diễn ra sáng 12/3."],
                           captions=["Đồng chí Lê Hồng Quang, Phó Bí thư Tỉnh ủy phát biểu. Ảnh: Trần Hải"])
    assert [(o.name, o.positions) for o in found] == [("Lê Hồng Quang", ["Phó Bí thư Tỉnh ủy"])]


def test_same_post_compares_abbreviations_and_prefixes():
    assert same_post("Ủy viên BTV Tỉnh ủy", b="Ủy viên Ban Thường vụ Tỉnh ủy")
    assert same_post("Phó Trưởng Ban Dân vận", b="Phó Trưởng Ban Dân vận Trung ương")
    assert not same_post("Bí thư Thành ủy", b="Phó Bí thư Thành ủy")


# --- the seeds, as regression checks -------------------------------------------------

def test_seed_000_lists_the_city_leaders(fixture_articles):
    result = extract(decode((fixture_articles / "000_9b79f0871c2466f5.txt").read_bytes()))
    got = {o.name: o.positions for o in result.officials}
    assert got["Trần Việt Trường"] == ["Phó Bí thư Thành ủy", "Chủ tịch UBND thành phố"]
    assert len(got["Trần Quốc Trung"]) == 3


def test_seed_004_keeps_ward_secretaries_without_their_district(fixture_articles):
    result = extract(decode((fixture_articles / "004_bd5e39b4e85ee006.txt").read_bytes()))
    got = {o.name: o.positions for o in result.officials}
    assert got["Nguyễn Thị Mỹ Linh"] == ["Bí thư Đảng ủy phường Hưng Thạnh"]
    assert got["Bùi Văn Sang"] == ["Bí thư Đảng ủy xã Thạnh Quới"]
    assert "Anh Dũng" not in got and "Hồ Chí Minh" not in got


def test_seed_001_has_no_officials_and_no_photographer(fixture_articles):
    result = extract(decode((fixture_articles / "001_8b3118e827b00741.txt").read_bytes()))
    assert result.officials == []


def test_a_province_between_the_post_and_the_name_stays_in_the_post():
    got = officials("Báo cáo với đoàn, Bí thư Tỉnh ủy Tây Ninh Nguyễn Thành Tâm cho biết tăng trưởng đạt 6,5%.")
    assert got == {"Nguyễn Thành Tâm": ["Bí thư Tỉnh ủy Tây Ninh"]}


def test_a_district_from_the_gazetteer_stays_in_the_post():
    got = officials("Bí thư Huyện ủy Krông Pắc Trần Văn Hùng phát biểu.")
    assert got == {"Trần Văn Hùng": ["Bí thư Huyện ủy Krông Pắc"]}


def test_ede_names_opening_with_y_are_kept_whole():
    got = officials("Đồng chí Y Giang Gry Niê Knơng, Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh dự buổi sinh hoạt.")
    assert got == {"Y Giang Gry Niê Knơng": ["Phó Bí thư Tỉnh ủy", "Chủ tịch HĐND tỉnh"]}


def test_abbreviated_central_committee_membership_is_a_position():
    got = officials("Đồng chí Nguyễn Thị Thanh, UVT.Ư Đảng, Bí thư Tỉnh ủy, Trưởng đoàn ĐBQH tỉnh chủ trì hội nghị.")
    assert got == {"Nguyễn Thị Thanh": ["UVT.Ư Đảng", "Bí thư Tỉnh ủy", "Trưởng đoàn ĐBQH tỉnh"]}


def test_schools_prizes_and_wards_named_after_people_are_not_officials():
    got = officials("Trường THPT Lê Quý Đôn tổ chức nhiều hoạt động; Giải thưởng Võ Trường Toản được trao cho "
                    "20 nhà giáo. Đảng bộ xã Nguyễn Huệ, thị xã Đông Triều và phường Hà Huy Tập, TP Vinh đạt chuẩn.")
    assert got == {}


def test_ong_is_a_surname_after_dong_chi():
    got = officials("Tổng Bí thư, Chủ tịch nước Nguyễn Phú Trọng đã tiếp đồng chí Ông Văn Tùng, Bí thư Huyện ủy.")
    assert got == {"Nguyễn Phú Trọng": ["Tổng Bí thư", "Chủ tịch nước"], "Ông Văn Tùng": ["Bí thư Huyện ủy"]}


def test_a_dash_list_of_comrades_with_posts():
    got = officials("Chủ trì hội nghị có các đồng chí: Nguyễn Văn Gấu - Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, "
                    "Chủ tịch HĐND tỉnh; Nguyễn Thanh Hải - Phó Bí thư Tỉnh ủy.")
    assert got == {"Nguyễn Văn Gấu": ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy", "Chủ tịch HĐND tỉnh"],
                   "Nguyễn Thanh Hải": ["Phó Bí thư Tỉnh ủy"]}


def test_a_lower_case_common_noun_is_not_a_title():
    got = officials("Đây là đại hội đầu tiên bầu trực tiếp bí thư và ông Nguyễn Văn Hiếu tái cử chức Bí thư Quận ủy.")
    assert got == {"Nguyễn Văn Hiếu": ["Bí thư Quận ủy"]}


def test_doan_thanh_nien_is_an_organisation_not_a_name():
    got = officials("Đồng chí Nguyễn Minh Triết, Bí thư Đoàn Thanh niên xã, Chủ tịch Hội Liên hiệp Thanh niên xã báo cáo.")
    assert got == {"Nguyễn Minh Triết": ["Bí thư Đoàn Thanh niên xã", "Chủ tịch Hội Liên hiệp Thanh niên xã"]}


def test_a_post_given_by_election_after_the_name():
    got = officials("Tại hội nghị, bà Trần Thị Hằng được bầu giữ chức Phó Chủ tịch UBND huyện Nghi Lộc nhiệm kỳ 2021-2026.")
    assert got == {"Trần Thị Hằng": ["Phó Chủ tịch UBND huyện Nghi Lộc"]}


@pytest.mark.parametrize("sentence, name, position", [
    ("Bí thư Tỉnh ủy An Giang Lê Hồng Quang phát biểu.", "Lê Hồng Quang", "Bí thư Tỉnh ủy An Giang"),
    ("Bí thư Tỉnh ủy Hậu Giang Nghiêm Xuân Thành dự.", "Nghiêm Xuân Thành", "Bí thư Tỉnh ủy Hậu Giang"),
    ("Bí thư Đảng ủy phường Trần Phú Nguyễn Văn Sơn phát biểu.", "Nguyễn Văn Sơn", "Bí thư Đảng ủy phường Trần Phú"),
])
def test_a_unit_named_like_a_person_stays_in_the_post(sentence, name, position):
    assert officials(sentence) == {name: [position]}


def test_a_committee_followed_by_a_district_is_not_a_person():
    got = officials("Bí thư Quận ủy Hoàng Mai, đồng chí Nguyễn Quang Hiếu, cho biết quận đã hoàn thành chỉ tiêu.")
    assert got == {"Nguyễn Quang Hiếu": ["Bí thư Quận ủy Hoàng Mai"]}


def test_a_person_whose_name_starts_like_a_district_is_kept():
    got = officials("Đồng chí Hoàng Mai Anh, Bí thư Chi bộ khu phố 3, báo cáo.")
    assert got == {"Hoàng Mai Anh": ["Bí thư Chi bộ khu phố 3"]}


def test_posts_before_and_after_the_name_are_both_kept_in_order():
    got = officials("Đồng chí Bí thư Tỉnh ủy Chẩu Văn Lâm quán triệt bài phát biểu của đồng chí Tổng Bí thư "
                    "Nguyễn Phú Trọng, Trưởng Tiểu ban nhân sự Đại hội XIV của Đảng tại phiên họp ngày 13/3/2024.")
    assert got == {"Chẩu Văn Lâm": ["Bí thư Tỉnh ủy"],
                   "Nguyễn Phú Trọng": ["Tổng Bí thư", "Trưởng Tiểu ban nhân sự Đại hội XIV của Đảng"]}


def test_a_post_named_in_another_phrase_before_the_comma_is_not_taken():
    got = officials("Thừa ủy quyền của Chủ tịch UBND tỉnh, ông Nguyễn Văn Bình, Giám đốc Sở Nội vụ trao quyết định.")
    assert got == {"Nguyễn Văn Bình": ["Giám đốc Sở Nội vụ"]}


def test_two_posts_ahead_of_the_name_after_co():
    got = officials("Tiếp đoàn có Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Lê Văn Thành và lãnh đạo các sở, ngành.")
    assert got == {"Lê Văn Thành": ["Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh"]}


def test_two_comrades_joined_by_va_keep_their_own_posts():
    got = officials("Dự hội nghị có các đồng chí Nguyễn Văn An, Bí thư Tỉnh ủy và Trần Văn Bình, Chủ tịch UBND tỉnh. "
                    "Đồng chí Lê Văn Cường, Phó Bí thư Tỉnh ủy cùng Phó Chủ tịch UBND tỉnh Hồ Văn Dũng đến thăm.")
    assert got == {"Nguyễn Văn An": ["Bí thư Tỉnh ủy"], "Trần Văn Bình": ["Chủ tịch UBND tỉnh"],
                   "Lê Văn Cường": ["Phó Bí thư Tỉnh ủy"], "Hồ Văn Dũng": ["Phó Chủ tịch UBND tỉnh"]}


def test_foreign_leaders_and_countries_are_not_vietnamese_names():
    got = officials("Đại sứ Hoa Kỳ Marc Knapper làm việc với tỉnh. Thủ tướng Thái Lan Srettha Thavisin hội đàm "
                    "với Thủ tướng Phạm Minh Chính.")
    assert got == {"Phạm Minh Chính": ["Thủ tướng"]}


def test_organs_named_like_posts_and_people():
    got = officials("Trưởng Đoàn Kiểm tra số 1 Nguyễn Văn An phát biểu. Đoàn Đại biểu Quốc hội tỉnh do đồng chí "
                    "Trần Văn Bình, Phó Trưởng Đoàn Đại biểu Quốc hội tỉnh dẫn đầu.")
    assert got == {"Nguyễn Văn An": ["Trưởng Đoàn Kiểm tra số 1"],
                   "Trần Văn Bình": ["Phó Trưởng Đoàn Đại biểu Quốc hội tỉnh"]}


def test_a_post_glued_to_the_name_without_a_comma():
    got = officials("Đồng chí Nguyễn Văn An Bí thư Tỉnh ủy phát biểu chỉ đạo. Chị Nguyễn Anh Thư, Bí thư Chi đoàn, cho biết.")
    assert got == {"Nguyễn Văn An": ["Bí thư Tỉnh ủy"], "Nguyễn Anh Thư": ["Bí thư Chi đoàn"]}


def test_a_post_given_later_in_an_appointment_sentence():
    got = officials("Đồng chí Nguyễn Văn Dũng được Ban Thường vụ Tỉnh ủy điều động, bổ nhiệm giữ chức Giám đốc Sở Nội vụ "
                    "kể từ ngày 1/7. Đồng chí Lê Văn An trao quyết định cho ông Hồ Văn Bình giữ chức Phó Chủ tịch UBND huyện.")
    assert got == {"Nguyễn Văn Dũng": ["Giám đốc Sở Nội vụ"], "Lê Văn An": [],
                   "Hồ Văn Bình": ["Phó Chủ tịch UBND huyện"]}


def test_given_names_that_also_open_organisation_names():
    got = officials("Chủ tịch Quốc hội Nguyễn Thị Kim Ngân dự. Đồng chí Nguyễn Thị Chi, Bí thư Chi bộ, báo cáo.")
    assert got == {"Nguyễn Thị Kim Ngân": ["Chủ tịch Quốc hội"], "Nguyễn Thị Chi": ["Bí thư Chi bộ"]}


def test_thu_ky_is_part_of_the_post_not_the_verb_ky():
    got = officials("Ông Bùi Văn Cường, Tổng Thư ký Quốc hội, Chủ nhiệm Văn phòng Quốc hội thông tin.")
    assert got == {"Bùi Văn Cường": ["Tổng Thư ký Quốc hội", "Chủ nhiệm Văn phòng Quốc hội"]}


@pytest.mark.parametrize("post", ["Trưởng Ban Chỉ đạo thực hiện Quy chế dân chủ", "Tư lệnh Quân chủng Phòng không - Không quân",
                                  "Cục trưởng Cục Văn thư và Lưu trữ nhà nước", "Giám đốc Ban Quản lý Chương trình nông thôn mới"])
def test_posts_with_verb_like_words_are_kept_whole(post):
    assert officials(f"Đồng chí Nguyễn Văn Tuấn, {post}, phát biểu.") == {"Nguyễn Văn Tuấn": [post]}


def test_a_post_after_dong_chi_ending_in_thanh_pho_before_the_name():
    got = officials("Đồng chí Chủ tịch HĐND thành phố Võ Thu Tâm nhấn mạnh, thời gian tới cần tập trung khắc phục hạn chế.")
    assert got == {"Võ Thu Tâm": ["Chủ tịch HĐND thành phố"]}


def test_a_district_named_like_a_person_after_an_organ_is_a_place():
    got = officials("Các đồng chí: Nguyễn Anh Sang, Bí thư Huyện ủy Châu Thành A; Nguyễn Văn Trí, Phó Bí thư Huyện ủy, "
                    "Chủ tịch UBND huyện Châu Thành A chủ trì hội nghị.")
    assert got == {"Nguyễn Anh Sang": ["Bí thư Huyện ủy Châu Thành A"],
                   "Nguyễn Văn Trí": ["Phó Bí thư Huyện ủy", "Chủ tịch UBND huyện Châu Thành A"]}


def test_a_district_ending_in_duong_before_the_name_is_no_street():
    got = officials("Đồng chí Chủ tịch UBND huyện Tam Đường Phạm Hoài Quốc Thắng nhấn mạnh nhiệm vụ thời gian tới.")
    assert got == {"Phạm Hoài Quốc Thắng": ["Chủ tịch UBND huyện Tam Đường"]}


def test_a_whole_district_name_is_not_a_person():
    got = officials("Đồng chí Vũ Văn Tuấn, Bí thư Huyện ủy Si Ma Cai phát biểu.")
    assert got == {"Vũ Văn Tuấn": ["Bí thư Huyện ủy Si Ma Cai"]}


def test_namesakes_differing_by_one_accent_are_two_people():
    got = officials("Các đồng chí: Trần Tiến Hưng, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh chủ trì. Dự hội nghị có đồng chí "
                    "Trần Tiến Hùng, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh.")
    assert got == {"Trần Tiến Hưng": ["Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh"],
                   "Trần Tiến Hùng": ["Ủy viên Ban Thường vụ Tỉnh ủy", "Phó Chủ tịch UBND tỉnh"]}


def test_a_person_named_like_a_ward_is_kept():
    got = officials("Dự hội nghị có đồng chí Thái Hà, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tuyên giáo Tỉnh ủy.")
    assert got == {"Thái Hà": ["Ủy viên Ban Thường vụ Tỉnh ủy", "Trưởng Ban Tuyên giáo Tỉnh ủy"]}


@pytest.mark.parametrize("district", ["Giao Thủy", "Đắk R'Lấp"])
def test_district_names_with_verb_or_locator_looking_syllables_stay_in_the_post(district):
    got = officials(f"Theo đồng chí Chủ tịch UBND huyện {district} Phạm Văn Trí, yếu tố quyết định là nêu gương.")
    assert got == {"Phạm Văn Trí": [f"Chủ tịch UBND huyện {district}"]}


def test_posts_in_brackets_and_after_nay_la():
    got = officials("Đồng chí Nguyễn Văn An (Bí thư Tỉnh ủy), đồng chí Lê Văn Bình (Chủ tịch UBND tỉnh) cùng dự. "
                    "Bà Trần Thị Cúc, nguyên Phó Chủ tịch UBND tỉnh, nay là Chủ tịch Hội Chữ thập đỏ tỉnh, phát biểu.")
    assert got == {"Nguyễn Văn An": ["Bí thư Tỉnh ủy"], "Lê Văn Bình": ["Chủ tịch UBND tỉnh"],
                   "Trần Thị Cúc": ["nguyên Phó Chủ tịch UBND tỉnh", "Chủ tịch Hội Chữ thập đỏ tỉnh"]}


@pytest.mark.parametrize("key", ["trưởng ban tiếp công dân tỉnh", "phó trưởng phòng gián tiếp"])
def test_tiep_after_ban_or_gian_is_part_of_the_post_not_a_verb(key):
    from archive.extraction.positions import verb_cut

    assert verb_cut(key) == len(key)
