"""Every page is reachable by links from the home page, and no link leads to an error."""
import re
from urllib.parse import urldefrag

import pytest

pytestmark = pytest.mark.django_db
LINK = re.compile(r'href="(/[^"]*)"')


def _crawl(client, *, start: str = "/", limit: int = 300, with_query: int = 40) -> dict[str, int]:
    """Breadth first over plain paths, plus the first few links with a query (facets, pages)."""
    seen: dict[str, int] = {}
    queue = [start]
    queried = 0
    while queue and len(seen) < limit:
        path = urldefrag(queue.pop(0).replace("&amp;", "&"))[0]
        if path in seen or path.startswith(("/static/", "/admin/", "/i18n/")):
            continue
        if "?" in path:
            if queried >= with_query:
                continue
            queried += 1
        response = client.get(path)
        seen[path] = response.status_code
        if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
            queue.extend(LINK.findall(response.content.decode()))
    return seen


def test_every_kind_of_page_is_reachable_from_home_and_none_fails(client, sample):
    seen = _crawl(client)
    assert {code for code in seen.values()} == {200}, {p: c for p, c in seen.items() if c != 200}
    kinds = {"/articles/", "/officials/", "/resolutions/", "/localities/", "/search/", "/api/"}
    for kind in kinds:
        assert any(p.startswith(kind) and p != kind for p in seen), kind
    for a in sample["articles"]:
        assert a.get_absolute_url() in seen
    for o in sample["officials"].values():
        assert o.get_absolute_url() in seen
    for r in sample["resolutions"].values():
        assert r.get_absolute_url() in seen
    for p in sample["places"].values():
        assert p.get_absolute_url() in seen
