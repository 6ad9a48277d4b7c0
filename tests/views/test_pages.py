"""Every HTML page renders, links to the others and shows what it promises."""
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_shows_search_box_facets_and_latest_articles(client, sample):
    html = client.get("/").content.decode()
    assert 'role="search"' in html and 'name="q"' in html
    assert "Quảng Ninh tổng kết công tác xây dựng Đảng năm 2022" in html
    assert 'data-facet="locality"' in html and 'data-facet="official"' in html


def test_home_works_on_an_empty_database(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "ingest" in response.content.decode()


@pytest.mark.parametrize("path", ["/", "/search/", "/officials/", "/resolutions/", "/localities/",
                                  "/search/?q=anything&year=2020"])
def test_every_page_answers_on_an_empty_database(client, db, path):
    assert client.get(path).status_code == 200


def test_search_page_lists_results_with_snippets_and_marks(client, sample):
    html = client.get("/search/", {"q": "Thới Lai"}).content.decode()
    assert "Huyện Thới Lai học tập Nghị quyết 59" in html
    assert "<mark>" in html
    assert "Quảng Ninh tổng kết" not in html


def test_search_page_has_skip_link_landmarks_and_labels(client, sample):
    html = client.get("/search/").content.decode()
    assert 'class="skip-link" href="#main"' in html
    for landmark in ('<header', '<main id="main"', '<footer', '<nav', 'role="search"'):
        assert landmark in html
    assert '<label for="q"' in html and '<label for="sort"' in html


def test_search_page_shows_a_remove_chip_per_active_filter(client, sample):
    html = client.get("/search/", {"locality": "can-tho", "year": "2022"}).content.decode()
    assert 'data-remove="locality"' in html and 'data-remove="year"' in html
    assert 'href="/search/?year=2022" data-remove="locality"' in html


def test_search_page_paginates_and_keeps_the_state_in_links(client, sample, settings):
    settings.ARCHIVE_PAGE_SIZE = 2
    html = client.get("/search/", {"source": "baocantho.com.vn"}).content.decode()
    assert 'aria-label="Trang"' in html or 'aria-label="Pages"' in html
    assert "?source=baocantho.com.vn&amp;page=2" in html
    second = client.get("/search/", {"source": "baocantho.com.vn", "page": "2"}).content.decode()
    assert second.count('class="result"') == 2


def test_a_page_past_the_last_one_is_empty_not_an_error(client, sample):
    response = client.get("/search/", {"page": "50"})
    assert response.status_code == 200
    assert 'class="result"' not in response.content.decode()


def test_article_page_links_officials_places_and_documents_in_the_text(client, sample):
    a = sample["articles"][0]
    html = client.get(a.get_absolute_url()).content.decode()
    truong = sample["officials"]["truong"]
    assert f'<a class="entity entity-official" href="{truong.get_absolute_url()}">Trần Việt Trường</a>' in html
    assert 'class="entity entity-resolution" href="/resolutions/04-nq-tw/">Nghị quyết số 04-NQ/TW</a>' in html
    assert 'class="entity entity-locality" href="/localities/co-do-can-tho/">' in html


def test_article_page_keeps_captions_apart_and_shows_authors_and_source(client, sample):
    a = sample["articles"][0]
    html = client.get(a.get_absolute_url()).content.decode()
    captions = html.split('id="captions-heading"')[1]
    assert "phát biểu tại hội nghị" in captions
    assert "phát biểu tại hội nghị" not in html.split('id="captions-heading"')[0]
    assert "Lâm Vĩ" in html
    assert 'href="https://baocantho.com.vn"' in html


def test_article_page_lists_related_articles_by_shared_documents_and_officials(client, sample):
    first, second, *_ = sample["articles"]
    html = client.get(first.get_absolute_url()).content.decode()
    related = html.split("Related articles" if "Related articles" in html else "Bài liên quan")[1]
    assert second.get_absolute_url() in related


def test_unknown_or_enormous_article_ids_are_404(client, sample):
    assert client.get("/articles/999999/").status_code == 404
    assert client.get("/articles/" + "9" * 40 + "/").status_code == 404


def test_official_page_shows_every_appearance_oldest_first_with_positions(client, sample):
    truong = sample["officials"]["truong"]
    html = client.get(truong.get_absolute_url()).content.decode()
    first = html.index("Sáng tạo trong tư duy")
    later = html.index("Tập trung thực hiện có hiệu quả")
    assert first < later
    assert "Trưởng Ban Tuyên giáo Thành ủy" in html
    assert "Phó Bí thư Thành ủy, Chủ tịch UBND thành phố" in html


def test_official_timeline_has_one_segment_per_run_of_positions_linked_to_an_article(client, sample):
    truong = sample["officials"]["truong"]
    html = client.get(truong.get_absolute_url()).content.decode()
    segments = re.findall(r'<a class="segment-link" href="([^"]+)">([^<]+)</a>', html)
    assert [s[1] for s in segments] == ["Trưởng Ban Tuyên giáo Thành ủy", "Phó Bí thư Thành ủy, Chủ tịch UBND thành phố"]
    assert segments[0][0] == sample["articles"][0].get_absolute_url()
    assert segments[1][0] == sample["articles"][1].get_absolute_url()


def test_official_page_lists_co_appearing_officials_and_places(client, sample):
    truong = sample["officials"]["truong"]
    html = client.get(truong.get_absolute_url()).content.decode()
    assert sample["officials"]["hieu"].get_absolute_url() in html
    assert sample["officials"]["manh"].get_absolute_url() in html
    assert "/localities/can-tho/" in html


def test_resolution_page_shows_code_kind_term_aliases_and_citing_sentences(client, sample):
    nq04 = sample["resolutions"]["nq04"]
    html = client.get(nq04.get_absolute_url()).content.decode()
    for text in ("04-NQ/TW", "Nghị quyết", "XII", "NQTW4", "về tăng cường xây dựng, chỉnh đốn Đảng"):
        assert text in html
    assert "Huyện Cờ Đỏ quán triệt Nghị quyết số 04-NQ/TW về xây dựng Đảng." in html
    assert html.index("Sáng tạo trong tư duy") < html.index("Ban Thường vụ Thành ủy: Sơ kết")


def test_resolution_page_has_a_table_of_places_by_year(client, sample):
    html = client.get(sample["resolutions"]["nq04"].get_absolute_url()).content.decode()
    table = html.split('id="table-heading"')[1].split("</table>")[0]
    assert "<th scope=\"col\">2020</th>" in table and "<th scope=\"col\">2021</th>" in table
    assert "/localities/can-tho/" in table


def test_locality_page_includes_articles_of_its_districts_and_wards(client, sample):
    html = client.get("/localities/can-tho/").content.decode()
    assert "Huyện Thới Lai học tập Nghị quyết 59" in html  # a district's article
    assert "Tập trung thực hiện có hiệu quả" in html  # names a ward
    assert "Quảng Ninh tổng kết" not in html
    assert "/localities/co-do-can-tho/" in html  # its children


def test_ward_page_shows_parent_chain_and_its_new_name(client, sample):
    html = client.get("/localities/trung-an-co-do-can-tho/").content.decode()
    assert "/localities/co-do-can-tho/" in html and "/localities/can-tho/" in html
    assert "xã Thạnh Phú" in html


def test_locality_page_accepts_search_parameters(client, sample):
    html = client.get("/localities/can-tho/", {"year": "2020"}).content.decode()
    assert "Sáng tạo trong tư duy" in html
    assert "Huyện Thới Lai học tập" not in html


@pytest.mark.parametrize("name", ["official", "resolution", "locality"])
def test_unknown_entity_slugs_are_404(client, db, name):
    assert client.get(reverse(f"archive:{name}", args=["no-such-thing"])).status_code == 404


def test_official_list_counts_articles_and_finds_names_without_accents(client, sample):
    html = client.get("/officials/", {"q": "tran viet"}).content.decode()
    assert "Trần Việt Trường" in html and "Lê Quang Mạnh" not in html


def test_resolution_and_locality_lists_link_every_entry(client, sample):
    html = client.get("/resolutions/").content.decode()
    assert "/resolutions/04-nq-tw/" in html and "/resolutions/59-nq-tw/" in html
    tree = client.get("/localities/").content.decode()
    assert "/localities/can-tho/" in tree and "/localities/co-do-can-tho/" in tree
    assert "/localities/trung-an-co-do-can-tho/" not in tree  # wards: on their district's page
    assert "/localities/trung-an-co-do-can-tho/" in client.get("/localities/co-do-can-tho/").content.decode()


def test_histogram_bars_link_to_their_month(client, sample):
    html = client.get("/search/").content.decode()
    assert 'href="/search/?year=2021&amp;month=7"' in html
    assert "bar h0" in html  # months without articles are drawn empty


def test_pages_use_no_inline_styles_that_the_csp_would_block(client, sample):
    for path in ("/", "/search/", sample["officials"]["truong"].get_absolute_url()):
        assert "style=" not in client.get(path).content.decode()


def test_article_page_keeps_the_text_as_scraped(client, sample):
    a = sample["articles"][2]
    html = client.get(a.get_absolute_url()).content.decode()
    assert '<details class="original">' in html
    assert "Thành ủy Cần Thơ triển khai Nghị quyết 59-NQ/TW" in html.split('<details class="original">')[1]


def test_official_list_has_a_home_place_facet_that_filters_and_can_be_removed(client, sample):
    other = sample["places"]["quang_ninh"]
    from tests.views.factories import official
    official("Trần Việt Trường", home=other)  # a namesake in another province is another official
    html = client.get("/officials/").content.decode()
    assert 'data-facet="locality" data-value="can-tho"' in html
    filtered = client.get("/officials/", {"locality": "quang-ninh"}).content.decode()
    assert "/officials/tran-viet-truong-quang-ninh/" in filtered
    assert "/officials/tran-viet-truong-can-tho/" not in filtered
    assert 'href="/officials/" data-remove="locality"' in filtered


def test_document_list_has_kind_and_term_facets(client, sample):
    from tests.views.factories import resolution
    resolution("05-CT/TW", kind="Chỉ thị", term="XII")
    html = client.get("/resolutions/").content.decode()
    assert 'data-facet="kind" data-value="Chỉ thị"' in html
    only = client.get("/resolutions/", {"kind": "Chỉ thị"}).content.decode()
    assert "/resolutions/05-ct-tw/" in only and "/resolutions/04-nq-tw/" not in only
    assert client.get("/api/resolutions/", {"term": "XII", "kind": "Nghị quyết"}).json()["count"] == 2


def _many_citations(sample, n: int):
    import datetime as dt

    from tests.views.factories import article
    nq59 = sample["resolutions"]["nq59"]
    truong = sample["officials"]["truong"]
    for i in range(n):
        article(f"Học tập Nghị quyết 59 lần {i}", published=dt.date(2023, 1, 1) + dt.timedelta(days=i),
                paragraphs=[f"Triển khai Nghị quyết 59-NQ/TW lần {i}."], places=[sample["places"]["can_tho"]],
                officials=[(truong, ["Bí thư Thành ủy"])], documents=[(nq59, "Nghị quyết 59-NQ/TW")])


def test_a_much_cited_document_pages_its_citing_articles(client, sample):
    _many_citations(sample, 105)
    first = client.get("/resolutions/59-nq-tw/").content.decode()
    assert first.count('class="citation-title"') == 100
    assert "?page=2" in first
    second = client.get("/resolutions/59-nq-tw/", {"page": "2"}).content.decode()
    assert second.count('class="citation-title"') == 7
    assert client.get("/resolutions/59-nq-tw/", {"page": "x"}).status_code == 400


def test_a_long_timeline_segment_lists_a_few_articles_and_links_to_the_rest(client, sample):
    _many_citations(sample, 12)
    html = client.get("/officials/tran-viet-truong-can-tho/").content.decode()
    last = html.split('class="segment"')[-1].split("</ol>")[0]
    assert last.count("Học tập Nghị quyết 59 lần") == 5
    assert ("/search/?official=tran-viet-truong-can-tho&amp;date_from=2023-01-01&amp;date_to=2023-01-12"
            "&amp;sort=oldest") in last
    assert client.get("/officials/tran-viet-truong-can-tho/", {"page": str(10**30)}).status_code == 400


@pytest.mark.django_db
def test_a_search_page_reads_the_data_version_once(client):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/search/?q=Đảng").status_code == 200
    counts = [q["sql"] for q in queries.captured_queries if 'COUNT(*)' in q["sql"] and 'FROM "archive_article"' in q["sql"]
              and "WHERE" not in q["sql"]]
    assert len(counts) == 1
