"""Entity links inside a paragraph: escaped, longest first, whole words only."""
from archive.templatetags.archive_tags import link_entities, page_url, with_params


def test_it_escapes_the_text_around_links():
    html = link_entities(text="<b>Cần Thơ</b> & Hậu Giang", links=[("Cần Thơ", "/localities/can-tho/", "locality")])
    assert html == ('&lt;b&gt;<a class="entity entity-locality" href="/localities/can-tho/">Cần Thơ</a>'
                    '&lt;/b&gt; &amp; Hậu Giang')


def test_it_prefers_the_longest_mention():
    links = [("Nghị quyết 04", "/short/", "resolution"), ("Nghị quyết 04-NQ/TW", "/long/", "resolution")]
    html = link_entities(text="theo Nghị quyết 04-NQ/TW.", links=links)
    assert 'href="/long/">Nghị quyết 04-NQ/TW</a>.' in html and "/short/" not in html


def test_it_links_whole_words_only():
    html = link_entities(text="Hà Namh và Hà Nam", links=[("Hà Nam", "/hn/", "locality")])
    assert html.count("<a ") == 1 and html.endswith('<a class="entity entity-locality" href="/hn/">Hà Nam</a>')


def test_it_ignores_empty_and_one_letter_mentions():
    assert link_entities(text="a b", links=[("", "/x/", "official"), ("a", "/y/", "official")]) == "a b"


def test_page_and_state_urls_keep_filters_and_drop_blank_values():
    params = {"q": "đảng", "year": "2021", "page": "3", "month": ""}
    assert page_url(params, 2) == "?q=%C4%91%E1%BA%A3ng&year=2021&page=2"
    assert page_url(params, 1) == "?q=%C4%91%E1%BA%A3ng&year=2021"
    assert with_params("/search/feed/", params) == "/search/feed/?q=%C4%91%E1%BA%A3ng&year=2021"
    assert with_params("/search/feed/", {}) == "/search/feed/"
