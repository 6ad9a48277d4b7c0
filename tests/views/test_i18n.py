"""Vietnamese by default, English on request, dates formatted for each language."""
import pytest

pytestmark = pytest.mark.django_db


def test_the_interface_is_vietnamese_by_default(client, sample):
    html = client.get("/search/").content.decode()
    assert '<html lang="vi">' in html
    assert "Lưu trữ tin xây dựng Đảng" in html


def test_english_is_chosen_by_the_language_switcher(client, sample):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/search/"})
    assert response.status_code == 302
    html = client.get("/search/").content.decode()
    assert '<html lang="en">' in html
    assert "Party-building news archive" in html


def test_dates_are_written_the_vietnamese_or_english_way(client, sample):
    path = sample["articles"][1].get_absolute_url()
    assert "5 tháng 7 năm 2021" in client.get(path, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    client.cookies["django_language"] = "en"
    assert "July 5, 2021" in client.get(path).content.decode()


def test_article_text_is_marked_vietnamese_under_an_english_interface(client, sample):
    client.cookies["django_language"] = "en"
    html = client.get(sample["articles"][0].get_absolute_url()).content.decode()
    assert '<html lang="en">' in html
    assert '<div class="article-body" lang="vi">' in html and 'class="article-title" lang="vi"' in html
