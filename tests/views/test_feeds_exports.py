"""Atom feeds for searches, places, documents and officials; the streamed CSV of any result set."""
import csv
import io
import xml.etree.ElementTree as ET

import pytest

from tests.views import factories

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(response) -> list[str]:
    root = ET.fromstring(response.content)
    return [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]


def _csv(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def test_search_feed_is_atom_and_honours_filters(client, sample):
    response = client.get("/search/feed/", {"locality": "quang-ninh"})
    assert response["Content-Type"].startswith("application/atom+xml")
    assert sorted(_entries(response)) == sorted(
        ["Quảng Ninh tổng kết công tác xây dựng Đảng năm 2022",
         "Thực hiện Nghị quyết Trung ương 4: Đảng bộ TP Uông Bí triển khai đồng bộ"])


def test_official_feed_lists_their_articles_newest_first(client, sample):
    titles = _entries(client.get("/officials/tran-viet-truong-can-tho/feed/"))
    assert titles[0].startswith("Tập trung thực hiện") and len(titles) == 3


def test_resolution_and_locality_feeds(client, sample):
    assert len(_entries(client.get("/resolutions/59-nq-tw/feed/"))) == 2
    assert len(_entries(client.get("/localities/co-do-can-tho/feed/"))) == 2


@pytest.mark.parametrize("path", ["/officials/x/feed/", "/resolutions/x/feed/", "/localities/x/feed/"])
def test_feeds_of_unknown_things_are_404(client, db, path):
    assert client.get(path).status_code == 404


def test_csv_is_streamed_with_a_header_and_every_matching_row(client, sample):
    response = client.get("/search/export.csv")
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    assert len(rows) == 6
    assert set(rows[0]) >= {"id", "published", "title", "url", "locality", "officials", "documents"}


def test_csv_honours_every_filter(client, sample):
    rows = _csv(client.get("/search/export.csv", {"official": "tran-viet-truong-can-tho", "year": "2022"}))
    assert [r["title"] for r in rows] == ["Tập trung thực hiện có hiệu quả Nghị quyết số 59 của Bộ Chính trị"]
    assert "Phạm Văn Hiểu" in rows[0]["officials"] and rows[0]["documents"] == "59-NQ/TW"


def test_csv_has_no_row_limit(client, db):
    place = factories.place("Hà Nội")
    for n in range(120):
        factories.article(f"Bài số {n}", published=None, paragraphs=["x"], places=[place])
    assert len(_csv(client.get("/search/export.csv"))) == 120


def test_csv_of_an_empty_database_is_just_the_header(client, db):
    body = b"".join(client.get("/search/export.csv").streaming_content).decode("utf-8-sig")
    assert body.strip().startswith("id,published,title") and len(body.strip().splitlines()) == 1
