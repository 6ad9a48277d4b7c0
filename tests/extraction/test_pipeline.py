from archive.extraction import extract
from archive.extraction.pipeline import main_province_or_city
from archive.extraction.result import PlaceMention

DISTRICT_STORY = """Thứ Ba, 04/07/2023 08:00
Huyện ủy Hương Khê kiểm điểm giữa nhiệm kỳ

Ngày 3/7, Ban Thường vụ Huyện ủy Hương Khê, tỉnh Hà Tĩnh tổ chức hội nghị kiểm điểm giữa nhiệm kỳ. Các xã Hương Trạch, Phúc Đồng báo cáo kết quả thực hiện nhiệm vụ xây dựng Đảng năm 2023.

Hội nghị thống nhất nhiều giải pháp nâng cao chất lượng sinh hoạt chi bộ ở các xã trong huyện Hương Khê.
"""

CITY_STORY = """Thứ Ba, 04/07/2023 08:00
Thành ủy Uông Bí sơ kết công tác xây dựng Đảng

Ngày 3/7, Ban Thường vụ Thành ủy Uông Bí, tỉnh Quảng Ninh tổ chức hội nghị sơ kết. Thành ủy Uông Bí đã lãnh đạo các phường triển khai nhiều mô hình mới trong công tác xây dựng Đảng.

TP Uông Bí tiếp tục đẩy mạnh cải cách hành chính, nâng cao chất lượng tổ chức cơ sở đảng.
"""


def test_an_article_about_a_district_is_mainly_about_its_province():
    result = extract(DISTRICT_STORY, name="a.txt")
    assert result.primary_locality.name == "Hà Tĩnh"
    assert "Hương Khê" in [p.name for p in result.localities]


def test_an_article_about_a_provincial_city_keeps_the_city():
    result = extract(CITY_STORY, name="b.txt")
    assert result.primary_locality.name == "Uông Bí"
    assert result.primary_locality.kind == "thành phố"


def test_a_district_primary_becomes_its_province_only_when_the_province_is_named():
    district = PlaceMention(name="Cờ Đỏ", kind="huyện", code="925", level=2, province="Cần Thơ", province_code="92")
    city = PlaceMention(name="Cần Thơ", kind="thành phố", code="92", level=1, province="Cần Thơ", province_code="92")
    assert main_province_or_city(district, places=[district, city]) is city
    assert main_province_or_city(district, places=[district]) is district


def test_no_place_stays_none():
    assert main_province_or_city(None, places=[]) is None
