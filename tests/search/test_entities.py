"""Queries that name a document, an official or a place find and rank what cites them."""
from datetime import date

import pytest

from archive.search import search

from .factories import ids, make_article, make_locality, make_official, make_resolution

pytestmark = pytest.mark.django_db


@pytest.fixture
def resolution_04():
    return make_resolution("04-NQ/TW", number="04", term="XII", aliases=[
        "Nghị quyết Trung ương 4 (khóa XII)", "NQTW4", "Nghị quyết số 04-NQ/TW"])


@pytest.fixture
def citing_04(resolution_04):
    """Four articles citing 04-NQ/TW under four names, and two that only share words."""
    cited = [
        make_article("Sơ kết", "Thực hiện Nghị quyết số 04-NQ/TW của Trung ương.",
                     cites=[(resolution_04, ["Nghị quyết số 04-NQ/TW"])], published=date(2021, 7, 5)),
        make_article("Kiểm điểm", "Gắn với thực hiện NQTW4 trong toàn Đảng bộ.",
                     cites=[(resolution_04, ["NQTW4"])], published=date(2020, 8, 7)),
        make_article("Thực hiện Nghị quyết Trung ương 4 (Khoá XII)", "Đảng bộ thành phố triển khai.",
                     cites=[(resolution_04, ["Nghị quyết Trung ương 4 (Khoá XII)"])], published=None),
        make_article("Đoàn công tác", "Tổ chức thực hiện nghị quyết Trung ương 4 khóa XII về xây dựng Đảng.",
                     cites=[(resolution_04, ["nghị quyết Trung ương 4 khóa XII"])], published=date(2022, 9, 30)),
    ]
    others = [
        make_article("Nghị quyết mới", "Nghị quyết 04 của Hội đồng nhân dân tỉnh ban hành ngày 04/5.",
                     published=date(2024, 1, 1)),
        make_article("Nghị quyết Trung ương", "Nghị quyết của Trung ương về kinh tế.", published=date(2024, 2, 1)),
    ]
    return cited, others


@pytest.mark.parametrize("typed", [
    "Nghị quyết 04-NQ/TW", "04-NQ/TW", "NQTW4", "nqtw4", "nghi quyet 04-nq/tw", "Nghị quyết Trung ương 4 khóa XII",
    "nghi quyet trung uong 4 khoa xii", "Nghị quyết Trung ương 4 (Khoá XII)",
])
def test_a_document_query_lists_every_citing_article_first(citing_04, typed):
    cited, _ = citing_04
    result = ids(search(typed))
    assert sorted(result[:4]) == sorted(a.pk for a in cited)


def test_an_article_citing_the_document_matches_though_it_never_writes_the_number(citing_04):
    cited, _ = citing_04
    assert cited[2].pk in ids(search("04-NQ/TW"))
    assert cited[1].pk in ids(search("Nghị quyết 04-NQ/TW"))


def test_a_document_query_can_be_narrowed_by_other_words(citing_04):
    cited, _ = citing_04
    assert ids(search("NQTW4 xây dựng")) == [cited[3].pk]


def test_kind_and_number_find_the_document_in_the_database():
    r59 = make_resolution("59-NQ/TW", number="59", aliases=["Nghị quyết số 59"])
    target = make_article("Tập trung thực hiện", "Nhất là Nghị quyết số 59 của Bộ Chính trị.",
                          cites=[(r59, ["Nghị quyết số 59"])], published=date(2022, 1, 17))
    make_article("Số liệu", "Có 59 nghị quyết được quyết nghị.", published=date(2023, 1, 1))
    assert ids(search("nghi quyet 59"))[0] == target.pk
    assert ids(search("Nghị quyết số 59"))[0] == target.pk


def test_kind_and_number_find_a_catalogued_document_no_article_wrote_in_full():
    # 05-CT/TW is in the catalog; the article only says "Chỉ thị 05"
    resolution = make_resolution("05-CT/TW", kind="Chỉ thị", number="05")
    article = make_article("Học tập", "Gắn với Chỉ thị 05 về học tập và làm theo.",
                           cites=[(resolution, ["Chỉ thị 05"])])
    assert ids(search("05-CT/TW")) == [article.pk]
    assert ids(search("chi thi 05")) == [article.pk]


def test_a_query_naming_an_official_ranks_their_appearances_first():
    official = make_official("Trần Việt Trường")
    appears = make_article("Họp Thành ủy", "Đồng chí Trần Việt Trường chủ trì.", officials=[official],
                           published=date(2020, 1, 1))
    mentioned = make_article("Tin Trần Việt", "Ông Trường ở phố Trần Việt.", published=date(2024, 1, 1))
    assert ids(search("Trần Việt Trường")) == [appears.pk, mentioned.pk]
    assert ids(search("tran viet truong")) == [appears.pk, mentioned.pk]


def test_a_query_naming_a_place_ranks_its_articles_first():
    co_do = make_locality("Cờ Đỏ")
    place = make_article("Huyện ủy họp", "Huyện ủy Cờ Đỏ tổng kết năm.", places=[(co_do, True)],
                         published=date(2020, 1, 1))
    flag = make_article("Lá cờ đỏ", "Cờ đỏ sao vàng tung bay, đỏ rực.", published=date(2024, 1, 1))
    assert ids(search("Cờ Đỏ")) == [place.pk, flag.pk]
    assert ids(search("co do"))[0] == place.pk


def test_a_place_inside_an_officials_name_is_not_taken_for_the_place():
    from archive.search import entities
    from archive.search.query import parse

    thanh_hoa = make_locality("Thanh Hóa", kind="tỉnh", level=1)
    official = make_official("Bùi Thanh Hoa")
    appears = make_article("Hội nghị cán bộ", "Đồng chí Bùi Thanh Hoa phát biểu.", officials=[official],
                           published=date(2019, 1, 1))
    province = [make_article(f"Tỉnh Thanh Hóa tin {n}", "Tỉnh Thanh Hóa tổng kết, đồng chí Hoa dự.",
                             places=[(thanh_hoa, True)], published=date(2024, 1, n + 1)) for n in range(3)]

    def named(text):
        found = entities.resolve(parse(text))
        return found.official_ids, found.locality_ids

    assert named("Bùi Thanh Hoa") == ([official.pk], [])
    assert named("bui thanh hoa") == ([official.pk], [])
    assert ids(search("Bùi Thanh Hoa"))[0] == appears.pk
    # the place is still named when the query names it apart from the person, or announces it
    assert named("Bùi Thanh Hoa Thanh Hóa") == ([official.pk], [thanh_hoa.pk])
    assert named("Bùi Thanh Hoa tỉnh Thanh Hóa") == ([official.pk], [thanh_hoa.pk])
    assert named("Thanh Hóa") == ([], [thanh_hoa.pk])
    assert ids(search("Thanh Hóa"))[:3] == [a.pk for a in reversed(province)]


def test_namesakes_are_all_named_and_still_hide_the_place_inside_their_name():
    from archive.models import Official
    from archive.search import entities
    from archive.search.query import parse

    make_locality("Thanh Hóa", kind="tỉnh", level=1)
    one = make_official("Bùi Thanh Hoa")
    other = Official.objects.create(name="Bùi Thanh Hoa", slug="bui-thanh-hoa-2")  # another province's
    found = entities.resolve(parse("Bùi Thanh Hoa"))
    assert (found.official_ids, found.locality_ids) == (sorted([one.pk, other.pk]), [])


def test_a_name_that_is_exactly_a_places_name_keeps_both():
    from archive.search import entities
    from archive.search.query import parse

    place = make_locality("Cẩm Lệ", kind="quận", level=2)
    person = make_official("Cẩm Lệ")  # a bad extraction, kept until an editor merges it
    found = entities.resolve(parse("Cẩm Lệ"))
    assert (found.official_ids, found.locality_ids) == ([person.pk], [place.pk])


def test_thanh_uy_uong_bi_finds_the_uong_bi_article_first():
    uong_bi = make_locality("Uông Bí", kind="thành phố")
    target = make_article("Đảng bộ TP Uông Bí triển khai đồng bộ", "Ban Thường vụ Thành ủy Uông Bí lãnh đạo.",
                          places=[(uong_bi, True)], published=None)
    make_article("Thành ủy Cần Thơ sơ kết", "Bí thư Thành ủy phát biểu tại hội trường Trung ương.",
                 published=date(2022, 1, 1))
    assert ids(search("Thành uỷ Uông Bí"))[0] == target.pk


def test_a_commune_named_with_common_words_needs_its_kind_word():
    commune = make_locality("Đoàn Kết", kind="xã", level=3)
    linked = make_article("Tin xã", "Xã Đoàn Kết về đích nông thôn mới.", places=[(commune, True)],
                          published=date(2019, 1, 1))
    unity = make_article("Đoàn kết nội bộ", "Giữ gìn đoàn kết trong Đảng.", published=date(2024, 1, 1))
    assert ids(search("đoàn kết"))[0] == unity.pk  # title, and the word, not the commune
    assert ids(search("xã Đoàn Kết"))[0] == linked.pk


def test_document_names_are_indexed_once_and_follow_new_aliases(citing_04, resolution_04, monkeypatch):
    from archive.search import entities
    from archive.search.query import parse

    def named(text):
        return entities.resolve(parse(text)).resolution_ids

    alias = "Nghị quyết về tăng cường xây dựng, chỉnh đốn Đảng năm 2016"
    assert named(alias) == []
    resolution_04.aliases = [*resolution_04.aliases, alias]
    resolution_04.save()  # an editor's alias: no article changes, so the data version stays
    monkeypatch.setattr(entities, "NAMES_SECONDS", 0)
    assert named(alias) == [resolution_04.pk]
    assert named("NQTW4 và 04-NQ/TW") == [resolution_04.pk]
