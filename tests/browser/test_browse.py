"""A researcher's path through the real pages in headless Chromium."""
import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest

from tests.views.factories import build_sample_archive

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def archive(live_server):
    from django.core.cache import cache

    cache.clear()  # counts are cached a minute; every test starts from its own rows
    return build_sample_archive()


def test_search_then_click_a_facet_then_remove_it(page, live_server, archive, shoot):
    page.goto(live_server.url + "/")
    shoot(page, "home")
    page.get_by_role("searchbox").fill("Nghị quyết")
    page.get_by_role("searchbox").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    results = page.locator("li.result")
    total = results.count()
    assert total >= 3
    shoot(page, "search")

    page.locator('a[data-facet="locality"][data-value="quang-ninh"]').click()
    page.wait_for_url(re.compile(r"locality=quang-ninh"))
    assert page.locator("li.result").count() == 1
    assert page.locator('a[data-remove="locality"]').is_visible()
    shoot(page, "search-with-facet")

    page.locator('a[data-remove="locality"]').click()
    page.wait_for_url(re.compile(r"/search/\?q=[^&]+$"))
    assert page.locator("li.result").count() == total


def test_the_province_facet_leads_down_to_its_districts(page, live_server, archive):
    page.goto(live_server.url + "/search/")
    page.locator('a[data-facet="locality"][data-value="can-tho"]').click()
    page.wait_for_url(re.compile(r"locality=can-tho"))
    assert page.locator("li.result").count() == 4
    page.locator('a[data-facet="locality"][data-value="co-do-can-tho"]').click()
    page.wait_for_url(re.compile(r"locality=co-do-can-tho"))
    assert page.locator("li.result").count() == 2


def test_open_an_official_and_follow_a_timeline_segment_to_its_article(page, live_server, archive, shoot):
    page.goto(live_server.url + "/officials/")
    shoot(page, "officials")
    page.get_by_role("link", name="Trần Việt Trường").click()
    page.wait_for_url(re.compile(r"/officials/tran-viet-truong"))
    segments = page.locator("a.segment-link")
    assert segments.count() == 2
    assert segments.nth(0).inner_text() == "Trưởng Ban Tuyên giáo Thành ủy"
    shoot(page, "official")
    segments.nth(1).click()
    page.wait_for_url(re.compile(r"/articles/\d+/"))
    assert "Sơ kết thực hiện Nghị quyết" in page.locator("h1").inner_text()
    shoot(page, "article")


def test_open_a_document_page_from_an_article(page, live_server, archive, shoot):
    page.goto(live_server.url + archive["articles"][0].get_absolute_url())
    page.locator("a.entity-resolution").first.click()
    page.wait_for_url(re.compile(r"/resolutions/04-nq-tw/"))
    assert "04-NQ/TW" in page.locator("h1").inner_text()
    assert page.locator("blockquote.citing-sentence").count() == 3
    assert page.locator("table.data.compact").is_visible()
    shoot(page, "resolution")


def test_place_pages_show_children_and_articles(page, live_server, archive, shoot):
    page.goto(live_server.url + "/localities/")
    shoot(page, "localities")
    page.get_by_role("link", name="Thành phố Cần Thơ").click()
    page.wait_for_url(re.compile(r"/localities/can-tho/"))
    assert page.locator("li.result").count() == 4
    shoot(page, "locality")


def test_download_the_csv_of_a_filtered_search(page, live_server, archive):
    page.goto(live_server.url + "/search/?official=tran-viet-truong-can-tho")
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    download = info.value
    body = open(download.path(), encoding="utf-8-sig").read()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 3
    assert all("Trần Việt Trường" in r["officials"] for r in rows)


def test_read_the_atom_feed_of_a_search(page, live_server, archive):
    page.goto(live_server.url + "/search/?resolution=59-nq-tw")
    href = page.locator('link[rel="alternate"][type="application/atom+xml"]').get_attribute("href")
    response = page.request.get(live_server.url + href)
    assert response.ok
    root = ET.fromstring(response.body())
    titles = [e.findtext("{http://www.w3.org/2005/Atom}title") for e in root.iter("{http://www.w3.org/2005/Atom}entry")]
    assert len(titles) == 2


def test_switch_to_english_and_back(page, live_server, archive):
    page.goto(live_server.url + "/search/")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.locator('.lang-switch button[value="en"]').click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Party-building news archive" in page.locator(".brand").inner_text()


def test_keyboard_users_reach_the_content_with_the_skip_link(page, live_server, archive):
    page.goto(live_server.url + "/search/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_the_search_page_is_usable_on_a_phone(browser, live_server, archive, settings, shoot):
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + "/search/?locality=can-tho")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing forces sideways scrolling
    assert page.get_by_role("searchbox").is_visible()
    shoot(page, "phone-search")
    page.goto(live_server.url + archive["articles"][1].get_absolute_url())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(page, "phone-article")
    context.close()


UNNAMED_CONTROLS = """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button, a[href]')]
  .filter(el => el.offsetParent !== null)
  .filter(el => {
    const labelled = el.labels && el.labels.length > 0;
    const named = (el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.textContent.trim());
    return !(labelled || named);
  })
  .map(el => el.outerHTML.slice(0, 120))"""


@pytest.mark.parametrize("path", ["/", "/search/?q=Nghị quyết", "/officials/", "/resolutions/", "/localities/can-tho/",
                                  "/officials/tran-viet-truong-can-tho/", "/resolutions/04-nq-tw/"])
def test_every_visible_control_has_an_accessible_name(page, live_server, archive, path):
    page.goto(live_server.url + path)
    assert page.evaluate(UNNAMED_CONTROLS) == []
    assert page.locator("main h1").count() == 1
    assert page.locator("header[role=banner], main, footer").count() == 3


def test_the_document_list_filters_by_kind_in_one_click(page, live_server, archive, shoot):
    page.goto(live_server.url + "/resolutions/")
    page.locator('a[data-facet="kind"]').first.click()
    page.wait_for_url(re.compile(r"kind="))
    assert page.locator('a[data-remove="kind"]').is_visible()
    shoot(page, "resolutions")


def test_the_english_interface_reads_well(page, live_server, archive, shoot):
    page.goto(live_server.url + "/search/")
    page.locator('.lang-switch button[value="en"]').click()
    page.wait_for_load_state()
    page.goto(live_server.url + "/officials/tran-viet-truong-can-tho/")
    assert "Timeline of positions" in page.content()
    shoot(page, "official-en")


def test_a_histogram_bar_and_the_date_range_narrow_the_results(page, live_server, archive):
    page.goto(live_server.url + "/search/")
    page.locator('.bars a[href*="year=2021"][href*="month=7"]').click()
    page.wait_for_url(re.compile(r"year=2021.*month=7|month=7.*year=2021"))
    assert page.locator("li.result").count() == 1
    page.goto(live_server.url + "/search/")
    page.locator("details.date-range summary").click()
    page.get_by_label("Từ ngày").fill("2022-01-01")
    page.get_by_label("Đến ngày").fill("2022-06-30")
    page.locator(".range-form button").click()
    page.wait_for_url(re.compile(r"date_from=2022-01-01"))
    assert page.locator("li.result").count() == 2
    assert page.locator('a[data-remove="date_from"]').is_visible()
