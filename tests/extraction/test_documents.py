"""Documents: cited Party and State documents in the spellings real sites use."""
from datetime import date

from archive.extraction.catalog import code_key, load_catalog, term_of
from archive.extraction.documents import find_documents


def _docs(text: str, *, title: str = "", published: date | None = None):
    return find_documents(title=title, paragraphs=[text], published=published)


def _codes(text: str, **kwargs) -> list[str]:
    return [d.code for d in _docs(text, **kwargs)]


# --- catalog -------------------------------------------------------------------

def test_the_catalog_holds_the_required_central_documents():
    catalog = load_catalog()
    for code in ("12-NQ/TW", "04-NQ/TW", "05-CT/TW", "08-QĐi/TW", "26-NQ/TW", "37-QĐ/TW", "21-KL/TW",
                 "03-KH/TW", "59-NQ/TW", "144-QĐ/TW"):
        assert catalog.by_code(code) is not None, code


def test_catalog_codes_match_whatever_the_spelling():
    assert code_key("04 - NQ/TƯ") == code_key("4-NQ/TW")
    assert load_catalog().by_code("08-qđi/tw").issued == date(2018, 10, 25)


def test_the_catalog_finds_the_plenum_resolution_of_a_term():
    catalog = load_catalog()
    assert catalog.by_plenum(plenum=4, term="XI", kind="Nghị quyết")[0].code == "12-NQ/TW"
    assert catalog.by_plenum(plenum=4, term="XII", kind="Nghị quyết")[0].code == "04-NQ/TW"


def test_party_terms_follow_the_congress_dates():
    assert (term_of(date(2015, 6, 1)), term_of(date(2018, 6, 1)), term_of(date(2022, 6, 1))) == ("XI", "XII", "XIII")


# --- spellings of a numbered document ------------------------------------------

def test_it_reads_party_codes_in_every_spacing():
    text = "Thực hiện Nghị quyết số 04-NQ/TW, Chỉ thị số 05 - CT/TW và Quy định số 08 -QĐi/TW."
    assert _codes(text) == ["04-NQ/TW", "05-CT/TW", "08-QĐi/TW"]


def test_tu_with_a_horn_is_another_spelling_of_tw():
    assert _codes("Quán triệt Nghị quyết 35-NQ/TƯ của Bộ Chính trị.") == ["35-NQ/TW"]


def test_the_kind_word_wins_over_a_misprinted_type():
    docs = _docs("Kế hoạch số 03 -KL/TƯ, ngày 01/12/2021 của Bộ Chính trị thực hiện Kết luận số 21.")
    assert [(d.kind, d.code) for d in docs] == [("Kế hoạch", "03-KH/TW"), ("Kết luận", "21-KL/TW")]


def test_it_resolves_a_bare_number_through_the_catalog():
    docs = _docs("Thực hiện Quy định 08 và Kết luận số 21 của Ban Chấp hành Trung ương.", published=date(2022, 9, 30))
    assert [(d.code, d.issued) for d in docs] == [("08-QĐi/TW", date(2018, 10, 25)), ("21-KL/TW", date(2021, 10, 25))]


def test_a_bare_number_joins_the_coded_citation_in_the_same_article():
    docs = _docs("Thực hiện Chỉ thị số 05-CT/TW (Chỉ thị 05). Qua 4 năm thực hiện Chỉ thị số 05.")
    assert len(docs) == 1 and docs[0].mentions == ["Chỉ thị số 05-CT/TW", "Chỉ thị 05", "Chỉ thị số 05"]


def test_it_reads_the_politburo_resolution_by_number():
    docs = _docs("Tập trung thực hiện Nghị quyết số 59 của Bộ Chính trị.", published=date(2022, 1, 17))
    assert docs[0].code == "59-NQ/TW" and docs[0].in_catalog


def test_a_stated_issue_date_picks_the_document_among_terms():
    docs = _docs("Nghị quyết số 26 ngày 30/7/2013 của Bộ Chính trị về phát triển tỉnh Nghệ An.", published=date(2019, 1, 1))
    assert (docs[0].code, docs[0].term) == ("26-NQ/TW", "XI")


def test_the_topic_picks_the_document_among_terms():
    docs = _docs("Tổng kết Nghị quyết 18 về sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn.",
                 published=date(2024, 12, 1))
    assert docs[0].term == "XII"


def test_it_reads_several_numbers_after_one_kind_word():
    assert _codes("Thực hiện các Nghị quyết 18, 19 của Trung ương khóa XII.") == ["18-NQ/TW", "19-NQ/TW"]


def test_it_reads_abbreviated_kinds():
    assert _codes("Kết quả thực hiện NQ 26 về cán bộ.", published=date(2020, 1, 1)) == ["26-NQ/TW"]


# --- named forms ---------------------------------------------------------------

def test_it_reads_plenum_names_with_their_term():
    for text in ("Nghị quyết Trung ương 4 (khóa XII)", "NQTW4 khóa XII", "Nghị quyết Trung ương 4 (Khoá XII)", "Nghị quyết T.Ư 4 (khóa XII)",
                 "NQ TW4 khóa XII", "Nghị quyết Hội nghị lần thứ 4 Ban Chấp hành Trung ương Đảng khóa XII"):
        assert _codes(f"Sơ kết {text} tại tỉnh.") == ["04-NQ/TW"], text


def test_the_term_separates_plenum_resolutions_of_the_same_number():
    assert _codes("Thực hiện Nghị quyết Trung ương 4 khóa XI về xây dựng Đảng.") == ["12-NQ/TW"]


def test_a_later_bare_plenum_name_takes_the_term_written_earlier():
    docs = _docs("Quán triệt Nghị quyết Trung ương 4 khóa XI. Sau đó NQTW4 được thực hiện nghiêm.")
    assert [d.code for d in docs] == ["12-NQ/TW"] and docs[0].mentions == ["Nghị quyết Trung ương 4 khóa XI", "NQTW4"]


def test_without_a_term_the_article_date_picks_the_plenum():
    assert _codes("Thực hiện Nghị quyết Trung ương 4.", published=date(2014, 3, 1)) == ["12-NQ/TW"]
    assert _codes("Thực hiện Nghị quyết Trung ương 4.", published=date(2022, 9, 30)) == ["04-NQ/TW"]


def test_it_reads_plenum_conclusions():
    assert _codes("Thực hiện Kết luận Trung ương 4 khóa XIII.") == ["21-KL/TW"]


# --- local and state documents -------------------------------------------------

def test_local_documents_keep_their_own_code():
    docs = _docs("Chỉ thị 12-CT/TU của Ban Thường vụ Tỉnh ủy; Nghị quyết số 09-NQ/TU; Kế hoạch 120-KH/HU.")
    assert [(d.code, d.issuer, d.in_catalog) for d in docs] == [
        ("12-CT/TU", "TU", False), ("09-NQ/TU", "TU", False), ("120-KH/HU", "HU", False)]


def test_a_bare_number_of_a_local_body_is_not_taken_for_a_central_document():
    docs = _docs("Thực hiện Nghị quyết số 05 của Tỉnh ủy về phát triển du lịch.")
    assert [(d.number, d.code, d.in_catalog, d.issuer) for d in docs] == [("05", "", False, "TU")]


def test_it_reads_state_document_numbers():
    docs = _docs("Quyết định số 123/QĐ-UBND của UBND tỉnh; Nghị định 24/2010/NĐ-CP; Luật số 22/2008/QH12.")
    assert [d.code for d in docs] == ["123/QĐ-UBND", "24/2010/NĐ-CP", "22/2008/QH12"]


def test_an_uncatalogued_central_document_is_recorded_as_written():
    docs = _docs("Triển khai Chỉ thị số 45-CT/TW của Ban Bí thư.")
    assert [(d.kind, d.number, d.code, d.in_catalog) for d in docs] == [("Chỉ thị", "45", "45-CT/TW", False)]


# --- what is not a document ----------------------------------------------------

def test_dates_counts_and_shares_are_not_documents():
    text = ("Nghị quyết ngày 30/10/2016; đạt 11/19 chỉ tiêu Nghị quyết; Nghị quyết 100% đảng viên; "
            "Kế hoạch 5 năm; thi hành kỷ luật 2 tổ chức đảng; Nghị quyết Đại hội Đảng bộ thành phố lần thứ XIII.")
    assert _docs(text) == []


def test_each_document_is_listed_once_with_its_first_sentence():
    docs = _docs("Hội nghị sơ kết NQTW4 khóa XII. Tiếp tục thực hiện NQTW4 khóa XII gắn với Chỉ thị 05.")
    assert [d.code for d in docs] == ["04-NQ/TW", "05-CT/TW"]
    assert docs[0].sentence == "Hội nghị sơ kết NQTW4 khóa XII."


def test_the_subject_named_picks_among_the_resolutions_of_one_plenum():
    text = "Triển khai Nghị quyết Trung ương 5 khóa XIII về nông nghiệp, nông dân, nông thôn đến năm 2030."
    assert _codes(text) == ["19-NQ/TW"]


def test_photo_captions_are_read_for_documents_too():
    docs = find_documents(title="Hội nghị", paragraphs=["Tỉnh ủy họp."],
                          captions=["Các cấp ủy tiếp tục thực hiện Nghị quyết số 15-NQ/TU."])
    assert [d.code for d in docs] == ["15-NQ/TU"]


def test_it_reads_plenums_written_as_ordinal_words():
    assert _codes("Quán triệt Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XII.") == ["04-NQ/TW"]
    assert _codes("Thực hiện Nghị quyết Trung ương lần thứ bảy (khóa XII) về công tác cán bộ.") == ["26-NQ/TW"]


def test_a_state_resolution_is_not_the_party_resolution_of_the_same_number():
    assert _codes("Thực hiện Nghị quyết số 18/NQ-CP của Chính phủ.") == ["18/NQ-CP"]


def test_it_reads_codes_typed_in_lower_case():
    assert _codes("tra cứu 04-nq/tw và 12-ct/tu") == ["04-NQ/TW", "12-CT/TU"]


def test_patterns_tried_at_their_cue_words_find_what_a_full_scan_finds():
    from archive.extraction import documents
    samples = [
        "Nghị quyết số 04-NQ/TW, NGHỊ QUYẾT 18, 19 và Kết luận số 21-KL/TW; nghị quyết trung ương 4 khóa XII",
        "NQ TW4, NQTW4, NQ 26, CT 05, KL 21; Chỉ thị 12-CT/TU; Thông tri số 3; THÔNG TRI 4; Thông trı 5",
        "Quyết định số 123/QĐ-UBND, Nghị định 24/2010/NĐ-CP, Luật 22/2008/QH12 và Quy định 08-QĐi/TW",
        "Hội nghị lần thứ tư Ban Chấp hành Trung ương; Nghị quyết Hội nghị lần thứ 8 Ban Chấp hành Trung ương Đảng",
        "kỷ luật 2 tổ chức, kế hoạch 3 năm, xNghị quyết 4, Nghị quyết Nghị quyết 5, İ Nghị quyết 6",
        "",
    ]
    checks = [(documents._PLENUM_RE, documents._PLENUM_CUES, True), (documents._KIND_NUM_RE, documents._KIND_CUES, True),
              (documents._ABBR_RE, ("NQ", "CT", "KL"), False)]
    for text in samples + [s.upper() for s in samples] + [s.lower() for s in samples]:
        for pattern, cues, lowered in checks:
            low = text.lower() if lowered else text
            expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
            found = [(m.span(), m.groupdict()) for m in documents._matches_at_cues(pattern, text=text, low=low, cues=cues)]
            assert found == expected, (pattern.pattern[:30], text)


def test_the_catalog_index_answers_as_a_scan_of_every_entry_would():
    catalog = load_catalog()
    for e in catalog.entries:
        scanned = sorted((x for x in catalog.entries if x.kind == e.kind and x.number_value == e.number_value),
                         key=lambda x: x.issued or date.min)
        assert catalog.by_number(kind=e.kind, number=e.number) == scanned
        if e.plenum is not None:
            held = sorted((x for x in catalog.entries if x.plenum == e.plenum),
                          key=lambda x: (not x.plenum_default, x.issued or date.min))
            assert catalog.by_plenum(plenum=e.plenum) == held
