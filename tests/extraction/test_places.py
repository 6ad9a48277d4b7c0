"""Places: administrative units named in articles from many provinces, placed in the gazetteer."""
from archive.extraction.gazetteer import load_gazetteer, name_key
from archive.extraction.places import find_places


def _places(text: str, *, title: str = "", source: str = "", captions: tuple = ()):
    return find_places(title=title, paragraphs=[text], source=source, captions=list(captions))


def _names(text: str, **kwargs) -> list[str]:
    return [p.name for p in _places(text, **kwargs)[1]]


def _by_name(text: str, **kwargs) -> dict:
    return {p.name: p for p in _places(text, **kwargs)[1]}


# --- gazetteer -----------------------------------------------------------------

def test_the_gazetteer_holds_the_63_legacy_and_34_new_provinces():
    gaz = load_gazetteer()
    assert sum(1 for level, _ in gaz.units if level == "P") == 63
    assert sum(1 for level, _ in gaz.units if level == "NP") == 34


def test_it_looks_names_up_with_either_tone_placement():
    gaz = load_gazetteer()
    assert [m.unit.code for m in gaz.lookup("Thanh Hoá", levels=("P",))] == ["38"]
    assert [m.unit.code for m in gaz.lookup("Thanh Hóa", levels=("P",))] == ["38"]


def test_it_finds_a_district_under_a_former_name_merged_into_it():
    gaz = load_gazetteer()
    matches = gaz.lookup("Kỳ Sơn", levels=("D",))
    assert any(m.unit.name == "Kỳ Sơn" for m in matches)  # Nghệ An still has one
    former = gaz.lookup("Thông Nông", levels=("D",))
    assert former and former[0].alias and former[0].unit.name == "Hà Quảng"


def test_name_keys_ignore_accents_spaces_and_hyphens():
    assert name_key("Bà Rịa - Vũng Tàu") == "bariavungtau"


def test_every_legacy_unit_points_to_its_post_2025_unit():
    gaz = load_gazetteer()
    cai_khe = gaz.get("W", code="31117")
    assert gaz.new_unit(cai_khe).level == "NW"
    assert gaz.new_unit(gaz.get("P", code="93")).name == "Cần Thơ"  # Hậu Giang merged into Cần Thơ


# --- kinds of mention ----------------------------------------------------------

def test_it_reads_units_after_every_kind_word():
    text = ("Đoàn đến tỉnh Nghệ An, thành phố Vinh, thị xã Cửa Lò, huyện Quỳnh Lưu, "
            "xã Quỳnh Thạch và thị trấn Cầu Giát.")
    assert _names(text) == ["Nghệ An", "Vinh", "Cửa Lò", "Quỳnh Lưu", "Quỳnh Thạch", "Cầu Giát"]


def test_it_reads_party_bodies_of_each_level():
    names = _names("Tỉnh ủy Bắc Ninh, Thành ủy Từ Sơn, Huyện ủy Gia Bình, Thị ủy Quế Võ và Quận ủy Long Biên họp.")
    assert names[:4] == ["Bắc Ninh", "Từ Sơn", "Gia Bình", "Quế Võ"]
    assert "Long Biên" in names


def test_it_reads_every_name_of_a_list_after_one_kind_word():
    text = "Thảo luận có các Quận ủy Ninh Kiều, Thốt Nốt, Ô Môn và Huyện ủy Cờ Đỏ, Vĩnh Thạnh."
    assert _names(text) == ["Cần Thơ", "Ninh Kiều", "Thốt Nốt", "Ô Môn", "Cờ Đỏ", "Vĩnh Thạnh"]


def test_it_reads_tp_abbreviations_with_and_without_a_dot():
    assert _names("Tiếp đoàn về phía TP. Thanh Hóa có lãnh đạo thành phố.")[0] == "Thanh Hóa"
    assert "Uông Bí" in _names("Đảng bộ TP Uông Bí triển khai đồng bộ.")


def test_it_reads_ho_chi_minh_city_shorthand():
    for text in ("Thành ủy TP.HCM họp phiên thường kỳ.", "Hội nghị tại TPHCM.", "Thành ủy TP. Hồ Chí Minh họp."):
        assert _names(text) == ["Hồ Chí Minh"]


def test_it_reads_a_capitalised_kind_word_at_sentence_start():
    assert _names("Quận Bình Thủy có mô hình giáo dục truyền thống. Huyện Thới Lai có câu lạc bộ.", title="TP Cần Thơ")[1:] == [
        "Bình Thủy", "Thới Lai"]


def test_it_reads_island_and_mountain_districts():
    names = _names("Huyện đảo Cô Tô và huyện miền núi Ba Chẽ hoàn thành chỉ tiêu.", source="baoquangninh.com.vn")
    assert {"Cô Tô", "Ba Chẽ"} <= set(names)


def test_it_reads_numbered_districts_and_wards():
    places = _by_name("Phường Bến Nghé, Quận 1 và Phường 12, quận Gò Vấp, TP Hồ Chí Minh.")
    assert places["Phường 12"].district == "Gò Vấp"
    assert places["Bến Nghé"].district == "Quận 1"


def test_it_reads_names_written_in_capitals():
    primary, places = _places("", title="ĐẢNG BỘ TỈNH QUẢNG NINH TỔ CHỨC ĐẠI HỘI")
    assert primary.name == "Quảng Ninh"


def test_it_reads_highland_names_with_apostrophes():
    places = _by_name("Huyện ủy Ea H'leo chỉ đạo xã Ea Nam, huyện Ea H'leo, tỉnh Đắk Lắk.")
    assert places["Ea Nam"].district == "Ea H'leo"


def test_it_reads_former_province_names():
    places = _by_name("Đoàn công tác tỉnh Thừa Thiên Huế và tỉnh Bà Rịa - Vũng Tàu dự hội nghị.")
    assert places["Thừa Thiên Huế"].province_code == "46"
    assert "Bà Rịa - Vũng Tàu" in places


def test_it_reads_bare_province_names_outside_proper_names():
    assert "Hà Nội" in _names("Hội nghị diễn ra tại Hà Nội với sự tham dự của các tỉnh.")


# --- what is not a place -------------------------------------------------------

def test_it_does_not_take_ho_chi_minh_thought_for_a_city():
    assert _names("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.") == []


def test_it_does_not_take_a_person_named_like_a_province():
    assert _names("Đồng chí Nguyễn Thị Hà Nam, Phó Bí thư, phát biểu.") == []


def test_it_ignores_common_words_after_kind_words():
    text = ("Phát triển kinh tế - xã hội; Ngân hàng Chính sách Xã Hội; Thành phố cũng đã tập trung; "
            "MTTQ Việt Nam; Ban Chấp hành Trung ương; Tỉnh Đoàn tổ chức; Huyện ủy viên dự.")
    assert _names(text) == []


def test_it_does_not_take_the_next_person_for_part_of_a_name():
    assert _names("Bí thư Tỉnh ủy Quảng Ninh Nguyễn Xuân Ký phát biểu.") == ["Quảng Ninh"]


# --- hierarchy -----------------------------------------------------------------

def test_it_places_a_ward_in_the_district_written_beside_it():
    places = _by_name("Bí thư Đảng ủy phường Hưng Thạnh, quận Cái Răng, cho biết.", title="TP Cần Thơ")
    assert (places["Hưng Thạnh"].district, places["Hưng Thạnh"].province) == ("Cái Răng", "Cần Thơ")
    assert places["Hưng Thạnh"].code == "31192"


def test_it_places_a_bare_ward_in_a_district_named_elsewhere_in_the_article():
    text = "Thành ủy thành phố Thanh Hóa làm việc. Dự có Đảng ủy phường Trường Thi."
    places = _by_name(text)
    assert places["Trường Thi"].district == "Thanh Hóa" and places["Trường Thi"].province == "Thanh Hóa"


def test_it_places_an_ambiguous_district_in_the_province_of_the_article():
    places = _by_name("Tỉnh ủy Tiền Giang kiểm tra huyện Châu Thành.")
    assert places["Châu Thành"].province == "Tiền Giang"


def test_it_reads_an_address_tail_without_kind_words():
    places = _by_name("Đồng chí Bùi Văn Sang, Bí thư Đảng ủy xã Thạnh Quới, Vĩnh Thạnh, Cần Thơ cho biết.")
    assert places["Thạnh Quới"].district == "Vĩnh Thạnh"


# --- primary -------------------------------------------------------------------

def test_the_primary_is_the_province_most_named():
    primary, places = _places("Tỉnh ủy Quảng Ninh họp. Đoàn của tỉnh Quảng Ninh đến TP Hạ Long. Tỉnh ủy chỉ đạo.")
    assert primary.name == "Quảng Ninh" and places[0] is primary


def test_the_primary_is_a_city_whose_party_committee_is_the_main_actor():
    text = ("Ban Thường vụ Thành ủy Uông Bí đã quán triệt nghị quyết. Thành ủy đã ban hành chương trình. "
            "TP Uông Bí đã nhanh chóng đưa nghị quyết vào cuộc sống. Chỉ thị của Ban Thường vụ Tỉnh ủy.")
    primary, _ = _places(text, title="Đảng bộ TP Uông Bí triển khai đồng bộ", source="baoquangninh.com.vn")
    assert primary.name == "Uông Bí" and primary.province == "Quảng Ninh"


def test_a_provincial_city_and_its_province_share_a_bare_name():
    primary, _ = _places("Thành ủy thành phố Thanh Hóa báo cáo với đoàn. Tỉnh ủy chỉ đạo sát sao.",
                         title="Đoàn công tác làm việc với Thành ủy thành phố Thanh Hóa")
    assert primary.name == "Thanh Hóa" and primary.kind == "thành phố"


def test_the_source_site_names_the_province_when_the_text_does_not():
    primary, _ = _places("Ban Thường vụ Tỉnh ủy họp phiên thường kỳ.", source="baoquangninh.com.vn")
    assert primary.name == "Quảng Ninh"


def test_photo_captions_count_as_places():
    _, places = _places("Thành ủy Uông Bí họp.", captions=("Đảng ủy phường Phương Đông, TP Uông Bí bàn giải pháp.",))
    assert [p.name for p in places] == ["Uông Bí", "Phương Đông"]


def test_an_article_naming_no_place_has_no_primary():
    assert _places("Bộ Chính trị ban hành quy định về nêu gương.") == (None, [])


def test_it_keeps_an_i_y_spelling_variant_as_written():
    places = _by_name("Xã Tam Thanh, huyện Phú Quý, tỉnh Bình Thuận.")
    assert places["Phú Quý"].code == "602" and places["Tam Thanh"].district_code == "602"


def test_a_misspelt_look_alike_in_another_province_is_not_a_place():
    assert "Hà Tiên" not in _names("Thành ủy Huế họp; đoàn thành phố Hà Tiến tham dự.")


def test_it_reads_bare_district_names_of_the_province_in_a_list():
    text = "Tỉnh ủy Bắc Giang chỉ đạo. Nhiều cách làm hay đã được triển khai ở Sơn Động, Chũ, Việt Yên, Tân Yên."
    assert _names(text) == ["Bắc Giang", "Sơn Động", "Chũ", "Việt Yên", "Tân Yên"]


def test_the_primary_is_a_district_whose_committee_is_the_main_actor():
    text = ("Chiều 15/10, Ban Thường vụ Huyện ủy Tuần Giáo tổ chức hội nghị. Dự có đồng chí Châu Văn Cường, "
            "Ủy viên Ban Thường vụ Tỉnh ủy. Tại xã Phình Sáng, huyện Tuần Giáo, phong trào được triển khai.")
    primary, places = _places(text, title="Dân vận khéo tại huyện Tuần Giáo")
    assert primary.name == "Tuần Giáo" and primary.province == "Điện Biên"
    assert [p.name for p in places] == ["Tuần Giáo", "Phình Sáng"]


def test_one_district_among_several_is_not_the_primary():
    primary, _ = _places("Thảo luận có các Quận ủy Ninh Kiều, Thốt Nốt, Ô Môn và Huyện ủy Cờ Đỏ, Vĩnh Thạnh.")
    assert primary.name == "Cần Thơ"


def test_the_address_in_brackets_rules_out_a_namesake_elsewhere():
    places = _by_name("Xã An Trạch A, huyện Đông Hải (Bạc Liêu) và thị trấn Mường Tè (Lai Châu).")
    assert places["An Trạch A"].province == "Bạc Liêu"
    assert places["Mường Tè"].province_code == ""  # the only Mường Tè ward listed is in Sơn La


def test_two_spellings_of_a_former_province_name_are_one_place():
    assert _names("UBND tỉnh Thừa Thiên - Huế và Tỉnh ủy Thừa Thiên Huế.") == ["Thừa Thiên - Huế"]


def test_a_bare_province_name_that_is_also_a_district_of_the_article_province_is_the_district():
    text = "Tỉnh ủy Quảng Bình chỉ đạo. Nhiều cách làm hay đã được triển khai ở Minh Hóa, Quảng Ninh."
    places = _by_name(text)
    assert places["Quảng Ninh"].kind == "huyện" and places["Quảng Ninh"].province == "Quảng Bình"


def test_the_gazetteer_looks_up_by_kind():
    gaz = load_gazetteer()
    assert [m.unit.code for m in gaz.lookup("Thanh Hóa", kind="thành phố")] == ["380"]


def test_it_reads_units_created_in_the_2025_reorganisation():
    places = _by_name("Đảng ủy phường Ninh Kiều, thành phố Cần Thơ tổ chức đại hội. Đặc khu Phú Quốc, tỉnh An Giang.")
    assert places["Ninh Kiều"].kind == "phường" and places["Ninh Kiều"].new_name == "Ninh Kiều"
    assert places["Phú Quốc"].kind == "đặc khu" and places["Phú Quốc"].province == "An Giang"


def test_it_reads_abbreviations_glued_to_the_name():
    assert _names("Thành ủy TP.Cần Thơ họp.") == ["Cần Thơ"]
    assert "Quảng Yên" in _names("Thị ủy TX.Quảng Yên họp.")


def test_streets_bridges_and_bays_named_after_places_are_not_units():
    assert _names("Khánh thành cầu Cần Thơ và nâng cấp đường Hà Nội, vịnh Hạ Long.") == []


def test_a_former_district_is_read_in_the_province_of_the_article():
    # Kỳ Sơn of Hòa Bình merged into TP Hòa Bình in 2019; Nghệ An still has a huyện Kỳ Sơn.
    assert _by_name("Tỉnh ủy Hòa Bình kiểm tra huyện Kỳ Sơn.")["Kỳ Sơn"].province == "Hòa Bình"
    assert _by_name("Tỉnh ủy Nghệ An kiểm tra huyện Kỳ Sơn.")["Kỳ Sơn"].province == "Nghệ An"


# --- fast paths give the same answers as the plain ones --------------------------

_SPEED_SAMPLES = [
    "Tỉnh ủy Cần Thơ, TỈNH ỦY Hậu Giang, tỉnh  ủy Sóc Trăng, tinh uy An Giang và TP.Cần Thơ",
    "Thành ủy thành phố Thanh Hoá; THÀNH PHỐ Vinh, Thủ đô Hà Nội; thị xã Nghĩa Lộ, TX Cửa Lò, tx. Kỳ Anh",
    "Quận ủy Ninh Kiều, Thốt Nốt, Ô Môn và Huyện ủy Cờ Đỏ; huyện đảo Cô Tô; Đặc khu Phú Quốc",
    "phường Hưng Thạnh, quận Cái Răng; Phường 5, Quận 3, TP HCM; xã miền núi Ba Chẽ; thị trấn Mường Tè",
    "Kiểm tra việc triển khai ở Vĩnh Yên, Tam Dương, Phúc Yên. Nguyễn Thị Hà Nam, Báo Cần Thơ, đường Hà Nội.",
    "ông Hoà, khoẻ, Thuỷ, quả, hoạt động, QUẢ, Hoá, thuý, khỏe, Thúy; Ngã tư Sở, Thủ Đức, Tpxyz, thịxã",
    "",
    "Thanh Hóa Thanh Hóa Thanh Hóa-Thanh Hóa_Thanh Hóa 1Thanh Hóa",
]


def test_the_kind_word_scan_finds_what_a_case_insensitive_scan_finds():
    import re

    from archive.extraction import places
    plain = re.compile(r"(?<!\w)(?:" + "|".join(f"(?P<t{i}>{p})" for i, (p, *_rest) in enumerate(places._TRIGGERS))
                       + r")(?:(?<=\.)|(?!\w))", re.IGNORECASE)
    for text in _SPEED_SAMPLES + [s.upper() for s in _SPEED_SAMPLES] + [s.lower() for s in _SPEED_SAMPLES]:
        expected = [(m.span(), next(k for k, v in m.groupdict().items() if v is not None)) for m in plain.finditer(text)]
        found = [(m.span(), m.lastgroup[:-1]) for m in places._TRIGGER_RE.finditer(text)]
        assert found == expected, text


def test_canonical_forms_agree_with_canonical_and_normalize():
    from archive.extraction.gazetteer import canonical_forms
    from archive.extraction.text import canonical, normalize
    for text in _SPEED_SAMPLES + ["Quý, Quỳ, QUÝ, quí", "hoà\r\nthuỷ", "\u00d0ảng ủy hoá", "Thanh Hoa\u0301"]:
        assert canonical_forms(text) == (canonical(text), normalize(text))


def test_name_keys_come_out_the_same_character_by_character():
    import re

    from archive.extraction.text import fold
    for text in _SPEED_SAMPLES + ["Bà Rịa - Vũng Tàu", "\u00d0ắk Lắk", "e\u0301\u0323a", "Σσς İı K ﬀ ① ²"]:
        assert name_key(text) == re.sub(r"[^a-z0-9]+", "", fold(text))


def test_later_bare_uses_are_counted_as_whole_words():
    import re

    from archive.extraction.places import _count_whole_words
    for text in _SPEED_SAMPLES:
        for name in ("Thanh Hóa", "Cần Thơ", "Hà Nội", "Hà"):
            assert _count_whole_words(text, name=name) == len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text))
