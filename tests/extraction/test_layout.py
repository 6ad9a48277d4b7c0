"""Layout step: chrome, headline, the page's own date, bylines and captions.

Snippets follow what real party portals and provincial papers print
(Hà Nội, Nghệ An, Đắk Lắk, Bình Dương...), not only the seed files.
"""
from datetime import date, datetime

import pytest

from archive.extraction.layout import parse_layout, read_byline
from archive.extraction.text import decode, normalize

BODY = (
    "Sáng 12/3, Ban Thường vụ Tỉnh ủy tổ chức hội nghị sơ kết công tác xây dựng Đảng quý I, "
    "đánh giá kết quả thực hiện nhiệm vụ và đề ra giải pháp cho thời gian tới."
)
BODY2 = (
    "Hội nghị đã thảo luận, thống nhất các giải pháp nâng cao chất lượng sinh hoạt chi bộ, "
    "công tác phát triển đảng viên và kiểm tra, giám sát trong toàn Đảng bộ."
)


def page(*lines: str):
    return parse_layout(normalize("\n".join(lines)))


# --- dates ---------------------------------------------------------------------

def test_it_reads_a_dd_mm_yyyy_date_with_time_as_a_datetime():
    lay = page("17/01/2022 - 19:09", "", "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 8", "", BODY)
    assert lay.published == datetime(2022, 1, 17, 19, 9)


def test_it_reads_dang_luc_with_seconds_and_gmt():
    lay = page("Tỉnh ủy Nghệ An sơ kết Nghị quyết", "Đăng lúc: 00:00:00 30/09/2022 (GMT+7)", BODY)
    assert lay.published == datetime(2022, 9, 30, 0, 0)


def test_it_reads_a_weekday_header_without_time_as_a_date():
    lay = page("Thứ Hai, 12/3/2018", "Đắk Lắk: Kiện toàn tổ chức cơ sở đảng", BODY)
    assert lay.published == date(2018, 3, 12)


def test_it_reads_the_long_vietnamese_date_form():
    lay = page("Thứ hai, ngày 5 tháng 7 năm 2021", "Bình Dương nâng chất lượng đảng viên", BODY)
    assert lay.published == date(2021, 7, 5)


def test_it_reads_cap_nhat_with_time_before_the_date():
    lay = page("Hà Nội tăng cường xây dựng Đảng", "Cập nhật: 10:30 05/07/2021", BODY)
    assert lay.published == datetime(2021, 7, 5, 10, 30)


def test_it_reads_iso_timestamps():
    lay = page("Hà Nội tăng cường xây dựng Đảng", "2021-07-05T10:00", BODY)
    assert lay.published == datetime(2021, 7, 5, 10, 0)


@pytest.mark.parametrize("line", ["05-07-2021", "5.7.2021", "Ngày đăng: 05/07/2021", "05/07/2021 | 08:15"])
def test_it_reads_other_header_date_spellings(line):
    lay = page("Quảng Nam kiểm điểm tập thể Ban Thường vụ", line, BODY)
    assert lay.published is not None and lay.published.isoformat()[:10] == "2021-07-05"


def test_it_never_takes_a_date_from_the_body():
    lay = page("Thành ủy Uông Bí quán triệt Nghị quyết", "Ngày 23/6/2021, Ban Thường vụ Thành ủy tổ chức hội nghị "
               "sơ kết; từ năm 2015 đến ngày 31/5/2018 đã kết nạp 884 đảng viên.", BODY2)
    assert lay.published is None


def test_it_rejects_impossible_dates():
    lay = page("31/02/2021", "Hội nghị Tỉnh ủy Nghệ An", BODY)
    assert lay.published is None


def test_it_reads_a_labelled_date_printed_under_the_article():
    lay = page("Hội nghị Tỉnh ủy Nghệ An", BODY, BODY2, "Ngày đăng: 14/02/2023")
    assert lay.published == date(2023, 2, 14)


def test_a_date_line_is_never_the_title():
    lay = page("Thứ Năm, 07/08/2020 07:43", "Sáng tạo trong tư duy, quyết liệt trong hành động", BODY)
    assert lay.title == "Sáng tạo trong tư duy, quyết liệt trong hành động"


# --- bylines -------------------------------------------------------------------

def test_it_reads_tac_gia_with_a_date_as_author_and_published():
    lay = page("Tác giả: Lâm Vĩ - 05/07/2021", "A A", "Ban Thường vụ Thành ủy sơ kết", BODY)
    assert lay.authors == ["Lâm Vĩ"]
    assert lay.published == date(2021, 7, 5)


def test_it_title_cases_an_upper_case_bai_anh_byline():
    lay = page("Sáng tạo trong tư duy", BODY, BODY2, "Bài, ảnh: ANH DŨNG", "Chia sẻ bài viết")
    assert lay.authors == ["Anh Dũng"]


@pytest.mark.parametrize("line, authors", [
    ("Tin, ảnh: NGUYỄN HÀ", ["Nguyễn Hà"]),
    ("Bài và ảnh: Trần Minh Khoa", ["Trần Minh Khoa"]),
    ("Bài: Thu Hà - Minh Châu", ["Thu Hà", "Minh Châu"]),
    ("Thu Hà và Minh Châu", ["Thu Hà", "Minh Châu"]),
    ("PHƯƠNG LINH, HOÀNG TÚ", ["Phương Linh", "Hoàng Tú"]),
])
def test_it_reads_bylines_in_their_usual_forms(line, authors):
    lay = page("Đảng bộ huyện Krông Pắc học tập Nghị quyết", BODY, BODY2, line)
    assert lay.authors == authors


def test_theo_author_slash_site_gives_author_and_source():
    lay = page("Đảng bộ TP Uông Bí triển khai đồng bộ", BODY, BODY2, "Theo Hoài Anh/baoquangninh.com.vn",
               "Thời tiết", "Tỷ giá ngoại tệ", "Đang online 579 Tổng lượt truy cập 90904904")
    assert lay.authors == ["Hoài Anh"]
    assert lay.source == "baoquangninh.com.vn"


def test_theo_ttxvn_is_a_source_not_an_author():
    lay = page("Thủ tướng làm việc với tỉnh Bình Dương", BODY, BODY2, "Theo TTXVN")
    assert lay.authors == []
    assert lay.source == "TTXVN"


def test_an_agency_tag_after_the_name_is_the_source():
    lay = page("Thủ tướng làm việc với tỉnh Bình Dương", BODY, BODY2, "Hồng Nhung (TTXVN)")
    assert lay.authors == ["Hồng Nhung"]
    assert lay.source == "TTXVN"


def test_nguon_line_names_the_source():
    lay = page("Đắk Lắk sắp xếp tổ chức bộ máy", BODY, BODY2, "Nguồn: baodaklak.vn")
    assert lay.source == "baodaklak.vn"
    assert lay.authors == []


def test_a_lone_name_on_the_last_line_is_the_author():
    lay = page("Đoàn công tác làm việc với Thành ủy", BODY, BODY2, " ", "Lê Thảo")
    assert lay.authors == ["Lê Thảo"]
    assert "Lê Thảo" not in lay.paragraphs


@pytest.mark.parametrize("tail", ["Nhóm PV", "PV", "(CT)"])
def test_reporter_and_agency_tags_are_not_people(tail):
    lay = page("Hội nghị Tỉnh ủy Nghệ An", BODY, BODY2, tail)
    assert lay.authors == []


def test_a_photographer_is_not_an_author():
    lay = page("Hội nghị Tỉnh ủy Nghệ An", BODY, "Toàn cảnh hội nghị. Ảnh: Nguyễn Chiến", BODY2, "Bài: Minh Tâm")
    assert lay.authors == ["Minh Tâm"]
    assert "Nguyễn Chiến" in lay.photographers


def test_read_byline_leaves_a_body_sentence_alone():
    assert read_byline("Theo đồng chí Nguyễn Văn Hùng, Bí thư Huyện ủy, năm 2021 huyện kết nạp 300 đảng viên.") is None


# --- headline --------------------------------------------------------------------

def test_a_kicker_ending_with_a_colon_is_not_the_title():
    lay = page("17/01/2022 - 19:09", "Đồng chí Lê Quang Mạnh, Ủy viên Trung ương Đảng, Bí thư Thành ủy:",
               "Tập trung thực hiện có hiệu quả Nghị quyết số 59", BODY)
    assert lay.title == "Tập trung thực hiện có hiệu quả Nghị quyết số 59"
    assert lay.kicker.startswith("Đồng chí Lê Quang Mạnh")


def test_a_headline_printed_twice_is_kept_once():
    lay = page("A A", "Ban Thường vụ Thành ủy: Sơ kết Nghị quyết", "Ban Thường vụ Thành ủy: Sơ kết Nghị quyết", BODY)
    assert lay.title == "Ban Thường vụ Thành ủy: Sơ kết Nghị quyết"
    assert lay.paragraphs == [BODY]


def test_a_headline_repeated_with_the_site_name_an_agency_tag_or_other_spacing_is_kept_once():
    title = "Ban Thường vụ Thành ủy Cần Thơ sơ kết Nghị quyết 04-NQ/TW"
    for repeat in (f"{title} - Báo Cần Thơ Online", f"(TTXVN) - {title}", title.replace(" ", "  ").upper()):
        lay = page("A A", title, repeat, BODY)
        assert lay.title == title
        assert lay.paragraphs == [BODY], repeat
    lay = page("A A", title, "Ban Thường vụ Thành ủy Cần Thơ sơ kết Nghị quyết 05-NQ/TW", BODY)
    assert any("05-NQ/TW" in line for line in lay.paragraphs + lay.captions)   # another line, not a repeat


def test_breadcrumbs_and_section_labels_are_not_the_title():
    lay = page("Trang chủ > Xây dựng Đảng > Tin tức", "Xây dựng Đảng",
               "Huyện ủy Cư M'gar tổng kết công tác kiểm tra, giám sát", BODY)
    assert lay.title == "Huyện ủy Cư M'gar tổng kết công tác kiểm tra, giám sát"


def test_a_page_that_opens_with_a_long_paragraph_has_no_title():
    lay = page(" ".join([BODY] * 4))
    assert lay.title == ""
    assert "no headline found" in lay.warnings


# --- chrome and captions -------------------------------------------------------------

def test_site_chrome_is_removed_from_the_body():
    lay = page("date", "Đường dây nóng:", "Hotline: 0912 345 678", "Hội nghị Tỉnh ủy Nghệ An", "A A",
               "In bài viết", BODY, "Bình luận", BODY2, "Tin liên quan", "Nghệ An: Kết nạp 500 đảng viên",
               "Hà Tĩnh sơ kết Chỉ thị 05")
    assert lay.paragraphs == [BODY]
    assert lay.title == "Hội nghị Tỉnh ủy Nghệ An"


def test_the_related_articles_list_after_cac_tin_khac_is_dropped():
    lay = page("Hội nghị Tỉnh ủy Nghệ An", BODY, BODY2, "CÁC TIN KHÁC",
               "Thành ủy Vinh sơ kết Nghị quyết Trung ương 4 (12/05/2021)", "Quỳnh Lưu kết nạp đảng viên")
    assert lay.paragraphs == [BODY, BODY2]
    assert lay.published is None


def test_the_line_after_an_image_file_is_a_caption():
    lay = page("Hội nghị Tỉnh ủy Nghệ An", BODY, "IMG_1664523302187_1664523330256.jpg", "Toàn cảnh hội nghị", ".",
               BODY2)
    assert lay.captions == ["Toàn cảnh hội nghị"]
    assert lay.paragraphs == [BODY, BODY2]


def test_photo_lines_with_anh_credit_are_captions():
    cap = "Đảng ủy phường Phương Đông bàn giải pháp nâng cao chất lượng cán bộ. Ảnh: Nguyễn Chiến"
    lay = page("Hội nghị Tỉnh ủy Nghệ An", BODY, cap, BODY2)
    assert lay.captions == [cap]


def test_short_lines_between_paragraphs_are_captions_but_subheadings_stay():
    cap = "Lãnh đạo chủ chốt thành phố dự hội nghị tại điểm cầu trực tuyến Hội trường Thành ủy"
    lay = page("Hội nghị Tỉnh ủy Nghệ An", BODY, cap, BODY2, "Quyết tâm chỉnh đốn", BODY)
    assert lay.captions == [cap]
    assert "Quyết tâm chỉnh đốn" in lay.paragraphs


def test_a_short_photo_sentence_with_a_full_stop_is_a_caption():
    lay = page("Hội nghị Tỉnh ủy Đắk Lắk", "Đồng chí Nguyễn Đình Trung phát biểu kết luận hội nghị.", BODY, BODY2)
    assert lay.captions == ["Đồng chí Nguyễn Đình Trung phát biểu kết luận hội nghị."]


def test_it_reads_a_legacy_encoded_page():
    raw = "Tỉnh ủy Bình Dương\n\n12/03/2018\n\n" + BODY
    lay = parse_layout(decode(raw.encode("utf-16")))
    assert lay.title == "Tỉnh ủy Bình Dương"
    assert lay.published == date(2018, 3, 12)


# --- the seeds, as regression checks -------------------------------------------------

@pytest.mark.parametrize("name, title, published, authors", [
    ("000_9b79f0871c2466f5.txt", "Ban Thường vụ Thành ủy: Sơ kết thực hiện Nghị quyết Trung ương 4 (khóa XII)",
     "2021-07-05", ["Lâm Vĩ"]),
    ("001_8b3118e827b00741.txt", "Thực hiện Nghị quyết Trung ương 4 (Khoá XII): Đảng bộ TP Uông Bí triển khai "
     "đồng bộ, hiệu quả rõ nét", None, ["Hoài Anh"]),
    ("002_facf118e40bc606b.txt", "Tập trung thực hiện có hiệu quả Nghị quyết số 59 của Bộ Chính trị và cơ chế "
     "đặc thù của TP Cần Thơ", "2022-01-17", ["Anh Dũng"]),
    ("003_a764cc0e9cf86e91.txt", "Đoàn công tác của Ban Bí thư Trung ương Đảng làm việc với Thành ủy thành phố "
     "Thanh Hóa", "2022-09-30", ["Lê Thảo"]),
])
def test_seed_pages_keep_their_layout(fixture_articles, name, title, published, authors):
    lay = parse_layout(decode((fixture_articles / name).read_bytes()))
    assert lay.title == title
    assert (lay.published.isoformat()[:10] if lay.published else None) == published
    assert lay.authors == authors
    assert not any("Tổng lượt truy cập" in p or p == "A A" for p in lay.paragraphs)


# --- more header and byline forms ------------------------------------------------------

def test_a_site_name_before_the_date_is_not_the_title():
    lay = page("VOV.VN - Thứ hai, 12:30, 05/07/2021", "Chủ tịch nước làm việc với tỉnh Tây Ninh", BODY, "Theo TTXVN")
    assert lay.title == "Chủ tịch nước làm việc với tỉnh Tây Ninh"
    assert lay.published == datetime(2021, 7, 5, 12, 30)
    assert lay.source == "TTXVN"


def test_a_newspaper_name_and_date_under_the_title():
    lay = page("Quận Hoàn Kiếm trao Huy hiệu Đảng", "Hà Nội mới - 05/07/2021 10:15", "Chia sẻ", BODY, "Tuấn Hưng")
    assert lay.published == datetime(2021, 7, 5, 10, 15)
    assert lay.authors == ["Tuấn Hưng"]
    assert lay.paragraphs == [BODY]


def test_a_piped_header_line_gives_date_and_author():
    lay = page("Facebook Twitter Zalo", "Cỡ chữ: A A A", "Ngày đăng: 05/07/2021 | Lượt xem: 1234 | Tác giả: Nguyễn Văn An",
               "Nghệ An tổng kết công tác Đảng", BODY, "Đăng bởi: admin")
    assert (lay.title, lay.published, lay.authors) == ("Nghệ An tổng kết công tác Đảng", date(2021, 7, 5), ["Nguyễn Văn An"])
    assert lay.paragraphs == [BODY]


def test_an_upper_case_section_label_above_the_title_is_not_the_title_or_an_author():
    lay = page("Thứ Sáu, 09-07-2021, 10:25", "NGHỆ AN", "Nghệ An kiện toàn tổ chức bộ máy", "Bài và ảnh: TRUNG HƯNG", BODY)
    assert lay.title == "Nghệ An kiện toàn tổ chức bộ máy"
    assert lay.authors == ["Trung Hưng"]


@pytest.mark.parametrize("line, authors", [
    ("Minh Anh (tổng hợp)", ["Minh Anh"]),
    ("T.H", ["T.H"]),
    ("PV (tổng hợp)", []),
    ("BAN TUYÊN GIÁO TỈNH ỦY", []),
    ("Bài: Hồng Nhung; Ảnh: Quang Vinh", ["Hồng Nhung"]),
])
def test_byline_notes_initials_and_organs(line, authors):
    b = read_byline(line, tail=True)
    assert (b.authors if b else []) == authors


def test_the_agency_tag_opening_the_lead_names_the_source():
    lay = page("Hà Nội sơ kết Chỉ thị 05", "(ĐCSVN) - " + BODY, BODY2)
    assert lay.source == "ĐCSVN"


def test_a_short_category_line_above_a_longer_headline_is_skipped():
    lay = page("Chính trị - Xây dựng Đảng", "05/07/2021", "Nghệ An tổng kết công tác xây dựng Đảng năm 2021", BODY)
    assert lay.title == "Nghệ An tổng kết công tác xây dựng Đảng năm 2021"


def test_a_short_headline_alone_is_kept():
    lay = page("Quyết tâm chỉnh đốn", BODY, BODY2)
    assert lay.title == "Quyết tâm chỉnh đốn"


def test_a_name_with_time_and_date_under_the_title_is_a_byline():
    lay = page("Tổng Bí thư trong lòng người dân Thanh Xuyên", "Thu Hà 14:20, 24/07/2024", BODY)
    assert lay.published == datetime(2024, 7, 24, 14, 20)
    assert lay.authors == ["Thu Hà"]


@pytest.mark.parametrize("line", ["05 Tháng Bảy, 2021", "Tháng Bảy 5, 2021", "Thứ Hai, 5 tháng 7, 2021 lúc 10:20 sáng"])
def test_it_reads_month_names_as_wordpress_sites_print_them(line):
    lay = page("Huyện ủy Quỳnh Lưu sơ kết công tác Đảng", line, BODY)
    assert lay.published.isoformat()[:10] == "2021-07-05"


def test_dates_in_a_list_of_other_articles_are_not_the_page_date():
    lay = page("Hội nghị Tỉnh ủy Nghệ An", BODY, BODY2, "Minh Tâm", "Hà Tĩnh sơ kết Chỉ thị 05", "Nghệ An kết nạp đảng viên",
               "Quỳnh Lưu tổng kết năm", "12/05/2021")
    assert lay.published is None
    assert lay.authors == ["Minh Tâm"]


def test_a_name_next_to_the_date_under_the_title_is_the_author():
    lay = page("Hội nghị Tỉnh ủy Đắk Lắk", "Minh Châu", "05/07/2021 08:00", BODY, BODY2)
    assert lay.authors == ["Minh Châu"]
    assert lay.paragraphs == [BODY, BODY2]


def test_headlines_listed_after_the_closing_byline_are_not_body():
    lay = page("Hội nghị Tỉnh ủy Nghệ An", BODY, BODY2, "Minh Tâm",
               "Bí thư Tỉnh ủy Hà Tĩnh Hoàng Trung Dũng làm việc với huyện Kỳ Anh về công tác xây dựng Đảng",
               "Quảng Bình kết nạp hơn 2.000 đảng viên mới trong năm 2023")
    assert lay.authors == ["Minh Tâm"]
    assert lay.paragraphs == [BODY, BODY2]


def test_a_wordpress_party_site_with_menu_and_site_name():
    lay = page("Skip to content", "Đảng bộ huyện Quỳnh Lưu", "Trang chủ", "Giới thiệu", "Tin tức", "Văn bản", "Liên hệ",
               "Huyện ủy Quỳnh Lưu tổng kết công tác xây dựng Đảng năm 2023", "Tháng Mười Hai 28, 2023",
               "Tin hoạt động", BODY, "hoi-nghi-1.jpg", "Quang cảnh hội nghị", BODY2,
               "Văn Phú – Trung tâm VHTT huyện", "Chia sẻ:", "Facebook", "Bài viết liên quan",
               "Quỳnh Lưu: Khai giảng lớp bồi dưỡng kết nạp Đảng", "Tháng Mười Hai 20, 2023")
    assert lay.title == "Huyện ủy Quỳnh Lưu tổng kết công tác xây dựng Đảng năm 2023"
    assert lay.published == date(2023, 12, 28)
    assert lay.authors == ["Văn Phú"]
    assert lay.paragraphs == [BODY, BODY2]
    assert lay.captions == ["Quang cảnh hội nghị"]


@pytest.mark.parametrize("line", ["Hội nghị Tỉnh ủy lần thứ 12 - Báo Cần Thơ Online",
                                  "Hội nghị Tỉnh ủy lần thứ 12 | baoquangninh.com.vn"])
def test_a_site_name_appended_to_the_headline_is_dropped(line):
    assert page(line, BODY).title == "Hội nghị Tỉnh ủy lần thứ 12"


def test_a_dash_inside_a_headline_is_kept():
    assert page("Kinh tế - xã hội tăng trưởng khá", BODY).title == "Kinh tế - xã hội tăng trưởng khá"


def test_interview_lines_opening_with_pv_are_body_not_bylines():
    q = "PV: Thưa đồng chí, xin đồng chí cho biết những kết quả nổi bật trong công tác xây dựng Đảng năm qua?"
    lay = page("Phỏng vấn Bí thư Huyện ủy Krông Búk", BODY, q, BODY2)
    assert q in lay.paragraphs
    assert lay.authors == []


def test_the_posting_date_wins_over_the_update_date():
    lay = page("Hội nghị Tỉnh ủy Nghệ An", "Cập nhật: 06/07/2021 09:00", "Ngày đăng: 05/07/2021 08:00", BODY)
    assert lay.published == datetime(2021, 7, 5, 8, 0)


def test_a_paragraph_broken_across_lines_is_joined():
    lay = page("Hội nghị Tỉnh ủy Nghệ An", "Sáng 12/3, Ban Thường vụ Tỉnh ủy tổ chức hội nghị sơ kết công tác",
               "xây dựng Đảng quý I, đánh giá kết quả thực hiện nhiệm vụ và đề ra giải pháp cho thời gian tới.", BODY2)
    assert lay.paragraphs == [BODY, BODY2]


def test_left_over_html_is_cleaned():
    lay = page("<h1>Hội nghị Tỉnh ủy Nghệ An</h1>", "<p>Sáng 12/3, Ban Thường vụ Tỉnh ủy tổ chức hội nghị &quot;sơ kết&quot; "
               "công tác xây dựng Đảng quý I.</p>", BODY2)
    assert lay.title == "Hội nghị Tỉnh ủy Nghệ An"
    assert lay.paragraphs[0] == ('Sáng 12/3, Ban Thường vụ Tỉnh ủy tổ chức hội nghị "sơ kết" '
                                 'công tác xây dựng Đảng quý I.')


def test_the_date_in_the_site_bar_is_not_the_article_date():
    lay = page("Thứ Bảy, 22/11/2026 | Liên hệ | Sơ đồ site", "Trang chủ", "Tin tức", "Xây dựng Đảng",
               "Hội nghị Tỉnh ủy Nghệ An", "05/07/2021 08:00", BODY)
    assert lay.published == datetime(2021, 7, 5, 8, 0)


def test_a_site_bar_date_alone_is_not_a_publication_date():
    lay = page("Thứ Bảy, 22/11/2026 | Liên hệ | Sơ đồ site", "Hội nghị Tỉnh ủy Nghệ An", BODY)
    assert lay.published is None


def test_the_page_title_with_site_name_and_the_headline_are_one_title():
    lay = page("Hội nghị Tỉnh ủy Nghệ An lần thứ 12 - Báo Nghệ An", "05/07/2021", "Hội nghị Tỉnh ủy Nghệ An lần thứ 12", BODY)
    assert lay.title == "Hội nghị Tỉnh ủy Nghệ An lần thứ 12"
    assert lay.paragraphs == [BODY]


@pytest.mark.parametrize("line, authors", [("ĐOÀN THANH NIÊN", []), ("Kim Ngân", ["Kim Ngân"]), ("Kim Chi", ["Kim Chi"])])
def test_organisation_lines_are_not_authors_but_pen_names_are(line, authors):
    b = read_byline(line, tail=True)
    assert (b.authors if b else []) == authors


def test_a_menu_bar_printed_on_one_line_is_not_the_title():
    lay = page("Trang chủ Giới thiệu Tin tức Văn bản Liên hệ", "Đổi mới nội dung sinh hoạt chi bộ ở An Giang", BODY)
    assert lay.title == "Đổi mới nội dung sinh hoạt chi bộ ở An Giang"


def test_a_given_name_spelt_like_bao_is_an_author_not_a_paper():
    lay = page("Hội nghị Thành ủy Hà Nội", BODY, BODY2, "Theo Bảo Ngọc/tinhuyhanoi.vn")
    assert (lay.authors, lay.source) == (["Bảo Ngọc"], "tinhuyhanoi.vn")


def test_the_photo_credit_closes_the_caption_block():
    line = "Đồng chí Chủ tịch UBND tỉnh Nguyễn Tiến Luận nhấn mạnh, thời gian tới cần tập trung khắc phục hạn chế."
    lay = page("Hội nghị Tỉnh ủy Bắc Ninh", BODY, "IMG_891217931393.jpg", "Ảnh: Hồng Nhung", line, "Hồng Nhung")
    assert line in lay.paragraphs
    assert lay.authors == ["Hồng Nhung"]


def test_a_one_sentence_paragraph_with_a_post_is_body_not_a_caption():
    line = "Đồng chí Đỗ Bá Chiến, Bí thư Tỉnh ủy chủ trì hội nghị."
    lay = page("Hội nghị Tỉnh ủy Nghệ An", BODY, line, BODY2)
    assert line in lay.paragraphs


@pytest.mark.parametrize("line, authors, source", [
    ("Lâm Vĩ - Anh Dũng - 05/07/2021", ["Lâm Vĩ", "Anh Dũng"], ""),
    ("Báo Cần Thơ - 05/07/2021", [], "Báo Cần Thơ"),
])
def test_names_or_paper_then_date_under_the_title(line, authors, source):
    lay = page("Hội nghị Thành ủy Cần Thơ", line, BODY)
    assert (lay.authors, lay.source, lay.published) == (authors, source, date(2021, 7, 5))


def test_a_date_far_above_the_headline_past_the_menus_is_the_sites_today():
    lay = page("Thứ Bảy, 22/11/2026", "Trang chủ", "Giới thiệu", "Tin tức", "Văn bản", "Liên hệ", "Tìm kiếm",
               "Hội nghị Tỉnh ủy Nghệ An", BODY)
    assert lay.published is None


def test_relative_times_and_comment_prompts_are_chrome():
    lay = page("Hà Tĩnh hướng tới Đại hội Đảng bộ tỉnh", "2 tháng 2 tuần trước", BODY, "Viết bình luận", "Tin liên quan")
    assert (lay.published, lay.paragraphs) == (None, [BODY])


def test_a_text_that_opens_with_its_paragraph_has_no_title():
    lay = page(BODY + " Đồng chí Trần Sinh Toàn - Bí thư Huyện ủy chủ trì hội nghị với sự tham dự của các đại biểu.")
    assert lay.title == ""


def test_the_given_name_anh_is_no_photo_credit():
    line = "Đồng chí Nguyễn Tuấn Anh - Bí thư Huyện ủy cho biết huyện đã kết nạp 120 đảng viên trong năm."
    lay = page("Hội nghị Huyện ủy Yên Thành", BODY, line, BODY2)
    assert line in lay.paragraphs
    assert lay.photographers == []


def test_an_upper_case_site_name_above_a_headline_is_not_the_title():
    lay = page("ĐÀI PHÁT THANH VÀ TRUYỀN HÌNH THANH HÓA", "Thanh Hoa Radio and Television",
               "Bí thư Tỉnh ủy làm việc với Ban Thường vụ Huyện ủy Thiệu Hóa", BODY)
    assert lay.title == "Bí thư Tỉnh ủy làm việc với Ban Thường vụ Huyện ủy Thiệu Hóa"


def test_an_upper_case_headline_alone_is_kept():
    lay = page("HỘI NGHỊ BAN CHẤP HÀNH ĐẢNG BỘ TỈNH LẦN THỨ 8", BODY)
    assert lay.title == "HỘI NGHỊ BAN CHẤP HÀNH ĐẢNG BỘ TỈNH LẦN THỨ 8"


def test_a_lower_case_date_line_under_the_title_is_not_joined_to_it():
    lay = page("Hội nghị Ban Chấp hành Đảng bộ tỉnh Nghệ An lần thứ 12", "đăng lúc 10:00 05/07/2021", BODY)
    assert lay.title == "Hội nghị Ban Chấp hành Đảng bộ tỉnh Nghệ An lần thứ 12"
    assert lay.published == datetime(2021, 7, 5, 10, 0)


def test_a_closing_byline_with_a_photo_credit():
    lay = page("Hội nghị Tỉnh ủy Nghệ An", BODY, BODY2, "Minh Tâm - Ảnh: Quang Vinh")
    assert (lay.authors, lay.photographers) == (["Minh Tâm"], ["Quang Vinh"])


def test_a_stamp_printed_under_the_lead_paragraph_is_the_pages_date():
    text = (
        "Trưởng Ban Tổ chức Trung ương làm việc với Tỉnh ủy Yên Bái\n"
        "(ĐCSVN) - Ngày 15/9, đoàn công tác của Ban Tổ chức Trung ương đã làm việc với Ban Thường vụ Tỉnh ủy Yên Bái về công tác cán bộ.\n"
        "Thứ Sáu, 15/09/2023 14:32 (GMT+7)\n"
        "Báo cáo cho biết, Đảng bộ tỉnh đã triển khai nhiều giải pháp nâng cao chất lượng tổ chức cơ sở đảng trong năm 2023.\n"
    )
    layout = parse_layout(text)
    assert layout.published == datetime(2023, 9, 15, 14, 32)


def test_a_bare_date_under_the_lead_paragraph_is_not_taken():
    text = (
        "Yên Bái sơ kết công tác xây dựng Đảng\n"
        "Ngày 15/9, Ban Thường vụ Tỉnh ủy Yên Bái đã họp sơ kết công tác xây dựng Đảng 9 tháng đầu năm 2023.\n"
        "15/09/2022\n"
        "Báo cáo cho biết, Đảng bộ tỉnh đã triển khai nhiều giải pháp nâng cao chất lượng tổ chức cơ sở đảng.\n"
    )
    assert parse_layout(text).published is None


def test_a_site_name_above_the_date_is_not_the_headline():
    text = (
        "Báo Hà Tĩnh điện tử\n"
        "2021-07-05T09:15:00+07:00\n"
        "Hương Khê kiểm điểm theo tinh thần Nghị quyết Trung ương 4\n"
        "Ngày 4/7, Ban Thường vụ Huyện ủy Hương Khê tổ chức hội nghị kiểm điểm tập thể, cá nhân theo tinh thần Nghị quyết Trung ương 4 khóa XII.\n"
    )
    layout = parse_layout(text)
    assert layout.title == "Hương Khê kiểm điểm theo tinh thần Nghị quyết Trung ương 4"
    assert layout.published == datetime(2021, 7, 5, 9, 15)


def test_an_agency_tag_before_the_headline_is_dropped():
    text = (
        "Thứ Hai, 12/3/2018\n"
        "(BQN) - Ban Tuyên giáo Tỉnh ủy Quảng Ngãi học tập Quy định 08\n"
        "Sáng 12-3, Ban Tuyên giáo Tỉnh ủy Quảng Ngãi tổ chức hội nghị quán triệt các văn bản mới của Trung ương về công tác xây dựng Đảng.\n"
    )
    assert parse_layout(text).title == "Ban Tuyên giáo Tỉnh ủy Quảng Ngãi học tập Quy định 08"


def test_a_headline_that_starts_with_bao_cao_is_still_a_headline():
    text = (
        "05/07/2021\n"
        "Báo cáo viên Trung ương quán triệt Nghị quyết tại Bắc Giang\n"
        "Ngày 4/7, Ban Tuyên giáo Tỉnh ủy Bắc Giang tổ chức hội nghị báo cáo viên quý III năm 2021 cho cán bộ chủ chốt của tỉnh.\n"
    )
    assert parse_layout(text).title == "Báo cáo viên Trung ương quán triệt Nghị quyết tại Bắc Giang"
